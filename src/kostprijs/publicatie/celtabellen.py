"""The published tables of the result matrix, decided together in one pass.

Every figure of a cell (clients, client-periods, cost, its cell tariff) is a magnitude of the
providers whose care is in it: it is shown only when the cell passes the threshold rule on
providers and the p% rule on their cost (`onthulling.primaire_reden`), and, for clients and
units, when the cell has the matrix's minimum of clients; a cell whose cost is mostly a part
that is not shown (less than p% shown besides it) is not shown either, or its cost would give
that part. A tariff taken from a larger group is shown when that group passes. Cells whose
figures are not shown are summed in one row "kleine cellen samen", which grows with the
smallest shown cells until it passes itself (clients, providers, p%, and no cell making up
more than the row can hide); the figures of the cells in that row are then not shown anywhere
else, so no subtraction isolates one of them. Shares of products in a cell are computed over the products that may be
shown (cost price published and the product's part of the cell passing the rules), rounded to
the 0,1% the report prints: a hidden part is in neither the numerator nor the denominator.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from kostprijs.geld import naar_euro
from kostprijs.matrix import Resultaatmatrix
from kostprijs.onderzoek.onthulling import MARKER, primaire_reden
from kostprijs.resultaat.celtarieven import EIGEN_CEL, Resultaattarieven

AANDEEL_STAP = Decimal("0.001")  # the Aandelen sheet prints 0,1%
ALLE = "alle resultaatgebieden"


@dataclass(frozen=True)
class Resultaatpublicatie:
    """The tables the inkooptafel sees and, internally, why a cell's figures are not shown."""

    matrix: pd.DataFrame
    aandelen: pd.DataFrame
    kosten: pd.DataFrame
    samen: int  # cells in the row "kleine cellen samen"
    heatmap: pd.DataFrame
    reden: dict  # (subresultaat, zelfredzaamheid) -> Dutch reason (internal)
    totaal_getoond: bool


def _per_cel(bijdragen: pd.DataFrame) -> dict:
    """Per cell, each provider's cost in it (cents): one pass over the contributions."""
    som = bijdragen.groupby(["subresultaat", "zelfredzaamheid", "aanbieder"], sort=True)[
        "kosten_centen"
    ].sum()
    uit: dict = {}
    for (sub, zr, aanbieder), kosten in som.items():
        uit.setdefault((sub, zr), {})[aanbieder] = int(kosten)
    return uit


def _per_aanbieder(per_cel: dict, cellen) -> list:
    """Each provider's cost over the given cells (cents); lines without a provider count as
    one unknown provider, so they never make a cell look safer."""
    samen: dict = {}
    for cel in cellen:
        for aanbieder, kosten in per_cel.get(cel, {}).items():
            samen[aanbieder] = samen.get(aanbieder, 0) + kosten
    return list(samen.values())


def _pool(bron: str, cel, uitkomst: Resultaattarieven) -> list:
    """The cells whose units made a cell's tariff (its own, or the fallback group)."""
    if bron == EIGEN_CEL:
        return [cel]
    m = uitkomst.matrix
    zelfde = m["zelfredzaamheid"] == cel[1]
    if not bron.endswith(ALLE):
        gebied = m.loc[(m["subresultaat"] == cel[0]), "resultaatgebied"].iat[0]
        zelfde &= m["resultaatgebied"] == gebied
    return list(zip(m.loc[zelfde, "subresultaat"], m.loc[zelfde, "zelfredzaamheid"], strict=True))


