"""The municipality's own tables as client systems and iWmo deliver them: every export class
built from scratch here, each giving the exact value (worked out by hand in the test) or a
Dutch message that names file, row and column."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.getallen import geschaalde_kolom
from kostprijs.budget.invoer import lees_indicaties, lees_realisatie
from kostprijs.fouten import InvoerFout
from kostprijs.gemeentedata import iwmo
from kostprijs.gemeentedata.tabellezer import lees_tabel
from kostprijs.paden import PROJECT
from kostprijs.parameters import laad_parameters
from kostprijs.tarieflijst import lees_tarieven


@pytest.fixture(scope="module")
def p27():
    return laad_parameters(2027)


@pytest.fixture(scope="module")
def p28():
    return laad_parameters(2028)


def _schrijf(map_: Path, naam: str, tekst: str, codering: str = "utf-8") -> Path:
    pad = map_ / naam
    pad.write_bytes(tekst.encode(codering))
    return pad


# --- dialects of CSV -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "tekst",
    [
        "client;productspecificatie;indicatie_per_week\nK1;OZL 1;2,25\nK2;OMD 1;1.002,5\n",
        "client,productspecificatie,indicatie_per_week\nK1,OZL 1,2.25\nK2,OMD 1,1002.5\n",
        "client\tproductspecificatie\tindicatie_per_week\nK1\tOZL 1\t2,25\nK2\tOMD 1\t1.002,5\n",
    ],
    ids=["puntkomma", "komma", "tab"],
)
def test_each_separator_gives_the_same_volumes(tmp_path, tekst):
    pad = _schrijf(tmp_path, "i.csv", tekst)
    df = lees_tabel(pad, ["client", "productspecificatie", "indicatie_per_week"])
    # 2,25 = 2250 thousandths; 1.002,5 = 1002,5 = 1002500 thousandths
    assert geschaalde_kolom(df, "indicatie_per_week", 3).tolist() == [2250, 1_002_500]


@pytest.mark.parametrize("codering", ["utf-8-sig", "utf-8", "cp1252"])
def test_encodings_with_and_without_bom(tmp_path, codering, p27):
    tekst = "Cliëntnummer;productspecificatie;indicatie_per_week\nKë1;OZL 1;3\n"
    pad = _schrijf(tmp_path, "i.csv", tekst, codering)
    df = lees_indicaties(pad, p27)
    assert df["client"].tolist() == ["Kë1"]
    assert df["omvang_milli"].tolist() == [3000]


def test_title_lines_and_total_line_are_reported_not_read(tmp_path, p27):
    tekst = (
        "Export indicaties Wmo;;\n"
        "Peildatum 1-1-2026;;\n"
        "client;productspecificatie;indicatie_per_week\n"
        "K1;OZL 1;2\n"
        "K2;OZL 2;3\n"
        "Totaal;;5\n"
    )
    df = lees_indicaties(_schrijf(tmp_path, "i.csv", tekst), p27)
    assert df["client"].tolist() == ["K1", "K2"]
    assert df["bron_rij"].tolist() == [4, 5]  # the header is line 3 of the file
    bevindingen = " ".join(df.attrs["bevindingen"])
    assert "regels 1-2 boven de kolomnamen overgeslagen" in bevindingen
    assert "'Export indicaties Wmo'" in bevindingen
    assert "rij 6 is een totaalregel ('Totaal')" in bevindingen


def test_a_bad_row_below_title_lines_is_named_by_its_line_in_the_file(tmp_path, p27):
    tekst = "Export\nclient;productspecificatie;indicatie_per_week\nK1;OZL 1;2\nK2;OZL 9;3\n"
    with pytest.raises(InvoerFout) as fout:
        lees_indicaties(_schrijf(tmp_path, "i.csv", tekst), p27)
    assert fout.value.rij == 4 and fout.value.kolom == "productspecificatie"
    assert "onbekende productspecificatie 'OZL 9'" in str(fout.value)


def test_aliases_map_client_system_names_and_unused_columns_are_named(tmp_path, p27):
    tekst = (
        "Cliëntnummer;Product;Volume;Frequentie;Ingangsdatum;Einddatum;Wijk;Opmerking\n"
        "K1;OZL 1;8;per maand;1-1-2026;31-12-2027;Noord;x\n"
    )
    df = lees_indicaties(_schrijf(tmp_path, "i.csv", tekst), p27)
    r = df.iloc[0]
    assert (r["client"], r["productspecificatie"], r["omvang_milli"]) == ("K1", "OZL 1", 8000)
    assert r["frequentie"] == "per maand"
    assert r["begin"] == pd.Timestamp(2026, 1, 1) and r["einde"] == pd.Timestamp(2027, 12, 31)
    assert any("kolom 'Wijk' wordt niet gebruikt" in b for b in df.attrs["bevindingen"])
    assert not any("Opmerking" in b for b in df.attrs["bevindingen"])  # declared as ignored


def test_second_column_for_the_same_name_is_named_as_unused(tmp_path, p27):
    tekst = "Cliëntnummer;BSN;productspecificatie;indicatie_per_week\nK1;123;OZL 1;2\n"
    df = lees_indicaties(_schrijf(tmp_path, "i.csv", tekst), p27)
    assert df["client"].tolist() == ["K1"]
    assert any(
        "kolom 'BSN' wordt niet gebruikt: 'Cliëntnummer' geeft al de client" in b
        for b in df.attrs["bevindingen"]
    )


# --- ambiguous numbers -----------------------------------------------------------------------


def test_ambiguous_number_is_refused_with_file_row_and_column(tmp_path, p27):
    tekst = "client;productspecificatie;periode;volume\nK1;OZL 1;1;2,5\nK1;OZL 1;2;13.250\n"
    with pytest.raises(InvoerFout) as fout:
        lees_realisatie(_schrijf(tmp_path, "r.csv", tekst), p27)
    f = fout.value
    assert (Path(f.bestand).name, f.rij, f.kolom) == ("r.csv", 3, "volume")
    assert "'13.250' is dubbelzinnig: 13250" in f.melding and "13,250" in f.melding


def test_ambiguous_number_settled_by_the_columns_other_values(tmp_path, p27):
    tekst = "client;productspecificatie;periode;volume\nK1;OZL 1;1;1.250,5\nK1;OZL 1;2;13.250\n"
    df = lees_realisatie(_schrijf(tmp_path, "r.csv", tekst), p27)
    # 1.250,5 proves the point separates thousands: 1250,5 and 13250 hours
    assert df["volume_milli"].tolist() == [1_250_500, 13_250_000]


def test_in_a_tab_file_a_point_is_settled_by_the_column(tmp_path, p27):
    kop = "client\tproductspecificatie\tperiode\tvolume\n"
    with pytest.raises(InvoerFout, match="dubbelzinnig"):
        lees_realisatie(_schrijf(tmp_path, "r.csv", kop + "K1\tOZL 1\t1\t13.250\n"), p27)
    pad = _schrijf(tmp_path, "r2.csv", kop + "K1\tOZL 1\t1\t13.250\nK1\tOZL 1\t2\t1.5\n")
    assert lees_realisatie(pad, p27)["volume_milli"].tolist() == [13_250, 1_500]


def test_a_comma_file_reads_a_point_as_decimal(tmp_path, p27):
    tekst = "client,productspecificatie,periode,volume\nK1,OZL 1,1,13.250\n"
    assert lees_realisatie(_schrijf(tmp_path, "r.csv", tekst), p27)["volume_milli"].tolist() == [
        13_250
    ]


def test_tariff_list_refuses_an_ambiguous_tariff(tmp_path, p27):
    tekst = "productspecificatie;eenheid;tarief\nOZL 1;uur;49,42\nOZL 2;uur;1.000\n"
    with pytest.raises(InvoerFout) as fout:
        lees_tarieven(_schrijf(tmp_path, "t.csv", tekst), p27)
    assert fout.value.rij == 3 and fout.value.kolom == "tarief"


# --- xlsx ------------------------------------------------------------------------------------


def test_xlsx_with_title_line_serial_and_typed_dates(tmp_path, p27):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Overzicht indicaties 2026"])
    ws.append(["Clientnummer", "Productspecificatie", "Volume", "Frequentie", "Begindatum",
               "Einddatum"])  # fmt: skip
    ws.append([88890842, "OZL 1", 2.5, "per week", 46023, dt.datetime(2026, 9, 30)])
    ws.append(["Totaal", None, 2.5, None, None, None])
    pad = tmp_path / "indicaties.xlsx"
    wb.save(pad)
    df = lees_indicaties(pad, p27)
    assert df["client"].tolist() == ["88890842"]
    assert df["omvang_milli"].tolist() == [2500]
    # Excel serial 46023 = 1 January 2026 (45658 = 1-1-2025, plus 365 days)
    assert df["begin"].iat[0] == pd.Timestamp(2026, 1, 1)
    assert df["einde"].iat[0] == pd.Timestamp(2026, 9, 30)
    assert df["dagen"].iat[0] == 273  # 1 January to 30 September 2026, both included
    bevindingen = " ".join(df.attrs["bevindingen"])
    assert "'Overzicht indicaties 2026'" in bevindingen and "totaalregel" in bevindingen


def test_a_serial_number_is_no_date_in_a_csv(tmp_path, p27):
    tekst = "client;productspecificatie;indicatie_per_week;begin\nK1;OZL 1;2;46023\n"
    with pytest.raises(InvoerFout, match="'46023' is geen datum") as fout:
        lees_indicaties(_schrijf(tmp_path, "i.csv", tekst), p27)
    assert fout.value.rij == 2 and fout.value.kolom == "begin"


def test_two_exports_of_one_table_are_refused_naming_both(tmp_path):
    (tmp_path / "indicaties.csv").write_text("x\n")
    (tmp_path / "indicaties.xlsx").write_bytes(b"")
    with pytest.raises(InvoerFout, match=re.escape("indicaties.csv en indicaties.xlsx")):
        catalogus.indicatiebron(tmp_path)


def test_an_xlsx_export_is_found_in_the_raw_folder(tmp_path):
    (tmp_path / "tarieven_huidig.xlsx").write_bytes(b"")
    assert catalogus.tarievenbron(tmp_path).name == "tarieven_huidig.xlsx"
    assert catalogus.indicatiebron(tmp_path).name == "indicaties.csv"  # missing: named as .csv


# --- iWmo codes ------------------------------------------------------------------------------

IWMO_KOP = "Clientnummer;Productspecificatie;Volume;Eenheid;Frequentie;Ingangsdatum;Einddatum\n"


def test_iwmo_codes_are_converted_exactly(tmp_path, p27):
    tekst = IWMO_KOP + (
        "K1;OZL 1;135;01;2;1-1-2026;\n"  # 135 minutes a week = 2,25 hours a week
        "K2;OZL 2;8;04;4;1-1-2026;\n"  # 8 hours a month
        "K3;OMD 1;3;16;2;1-1-2026;\n"  # 3 dagdelen a week
        "K4;Kortdurend verblijf;1;14;1;1-1-2026;\n"  # 1 etmaal a day = 7 a week
        "K5;OZL 3;90;1;6;1-1-2026;30-6-2026\n"  # 90 minutes in total (Excel dropped the 0)
    )
    df = lees_indicaties(_schrijf(tmp_path, "i.csv", tekst), p27)
    assert df["omvang_milli"].tolist() == [2250, 8000, 3000, 7000, 1500]
    assert df["frequentie"].tolist() == ["per week", "per maand", "per week", "per week", "totaal"]
    assert df["dagen"].iat[4] == 181  # 1 January to 30 June 2026
    omrekeningen = " ".join(df.attrs["omrekeningen"])
    assert "eenheid 01 (minuut) omgerekend naar uur: ÷ 60 (2 rijen)" in omrekeningen
    assert "frequentie 1 (per dag) omgerekend naar per week: × 7 (1 rijen)" in omrekeningen


def test_plain_words_for_unit_and_per_dag(tmp_path, p28):
    tekst = (
        "client;productspecificatie;omvang;eenheid;frequentie\n"
        "K1;Individuele begeleiding basis;45;minuten;per dag\n"
    )
    df = lees_indicaties(_schrijf(tmp_path, "i.csv", tekst), p28)
    # 45 minutes a day = 0,75 hours x 7 = 5,25 hours a week
    assert df["omvang_milli"].tolist() == [5250]
    assert df["frequentie"].tolist() == ["per week"]


@pytest.mark.parametrize(
    ("regel", "melding"),
    [
        ("K1;OZL 1;250;83;2;1-1-2026;", "eenheid 83 (euro) is een budget in euro's"),
        ("K1;OMD 1;240;01;2;1-1-2026;", "eenheid '01' (minuut) kan niet exact worden omgerekend"),
        ("K1;OZL 1;100;01;2;1-1-2026;", "geen exact getal in duizendsten"),
        ("K1;OZL 1;2;99;2;1-1-2026;", "Deze eenheid is onbekend"),
    ],
)
def test_unit_that_cannot_be_converted_exactly_is_refused(tmp_path, p27, regel, melding):
    with pytest.raises(InvoerFout, match=re.escape(melding)) as fout:
        lees_indicaties(_schrijf(tmp_path, "i.csv", IWMO_KOP + regel + "\n"), p27)
    assert fout.value.rij == 2 and fout.value.kolom in ("eenheid", "omvang")


def test_realisation_in_minutes_is_counted_in_hours(tmp_path, p27):
    tekst = (
        "client;productspecificatie;periode;volume;eenheid\n"
        "K1;OZL 1;1;90;01\nK1;OMD 1;1;2;16\nK2;OZL 1;2;1,5;uur\n"
    )
    df = lees_realisatie(_schrijf(tmp_path, "r.csv", tekst), p27)
    # 90 minutes = 1,5 hours (not 90 hours); 2 dagdelen; 1,5 hours
    assert df["volume_milli"].tolist() == [1500, 2000, 1500]
    assert df["rij"].tolist() == [2, 3, 4]
    assert any("÷ 60 (1 rijen)" in r for r in df.attrs["omrekeningen"])


def test_credit_lines_are_read_with_their_sign(tmp_path, p27):
    # netting against the declaration they correct: gemeentedata.realisatie (its own tests)
    tekst = "client;productspecificatie;periode;volume\nK1;OZL 1;1;2\nK1;OZL 1;1;-2\n"
    df = lees_realisatie(_schrijf(tmp_path, "r.csv", tekst), p27)
    assert df["volume_milli"].tolist() == [2000, -2000]
    assert df["rij"].tolist() == [2, 3]


# --- productcode ------------------------------------------------------------------------------


def test_productcode_naming_one_product(tmp_path, p27, p28):
    tekst = "client;productcode;indicatie_per_week\nK1;04A01;1\nK2;04a06;2\n"
    df = lees_indicaties(_schrijf(tmp_path, "i.csv", tekst), p27)
    assert df["productspecificatie"].tolist() == [
        "Kortdurend verblijf",
        "Kortdurend verblijf extra",
    ]
    tekst = "client;product;indicatie_per_week\nK1;IB002;1\n"  # a product column with a code
    df = lees_indicaties(_schrijf(tmp_path, "j.csv", tekst), p28)
    assert df["productspecificatie"].tolist() == ["Individuele begeleiding plus"]


def test_productcode_of_several_products_is_refused_saying_why(tmp_path, p27):
    tekst = "client;productcode;indicatie_per_week\nK1;04A01;1\nK2;02A01;2\n"
    with pytest.raises(InvoerFout) as fout:
        lees_indicaties(_schrijf(tmp_path, "i.csv", tekst), p27)
    f = fout.value
    assert (f.rij, f.kolom) == (3, "productcode")
    assert "'02A01' hoort bij meer dan één product (OZL 1, OZL 2" in f.melding
    assert "Vul de kolom productspecificatie in" in str(f)


def test_productcode_contradicting_the_product_is_refused(tmp_path, p27):
    tekst = "client;productspecificatie;productcode;indicatie_per_week\nK1;OZL 1;04A01;1\n"
    with pytest.raises(InvoerFout, match="'04A01' hoort niet bij OZL 1"):
        lees_indicaties(_schrijf(tmp_path, "i.csv", tekst), p27)


# --- iWmo messages ------------------------------------------------------------------------------

BASIS = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"


def _wmo301(producten: str, bsn: str = "999990019") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<wmo301:Bericht xmlns:iwmo="{BASIS}" xmlns:wmo301="http://www.istandaarden.nl/iwmo/3_2/wmo301/schema">
  <wmo301:Header><wmo301:BerichtCode>414</wmo301:BerichtCode><wmo301:BerichtVersie>3</wmo301:BerichtVersie>
    <wmo301:BerichtSubversie>2</wmo301:BerichtSubversie><wmo301:Afzender>0363</wmo301:Afzender>
    <wmo301:Ontvanger>12345678</wmo301:Ontvanger></wmo301:Header>
  <wmo301:Client><wmo301:Bsn>{bsn}</wmo301:Bsn><wmo301:ToegewezenProducten>{producten}
  </wmo301:ToegewezenProducten></wmo301:Client>
</wmo301:Bericht>"""


