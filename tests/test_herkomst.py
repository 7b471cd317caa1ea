"""Provenance: step fingerprints keyed by content, the hash chain, the public manifest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kostprijs.bestanden.atomisch import sha256
from kostprijs.herkomst.keten import VerouderdeGegevens, controleer_keten, vastleggen
from kostprijs.herkomst.manifest import openbaar
from kostprijs.paden import PROJECT

SCRIPT = PROJECT / "src" / "kostprijs" / "herkomst" / "vingerafdruk.py"


def _vingers(raw: Path, stappen: Path, **omgeving) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KOSTPRIJS_SLEUTEL", "KOSTPRIJS_P")}
    env |= {"KOSTPRIJS_SLEUTEL": "5a" * 32, **omgeving}
    subprocess.run(
        [
            sys.executable,
            "-I",
            str(SCRIPT),
            "--jaar",
            "2027",
            "--raw",
            str(raw),
            "--stappen",
            str(stappen),
        ],
        check=True,
        env=env,
    )
    return {p.stem: p.read_text() for p in sorted(stappen.glob("*.vinger"))}


@pytest.fixture
def raw(tmp_path):
    map_ = tmp_path / "ruw met spatie"
    (map_ / "aanbieders").mkdir(parents=True)
    (map_ / "aanbieders" / "Sjabloon 2027 - Zorg A.xlsx").write_bytes(b"A")
    (map_ / "indicaties.csv").write_text("client;productspecificatie\n", encoding="utf-8")
    return map_


def test_fingerprints_follow_content_not_time(raw, tmp_path):
    stappen = tmp_path / "stappen"
    eerst = _vingers(raw, stappen)
    assert {"controleer", "inlezen", "kostprijzen", "manifest", "rapporten"} <= eerst.keys()
    tijden = {p: p.stat().st_mtime_ns for p in stappen.glob("*.vinger")}
    # nothing changed: no stamp is rewritten
    assert _vingers(raw, stappen) == eerst
    assert {p: p.stat().st_mtime_ns for p in stappen.glob("*.vinger")} == tijden
    # a workbook replaced by one with an older timestamp: ingestion and what follows change
    werkmap = raw / "aanbieders" / "Sjabloon 2027 - Zorg A.xlsx"
    werkmap.write_bytes(b"B")
    os.utime(werkmap, (0, 0))
    daarna = _vingers(raw, stappen)
    assert daarna["inlezen"] != eerst["inlezen"] and daarna["manifest"] != eerst["manifest"]
    assert daarna["rekenblad"] == eerst["rekenblad"]  # the what-if workbook reads no raw data
    # a workbook removed, or added: ingestion changes again
    werkmap.unlink()
    assert _vingers(raw, stappen)["inlezen"] != daarna["inlezen"]


def test_p_and_the_key_count_but_are_never_stored(raw, tmp_path):
    gewoon = _vingers(raw, tmp_path / "a")
    met_p = _vingers(raw, tmp_path / "b", KOSTPRIJS_P="15")
    assert met_p["kostprijzen"] != gewoon["kostprijzen"]
    assert met_p["inlezen"] == gewoon["inlezen"]  # ingestion does not use p
    ander_p = _vingers(raw, tmp_path / "c", KOSTPRIJS_P="16")
    assert ander_p["kostprijzen"] != met_p["kostprijzen"]
    andere_sleutel = _vingers(raw, tmp_path / "d", KOSTPRIJS_P="15", KOSTPRIJS_SLEUTEL="6b" * 32)
    assert andere_sleutel["rapporten"] != met_p["rapporten"]
    # a stamp holds only a digest; p itself (or a plain hash of it) is stored nowhere
    import hashlib
    import re

    gewoon_hash = hashlib.sha256(b"15").hexdigest()
    for pad in (tmp_path / "b").iterdir():
        if pad.suffix == ".vinger":
            assert re.fullmatch(r"[0-9a-f]{64}\n", pad.read_text())
        assert gewoon_hash not in pad.read_text()


def test_code_dependencies_are_derived_from_imports():
    sys.path.insert(0, str(PROJECT / "src"))
    from kostprijs.herkomst import vingerafdruk

    bestanden = {
        p.relative_to(PROJECT / "src").as_posix()
        for p in vingerafdruk.code({"kostprijs.inlezen.pijplijn"})
    }
    # ingestion reads the template layout and the parameters, found through the imports
    assert "kostprijs/sjabloon/indeling.py" in bestanden
    assert "kostprijs/parameters/jaarparameters.py" in bestanden
    assert "kostprijs/inlezen/lezen.py" in bestanden
    # and not the budget model, which it does not import
    assert not any(b.startswith("kostprijs/budget/") for b in bestanden)
    budget = vingerafdruk.notebookcode(PROJECT / "notebooks" / "04_budget.ipynb")
    sluiting = {p.relative_to(PROJECT / "src").as_posix() for p in vingerafdruk.code(budget)}
    # the notebook's outline, the report module behind it and what that reads
    assert "kostprijs/rapport/inhoud/budgetrapport.py" in sluiting
    assert "kostprijs/rapport/start.py" in sluiting
    assert "kostprijs/budget/uitkomst.py" in sluiting


@pytest.fixture(autouse=True)
def _sleutel(monkeypatch):
    monkeypatch.setenv("KOSTPRIJS_SLEUTEL", "5a" * 32)  # signs the step records


def _keten(tmp_path):
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    (raw / "aanbieders").mkdir(parents=True)
    processed.mkdir()
    werkmap = raw / "aanbieders" / "a.xlsx"
    werkmap.write_bytes(b"werkmap")
    params = tmp_path / "2027.yaml"
    params.write_text("jaar: 2027\n")
    indicaties = raw / "indicaties.csv"
    indicaties.write_text("client\n")
    cellen = raw / "realisatie_cellen_2026.csv"
    cellen.write_text("client\n")
    gelezen = processed / "gemeentegegevens" / "velden.json"
    gelezen.parent.mkdir()
    gelezen.write_bytes(b"gelezen")
    vastleggen(
        processed,
        "controleer",
        {"raw/indicaties.csv": indicaties, "raw/realisatie_cellen_2026.csv": cellen},
        [gelezen],
    )
    tabel = processed / "bouwstenen.csv"
    tabel.write_text("a,b\n")
    vastleggen(
        processed,
        "inlezen",
        {"raw/aanbieders/a.xlsx": werkmap, "params/2027.yaml": params},
        [tabel],
    )
    voorstel = processed / "tarieven_voorstel.csv"
    voorstel.write_text("x\n")
    vastleggen(processed, "kostprijzen", {"processed/bouwstenen.csv": tabel}, [voorstel])
    budget = processed / "budgetimpact" / "velden.json"
    budget.parent.mkdir()
    budget.write_bytes(b"budget")
    vastleggen(
        processed,
        "budget",
        {
            "processed/gemeentegegevens/velden.json": gelezen,
            "processed/tarieven_voorstel.csv": voorstel,
        },
        [budget],
    )
    resultaat = processed / "resultaattarieven" / "velden.json"
    resultaat.parent.mkdir()
    resultaat.write_bytes(b"resultaat")
    vastleggen(
        processed,
        "resultaat",
        {
            "processed/gemeentegegevens/velden.json": gelezen,
            "processed/tarieven_voorstel.csv": voorstel,
        },
        [resultaat],
    )
    manifest = {
        "invoer": {
            "raw": {
                "aanbieders/a.xlsx": sha256(werkmap),
                "indicaties.csv": sha256(indicaties),
                "realisatie_cellen_2026.csv": sha256(cellen),
            },
            "parameters": {"bestand": "2027.yaml", "sha256": sha256(params)},
        }
    }
    return raw, processed, manifest


def _herschrijf(pad):
    """The step record with its output's hash replaced, as someone without the key can."""
    record = json.loads(pad.read_text(encoding="utf-8"))
    record["uitvoer"] = {naam: "0" * 64 for naam in record["uitvoer"]}
    pad.write_text(json.dumps(record), encoding="utf-8")


