"""The whole pipeline (`make report`): reproducible, confidential by construction, atomic."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import draai_pijplijn

from kostprijs import opmaak
from kostprijs.paden import PROJECT
from kostprijs.voorbeeld import aanbieders as voorbeeld_aanbieders
from kostprijs.voorbeeld.gegevens import schrijf_voorbeeld

pytestmark = pytest.mark.traag

KANARIE = "Kanarie Zorg Q7X4"


def _bytes(pad: Path) -> bytes:
    """A file's bytes; for .xlsx the uncompressed bytes of every part."""
    if pad.suffix == ".xlsx":
        with zipfile.ZipFile(pad) as z:
            return b"".join(z.read(n) for n in sorted(z.namelist()))
    return pad.read_bytes()


@pytest.fixture(scope="module")
def twee_runs(voorbeeldruns):
    return voorbeeldruns


def _bestanden(map_: Path) -> dict[str, Path]:
    return {p.relative_to(map_).as_posix(): p for p in sorted(map_.rglob("*")) if p.is_file()}


def test_processed_data_is_byte_identical(twee_runs):
    a, b = (_bestanden(r["PROCESSED"]) for r in twee_runs)
    assert a.keys() == b.keys() and "tarieven_voorstel.csv" in a
    for naam in a:
        assert a[naam].read_bytes() == b[naam].read_bytes(), naam


def test_reports_are_identical_apart_from_the_run_time(twee_runs):
    a, b = (_bestanden(r["REPORTS"]) for r in twee_runs)
    assert a.keys() == b.keys()
    assert {"inkooptafel/samenvatting.html", "intern/aanbieders.html", "manifest.json"} <= a.keys()
    for naam in a:
        if naam == "manifest.json":
            continue  # holds start and end time and the raw folder's location
        een, twee = (re.sub(rb"\d{1,2} \w+ \d{4}", b"DATUM", _bytes(p)) for p in (a[naam], b[naam]))
        assert een == twee, naam


def test_no_change_means_no_work(twee_runs):
    mappen = twee_runs[0]
    # every output keeps its time; only the cache of file hashes (a speed-up, keyed by the
    # files' times, which other tests may touch) may be refreshed
    uitvoer = [
        p
        for n in ("PROCESSED", "BUILD", "REPORTS")
        for p in mappen[n].rglob("*")
        if p.is_file() and p.name != ".hashes.json"
    ]
    voor = {p: p.stat().st_mtime_ns for p in uitvoer}
    opdracht = ["make", "-C", str(PROJECT), "report", "JAAR=2027"]
    opdracht += [f"{n}={pad}" for n, pad in mappen.items()]
    omgeving = {**os.environ, "KOSTPRIJS_SLEUTEL": "5a" * 32}
    proces = subprocess.run(opdracht, env=omgeving, capture_output=True, text=True)
    assert proces.returncode == 0
    assert "kostprijs" not in proces.stdout.replace("kostprijs-", "")  # no step was run
    assert {p: p.stat().st_mtime_ns for p in uitvoer} == voor


def test_another_raw_folder_rebuilds_everything(twee_runs):
    # run 1's outputs, but the raw data of run 2 (same content, other folder): all is redone,
    # so processed data and reports never mix two raw folders
    mappen = {**twee_runs[0], "RAW": twee_runs[1]["RAW"]}
    opdracht = ["make", "-C", str(PROJECT), "report", "JAAR=2027"]
    opdracht += [f"{n}={pad}" for n, pad in mappen.items()]
    omgeving = {**os.environ, "KOSTPRIJS_SLEUTEL": "5a" * 32}
    proces = subprocess.run(opdracht, env=omgeving, capture_output=True, text=True)
    assert proces.returncode == 0, proces.stderr[-2000:]
    assert "kostprijs inlezen" in proces.stdout and "kostprijs rapporten" in proces.stdout


@pytest.fixture(scope="module")
def kanarie(tmp_path_factory):
    """A sample whose first provider is named KANARIE; the pipeline run on it."""
    basis = tmp_path_factory.mktemp("kanarie")
    from kostprijs.parameters import laad_parameters

    oud = voorbeeld_aanbieders.AANBIEDERS
    voorbeeld_aanbieders.AANBIEDERS = ((KANARIE, *oud[0][1:]), *oud[1:])
    try:
        schrijf_voorbeeld(laad_parameters(2027), basis / "raw")
    finally:
        voorbeeld_aanbieders.AANBIEDERS = oud
    return draai_pijplijn(basis, raw=basis / "raw")


