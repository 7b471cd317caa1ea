"""The restructuring of issue 22 (steps, records, notebooks as outlines) changed no processed
value: the sample's processed folders, table by table and column by column, are those the code
before it wrote (tests/fixtures/verwerkt_<jaar>.json, made with tests/verwerkte_waarden.py from
`make report` on the same sample with the same key)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from verwerkte_waarden import waarden

FIXTURES = Path(__file__).parent / "fixtures"
NIEUW = (
    "onderzoek/",  # the research record, new with the restructuring
    "gemeentegegevens/",  # what the check read, kept for the budget and result steps
    "celrealisatie/",
)
# the figures per member of a region (issue 23): fields that stay empty for one municipality
REGIO = ("budgetimpact/gemeenten", "resultaattarieven/per_gemeente")


def _vergelijk(processed: Path, jaar: int) -> None:
    voor = json.loads((FIXTURES / f"verwerkt_{jaar}.json").read_text(encoding="utf-8"))
    na = waarden(processed)
    assert sorted(set(voor) - set(na)) == [], "verdwenen uit de verwerkte gegevens"
    nieuw = set(na) - set(voor)
    assert sorted(k for k in nieuw if not k.startswith(NIEUW + REGIO)) == []
    regio = sorted(k for k in nieuw if k.startswith(REGIO))
    assert regio and {k: na[k] for k in regio} == dict.fromkeys(regio, "null")
    verschil = [
        f"{tabel}: {kolom}"
        for tabel, v in voor.items()
        for kolom in (v["kolommen"] if isinstance(v, dict) else [None])
        if (na[tabel]["kolommen"].get(kolom) if kolom else na[tabel])
        != (v["kolommen"][kolom] if kolom else v)
    ]
    assert verschil == []
    rijen = {t: v["rijen"] for t, v in voor.items() if isinstance(v, dict)}
    assert rijen == {t: na[t]["rijen"] for t in rijen}


@pytest.mark.traag
def test_the_sample_of_2027_has_the_same_processed_values(voorbeeldruns):
    _vergelijk(voorbeeldruns[0]["PROCESSED"], 2027)


@pytest.mark.traag
def test_the_second_catalogue_has_the_same_processed_values(tweede_catalogus):
    _vergelijk(tweede_catalogus["PROCESSED"], 2028)


def test_a_changed_value_changes_the_digest_of_its_column(tmp_path):
    """Also in the one table in the Dutch convention: a proposed tarief of 953,07 instead of
    53,07 is a different value, not the same cents."""
    kop = "\ufeffproductspecificatie;variant;eenheid;tarief\n"
    (tmp_path / "tarieven_voorstel.csv").write_text(kop + "OZL 1;;uur;53,07\n", encoding="utf-8")
    voor = waarden(tmp_path)
    (tmp_path / "tarieven_voorstel.csv").write_text(kop + "OZL 1;;uur;953,07\n", encoding="utf-8")
    na = waarden(tmp_path)
    assert (
        voor["tarieven_voorstel"]["kolommen"]["productspecificatie"]
        == (na["tarieven_voorstel"]["kolommen"]["productspecificatie"])
    )
    assert (
        voor["tarieven_voorstel"]["kolommen"]["tarief"]
        != na["tarieven_voorstel"]["kolommen"]["tarief"]
    )
