"""Benchmark: `make report` at national scale, step by step, against the sample.

Builds a raw folder with the sample generator scaled up (default 580.000 clients: about
1.000.000 indication rows and, at the sample's ratio, about 11 million realisation lines) and
2.000 provider workbooks (copies of the sample's, each with its own KvK number and name), runs
`make report` on it with one job at a time, and prints per step the wall time, CPU time and
peak memory, and the ratio to the same run on the sample. Targets (issue 13): every step
under 60 s, peak memory under 2 GiB, the internal report's HTML under 2 MiB.

    .venv/bin/python benchmarks/bench_schaal.py [--clienten 580000] [--werkmappen 2000]
    .venv/bin/python benchmarks/bench_schaal.py --gemeenten 300   # a region (issue 23)

Takes some 8 minutes and 2 GB of disk in a temporary folder. With --gemeenten N the run is
that of a region (params/2029.yaml, its members replaced by N invented municipalities of
unequal size, a few very small): its parameters live in a copy of the project's params/ that
the run reads through KOSTPRIJS_PROJECT, the code and notebooks are the project's own.

Measured 7-12-2026, --gemeenten 300 (1.013.438 indication rows, 11.012.393 realisation lines,
2.000 workbooks) on a machine that ran the single-municipality budget step on the same data in
119 s (49,9 s on 3-12): controleer 94,8 s / 1.931 MiB, budgetimpact 107,0 s / 2.022 MiB,
resultaatstap 61,1 s / 2.000 MiB, notebooks 11,5-17,2 s, the members' reports 169,8 s. After
the fixes of that day (the member lookup built once, the reports without IPython's reset and
per-output validation, over two processes): budgetimpact 99,7 s / 1.967 MiB, the 300 members'
reports 34,8 s (43 s with start-up), controleer 104 s / 2.045 MiB (measured apart).
8-12-2026, the same input, after the check keeps what it read as signed records that the
budget and result steps read (instead of parsing the raw exports again): controleer 92,5 s /
2.073 MiB, budgetimpact 40,1 s / 2.084 MiB (was 100,2 s), resultaatstap 39,2 s / 2.382 MiB
(was 75,4 s); with the records read back one column at a time resultaatstap 38,9 s /
2.024 MiB. The whole run 369 s -> 284-302 s. Still above the targets: controleer (> 60 s) and
the budget step's peak (about 2.100 MiB).
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

import numpy as np
import openpyxl
import yaml

from kostprijs.opmaak import getal
from kostprijs.paden import PROJECT
from kostprijs.parameters import laad_parameters
from kostprijs.voorbeeld.gegevens import laad_voorbeeld, schrijf_voorbeeld

JAAR = 2027
REGIOJAAR = 2029


def maak_regioproject(map_: Path, gemeenten: int) -> Path:
    """A project folder whose params/ is the project's with the region of params/2029.yaml
    replaced by `gemeenten` invented members (sizes ~ 1/rank, so a few are very small); src,
    notebooks and the lock file are links to the project's own."""
    map_.mkdir(parents=True, exist_ok=True)
    for naam in ("src", "notebooks", "requirements.lock", "pyproject.toml"):
        if not (map_ / naam).exists():
            (map_ / naam).symlink_to(PROJECT / naam)
    params = map_ / "params"
    if not params.exists():
        import shutil

        shutil.copytree(PROJECT / "params", params)
    tekst = (params / f"{REGIOJAAR}.yaml").read_text(encoding="utf-8")
    ruw = yaml.safe_load(tekst)
    leden = [{"naam": f"Gemeente {i:03d}", "cbs": f"GM{9000 + i:04d}"} for i in range(gemeenten)]
    ruw["regio"]["gemeenten"] = leden
    (params / f"{REGIOJAAR}.yaml").write_text(
        yaml.safe_dump(ruw, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    vb = yaml.safe_load((params / f"{REGIOJAAR}.voorbeeld.yaml").read_text(encoding="utf-8"))
    gewicht = 1 / np.arange(1, gemeenten + 1)
    aandeel = np.floor(gewicht / gewicht.sum() * 1e6) / 1e6
    aandeel[0] += 1 - aandeel.sum()
    vb["gemeenten"] = {lid["naam"]: float(a) for lid, a in zip(leden, aandeel, strict=True)}
    (params / f"{REGIOJAAR}.voorbeeld.yaml").write_text(
        yaml.safe_dump(vb, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return map_


def maak_invoer(
    raw: Path, clienten: int, werkmappen: int | None, jaar: int = JAAR, params_map=None
) -> None:
    """The scaled sample, with `werkmappen` provider workbooks of distinct providers (None:
    the sample's own). An existing folder is reused; only its workbooks are multiplied."""
    if not (raw / "indicaties.csv").exists():
        pad = None if params_map is None else params_map / f"{jaar}.yaml"
        params = laad_parameters(jaar, pad)
        vb_pad = None if params_map is None else params_map / f"{jaar}.voorbeeld.yaml"
        vb = dataclasses.replace(laad_voorbeeld(params, vb_pad), clienten=clienten)
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


def draai(
    raw: Path, werk: Path, jaar: int = JAAR, project: Path | None = None
) -> tuple[list[dict], float, Path]:
    """`make report` on `raw`, one job at a time; the steps' figures, the total, the reports."""
    werk.mkdir(parents=True, exist_ok=True)
    log = werk / "stappen.jsonl"
    kostprijs = f"{sys.executable} {PROJECT / 'benchmarks' / 'meetstap.py'} {log} " + str(
        PROJECT / ".venv" / "bin" / "kostprijs"
    )
    omgeving = {**os.environ, "KOSTPRIJS_SLEUTEL": "ab" * 32}
    if project is not None:
        omgeving["KOSTPRIJS_PROJECT"] = str(project)
    start = time.perf_counter()
    subprocess.run(
        [
            "make",
            "--no-print-directory",
            "report",
            f"JAAR={jaar}",
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
    parser.add_argument(
        "--gemeenten", type=int, default=0, help="een regio van zoveel gemeenten (0: één gemeente)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_schaal_") as tmp:
        tmp = Path(tmp)
        invoer = args.invoer or tmp
        jaar, project, params_map = JAAR, None, None
        if args.gemeenten:
            jaar = REGIOJAAR
            project = maak_regioproject(invoer / f"project_{args.gemeenten}", args.gemeenten)
            params_map = project / "params"
        groot_map = invoer / (f"groot_{args.gemeenten}" if args.gemeenten else "groot")
        print("Invoer maken ...", flush=True)
        maak_invoer(groot_map, args.clienten, args.werkmappen, jaar, params_map)
        klein_params = laad_parameters(jaar)
        klein_map = invoer / (f"klein_{jaar}" if args.gemeenten else "klein")
        maak_invoer(klein_map, laad_voorbeeld(klein_params).clienten, None, jaar)
        regels = {
            n: (groot_map / n).read_bytes().count(b"\n") - 1
            for n in ("indicaties.csv", f"realisatie_{jaar - 1}.csv")
        }
        print(
            f"{getal(args.werkmappen, 0)} werkmappen, {getal(regels['indicaties.csv'], 0)} "
            f"indicatieregels, {getal(regels[f'realisatie_{jaar - 1}.csv'], 0)} realisatieregels"
            + (f", {args.gemeenten} gemeenten" if args.gemeenten else ""),
            flush=True,
        )
        klein, klein_totaal, _ = draai(klein_map, tmp / "klein", jaar)
        groot, groot_totaal, rapporten = draai(groot_map, tmp / "groot", jaar, project)
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
