"""The template's documentation, the sample provider workbooks and the CLI commands."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kostprijs.cli import main
from kostprijs.inlezen import lees_map
from kostprijs.paden import PROJECT
from kostprijs.sjabloon.indeling import indeling
from kostprijs.sjabloon.woordenlijst import data_dictionary
from kostprijs.voorbeeld.aanbieders import schrijf_voorbeeld_aanbieders
from kostprijs.voorbeeld.gegevens import laad_voorbeeld


def _aanbieders(params, map_):
    vb = laad_voorbeeld(params)
    doel = {n: v.kostprijs for n, v in vb.producten.items()}
    aantallen = {n: v.aanbieders for n, v in vb.producten.items() if v.aanbieders}
    return schrijf_voorbeeld_aanbieders(params, map_, doel, aantallen)


def test_data_dictionary_actueel(params):
    assert (PROJECT / "docs" / "sjabloon.md").read_text(encoding="utf-8") == data_dictionary(
        indeling(params)
    )


def test_elke_invoercel_uniek_en_catalogus_uit_parameters(params):
    ind = indeling(params)
    assert len({v.naam for v in ind.velden}) == len(ind.velden)
    assert len({(v.blad, v.cel) for v in ind.velden}) == len(ind.velden)
    assert [p[0] for p in ind.producten] == [p.productspecificatie for p in params.catalogus]


def test_vaste_teksten_staan_in_het_sjabloon(params, tmp_path):
    """The labels ingestion checks are the ones the writer puts there; text cells are
    formatted as text, so a KvK number keeps its leading zero."""
    import openpyxl

    from kostprijs.sjabloon.indeling import vaste_teksten
    from kostprijs.sjabloon.schrijven import schrijf_sjabloon

    wb = openpyxl.load_workbook(schrijf_sjabloon(params, tmp_path / "s.xlsx"))
    teksten = vaste_teksten(indeling(params))
    assert len(teksten) > 100
    for (blad, cel), tekst in teksten.items():
        assert wb[blad][cel].value == tekst, (blad, cel)
    for v in indeling(params).velden:
        if v.soort == "tekst":
            assert wb[v.blad][v.cel].number_format == "@", v.naam


def test_voorbeeld_15_geaccepteerd_2_met_terugkoppeling(params, tmp_path):
    paden = _aanbieders(params, tmp_path)
    assert len(paden) == 17
    res = lees_map(params, tmp_path / "aanbieders", tmp_path / "uit", voortgang=False)
    telling = res.inzendingen["status"].value_counts().to_dict()
    assert telling == {"geaccepteerd": 15, "afgewezen": 2}
    afgewezen = res.inzendingen[res.inzendingen["status"] == "afgewezen"]
    for r in afgewezen.itertuples():
        assert (tmp_path / "uit" / r.terugkoppeling).exists()
    bs = pd.read_csv(tmp_path / "uit" / "bouwstenen.csv", dtype=str)
    per_product = bs.groupby("productspecificatie")["aanbieder_id"].nunique()
    assert (per_product < 3).sum() == 1  # one cell for disclosure control to suppress
    alg = pd.read_csv(tmp_path / "uit" / "aanbieders.csv", dtype=str)
    assert alg["grootteklasse"].value_counts().to_dict() == {"groot": 5, "middel": 5, "klein": 5}


def test_voorbeeld_bytes_reproduceerbaar(params, tmp_path):
    a = _aanbieders(params, tmp_path / "a")
    b = _aanbieders(params, tmp_path / "b")
    for x, y in zip(a, b, strict=True):
        assert x.read_bytes() == y.read_bytes(), x.name


def test_cli_sjabloon_en_inlezen(params, tmp_path, capsys):
    assert main(["sjabloon", "--jaar", "2027", "--uit", str(tmp_path / "s.xlsx")]) == 0
    assert (tmp_path / "s.xlsx").exists()
    leeg = tmp_path / "leeg"
    leeg.mkdir()
    (leeg / "notitie.txt").write_text("geen werkmap", encoding="utf-8")
    assert (
        main(["inlezen", "--jaar", "2027", "--map", str(leeg), "--uit", str(tmp_path / "u")]) == 1
    )
    uit = capsys.readouterr()
    assert "1 inzending gelezen: 0 geaccepteerd" in uit.out
    assert "geen enkele inzending" in uit.err
    _aanbieders(params, tmp_path)
    code = main(
        [
            "inlezen",
            "--jaar",
            "2027",
            "--map",
            str(tmp_path / "aanbieders"),
            "--uit",
            str(tmp_path / "u2"),
            "--stil",
        ]
    )
    assert code == 0
    assert "15 geaccepteerd" in capsys.readouterr().out
    assert main(["inlezen", "--jaar", "2027", "--map", str(tmp_path / "bestaat_niet")]) == 1
    assert "bestaat niet" in capsys.readouterr().err
    assert Path(tmp_path / "u2" / "inzendingen.csv").exists()