def publiceer(
    uitkomst: Resultaattarieven,
    matrix: Resultaatmatrix,
    verborgen: frozenset[str],
    p: Decimal,
) -> Resultaatpublicatie:
    """The disclosure pass over the Matrix, Aandelen and Kosten per cel tables."""
    m = uitkomst.matrix
    bijdragen = uitkomst.bijdragen
    if bijdragen is None:  # saved before providers were kept: nothing can be shown as safe
        bijdragen = pd.DataFrame(
            {
                "subresultaat": m["subresultaat"],
                "zelfredzaamheid": m["zelfredzaamheid"],
                "productspecificatie": "",
                "aanbieder": "",
                "kosten_centen": m["kosten_centen"],
            }
        )
    cellen = list(zip(m["subresultaat"], m["zelfredzaamheid"], strict=True))
    getoond = _getoonde_delen(bijdragen, verborgen, p)
    per_cel = _per_cel(bijdragen)
    reden: dict = {}
    for cel, n in zip(cellen, m["n_clienten"], strict=True):
        r = primaire_reden(_per_aanbieder(per_cel, [cel]), p)
        if n < matrix.minimum_clienten:
            r = f"minder dan {matrix.minimum_clienten} cliënten"
        elif r is None and _verborgen_deel_bepaalt(per_cel, cel, getoond, p):
            r = "het niet getoonde deel bepaalt de kosten van de cel"
        if r:
            reden[cel] = r
    # the row of the cells not shown grows with the smallest shown cells until it passes
    samen = [c for c in cellen if c in reden]
    if samen:
        for i in np.argsort(m["n_clienten"].to_numpy(), kind="stable"):
            if _veilige_groep(uitkomst, per_cel, samen, matrix, p):
                break
            if cellen[i] not in samen:
                samen.append(cellen[i])
                reden[cellen[i]] = "samen met de kleine cellen"
    totaal_getoond = primaire_reden(_per_aanbieder(per_cel, cellen), p) is None
    tarief_getoond = [
        t is not None and primaire_reden(_per_aanbieder(per_cel, _pool(b, c, uitkomst)), p) is None
        for c, t, b in zip(cellen, m["tarief_centen"], m["bron"], strict=True)
    ]
    return Resultaatpublicatie(
        matrix=_matrix_tabel(uitkomst, matrix, reden, tarief_getoond),
        aandelen=_aandelen_tabel(uitkomst, getoond, reden),
        kosten=_kosten_tabel(uitkomst, cellen, samen, totaal_getoond),
        samen=len(samen) if len(samen) < len(cellen) else 0,
        heatmap=_heatmap(uitkomst, matrix, tarief_getoond),
        reden=reden,
        totaal_getoond=totaal_getoond,
    )


def _veilige_groep(uitkomst, per_cel: dict, samen, matrix: Resultaatmatrix, p: Decimal) -> bool:
    paren = uitkomst.paren
    in_groep = pd.MultiIndex.from_frame(paren[["subresultaat", "zelfredzaamheid"]]).isin(samen)
    genoeg = paren.loc[in_groep, "client"].nunique() >= matrix.minimum_clienten
    # the row is a total of its cells too: none may be estimated closely from it
    kosten = [sum(per_cel.get(c, {}).values()) for c in samen]
    groot = max(kosten, default=0)
    gedekt = len(kosten) > 1 and sum(kosten) - groot >= p / 100 * groot
    return genoeg and gedekt and primaire_reden(_per_aanbieder(per_cel, samen), p) is None


def _getoonde_delen(bijdragen, verborgen, p: Decimal) -> dict:
    """Per cell, the products whose part may be shown (cost price published, the part passing
    the rules) with their cost."""
    uit: dict = {}
    sleutels = ["subresultaat", "zelfredzaamheid", "productspecificatie"]
    som = bijdragen.groupby([*sleutels, "aanbieder"], sort=False)["kosten_centen"].sum()
    for (sub, zr, product), per in som.groupby(level=[0, 1, 2], sort=False):
        if product in verborgen:
            continue
        per = [int(k) for k in per]
        if sum(per) and primaire_reden(per, p) is None:
            uit.setdefault((sub, zr), {})[product] = sum(per)
    return uit


def _verborgen_deel_bepaalt(per_cel: dict, cel, getoond: dict, p: Decimal) -> bool:
    """True when the cell's cost would estimate its hidden part within p%: the shown parts
    are less than p% of the hidden ones."""
    totaal = sum(per_cel.get(cel, {}).values())
    zichtbaar = sum(getoond.get(cel, {}).values())
    rest = totaal - zichtbaar
    return rest > 0 and zichtbaar < p / 100 * rest


def _namen(uitkomst: Resultaattarieven) -> tuple[str, str]:
    if uitkomst.per == "periode":
        return "Cliëntperioden", "Tarief per periode"
    return "Trajecten", "Trajectprijs"


def formaten(uitkomst: Resultaattarieven) -> dict[str, str]:
    eenheid, tarief = _namen(uitkomst)
    return {"Cliënten": "geheel", eenheid: "geheel", tarief: "euro", "P25": "euro", "P75": "euro"}


def _euro(centen, getoond: bool):
    return (
        MARKER
        if not getoond and centen is not None
        else None
        if centen is None
        else naar_euro(centen)
    )


