"""Report building blocks: Dutch formats, escaping, offline HTML, the Excel export."""

from __future__ import annotations

import datetime as dt
import re
import time
from decimal import Decimal

import nbformat
import openpyxl
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from kostprijs import opmaak
from kostprijs.rapport.export import schrijf_excel
from kostprijs.rapport.html import naar_html
from kostprijs.rapport.mime import TABEL as MIME
from kostprijs.rapport.tabel import bundel

NBSP = "\u00a0"  # babel keeps the euro sign and the amount together


def test_dutch_formats():
    assert opmaak.euro(Decimal("1234.56")) == f"€{NBSP}1.234,56"
    assert opmaak.euro(99008, centen=True) == f"€{NBSP}990,08"
    assert opmaak.euro(123456789, centen=True, heel=True) == f"€{NBSP}1.234.568"
    assert opmaak.euro(14034700, centen=True, heel=True, teken=True) == f"€{NBSP}+140.347"
    assert opmaak.euro(Decimal("-7.52"), teken=True) == f"€{NBSP}-7,52"
    assert opmaak.euro(-37806000, centen=True, heel=True, teken=True) == f"€{NBSP}-378.060"
    assert opmaak.procent(Decimal("0.144")) == "14,4%"
    assert opmaak.procent(Decimal("0.144"), teken=True) == "+14,4%"
    assert opmaak.procent(Decimal("-0.135")) == "-13,5%"
    assert opmaak.getal(Decimal("67.6")) == "67,6"
    assert opmaak.getal(1234567, 0) == "1.234.567"
    assert opmaak.datum(dt.date(2026, 11, 23)) == "23 november 2026"


def _notebook_met(bundels) -> nbformat.NotebookNode:
    cel = new_code_cell("toon(...)  # GEHEIME_CODE")
    cel.outputs = [new_output("display_data", data=b) for b in bundels]
    return new_notebook(cells=[new_markdown_cell("# Titel"), cel])


def test_table_escapes_provider_text_and_carries_typed_values():
    df = pd.DataFrame({"Naam": ["<script>alert(1)</script>"], "Bedrag": [123456]})
    b = bundel(df, {"Bedrag": "centen"}, titel="Proef <b>")
    assert "<script>alert" not in b["text/html"]
    assert "&lt;script&gt;" in b["text/html"]
    assert f"€{NBSP}1.234,56" in b["text/html"]
    assert "Proef &lt;b&gt;" in b["text/html"]
    assert b[MIME]["rijen"] == [["<script>alert(1)</script>", "1234.56"]]
    assert b[MIME]["formaten"] == ["tekst", "euro"]


def test_percentage_points_show_as_percent_and_export_as_fraction():
    b = bundel(
        pd.DataFrame({"Verschil": [Decimal("14.4"), Decimal("-13.5")]}),
        {"Verschil": "procentpunten"},
        titel="t",
    )
    assert "+14,4%" in b["text/html"] and "-13,5%" in b["text/html"]
    assert b[MIME]["rijen"] == [["0.144"], ["-0.135"]]


def test_empty_table_says_so():
    b = bundel(pd.DataFrame({"Reden": []}), {}, titel="Niet meegeteld")
    assert "geen." in b["text/html"] and "<table" not in b["text/html"]


def test_sheet_names_are_chosen_whole_never_cut():
    from kostprijs.bestanden.excel import bladnaam as _bladnaam

    gebruikt: set[str] = set()
    assert (
        _bladnaam("Wat gebeurt er met de tarieven?", gebruikt) == "Wat gebeurt er met de tarieven"
    )
    # a second sheet of the same name is numbered, cut at a word
    assert _bladnaam("Wat gebeurt er met de tarieven", gebruikt) == "Wat gebeurt er met de (2)"
    with pytest.raises(ValueError, match="bladnaam"):
        bundel(
            pd.DataFrame({"a": [1]}), {}, titel="Kosten per jaar bij verschillende gebruiksfactoren"
        )
    b = bundel(
        pd.DataFrame({"a": [1]}),
        {},
        titel="Kosten per jaar bij verschillende factoren",
        blad="Gevoeligheid",
    )
    assert b[MIME]["blad"] == "Gevoeligheid"


