"""Benchmark: result-based cell tariffs on 1.000.000 realisation lines.

Prints the time of the package's exact computation (`bereken_resultaattarieven`: integer
cents, client-periods, periods without care, fallback, window spread, product shares, per
client) against a bare float pandas script doing the core of it (cost per line, sum per
client-period, mean per cell, sum per client), and the ratio. Target: at most 3x. Also the
time with the cell tariffs per tariff scenario of params/2027.yaml.

    .venv/bin/python benchmarks/bench_resultaat.py [regels]
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pandas as pd

from kostprijs.parameters import laad_parameters
from kostprijs.resultaat.celtarieven import bereken_resultaattarieven

HERHALINGEN = 3


def maak_regels(n: int, params) -> pd.DataFrame:
    rng = np.random.default_rng(11)
    matrix = params.resultaat
    cellen = matrix.cellen()
    clienten = max(n // 40, 1)  # about 40 lines per client a year, as in the sample
    client = rng.integers(0, clienten, n)
    cel = rng.integers(0, len(cellen), clienten)[client]
    producten = np.array(params.productspecificaties)
    return pd.DataFrame(
        {
            "client": pd.Series(client).map(lambda i: f"K{i:07d}").to_numpy(),
            "subresultaat": np.array([c[0] for c in cellen])[cel],
            "zelfredzaamheid": np.array([c[1] for c in cellen])[cel],
            "periode": rng.integers(1, params.budget.perioden_per_jaar + 1, n),
            "productspecificatie": producten[rng.integers(0, len(producten), n)],
            "geleverd_milli": rng.integers(250, 20_000, n),
            "aanbieder": "",
            "traject": "",
        }
    )


def float_script(regels: pd.DataFrame, kostprijs: dict[str, float]) -> pd.Series:
    kosten = regels["geleverd_milli"] / 1000 * regels["productspecificatie"].map(kostprijs)
    r = regels.assign(kosten=kosten)
    eenheden = r.groupby(["client", "subresultaat", "zelfredzaamheid", "periode"])["kosten"].sum()
    tarief = eenheden.groupby(level=["subresultaat", "zelfredzaamheid"]).mean().round(2)
    r.groupby("client")["kosten"].sum()
    return tarief


def meet(functie) -> float:
    tijden = []
    for _ in range(HERHALINGEN):
        begin = time.perf_counter()
        functie()
        tijden.append(time.perf_counter() - begin)
    return min(tijden)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    params = laad_parameters(2027)
    regels = maak_regels(n, params)
    kostprijs_centen = {p: 4000 + 731 * i for i, p in enumerate(params.productspecificaties)}
    kostprijs_euro = {p: c / 100 for p, c in kostprijs_centen.items()}
    pakket = meet(
        lambda: bereken_resultaattarieven(
            regels, kostprijs_centen, params.resultaat, params.budget.perioden_per_jaar
        )
    )
    kaal = meet(lambda: float_script(regels, kostprijs_euro))
    # the cell tariffs per tariff scenario too, one price list per scenario of the parameters
    prijzen = {
        s.naam: {p: c + 50 * i for p, c in kostprijs_centen.items()}
        for i, s in enumerate(params.scenarios.lijst)
    }
    met_scenarios = meet(
        lambda: bereken_resultaattarieven(
            regels,
            kostprijs_centen,
            params.resultaat,
            params.budget.perioden_per_jaar,
            scenarioprijzen=prijzen,
        )
    )
    print(f"realisatieregels:        {n:>12,}".replace(",", "."))
    print(f"kostprijs (exact):       {pakket:>10.2f} s")
    print(f"kaal float-script:       {kaal:>10.2f} s")
    print(f"verhouding:              {pakket / kaal:>10.2f} x (doel: hoogstens 3)")
    print(f"met {len(prijzen)} tariefscenario's:   {met_scenarios:>10.2f} s")


if __name__ == "__main__":
    main()
