"""Disclosure control for everything shown at the inkooptafel (rules and sources:
docs/kostprijsmethode.md; Handbook on Statistical Disclosure Control, ch. 4).

Primary suppression: a cell is unsafe with fewer than MINIMUM_AANBIEDERS contributors
(providers with a non-zero contribution), or when the p% rule fails on its total:
`totaal - x1 - x2 < p/100 x x1`, x1 and x2 the two largest contributions. An average is a
total too (gemiddelde x n): pass each provider's share of that total as its contribution
(`bijdragen_gemiddelde`).

Secondary suppression: wherever a published relation `totaal = som(delen)` has exactly one
suppressed member, the value could be recomputed, so one more member is suppressed: the
smallest safe part whose value covers the protection the suppressed cell needs (for a
primary cell `p/100 x x1 - (totaal - x1 - x2)`: what keeps the second-largest contributor
from estimating the largest closely); if no part covers it, the largest safe part; the total
itself only when no part is safe. This repeats until every relation has zero or at least
two suppressed members. It is the usual line-by-line heuristic, not an optimal solver.

The value of p is confidential: it is read from `.kostprijs/disclosure.yaml` (`p: 15`,
not committed) or the environment variable KOSTPRIJS_P, else the safe default STANDAARD_P.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd
import yaml

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.geheimen import lees_geheim
from kostprijs.fouten import ConfiguratieFout
from kostprijs.geld import decimaal
from kostprijs.paden import PROJECT

MINIMUM_AANBIEDERS = 3
STANDAARD_P = Decimal(25)
CONFIGURATIE = PROJECT / ".kostprijs" / catalogus.DISCLOSURE_CONFIGURATIE
OMGEVINGSVARIABELE = "KOSTPRIJS_P"
MARKER = "x"
VOETNOOT = (
    f"{MARKER} = niet getoond: anders zijn de cijfers van één of enkele aanbieders "
    "af te leiden (onthullingsbeheersing)."
)
VEILIG, PRIMAIR, SECUNDAIR = "veilig", "primair", "secundair"
TOTAAL = "Totaal"


def lees_p(pad: Path | None = None, omgeving: Mapping[str, str] | None = None) -> Decimal:
    """p of the p% rule: environment variable, else local file, else STANDAARD_P."""
    geheim = lees_geheim(OMGEVINGSVARIABELE, CONFIGURATIE if pad is None else Path(pad), omgeving)
    if geheim is None:
        return STANDAARD_P
    if not geheim.uit_bestand:
        return _geldige_p(geheim.tekst, geheim.bron)
    try:
        inhoud = yaml.safe_load(geheim.tekst) or {}
    except yaml.YAMLError as exc:
        raise ConfiguratieFout(f"{geheim.bron} is geen geldig YAML-bestand: {exc}") from exc
    if not isinstance(inhoud, dict) or "p" not in inhoud:
        raise ConfiguratieFout(
            f"{geheim.bron} bevat geen waarde 'p'. Schrijf bijvoorbeeld 'p: 15' (procent)."
        )
    return _geldige_p(inhoud["p"], geheim.bron)


def _geldige_p(waarde, bron: str) -> Decimal:
    try:
        p = decimaal(waarde)
    except ValueError as exc:
        raise ConfiguratieFout(f"p in {bron} is geen getal: '{waarde}'.") from exc
    if not Decimal(0) < p <= Decimal(100):
        raise ConfiguratieFout(
            f"p in {bron} is {p}; kies een percentage groter dan 0 en hoogstens 100 "
            "(bijvoorbeeld 15)."
        )
    return p


# --- primary rules --------------------------------------------------------------------------


def _gesorteerd(bijdragen: Iterable) -> list[Decimal]:
    waarden = [decimaal(b) for b in bijdragen]
    if any(w < 0 for w in waarden):
        raise ValueError("bijdragen moeten 0 of positief zijn")
    return sorted((w for w in waarden if w != 0), reverse=True)


def primaire_reden(bijdragen: Iterable, p: Decimal) -> str | None:
    """Why a cell with these contributions is unsafe (Dutch, internal), or None when safe."""
    x = _gesorteerd(bijdragen)
    if len(x) < MINIMUM_AANBIEDERS:
        return f"minder dan {MINIMUM_AANBIEDERS} aanbieders ({len(x)})"
    if sum(x) - x[0] - x[1] < p / 100 * x[0]:
        return "p%-regel: de grootste aanbieders bepalen het totaal te sterk"
    return None


def benodigde_bescherming(bijdragen: Iterable, p: Decimal) -> Decimal:
    """How much a secondary cell must hide for this cell: p/100 x x1 - (totaal - x1 - x2)."""
    x = [*_gesorteerd(bijdragen), Decimal(0), Decimal(0)]
    return max(Decimal(0), p / 100 * x[0] - (sum(x) - x[0] - x[1]))


def bijdragen_gemiddelde(kostprijzen: Sequence, volumes: Sequence | None = None) -> list[Decimal]:
    """Each provider's share of gemiddelde x n: its cost price, or cost price x volume."""
    if volumes is None:
        return [decimaal(k) for k in kostprijzen]
    return [decimaal(k) * decimaal(v) for k, v in zip(kostprijzen, volumes, strict=True)]