def test_provider_canary_only_in_internal_outputs(kanarie):
    processed, reports = kanarie["PROCESSED"], kanarie["REPORTS"]
    aanbieders = pd.read_csv(processed / "aanbieders.csv", dtype=str)
    ident = aanbieders.loc[aanbieders["naam"] == KANARIE, "aanbieder_id"].iat[0]
    prijzen = pd.read_csv(processed / "kostprijzen_aanbieders.csv", dtype=str).dropna(
        subset=["kostprijs_bouwstenen"]
    )
    eigen = prijzen.loc[prijzen["aanbieder_id"] == ident, "kostprijs_bouwstenen"]
    assert len(eigen) >= 1
    verboden = [KANARIE, "kanarie_zorg", ident]
    verboden_getallen = [opmaak.euro(pd.to_numeric(w)) for w in eigen]

    publiek = [p for p in (reports / "inkooptafel").iterdir()]
    assert {p.suffix for p in publiek} == {".html", ".xlsx"}
    for pad in publiek:
        inhoud = _bytes(pad)
        for woord in verboden:
            assert woord.encode() not in inhoud, (pad.name, woord)
        tekst = inhoud.decode("utf-8", errors="replace")
        for bedrag in verboden_getallen:
            assert bedrag not in tekst, (pad.name, bedrag)

    intern = _bytes(reports / "intern" / "aanbieders.html").decode("utf-8")
    assert KANARIE in intern
    assert all(bedrag in intern for bedrag in verboden_getallen)
    assert KANARIE.encode() in _bytes(reports / "intern" / "aanbieders.xlsx")


def test_interrupted_run_leaves_no_half_written_output(tmp_path, params):
    mappen = {n: tmp_path / n.lower() for n in ("RAW", "PROCESSED", "BUILD", "REPORTS")}
    schrijf_voorbeeld(params, mappen["RAW"])
    opdracht = ["make", "-C", str(PROJECT), "report", "JAAR=2027"]
    opdracht += [f"{n}={pad}" for n, pad in mappen.items()]
    omgeving = {**os.environ, "KOSTPRIJS_SLEUTEL": "5a" * 32}
    proces = subprocess.Popen(
        opdracht,
        env=omgeving,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        # a shell's background job ignores SIGINT, and make keeps an ignored signal ignored:
        # restore the default, as at a terminal
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    # interrupt (Ctrl-C) in the step `rapporten`, once its first notebook was executed
    grens = time.monotonic() + 300
    while (
        not any(mappen["BUILD"].glob("[0-9]*.ipynb"))
        and proces.poll() is None
        and time.monotonic() < grens
    ):
        time.sleep(0.1)
    if proces.poll() is not None:
        uitvoer = proces.stdout.read().decode("utf-8", "replace")[-3000:]
        pytest.fail(f"de run was al klaar voordat hij onderbroken kon worden:\n{uitvoer}")
    os.killpg(proces.pid, signal.SIGINT)
    proces.wait(timeout=120)
    assert proces.returncode != 0
    for map_ in mappen.values():
        for pad in map_.rglob("*"):
            assert ".tmp" not in pad.name, f"half geschreven bestand achtergebleven: {pad}"
    # the reports are written together, after all notebooks ran: none of them yet
    assert not list(mappen["REPORTS"].rglob("*.html"))
    for nb in mappen["BUILD"].glob("*.ipynb"):
        import nbformat

        nbformat.read(nb, as_version=4)  # complete, valid notebooks only
    # the next run completes what was interrupted
    draai_pijplijn(tmp_path, raw=mappen["RAW"])
    assert (mappen["REPORTS"] / "inkooptafel" / "samenvatting.html").exists()


def _woorden(map_: Path) -> str:
    return " ".join(p.read_text(encoding="utf-8") for p in sorted(map_.rglob("*.html")))


def test_each_catalogue_reads_only_its_own_words(twee_runs, tweede_catalogus):
    from kostprijs.parameters import laad_parameters

    eerste, tweede = laad_parameters(2027), laad_parameters(2028)
    tekst = {2027: _woorden(twee_runs[0]["REPORTS"]), 2028: _woorden(tweede_catalogus["REPORTS"])}

    def eigen(p) -> set[str]:
        woorden = {p.gemeente, p.bekostiging.facturatieperiode}
        woorden |= {x.productspecificatie for x in p.catalogus}
        woorden |= {x.productcode for x in p.catalogus}
        woorden |= {lv.naam for lv in p.leveringsvormen[1:]}
        if p.bekostiging.periodebudget:
            woorden |= {"periodebudget", p.bekostiging.budgetcode}
        return woorden

    for jaar, ander in ((2027, tweede), (2028, eerste)):
        zelf = eigen(eerste if jaar == 2027 else tweede)
        # a word of the other that is part of one's own (Vervoer in 'Vervoer dagbesteding') counts
        # as one's own
        alleen_ander = {w for w in eigen(ander) - zelf if not any(w in z for z in zelf)}
        for woord in sorted(alleen_ander):
            assert woord not in tekst[jaar], (jaar, woord)
    # and each names its own municipality and funding
    assert eerste.gemeente in tekst[2027] and "periodebudget" in tekst[2027]
    assert tweede.gemeente in tekst[2028] and "per maand" in tekst[2028]


def test_every_report_names_its_run(twee_runs):
    manifest = json.loads((twee_runs[1]["REPORTS"] / "manifest.json").read_text(encoding="utf-8"))
    for html in twee_runs[1]["REPORTS"].rglob("*.html"):
        assert f"Run <code>{manifest['run_id']}</code>" in html.read_text(encoding="utf-8"), html
