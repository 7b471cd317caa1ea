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
        # a current list may give several tarieven per line, each with its aandeel
        ["t.csv", "OZL 1 heeft 2 tarieven", "aandeel"],
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


def _totaal_regels(uitvoer: str) -> dict[str, str]:
    return {
        r.split(":")[0].strip("- "): r.split(":", 1)[1].strip()
        for r in uitvoer.splitlines()
        if ":" in r
    }


def test_current_list_with_two_tariffs_and_a_new_product_reconciles_with_the_report(
    tmp_path, capsys
):
    """By hand (65%, 52 weeks, 13 periods, budget in whole euros half up):
    A OZL 1 5/week at 49,42: 169 x 49,42 = 8.351,98; /13 = 642,46; budget 642 -> 8.346,00.
    B Vervoer 1/week at (6,00 + 16,36) / 2 = 11,18: 33,8 x 11,18 = 377,88; /13 = 29,07;
    budget 29 -> 377,00. Together 8.723,00, all inside the periodebudget.
    A Kortdurend verblijf extra 1/week has no current tarief (new product): not counted by
    `kostprijs budget`; the budget report neither: at current tarieven it has the same
    8.723,00, and the new product in a line of its own at the new 188,28, beside the budget:
    33,8 x 188,28 = 6.363,86."""
    from kostprijs.budget.impact import HUIDIG, NIEUWE_PRODUCTEN, bereken_budgetimpact
    from kostprijs.parameters import laad_parameters

    raw = tmp_path / "raw"
    raw.mkdir()
    indicaties = _schrijf(
        raw,
        "indicaties.csv",
        "client;productspecificatie;indicatie_per_week\nA;OZL 1;5\nA;Kortdurend verblijf extra;1\n"
        "B;Vervoer;1\n",
    )
    huidig = _schrijf(
        raw,
        "tarieven_huidig.csv",
        "productspecificatie;eenheid;tarief;aandeel\nOZL 1;uur;49,42;\nVervoer;etmaal;6,00;0,5\n"
        "Vervoer;etmaal;16,36;0,5\nKortdurend verblijf extra;etmaal;;\n",
    )
    _schrijf(
        raw, "realisatie_2026.csv", "client;productspecificatie;periode;volume\nA;OZL 1;1;100\n"
    )
    nieuw = _schrijf(
        tmp_path,
        "nieuw.csv",
        "productspecificatie;variant;eenheid;tarief\nOZL 1;;uur;49,42\nVervoer;;etmaal;13,08\n"
        "Kortdurend verblijf extra;;etmaal;188,28\n",
    )
    uit = tmp_path / "b.csv"
    assert (
        main(
            [
                "budget",
                "--jaar",
                "2027",
                "--indicaties",
                str(indicaties),
                "--tarieven",
                str(huidig),
                "--uit",
                str(uit),
            ]
        )
        == 0
    )
    tekst = capsys.readouterr().out
    assert "2 cliënten" in tekst and "gebruiksfactor 65%." in tekst  # params/2027.yaml: 0.65
    assert "Parameters van tariefjaar" not in tekst  # the year was asked for
    regels = _totaal_regels(tekst)
    assert regels["Per jaar"] == "€\u00a08.723,00"
    assert regels["periodebudgetten × 13"].startswith("€\u00a08.723,00 (2 cliënten)")
    assert regels["buiten het periodebudget (per eenheid)"].startswith("€\u00a00,00")
    assert "1 indicatie van 1 cliënt voor Kortdurend verblijf extra" in tekst
    bi = bereken_budgetimpact(laad_parameters(2027), raw, nieuw, sleutel=b"k" * 32)
    rijen = bi.totalen.set_index("scenario")["alle_clienten_centen"]
    assert rijen[f"Indicaties × gebruiksfactor × {HUIDIG}"] == 872_300
    assert rijen[NIEUWE_PRODUCTEN] == 636_386