def _matrix_tabel(uitkomst, matrix: Resultaatmatrix, reden: dict, tarief_getoond) -> pd.DataFrame:
    m = uitkomst.matrix
    eenheid, tarief = _namen(uitkomst)
    verborgen_cel = [
        (s, z) in reden for s, z in zip(m["subresultaat"], m["zelfredzaamheid"], strict=True)
    ]
    return pd.DataFrame(
        {
            "Cel": m["subresultaat"],
            "Resultaat": [matrix.omschrijving(s) for s in m["subresultaat"]],
            "Zelfredzaamheid": m["zelfredzaamheid"],
            "Cliënten": [
                MARKER if v else int(n) for v, n in zip(verborgen_cel, m["n_clienten"], strict=True)
            ],
            eenheid: [
                MARKER if v else int(n) for v, n in zip(verborgen_cel, m["n_eenheden"], strict=True)
            ],
            tarief: [_euro(t, g) for t, g in zip(m["tarief_centen"], tarief_getoond, strict=True)],
            "P25": [_euro(t, g) for t, g in zip(m["p25_centen"], tarief_getoond, strict=True)],
            "P75": [_euro(t, g) for t, g in zip(m["p75_centen"], tarief_getoond, strict=True)],
            "Bron": m["bron"],
        }
    ).astype(object)


def _aandelen_tabel(uitkomst, getoond: dict, reden: dict) -> pd.DataFrame:
    """Per shown cell the share of each product that may be shown, over those products only."""
    m = uitkomst.matrix
    rijen, producten = [], set()
    for cel in zip(m["subresultaat"], m["zelfredzaamheid"], strict=True):
        if cel in reden:
            continue
        delen = getoond.get(cel, {})
        noemer = Decimal(sum(delen.values()))
        rij = {"Cel": cel[0], "Zelfredzaamheid": cel[1]}
        for product, kosten in delen.items():
            rij[product] = (Decimal(kosten) / noemer).quantize(AANDEEL_STAP, ROUND_HALF_UP)
            producten.add(product)
        rijen.append(rij)
    volgorde = [
        q for q in uitkomst.aandelen["productspecificatie"].drop_duplicates() if q in producten
    ]
    return pd.DataFrame(rijen, columns=["Cel", "Zelfredzaamheid", *volgorde]).astype(object)


def _kosten_tabel(uitkomst, cellen, samen, totaal_getoond: bool) -> pd.DataFrame:
    m = uitkomst.matrix
    rijen = [
        {
            "Cel": f"{r.subresultaat} × {r.zelfredzaamheid}",
            "Realisatie tegen kostprijs": r.kosten_centen,
            "Met de celtarieven": r.tariefmodel_centen,
        }
        for r, cel in zip(m.itertuples(), cellen, strict=True)
        if cel not in samen
    ]
    if samen and len(samen) < len(cellen):
        groep = m[[c in samen for c in cellen]]
        rijen.append(
            {
                "Cel": f"{len(groep)} kleine cellen samen",
                "Realisatie tegen kostprijs": int(groep["kosten_centen"].sum()),
                "Met de celtarieven": int(groep["tariefmodel_centen"].sum()),
            }
        )
    rijen.append(
        {
            "Cel": "Totaal",
            "Realisatie tegen kostprijs": uitkomst.kosten_centen,
            "Met de celtarieven": uitkomst.tariefmodel_centen,
        }
    )
    uit = pd.DataFrame(rijen)
    uit["Verschil"] = uit["Met de celtarieven"] - uit["Realisatie tegen kostprijs"]
    uit = uit.astype(object)
    if not totaal_getoond:
        uit.iloc[-1, 1:] = MARKER
    return uit


def _heatmap(uitkomst, matrix: Resultaatmatrix, tarief_getoond) -> pd.DataFrame:
    """The heatmap's values: the tariff where it is shown, with the mark of its cell."""
    getoond = dict(
        zip(
            zip(uitkomst.matrix["subresultaat"], uitkomst.matrix["zelfredzaamheid"], strict=True),
            tarief_getoond,
            strict=True,
        )
    )
    tarief = {
        (r.subresultaat, r.zelfredzaamheid): (r.tarief_centen, r.bron)
        for r in uitkomst.matrix.itertuples()
    }
    rijen = []
    for sub in matrix.subresultaten:
        for z in matrix.zelfredzaamheden:
            t, bron = tarief.get((sub, z), (None, None))
            if t is not None and not getoond[(sub, z)]:
                t = None
            teken = "-" if bron is None else "x" if t is None else "" if bron == EIGEN_CEL else "*"
            rijen.append((sub, z, np.nan if t is None else t / 100, teken))
    return pd.DataFrame(rijen, columns=["subresultaat", "zelfredzaamheid", "tarief", "teken"])
