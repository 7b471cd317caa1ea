"""The synthetic sample: deterministic, never over existing data, realistic usage."""

from __future__ import annotations

import hashlib

import pytest

from kostprijs.budget.invoer import lees_indicaties, lees_realisatie
from kostprijs.budget.model import empirische_gebruiksfactor
from kostprijs.fouten import KostprijsFout
from kostprijs.voorbeeld.gegevens import schrijf_voorbeeld


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
    indicaties = lees_indicaties(voorbeeld / "indicaties.csv", params)
    assert indicaties["client"].nunique() == 2000
    assert set(indicaties["productspecificatie"]) == set(params.productspecificaties)
    # a few clients' indications ended in the realisation year
    beeindigd = indicaties.loc[~indicaties["lopend"], "client"].nunique()
    assert 20 <= beeindigd <= 120


def test_usage_near_65_percent_but_differs_by_product(voorbeeld, params):
    indicaties = lees_indicaties(voorbeeld / "indicaties.csv", params)
    realisatie = lees_realisatie(voorbeeld / f"realisatie_{params.realisatiejaar}.csv", params)
    bestaand = indicaties[indicaties["client"].isin(realisatie.attrs["clienten"])]
    tabel = empirische_gebruiksfactor(bestaand, realisatie, params.realisatiejaar)
    totaal = tabel["gerealiseerd_milli"].sum() / tabel["geindiceerd_milli"].sum()
    assert 0.60 < totaal < 0.70
    assert tabel["gebruiksfactor"].max() - tabel["gebruiksfactor"].min() > 0.10


def test_second_catalogue_sample_has_its_own_shape(tmp_path):
    from kostprijs.parameters import laad_parameters
    from kostprijs.tarieflijst import lees_tarieven

    tweede = laad_parameters(2028)
    schrijf_voorbeeld(tweede, tmp_path / "2028")
    indicaties = lees_indicaties(tmp_path / "2028" / "indicaties.csv", tweede)
    assert set(indicaties["productspecificatie"]) == set(tweede.productspecificaties)
    assert set(indicaties["frequentie"]) == {"per maand", "totaal"}  # totaal: one-off products
    assert set(indicaties.loc[indicaties["eenmalig"], "frequentie"]) == {"totaal"}
    varianten = {v.naam for p in tweede.catalogus for v in p.varianten}
    assert set(indicaties.loc[indicaties["variant"] != "", "variant"]) == varianten
    assert set(indicaties["leveringsvorm"]) == {lv.naam for lv in tweede.leveringsvormen}
    realisatie = lees_realisatie(
        tmp_path / "2028" / f"realisatie_{tweede.realisatiejaar}.csv", tweede
    )
    assert realisatie["periode"].max() == 12  # billed per month
    tarieven = lees_tarieven(tmp_path / "2028" / "tarieven_huidig.csv", tweede, meerdere=True)
    assert set(tarieven["variant"]) == varianten | {""}


def test_a_catalogue_without_sample_description_gets_defaults(tmp_path):
    from kostprijs.parameters import laad_parameters

    pad = tmp_path / "2031.yaml"
    pad.write_text(
        "jaar: 2031\ngemeente: Elders\nbekostiging: {model: inspanning}\nbudget: {gebruiksfactor: 0.7, weken_per_jaar: 52, gevoeligheid: {van: 0.5, tot: 0.9, stap: 0.1}}\ncatalogus:\n"
        "  - {productspecificatie: Hulp, soort: uur, eenheid: uur, productcode: H}\n"
        "  - {productspecificatie: Traject, soort: traject, eenheid: traject, productcode: T}\n"
        "sjabloon: {versie: '1', contact: test}\n",
        encoding="utf-8",
    )
    elders = laad_parameters(pad=pad)
    schrijf_voorbeeld(elders, tmp_path / "raw")
    indicaties = lees_indicaties(tmp_path / "raw" / "indicaties.csv", elders)
    assert set(indicaties["productspecificatie"]) == {"Hulp", "Traject"}
    assert len(list((tmp_path / "raw" / "aanbieders").glob("*.xlsx"))) == 17
