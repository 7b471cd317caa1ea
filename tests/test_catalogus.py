"""Another municipality's catalogue, from the parameters alone: units, frequencies, one-off
products, variants, pgb tiers, monthly billing and ended indications, by hand calculation."""

from __future__ import annotations

import textwrap
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

from kostprijs.budget.invoer import lees_indicaties
from kostprijs.budget.model import bereken_clienten, bereken_regels, jaartotaal_centen
from kostprijs.fouten import ConfiguratieFout, InvoerFout
from kostprijs.onderzoek.per_aanbieder import kostprijs_per_eenheid, personeel_per_eenheid
from kostprijs.onderzoek.tarieven import vergelijk, voorgestelde_tarieven
from kostprijs.parameters import laad_parameters
from kostprijs.rapport.teksten.vergelijkingsteksten import uitkomsten
from kostprijs.tarieflijst import lees_tarieven, pgb_controle, tarieven_uit_lijst

CATALOGUS = """
jaar: 2030
realisatiejaar: 2029
gemeente: Testgemeente
bekostiging: {model: inspanning, facturatieperiode: maand}
budget:
  gebruiksfactor: 0.70
  weken_per_jaar: 52
  gevoeligheid: {van: 0.60, tot: 0.80, stap: 0.10}
  max_per_week: {uur: 30, dagdeel: 10, etmaal: 7, dag: 5}
catalogus:
  - {productspecificatie: Begeleiding basis, soort: uur, eenheid: per uur, productcode: B1,
     familie: Begeleiding, intensiteit: basis}
  - {productspecificatie: Begeleiding plus, soort: uur, eenheid: uur, productcode: B2,
     familie: Begeleiding, intensiteit: plus}
  - {productspecificatie: Coaching, soort: uur, eenheid: minuut, productcode: C1}
  - {productspecificatie: Groep, soort: dagdeel, eenheid: dagdeel, productcode: G1}
  - {productspecificatie: Logeren, soort: etmaal, eenheid: etmaal, productcode: L1}
  - productspecificatie: Vervoer
    soort: vervoer
    eenheid: dag
    productcode: V1
    varianten: [{naam: tot 9 km, factor: 1}, {naam: 10 tot 25 km, factor: 2}]
  - {productspecificatie: Intake, soort: traject, eenheid: eenmalig, productcode: I1}
leveringsvormen:
  - {naam: pgb zzp, percentage: 0.75}
  - {naam: pgb informeel, bedrag: 20.00, eenheden: [uur]}
kostprijs:
  tolerantie_gelijk: 0.005
  weinig_verschil: 0.10
  indexatie: {methode: geen, reden: testcatalogus zonder indexatie}
sjabloon: {versie: "2030.1", contact: test}
"""
TARIEVEN = """productspecificatie;variant;leveringsvorm;eenheid;tarief
Begeleiding basis;;;per uur;55,80
Begeleiding plus;;;uur;18,00
Coaching;;;per minuut;1,10
Groep;;;dagdeel;35,76
Logeren;;;etmaal;204,21
Vervoer;tot 9 km;;dag;14,51
Vervoer;10 tot 25 km;;dag;30,18
Intake;;;eenmalig;1394,44
Begeleiding basis;;pgb zzp;uur;60,00
"""


@pytest.fixture
def params(tmp_path):
    pad = tmp_path / "2030.yaml"
    pad.write_text(textwrap.dedent(CATALOGUS), encoding="utf-8")
    return laad_parameters(pad=pad)


def _schrijf(tmp_path: Path, naam: str, tekst: str) -> Path:
    pad = tmp_path / naam
    pad.write_text(textwrap.dedent(tekst), encoding="utf-8")
    return pad


def test_units_as_published_and_hours_per_unit(params):
    assert params.bekostiging.perioden_per_jaar == 12
    assert params.product("Begeleiding basis").eenheid == "uur"  # "per uur" normalised
    assert params.product("Coaching").uren_per_eenheid == Fraction(1, 60)
    assert params.product("Groep").uren_per_eenheid == 4  # default hours in a dagdeel
    assert params.product("Intake").eenmalig
    assert not any(p.in_periodebudget for p in params.catalogus)


def test_unknown_keys_are_an_error(tmp_path):
    pad = _schrijf(
        tmp_path,
        "2030.yaml",
        CATALOGUS.replace("productcode: C1}", "productcode: C1, tarief_pgb: 1}"),
    )
    with pytest.raises(ConfiguratieFout, match="tarief_pgb"):
        laad_parameters(pad=pad)
    pad.write_text(CATALOGUS + "onbekend: 1\n", encoding="utf-8")
    with pytest.raises(ConfiguratieFout, match="onbekend"):
        laad_parameters(pad=pad)


def test_a_pgb_percentage_above_zin_is_refused(tmp_path):
    pad = _schrijf(tmp_path, "2030.yaml", CATALOGUS.replace("percentage: 0.75", "percentage: 1.10"))
    with pytest.raises(ConfiguratieFout, match="niet hoger"):
        laad_parameters(pad=pad)


