"""The report 'Budgetimpact' (inkooptafel), for the proposal or for a tariff file of one's own
(`kostprijs scenario`): totals and distributions only, new tarieven that could reveal a
provider hidden (`publicatie.budgetcijfers`)."""

from __future__ import annotations

from kostprijs.budget.impact import HUIDIG, NIEUW, NIEUW_VERGELIJKBAAR
from kostprijs.publicatie import budgetcijfers, scenariocijfers
from kostprijs.rapport import budgettabellen, figuren, teksten
from kostprijs.rapport.inhoud import gemeenterapport
from kostprijs.rapport.start import Rapport
from kostprijs.rapport.teksten import budgetteksten, scenarioteksten
from kostprijs.rapport.weergave import Html, Kern, Lijst, Tabel, Voetnoot


def _bestand(r: Rapport) -> str:
    return r.tarieven_nieuw.name if r.tarieven_nieuw else ""


def kop(r: Rapport) -> list:
    b, p = r.budget, r.params
    return [
        f"""
# {scenarioteksten.titel(r.jaar, r.eigen_scenario)}

Wmo-begeleiding in {p.gemeente}: wat betekenen de nieuwe tarieven voor cliënten en voor de
gemeente? {teksten.bekostiging(p)}
""",
        Html(r.kop),
        Kern(
            "Kern",
            tuple(
                budgetcijfers.kern(
                    budgettabellen.kern(b, p),
                    budgettabellen.vergelijking_realisatie(b, p),
                    r.geheim,
                )
            ),
        ),
    ]


def rekenvoorbeeld(r: Rapport) -> list:
    b, p = r.budget, r.params
    tabel = budgettabellen.rekenvoorbeeld_tabel(b, p)
    return [
        budgetteksten.rekenvoorbeeld(
            teksten.rekenregel(p, b.frequenties), b.rekenvoorbeeld.tarieven_uit_parameters
        ),
        Tabel(
            budgetcijfers.rekenvoorbeeld(tabel, b, r.geheim),
            {"Gebruik per jaar": "getal", "Tarief": "centen", "Bedrag": "centen"},
            titel="Voorbeeldberekening",
        ),
    ]


def tarieven(r: Rapport) -> list:
    b, p = r.budget, r.params
    aantallen = budgettabellen.aantal_huidige_tarieven(b)
    uit = [
        budgetteksten.tarieven(
            scenarioteksten.nieuwe_tarieven(p, r.eigen_scenario, _bestand(r)),
            teksten.meerdere_tarieven(aantallen),
            any(n > 1 for n in aantallen.values()),
        ),
        Tabel(
            budgettabellen.tarieven_tabel(b, r.verborgen),
            {"Huidig tarief": "centen", "Nieuw tarief": "centen"},
            titel="Tarieven",
        ),
    ]
    return uit + pgb(r)


def pgb(r: Rapport) -> list:
    """The pgb tarieven, for a catalogue with more than one leveringsvorm."""
    p, b = r.params, r.budget
    if len(p.leveringsvormen) <= 1:
        return []
    regels = teksten.opsomming(
        f"{lv.naam} {teksten.procent(lv.percentage, 0)} daarvan"
        if lv.percentage is not None
        else f"{lv.naam} een vast bedrag"
        for lv in p.leveringsvormen[1:]
    )
    formaten = {"ZIN-tarief": "centen", "pgb-tarief": "centen"}
    uit = [
        budgetteksten.pgb(regels),
        Tabel(budgettabellen.pgb_tabel(b, r.verborgen), formaten, titel="Nieuwe pgb-tarieven"),
    ]
    boven = budgettabellen.pgb_huidig_boven_zin(b)
    if len(boven):
        uit.append(
            Tabel(
                boven,
                formaten,
                titel="Huidige pgb-tarieven boven het ZIN-tarief (niet toegestaan)",
                blad="Pgb boven ZIN",
            )
        )
    return uit


def kosten_per_jaar(r: Rapport) -> Tabel:
    """The costs per year at the usage factor, all and existing clients (also the summary's)."""
    totalen = budgetcijfers.kosten_per_jaar(budgettabellen.totalen_tabel(r.budget), r.geheim)
    return Tabel(
        totalen,
        {k: "centen_heel" for k in totalen.columns[1:]},
        titel=f"Kosten per jaar, gebruiksfactor {teksten.gebruiksfactor(r.params)}",
        blad="Kosten per jaar",
    )