def _product(nummer, code, volume, eenheid, frequentie, begin, einde=""):
    eind = f"<wmo301:Einddatum>{einde}</wmo301:Einddatum>" if einde else ""
    return f"""<wmo301:ToegewezenProduct><wmo301:ToewijzingNummer>{nummer}</wmo301:ToewijzingNummer>
  <wmo301:Product><iwmo:Categorie>02</iwmo:Categorie><iwmo:Code>{code}</iwmo:Code></wmo301:Product>
  <wmo301:Ingangsdatum>{begin}</wmo301:Ingangsdatum>{eind}
  <wmo301:Omvang><iwmo:Volume>{volume}</iwmo:Volume><iwmo:Eenheid>{eenheid}</iwmo:Eenheid>
  <iwmo:Frequentie>{frequentie}</iwmo:Frequentie></wmo301:Omvang></wmo301:ToegewezenProduct>"""


def _wmo323(prestaties: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<wmo323:Bericht xmlns:iwmo="{BASIS}" xmlns:wmo323="http://www.istandaarden.nl/iwmo/3_2/wmo323/schema">
  <wmo323:Header><wmo323:BerichtCode>484</wmo323:BerichtCode><wmo323:Afzender>12345678</wmo323:Afzender></wmo323:Header>
  <wmo323:Declaratie><wmo323:Clienten><wmo323:Client><wmo323:Bsn>999990019</wmo323:Bsn>
  <wmo323:Prestaties>{prestaties}</wmo323:Prestaties></wmo323:Client></wmo323:Clienten></wmo323:Declaratie>
</wmo323:Bericht>"""


def _prestatie(code, begin, einde, volume, eenheid, dc="D"):
    return f"""<wmo323:Prestatie><wmo323:ToewijzingNummer>T1</wmo323:ToewijzingNummer>
  <wmo323:ProductCategorie>02</wmo323:ProductCategorie><wmo323:ProductCode>{code}</wmo323:ProductCode>
  <wmo323:ProductPeriode><iwmo:Begindatum>{begin}</iwmo:Begindatum><iwmo:Einddatum>{einde}</iwmo:Einddatum>
  </wmo323:ProductPeriode><wmo323:GeleverdVolume>{volume}</wmo323:GeleverdVolume>
  <wmo323:Eenheid>{eenheid}</wmo323:Eenheid><wmo323:ProductTarief>5580</wmo323:ProductTarief>
  <wmo323:IngediendBedrag><iwmo:Bedrag>1</iwmo:Bedrag><iwmo:DebetCredit>{dc}</iwmo:DebetCredit>
  </wmo323:IngediendBedrag></wmo323:Prestatie>"""


def _berichtenmap(tmp_path: Path, **bestanden: str) -> Path:
    map_ = tmp_path / catalogus.BERICHTEN
    map_.mkdir(exist_ok=True)
    for naam, tekst in bestanden.items():
        (map_ / f"{naam}.xml").write_text(tekst, encoding="utf-8")
    return map_


def test_wmo301_messages_are_read_as_indications(tmp_path, p28):
    producten = _product("T1", "IB001", 135, "01", 2, "2027-01-01") + _product(
        "T2", "BG002", 3, "16", 2, "2027-03-01", "2027-12-31"
    )
    _berichtenmap(tmp_path, a=_wmo301(producten))
    bron = catalogus.indicatiebron(tmp_path)
    assert bron.name == catalogus.BERICHTEN
    df = lees_indicaties(bron, p28)
    assert df["client"].tolist() == ["999990019", "999990019"]
    assert df["productspecificatie"].tolist() == [
        "Individuele begeleiding basis",
        "Begeleiding groep midden",
    ]
    assert df["omvang_milli"].tolist() == [2250, 3000]  # 135 minutes = 2,25 hours; 3 dagdelen
    assert df["toewijzing"].tolist() == ["T1", "T2"]
    assert df["aanbieder"].tolist() == ["12345678", "12345678"]
    assert df["einde"].iat[1] == pd.Timestamp(2027, 12, 31)


def test_a_wmo301_row_with_a_code_of_several_products_names_the_message(tmp_path, p27):
    _berichtenmap(tmp_path, b=_wmo301(_product("T1", "02A01", 2, "04", 2, "2026-01-01")))
    with pytest.raises(InvoerFout) as fout:
        lees_indicaties(catalogus.indicatiebron(tmp_path), p27)
    assert Path(fout.value.bestand).name == "b.xml" and fout.value.rij == 1
    assert "meer dan één product" in fout.value.melding


def test_wmo323_messages_are_read_as_realisation(tmp_path, p28):
    prestaties = (
        _prestatie("IB001", "2027-03-01", "2027-03-31", 90, "01")
        + _prestatie("IB001", "2027-03-01", "2027-03-31", 30, "01", dc="C")
        + _prestatie("BG001", "2027-04-01", "2027-04-30", 4, "16")
    )
    _berichtenmap(tmp_path, d=_wmo323(prestaties))
    bron = catalogus.realisatiebron(tmp_path, p28.realisatiejaar)
    df = lees_realisatie(bron, p28)
    # 90 minutes = 1,5 hours; a credit of 30 minutes = -0,5 hour; 4 dagdelen. 12 periods: months
    assert df["volume_milli"].tolist() == [1500, -500, 4000]
    assert df["periode"].tolist() == [3, 3, 4]
    assert list(df["productspecificatie"].astype(str)) == [
        "Individuele begeleiding basis",
        "Individuele begeleiding basis",
        "Begeleiding groep licht",
    ]


def test_a_declaration_across_two_periods_is_refused(tmp_path, p28):
    _berichtenmap(tmp_path, d=_wmo323(_prestatie("IB001", "2027-03-20", "2027-04-10", 60, "01")))
    with pytest.raises(InvoerFout, match="niet in één facturatieperiode") as fout:
        lees_realisatie(tmp_path / catalogus.BERICHTEN, p28)
    assert Path(fout.value.bestand).name == "d.xml" and fout.value.rij == 1


def test_table_and_messages_of_the_same_kind_are_refused(tmp_path):
    (tmp_path / "indicaties.csv").write_text("client\n")
    _berichtenmap(tmp_path, a=_wmo301(_product("T1", "IB001", 1, "04", 2, "2027-01-01")))
    with pytest.raises(InvoerFout, match="twee bronnen voor dezelfde gegevens"):
        catalogus.indicatiebron(tmp_path)
    assert catalogus.realisatiebron(tmp_path, 2027).name == "realisatie_2027.csv"


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ("<wmo301:Bericht><niet gesloten", "geen geldige XML"),
        (
            '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            "<Bericht><BerichtCode>414</BerichtCode>&b;</Bericht>",
            "DTD of entiteiten",
        ),
        (
            '<wmo305:Bericht xmlns:wmo305="http://www.istandaarden.nl/iwmo/3_2/wmo305/schema">'
            "<wmo305:Header><wmo305:BerichtCode>418</wmo305:BerichtCode></wmo305:Header>"
            "</wmo305:Bericht>",
            "onbekend berichttype",
        ),
    ],
    ids=["kapot", "entiteitenbom", "ander-bericht"],
)
def test_bad_messages_are_refused_per_file(tmp_path, p28, tekst, melding):
    _berichtenmap(tmp_path, goed=_wmo301(_product("T1", "IB001", 1, "04", 2, "2027-01-01")))
    _berichtenmap(tmp_path, slecht=tekst)
    with pytest.raises(InvoerFout, match=melding) as fout:
        lees_indicaties(tmp_path / catalogus.BERICHTEN, p28)
    assert Path(fout.value.bestand).name == "slecht.xml"


# --- the conversions against a Fraction reference ---------------------------------------------

MINUTEN_PER = {"minuut": Fraction(1), "uur": Fraction(60)}
CODES = {"01": "minuut", "04": "uur", "1": "minuut", "minuten": "minuut", "uur": "uur"}


@given(st.sampled_from(sorted(CODES)), st.sampled_from(["uur", "minuut"]), st.integers(0, 10**6))
def test_unit_conversion_is_exact(code, naar, volume):
    o = iwmo.omrekening(code, naar)
    assert volume * o.factor == Fraction(volume) * MINUTEN_PER[CODES[code]] / MINUTEN_PER[naar]


@given(
    st.sampled_from(["1", "2", "3", "4", "5", "per dag", "per week", "per maand"]),
    st.integers(1, 10**5),
)
def test_frequency_conversion_per_year_is_exact(code, volume):
    from kostprijs.eenheden import jaarfactor

    per_jaar = {"1": 7 * 52, "2": 52, "3": Fraction(52, 4), "4": 12, "5": 1}
    per_jaar |= {"per dag": 7 * 52, "per week": 52, "per maand": 12}
    naam, factor = iwmo.frequentie(code)
    assert volume * factor * jaarfactor(naam, weken_per_jaar=52) == volume * Fraction(
        per_jaar[code]
    )


@settings(max_examples=60)
@given(st.lists(st.integers(0, 100_000), min_size=1, max_size=20))
def test_minutes_in_a_table_become_hours_or_are_refused(minuten):
    df = pd.DataFrame({"omvang": [str(m) for m in minuten], "eenheid": "01"})
    df["_rij"] = np.arange(2, 2 + len(df))
    milli = np.asarray([m * 1000 for m in minuten], dtype=np.int64)
    naar = np.full(len(df), "uur", dtype=object)
    exact = [Fraction(m, 60) for m in minuten]
    if all((x * 1000).denominator == 1 for x in exact):
        uit = iwmo.omgerekend(df, "omvang", milli, naar, [])
        assert uit.tolist() == [int(x * 1000) for x in exact]
    else:
        with pytest.raises(InvoerFout, match="geen exact getal"):
            iwmo.omgerekend(df, "omvang", milli, naar, [])


# --- end to end: the exact figure from an iWmo-coded export ------------------------------------


def _budget(tmp_path: Path, jaar: int, indicaties: str, tarieven: str) -> pd.DataFrame:
    from kostprijs.cli import main

    i = _schrijf(tmp_path, "i.csv", indicaties)
    t = _schrijf(tmp_path, "t.csv", tarieven)
    uit = tmp_path / "uit.csv"
    assert main(["budget", "--jaar", str(jaar), "--indicaties", str(i), "--tarieven", str(t),
                 "--uit", str(uit)]) == 0  # fmt: skip
    return pd.read_csv(uit, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_budget_from_minutes_is_the_hand_calculation(tmp_path, p27, capsys):
    assert p27.budget.gebruiksfactor == Decimal("0.65") and p27.budget.weken_per_jaar == 52
    uit = _budget(
        tmp_path,
        2027,
        IWMO_KOP + "K1;OZL 1;135;01;2;1-1-2026;\n",
        "productspecificatie;eenheid;tarief\nOZL 1;uur;49,42\n",
    )
    # 135 minutes = 2,25 uur per week; x 52 = 117; x 0,65 = 76,05 uur; x 49,42 = 3.758,391
    # -> 3.758,39 per year; / 13 periods = 289,107 -> 289,11; budget 289 euro
    r = uit.iloc[0]
    assert (r["bedrag_per_jaar"], r["bedrag_per_periode"]) == ("3758,39", "289,11")
    assert r["budget_per_periode"] == "289"


def test_budget_from_a_productcode_per_month_on_the_second_catalogue(tmp_path, p28, capsys):
    assert p28.budget.gebruiksfactor == Decimal("0.70")
    uit = _budget(
        tmp_path,
        2028,
        "Cliëntnummer;Productcode;Volume;Eenheid;Frequentie\nK1;IB001;480;01;4\n",
        "productspecificatie;eenheid;tarief\nIndividuele begeleiding basis;uur;55,80\n",
    )
    # 480 minutes a month = 8 uur; x 12 = 96; x 0,70 = 67,2 uur; x 55,80 = 3.749,76 per year;
    # / 12 months = 312,48
    r = uit.iloc[0]
    assert (r["bedrag_per_jaar"], r["bedrag_per_periode"]) == ("3749,76", "312,48")


@pytest.mark.parametrize("jaar", [2027, 2028])
def test_each_dialect_on_both_catalogues(tmp_path, jaar):
    params = laad_parameters(jaar)
    product = next(p for p in params.catalogus if p.eenheid == "uur" and not p.varianten)
    naam = product.productspecificatie
    csv_nl = f"Titel\nclient;productspecificatie;indicatie_per_week;Wijk\nK1;{naam};1,5;N\nTotaal;;1,5;\n"
    csv_int = f"client,productspecificatie,omvang,eenheid,frequentie\nK1,{naam},90,01,2\n"
    for i, tekst in enumerate((csv_nl, csv_int)):
        df = lees_indicaties(_schrijf(tmp_path, f"i{i}.csv", tekst), params)
        assert df["omvang_milli"].tolist() == [1500]  # 1,5 uur = 90 minutes
        assert df["frequentie"].tolist() == ["per week"]
    assert any(
        "'Wijk'" in b for b in lees_indicaties(tmp_path / "i0.csv", params).attrs["bevindingen"]
    )


def test_controleer_lists_conversions_and_findings(tmp_path):
    from kostprijs.invoercontrole import controleer_invoer
    from kostprijs.voorbeeld.gegevens import schrijf_voorbeeld

    params = laad_parameters(2028)
    raw = tmp_path / "raw"
    schrijf_voorbeeld(params, raw)
    pad = raw / "indicaties.csv"
    tekst = pad.read_text(encoding="utf-8-sig")
    pad.write_text("Export uit het cliëntsysteem\n" + tekst, encoding="utf-8-sig")
    verslag = controleer_invoer(params, raw)
    assert "indicaties.csv: eenheid 01 (minuut) omgerekend naar uur: ÷ 60" in verslag
    assert "realisatie_2027.csv: eenheid 01 (minuut) omgerekend naar uur: ÷ 60" in verslag
    assert "indicaties.csv: regel 1 boven de kolomnamen overgeslagen (titel)" in verslag


def test_an_unknown_file_in_the_message_folder_is_refused(tmp_path):
    _berichtenmap(tmp_path, a=_wmo301(_product("T1", "IB001", 1, "04", 2, "2027-01-01")))
    _berichtenmap(tmp_path, notitie="<html>geen bericht</html>")
    with pytest.raises(InvoerFout, match="geen iWmo-bericht") as fout:
        catalogus.indicatiebron(tmp_path)
    assert Path(fout.value.bestand).name == "notitie.xml"


def test_the_budget_step_fingerprints_every_raw_variant():
    from kostprijs.herkomst.vingerafdruk import stappen

    patronen = stappen(2027)["budget"].raw
    assert any(Path("tarieven_huidig.xlsx").match(p) for p in patronen)
    assert len(patronen) == len(set(patronen))
    # the exports of indications and realisation (any variant, iWmo messages too) are read by
    # the check, whose fingerprint covers the whole raw folder; the budget reads its record
    assert stappen(2027)["controleer"].raw == ("**/*",)
    assert "controleer" in stappen(2027)["budget"].na


def test_a_municipality_declares_its_own_column_names_in_the_parameters(tmp_path):
    import yaml

    from kostprijs.fouten import ConfiguratieFout

    def met_sectie(sectie) -> Path:
        ruw = yaml.safe_load((PROJECT / "params" / "2028.yaml").read_text(encoding="utf-8"))
        pad = tmp_path / "params" / "2028.yaml"
        pad.parent.mkdir(exist_ok=True)
        pad.write_text(yaml.safe_dump({**ruw, "gemeentedata": sectie}), encoding="utf-8")
        return pad

    basis = laad_parameters(2028)
    eigen = {"kolommen": {"client": ["Dossiernummer"], "omvang": ["Toegekend aantal"]}}
    params = laad_parameters(pad=met_sectie(eigen))
    tekst = "Dossiernummer;Productcode;Toegekend aantal;Eenheid;Frequentie\nD1;IB002;120;01;2\n"
    df = lees_indicaties(_schrijf(tmp_path, "i.csv", tekst), params)
    assert df["client"].tolist() == ["D1"] and df["omvang_milli"].tolist() == [2000]  # 2 uur
    with pytest.raises(InvoerFout, match="'client'"):  # without the declaration: not found
        lees_indicaties(tmp_path / "i.csv", basis)
    # an unknown column name is refused when the parameters are read, with key and line
    with pytest.raises(ConfiguratieFout, match=r"regel \d+ \(gemeentedata\).*onbekende kolom"):
        laad_parameters(pad=met_sectie({"kolommen": {"klant": ["X"]}}))
