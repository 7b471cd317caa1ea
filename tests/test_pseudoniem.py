"""Pseudonymisation of client identifiers: keyed hash, key handling, `kostprijs sleutel`."""

from __future__ import annotations

import hashlib
import hmac
import stat

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kostprijs import cli
from kostprijs.fouten import ConfiguratieFout
from kostprijs.herkomst import pseudoniem

SLEUTEL_HEX = "00112233445566778899aabbccddeeff" * 2


def test_pseudonym_is_hmac_sha256_of_the_id():
    sleutel = bytes.fromhex(SLEUTEL_HEX)
    verwacht = hmac.new(sleutel, b"K00001", hashlib.sha256).hexdigest()[:16]
    assert pseudoniem.pseudoniem("K00001", sleutel) == "P-" + verwacht


def test_series_keeps_order_index_and_joins():
    sleutel = bytes.fromhex(SLEUTEL_HEX)
    ids = pd.Series(["K2", "K1", "K2", "999990019"], index=[10, 11, 12, 13], name="client")
    uit = pseudoniem.pseudonimiseer(ids, sleutel)
    verwacht = ["P-" + hmac.new(sleutel, i.encode(), hashlib.sha256).hexdigest()[:16] for i in ids]
    assert list(uit) == verwacht
    assert list(uit.index) == [10, 11, 12, 13] and uit.name == "client"
    assert uit.iat[0] == uit.iat[2] != uit.iat[1]


def test_other_key_gives_other_pseudonym():
    a = pseudoniem.pseudoniem("999990019", bytes.fromhex(SLEUTEL_HEX))
    b = pseudoniem.pseudoniem("999990019", bytes.fromhex("ff" * 32))
    assert a != b


def test_key_from_environment_before_file(tmp_path):
    bestand = tmp_path / "sleutel"
    bestand.write_text("ab" * 32 + "\n")
    assert pseudoniem.lees_sleutel(bestand, {}) == bytes.fromhex("ab" * 32)
    omgeving = {"KOSTPRIJS_SLEUTEL": SLEUTEL_HEX}
    assert pseudoniem.lees_sleutel(bestand, omgeving) == bytes.fromhex(SLEUTEL_HEX)


def test_missing_key_names_the_way_to_make_one(tmp_path):
    with pytest.raises(ConfiguratieFout) as fout:
        pseudoniem.lees_sleutel(tmp_path / "sleutel", {})
    melding = str(fout.value)
    assert "geen sleutel" in melding and "`kostprijs sleutel`" in melding
    assert "KOSTPRIJS_SLEUTEL" in melding


@pytest.mark.parametrize("waarde", ["geen hex", "abcd"])
def test_bad_key_is_refused(tmp_path, waarde):
    with pytest.raises(ConfiguratieFout, match="sleutel"):
        pseudoniem.lees_sleutel(tmp_path / "x", {"KOSTPRIJS_SLEUTEL": waarde})


def test_cli_makes_private_key_and_never_overwrites(tmp_path, monkeypatch, capsys):
    pad = tmp_path / ".kostprijs" / "sleutel"
    monkeypatch.setattr(pseudoniem, "SLEUTELBESTAND", pad)
    assert cli.main(["sleutel"]) == 0
    uitvoer = capsys.readouterr().out
    assert str(pad) in uitvoer and "reservekopie" in uitvoer
    inhoud = pad.read_text()
    assert len(bytes.fromhex(inhoud.strip())) == 32
    assert stat.S_IMODE(pad.stat().st_mode) == 0o600
    assert pseudoniem.lees_sleutel(pad, {}) == bytes.fromhex(inhoud.strip())

    assert cli.main(["sleutel"]) == ConfiguratieFout.exitcode
    assert "nooit overschreven" in capsys.readouterr().err
    assert pad.read_text() == inhoud
    assert [p.name for p in pad.parent.iterdir()] == ["sleutel"]  # no temporary file left


def test_two_new_keys_differ(tmp_path):
    a = pseudoniem.maak_sleutel(tmp_path / "a").read_text()
    b = pseudoniem.maak_sleutel(tmp_path / "b").read_text()
    assert a != b


# --- BSN canary: a BSN-like client id in the raw data reaches no result and no report --------

CANARY = "999990019"