def kosten_per_scenario(r: Rapport) -> Tabel:
    """The costs per year of every tariff scenario (also in the tariff report)."""
    return Tabel(
        scenariocijfers.totalen_tabel(r.budget, r.verborgen),
        scenariocijfers.FORMATEN,
        titel=f"Kosten per jaar per scenario, gebruiksfactor {teksten.gebruiksfactor(r.params)}",
        blad="Kosten per scenario",
    )


def tarieven_per_scenario(r: Rapport) -> list:
    """The tarieven of every tariff scenario, as a figure and a table (also in the tariff
    report)."""
    tarieven_ = scenariocijfers.tarieven_tabel(r.budget, r.verborgen)
    return [
        figuren.scenario_figuur(tarieven_),
        Tabel(
            tarieven_,
            {k: "centen" for k in tarieven_.columns[1:]},
            titel=f"Tarieven per scenario {r.jaar}",
            blad="Tarieven per scenario",
            breed=True,
        ),
    ]


def totaal(r: Rapport) -> list:
    b, p = r.budget, r.params
    noten = (
        budgettabellen.nieuwe_producten(b, p, r.verborgen),
        teksten.weken_realisatiejaar(p, b.weken_realisatiejaar),
    )
    return [
        budgetteksten.totaal(
            p.bekostiging.periodebudget,
            p.budget.perioden_per_jaar,
            teksten.buiten_budget(p),
            p.realisatiejaar,
            r.jaar,
        ),
        kosten_per_jaar(r),
        *(Voetnoot(n) for n in noten if n),
    ]


def per_gemeente(r: Rapport) -> list | None:
    """A region: the budget impact per member (nothing for one municipality)."""
    return gemeenterapport.regio(r)


def scenarios(r: Rapport) -> list:
    b, p, verborgen = r.budget, r.params, r.verborgen
    if r.eigen_scenario:
        uitleg = scenarioteksten.eigen_uitleg(r.eigen_scenario, _bestand(r))
    else:
        uitleg = scenarioteksten.uitleg(
            p,
            scenariocijfers.neutraal(b, verborgen),
            scenariocijfers.geheime_scenarios(b, verborgen),
        )
    return [uitleg, kosten_per_scenario(r), *tarieven_per_scenario(r)]


def gevoeligheid(r: Rapport) -> list:
    b, p, geheim = r.budget, r.params, r.geheim
    omgerekend = budgetteksten.omgerekend(b.realisatie_omgerekend, p.budget.weken_per_jaar)
    tabel = budgetcijfers.kolommen_nieuw(b.gevoeligheid, [NIEUW, NIEUW_VERGELIJKBAAR], geheim)
    return [
        budgetteksten.gevoeligheid(omgerekend),
        figuren.gevoeligheid_figuur(
            b.gevoeligheid,
            [HUIDIG] if geheim else [NIEUW, HUIDIG, NIEUW_VERGELIJKBAAR],
            b.realisatie_normjaar_centen,
            f"realisatie {p.realisatiejaar} (bestaande cliënten{omgerekend})",
            p.budget.gebruiksfactor,
            None if geheim else b.budgetneutrale_factor,
        ),
        Tabel(
            tabel.rename(columns={"gebruiksfactor": "Gebruiksfactor"}),
            {
                "Gebruiksfactor": "procent",
                NIEUW: "centen_heel",
                HUIDIG: "centen_heel",
                NIEUW_VERGELIJKBAAR: "centen_heel",
            },
            titel="Kosten per jaar bij verschillende gebruiksfactoren",
            blad="Gevoeligheid",
        ),
    ]


def indexatie(r: Rapport) -> list:
    """The sensitivity to the index figure (not for a tariff file of one's own: it has no
    price level to index from)."""
    if r.eigen_scenario:
        return []
    b = r.budget
    tabel = scenariocijfers.indextabel(b, r.verborgen)
    return [
        "## Gevoeligheid voor de indexatie",
        scenarioteksten.indexgevoeligheid(r.params, scenariocijfers.index_van(b)),
        figuren.index_figuur(tabel, scenariocijfers.index_van(b)),
        Tabel(
            tabel,
            scenariocijfers.INDEXFORMATEN,
            titel="Kosten per jaar bij verschillende indexcijfers",
            blad="Gevoeligheid indexatie",
        ),
    ]


