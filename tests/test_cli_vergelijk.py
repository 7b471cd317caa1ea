"""`kostprijs vergelijk` end to end: the seed table in both CSV conventions and as .xlsx."""

from pathlib import Path

import openpyxl
import pytest

from kostprijs.cli import main

FIXTURES = Path(__file__).parent / "fixtures"

# The seed's comparison by hand (see test_tarieven.py): verschil and verschil_pct.
VERGELIJKING = [
    ("OZL 1", 43.20, 49.42, 6.22, 14.4, "omhoog"),
    ("OZL 2", 46.80, 52.86, 6.06, 12.9, "omhoog"),
    ("OZL 3", 72.00, 62.30, -9.70, -13.5, "omlaag"),
    ("OMD 1", 34.60, 33.97, -0.63, -1.8, "omlaag"),
    ("OMD 2", 49.00, 46.89, -2.11, -4.3, "omlaag"),
    ("OMD 3", 55.40, 60.31, 4.91, 8.9, "omhoog"),
    ("Vervoer", 6.00, 13.08, 7.08, 118.0, "omhoog"),
    ("Vervoer", 16.36, 13.08, -3.28, -20.0, "omlaag"),
    ("Kortdurend verblijf", 31.00, 94.50, 63.50, 204.8, "omhoog"),
    ("Kortdurend verblijf extra", None, 188.28, None, None, "nieuw"),
]
UITKOMSTEN = [
    "Kostprijs OZL 1, 2 omhoog, OZL 3 omlaag",
    "Kostprijs OMD 1, 2 omlaag, OMD 3 omhoog",
    "Weinig verschil OZL 1 & 2",
    "Eén kostprijs voor vervoer: € 13,08 tegenover nu 2 tarieven (€ 6,00 en € 16,36)",
    "Forse stijging kostprijs kortdurend verblijf (+204,8%)",
    "Nieuw, nog zonder huidig tarief: kortdurend verblijf extra (kostprijs € 188,28)",
]


def draai(tarieven, kostprijzen, uit):
    return main(
        [
            "vergelijk",
            "--jaar",
            "2027",
            "--tarieven",
            str(tarieven),
            "--kostprijzen",
            str(kostprijzen),
            "--uit",
            str(uit),
        ]
    )


def lees(pad):
    wb = openpyxl.load_workbook(pad)
    assert wb.sheetnames == ["vergelijking", "uitkomsten"]
    vergelijking = list(wb["vergelijking"].iter_rows(values_only=True))
    uitkomsten = list(wb["uitkomsten"].iter_rows(values_only=True))
    return vergelijking, [u.replace("\xa0", " ") for (u,) in uitkomsten[1:]]


def controleer(pad):
    vergelijking, uitkomsten = lees(pad)
    assert vergelijking[0] == (
        "productspecificatie",
        "huidig_tarief",
        "kostprijs",
        "verschil",
        "verschil_pct",
        "richting",
    )
    for gevonden, verwacht in zip(vergelijking[1:], VERGELIJKING, strict=True):
        assert gevonden[0] == verwacht[0] and gevonden[5] == verwacht[5]
        for g, v in zip(gevonden[1:5], verwacht[1:5], strict=True):
            assert (
                (g is None) if v is None else (isinstance(g, int | float) and g == pytest.approx(v))
            )
    assert uitkomsten == UITKOMSTEN


@pytest.mark.parametrize("conventie", ["nl", "int"])
def test_seed_table_in_both_csv_conventions(tmp_path, capsys, conventie):
    uit = tmp_path / "vergelijking.xlsx"
    code = draai(
        FIXTURES / f"seed_tarieven_{conventie}.csv",
        FIXTURES / f"seed_kostprijzen_{conventie}.csv",
        uit,
    )
    assert code == 0
    controleer(uit)
    afgedrukt = capsys.readouterr().out.replace("\xa0", " ")
    for bullet in UITKOMSTEN:
        assert f"- {bullet}\n" in afgedrukt


def test_seed_table_as_xlsx_input(tmp_path):
    for naam, kolommen in (("tarieven", 3), ("kostprijzen", 2)):
        wb = openpyxl.Workbook()
        regels = (FIXTURES / f"seed_{naam}_int.csv").read_text().splitlines()
        for regel in regels:
            cellen = regel.split(",")
            wb.active.append(
                [
                    cellen[i] if i < kolommen - 1 or regel == regels[0] else float(cellen[i])
                    for i in range(kolommen)
                ]
            )
        wb.save(tmp_path / f"{naam}.xlsx")
    uit = tmp_path / "uit.xlsx"
    assert draai(tmp_path / "tarieven.xlsx", tmp_path / "kostprijzen.xlsx", uit) == 0
    controleer(uit)


