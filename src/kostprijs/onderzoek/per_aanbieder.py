"""Cost price per provider per productspecificatie: from the bouwstenen and from the actuals.

Bouwstenen (the template's Toelichting; columns as in docs/gegevens.md):

    loonkosten per fte  = jaarsalaris x (1 + vakantiegeld + eindejaarsuitkering + ort)
                          x (1 + werkgeverslasten)
    productieve uren    = jaaruren - verlof - ziekte - scholing - overleg - indirect
    uurkosten U         = sum fte x (loonkosten + reiskosten + opleidingskosten)
                          / (sum fte x productieve uren)
    personeel P         uur: U x uren per eenheid (1 per uur, 1/60 per minuut);
                        dagdeel (group): U x begeleiders x uren per eenheid / groepsgrootte
                        (a dagdeel has `uren_per_dagdeel` hours, from the parameters);
                        vervoer: U x personeelsuren / groepsgrootte;
                        etmaal: U x personeelsuren / bezettingsgraad;
                        traject (one-off, per traject, week or maand): U x personeelsuren
    kosten per eenheid  = P x opslagfactor + materieel + huisvesting (etmaal: / bezettingsgraad)
                          + voeding
    kostprijs           = kosten per eenheid x (1 + indexering) x (1 + risico)

with o = overhead + verplichtingen and the declared convention: opslagfactor = 1 + o
(`op_kosten`, a mark-up on cost, "x 1,20") or 1 / (1 - o) (`van_prijs`, a share of the
price, "/ 0,80"). Actuals: kostprijs = kosten / volume.

Rounding: every intermediate value is an exact fraction; each provider's cost price is shown
rounded once, half up to the cent (`kostprijs_per_eenheid`, `kostprijs_werkelijk`), and kept
exact beside it (`EXACT`): the average over providers is taken over the exact prices and
rounded once, at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.csvbestand import lees_tabel
from kostprijs.fouten import InvoerFout
from kostprijs.geld import decimaal, naar_euro, rond_half_op
from kostprijs.opmaak import procent
from kostprijs.parameters import Jaarparameters, Kostprijsparameters

KOLOMMEN = catalogus.kolommen(catalogus.KOSTPRIJZEN_AANBIEDERS)
# The exact cost prices (Fraction) beside the rounded ones: the average is taken over these.
EXACT = ["kostprijs_bouwstenen_exact", "kostprijs_werkelijk_exact"]


class Onberekenbaar(ValueError):
    """A cost price that cannot be computed from these figures; the message says why (Dutch)."""


def op_centen(waarde: Fraction) -> Decimal:
    """An exact amount rounded half up to the cent."""
    return naar_euro(rond_half_op(waarde.numerator * 100, waarde.denominator))


def _f(waarde) -> Fraction:
    """A figure as an exact Fraction; an empty cell (None) counts as 0."""
    if waarde is None:
        return Fraction(0)
    return waarde if isinstance(waarde, Fraction) else Fraction(decimaal(waarde))


def loonkosten_per_fte(
    jaarsalaris, vakantiegeld=0, eindejaarsuitkering=0, ort=0, werkgeverslasten=0
) -> Fraction:
    """Annual employer cost of one fte of a function."""
    toeslagen = 1 + _f(vakantiegeld) + _f(eindejaarsuitkering) + _f(ort)
    return _f(jaarsalaris) * toeslagen * (1 + _f(werkgeverslasten))


def uren_na_aftrek(jaaruren, verlof=0, ziekte=0, scholing=0, overleg=0, indirect=0) -> Fraction:
    """Annual hours minus the non-productive hours (what the template's formula cell shows)."""
    return _f(jaaruren) - _f(verlof) - _f(ziekte) - _f(scholing) - _f(overleg) - _f(indirect)


def productieve_uren(jaaruren, verlof=0, ziekte=0, scholing=0, overleg=0, indirect=0) -> Fraction:
    """Hours per fte per year left for clients; Onberekenbaar when none are left."""
    uren = uren_na_aftrek(jaaruren, verlof, ziekte, scholing, overleg, indirect)
    if uren <= 0:
        raise Onberekenbaar("de niet-productieve uren zijn gelijk aan of hoger dan de jaaruren")
    return uren


def uurkosten(
    functies: Iterable[tuple[object, Fraction]], productieve_uren_: Fraction, per_fte_extra=0
) -> Fraction:
    """Staff cost per productive hour: FTE-weighted over (fte, loonkosten per fte) pairs.

    per_fte_extra: travel and training cost per fte per year, added to each function.
    """
    paren = [(_f(fte), loon) for fte, loon in functies]
    totaal_fte = sum(fte for fte, _ in paren)
    if totaal_fte <= 0:
        raise Onberekenbaar("er is geen inzet (fte) opgegeven")
    kosten = sum(fte * (loon + _f(per_fte_extra)) for fte, loon in paren)
    return kosten / (totaal_fte * productieve_uren_)


def opslagfactor(opslag, conventie: str) -> Fraction:
    """1 + o (`op_kosten`) or 1 / (1 - o) (`van_prijs`)."""
    o = _f(opslag)
    if conventie == "op_kosten":
        return 1 + o
    if conventie == "van_prijs":
        if o >= 1:
            raise Onberekenbaar("een opslag van 100% of meer van de prijs is onmogelijk")
        return 1 / (1 - o)
    raise ValueError(f"onbekende opslagconventie: {conventie}")


def personeel_per_eenheid(
    soort: str,
    uurkosten_: Fraction,
    *,
    uren_per_eenheid=None,
    begeleiders=None,
    groepsgrootte=None,
    personeelsuren=None,
    bezettingsgraad=None,
) -> Fraction:
    """Staff cost per unit of the product (see the module docstring for each soort)."""
    if soort == "uur":
        return uurkosten_ * _positief(uren_per_eenheid, "uren per eenheid", soort)
    if soort == "dagdeel":
        return (
            uurkosten_
            * _positief(begeleiders, "begeleiders", soort)
            * _positief(uren_per_eenheid, "uren per eenheid", soort)
            / _positief(groepsgrootte, "groepsgrootte", soort)
        )
    uren = _positief(personeelsuren, "personeelsuren", soort)
    if soort == "vervoer":
        return uurkosten_ * uren / _positief(groepsgrootte, "groepsgrootte", soort)
    if soort == "etmaal":
        return uurkosten_ * uren / _positief(bezettingsgraad, "bezettingsgraad", soort)
    if soort == "traject":
        return uurkosten_ * uren
    raise ValueError(f"onbekende soort: {soort}")


def _positief(waarde, veld: str, soort: str) -> Fraction:
    f = _f(waarde)
    if f <= 0:
        raise Onberekenbaar(f"{veld} ontbreekt of is 0 bij een {soort}product")
    return f


def kostprijs_exact(
    personeel: Fraction,
    *,
    conventie: str,
    opslag=0,
    materieel=0,
    huisvesting=0,
    voeding=0,
    bezettingsgraad=None,
    indexering=0,
    risico=0,
) -> Fraction:
    """The cost price of one unit, exactly (the average is taken over these, then rounded).

    bezettingsgraad: for etmaal products, housing is spread over the occupied etmalen.
    """
    huis = _f(huisvesting)
    if bezettingsgraad is not None and huis:
        huis /= _positief(bezettingsgraad, "bezettingsgraad", "etmaal")
    kosten = personeel * opslagfactor(opslag, conventie) + _f(materieel) + huis + _f(voeding)
    return kosten * (1 + _f(indexering)) * (1 + _f(risico))


def kostprijs_per_eenheid(personeel: Fraction, **bouwstenen) -> Decimal:
    """`kostprijs_exact` rounded half up to the cent (the provider's own cost price)."""
    return op_centen(kostprijs_exact(personeel, **bouwstenen))


def werkelijk_exact(kosten, volume) -> Fraction:
    """Attributed cost / volume delivered, exactly."""
    v = _f(volume)
    if v <= 0:
        raise Onberekenbaar("er is geen geleverd volume opgegeven")
    return _f(kosten) / v


def kostprijs_werkelijk(kosten, volume) -> Decimal:
    """Attributed cost / volume delivered, rounded half up to the cent."""
    return op_centen(werkelijk_exact(kosten, volume))


# --- tables ---------------------------------------------------------------------------------


def kostprijzen_bouwstenen(
    personeel: pd.DataFrame,
    inzet: pd.DataFrame,
    bouwstenen: pd.DataFrame,
    conventie: str,
    uren_per_eenheid: Mapping[str, Fraction | None],
) -> pd.DataFrame:
    """Cost price per aanbieder_id x productspecificatie from the bouwstenen.

    Inputs: the processed tables of docs/gegevens.md with Decimal (or None) numbers, and per
    product the staff hours in one unit (from the catalogue; None where the template asks).
    Returns aanbieder_id, productspecificatie, soort, kostprijs_bouwstenen (Decimal or
    None) and reden (Dutch, why no cost price; empty otherwise).
    """
    loon = {
        (r.aanbieder_id, r.functie_nr): loonkosten_per_fte(
            r.jaarsalaris, r.vakantiegeld, r.eindejaarsuitkering, r.ort, r.werkgeverslasten
        )
        for r in personeel.itertuples()
    }
    fte: dict[tuple[str, str], list[tuple[object, Fraction]]] = {}
    for r in inzet.itertuples():
        sleutel = (r.aanbieder_id, r.functie_nr)
        if sleutel not in loon:
            raise ValueError(f"inzet verwijst naar onbekende functie {sleutel}")
        fte.setdefault((r.aanbieder_id, r.productspecificatie), []).append((r.fte, loon[sleutel]))
    rijen = []
    for b in bouwstenen.itertuples():
        exact, reden = None, ""
        try:
            uren = productieve_uren(
                b.jaaruren, b.verlof, b.ziekte, b.scholing, b.overleg, b.indirect
            )
            extra = _f(b.reiskosten) + _f(b.opleidingskosten)
            u = uurkosten(fte.get((b.aanbieder_id, b.productspecificatie), []), uren, extra)
            p = personeel_per_eenheid(
                b.soort,
                u,
                uren_per_eenheid=uren_per_eenheid.get(b.productspecificatie),
                begeleiders=b.begeleiders,
                groepsgrootte=b.groepsgrootte,
                personeelsuren=b.personeelsuren,
                bezettingsgraad=b.bezettingsgraad,
            )
            exact = kostprijs_exact(
                p,
                conventie=conventie,
                opslag=_f(b.overhead) + _f(b.verplichtingen),
                materieel=b.materieel,
                huisvesting=b.huisvesting,
                voeding=b.voeding,
                bezettingsgraad=b.bezettingsgraad if b.soort == "etmaal" else None,
                indexering=b.indexering,
                risico=b.risico,
            )
        except Onberekenbaar as fout:
            reden = f"Geen kostprijs uit bouwstenen: {fout}."
        rijen.append(
            {
                "aanbieder_id": b.aanbieder_id,
                "productspecificatie": b.productspecificatie,
                "soort": b.soort,
                "kostprijs_bouwstenen": None if exact is None else op_centen(exact),
                "kostprijs_bouwstenen_exact": exact,
                "reden": reden,
            }
        )
    kolommen = ["aanbieder_id", "productspecificatie", "soort", "kostprijs_bouwstenen"]
    return pd.DataFrame(rijen, columns=[*kolommen, "kostprijs_bouwstenen_exact", "reden"])


def kostprijzen_werkelijk(realisatie: pd.DataFrame) -> pd.DataFrame:
    """Cost price per aanbieder_id x productspecificatie from the actuals.

    Returns aanbieder_id, productspecificatie, kostprijs_werkelijk, volume, reden.
    """
    rijen = []
    for r in realisatie.itertuples():
        exact, reden = None, ""
        try:
            exact = werkelijk_exact(r.kosten, r.volume)
        except Onberekenbaar as fout:
            reden = f"Geen kostprijs uit werkelijke kosten: {fout}."
        rijen.append(
            {
                "aanbieder_id": r.aanbieder_id,
                "productspecificatie": r.productspecificatie,
                "kostprijs_werkelijk": None if exact is None else op_centen(exact),
                "kostprijs_werkelijk_exact": exact,
                "volume": r.volume,
                "reden": reden,
            }
        )
    kolommen = ["aanbieder_id", "productspecificatie", "kostprijs_werkelijk"]
    return pd.DataFrame(rijen, columns=[*kolommen, "kostprijs_werkelijk_exact", "volume", "reden"])


def afwijking(bouwstenen: Decimal, werkelijk: Decimal) -> Fraction:
    """(werkelijk - bouwstenen) / bouwstenen, exact."""
    return (Fraction(werkelijk) - Fraction(bouwstenen)) / Fraction(bouwstenen)


def kostprijzen_per_aanbieder(
    personeel: pd.DataFrame,
    inzet: pd.DataFrame,
    bouwstenen: pd.DataFrame,
    realisatie: pd.DataFrame,
    params: Kostprijsparameters,
    uren_per_eenheid: Mapping[str, Fraction | None],
    bevestigd: frozenset[tuple[str, str]] = frozenset(),
) -> pd.DataFrame:
    """Both estimates side by side, with a signal where they differ by more than the threshold.

    Returns KOLOMMEN: afwijking_pct is (werkelijk - bouwstenen) / bouwstenen in percent,
    rounded half up to one decimal; signaal is True when |afwijking| > afwijking_werkelijk
    (compared exactly); toelichting explains a signal or a missing estimate in Dutch.
    uitgesloten (Dutch, else empty) keeps the row out of the aggregation: |afwijking| >
    afwijking_werkelijk_hard, unless (aanbieder_id, productspecificatie) is in `bevestigd`
    (the municipality confirmed the actual costs).
    One row per bouwstenen row; actuals without bouwstenen are kept with soort empty.
    """
    b = kostprijzen_bouwstenen(personeel, inzet, bouwstenen, params.opslag, uren_per_eenheid)
    w = kostprijzen_werkelijk(realisatie)
    samen = b.merge(
        w, on=["aanbieder_id", "productspecificatie"], how="outer", suffixes=("_b", "_w")
    )
    samen = samen.astype(object).where(samen.notna(), None)
    rijen = []
    drempel = Fraction(params.afwijking_werkelijk)
    hard = Fraction(params.afwijking_werkelijk_hard)
    for r in samen.itertuples():
        kb, kw = r.kostprijs_bouwstenen, r.kostprijs_werkelijk
        pct, signaal, toelichting = None, False, [t for t in (r.reden_b, r.reden_w) if t]
        uitgesloten = ""
        if kb is not None and kw is not None and kb > 0:
            a = afwijking(kb, kw)
            pct = Decimal(rond_half_op(a.numerator * 1000, a.denominator)) / 10
            signaal = abs(a) > drempel
            tekst = procent(pct / 100, 1, teken=True)
            if abs(a) > hard and (r.aanbieder_id, r.productspecificatie) in bevestigd:
                toelichting.append(
                    f"Kostprijs uit werkelijke kosten wijkt {tekst} af van de kostprijs uit de "
                    "bouwstenen; de gemeente heeft de realisatiekosten bevestigd, dus de "
                    "kostprijs telt mee."
                )
            elif abs(a) > hard:
                uitgesloten = (
                    f"kostprijs uit werkelijke kosten wijkt {tekst} af van de kostprijs uit de "
                    "bouwstenen, meer dan de harde drempel van "
                    f"{procent(params.afwijking_werkelijk_hard, 0)}: een "
                    "van beide is vrijwel zeker fout. Vraag de aanbieder de cijfers te "
                    "verbeteren, of bevestig de realisatiekosten (blad Realisatie) in "
                    "bevestigingen.csv"
                )
                toelichting.append(f"Niet meegeteld: {uitgesloten}.")
            elif signaal:
                toelichting.append(
                    f"Kostprijs uit werkelijke kosten wijkt {tekst} af "
                    "van de kostprijs uit de bouwstenen (drempel "
                    f"{procent(params.afwijking_werkelijk, 0)}): "
                    "vraag de aanbieder om uitleg."
                )
        if r.reden_w is None:
            toelichting.append("Geen realisatiecijfers ingevuld.")
        rijen.append(
            {
                "aanbieder_id": r.aanbieder_id,
                "productspecificatie": r.productspecificatie,
                "soort": r.soort or "",
                "kostprijs_bouwstenen": kb,
                "kostprijs_werkelijk": kw,
                "kostprijs_bouwstenen_exact": r.kostprijs_bouwstenen_exact,
                "kostprijs_werkelijk_exact": r.kostprijs_werkelijk_exact,
                "volume": r.volume,
                "afwijking_pct": pct,
                "signaal": signaal,
                "toelichting": " ".join(toelichting),
                "uitgesloten": uitgesloten,
            }
        )
    uit = pd.DataFrame(rijen, columns=[*KOLOMMEN, *EXACT])
    return uit.sort_values(["productspecificatie", "aanbieder_id"], ignore_index=True)


# --- processed tables -----------------------------------------------------------------------

_TEKST = {"aanbieder_id", "productspecificatie", "soort", "eenheid", "functie", "schaal"}


def lees_processed(pad: Path) -> pd.DataFrame:
    """A processed CSV (docs/gegevens.md): numbers as exact Decimals, empty cells as None."""
    pad = Path(pad)
    df = lees_tabel(pad)
    for kolom in df.columns:
        if kolom in _TEKST:
            continue
        try:
            df[kolom] = [None if t == "" else decimaal(t) for t in df[kolom]]
        except ValueError as exc:
            raise InvoerFout(f"kolom '{kolom}' bevat geen getal ({exc}).", bestand=pad) from exc
    if "functie_nr" in df.columns:
        df["functie_nr"] = [int(n) for n in df["functie_nr"]]
    return df


def uit_processed(map_: Path, params: Jaarparameters) -> pd.DataFrame:
    """`kostprijzen_per_aanbieder` on the processed tables in `map_` (data/processed/<jaar>),
    with the actual costs the municipality confirmed (bevestigingen.csv, where present)."""
    map_ = Path(map_)
    tabellen = [
        lees_processed(map_ / naam)
        for naam in (
            catalogus.PERSONEEL,
            catalogus.INZET,
            catalogus.BOUWSTENEN,
            catalogus.REALISATIE_AANBIEDERS,
        )
    ]
    uren = {p.productspecificatie: p.uren_per_eenheid for p in params.catalogus}
    return kostprijzen_per_aanbieder(*tabellen, params.kostprijs, uren, bevestigde_kosten(map_))


def bevestigde_kosten(map_: Path) -> frozenset[tuple[str, str]]:
    """(aanbieder_id, productspecificatie) whose actual costs the municipality confirmed:
    rows of the processed bevestigingen.csv for a `kosten` cell that match the submission."""
    df = lees_tabel(Path(map_) / catalogus.BEVESTIGINGEN)
    df = df[(df["kolom"] == "kosten") & (df["geldig"] == "ja")]
    return frozenset(zip(df["aanbieder_id"], df["productspecificatie"], strict=True))