def test_per_minute_cost_price_by_hand():
    # 60 euro per hour of staff, one minute: 1,00; x 1,20 overhead + 0,05 material = 1,25
    personeel = personeel_per_eenheid("uur", Fraction(60), uren_per_eenheid=Fraction(1, 60))
    assert personeel == 1
    prijs = kostprijs_per_eenheid(personeel, conventie="op_kosten", opslag="0.20", materieel="0.05")
    assert prijs == Decimal("1.25")


def test_one_off_cost_price_by_hand():
    # 20 staff hours at 50 euro x 1,10 overhead = 1.100 + 30 material = 1.130,00 per traject
    personeel = personeel_per_eenheid("traject", Fraction(50), personeelsuren=20)
    assert kostprijs_per_eenheid(personeel, conventie="op_kosten", opslag="0.1", materieel=30) == (
        Decimal("1130.00")
    )


def _budget(params, tmp_path, indicaties: str):
    lijst = lees_tarieven(_schrijf(tmp_path, "t.csv", TARIEVEN), params, meerdere=True)
    tarieven = tarieven_uit_lijst(lijst, params)
    ind = lees_indicaties(_schrijf(tmp_path, "i.csv", indicaties), params)
    lopend = ind[ind["lopend"]].reset_index(drop=True)
    regels = bereken_regels(lopend, tarieven, params.budget)
    return ind, regels, bereken_clienten(regels, params.budget, False)


def test_frequencies_one_off_and_variants_by_hand(params, tmp_path):
    _, regels, clienten = _budget(
        params,
        tmp_path,
        """\
        client;productspecificatie;variant;omvang;frequentie;begin;einde
        A;Begeleiding basis;;8;per maand;;
        B;Begeleiding basis;;10;per 4 weken;;
        C;Begeleiding basis;;52;per jaar;;
        D;Begeleiding basis;;26;totaal;01-01-2030;01-07-2030
        E;Intake;;1;totaal;;
        F;Vervoer;10 tot 25 km;2;per week;;
        """,
    )
    bedrag = dict(zip(regels["client"], regels["bedrag_per_jaar_centen"], strict=True))
    # 8 per maand x 12 = 96 x 0,70 = 67,2 h x 55,80 = 3.749,76
    assert bedrag["A"] == 374976
    # 10 per 4 weken x 13 = 130 x 0,70 = 91 x 55,80 = 5.077,80
    assert bedrag["B"] == 507780
    # 52 per jaar x 0,70 = 36,4 x 55,80 = 2.031,12
    assert bedrag["C"] == 203112
    # 26 in total over 182 days (1 Jan - 1 Jul 2030), all in the year: 26 x 0,70 = 18,2 h
    # x 55,80 = 1.015,56 (counted as running the whole year it would be twice that)
    assert bedrag["D"] == 101556
    # a one-off product counts once, without gebruiksfactor: 1.394,44 (not 33,8 x)
    assert bedrag["E"] == 139444
    # distance band 10-25 km: 2 days x 52 x 0,70 = 72,8 x 30,18 = 2.197,104 -> 2.197,10
    assert bedrag["F"] == 219710
    # billed per month: 3.749,76 / 12 = 312,48
    per_maand = clienten.set_index("client").loc["A", "bedrag_per_periode_centen"]
    assert per_maand == 31248
    assert jaartotaal_centen(clienten) == sum(bedrag.values())


def test_an_ended_indication_is_not_running(params, tmp_path):
    ind, regels, _ = _budget(
        params,
        tmp_path,
        """\
        client;productspecificatie;omvang;frequentie;einde
        A;Begeleiding basis;4;per week;30-09-2029
        B;Begeleiding basis;4;per week;
        C;Begeleiding basis;4;per week;2030-03-31
        """,
    )
    assert dict(zip(ind["client"], ind["lopend"], strict=True)) == {
        "A": False,
        "B": True,
        "C": True,
    }
    assert list(regels["client"]) == ["B", "C"]


@pytest.mark.parametrize(
    "regel, melding",
    [
        ("A;Logeren;24;per week", "24.00 etmaal per week kan niet"),
        ("A;Groep;30;per week", "30.00 dagdeel per week"),
        ("A;Begeleiding basis;135;per week", "135.00 uur per week"),
        ("A;Begeleiding basis;600;per maand", "uur per week kan niet"),
        ("A;Vervoer;1;per week", "noem een van de varianten"),
        ("A;Begeleiding basis;1;per uur", "onbekende frequentie 'per uur'"),
        ("A;Begeleiding basis;10;totaal", "begin- en einddatum"),
    ],
)
def test_implausible_indications_are_refused_with_the_row(params, tmp_path, regel, melding):
    pad = _schrijf(tmp_path, "i.csv", f"client;productspecificatie;omvang;frequentie\n{regel}\n")
    with pytest.raises(InvoerFout, match=melding) as fout:
        lees_indicaties(pad, params)
    assert fout.value.rij == 2


