"""Indexation: the VNG tables of 2024 and 2025 reproduced from their components, the chain."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from kostprijs.cli import main
from kostprijs.fouten import ConfiguratieFout
from kostprijs.indexatie import INDEXCIJFERS, indexketen, lees_indexcijfers

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
    assert [c.jaar for c in keten.cijfers] == [2024, 2025]
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


def test_opdracht_indexatie_voor_een_jaar_met_parameters_noemt_wat_ontbreekt(capsys):
    assert main(["indexatie", "--jaar", "2027"]) == 2
    fout = capsys.readouterr().err
    assert "prijsjaar" in fout and "params/indexcijfers.yaml" in fout