@pytest.fixture(scope="module")
def raw_met_canary(tmp_path_factory, params):
    """A sample raw folder (never data/raw) with one extra client whose id is the canary."""
    from kostprijs.voorbeeld.gegevens import schrijf_voorbeeld

    raw = tmp_path_factory.mktemp("canary") / "2027"
    schrijf_voorbeeld(params, raw)
    with open(raw / "indicaties.csv", "a", encoding="utf-8") as f:
        f.write(f"{CANARY};OZL 2;3\n{CANARY};OMD 1;2\n")
    with open(raw / f"realisatie_{params.realisatiejaar}.csv", "a", encoding="utf-8") as f:
        f.writelines(f"{CANARY};OZL 2;{periode};5,5\n" for periode in range(1, 14))
    # new tarieven (the average cost prices of "Resultaten gemiddelde kostprijs"), so the budget runs without ingestion
    (raw.parent / "tarieven_nieuw.csv").write_text(
        "productspecificatie;eenheid;tarief\nOZL 1;uur;49,42\nOZL 2;uur;52,86\nOZL 3;uur;62,30\n"
        "OMD 1;dagdeel;33,97\nOMD 2;dagdeel;46,89\nOMD 3;dagdeel;60,31\nVervoer;etmaal;13,08\n"
        "Kortdurend verblijf;etmaal;94,50\nKortdurend verblijf extra;etmaal;188,28\n",
        encoding="utf-8",
    )
    return raw


def test_budget_result_holds_pseudonym_not_canary(raw_met_canary, params, tmp_path):
    from kostprijs.bestanden.verwerkt import schrijf_record
    from kostprijs.budget.impact import bereken_budgetimpact
    from kostprijs.budget.invoer import lees_indicaties
    from kostprijs.budget.uitkomst import BUDGET_SCHEMA, budget_naar_record

    sleutel = bytes.fromhex(SLEUTEL_HEX)
    uitkomst = bereken_budgetimpact(
        params, raw_met_canary, raw_met_canary.parent / "tarieven_nieuw.csv", sleutel=sleutel
    )
    # the saved record holds neither the client number nor its pseudonym, in no file or cell
    velden = budget_naar_record(uitkomst)
    paden = schrijf_record(tmp_path, "budgetimpact", BUDGET_SCHEMA, velden, sleutel)
    verboden = (CANARY, pseudoniem.pseudoniem(CANARY, sleutel))
    for pad in paden:
        tekst = pd.read_parquet(pad).to_csv() if pad.suffix == ".parquet" else pad.read_text()
        assert not any(v in tekst or v.encode() in pad.read_bytes() for v in verboden), pad
    # the canary is read and counted, under its pseudonym
    indicaties = lees_indicaties(raw_met_canary / "indicaties.csv", params)
    clienten = set(pseudoniem.pseudonimiseer(indicaties["client"], sleutel))
    assert pseudoniem.pseudoniem(CANARY, sleutel) in clienten
    assert (
        uitkomst.aantal_clienten
        == len(clienten)
        - indicaties.loc[
            ~indicaties["client"].isin(indicaties.loc[indicaties["lopend"], "client"]), "client"
        ].nunique()
    )


@pytest.mark.traag
def test_bsn_canary_in_no_report_byte(raw_met_canary, tmp_path, monkeypatch):
    import zipfile

    from kostprijs.budget.invoer import lees_indicaties
    from kostprijs.paden import NOTEBOOKS
    from kostprijs.parameters import laad_parameters
    from kostprijs.rapport.export import schrijf_excel
    from kostprijs.rapport.html import schrijf_html
    from kostprijs.rapport.notebooks import voer_notebook_uit

    monkeypatch.setenv("KOSTPRIJS_SLEUTEL", SLEUTEL_HEX)  # inherited by the notebook kernel
    nb, html, xlsx = tmp_path / "budget.ipynb", tmp_path / "budget.html", tmp_path / "budget.xlsx"
    tarieven = raw_met_canary.parent / "tarieven_nieuw.csv"
    voer_notebook_uit(
        NOTEBOOKS / "04_budget.ipynb", nb, jaar=2027, raw=raw_met_canary, tarieven_nieuw=tarieven
    )
    schrijf_html(nb, html)
    schrijf_excel(nb, xlsx)

    assert CANARY in (raw_met_canary / "indicaties.csv").read_text(encoding="utf-8-sig")
    indicaties = lees_indicaties(raw_met_canary / "indicaties.csv", laad_parameters(2027))
    lopend = indicaties.loc[indicaties["lopend"], "client"].nunique()
    assert CANARY in set(indicaties.loc[indicaties["lopend"], "client"])
    aantal = f"{lopend:,}".replace(",", ".")
    assert f"Alle cliënten (n = {aantal})" in html.read_text(encoding="utf-8")
    for pad in (nb, html, xlsx):
        assert CANARY.encode() not in pad.read_bytes(), pad.name
    with zipfile.ZipFile(xlsx) as z:
        assert z.namelist()
        for naam in z.namelist():
            assert CANARY.encode() not in z.read(naam), naam


@given(
    sleutel=st.binary(min_size=16, max_size=100),  # longer than SHA-256's block too
    ids=st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=20),
)
def test_the_series_pseudonyms_are_the_standard_hmac(sleutel, ids):
    uit = pseudoniem.pseudonimiseer(pd.Series(ids, dtype=object), sleutel)
    verwacht = [
        "P-" + hmac.new(sleutel, i.encode("utf-8"), hashlib.sha256).hexdigest()[:16] for i in ids
    ]
    assert list(uit) == verwacht
