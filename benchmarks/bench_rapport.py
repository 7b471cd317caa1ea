"""Benchmark: `make report` end to end on the synthetic sample, with a warm environment.

Compares with the floor: papermill plus nbconvert (HTML, no input) over as many empty
notebooks as the pipeline has, one process each, as make runs them. Target: ratio <= 0.6.
Also prints the time of a re-run with nothing changed (should do no work).
Run: `make bench` (or .venv/bin/python benchmarks/bench_rapport.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
OMGEVING = {**os.environ, "KOSTPRIJS_SLEUTEL": "5a" * 32}


def _make(basis: Path) -> float:
    """make report on the sample in `basis` (written first when absent, inside the timing)."""
    mappen = {n: basis / n.lower() for n in ("RAW", "PROCESSED", "BUILD", "REPORTS")}
    opdracht = ["make", "-C", str(PROJECT), "report", "JAAR=2027"]
    opdracht += [f"{n}={p}" for n, p in mappen.items()]
    start = time.perf_counter()
    if not mappen["RAW"].exists():
        voorbeeld = [BIN / "kostprijs", "voorbeeld", "--jaar", "2027", "--map", str(mappen["RAW"])]
        subprocess.run(voorbeeld, check=True, capture_output=True)
    subprocess.run(opdracht, env=OMGEVING, check=True, capture_output=True)
    return time.perf_counter() - start


def _vloer(basis: Path, aantal: int) -> float:
    leeg = new_notebook(cells=[new_code_cell("jaar = 2027", metadata={"tags": ["parameters"]})])
    leeg.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    start = time.perf_counter()
    for i in range(aantal):
        nb, uit = basis / f"leeg{i}.ipynb", basis / f"uit{i}.ipynb"
        nbformat.write(leeg, nb)
        subprocess.run(
            [BIN / "papermill", "-k", "python3", "-p", "jaar", "2027", str(nb), str(uit)],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", str(uit)],
            check=True,
            capture_output=True,
        )
    return time.perf_counter() - start


def main() -> None:
    aantal = len(list((PROJECT / "notebooks").glob("*.ipynb")))
    with tempfile.TemporaryDirectory() as tmp:
        basis = Path(tmp)
        _make(basis / "opwarmen")  # caches (bytecode, fonts, matplotlib) as a user has them
        shutil.rmtree(basis / "opwarmen")
        volledig = _make(basis / "run")
        niets = _make(basis / "run")
        vloer = _vloer(basis, aantal)
    print(f"make report, {aantal} notebooks, synthetische voorbeelddata (warme omgeving)")
    print(f"  volledige run:             {volledig:6.1f} s")
    print(f"  vloer (papermill+nbconvert, {aantal} lege notebooks): {vloer:6.1f} s")
    print(f"  verhouding:                {volledig / vloer:6.2f} (doel <= 0,6)")
    print(f"  herhaalde run, niets veranderd: {niets:6.2f} s")


if __name__ == "__main__":
    main()
