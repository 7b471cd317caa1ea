"""Display tables of the budget report, with disclosure decisions applied.

`verborgen` is the set of products whose cost price is suppressed at the inkooptafel. For
those, every figure from which their new tarief could be recomputed is masked: the new
tarief itself, the pgb tarieven derived from it (a percentage of it), and their indicated and
realised volumes (with a volume, a total minus the other products would give the tarief).
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from kostprijs.budget.impact import Budgetimpact
from kostprijs.eenheden import bij_aantal
from kostprijs.onderzoek.onthulling import MARKER
from kostprijs.opmaak import bericht, euro, getal, in_zin, opsomming, procent
from kostprijs.parameters import Jaarparameters
from kostprijs.rapport import teksten


def rekenvoorbeeld_tabel(bi: Budgetimpact, params: Jaarparameters) -> pd.DataFrame:
    """The worked example: lines, then the client's totals (blank cells on total rows)."""
    r, c = bi.rekenvoorbeeld.regels, bi.rekenvoorbeeld.client
    w, factor = params.budget.weken_per_jaar, teksten.gebruiksfactor(params)
    rekenwijze = ["eenmalig" if eenmalig else f"{w} × {factor}" for eenmalig in r["eenmalig"]]
    indicatie = [
        f"{getal(o)} (eenmalig)" if e else f"{getal(o)} {bij_aantal(eenheid, o)} per week"
        for o, e, eenheid in zip(r["omvang"], r["eenmalig"], r["eenheid"], strict=True)
    ]
    totalen = [
        ("Bedrag per jaar", c["bedrag_per_jaar_centen"]),
        (f"Bedrag per {teksten.periode(params)}", c["bedrag_per_periode_centen"]),
    ]
    if bi.periodebudget:
        totalen.append(("Budget per periode (hele euro's)", int(c["budget_per_periode"]) * 100))
        if c["buiten_budget_per_jaar_centen"]:
            totalen.append(("Buiten het budget, per jaar", c["buiten_budget_per_jaar_centen"]))
    leeg = [""] * len(totalen)
    return pd.DataFrame(
        {
            "Productspecificatie": [*r["productspecificatie"], *(t for t, _ in totalen)],
            "Indicatie": [*indicatie, *leeg],
            "Rekenwijze": [*rekenwijze, *leeg],
            "Gebruik per jaar": [*r["gebruik_per_jaar"], *leeg],
            "Tarief": [*r["tarief_centen"], *leeg],
            "Bedrag": [*r["bedrag_per_jaar_centen"], *(b for _, b in totalen)],
        }
    )


def tarieven_tabel(bi: Budgetimpact, verborgen: frozenset[str]) -> pd.DataFrame:
    """One row per tariff line and current tarief (a number per cell) with the new tarief."""
    rijen = []
    for r in bi.tarieven.itertuples():
        nieuw = MARKER if r.productspecificatie in verborgen else r.nieuw_centen
        for huidig in r.huidig_centen or [None]:
            rijen.append(
                {
                    "Productspecificatie": r.regel,
                    "Eenheid": r.eenheid,
                    "Productcode": r.productcode,
                    "Huidig tarief": huidig,
                    "Nieuw tarief": nieuw,
                }
            )
    return pd.DataFrame(rijen)


def pgb_tabel(bi: Budgetimpact, verborgen: frozenset[str]) -> pd.DataFrame:
    """pgb tarieven (new) against the ZIN tarief, with the check that none lies above it."""
    pgb = bi.pgb[bi.pgb["scenario"] == "nieuwe tarieven"]
    rijen = []
    for r in pgb.itertuples():
        product = next(
            t.productspecificatie for t in bi.tarieven.itertuples() if t.regel == r.regel
        )
        geheim = product in verborgen
        rijen.append(
            {
                "Productspecificatie": r.regel,
                "Leveringsvorm": r.leveringsvorm,
                "ZIN-tarief": MARKER if geheim else r.zin_centen,
                "pgb-tarief": MARKER if geheim else min(r.pgb_centen, r.zin_centen),
                "Toets": "hoger dan ZIN: begrensd op het ZIN-tarief"
                if r.boven_zin
                else "niet hoger dan ZIN",
            }
        )
    return pd.DataFrame(rijen)


