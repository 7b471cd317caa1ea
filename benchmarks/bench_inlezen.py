"""Benchmark: ingest 2,000 synthetic provider workbooks.

Prints the time per workbook, the peak memory (this process and the largest worker) and
the ratio against a bare single-process `pandas.read_excel(engine="calamine",
sheet_name=None)` loop over the same files. Targets (issue 3): ratio <= 1.0, peak < 1 GiB.

    .venv/bin/python benchmarks/bench_inlezen.py [--aantal 2000]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd

from kostprijs.config import laad_parameters
from kostprijs.inlezen import lees_map
from kostprijs.voorbeeld_aanbieders import schrijf_voorbeeld_aanbieders


def _piek_mib() -> tuple[float, float]:
    zelf = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kinderen = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return zelf, kinderen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=2000)
    parser.add_argument("--jaar", type=int, default=2027)
    args = parser.parse_args()
    params = laad_parameters(args.jaar)
    with tempfile.TemporaryDirectory(prefix="bench_inlezen_") as tmp:
        tmp = Path(tmp)
        bron = schrijf_voorbeeld_aanbieders(params, tmp / "bron")
        map_ = tmp / "aanbieders"
        map_.mkdir()
        for i in range(args.aantal):
            shutil.copyfile(bron[i % len(bron)], map_ / f"aanbieder_{i:05d}.xlsx")
        paden = sorted(map_.iterdir())

        start = time.perf_counter()
        for pad in paden:
            pd.read_excel(pad, engine="calamine", sheet_name=None)
        kaal = time.perf_counter() - start

        start = time.perf_counter()
        resultaat = lees_map(params, map_, tmp / "uit", voortgang=False)
        inlezen = time.perf_counter() - start

    zelf, kinderen = _piek_mib()
    n = len(paden)
    telling = resultaat.inzendingen["status"].value_counts().to_dict()
    print(f"Werkmappen: {n} ({', '.join(f'{v} {k}' for k, v in sorted(telling.items()))})")
    print(
        f"kostprijs inlezen (2 processen): {inlezen:.1f} s, {inlezen / n * 1000:.1f} ms per werkmap"
    )
    print(
        f"kale pandas.read_excel-lus (calamine, 1 proces): {kaal:.1f} s, {kaal / n * 1000:.1f} ms per werkmap"
    )
    print(f"Verhouding inlezen / kale lus: {inlezen / kaal:.2f} (doel <= 1,0)")
    print(
        f"Piekgeheugen: hoofdproces {zelf:.0f} MiB, grootste werker {kinderen:.0f} MiB (doel < 1024 MiB)"
    )


if __name__ == "__main__":
    main()