# --- order statistics ----------------------------------------------------------------------
#
# A quantile by interpolation is made of one or two providers' values: publishing it shows a
# provider's own figure, and together with the mean and n a member of a small cell can solve
# the others'. So the inkooptafel sees the spread as "window quantiles": the (weighted) mean
# of the VENSTER providers nearest the quantile, a common statistical-disclosure technique
# (ESSnet Handbook on SDC: never publish a figure made of fewer than 3 contributors), and
# only when no provider could solve another's value from everything published about the cell.

VENSTER = 3


def _breuk(waarde) -> Fraction:
    return waarde if isinstance(waarde, Fraction) else Fraction(decimaal(waarde))


def venster(n: int, gewichten: Sequence | None, q) -> list[int]:
    """Positions (in sorted order) of the VENSTER providers nearest quantile q.

    Unweighted, provider i sits at (i + 1/2) / n; weighted, at the middle of its share of the
    total weight. Ties go towards the tail the quantile lies in, so P25 and P75 mirror each other.

    >>> venster(8, None, Fraction(1, 4)), venster(8, None, Fraction(3, 4))
    ([0, 1, 2], [5, 6, 7])
    """
    if gewichten is None:
        posities = [Fraction(2 * i + 1, 2 * n) for i in range(n)]
    else:
        g = [_breuk(w) for w in gewichten]
        totaal, tot_nu, posities = sum(g), Fraction(0), []
        for w in g:
            posities.append((tot_nu + w / 2) / totaal)
            tot_nu += w
    q = _breuk(q)
    richting = 1 if q <= Fraction(1, 2) else -1  # ties go to the tail the quantile lies in
    gekozen = sorted(range(n), key=lambda i: (abs(posities[i] - q), richting * i))[:VENSTER]
    return sorted(gekozen)


def venster_kwantiel(waarden: Sequence, gewichten: Sequence | None, q) -> tuple[Fraction, list]:
    """The window quantile of values sorted ascending (weights aligned with them, or None),
    with its coefficient per provider (the linear combination it publishes)."""
    n = len(waarden)
    plekken = venster(n, gewichten, q)
    if gewichten is None:
        gewicht = {i: Fraction(1) for i in plekken}
    else:
        gewicht = {i: _breuk(gewichten[i]) for i in plekken}
    som = sum(gewicht.values())
    coef = [gewicht[i] / som if i in gewicht else Fraction(0) for i in range(n)]
    return sum(c * _breuk(w) for c, w in zip(coef, waarden, strict=True)), coef