def aantal_huidige_tarieven(bi: Budgetimpact) -> dict[str, int]:
    """Per tariff line: how many current tarieven it has."""
    return {r.regel: len(r.huidig_centen) for r in bi.tarieven.itertuples()}


def pgb_huidig_boven_zin(bi: Budgetimpact) -> pd.DataFrame:
    """Current pgb tarieven in the list that lie above their ZIN tarief (not allowed)."""
    h = bi.pgb[(bi.pgb["scenario"] == "huidige tarieven") & bi.pgb["boven_zin"]]
    return pd.DataFrame(
        {
            "Productspecificatie": h["regel"],
            "Leveringsvorm": h["leveringsvorm"],
            "ZIN-tarief": h["zin_centen"],
            "pgb-tarief": h["pgb_centen"],
        }
    )


def totalen_tabel(bi: Budgetimpact) -> pd.DataFrame:
    t = bi.totalen
    return pd.DataFrame(
        {
            "Scenario": t["scenario"],
            f"Alle cliënten (n = {getal(bi.aantal_clienten, 0)})": t["alle_clienten_centen"],
            f"Bestaande cliënten (n = {getal(bi.aantal_bestaand, 0)})": t[
                "bestaande_clienten_centen"
            ],
        }
    )


def gebruiksfactoren_tabel(bi: Budgetimpact, verborgen: frozenset[str]) -> pd.DataFrame:
    """Realised use per product; the volumes of suppressed products are masked."""
    g = bi.gebruiksfactoren
    geheim = g["productspecificatie"].isin(verborgen)
    uit = pd.DataFrame(
        {
            "Productspecificatie": g["productspecificatie"],
            "Cliënten": g["clienten"],
            "Geïndiceerd volume": (g["geindiceerd_milli"] / 1000).round(0),
            "Gerealiseerd volume": (g["gerealiseerd_milli"] / 1000).round(0),
            "Gebruiksfactor": g["gebruiksfactor"].round(4),
        }
    ).astype(object)
    uit.loc[geheim, ["Cliënten", "Geïndiceerd volume", "Gerealiseerd volume"]] = MARKER
    return uit


def blootstelling_tabel(bi: Budgetimpact, verborgen: frozenset[str]) -> pd.DataFrame:
    """Realised use per product on exposure (the days each indication ran in the realisation
    year) beside the naive figure (as if every running indication ran the whole year), with
    the client-days behind it; the last rows: weighted by cost, and budget-neutral."""
    g, n = bi.gebruiksfactoren, bi.gebruiksfactoren_naief.set_index("productspecificatie")
    uit = pd.DataFrame(
        {
            "Productspecificatie": g["productspecificatie"],
            "Cliëntdagen": g["clientdagen"],
            "Gebruik, over de looptijd": g["gebruiksfactor"].round(4),
            "Gebruik, hele jaar (oude methode)": n["gebruiksfactor"]
            .reindex(g["productspecificatie"])
            .round(4)
            .to_numpy(),
        }
    ).astype(object)
    uit.loc[g["productspecificatie"].isin(verborgen).to_numpy(), "Cliëntdagen"] = MARKER
    dagen = int(g["clientdagen"].sum())
    uit.loc[len(uit)] = [
        "Alle producten, gewogen naar de kosten",
        dagen,
        round(bi.gebruiksfactor_gewogen, 4),
        round(bi.gebruiksfactor_gewogen_naief, 4),
    ]

    def factor(f):
        return None if f is None else float(f)

    uit.loc[len(uit)] = [
        "Budgetneutrale gebruiksfactor",
        "",
        factor(bi.budgetneutrale_factor),
        factor(bi.budgetneutrale_factor_naief),
    ]
    return uit


def uitgesloten_tabel(bi: Budgetimpact) -> pd.DataFrame:
    """Realisation that does not count, per reason: clients and amount at current tarieven."""
    u = bi.uitgesloten
    reden = [bericht(s, d) for s, d in zip(u["soort"], u["datum"], strict=True)]
    return pd.DataFrame({"Reden": reden, "Cliënten": u["clienten"], "Bedrag": u["centen"]})