def test_all_bad_rows_are_counted_in_one_message(params, tmp_path):
    tekst = "client;productspecificatie;omvang;frequentie\n" + "".join(
        f"K{i};Logeren;{8 + i};per week\n" for i in range(4)
    )
    with pytest.raises(InvoerFout, match=r"nog 3 rij\(en\): 3, 4, 5") as fout:
        lees_indicaties(_schrijf(tmp_path, "i.csv", tekst), params)
    assert fout.value.rij == 2


def test_pgb_tiers_derived_capped_and_flagged(params, tmp_path):
    lijst = lees_tarieven(_schrijf(tmp_path, "t.csv", TARIEVEN), params, meerdere=True)
    tarieven = tarieven_uit_lijst(lijst, params)
    # pgb zzp = 75% of ZIN: 35,76 x 0,75 = 26,82 (dagdeel)
    assert tarieven.centen[("Groep", "", "pgb zzp")] == 2682
    # pgb informeel is a fixed 20,00 for hour products: below Begeleiding basis (55,80) ...
    assert tarieven.centen[("Begeleiding basis", "", "pgb informeel")] == 2000
    # ... but above Begeleiding plus (18,00): not allowed, capped at the ZIN tarief
    assert tarieven.centen[("Begeleiding plus", "", "pgb informeel")] == 1800
    # not for other units
    assert ("Coaching", "", "pgb informeel") not in tarieven.centen
    controle = pgb_controle(lijst, params, tarieven).set_index(["regel", "leveringsvorm"])
    assert controle.loc[("Begeleiding plus", "pgb informeel"), "boven_zin"]
    # the list's own pgb zzp line for Begeleiding basis (60,00 > 55,80) is flagged too
    assert controle.loc[("Begeleiding basis", "pgb zzp"), "boven_zin"]
    assert controle.loc[("Begeleiding basis", "pgb zzp"), "uit_lijst"]
    assert not controle.loc[("Groep", "pgb zzp"), "boven_zin"]


@pytest.mark.parametrize(
    "regel, melding",
    [
        ("Coaching;;;uur;1,10", "past niet bij Coaching"),
        ("Vervoer;;;dag;14,51", "noem de variant"),
        ("Vervoer;rolstoel;;dag;14,51", "geen variant 'rolstoel'"),
        ("Groep;;pgb onbekend;dagdeel;1,00", "onbekende leveringsvorm"),
        ("Onbekend;;;uur;1,00", "onbekende productspecificatie"),
    ],
)
def test_tariff_list_checked_against_the_catalogue(params, tmp_path, regel, melding):
    pad = _schrijf(
        tmp_path, "t.csv", f"productspecificatie;variant;leveringsvorm;eenheid;tarief\n{regel}\n"
    )
    with pytest.raises(InvoerFout, match=melding):
        lees_tarieven(pad, params)


def test_variant_proposal_and_comparison_by_hand(params, tmp_path):
    kostprijzen = pd.DataFrame(
        {
            "productspecificatie": ["Vervoer", "Intake"],
            "kostprijs": [Decimal("15.20"), Decimal("1300.00")],
        }
    )
    voorstel = voorgestelde_tarieven(kostprijzen, Decimal("0"), params.catalogus)
    per_regel = dict(zip(voorstel["regel"], voorstel["voorgesteld_tarief"], strict=True))
    # band 10-25 km has factor 2: 15,20 x 2 = 30,40
    assert per_regel == {
        "Vervoer (tot 9 km)": Decimal("15.20"),
        "Vervoer (10 tot 25 km)": Decimal("30.40"),
        "Intake": Decimal("1300.00"),
    }
    lijst = lees_tarieven(_schrijf(tmp_path, "t.csv", TARIEVEN), params, meerdere=True)
    v = vergelijk(
        lijst[lijst["leveringsvorm"] == "zin"], kostprijzen, Decimal("0.005"), params.catalogus
    )
    rij = v.set_index("regel").loc["Vervoer (10 tot 25 km)"]
    # 30,40 against 30,18: +0,22, +0,7%
    assert (rij["verschil"], rij["verschil_pct"]) == (Decimal("0.22"), Decimal("0.7"))
    # a one-off product gets its own cost price, not an hourly one: 1.300,00 vs 1.394,44 = -6,8%
    assert v.set_index("regel").loc["Intake", "verschil_pct"] == Decimal("-6.8")


def test_family_bullets_come_from_the_catalogue_fields(params):
    tarieven = pd.DataFrame(
        {
            "productspecificatie": ["Begeleiding basis", "Begeleiding plus"],
            "tarief": [Decimal("50.00"), Decimal("60.00")],
        }
    )
    kostprijzen = pd.DataFrame(
        {
            "productspecificatie": ["Begeleiding basis", "Begeleiding plus"],
            "kostprijs": [Decimal("55.00"), Decimal("58.00")],
        }
    )
    v = vergelijk(tarieven, kostprijzen, Decimal("0.005"), params.catalogus)
    bullets = uitkomsten(v, params.kostprijs)
    # basis +10% up, plus -3,3% down; 58 vs 55 differ by 5,5% < 10%: little difference
    assert "Kostprijs Begeleiding basis omhoog, Begeleiding plus omlaag" in bullets
    assert "Weinig verschil Begeleiding basis & plus" in bullets