def gebruik(r: Rapport) -> list:
    b, p, verborgen = r.budget, r.params, r.verborgen
    zichtbaar = b.gebruiksfactoren[~b.gebruiksfactoren["productspecificatie"].isin(verborgen)]
    uit = [
        budgetteksten.gebruik(teksten.gebruiksfactor(p), p.realisatiejaar),
        figuren.gebruiksfactor_figuur(zichtbaar, p.budget.gebruiksfactor),
        Tabel(
            budgettabellen.gebruiksfactoren_tabel(b, verborgen),
            {
                "Cliënten": "geheel",
                "Geïndiceerd volume": "geheel",
                "Gerealiseerd volume": "geheel",
                "Gebruiksfactor": "procent",
            },
            titel=f"Werkelijk gebruik per product, {p.realisatiejaar}",
            blad="Werkelijk gebruik",
        ),
        budgetteksten.looptijd_tegen_jaar(
            teksten.blootstelling_verschil(b.gebruiksfactor_gewogen, b.gebruiksfactor_gewogen_naief)
        ),
        Tabel(
            budgettabellen.blootstelling_tabel(b, verborgen),
            {
                "Cliëntdagen": "geheel",
                "Gebruik, over de looptijd": "procent",
                "Gebruik, hele jaar (oude methode)": "procent",
            },
            titel=f"Gebruik over de looptijd en over het hele jaar, {p.realisatiejaar}",
            blad="Gebruik over de looptijd",
        ),
    ]
    if len(b.uitgesloten):
        uit += [
            budgetteksten.uitgesloten(p.realisatiejaar, p.bekostiging.periodebudget),
            Tabel(
                budgettabellen.uitgesloten_tabel(b),
                {"Cliënten": "geheel", "Bedrag": "centen_heel"},
                titel="Realisatie die niet meetelt",
                blad="Realisatie niet meegeteld",
            ),
        ]
    return uit


def overgang(r: Rapport) -> list:
    """The transition of existing clients to a periodebudget (periodebudget years only)."""
    b, p, geheim = r.budget, r.params, r.geheim
    if not p.bekostiging.periodebudget:
        return []
    overgang_ = budgettabellen.overgang_tabel(b)
    kolommen = ["Som van de periodebudgetten", "Per jaar"]
    return [
        budgetteksten.overgang(
            p.budget.overgang_perioden, teksten.perioden_meervoud(p), p.realisatiejaar
        ),
        Tabel(
            budgetcijfers.kolommen_nieuw(overgang_, kolommen, geheim),
            {"Cliënten": "geheel", kolommen[0]: "euro_heel", kolommen[1]: "euro_heel"},
            titel="Periodebudgetten bestaande cliënten",
            blad="Overgang bestaande cliënten",
        ),
        budgetteksten.AANSLUITING,
        Tabel(
            budgetcijfers.kolommen_nieuw(
                budgettabellen.aansluiting_tabel(b, p), ["Per jaar"], geheim
            ),
            {"Cliënten": "geheel", "Per jaar": "centen_heel"},
            titel="Aansluiting op de kosten per jaar",
            blad="Aansluiting kosten per jaar",
        ),
    ]


def spreiding(r: Rapport) -> Tabel:
    b, p = r.budget, r.params
    verdeling = budgettabellen.verdeling_tabel(b, p)
    return Tabel(
        verdeling,
        {
            verdeling.columns[0]: "procent",
            verdeling.columns[1]: "euro_heel" if b.periodebudget else "euro",
        },
        titel=f"Spreiding van het bedrag per {teksten.periode(p)} (nieuwe tarieven, alle cliënten)",
        blad="Spreiding per cliënt",
    )


def gegevens(r: Rapport) -> list:
    """How the municipality's files were read: conversions made, what was not used."""
    b = r.budget
    uit = [budgetteksten.GEGEVENS]
    if b.omrekeningen:
        uit.append(Html("<p>Omgerekend bij het inlezen:</p>" + Lijst(b.omrekeningen).html))
    if b.bevindingen:
        uit.append(
            Html("<p>Niet als gegevens gelezen of niet gebruikt:</p>" + Lijst(b.bevindingen).html)
        )
    return uit


def aannames(r: Rapport) -> Lijst:
    p = r.params
    return Lijst(
        tuple(
            budgetteksten.aannames(
                teksten.gebruiksfactor(p),
                p.budget.weken_per_jaar,
                teksten.perioden_meervoud(p),
                p.budget.perioden_per_jaar,
                teksten.buiten_budget(p),
                teksten.looptijd(p),
            )
        )
    )
