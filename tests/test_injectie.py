"""Formula injection: every CSV and xlsx writer neutralises text a spreadsheet would run."""

from __future__ import annotations

import doctest
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest

from kostprijs.bestanden import injectie
from kostprijs.bestanden.csvbestand import schrijf_csv_nl
from kostprijs.bestanden.excel import werkboek
from kostprijs.bestanden.injectie import onschadelijk, onschadelijke_tabel
from kostprijs.budget.uitvoer import schrijf_xlsx
from kostprijs.rapport.export import bladen

AANVALLEN = [
    '=HYPERLINK("http://aanval.example","Klik")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
]


@pytest.mark.parametrize("tekst", AANVALLEN)
def test_gevaarlijke_tekst_krijgt_een_apostrof(tekst):
    assert onschadelijk(tekst) == "'" + tekst


def test_ook_na_een_regeleinde():
    # changed with issue 20: the guard applies to each line after \r or \n as well
    assert onschadelijk("\r=1+1") == "'\r'=1+1"
    assert onschadelijk("x\r=cmd|' /C calc'!A0") == "x\r'=cmd|' /C calc'!A0"
    assert onschadelijk("a\r\n@SUM(1)\n-10\nb") == "a\r\n'@SUM(1)\n-10\nb"


@pytest.mark.parametrize("waarde", [-5, Decimal("-12.5"), -0.5, "-10", "+3", "-0,5", "12%", "Zorg"])
def test_getallen_en_gewone_tekst_blijven(waarde):
    assert onschadelijk(waarde) == waarde


def test_voorbeelden_in_de_module():
    assert doctest.testmod(injectie).failed == 0


def test_tabel_ook_kolomnamen():
    df = pd.DataFrame({"=x": ["=1+1", Decimal(-3)]})
    uit = onschadelijke_tabel(df)
    assert list(uit.columns) == ["'=x"]
    assert list(uit["'=x"]) == ["'=1+1", Decimal(-3)]


def test_csv_nl(tmp_path):
    pad = tmp_path / "t.csv"
    schrijf_csv_nl(pd.DataFrame({"naam": ["=1+1", "Zorg"], "bedrag": [Decimal("-7.5"), 1]}), pad)
    assert pad.read_text(encoding="utf-8-sig") == "naam;bedrag\n'=1+1;-7,5\nZorg;1\n"


def test_xlsx_budget_geen_formules(tmp_path):
    pad = tmp_path / "b.xlsx"
    schrijf_xlsx({"blad": pd.DataFrame({"client": ["=1+1"], "bedrag": [Decimal("-7.50")]})}, pad)
    ws = openpyxl.load_workbook(pad)["blad"]
    assert (ws["A2"].value, ws["A2"].data_type) == ("'=1+1", "s")
    assert (ws["B2"].value, ws["B2"].data_type) == (-7.5, "n")


def test_xlsx_rapport_geen_formules():
    tabel = {
        "titel": "=titel",
        "kolommen": ["naam", "bedrag"],
        "formaten": ["tekst", "euro"],
        "rijen": [["@SUM(A1)", "-3.5"], ["x", "=2"]],
        "voetnoot": "-voetnoot+1",
    }
    ws = werkboek(bladen([tabel])).worksheets[0]
    cellen = [c for rij in ws.iter_rows() for c in rij if c.value is not None]
    assert not [c.coordinate for c in cellen if c.data_type == "f"]
    assert ws["A1"].value == "'=titel"
    assert ws["A3"].value == "'@SUM(A1)"
    assert ws["B3"].value == -3.5
    assert ws["B4"].value == "'=2"
    assert ws["A6"].value == "'-voetnoot+1"
