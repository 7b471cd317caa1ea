"""`kostprijs budget`: the worked example of the source end to end, both CSV conventions and .xlsx, and bad input."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from kostprijs.cli import main

INDICATIES_NL = "client;productspecificatie;indicatie_per_week\nA;OZL 1;5\nA;OMD 3;2\nA;Vervoer;1\n"
TARIEVEN_NL = "productspecificatie;eenheid;tarief\nOZL 1;uur;49,42\nOMD 3;dagdeel;60,31\nVervoer;etmaal;13,08\n"
INDICATIES_INT = (
    "client,productspecificatie,indicatie_per_week\nA,OZL 1,5\nA,OMD 3,2\nA,Vervoer,1\n"
)
TARIEVEN_INT = "productspecificatie,eenheid,tarief\nOZL 1,uur,49.42\nOMD 3,dagdeel,60.31\nVervoer,etmaal,13.08\n"


def _schrijf(map_: Path, naam: str, tekst: str) -> Path:
    pad = map_ / naam
    pad.write_text(tekst, encoding="utf-8")
    return pad


@pytest.mark.parametrize(
    "indicaties, tarieven", [(INDICATIES_NL, TARIEVEN_NL), (INDICATIES_INT, TARIEVEN_INT)]
)
def test_source_example_via_cli_csv(tmp_path, voorbeeld_totalen, indicaties, tarieven):
    uit = tmp_path / "budget.csv"
    code = main(
        [
            "budget",
            "--jaar",
            "2027",
            "--indicaties",
            str(_schrijf(tmp_path, "i.csv", indicaties)),
            "--tarieven",
            str(_schrijf(tmp_path, "t.csv", tarieven)),
            "--gebruiksfactor",
            "0.65",
            "--uit",
            str(uit),
        ]
    )
    assert code == 0
    regels = uit.read_text(encoding="utf-8-sig").splitlines()
    assert (
        regels[0]
        == "client;bedrag_per_jaar;bedrag_per_periode;budget_per_periode;buiten_budget_per_jaar"
    )
    assert regels[1] == "A;12871,04;990,08;990;0,00"


def test_source_example_via_cli_xlsx(tmp_path, voorbeeld_berekening, voorbeeld_totalen):
    # input as .xlsx with typed numbers, output as .xlsx with two sheets
    invoer = tmp_path / "indicaties.xlsx"
    pd.DataFrame(
        {
            "client": ["A"] * 3,
            "productspecificatie": ["OZL 1", "OMD 3", "Vervoer"],
            "indicatie_per_week": [5, 2, 1],
        }
    ).to_excel(invoer, index=False)
    uit = tmp_path / "budget.xlsx"
    assert (
        main(
            [
                "budget",
                "--jaar",
                "2027",
                "--indicaties",
                str(invoer),
                "--tarieven",
                str(_schrijf(tmp_path, "t.csv", TARIEVEN_NL)),
                "--uit",
                str(uit),
            ]
        )
        == 0
    )
    boek = openpyxl.load_workbook(uit)
    assert boek.sheetnames == ["regels", "clienten"]
    regels = list(boek["regels"].values)
    assert regels[0] == (
        "client",
        "productspecificatie",
        "leveringsvorm",
        "omvang",
        "frequentie",
        "gebruik_per_jaar",
        "tarief",
        "bedrag_per_jaar",
    )
    for r in regels[1:]:
        assert r[4] == "per week"
        assert all(isinstance(v, int | float) for v in (r[3], *r[5:])), r  # numbers, not text
    bedragen = [Decimal(str(r[7])) for r in regels[1:]]
    assert bedragen == list(voorbeeld_berekening["bedrag_per_jaar"])
    clienten = list(boek["clienten"].values)
    assert all(isinstance(v, int | float) for v in clienten[1][1:]), clienten[1]
    assert [Decimal(str(v)) for v in clienten[1][1:4]] == [
        voorbeeld_totalen["bedrag_per_jaar"],
        voorbeeld_totalen["bedrag_per_periode"],
        voorbeeld_totalen["budget_per_periode"],
    ]
    assert boek["clienten"]["B2"].number_format.startswith('"€"')


SLECHT = {
    "onbekend product": (
        "client;productspecificatie;indicatie_per_week\nA;OZL 9;5\n",
        TARIEVEN_NL,
        ["i.csv", "rij 2", "OZL 9"],
    ),
    "negatieve indicatie": (
        "client;productspecificatie;indicatie_per_week\nA;OZL 1;5\nB;OZL 1;-2\n",
        TARIEVEN_NL,
        ["i.csv", "rij 3", "indicatie_per_week"],
    ),
    "tekst als indicatie": (
        "client;productspecificatie;indicatie_per_week\nA;OZL 1;vijf\n",
        TARIEVEN_NL,
        ["i.csv", "rij 2", "vijf"],
    ),
    "dubbelzinnig getal": (
        "client;productspecificatie;indicatie_per_week\nA;OZL 1;1.5\n",
        TARIEVEN_NL,
        ["i.csv", "rij 2", "1.5"],
    ),
    "ontbrekende kolom": (
        "client;productspecificatie\nA;OZL 1\n",
        TARIEVEN_NL,
        ["i.csv", "rij 1", "indicatie_per_week", "ontbreken"],
    ),
    "dubbel tarief": (
        INDICATIES_NL,
        TARIEVEN_NL + "OZL 1;uur;50,00\n",
        ["t.csv", "rij 5", "rij 2", "Geef per product één tarief op."],
    ),
    "geen tarief": (
        INDICATIES_NL,
        "productspecificatie;eenheid;tarief\nOZL 1;uur;49,42\n",
        ["t.csv", "OMD 3", "Vervoer"],
    ),
    "verkeerde eenheid": (
        INDICATIES_NL,
        TARIEVEN_NL.replace("OZL 1;uur", "OZL 1;dagdeel"),
        ["t.csv", "rij 2", "eenheid"],
    ),
    "leeg bestand": ("", TARIEVEN_NL, ["i.csv", "leeg"]),
}


@pytest.mark.parametrize("geval", sorted(SLECHT))
def test_bad_input_gives_dutch_message_and_no_output(tmp_path, capsys, geval):
    indicaties, tarieven, woorden = SLECHT[geval]
    uit = tmp_path / "uit.xlsx"
    code = main(
        [
            "budget",
            "--jaar",
            "2027",
            "--indicaties",
            str(_schrijf(tmp_path, "i.csv", indicaties)),
            "--tarieven",
            str(_schrijf(tmp_path, "t.csv", tarieven)),
            "--uit",
            str(uit),
        ]
    )
    fout = capsys.readouterr().err
    assert code != 0
    assert fout.startswith("Fout: ")
    assert "Traceback" not in fout
    for woord in woorden:
        assert woord in fout
    assert not uit.exists()
    assert list(tmp_path.glob(".uit*")) == []


@pytest.mark.parametrize("inhoud", [b"\x00\x01\x02 geen excel", b"PK\x03\x04 kapotte zip"])
def test_unreadable_xlsx(tmp_path, capsys, inhoud):
    invoer = tmp_path / "indicaties.xlsx"
    invoer.write_bytes(inhoud)
    code = main(
        [
            "budget",
            "--jaar",
            "2027",
            "--indicaties",
            str(invoer),
            "--tarieven",
            str(_schrijf(tmp_path, "t.csv", TARIEVEN_NL)),
            "--uit",
            str(tmp_path / "u.csv"),
        ]
    )
    fout = capsys.readouterr().err
    assert code != 0 and "indicaties.xlsx" in fout and "Excel" in fout
    assert not (tmp_path / "u.csv").exists()


def test_bad_gebruiksfactor(tmp_path, capsys):
    code = main(
        [
            "budget",
            "--jaar",
            "2027",
            "--indicaties",
            str(_schrijf(tmp_path, "i.csv", INDICATIES_NL)),
            "--tarieven",
            str(_schrijf(tmp_path, "t.csv", TARIEVEN_NL)),
            "--gebruiksfactor",
            "65",
            "--uit",
            str(tmp_path / "u.csv"),
        ]
    )
    assert code != 0
    assert "gebruiksfactor" in capsys.readouterr().err
