"""Reruns keyed by content (`make report` end to end): a workbook deleted, replaced by one with
an older timestamp, added, a changed p or parameter file; `make -n` tells the truth each time.
Runs on a raw folder whose path and provider file names contain spaces."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from conftest import draai_pijplijn

from kostprijs.bestanden.atomisch import sha256
from kostprijs.paden import PROJECT, parameters_pad
from kostprijs.parameters import laad_parameters
from kostprijs.voorbeeld.gegevens import schrijf_voorbeeld

pytestmark = pytest.mark.traag
SLEUTEL = {"KOSTPRIJS_SLEUTEL": "5a" * 32}


@pytest.fixture(scope="module")
def mappen(tmp_path_factory):
    basis = tmp_path_factory.mktemp("herhaling")
    raw = basis / "ruwe gegevens 2027"
    schrijf_voorbeeld(laad_parameters(2027), raw)
    eerste = sorted((raw / "aanbieders").glob("*.xlsx"))[0]
    eerste.rename(raw / "aanbieders" / "Kostprijssjabloon 2027 - Zorg A.xlsx")
    return draai_pijplijn(basis, raw=raw)


def _make(mappen, *doelen: str, project: Path = PROJECT, **omgeving) -> str:
    opdracht = ["make", "-C", str(project), *doelen, "JAAR=2027"]
    opdracht += [f"{n}={pad}" for n, pad in mappen.items()]
    env = {k: v for k, v in os.environ.items() if k != "KOSTPRIJS_P"} | SLEUTEL | omgeving
    proces = subprocess.run(opdracht, env=env, capture_output=True, text=True, timeout=900)
    assert proces.returncode == 0, proces.stdout[-3000:] + proces.stderr[-3000:]
    return proces.stdout


def _stappen(uitvoer: str) -> list[str]:
    """The pipeline steps a make run (or dry run) ran: 'kostprijs <opdracht>' per line."""
    return re.findall(r"\.venv/bin/kostprijs (\w+)", uitvoer)


def _inzendingen(mappen) -> pd.DataFrame:
    return pd.read_csv(mappen["PROCESSED"] / "inzendingen.csv", dtype=str, keep_default_na=False)


def test_nothing_changed_nothing_to_do(mappen):
    assert _stappen(_make(mappen, "-n", "report")) == []
    uitvoer = [p for n in ("PROCESSED", "BUILD", "REPORTS") for p in mappen[n].rglob("*")]
    voor = {p: p.stat().st_mtime_ns for p in uitvoer if p.is_file()}
    assert _stappen(_make(mappen, "report")) == []
    assert {p: p.stat().st_mtime_ns for p in voor} == voor


def test_deleted_and_replaced_with_an_older_timestamp(mappen):
    aanbieders = mappen["RAW"] / "aanbieders"
    weg, vervangen, bron = sorted(aanbieders.glob("*.xlsx"))[1:4]
    weg.unlink()
    shutil.copyfile(bron, vervangen)  # a "corrected" workbook ...
    os.utime(vervangen, (0, 0))  # ... with an old timestamp, as unzip or cp -p leave it
    gepland = _stappen(_make(mappen, "-n", "report"))
    assert {"controleer", "inlezen", "kostprijzen", "rapporten"} <= set(gepland)
    assert sorted(gepland) == sorted(_stappen(_make(mappen, "report")))  # make -n told the truth
    inzendingen = _inzendingen(mappen).set_index("bestand")
    assert weg.name not in inzendingen.index
    assert inzendingen.loc[vervangen.name, "sha256"] == sha256(vervangen)
    manifest = (mappen["REPORTS"] / "manifest.json").read_text(encoding="utf-8")
    assert f'"aantal": {len(list(aanbieders.iterdir()))}' in manifest
    assert "Zorg A" not in manifest and vervangen.name not in manifest


def test_added_workbook_and_changed_p(mappen):
    aanbieders = mappen["RAW"] / "aanbieders"
    nieuw = aanbieders / "Nog een aanbieder met spaties.xlsx"
    shutil.copyfile(sorted(aanbieders.glob("*.xlsx"))[-1], nieuw)
    gepland = _stappen(_make(mappen, "-n", "report", KOSTPRIJS_P="40"))
    assert {"inlezen", "kostprijzen", "rapporten"} <= set(gepland)
    assert sorted(gepland) == sorted(_stappen(_make(mappen, "report", KOSTPRIJS_P="40")))
    assert nieuw.name in set(_inzendingen(mappen)["bestand"])
    # p alone: the cost prices and what follows, not the ingestion
    gepland = _stappen(_make(mappen, "-n", "report", KOSTPRIJS_P="35"))
    assert "kostprijzen" in gepland and "inlezen" not in gepland


def _projectkopie(doel: Path) -> Path:
    """The project's files that `make -n` reads, copied (with their times), the environment
    linked: a parameter file can change there while other tests run the real project."""
    for naam in ("Makefile", "pyproject.toml", "requirements.lock"):
        doel.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT / naam, doel / naam)
    for naam in ("src", "params", "notebooks", ".kostprijs"):
        if (PROJECT / naam).exists():
            shutil.copytree(
                PROJECT / naam, doel / naam, ignore=shutil.ignore_patterns("__pycache__")
            )
    (doel / ".venv").symlink_to(PROJECT / ".venv")
    return doel


def test_changed_parameter_file_reruns_every_step_that_reads_it(mappen, tmp_path):
    kopie = _projectkopie(tmp_path / "project")
    pad = kopie / parameters_pad(2027).relative_to(PROJECT)
    pad.write_bytes(pad.read_bytes() + b"\n# een opmerking is ook een wijziging van de inhoud\n")
    gepland = _stappen(_make(mappen, "-n", "report", project=kopie))
    assert {"controleer", "inlezen", "kostprijzen", "manifest", "rapporten"} <= set(gepland)


def test_rendering_refuses_stale_processed_data(mappen, tmp_path):
    processed = mappen["PROCESSED"]
    kopie = tmp_path / "processed"
    shutil.copytree(processed, kopie)
    tabel = kopie / "bouwstenen.csv"
    tabel.write_text(tabel.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    proces = subprocess.run(
        [
            str(PROJECT / ".venv" / "bin" / "kostprijs"),
            "rapporten",
            "--build",
            str(tmp_path / "build"),
            "--uit",
            str(tmp_path / "reports"),
            "--lijst",
            str(tmp_path / "build" / "rapporten.txt"),
            "--jaar",
            "2027",
            "--raw",
            str(mappen["RAW"]),
            "--processed",
            str(kopie),
            "--manifest",
            str(mappen["BUILD"] / "manifest.json"),
        ],
        env=os.environ | SLEUTEL,
        capture_output=True,
        text=True,
    )
    assert proces.returncode != 0
    assert "bouwstenen.csv is gewijzigd" in proces.stderr and "make report" in proces.stderr
    assert not (tmp_path / "build").exists() and not (tmp_path / "reports").exists()
