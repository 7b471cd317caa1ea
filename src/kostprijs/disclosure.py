"""Disclosure control for everything shown at the inkooptafel (domain.md §5).

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

import os
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd
import yaml

from kostprijs.config import PROJECT
from kostprijs.fouten import ConfiguratieFout
from kostprijs.geld import decimaal

MINIMUM_AANBIEDERS = 3
STANDAARD_P = Decimal(25)
CONFIGURATIE = PROJECT / ".kostprijs" / "disclosure.yaml"
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
    omgeving = os.environ if omgeving is None else omgeving
    pad = CONFIGURATIE if pad is None else Path(pad)
    if omgeving.get(OMGEVINGSVARIABELE, "").strip():
        return _geldige_p(omgeving[OMGEVINGSVARIABELE], f"omgevingsvariabele {OMGEVINGSVARIABELE}")
    if pad.exists():
        try:
            inhoud = yaml.safe_load(pad.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfiguratieFout(f"{pad} is geen geldig YAML-bestand: {exc}") from exc
        if not isinstance(inhoud, dict) or "p" not in inhoud:
            raise ConfiguratieFout(
                f"{pad} bevat geen waarde 'p'. Schrijf bijvoorbeeld 'p: 15' (procent)."
            )
        return _geldige_p(inhoud["p"], str(pad))
    return STANDAARD_P


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


def kwartiel_onthult(n: int, q: Decimal) -> bool:
    """True when quantile q of n values (linear interpolation) is one provider's own value."""
    positie = (n - 1) * decimaal(q)
    return positie == positie.to_integral_value()


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
