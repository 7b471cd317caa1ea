"""Benchmark: `make report` at national scale, step by step, against the sample.

Builds a raw folder with the sample generator scaled up (default 580.000 clients: about
1.000.000 indication rows and, at the sample's ratio, about 11 million realisation lines) and
2.000 provider workbooks (copies of the sample's, each with its own KvK number and name), runs
`make report` on it with one job at a time, and prints per step the wall time, CPU time and
peak memory, and the ratio to the same run on the sample. Targets (issue 13): every step
under 60 s, peak memory under 2 GiB, the internal report's HTML under 2 MiB.

    .venv/bin/python benchmarks/bench_schaal.py [--clienten 580000] [--werkmappen 2000]

Takes some 8 minutes and 2 GB of disk in a temporary folder.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl

from kostprijs.opmaak import getal
from kostprijs.paden import PROJECT
from kostprijs.parameters import laad_parameters
from kostprijs.voorbeeld.gegevens import laad_voorbeeld, schrijf_voorbeeld

JAAR = 2027


def maak_invoer(raw: Path, clienten: int, werkmappen: int | None) -> None:
    """The scaled sample, with `werkmappen` provider workbooks of distinct providers (None:
    the sample's own). An existing folder is reused; only its workbooks are multiplied."""
    if not (raw / "indicaties.csv").exists():
        params = laad_parameters(JAAR)
        vb = dataclasses.replace(laad_voorbeeld(params), clienten=clienten)
        schrijf_voorbeeld(params, raw, vb)
    bronnen = sorted((raw / "aanbieders").glob("*.xlsx"))
    if werkmappen is None or len(bronnen) == werkmappen:
        return
    kenmerken = []
    for pad in bronnen:
        wb = openpyxl.load_workbook(pad, read_only=False)
        waarde = {}
        for naam in ("aanbieder_kvk", "aanbieder_naam"):
            blad, cel = next(iter(wb.defined_names[naam].destinations))
            waarde[naam] = str(wb[blad][cel.replace("$", "")].value)
        kenmerken.append((pad.read_bytes(), waarde["aanbieder_kvk"], waarde["aanbieder_naam"]))
    for pad in bronnen:
        pad.unlink()
    for i in range(werkmappen):
        inhoud, kvk, naam = kenmerken[i % len(kenmerken)]
        vervang = {
            f">{escape(kvk)}<".encode(): f">{30_000_000 + i:08d}<".encode(),
            f">{escape(naam)}<".encode(): f">{escape(naam)} {i:05d}<".encode(),
        }
        _kopie(inhoud, raw / "aanbieders" / f"aanbieder_{i:05d}.xlsx", vervang)


def _kopie(inhoud: bytes, doel: Path, vervang: dict[bytes, bytes]) -> None:
    import io

    with zipfile.ZipFile(io.BytesIO(inhoud)) as bron, zipfile.ZipFile(doel, "w") as uit:
        for info in bron.infolist():
            data = bron.read(info)
            if info.filename == "xl/sharedStrings.xml" or info.filename.startswith(
                "xl/worksheets/"
            ):
                for oud, nieuw in vervang.items():
                    data = data.replace(oud, nieuw)
            uit.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)


def draai(raw: Path, werk: Path) -> tuple[list[dict], float, Path]:
    """`make report` on `raw`, one job at a time; the steps' figures, the total, the reports."""
    werk.mkdir(parents=True, exist_ok=True)
    log = werk / "stappen.jsonl"
    kostprijs = f"{sys.executable} {PROJECT / 'benchmarks' / 'meetstap.py'} {log} " + str(
        PROJECT / ".venv" / "bin" / "kostprijs"
    )
    omgeving = {**os.environ, "KOSTPRIJS_SLEUTEL": "ab" * 32}
    start = time.perf_counter()
    subprocess.run(
        [
            "make",
            "--no-print-directory",
            "report",
            f"JAAR={JAAR}",
            "JOBS=1",
            f"RAW={raw}",
            f"PROCESSED={werk / 'processed'}",
            f"BUILD={werk / 'build'}",
            f"REPORTS={werk / 'reports'}",
            f"KOSTPRIJS={kostprijs}",
        ],
        cwd=PROJECT,
        env=omgeving,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    totaal = time.perf_counter() - start
    stappen = [json.loads(r) for r in log.read_text(encoding="utf-8").splitlines()]
    return stappen, totaal, werk / "reports"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clienten", type=int, default=580_000)
    parser.add_argument("--werkmappen", type=int, default=2000)
    parser.add_argument(
        "--invoer", type=Path, help="map om de invoer in te bewaren en te hergebruiken"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_schaal_") as tmp:
        tmp = Path(tmp)
        invoer = args.invoer or tmp
        print("Invoer maken ...", flush=True)
        maak_invoer(invoer / "groot", args.clienten, args.werkmappen)
        maak_invoer(invoer / "klein", laad_voorbeeld(laad_parameters(JAAR)).clienten, None)
        regels = {
            n: (invoer / "groot" / n).read_bytes().count(b"\n") - 1
            for n in ("indicaties.csv", f"realisatie_{JAAR - 1}.csv")
        }
        print(
            f"{getal(args.werkmappen, 0)} werkmappen, {getal(regels['indicaties.csv'], 0)} "
            f"indicatieregels, {getal(regels[f'realisatie_{JAAR - 1}.csv'], 0)} realisatieregels",
            flush=True,
        )
        klein, klein_totaal, _ = draai(invoer / "klein", tmp / "klein")
        groot, groot_totaal, rapporten = draai(invoer / "groot", tmp / "groot")
        intern = rapporten / "intern" / "aanbieders.html"
        html_mib = intern.stat().st_size / 2**20
    per_stap = {s["stap"]: s for s in klein}
    print(f"{'stap':<38}{'tijd':>9}{'CPU':>9}{'piek':>10}{'x voorbeeld':>13}")
    for s in groot:
        k = per_stap.get(s["stap"])
        verhouding = f"{s['seconden'] / k['seconden']:.1f}" if k and k["seconden"] else "-"
        teken = "" if s["seconden"] < 60 and s["piek_mib"] < 2048 else "  <- boven het doel"
        print(
            f"{s['stap']:<38}{s['seconden']:>8.1f}s{s['cpu']:>8.1f}s{s['piek_mib']:>7} MiB"
            f"{verhouding:>13}{teken}"
        )
    print(f"hele run: {groot_totaal:.0f} s (voorbeeld {klein_totaal:.0f} s), "
          f"grootste piek {max(s['piek_mib'] for s in groot)} MiB")  # fmt: skip
    print(f"intern rapport aanbieders.html: {html_mib:.2f} MiB (doel: onder 2 MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
