"""Display tables of the result-based tariffs, under disclosure control for the inkooptafel.

A cell with fewer clients than the matrix's minimum shows no client count, no number of
client-periods, no product shares and no budget of its own (its tariff comes from a larger
group and is shown, with the group it came from). Their budgets are shown together; when that
group would still be small, the smallest published cells join it (secondary suppression), so
no total minus the published cells singles out a few clients.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd

from kostprijs.budget.resultaat import EIGEN_CEL, Resultaattarieven
from kostprijs.geld import naar_euro, rond_half_op
from kostprijs.matrix import Resultaatmatrix
from kostprijs.onderzoek.onthulling import MARKER, VENSTER
from kostprijs.opmaak import euro, procent


def _klein(uitkomst: Resultaattarieven, matrix: Resultaatmatrix) -> pd.Series:
    return uitkomst.matrix["n_clienten"] < matrix.minimum_clienten


def matrix_tabel(uitkomst: Resultaattarieven, matrix: Resultaatmatrix) -> pd.DataFrame:
    """One row per bought cell: code, description, zelfredzaamheid, clients, units, tariff,
    spread and where the tariff came from."""
    m = uitkomst.matrix
    klein = _klein(uitkomst, matrix)
    eenheid = "Cliëntperioden" if uitkomst.per == "periode" else "Trajecten"
    tarief = "Tarief per periode" if uitkomst.per == "periode" else "Trajectprijs"
    uit = pd.DataFrame(
        {
            "Cel": m["subresultaat"],
            "Resultaat": [matrix.omschrijving(s) for s in m["subresultaat"]],
            "Zelfredzaamheid": m["zelfredzaamheid"],
            "Cliënten": m["n_clienten"],
            eenheid: m["n_eenheden"],
            tarief: [None if t is None else naar_euro(t) for t in m["tarief_centen"]],
            "P25": [None if t is None else naar_euro(t) for t in m["p25_centen"]],
            "P75": [None if t is None else naar_euro(t) for t in m["p75_centen"]],
            "Bron": m["bron"],
        }
    ).astype(object)
    uit.loc[klein.to_numpy(), ["Cliënten", eenheid]] = MARKER
    return uit


def matrix_formaten(uitkomst: Resultaattarieven) -> dict[str, str]:
    eenheid = "Cliëntperioden" if uitkomst.per == "periode" else "Trajecten"
    tarief = "Tarief per periode" if uitkomst.per == "periode" else "Trajectprijs"
    return {"Cliënten": "geheel", eenheid: "geheel", tarief: "euro", "P25": "euro", "P75": "euro"}


def heatmap_waarden(uitkomst: Resultaattarieven, matrix: Resultaatmatrix) -> pd.DataFrame:
    """Sub-results in rows, zelfredzaamheid in columns: the tariff in euros (NaN where the
    cell has none or is not bought), with a mark per cell: '' own cell, '*' fallback,
    'x' no tariff, '-' not bought."""
    rijen = []
    tarief = {
        (r.subresultaat, r.zelfredzaamheid): (r.tarief_centen, r.bron)
        for r in uitkomst.matrix.itertuples()
    }
    for sub in matrix.subresultaten:
        for z in matrix.zelfredzaamheden:
            t, bron = tarief.get((sub, z), (None, None))
            teken = "-" if bron is None else "" if bron == EIGEN_CEL else "x" if t is None else "*"
            rijen.append((sub, z, np.nan if t is None else t / 100, teken))
    return pd.DataFrame(rijen, columns=["subresultaat", "zelfredzaamheid", "tarief", "teken"])


def aandelen_tabel(
    uitkomst: Resultaattarieven, matrix: Resultaatmatrix, verborgen: frozenset[str]
) -> pd.DataFrame:
    """Each product's share of a cell's cost, for the cells with enough clients; products
    whose cost price is not shown at the inkooptafel are left out."""
    groot = uitkomst.matrix.loc[~_klein(uitkomst, matrix), ["subresultaat", "zelfredzaamheid"]]
    a = uitkomst.aandelen.merge(groot, on=["subresultaat", "zelfredzaamheid"])
    a = a[~a["productspecificatie"].isin(verborgen)]
    breed = a.pivot_table(
        index=["subresultaat", "zelfredzaamheid"],
        columns="productspecificatie",
        values="aandeel",
        aggfunc="first",
        sort=False,
    )
    breed = breed.reindex(
        [(s, z) for s, z in zip(groot["subresultaat"], groot["zelfredzaamheid"], strict=True)]
    )
    uit = breed.reset_index().rename(
        columns={"subresultaat": "Cel", "zelfredzaamheid": "Zelfredzaamheid"}
    )
    for kolom in uit.columns[2:]:
        uit[kolom] = [
            None if pd.isna(v) else float(Fraction(v).limit_denominator(10**6)) for v in uit[kolom]
        ]
    return uit


def budget_tabel(uitkomst: Resultaattarieven, matrix: Resultaatmatrix) -> tuple[pd.DataFrame, int]:
    """Per cell the realised cost at cost prices and the cost under the cell tariffs; small
    cells (and, if needed, the smallest others) together in one row. Returns the table and how
    many cells that row holds."""
    m = uitkomst.matrix.sort_values("n_clienten", kind="stable")
    samen = m["n_clienten"] < matrix.minimum_clienten
    paren = uitkomst.paren
    cel_van_paar = pd.MultiIndex.from_frame(paren[["subresultaat", "zelfredzaamheid"]])
    if samen.any():
        # add the smallest published cells until the group has enough clients of its own
        for i in m.index[~samen]:
            groep = m.loc[samen[samen].index]
            in_groep = cel_van_paar.isin(
                list(zip(groep["subresultaat"], groep["zelfredzaamheid"], strict=True))
            )
            if paren.loc[in_groep, "client"].nunique() >= matrix.minimum_clienten:
                break
            samen[i] = True
    volgorde = uitkomst.matrix.index
    rijen = [
        {
            "Cel": f"{r.subresultaat} × {r.zelfredzaamheid}",
            "Realisatie tegen kostprijs": r.kosten_centen,
            "Met de celtarieven": r.tariefmodel_centen,
        }
        for r in uitkomst.matrix.loc[[i for i in volgorde if not samen[i]]].itertuples()
    ]
    groep = uitkomst.matrix.loc[samen[samen].index]
    if len(groep):
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
    return uit, len(groep)


def verdeling_tabel(uitkomst: Resultaattarieven) -> pd.DataFrame:
    """Who gains and who loses: the per-client difference (cell tariffs minus realised cost)
    at P10 ... P90, each the mean of the VENSTER clients nearest the percentile, and how many
    clients gain or lose."""
    verschil = np.sort(
        (uitkomst.per_client["tariefmodel_centen"] - uitkomst.per_client["kosten_centen"]).to_numpy(
            dtype=np.int64
        )
    )
    n = len(verschil)
    rijen = []
    for q in (Fraction(1, 10), Fraction(1, 4), Fraction(1, 2), Fraction(3, 4), Fraction(9, 10)):
        midden = q * n - Fraction(1, 2)
        richting = 1 if q <= Fraction(1, 2) else -1
        kandidaten = range(max(0, int(midden) - VENSTER), min(n, int(midden) + VENSTER + 1))
        gekozen = sorted(kandidaten, key=lambda i: (abs(i - midden), richting * i))[:VENSTER]
        waarde = (
            int(rond_half_op(int(sum(int(verschil[i]) for i in gekozen)), len(gekozen)))
            if gekozen
            else None
        )
        rijen.append({"Deel van de cliënten met een lager verschil": float(q), "Verschil": waarde})
    return pd.DataFrame(rijen)


def kern(
    uitkomst: Resultaattarieven, matrix: Resultaatmatrix, periodebudget_centen: int | None
) -> list[str]:
    """The key findings in Dutch."""
    m = uitkomst.matrix
    eigen = int((m["bron"] == EIGEN_CEL).sum())
    zonder = int(m["tarief_centen"].isna().sum())
    verschil = uitkomst.tariefmodel_centen - uitkomst.kosten_centen
    punten = [
        f"{len(m)} ingekochte cellen: {eigen} met een tarief uit de eigen cel, "
        f"{len(m) - eigen - zonder} met een tarief uit een grotere groep (minder dan "
        f"{matrix.minimum_clienten} cliënten)"
        + (f", {zonder} zonder tarief" if zonder else "")
        + ".",
        f"Met de celtarieven kost de zorg van vorig jaar "
        f"{euro(uitkomst.tariefmodel_centen, centen=True, heel=True)}, tegen "
        f"{euro(uitkomst.kosten_centen, centen=True, heel=True)} tegen kostprijs "
        f"({euro(verschil, centen=True, heel=True, teken=True)}, "
        f"{procent(Decimal(verschil) / Decimal(uitkomst.kosten_centen or 1), 1, teken=True)}).",
    ]
    if periodebudget_centen is not None:
        punten.append(
            "Het periodebudgetmodel met de nieuwe tarieven komt voor de bestaande cliënten op "
            f"{euro(periodebudget_centen, centen=True, heel=True)} per jaar."
        )
    if uitkomst.onder_eigen_bijdrage is not None:
        punten.append(
            f"{uitkomst.onder_eigen_bijdrage} cliëntperioden kostten minder dan het "
            f"eigen-bijdrageplafond ({euro(matrix.eigen_bijdrage_plafond)} per periode): daar "
            "kan een cliënt met een resultaattarief meer eigen bijdrage betalen dan de zorg kost."
        )
    return punten
