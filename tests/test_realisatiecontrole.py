"""The realisation checked against itself and the indications: client numbers, duplicates,
credits, realisation without indication, the gebruiksband, the provider column."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest

from kostprijs.budget.impact import bereken_budgetimpact
from kostprijs.fouten import InvoerFout
from kostprijs.gemeentedata.clientnummers import elfproef, normaliseer, zonder_elfproef
from kostprijs.parameters import laad_parameters

SLEUTEL = b"k" * 32
# 9-digit numbers that fail the 11-proef (never real BSNs): 088890842 gives
# 0x9+8x8+8x7+8x6+9x5+0x4+8x3+4x2 - 2 = 243, not a multiple of 11
ZONDER_ELF = "088890842"


def _raw(
    tmp_path: Path,
    indicaties: str,
    realisatie: str,
    kop: str = "",
    indicatiekop: str = "client;productspecificatie;indicatie_per_week",
) -> tuple[Path, Path]:
    """One product, OZL 1 at 50,00 now and new (2027 parameters, realisation 2026)."""
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / "indicaties.csv").write_text(indicatiekop + "\n" + indicaties, encoding="utf-8")
    (raw / "tarieven_huidig.csv").write_text(
        "productspecificatie;eenheid;tarief\nOZL 1;uur;50,00\n", encoding="utf-8"
    )
    (raw / "realisatie_2026.csv").write_text(
        (kop or "client;productspecificatie;periode;volume") + "\n" + realisatie, encoding="utf-8"
    )
    nieuw = tmp_path / "nieuw.csv"
    nieuw.write_text(
        "productspecificatie;variant;eenheid;tarief\nOZL 1;;uur;50,00\n", encoding="utf-8"
    )
    return raw, nieuw


def _impact(raw, nieuw):
    return bereken_budgetimpact(laad_parameters(2027), raw, nieuw, sleutel=SLEUTEL)


def test_numbers_normalised_the_same_way_in_every_file():
    (genormaliseerd,) = normaliseer(np.array(["088890842", "88890842", " 0888 90 842 ", "K00001"]))
    assert list(genormaliseerd) == [
        "088890842",
        "088890842",
        "088890842",
        "K00001",
    ]
    # the length is that of the longest number among the files read together
    a, b = normaliseer(np.array(["088890842"]), np.array(["88890842", "7"]))
    assert list(a) == ["088890842"] and list(b) == ["088890842", "000000007"]


def test_elfproef():
    assert elfproef("111222333")  # the public test number: 9+8+7+12+10+8+9+6-3 = 66
    assert not elfproef(ZONDER_ELF)
    assert zonder_elfproef(np.array([ZONDER_ELF, "111222333", "K1", "12345"])) == [ZONDER_ELF]


def test_a_lost_leading_zero_is_one_client(tmp_path):
    raw, nieuw = _raw(tmp_path, f"{ZONDER_ELF};OZL 1;5\n", "88890842;OZL 1;1;10\n")
    bi = _impact(raw, nieuw)
    assert bi.aantal_bestaand == 1
    assert bi.realisatie_bestaand_centen == 10 * 5000
    assert bi.beeindigd_clienten == 0
    assert bi.zonder_elfproef == 1


def test_duplicate_lines_refused_with_rows_then_counted_once_when_confirmed(tmp_path):
    raw, nieuw = _raw(tmp_path, "A;OZL 1;5\n", "A;OZL 1;1;10\nA;OZL 1;2;10\nA;OZL 1;1;10\n")
    with pytest.raises(InvoerFout) as fout:
        _impact(raw, nieuw)
    tekst = str(fout.value)
    assert "realisatie_2026.csv" in tekst and "rij 2, 4" in tekst
    assert "realisatie_bevestigingen.csv" in tekst
    (raw / "realisatie_bevestigingen.csv").write_text(
        "client;productspecificatie;periode;volume;reden\n"
        "A;OZL 1;1;10;export twee keer aangevuld, nagegaan met de aanbieder\n",
        encoding="utf-8",
    )
    bi = _impact(raw, nieuw)
    assert bi.ontdubbeld == 1
    assert bi.realisatie_bestaand_centen == 20 * 5000  # 10 + 10, not 30


def test_credit_nets_against_its_declaration_and_an_orphan_is_refused(tmp_path):
    # declared 10, credited, declared again 10: counts 10 (and is no duplicate)
    raw, nieuw = _raw(tmp_path, "A;OZL 1;5\n", "A;OZL 1;1;10\nA;OZL 1;1;-10\nA;OZL 1;1;10\n")
    bi = _impact(raw, nieuw)
    assert bi.realisatie_bestaand_centen == 10 * 5000
    assert bi.gecrediteerd == 2
    raw, nieuw = _raw(tmp_path, "A;OZL 1;5\n", "A;OZL 1;1;10\nA;OZL 1;2;-4\n")
    with pytest.raises(InvoerFout) as fout:
        _impact(raw, nieuw)
    assert "rij 3" in str(fout.value) and "creditregel" in str(fout.value)


def test_realisation_without_indication_listed_with_amount(tmp_path):
    from kostprijs.budget.impact import lees_gemeentegegevens, toets_realisatie
    from kostprijs.tarieflijst import Tarieven

    raw, _ = _raw(tmp_path, "A;OZL 1;5\n", "A;OZL 1;1;10\nB;OZL 1;1;3\nA;OZL 2;1;2\n")
    params = laad_parameters(2027)
    g = lees_gemeentegegevens(params, raw, SLEUTEL)
    toets = toets_realisatie(g, params, Tarieven({"OZL 1": 5000, "OZL 2": 6000}))
    lijst = toets.uitgesloten.set_index("reden")
    assert lijst.loc["geen indicatie in de export", ["volume_milli", "centen"]].tolist() == [
        3000,
        15_000,
    ]
    assert lijst.loc["geen indicatie voor dit product", ["volume_milli", "centen"]].tolist() == [
        2000,
        12_000,
    ]
    # clients are pseudonyms (codes into g.pseudoniemen), never the raw number
    assert all(str(p).startswith("P-") for p in g.pseudoniemen)


def test_use_outside_the_band_is_counted_with_its_amount(tmp_path):
    # A: 5 h/week, 2026 has 53 weeks: 265 h indicated; 20 h used = 7,5% < 30%.
    # B: 2 h/week = 106 h; 100 h used = 94% (inside the band).
    raw, nieuw = _raw(tmp_path, "A;OZL 1;5\nB;OZL 1;2\n", "A;OZL 1;1;20\nB;OZL 1;1;100\n")
    bi = _impact(raw, nieuw)
    assert bi.buiten_band_paren == 1
    assert bi.buiten_band_centen == 20 * 5000


def test_provider_column_carried_but_never_in_the_result(tmp_path):
    raw, nieuw = _raw(
        tmp_path,
        "A;OZL 1;5\n",
        # same line from two providers: no duplicate
        "A;OZL 1;1;10;Zorg Geheim BV\nA;OZL 1;1;10;Andere Aanbieder\n",
        kop="client;productspecificatie;periode;volume;aanbieder",
    )
    bi = _impact(raw, nieuw)
    assert bi.realisatie_bestaand_centen == 20 * 5000
    inhoud = pickle.dumps(bi)
    assert b"Geheim" not in inhoud and b"Andere" not in inhoud


def test_realisation_outside_the_indication_counts_when_confirmed(tmp_path):
    # A: 5 h/week from 1 July 2026; 10 h declared in period 2 (February): outside
    raw, nieuw = _raw(tmp_path, "", "A;OZL 1;2;10\nA;OZL 1;8;30\n")
    (raw / "indicaties.csv").write_text(
        "client;productspecificatie;indicatie_per_week;begin\nA;OZL 1;5;1-7-2026\n",
        encoding="utf-8",
    )
    bi = _impact(raw, nieuw)
    assert bi.realisatie_bestaand_centen == 30 * 5000
    assert bi.beeindigd_centen == 10 * 5000
    (raw / "realisatie_bevestigingen.csv").write_text(
        "client;productspecificatie;periode;volume;reden\n"
        "A;OZL 1;2;10;indicatie liep al vanaf februari, te laat ingevoerd\n",
        encoding="utf-8",
    )
    bi = _impact(raw, nieuw)
    assert bi.realisatie_bestaand_centen == 40 * 5000
    assert bi.beeindigd_clienten == 0


def test_cell_realisation_reads_client_numbers_the_same_way(tmp_path):
    from kostprijs.resultaat.celrealisatie import lees_celrealisatie

    params = laad_parameters(2027)
    pad = tmp_path / "cellen.csv"
    pad.write_text(
        "client;resultaatgebied;zelfredzaamheid;productspecificatie;geleverd;periode\n"
        f"{ZONDER_ELF};1a;beperkt;OZL 1;4;1\n88890842;1a;beperkt;OZL 1;3;2\n",
        encoding="utf-8",
    )
    regels = lees_celrealisatie(pad, params)
    assert regels["client"].nunique() == 1
    assert list(regels.attrs["clienten"]) == [ZONDER_ELF]


@pytest.mark.parametrize("blok", [1, 2, 1_000_000])
def test_reasons_do_not_depend_on_the_block_size(tmp_path, monkeypatch, blok):
    from kostprijs.budget.impact import lees_gemeentegegevens
    from kostprijs.gemeentedata import realisatie

    monkeypatch.setattr(realisatie, "BLOK", blok)
    raw, _ = _raw(
        tmp_path,
        "A;OZL 1;5;1-1-2026;\nC;OZL 1;2;1-1-2026;1-3-2026\n",
        "A;OZL 1;1;10\nB;OZL 1;1;3\nA;OZL 2;1;2\nC;OZL 1;1;4\nC;OZL 1;6;4\nA;OZL 1;13;10\n",
        indicatiekop="client;productspecificatie;indicatie_per_week;ingangsdatum;einddatum",
    )
    g = lees_gemeentegegevens(laad_parameters(2027), raw, SLEUTEL)
    # 2026 in 13 periods of 4 weeks: period 6 begins on 11 May, after C's indication ended
    assert sorted(g.realisatie["reden"].astype(str)) == sorted(
        [
            *("", "", ""),
            "geen indicatie in de export",
            "geen indicatie voor dit product",
            "buiten de indicatieperiode",
        ]
    )
    c = g.realisatie[(g.realisatie["periode"] == 6)]
    assert list(c["reden"]) == ["buiten de indicatieperiode"]
