"""The run manifest: file hashes, run id, confidential p, end time, report header."""

from __future__ import annotations

import hashlib
import hmac
import json
import shutil

import pytest

from kostprijs import cli
from kostprijs.herkomst import manifest
from kostprijs.paden import parameters_pad
from kostprijs.rapport.kop import manifest_kop

SLEUTEL_HEX = "0123456789abcdef" * 4


@pytest.fixture
def raw(tmp_path):
    map_ = tmp_path / "raw"
    (map_ / "aanbieders").mkdir(parents=True)
    (map_ / "indicaties.csv").write_bytes(b"client;productspecificatie\nK1;OZL 1\n")
    (map_ / "aanbieders" / "a.xlsx").write_bytes(b"\x00\x01 werkmap")
    return map_


def _maak(raw, **kwargs):
    kwargs.setdefault("omgeving", {"KOSTPRIJS_SLEUTEL": SLEUTEL_HEX})
    kwargs.setdefault("disclosure_pad", raw.parent / "geen_disclosure.yaml")
    return manifest.maak_manifest(2027, raw, **kwargs)


def test_file_hashes_are_sha256_of_the_bytes(raw):
    m = _maak(raw)
    assert m["invoer"]["raw"] == {
        "aanbieders/a.xlsx": hashlib.sha256(b"\x00\x01 werkmap").hexdigest(),
        "indicaties.csv": hashlib.sha256(b"client;productspecificatie\nK1;OZL 1\n").hexdigest(),
    }
    params = parameters_pad(2027).read_bytes()
    assert m["invoer"]["parameters"]["sha256"] == hashlib.sha256(params).hexdigest()
    assert m["parameters"]["jaar"] == 2027
    assert m["parameters"]["budget"]["gebruiksfactor"] == 0.65


def test_declared_method_and_its_hash(raw):
    k = _maak(raw)["aggregatie"]
    canoniek = json.dumps(
        {k_: k[k_] for k_ in ("aggregatie", "declaratiedatum", "opslag", "trim_aandeel")},
        sort_keys=True,
        separators=(",", ":"),
    )
    assert k["aggregatie"] == "gewogen_gemiddelde" and k["declaratiedatum"] == "2026-03-01"
    assert k["sha256"] == hashlib.sha256(canoniek.encode()).hexdigest()


def test_versions_git_and_times(raw, tmp_path):
    m = _maak(raw)
    assert m["versies"]["python"].startswith("3.")
    assert set(manifest.PAKKETTEN) <= set(m["versies"])
    assert m["versies"]["pandas"] == __import__("pandas").__version__
    assert m["git"] is None or len(m["git"]["commit"]) == 40
    assert manifest.git_stand(tmp_path) is None  # not a repository
    assert m["start"] and m["einde"] is None