def test_the_samples_own_current_list_is_read_and_reconciles(tmp_path, capsys):
    from kostprijs.budget.impact import HUIDIG, NIEUWE_PRODUCTEN, bereken_budgetimpact
    from kostprijs.budget.invoer import lees_indicaties
    from kostprijs.budget.model import bereken_regels
    from kostprijs.parameters import laad_parameters
    from kostprijs.tarieflijst import Tarieven
    from kostprijs.voorbeeld.gegevens import schrijf_voorbeeld

    for jaar in (2027, 2028):
        params = laad_parameters(jaar)
        raw = tmp_path / str(jaar)
        schrijf_voorbeeld(params, raw)
        uit = tmp_path / f"b{jaar}.csv"
        huidig = raw / "tarieven_huidig.csv"
        assert (
            main(
                [
                    "budget",
                    "--jaar",
                    str(jaar),
                    "--indicaties",
                    str(raw / "indicaties.csv"),
                    "--tarieven",
                    str(huidig),
                    "--uit",
                    str(uit),
                ]
            )
            == 0
        )
        tekst = capsys.readouterr().out
        per_jaar = int(
            _totaal_regels(tekst)["Per jaar"]
            .replace("€\u00a0", "")
            .replace(".", "")
            .replace(",", "")
        )
        # the new tariff list: the current one with a tarief for every new product (1,00)
        lijst = pd.read_csv(huidig, sep=";", dtype=str, keep_default_na=False)
        nieuwe = sorted(set(lijst.loc[lijst["tarief"] == "", "productspecificatie"]))
        lijst = lijst.drop_duplicates("productspecificatie").drop(
            columns="aandeel", errors="ignore"
        )
        lijst.loc[lijst["tarief"] == "", "tarief"] = "1,00"
        nieuw = tmp_path / f"nieuw{jaar}.csv"
        lijst.to_csv(nieuw, sep=";", index=False)
        bi = bereken_budgetimpact(params, raw, nieuw, sleutel=b"k" * 32)
        rijen = bi.totalen.set_index("scenario")["alle_clienten_centen"]
        assert per_jaar == rijen[f"Indicaties × gebruiksfactor × {HUIDIG}"]
        if not nieuwe:
            assert NIEUWE_PRODUCTEN not in rijen.index
            continue
        assert "(nieuw product) en tellen hier niet mee" in tekst
        # the report's line of its own: the new products' lines at 1,00 each, beside the budget
        ind = lees_indicaties(raw / "indicaties.csv", params)
        ind = ind[ind["lopend"] & ind["productspecificatie"].isin(nieuwe)]
        assert not ind["in_budget"].any()
        tarief = Tarieven(
            {
                (p, v, lv): 100
                for p, v, lv in zip(
                    ind["productspecificatie"], ind["variant"], ind["leveringsvorm"], strict=True
                )
            }
        )
        verschil = int(bereken_regels(ind, tarief, params.budget)["bedrag_per_jaar_centen"].sum())
        assert verschil == rijen[NIEUWE_PRODUCTEN]


def test_without_a_year_the_newest_params_are_named(tmp_path, capsys):
    """No --jaar: the newest params file is used, and the output says which one."""
    from kostprijs.paden import nieuwste_jaar
    from kostprijs.parameters import laad_parameters
    from kostprijs.voorbeeld.gegevens import schrijf_voorbeeld

    jaar = nieuwste_jaar()
    raw = tmp_path / "raw"
    schrijf_voorbeeld(laad_parameters(jaar), raw)
    opdracht = ["budget", "--indicaties", str(raw / "indicaties.csv")]
    opdracht += ["--tarieven", str(raw / "tarieven_huidig.csv"), "--uit", str(tmp_path / "b.csv")]
    assert main(opdracht) == 0
    eerste = capsys.readouterr().out.splitlines()[0]
    assert eerste.startswith(f"Parameters van tariefjaar {jaar} ({jaar}") and "--jaar" in eerste