def test_a_column_of_mixed_values_keeps_numbers_as_numbers(tmp_path):
    df = pd.DataFrame(
        {
            "Keuze": ["Gemiddelde", "Gebruiksfactor", "Weken per jaar"],
            "Waarde": ["gewogen", Decimal("0.65"), 52],
        },
        dtype=object,
    )
    b = bundel(df, {"Waarde": ["tekst", "procent", "geheel"]}, titel="Methode en parameters")
    assert "65,0%" in b["text/html"] and ">52<" in b["text/html"]
    pad = tmp_path / "nb.ipynb"
    nbformat.write(_notebook_met([b]), pad)
    schrijf_excel(pad, tmp_path / "m.xlsx")
    blad = openpyxl.load_workbook(tmp_path / "m.xlsx")["Methode en parameters"]
    assert [blad[f"B{r}"].value for r in (3, 4, 5)] == ["gewogen", 0.65, 52]
    assert blad["B4"].number_format == "0.0%" and blad["B5"].number_format == "#,##0"
    # widths fit the longest value or header word
    assert blad.column_dimensions["A"].width >= len("Gebruiksfactor")


def test_html_has_no_code_and_loads_nothing_from_the_network():
    html = naar_html(_notebook_met([bundel(pd.DataFrame({"a": [1]}), {}, titel="t")]))
    assert "GEHEIME_CODE" not in html
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"""<link[^>]+href=["']https?:""", html)
    assert "cdn" not in html.lower()
    assert 'lang="nl"' in html
    assert "@page" in html  # print styles for A4


def test_excel_stores_numbers_with_formats_and_same_bytes_twice(tmp_path, monkeypatch):
    df = pd.DataFrame(
        {
            "Product": ["OZL 1", "OZL 2"],
            "Tarief": [4942, 5286],
            "Verschil": [0.144, -0.02],
            "Aantal": [3, None],
        }
    )
    nb = _notebook_met(
        [
            bundel(
                df,
                {"Tarief": "centen", "Verschil": "procent", "Aantal": "geheel"},
                titel="Tarieven",
            )
        ]
    )
    pad = tmp_path / "nb.ipynb"
    nbformat.write(nb, pad)
    schrijf_excel(pad, tmp_path / "a.xlsx")
    time.sleep(1.1)  # the save time must not reach the bytes
    schrijf_excel(pad, tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    blad = openpyxl.load_workbook(tmp_path / "a.xlsx")["Tarieven"]
    assert [c.value for c in blad[2]] == ["Product", "Tarief", "Verschil", "Aantal"]
    assert blad["B3"].value == 49.42 and blad["B3"].number_format.startswith('"€"')
    assert blad["C4"].value == -0.02 and blad["C4"].number_format == "0.0%"
    assert blad["D3"].value == 3 and blad["D4"].value is None


def test_relative_paths_are_relative_to_the_project_not_the_notebook(monkeypatch, tmp_path):
    # papermill runs a notebook in notebooks/; `make report` passes build/<jaar>/manifest.json
    from kostprijs.paden import PROJECT
    from kostprijs.rapport.start import start

    monkeypatch.chdir(tmp_path)
    rapport = start(2027, manifest="build/2027/manifest.json", tarieven_nieuw="t/nieuw.csv")
    assert rapport.manifest == PROJECT / "build" / "2027" / "manifest.json"
    assert rapport.tarieven_nieuw == PROJECT / "t" / "nieuw.csv"


def test_a_long_table_shows_its_largest_rows_and_exports_all():
    df = pd.DataFrame({"naam": [f"A{i:03d}" for i in range(300)], "afwijking": range(300)})
    df.loc[7, "afwijking"] = None
    lang = bundel(
        df,
        {"afwijking": "geheel"},
        "Lang",
        op_pagina=50,
        belang=df["afwijking"].rename("afwijking"),
    )
    html = lang["text/html"]
    assert html.count("<tr") == 51  # header and 50 rows
    assert "A299" in html and "A250" in html and "A249" not in html and "A007" not in html
    assert "de 50 met de grootste afwijking van 300 rijen" in html
    assert "blad &#x27;Lang&#x27;" in html or "blad 'Lang'" in html
    assert len(lang[MIME]["rijen"]) == 300
    kort = bundel(df.head(50), {"afwijking": "geheel"}, "Kort", op_pagina=50)
    assert "Op deze pagina" not in kort["text/html"]
    assert kort["text/html"] == bundel(df.head(50), {"afwijking": "geheel"}, "Kort")["text/html"]
