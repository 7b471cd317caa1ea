"""Display tables and findings of the result-based tariffs that are not per cell; the tables
per cell (Matrix, Aandelen, Kosten per cel) come from the disclosure pass
`kostprijs.publicatie.celtabellen`."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd

from kostprijs.geld import rond_half_op
from kostprijs.matrix import Resultaatmatrix
from kostprijs.onderzoek.onthulling import VENSTER
from kostprijs.opmaak import euro, procent
from kostprijs.resultaat.celtarieven import EIGEN_CEL, Resultaattarieven


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
    uitkomst: Resultaattarieven,
    matrix: Resultaatmatrix,
    periodebudget_centen: int | None,
    totaal_getoond: bool = True,
) -> list[str]:
    """The key findings in Dutch (the totals only when the disclosure pass shows them)."""
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
    ]
    if totaal_getoond:
        punten.append(
            f"Met de celtarieven kost de zorg van vorig jaar "
            f"{euro(uitkomst.tariefmodel_centen, centen=True, heel=True)}, tegenover "
            f"{euro(uitkomst.kosten_centen, centen=True, heel=True)} tegen de geïndexeerde "
            "kostprijs "
            f"({euro(verschil, centen=True, heel=True, teken=True)}, "
            f"{procent(Decimal(verschil) / Decimal(uitkomst.kosten_centen or 1), 1, teken=True)})."
        )
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


SCENARIO_UITLEG = (
    "Per tariefscenario van het budgetrapport: de celtarieven met dezelfde methode berekend, "
    "met de tarieven van dat scenario in plaats van de geïndexeerde kostprijs, en wat de zorg "
    "van vorig jaar daarmee had gekost. Een scenario dat rekent met een tarief dat herleidbaar "
    'is tot één of enkele aanbieders, staat als "x", zoals in het budgetrapport.'
)