def overgang_tabel(bi: Budgetimpact) -> pd.DataFrame:
    o = bi.overgang
    return pd.DataFrame(
        {
            "Grondslag": o["grondslag"],
            "Cliënten": o["clienten"],
            "Som van de periodebudgetten": o["budget_per_periode_totaal"],
            "Per jaar": o["budget_per_periode_totaal"] * bi.perioden_per_jaar,
        }
    )


def verdeling_tabel(bi: Budgetimpact, params: Jaarparameters) -> pd.DataFrame:
    kop = "Periodebudget" if bi.periodebudget else f"Bedrag per {teksten.periode(params)}"
    return pd.DataFrame(
        {
            "Deel van de cliënten met een lager bedrag": bi.verdeling["kwantiel"],
            kop: bi.verdeling["per_periode"],
        }
    )


def aansluiting_tabel(bi: Budgetimpact, params: Jaarparameters) -> pd.DataFrame:
    """Periodebudgets plus products beside the budget make the scenario's total."""
    a = bi.aansluiting
    namen = {
        "periodebudgetten": f"Periodebudgetten × {bi.perioden_per_jaar} "
        f"{teksten.perioden_meervoud(params)}",
        "buiten het periodebudget": "Producten buiten het periodebudget (per eenheid)",
        "totaal": "Totaal bestaande cliënten, nieuwe tarieven (tabel Kosten per jaar)",
    }
    return pd.DataFrame(
        {
            "Onderdeel": [namen[o] for o in a["onderdeel"]],
            "Cliënten": a["clienten"],
            "Per jaar": a["centen"],
        }
    )


def vergelijking_realisatie(bi: Budgetimpact, params: Jaarparameters) -> str:
    """The headline: existing clients at the new tarieven against the realisation, like for
    like (a realisatiejaar of 53 weeks converted to the model's weeks per year)."""
    w = params.budget.weken_per_jaar
    zonder = (
        " (zonder de nieuwe producten, die geen huidig tarief hebben)"
        if bi.nieuwe_producten
        else ""
    )
    zin = (
        f"Met de nieuwe tarieven en een gebruiksfactor van {teksten.gebruiksfactor(params)} "
        f"kosten de bestaande cliënten{zonder} "
        f"{euro(bi.vergelijk_nieuw_bestaand_centen, centen=True, heel=True)} per jaar"
    )
    if not bi.realisatie_omgerekend:
        return (
            f"{zin}, tegen {euro(bi.realisatie_bestaand_centen, centen=True, heel=True)} "
            f"werkelijke uitgaven in {params.realisatiejaar} "
            f"({euro(bi.verschil_met_realisatie_centen, centen=True, heel=True, teken=True)}, "
            f"{procent(bi.verschil_met_realisatie_fractie, 1, teken=True)})."
        )
    return (
        f"{zin} van {w} weken. De werkelijke uitgaven in {params.realisatiejaar} waren "
        f"{euro(bi.realisatie_bestaand_centen, centen=True, heel=True)} over "
        f"{bi.weken_realisatiejaar} weken, omgerekend naar {w} weken "
        f"{euro(bi.realisatie_normjaar_centen, centen=True, heel=True)}. Gelijk vergeleken is "
        f"dat {euro(bi.verschil_normjaar_centen, centen=True, heel=True, teken=True)} "
        f"({procent(bi.verschil_normjaar_fractie, 1, teken=True)}); zonder die omrekening zou "
        f"het {procent(bi.verschil_met_realisatie_fractie, 1, teken=True)} lijken."
    )


