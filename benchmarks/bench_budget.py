"""Benchmark: the exact budget model on 1,000,000 synthetic indicatie rows.

Prints wall time, peak memory and the ratio against a bare float pandas computation of the
same formula (target: ratio <= 3 while exact to the cent). Run: `make bench`.
"""

from __future__ import annotations

import time
import tracemalloc
from decimal import Decimal

import numpy as np
import pandas as pd

from kostprijs.budget.model import Tarieven, bereken_clienten, bereken_regels, indicaties_schaal
from kostprijs.parameters import laad_parameters
from kostprijs.voorbeeld.gegevens import KEUZES

RIJEN = 1_000_000
# "Resultaten gemiddelde kostprijs" (docs/bronnen.md)
GEMIDDELDE_KOSTPRIJZEN = {
    "OZL 1": "49.42",
    "OZL 2": "52.86",
    "OZL 3": "62.30",
    "OMD 1": "33.97",
    "OMD 2": "46.89",
    "OMD 3": "60.31",
    "Vervoer": "13.08",
    "Kortdurend verblijf": "94.50",
    "Kortdurend verblijf extra": "188.28",
}
HERHALINGEN = 3


def maak_indicaties(rijen: int) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    producten = np.array(list(KEUZES))
    product = producten[rng.integers(0, len(producten), rijen)]
    per_week = np.empty(rijen)
    for p in producten:
        keuze = product == p
        per_week[keuze] = rng.choice(KEUZES[p], keuze.sum())
    client = np.char.add("K", (np.arange(rijen) // 2.5).astype(int).astype(str))
    return pd.DataFrame(
        {"client": client, "productspecificatie": product, "indicatie_per_week": per_week}
    )


def exact(indicaties, tarieven, params):
    df = indicaties.assign(indicatie_milli=indicaties_schaal(indicaties["indicatie_per_week"]))
    regels = bereken_regels(df, tarieven, params.budget)
    return bereken_clienten(regels, params.budget, params.catalogus)


def zwevend(indicaties, tarieven_euro, params):
    b = params.budget
    bedrag = (
        indicaties["indicatie_per_week"]
        * b.weken_per_jaar
        * float(b.gebruiksfactor)
        * indicaties["productspecificatie"].map(tarieven_euro)
    )
    jaar = bedrag.groupby(indicaties["client"]).sum()
    periode = (jaar / b.perioden_per_jaar).round(2)
    return pd.DataFrame({"jaar": jaar, "periode": periode, "budget": periode.round(0)})


def meet(functie, *args):
    tijden = []
    for _ in range(HERHALINGEN):
        start = time.perf_counter()
        functie(*args)
        tijden.append(time.perf_counter() - start)
    tracemalloc.start()
    functie(*args)
    _, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return min(tijden), piek


def main() -> None:
    params = laad_parameters(2027)
    indicaties = maak_indicaties(RIJEN)
    tarieven = Tarieven({p: int(Decimal(t) * 100) for p, t in GEMIDDELDE_KOSTPRIJZEN.items()})
    tarieven_euro = {p: float(t) for p, t in GEMIDDELDE_KOSTPRIJZEN.items()}
    t_exact, m_exact = meet(exact, indicaties, tarieven, params)
    t_float, m_float = meet(zwevend, indicaties, tarieven_euro, params)
    print(f"budgetmodel, {RIJEN:,} indicatieregels, {indicaties['client'].nunique():,} cliënten")
    print(
        f"  exact (centen, half omhoog): {t_exact:6.2f} s, piekgeheugen {m_exact / 2**20:7.1f} MiB"
    )
    print(
        f"  kale float-pandas:           {t_float:6.2f} s, piekgeheugen {m_float / 2**20:7.1f} MiB"
    )
    print(f"  verhouding tijd exact/float: {t_exact / t_float:.2f} (doel <= 3)")


if __name__ == "__main__":
    main()
