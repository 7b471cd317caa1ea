"""`kostprijs controleer`: every check runs and one list names all problems; the realisation
is checked against the indications up front."""

from __future__ import annotations

import shutil

import pytest
import yaml

from kostprijs.fouten import InvoerFout
from kostprijs.invoercontrole import controleer_invoer
from kostprijs.paden import PROJECT
from kostprijs.parameters import laad_parameters


@pytest.fixture
def sleutel(monkeypatch):
    monkeypatch.setenv("KOSTPRIJS_SLEUTEL", "5a" * 32)


def _raw(tmp_path):
    raw = tmp_path / "raw"
    (raw / "aanbieders").mkdir(parents=True)
    (raw / "indicaties.csv").write_text(
        "client;productspecificatie;indicatie_per_week;begin;einde\n"
        "A;OZL 1;5;;\nB;OZL 1;2;1-1-2025;3-2-2026\n",
        encoding="utf-8",
    )
    (raw / "tarieven_huidig.csv").write_text(
        "productspecificatie;eenheid;tarief\nOZL 1;uur;50,00\n", encoding="utf-8"
    )
    (raw / "realisatie_2026.csv").write_text(
        "client;productspecificatie;periode;volume\nA;OZL 1;1;200\nB;OZL 1;1;4\nZ;OZL 1;2;3\n",
        encoding="utf-8",
    )
    return raw


def _zonder_resultaat(tmp_path, weg: tuple[str, ...] = ()):
    """The 2027 parameters without the result matrix (no cell file needed) and without `weg`."""
    ruw = yaml.safe_load((PROJECT / "params" / "2027.yaml").read_text(encoding="utf-8"))
    for sectie in ("resultaatfinanciering", *weg):
        ruw.pop(sectie)
    pad = tmp_path / "params" / "2027.yaml"
    pad.parent.mkdir()
    pad.write_text(yaml.safe_dump(ruw, allow_unicode=True), encoding="utf-8")
    methode = PROJECT / "params" / "2027.methode.json"
    shutil.copy(methode, pad.parent / methode.name)
    return laad_parameters(pad=pad)


def test_listing_names_pseudonyms_reasons_and_amounts(tmp_path, sleutel):
    verslag = controleer_invoer(_zonder_resultaat(tmp_path), _raw(tmp_path))
    assert "indicatie beëindigd op 3 februari 2026" in verslag
    assert "geen indicatie in de export" in verslag
    assert "€\u00a0150,00" in verslag  # Z: 3 h x 50,00
    # A used 200 of 5 x 53 = 265 h: inside the band; no raw client number in the listing
    assert "P-" in verslag and "  A " not in verslag and "  Z " not in verslag


def test_excluded_realisation_is_summed_per_product_and_reason(tmp_path, sleutel):
    """Z (3 h) and Y (2 h) have no indication: one line with 2 clients, 5 h, 5 x 50,00."""
    raw = _raw(tmp_path)
    with (raw / "realisatie_2026.csv").open("a", encoding="utf-8") as f:
        f.write("Y;OZL 1;3;2\n")
    verslag = controleer_invoer(_zonder_resultaat(tmp_path), raw)
    assert "OZL 1: 2 cliënten, 5,000 eenheden, €\u00a0250,00; geen indicatie in de export" in (
        verslag
    )
    assert "Voorbeelden om na te zoeken (3):" in verslag  # B, Y and Z, each by pseudonym


def test_several_problems_in_one_list_including_a_missing_params_section(tmp_path, sleutel):
    params = _zonder_resultaat(tmp_path, weg=("plausibiliteit",))
    raw = _raw(tmp_path)
    (raw / "realisatie_2026.csv").write_text(
        "client;productspecificatie;periode;volume\nA;OZL 1;1;200\nA;OZL 1;1;200\n",
        encoding="utf-8",
    )
    (raw / "tarieven_huidig.csv").write_text(
        "productspecificatie;eenheid;tarief\nOZL 9;uur;50,00\n", encoding="utf-8"
    )
    shutil.rmtree(raw / "aanbieders")
    with pytest.raises(InvoerFout) as fout:
        controleer_invoer(params, raw)
    tekst = str(fout.value)
    assert "4 probleem/problemen" in tekst
    assert "plausibiliteit" in tekst  # found here, not halfway through inlezen
    assert "aanbieders" in tekst and "ontbreekt" in tekst
    assert "tarieven_huidig.csv" in tekst and "OZL 9" in tekst
    assert "realisatie_2026.csv" in tekst and "rij 2, 3" in tekst  # the duplicate


def test_a_run_that_rejects_every_workbook_keeps_the_overview(tmp_path):
    import os
    import subprocess

    from kostprijs.voorbeeld.gegevens import schrijf_voorbeeld

    raw, processed = tmp_path / "raw", tmp_path / "processed"
    schrijf_voorbeeld(laad_parameters(2027), raw)
    shutil.rmtree(raw / "aanbieders")
    (raw / "aanbieders").mkdir()
    (raw / "aanbieders" / "kapot.xlsx").write_bytes(b"geen excel")
    mappen = {"RAW": raw, "PROCESSED": processed, "BUILD": tmp_path / "build"}
    proces = subprocess.run(
        ["make", "-C", str(PROJECT), f"{processed}/inzendingen.csv", "JAAR=2027"]
        + [f"{n}={p}" for n, p in mappen.items()]
        + [f"REPORTS={tmp_path / 'reports'}"],
        env={**os.environ, "KOSTPRIJS_SLEUTEL": "5a" * 32},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proces.returncode != 0, proces.stdout[-2000:]
    overzicht = processed / "inzendingen.csv"
    assert overzicht.exists(), proces.stdout[-2000:] + proces.stderr[-2000:]
    assert "kapot.xlsx" in overzicht.read_text(encoding="utf-8-sig")
    assert overzicht.stat().st_mtime == 0  # older than its inputs: the next run reads again
