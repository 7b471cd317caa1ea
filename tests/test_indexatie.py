"""Indexation: the VNG tables of 2024 and 2025 reproduced from their components, the chain."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from kostprijs.cli import main
from kostprijs.fouten import ConfiguratieFout
from kostprijs.indexatie import INDEXCIJFERS, indexketen, lees_indexatiekeuze, lees_indexcijfers

D = Decimal


def test_vng_2024_uit_de_onderdelen():
    # VNG 2024: weighted provisional 2023 4,75, final 2023 6,43, correction 1,0643/1,0475 - 1
    # = 1,60, provisional 2024 4,70, for providers 4,70 + 1,60 = 6,30
    c = lees_indexcijfers()[2024]
    assert c.gewogen(c.vorig_voorlopig) == D("4.75")
    assert c.gewogen(c.vorig_definitief) == D("6.43")
    assert c.correctie == D("1.60")
    assert c.gewogen(c.voorlopig) == D("4.70")
    assert c.berekend == D("6.30") == c.gepubliceerd


def test_vng_2025_uit_de_onderdelen():
    # VNG 2025 (corrected table of 2 October 2024): 4,446 + 0,251; 5,40 + 0,31; correction
    # 5,71 - 4,697 = 1,013; 3,762 + 0,182 = 3,944; for providers 3,944 + 1,013 = 4,96
    c = lees_indexcijfers()[2025]
    assert c.gewogen(c.vorig_voorlopig) == D("4.697")
    assert c.gewogen(c.vorig_definitief) == D("5.710")
    assert c.correctie == D("1.013")
    assert c.gewogen(c.voorlopig) == D("3.944")
    assert c.berekend == D("4.96") == c.gepubliceerd


def _bestand(tmp_path: Path, **wijziging) -> Path:
    ruw = yaml.safe_load(INDEXCIJFERS.read_text(encoding="utf-8"))
    ruw["jaren"][2025].update(wijziging)
    pad = tmp_path / "indexcijfers.yaml"
    pad.write_text(yaml.safe_dump(ruw, allow_unicode=True), encoding="utf-8")
    return pad


def test_eerste_versie_2025_met_de_verhoudingsregel_gaf_491(tmp_path):
    # The first version of the 2025 table used the ratio rule: (1,0571 / 1,04697 - 1) = 0,97,
    # and said 4,91%. The same components with that rule reproduce it.
    c = lees_indexcijfers(_bestand(tmp_path, regel="verhouding", gepubliceerd=4.91))[2025]
    assert c.correctie == D("0.968")
    assert c.berekend == D("4.91")


def test_een_gepubliceerd_cijfer_dat_niet_uit_de_onderdelen_volgt_wordt_geweigerd(tmp_path):
    with pytest.raises(ConfiguratieFout, match=r"jaar 2025: uit de onderdelen volgt 4.96%"):
        lees_indexcijfers(_bestand(tmp_path, gepubliceerd=5.0))


def test_keten_is_het_product_over_de_tussenliggende_jaren():
    keten = indexketen(2023, 2025)
    assert [s.jaar for s in keten.stappen] == [2024, 2025]
    assert keten.factor == D("1.063") * D("1.0496") == D("1.1157248")
    assert indexketen(2025, 2025).factor == 1


def test_een_ontbrekend_jaar_stopt_met_een_melding_nooit_nul():
    with pytest.raises(ConfiguratieFout, match=r"ontbreekt het indexcijfer van 2026, 2027"):
        indexketen(2025, 2027)


@given(
    st.lists(st.decimals(min_value=-5, max_value=15, places=2), min_size=1, max_size=6),
    st.data(),
)
def test_keten_splitst_in_deelketens(percentages, data):
    cijfers = dict(zip(range(2000, 2000 + len(percentages)), percentages, strict=True))
    echt = lees_indexcijfers()[2025]
    van = 1999
    tot = 1999 + len(percentages)
    midden = data.draw(st.integers(min_value=van, max_value=tot))
    nep = {j: _met_publicatie(echt, j, p) for j, p in cijfers.items()}
    verwacht = D(1)
    for p in percentages:
        verwacht *= 1 + p / 100
    assert indexketen(van, tot, nep).factor == verwacht
    assert indexketen(van, midden, nep).factor * indexketen(midden, tot, nep).factor == verwacht


def _met_publicatie(cijfer, jaar, percentage):
    return replace(cijfer, jaar=jaar, gepubliceerd=percentage)


def test_opdracht_indexatie_toont_het_cijfer_met_onderdelen_en_bron(capsys):
    assert main(["indexatie", "--jaar", "2024"]) == 0
    uit = capsys.readouterr().out
    assert "Indexcijfer 2024 voor aanbieders: 6,30% (definitief)" in uit
    assert "4,70% + 1,60% = 6,30%" in uit and "verhouding" in uit and "VNG" in uit


def test_opdracht_indexatie_voor_een_jaar_met_parameters_toont_de_keten(capsys):
    # params/2027.yaml: boekjaar 2025 (inleverdatum 2026), vast 3,5% (2026) and 3% (2027):
    # 1,035 x 1,03 = 1,06605
    assert main(["indexatie", "--jaar", "2027"]) == 0
    uit = capsys.readouterr().out
    assert "Van prijsjaar 2025 naar tariefjaar 2027" in uit
    assert "factor 1,066050 (6,61%)" in uit


@pytest.mark.parametrize(
    ("ruw", "melding"),
    [
        (0, "niet één getal"),
        ({"methode": "vast", "percentages": {2026: 0.03}}, "vraagt een reden"),
        ({"methode": "geen"}, "vraagt een reden"),
        ({"methode": "index"}, "kies uit vng, vast, geen"),
        ({"methode": "vng", "percentages": {2026: 0.03}}, "alleen bij methode vast"),
        ({"methode": "vast", "percentages": {2026: 3.5}, "reden": "cao"}, "3,5% schrijft u als"),
    ],
)
def test_indexatiekeuze_fouten(ruw, melding):
    with pytest.raises(ConfiguratieFout, match=melding):
        lees_indexatiekeuze(ruw)


def test_vaste_percentages_en_ontbrekend_jaar():
    keuze = lees_indexatiekeuze(
        {"methode": "vast", "percentages": {2026: "0.035", 2027: "0.03"}, "reden": "cao"}
    )
    assert indexketen(2025, 2027, keuze=keuze).factor == D("1.035") * D("1.03")
    with pytest.raises(ConfiguratieFout, match="ontbreekt het indexcijfer van 2028"):
        indexketen(2025, 2028, keuze=keuze)
    geen = lees_indexatiekeuze({"methode": "geen", "reden": "tarieven al op prijspeil"})
    assert indexketen(2025, 2027, keuze=geen).factor == 1


def test_voorstel_is_kostprijs_maal_de_ketenfactor_een_keer_afgerond():
    # 50,00 x 1,06605 = 53,3025 -> 53,30; 12,57 x 1,06605 = 13,4002... -> 13,40
    from kostprijs.onderzoek.tarieven import voorgestelde_tarieven

    gemiddeld = pd.DataFrame(
        {"productspecificatie": ["A", "B"], "kostprijs": [D("50.00"), D("12.57")]}
    )
    uit = voorgestelde_tarieven(gemiddeld, D("1.035") * D("1.03") - 1)
    assert list(uit["voorgesteld_tarief"]) == [D("53.30"), D("13.40")]
