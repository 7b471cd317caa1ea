"""The synthetic sample: deterministic, never over existing data, realistic usage."""

from __future__ import annotations

import hashlib

import pytest

from kostprijs.budget import empirische_gebruiksfactor
from kostprijs.budget_invoer import lees_indicaties, lees_realisatie
from kostprijs.fouten import KostprijsFout
from kostprijs.voorbeeld import schrijf_voorbeeld


def _hashes(map_):
    return {
        p.relative_to(map_).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(map_.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def voorbeeld(tmp_path_factory, params):
    map_ = tmp_path_factory.mktemp("vb") / "2027"
    schrijf_voorbeeld(params, map_)
    return map_


def test_same_bytes_every_run(voorbeeld, params, tmp_path):
    schrijf_voorbeeld(params, tmp_path / "2027")
    assert _hashes(voorbeeld) == _hashes(tmp_path / "2027")


def test_refuses_a_folder_with_files(params, tmp_path):
    (tmp_path / "indicaties.csv").write_text("echt", encoding="utf-8")
    with pytest.raises(KostprijsFout, match="niet leeg"):
        schrijf_voorbeeld(params, tmp_path)
    assert (tmp_path / "indicaties.csv").read_text(encoding="utf-8") == "echt"


def test_about_2000_clients_with_every_product(voorbeeld, params):
    indicaties = lees_indicaties(voorbeeld / "indicaties.csv", params.catalogus)
    assert indicaties["client"].nunique() == 2000
    assert set(indicaties["productspecificatie"]) == set(params.productspecificaties)


def test_usage_near_65_percent_but_differs_by_product(voorbeeld, params):
    indicaties = lees_indicaties(voorbeeld / "indicaties.csv", params.catalogus)
    realisatie = lees_realisatie(
        voorbeeld / f"realisatie_{params.realisatiejaar}.csv", params.catalogus, 13
    )
    tabel = empirische_gebruiksfactor(indicaties, realisatie, params.realisatiejaar)
    totaal = tabel["gerealiseerd_milli"].sum() / tabel["geindiceerd_milli"].sum()
    assert 0.60 < totaal < 0.70
    assert tabel["gebruiksfactor"].max() - tabel["gebruiksfactor"].min() > 0.10