def _richting(kolom: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    eerste = next(c for c in kolom if c != 0)
    return tuple(c / eerste for c in kolom)


def _rang(rijen: list[list[Fraction]]) -> int:
    m = [list(r) for r in rijen]
    rang, kolommen = 0, len(m[0]) if m else 0
    for k in range(kolommen):
        spil = next((i for i in range(rang, len(m)) if m[i][k] != 0), None)
        if spil is None:
            continue
        m[rang], m[spil] = m[spil], m[rang]
        for i in range(len(m)):
            if i != rang and m[i][k] != 0:
                f = m[i][k] / m[rang][k]
                m[i] = [a - f * b for a, b in zip(m[i], m[rang], strict=True)]
        rang += 1
    return rang


def onthulbaar(vergelijkingen: Sequence[Sequence]) -> bool:
    """True when one provider, knowing its own value, could solve another's value exactly from
    the published linear combinations of the cell's values (one row of coefficients each).

    Providers whose coefficient columns are proportional only ever appear together: two or
    more of them can never be told apart, and for the others they act as one unknown. So each
    attacker's system shrinks to a handful of columns, and the exact rank test stays cheap.
    """
    rijen = [[_breuk(c) for c in r] for r in vergelijkingen]
    n = len(rijen[0]) if rijen else 0
    groepen: dict[tuple, list[int]] = {}
    for j in range(n):
        kolom = tuple(r[j] for r in rijen)
        if any(kolom):
            groepen.setdefault(_richting(kolom), []).append(j)
    for k in range(n):
        leden = {richting: [j for j in groep if j != k] for richting, groep in groepen.items()}
        leden = {r: g for r, g in leden.items() if g}
        richtingen = list(leden)
        # reduced system: one column per group, plus the attacker's own value
        m = [[r[i] for r in richtingen] + [rij[k]] for i, rij in enumerate(rijen)]
        m.append([Fraction(0)] * len(richtingen) + [Fraction(1)])
        rang = _rang(m)
        for c, r in enumerate(richtingen):
            if len(leden[r]) != 1:
                continue
            doel = [Fraction(0)] * (len(richtingen) + 1)
            doel[c] = Fraction(1)
            if _rang([*m, doel]) == rang:
                return True
    return False


# --- secondary suppression ------------------------------------------------------------------


@dataclass(frozen=True)
class Cel:
    """A published figure: its key and each provider's contribution to its total."""

    sleutel: Hashable
    bijdragen: tuple[Decimal, ...]

    @property
    def totaal(self) -> Decimal:
        return sum((decimaal(b) for b in self.bijdragen), Decimal(0))


@dataclass(frozen=True)
class Relatie:
    """A published additive relation: cell `totaal` = sum of cells `delen`."""

    totaal: Hashable
    delen: tuple[Hashable, ...]


@dataclass(frozen=True)
class Oordeel:
    status: str
    reden: str = ""

    @property
    def onderdrukt(self) -> bool:
        return self.status != VEILIG


def beoordeel(
    cellen: Iterable[Cel], relaties: Iterable[Relatie], p: Decimal
) -> dict[Hashable, Oordeel]:
    """Primary and secondary suppression; every cell gets an Oordeel (status, reden)."""
    cellen = {c.sleutel: c for c in cellen}
    relaties = list(relaties)
    oordeel = {}
    bescherming = {}
    for sleutel, cel in cellen.items():
        reden = primaire_reden(cel.bijdragen, p)
        oordeel[sleutel] = Oordeel(PRIMAIR, reden) if reden else Oordeel(VEILIG)
        bescherming[sleutel] = benodigde_bescherming(cel.bijdragen, p) if reden else Decimal(0)
    gewijzigd = True
    while gewijzigd:
        gewijzigd = False
        for rel in relaties:
            leden = [rel.totaal, *rel.delen]
            onderdrukt = [k for k in leden if oordeel[k].onderdrukt]
            if len(onderdrukt) != 1:
                continue
            keuze = _tweede_onderdrukking(rel, cellen, oordeel, bescherming[onderdrukt[0]])
            if keuze is None:
                continue
            oordeel[keuze] = Oordeel(
                SECUNDAIR, f"anders terug te rekenen uit het totaal {_naam(rel.totaal)}"
            )
            gewijzigd = True
    return oordeel


def _tweede_onderdrukking(rel, cellen, oordeel, nodig: Decimal):
    delen = sorted(
        (k for k in rel.delen if not oordeel[k].onderdrukt),
        key=lambda k: (cellen[k].totaal, str(k)),
    )
    if delen:
        genoeg = [k for k in delen if cellen[k].totaal >= nodig]
        return genoeg[0] if genoeg else delen[-1]
    return None if oordeel[rel.totaal].onderdrukt else rel.totaal


def _naam(sleutel: Hashable) -> str:
    return " / ".join(map(str, sleutel)) if isinstance(sleutel, tuple) else str(sleutel)


# --- tables ---------------------------------------------------------------------------------


def beoordeel_tabel(
    bijdragen: pd.DataFrame,
    rij: str,
    kolom: str | None,
    waarde: str,
    p: Decimal,
    *,
    aanbieder: str = "aanbieder_id",
    totalen: bool = True,
) -> pd.DataFrame:
    """Suppression for a (one- or two-way) table built from per-provider contributions.

    bijdragen: one row per provider per cell, with the provider in `aanbieder`, the cell's
    keys (`rij`, and `kolom` unless None) and its contribution in `waarde` (Decimal). A
    provider's contributions to one cell (also to a total) count as one. With `totalen`, the table
    publishes row totals, column totals and the grand total (key TOTAAL), and those
    relations drive secondary suppression. Returns one row per cell: rij, kolom, n,
    totaal, status (veilig / primair / secundair), reden (internal, Dutch).
    """
    df = bijdragen.copy()
    df["_kolom"] = df[kolom] if kolom else TOTAAL
    groepen: dict[tuple, dict[Hashable, Decimal]] = {}
    for a, r, k, w in zip(df[aanbieder], df[rij], df["_kolom"], df[waarde], strict=True):
        sleutels = [(r, k)]
        if totalen:
            sleutels += [(r, TOTAAL), (TOTAAL, k), (TOTAAL, TOTAAL)] if kolom else [(TOTAAL, k)]
        for s in sleutels:
            cel = groepen.setdefault(s, {})
            cel[a] = cel.get(a, Decimal(0)) + decimaal(w)
    cellen = [Cel(s, tuple(b.values())) for s, b in groepen.items()]
    relaties = []
    if totalen:
        rijen = list(dict.fromkeys(r for r, _ in groepen if r != TOTAAL))
        kolommen = list(dict.fromkeys(k for _, k in groepen if k != TOTAAL)) if kolom else []
        for k in kolommen or [TOTAAL]:
            delen = tuple((r, k) for r in rijen if (r, k) in groepen)
            relaties.append(Relatie((TOTAAL, k), delen))
        for r in rijen if kolom else []:
            delen = tuple((r, k) for k in kolommen if (r, k) in groepen)
            relaties.append(Relatie((r, TOTAAL), delen))
        if kolom:
            relaties.append(Relatie((TOTAAL, TOTAAL), tuple((TOTAAL, k) for k in kolommen)))
            relaties.append(Relatie((TOTAAL, TOTAAL), tuple((r, TOTAAL) for r in rijen)))
    oordeel = beoordeel(cellen, relaties, p)
    return pd.DataFrame(
        [
            {
                "rij": c.sleutel[0],
                "kolom": c.sleutel[1],
                "n": len(_gesorteerd(c.bijdragen)),
                "totaal": c.totaal,
                "status": oordeel[c.sleutel].status,
                "reden": oordeel[c.sleutel].reden,
            }
            for c in cellen
        ]
    )


def maskeer(
    tabel: pd.DataFrame, oordelen: pd.DataFrame, kolommen: Sequence[str] | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """Replace suppressed cells of a wide table by MARKER; returns it with its footnotes.

    tabel: index = the row keys of `beoordeel_tabel`. Two-way: its columns are the column
    keys. One-way (`kolommen` given): in every suppressed row, these columns are masked
    (e.g. gemiddelde, P25, P75). The footnote does not say which rule applied: that would
    hint at p and at the contributions.
    """
    uit = tabel.astype(object).copy()
    geraakt = False
    for r in oordelen.itertuples():
        if r.status == VEILIG or r.rij not in uit.index:
            continue
        doel = list(kolommen) if kolommen is not None else [r.kolom]
        doel = [k for k in doel if k in uit.columns]
        uit.loc[r.rij, doel] = MARKER
        geraakt = geraakt or bool(doel)
    return uit, [VOETNOOT] if geraakt else []