def test_run_id_is_hash_of_everything_but_times_and_location(raw):
    m = _maak(raw)
    kern = {k: v for k, v in m.items() if k not in ("run_id", "start", "einde", "raw")}
    tekst = json.dumps(kern, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert m["run_id"] == hashlib.sha256(tekst.encode()).hexdigest()[:12]


def test_same_inputs_same_run_id_changed_input_other(raw, tmp_path):
    eerste = _maak(raw)["run_id"]
    kopie = shutil.copytree(raw, tmp_path / "elders")
    assert _maak(raw)["run_id"] == eerste
    assert _maak(kopie)["run_id"] == eerste

    (kopie / "aanbieders" / "a.xlsx").write_bytes(b"\x00\x02 werkmap")
    assert _maak(kopie)["run_id"] != eerste

    params = tmp_path / "2027.yaml"
    params.write_text(
        parameters_pad(2027).read_text(encoding="utf-8").replace("0.65", "0.7"), encoding="utf-8"
    )
    assert _maak(raw, params_pad=params)["run_id"] != eerste


def test_disclosure_p_is_not_in_the_manifest(raw, tmp_path):
    # changed with issue 20: the source is one text for file, variable and default, and the
    # hash is of p's value (so a default p and a configured p of 25 look the same)
    sleutel = bytes.fromhex(SLEUTEL_HEX)

    def verwacht(p: str) -> str:
        return hmac.new(sleutel, f"kostprijs:p {p}".encode(), hashlib.sha256).hexdigest()

    conf = tmp_path / "disclosure.yaml"
    conf.write_text("p: 13.579\n")
    m = _maak(raw, disclosure_pad=conf)
    tekst = json.dumps(m)
    assert "13.579" not in tekst and '"p"' not in tekst
    d = m["invoer"]["disclosure"]
    assert d == {
        "bron": ".kostprijs/disclosure.yaml of KOSTPRIJS_P",
        "hmac_sha256": verwacht("13.579"),
    }
    assert d["hmac_sha256"] != hashlib.sha256(b"13.579").hexdigest()  # not guessable

    conf.write_text("p: 24.68\n")
    assert _maak(raw, disclosure_pad=conf)["run_id"] != m["run_id"]

    omgeving = {"KOSTPRIJS_SLEUTEL": SLEUTEL_HEX, "KOSTPRIJS_P": "13.579"}
    m = _maak(raw, disclosure_pad=conf, omgeving=omgeving)
    assert m["invoer"]["disclosure"] == d  # the environment variable wins, named the same
    assert "13.579" not in json.dumps(m)


def test_manifest_does_not_tell_whether_p_is_the_default(raw, tmp_path):
    standaard = _maak(raw)["invoer"]["disclosure"]  # no file, no variable: p = 25
    conf = tmp_path / "disclosure.yaml"
    conf.write_text("p: 25\n")
    assert _maak(raw, disclosure_pad=conf)["invoer"]["disclosure"] == standaard
    assert "standaard" not in json.dumps(standaard)
    conf.write_text("p: 20\n")
    anders = _maak(raw, disclosure_pad=conf)["invoer"]["disclosure"]
    assert anders["bron"] == standaard["bron"] and anders["hmac_sha256"] != standaard["hmac_sha256"]


def test_cli_writes_then_completes(raw, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KOSTPRIJS_SLEUTEL", SLEUTEL_HEX)
    start, eind = tmp_path / "build" / "manifest.json", tmp_path / "reports" / "manifest.json"
    assert cli.main(["manifest", "--jaar", "2027", "--raw", str(raw), "--uit", str(start)]) == 0
    begin = json.loads(start.read_text(encoding="utf-8"))
    assert begin["run_id"] in capsys.readouterr().out and begin["einde"] is None

    assert cli.main(["manifest", "--voltooi", str(start), "--uit", str(eind)]) == 0
    klaar = json.loads(eind.read_text(encoding="utf-8"))
    assert klaar["einde"] >= klaar["start"]
    assert {k: v for k, v in klaar.items() if k != "einde"} == {
        k: v for k, v in manifest.openbaar(begin).items() if k != "einde"
    }
    assert "raw" not in klaar and klaar["invoer"]["aanbieders"]["aantal"] >= 1
    assert not any(n.startswith("aanbieders/") for n in klaar["invoer"]["raw"])
    assert sorted(p.name for p in eind.parent.iterdir()) == ["manifest.json"]


def test_cli_needs_year_and_raw(tmp_path, capsys):
    assert cli.main(["manifest", "--uit", str(tmp_path / "m.json")]) == 1
    assert "--jaar" in capsys.readouterr().err
    assert not (tmp_path / "m.json").exists()


def test_missing_raw_folder_is_a_dutch_error(tmp_path, capsys):
    args = ["manifest", "--jaar", "2027", "--raw", str(tmp_path / "weg"), "--uit", "m.json"]
    assert cli.main(args) == 1
    assert "bestaat niet" in capsys.readouterr().err


def test_header_shows_run_id_and_dutch_date(tmp_path):
    pad = tmp_path / "manifest.json"
    manifest.schrijf_manifest({"run_id": "abc123def456", "start": "2026-11-23T09:30:00+01:00"}, pad)
    assert manifest_kop(pad) == (
        '<p class="kp-kop">Run <code>abc123def456</code> · 23 november 2026</p>'
    )
    assert "Geen runmanifest" in manifest_kop(tmp_path / "weg.json")
