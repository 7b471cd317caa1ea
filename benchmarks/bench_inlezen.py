"""Benchmark: ingest 2,000 synthetic provider workbooks.

Prints the time per workbook, the peak memory (this process and the largest worker) and
the ratio against a bare single-process `pandas.read_excel(engine="calamine",
sheet_name=None)` loop over the same files. Targets (issue 3): ratio <= 1.0, peak < 1 GiB.

Both sides run `--herhalingen` times, alternating, after one untimed warm-up pass that
brings the files into the page cache; best and median are printed for each, with the
CPU time (user + sys, workers included) next to the wall time, so that slowness caused
by other processes on the machine can be told apart from work done.

    .venv/bin/python benchmarks/bench_inlezen.py [--aantal 2000] [--herhalingen 3]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from kostprijs.inlezen import lees_map
from kostprijs.parameters import laad_parameters
from kostprijs.voorbeeld.aanbieders import schrijf_voorbeeld_aanbieders


def _piek_mib() -> tuple[float, float]:
    zelf = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kinderen = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return zelf, kinderen


def _cpu() -> float:
    """User + sys seconds of this process and its reaped children (the workers)."""
    zelf = resource.getrusage(resource.RUSAGE_SELF)
    kinderen = resource.getrusage(resource.RUSAGE_CHILDREN)
    return zelf.ru_utime + zelf.ru_stime + kinderen.ru_utime + kinderen.ru_stime


def _meet(functie) -> tuple[float, float]:
    cpu, start = _cpu(), time.perf_counter()
    functie()
    return time.perf_counter() - start, _cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=2000)
    parser.add_argument("--herhalingen", type=int, default=3)
    parser.add_argument("--jaar", type=int, default=2027)
    args = parser.parse_args()
    params = laad_parameters(args.jaar)
    kaal: list[tuple[float, float]] = []
    inlezen: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory(prefix="bench_inlezen_") as tmp:
        tmp = Path(tmp)
        bron = schrijf_voorbeeld_aanbieders(params, tmp / "bron")
        map_ = tmp / "aanbieders"
        map_.mkdir()
        for i in range(args.aantal):
            shutil.copyfile(bron[i % len(bron)], map_ / f"aanbieder_{i:05d}.xlsx")
        paden = sorted(map_.iterdir())

        def kale_lus() -> None:
            for pad in paden:
                pd.read_excel(pad, engine="calamine", sheet_name=None)

        for pad in paden:  # warm-up: page cache
            pad.read_bytes()
        for _ in range(max(1, args.herhalingen)):
            kaal.append(_meet(kale_lus))
            inlezen.append(_meet(lambda: lees_map(params, map_, tmp / "uit", voortgang=False)))
        resultaat = lees_map(params, map_, tmp / "uit", voortgang=False)

    zelf, kinderen = _piek_mib()
    n = len(paden)

    def regel(naam: str, metingen: list[tuple[float, float]]) -> tuple[float, float]:
        wand = sorted(m[0] for m in metingen)
        cpu = sorted(m[1] for m in metingen)
        beste, mediaan = wand[0], statistics.median(wand)
        print(
            f"{naam}: beste {beste:.1f} s ({beste / n * 1000:.2f} ms per werkmap), "
            f"mediaan {mediaan:.1f} s ({mediaan / n * 1000:.2f} ms per werkmap); "
            f"CPU (user+sys) beste {cpu[0] / n * 1000:.2f} ms per werkmap"
        )
        return beste, mediaan

    telling = resultaat.inzendingen["status"].value_counts().to_dict()
    print(f"Werkmappen: {n} ({', '.join(f'{v} {k}' for k, v in sorted(telling.items()))})")
    print(f"Herhalingen: {len(kaal)} per kant, afwisselend, na een opwarmronde")
    ib, im = regel("kostprijs inlezen (2 processen)", inlezen)
    kb, km = regel("kale pandas.read_excel-lus (calamine, 1 proces)", kaal)
    print(
        f"Verhouding inlezen / kale lus: beste {ib / kb:.2f}, mediaan {im / km:.2f} (doel <= 1,0)"
    )
    print(
        f"Piekgeheugen: hoofdproces {zelf:.0f} MiB, grootste werker {kinderen:.0f} MiB "
        "(doel < 1024 MiB)"
    )


if __name__ == "__main__":
    main()