def test_chain_accepts_what_belongs_together(tmp_path):
    raw, processed, manifest = _keten(tmp_path)
    controleer_keten(processed, manifest, raw)


@pytest.mark.parametrize(
    ("wijzig", "melding"),
    [
        (lambda raw, p, m: (p / "bouwstenen.csv").write_text("a,b\n1,2\n"), "bouwstenen.csv is gewijzigd"),
        (lambda raw, p, m: (p / "tarieven_voorstel.csv").write_text("y\n"), "tarieven_voorstel.csv is gewijzigd"),
        (lambda raw, p, m: m["invoer"]["raw"].update({"aanbieders/a.xlsx": "0" * 64}), "is gewijzigd sinds de stap 'inlezen'"),
        (lambda raw, p, m: m["invoer"]["raw"].update({"aanbieders/b.xlsx": "0" * 64}), "werkmappen van de aanbieders zijn veranderd"),
        (lambda raw, p, m: m["invoer"]["parameters"].update({"sha256": "0" * 64}), "parameters (2027.yaml) zijn gewijzigd"),
        (lambda raw, p, m: (p / "herkomst" / "kostprijzen.json").unlink(), "van de stap 'kostprijzen' is niet vastgelegd"),
        (lambda raw, p, m: m["invoer"]["raw"].update({"indicaties.csv": "0" * 64}), "indicaties.csv is gewijzigd sinds de stap 'controleer'"),
        (lambda raw, p, m: (p / "tarieven_voorstel.csv").write_text("z\n"), "tarieven_voorstel.csv is gewijzigd"),
        (lambda raw, p, m: (p / "budgetimpact" / "velden.json").write_bytes(b"ander"), "budgetimpact/velden.json is gewijzigd nadat de stap 'budget'"),
        (lambda raw, p, m: (p / "resultaattarieven.pkl").write_bytes(b"\x80\x05K\x01."), "resultaattarieven.pkl staat in de map met verwerkte gegevens"),
        (lambda raw, p, m: _herschrijf(p / "herkomst" / "kostprijzen.json"), "herkomst/kostprijzen.json is niet ondertekend"),
    ],
)  # fmt: skip
def test_chain_refuses_stale_or_foreign_data(tmp_path, wijzig, melding):
    raw, processed, manifest = _keten(tmp_path)
    wijzig(raw, processed, manifest)
    with pytest.raises(VerouderdeGegevens, match="horen niet bij de invoer") as fout:
        controleer_keten(processed, manifest)
    assert melding in str(fout.value) and "make report" in str(fout.value)