def nieuwe_producten(bi: Budgetimpact, params: Jaarparameters, verborgen: frozenset[str]) -> str:
    """How products without a current tarief count: apart from the figures at the current
    tarieven and from the actual spending (their realisation named, without the figures of a
    product that stays hidden). Empty when every product has a current tarief."""
    if not bi.nieuwe_producten:
        return ""
    namen = opsomming(bi.nieuwe_producten)
    zin = (
        f"{namen} {'heeft' if len(bi.nieuwe_producten) == 1 else 'hebben'} geen huidig tarief. "
        "De regels met de huidige tarieven en de werkelijke uitgaven rekenen daarom zonder, en "
        "de vergelijking met de realisatie ook; de kosten tegen het nieuwe tarief staan in een "
        "eigen regel."
    )
    r = bi.realisatie_nieuwe_producten
    if not len(r):
        return zin
    delen = []
    for rij in r.itertuples():
        naam = in_zin(rij.productspecificatie)
        if rij.productspecificatie in verborgen:  # its client count would point at providers
            delen.append(naam)
            continue
        volume = rij.volume_milli / 1000
        eenheid = bij_aantal(params.product(rij.productspecificatie).eenheid, volume)
        wie = "cliënt" if rij.clienten == 1 else "cliënten"
        delen.append(f"{naam} ({getal(rij.clienten, 0)} {wie}, {getal(volume, 0)} {eenheid})")
    return (
        f"{zin} In {params.realisatiejaar} is voor bestaande cliënten ook gedeclareerd voor "
        f"{opsomming(delen)}; dat staat niet in de werkelijke uitgaven, omdat er geen huidig "
        "tarief voor is. Wel telt het mee voor wie een bestaande cliënt is en voor het "
        "overgangsbudget."
    )


def kern(bi: Budgetimpact, params: Jaarparameters) -> list[str]:
    """The key findings of the budget report, in Dutch."""
    neutraal = bi.budgetneutrale_factor
    normjaar = (
        f", omgerekend naar {params.budget.weken_per_jaar} weken"
        if (bi.realisatie_omgerekend)
        else ""
    )
    punten = [
        vergelijking_realisatie(bi, params),
        f"Budgetneutraal (even duur als de realisatie {params.realisatiejaar}{normjaar}) is een "
        "gebruiksfactor van "
        + (procent(neutraal, 2) if neutraal is not None else "– (niet haalbaar)")
        + ".",
        f"In {params.realisatiejaar} gebruikten bestaande cliënten gemiddeld "
        f"{procent(Decimal(repr(bi.gebruiksfactor_gewogen)), 1)} van hun indicatie over de "
        "dagen dat die liep (gewogen naar de kosten).",
    ]
    punten.append(
        teksten.blootstelling_verschil(bi.gebruiksfactor_gewogen, bi.gebruiksfactor_gewogen_naief)
    )
    if bi.beeindigd_clienten:
        redenen = opsomming(
            f"{bericht(r.soort, r.datum)} ({getal(r.clienten, 0)})"
            for r in bi.uitgesloten.itertuples()
        )
        punten.append(
            f"Niet meegeteld: realisatie in {params.realisatiejaar} van "
            f"{getal(bi.beeindigd_clienten, 0)} cliënten "
            f"({euro(bi.beeindigd_centen, centen=True, heel=True)}): {redenen}."
        )
    if bi.buiten_band_paren:
        laag, hoog = params.budget.gebruiksband
        punten.append(
            f"Bij {getal(bi.buiten_band_paren, 0)} combinaties van cliënt en product lag het "
            f"gebruik onder {procent(laag, 0)} of boven {procent(hoog, 0)} van de indicatie "
            f"({euro(bi.buiten_band_centen, centen=True, heel=True)}): waarschijnlijk een "
            "verwisselde eenheid of frequentie (bijvoorbeeld 8 uur per maand als per week); "
            "ze tellen wel mee, de lijst staat in de invoercontrole."
        )
    if bi.zonder_elfproef:
        punten.append(
            f"{getal(bi.zonder_elfproef, 0)} cliëntnummers van 9 cijfers voldoen niet aan de "
            "11-proef: geen geldig BSN (zie de invoercontrole)."
        )
    if bi.zonder_nieuw_tarief:
        punten.append(
            "Zonder kostprijs, dus met het huidige tarief doorgerekend: "
            + opsomming(in_zin(p) for p in bi.zonder_nieuw_tarief)
            + "."
        )
    return punten
