"""Benchmark: `kostprijs budget` on 1.000.000 indication rows (250.000 clients, one row per
client and product), exact to the cent, against a bare float pandas script doing the same
read, formula, per-client sum and write (target: at most 1,5x). Each runs five times in a
fresh process (imports and parameters included, as a user starts it); prints the fastest
wall and CPU time, their ratios and the peak memory of each. Run: `make bench`.

Measured (7-12-2026, quiet machine): 1,88 s against 1,33 s, 1,42x (CPU 1,42x), peak 478 MiB
each; earlier runs that day 1,49x and 1,50x before the line check and the per-week check went
to one code per distinct value.
"""

from __future__ import annotations

import contextlib
import io
import resource
import sys
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path

import numpy as np
import pandas as pd

from kostprijs.parameters import laad_parameters

CLIENTEN = 250_000
PER_CLIENT = 4
JAAR = 2027


def maak_invoer(map_: Path) -> tuple[Path, Path]:
    """Indications (Dutch csv) for the catalogue's per-week products, and their tarieven."""
    params = laad_parameters(JAAR)
    producten = [p for p in params.catalogus if p.eenheid in ("uur", "dagdeel")][:PER_CLIENT]
    rng = np.random.default_rng(1)
    n = CLIENTEN * len(producten)
    client = np.repeat(np.arange(CLIENTEN), len(producten))
    product = np.tile([p.productspecificatie for p in producten], CLIENTEN)
    omvang = rng.integers(1, 9, n) / 2  # 0,5 .. 4 per week
    indicaties = map_ / "indicaties.csv"
    pd.DataFrame(
        {
            "client": np.char.add("K", client.astype(str)),
            "productspecificatie": product,
            "indicatie_per_week": [f"{x:.1f}".replace(".", ",") for x in omvang],
            "einde": "",
        }
    ).to_csv(indicaties, sep=";", index=False, encoding="utf-8")
    tarieven = map_ / "tarieven.csv"
    pd.DataFrame(
        {
            "productspecificatie": [p.productspecificatie for p in producten],
            "eenheid": [p.eenheid for p in producten],
            "tarief": [f"{40 + 3 * i},{17 * i % 100:02d}" for i in range(len(producten))],
        }
    ).to_csv(tarieven, sep=";", index=False, encoding="utf-8")
    return indicaties, tarieven


def kostprijs_budget(indicaties: Path, tarieven: Path, uit: Path) -> None:
    from kostprijs.cli import main

    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["budget", "--jaar", str(JAAR), "--indicaties", str(indicaties),
                     "--tarieven", str(tarieven), "--uit", str(uit)]) == 0  # fmt: skip


def kaal_script(indicaties: Path, tarieven: Path, uit: Path) -> None:
    """The same computation in floats, as a quick analysis script would do it."""
    params = laad_parameters(JAAR)
    b = params.budget
    df = pd.read_csv(indicaties, sep=";", decimal=",")
    tarief = pd.read_csv(tarieven, sep=";", decimal=",").set_index("productspecificatie")
    bedrag = (
        df["indicatie_per_week"]
        * b.weken_per_jaar
        * float(b.gebruiksfactor)
        * df["productspecificatie"].map(tarief["tarief"])
    ).round(2)
    jaar = bedrag.groupby(df["client"]).sum()
    periode = (jaar / b.perioden_per_jaar).round(2)
    pd.DataFrame({"bedrag_per_jaar": jaar, "bedrag_per_periode": periode,
                  "budget": periode.round(0)}).to_csv(uit, sep=";", decimal=",")  # fmt: skip


def _meet(naam: str, args: tuple) -> tuple[float, float, float]:
    """Wall time, CPU time and peak memory (MiB) of one run in a fresh process."""
    functie = globals()[naam]
    start, cpu = time.perf_counter(), time.process_time()
    functie(*args)
    seconden, cpu = time.perf_counter() - start, time.process_time() - cpu
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return seconden, cpu, piek


def meet(naam: str, *args) -> tuple[float, float, float]:
    """The fastest of five runs (wall, CPU) and the highest peak."""
    metingen = []
    for _ in range(5):
        with get_context("spawn").Pool(1) as pool:
            metingen.append(pool.apply(_meet, (naam, args)))
    return (
        min(m[0] for m in metingen),
        min(m[1] for m in metingen),
        max(m[2] for m in metingen),
    )


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        map_ = Path(tmp)
        indicaties, tarieven = maak_invoer(map_)
        rijen = CLIENTEN * PER_CLIENT
        exact = meet("kostprijs_budget", indicaties, tarieven, map_ / "uit.csv")
        zwevend = meet("kaal_script", indicaties, tarieven, map_ / "kaal.csv")
    print(f"indicatieregels:        {rijen:>12,}".replace(",", "."))
    print(f"cliënten:               {CLIENTEN:>12,}".replace(",", "."))
    for naam, m in (("kostprijs budget", exact), ("kaal float-script", zwevend)):
        print(f"{naam + ':':<23} {m[0]:>10.2f} s (cpu {m[1]:.2f} s)  piek {m[2]:>6.0f} MiB")
    print(
        f"verhouding:             {exact[0] / zwevend[0]:>10.2f} x "
        f"(cpu {exact[1] / zwevend[1]:.2f} x; doel: hoogstens 1,5)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