def test_chain_checks_the_raw_folder_itself(tmp_path):
    raw, processed, manifest = _keten(tmp_path)
    (raw / "aanbieders" / "a.xlsx").write_bytes(b"anders")
    with pytest.raises(VerouderdeGegevens, match=r"a\.xlsx is gewijzigd sinds het runmanifest"):
        controleer_keten(processed, manifest, raw)


def test_public_manifest_names_no_provider():
    intern = {
        "raw": "/pad/naar/raw",
        "invoer": {
            "raw": {
                "indicaties.csv": "1" * 64,
                "aanbieders/Zorggroep De Linde.xlsx": "2" * 64,
                "aanbieders/Praktijk Eigen Regie.xlsx": "3" * 64,
            },
            "parameters": {"bestand": "2027.yaml", "sha256": "4" * 64},
        },
        "run_id": "abc",
    }
    uit = openbaar(intern)
    tekst = json.dumps(uit)
    assert "Linde" not in tekst and "Eigen Regie" not in tekst and "/pad/naar" not in tekst
    assert uit["invoer"]["aanbieders"]["aantal"] == 2
    assert uit["invoer"]["raw"] == {"indicaties.csv": "1" * 64}
    assert intern["invoer"]["raw"]["aanbieders/Zorggroep De Linde.xlsx"]  # internal one unchanged