def test_empty_tariff_means_no_current_tariff(tmp_path):
    tarieven = tmp_path / "t.csv"
    tarieven.write_text(
        (FIXTURES / "seed_tarieven_nl.csv").read_text() + "Kortdurend verblijf extra;etmaal;\n"
    )
    uit = tmp_path / "uit.xlsx"
    assert draai(tarieven, FIXTURES / "seed_kostprijzen_nl.csv", uit) == 0
    controleer(uit)


KOP_T = "productspecificatie;eenheid;tarief\n"
KOP_K = "productspecificatie;kostprijs\n"


@pytest.mark.parametrize(
    ("tarieven", "kostprijzen", "melding"),
    [
        (
            KOP_T + "OZL 1;uur;43,20\nOZL 2;uur;4x,80\n",
            KOP_K + "OZL 1;49,42\n",
            "t.csv, rij 3, kolom 'tarief': '4x,80' is geen geldig getal",
        ),
        (
            KOP_T + "OZL 1;uur;43,205\n",
            KOP_K + "OZL 1;49,42\n",
            "t.csv, rij 2, kolom 'tarief': 43,205 heeft meer dan 2 decimalen",
        ),
        (
            KOP_T + "OZL 1;uur;0\n",
            KOP_K + "OZL 1;49,42\n",
            "t.csv, rij 2, kolom 'tarief': een tarief van 0 kan niet",
        ),
        (
            KOP_T + "OZL 1;uur;-1\n",
            KOP_K + "OZL 1;49,42\n",
            "t.csv, rij 2, kolom 'tarief': -1 is kleiner dan 0",
        ),
        (
            KOP_T + "Vervoer;etmaal;6,00\nVervoer;rit;16,36\n",
            KOP_K + "Vervoer;13,08\n",
            "t.csv, rij 3, kolom 'eenheid': eenheid 'rit' past niet bij Vervoer; de catalogus zegt 'etmaal'",
        ),
        (
            KOP_T + "Vervoer;etmaal;6,00\nVervoer;etmaal;6,00\n",
            KOP_K + "Vervoer;13,08\n",
            "t.csv, rij 3, kolom 'tarief': dit tarief staat er al voor deze regel (rij 2)",
        ),
        (
            KOP_T + "OZL 1;uur;43,20\n",
            KOP_K + "OZL 1;49,42\nOZL 2;1\nOZL 1;50\n",
            "k.csv, rij 4, kolom 'productspecificatie': OZL 1 staat er twee keer in",
        ),
        (
            KOP_T + ";uur;43,20\n",
            KOP_K + "OZL 1;49,42\n",
            "t.csv, rij 2, kolom 'productspecificatie': de productspecificatie is leeg",
        ),
        (
            "productspecificatie;tarief\nOZL 1;43,20\n",
            KOP_K + "OZL 1;49,42\n",
            "t.csv, rij 1: kolom(men) 'eenheid' ontbreken",
        ),
    ],
)
def test_bad_input_dutch_message_no_output(tmp_path, capsys, tarieven, kostprijzen, melding):
    (tmp_path / "t.csv").write_text(tarieven)
    (tmp_path / "k.csv").write_text(kostprijzen)
    uit = tmp_path / "uit.xlsx"
    assert draai(tmp_path / "t.csv", tmp_path / "k.csv", uit) != 0
    fout = capsys.readouterr().err
    assert melding in fout and "Traceback" not in fout
    assert not uit.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.csv", "t.csv"]


def test_missing_file_and_wrong_output_type(tmp_path, capsys):
    assert (
        draai(tmp_path / "geen.csv", FIXTURES / "seed_kostprijzen_nl.csv", tmp_path / "u.xlsx") == 1
    )
    assert "geen.csv: het bestand bestaat niet" in capsys.readouterr().err
    code = draai(
        FIXTURES / "seed_tarieven_nl.csv", FIXTURES / "seed_kostprijzen_nl.csv", tmp_path / "u.csv"
    )
    assert code == 1
    assert "de uitvoer moet eindigen op .xlsx" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
