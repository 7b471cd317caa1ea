"""`kostprijs vergelijk` end to end: the source's table ("Resultaten gemiddelde kostprijs") in
both CSV conventions and as .xlsx."""

import openpyxl
import pytest
from conftest import schrijf_csv

from kostprijs.cli import main


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


@pytest.fixture
def bron(tmp_path, bron_tarieven, bron_gemiddelden):
    """The source's tariffs and average cost prices as Dutch CSV files."""
    return (
        schrijf_csv(bron_tarieven, tmp_path / "tarieven.csv", "nl"),
        schrijf_csv(bron_gemiddelden, tmp_path / "kostprijzen.csv", "nl"),
    )


def controleer(pad, handvergelijking, bron_uitkomsten):
    vergelijking, uitkomsten = lees(pad)
    assert vergelijking[0] == (
        "productspecificatie",
        "huidig_tarief",
        "kostprijs",
        "verschil",
        "verschil_pct",
        "richting",
    )
    verwacht_rijen = list(handvergelijking.itertuples(index=False, name=None))
    for gevonden, verwacht in zip(vergelijking[1:], verwacht_rijen, strict=True):
        assert gevonden[0] == verwacht[0] and gevonden[5] == verwacht[5]
        for g, v in zip(gevonden[1:5], verwacht[1:5], strict=True):
            assert (g is None) if v is None else (isinstance(g, int | float) and g == float(v))
    assert uitkomsten == bron_uitkomsten


@pytest.mark.parametrize("conventie", ["nl", "int"])
def test_source_table_in_both_csv_conventions(
    tmp_path, capsys, conventie, bron_tarieven, bron_gemiddelden, handvergelijking, bron_uitkomsten
):
    uit = tmp_path / "vergelijking.xlsx"
    code = draai(
        schrijf_csv(bron_tarieven, tmp_path / "t.csv", conventie),
        schrijf_csv(bron_gemiddelden, tmp_path / "k.csv", conventie),
        uit,
    )
    assert code == 0
    controleer(uit, handvergelijking, bron_uitkomsten)
    afgedrukt = capsys.readouterr().out.replace("\xa0", " ")
    for bullet in bron_uitkomsten:
        assert f"- {bullet}\n" in afgedrukt


def test_source_table_as_xlsx_input(
    tmp_path, bron_tarieven, bron_gemiddelden, handvergelijking, bron_uitkomsten
):
    for naam, tabel in (("tarieven", bron_tarieven), ("kostprijzen", bron_gemiddelden)):
        wb = openpyxl.Workbook()
        wb.active.append(list(tabel.columns))
        for rij in tabel.itertuples(index=False):
            wb.active.append([float(w) if not isinstance(w, str) else w for w in rij])
        wb.save(tmp_path / f"{naam}.xlsx")
    uit = tmp_path / "uit.xlsx"
    assert draai(tmp_path / "tarieven.xlsx", tmp_path / "kostprijzen.xlsx", uit) == 0
    controleer(uit, handvergelijking, bron_uitkomsten)


def test_empty_tariff_means_no_current_tariff(tmp_path, bron, handvergelijking, bron_uitkomsten):
    tarieven, kostprijzen = bron
    tarieven.write_text(tarieven.read_text() + "Kortdurend verblijf extra;etmaal;\n")
    uit = tmp_path / "uit.xlsx"
    assert draai(tarieven, kostprijzen, uit) == 0
    controleer(uit, handvergelijking, bron_uitkomsten)


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


def test_missing_file_and_wrong_output_type(tmp_path, capsys, bron):
    tarieven, kostprijzen = bron
    assert draai(tmp_path / "geen.csv", kostprijzen, tmp_path / "u.xlsx") == 1
    assert "geen.csv: het bestand bestaat niet" in capsys.readouterr().err
    assert draai(tarieven, kostprijzen, tmp_path / "u.csv") == 1
    assert "de uitvoer moet eindigen op .xlsx" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kostprijzen.csv", "tarieven.csv"]
