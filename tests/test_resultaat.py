"""Result-based cell tariffs against a small realisation worked out by hand, and properties."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kostprijs.matrix import Resultaatgebied, Resultaatmatrix, Subresultaat
from kostprijs.resultaat.celtarieven import bereken_resultaattarieven

MATRIX = Resultaatmatrix(
    resultaatgebieden=(
        Resultaatgebied("1", "Sociaal netwerk", (Subresultaat("1a", "a"), Subresultaat("1b", "b"))),
        Resultaatgebied("2", "Wonen", (Subresultaat("2a", "a"),)),
    ),
    zelfredzaamheid=(("bijna", "bijna zelfredzaam"), ("niet", "niet zelfredzaam")),
    minimum_clienten=3,
    eigen_bijdrage_plafond=Decimal("20.00"),
)
KOSTPRIJS = {"A": 5000, "B": 3000}  # € 50,00 per uur, € 30,00 per dagdeel

# client, subresultaat, zelfredzaamheid, periode, product, geleverd
REGELS = [
    ("c1", "1a", "bijna", 1, "A", "2"),  # 100,00
    ("c1", "1a", "bijna", 2, "A", "1.5"),  # 75,00
    ("c2", "1a", "bijna", 1, "A", "1"),  # 50,00 + 30,00 = 80,00 in period 1
    ("c2", "1a", "bijna", 1, "B", "1"),
    ("c2", "1a", "bijna", 3, "B", "2"),  # 60,00; period 2 had no care: 0,00
    ("c3", "1a", "bijna", 2, "A", "3"),  # 150,00
    ("c4", "1b", "bijna", 1, "B", "1"),  # 30,00
    ("c1", "2a", "niet", 1, "A", "4"),  # 200,00: c1 also sits in a second cell
]


def regels(rijen=REGELS) -> pd.DataFrame:
    df = pd.DataFrame(
        rijen,
        columns=[
            "client",
            "subresultaat",
            "zelfredzaamheid",
            "periode",
            "productspecificatie",
            "g",
        ],
    )
    df["geleverd_milli"] = [int(Decimal(g) * 1000) for g in df.pop("g")]
    df["aanbieder"] = ""
    df["traject"] = ""
    return df


def cel(uitkomst, sub: str, zr: str) -> pd.Series:
    m = uitkomst.matrix
    return m[(m["subresultaat"] == sub) & (m["zelfredzaamheid"] == zr)].iloc[0]


@pytest.fixture
def uitkomst():
    return bereken_resultaattarieven(regels(), KOSTPRIJS, MATRIX, 13)


def test_own_cell_mean_over_client_periods(uitkomst):
    # 1a × bijna: units 100, 75 (c1); 80, 0, 60 (c2, period 2 without care); 150 (c3)
    # = 465,00 over 6 client-periods = 77,50
    rij = cel(uitkomst, "1a", "bijna")
    assert (rij["tarief_centen"], rij["bron"]) == (7750, "eigen cel")
    assert (rij["n_clienten"], rij["n_eenheden"]) == (3, 6)
    assert rij["kosten_centen"] == 46500 and rij["tariefmodel_centen"] == 6 * 7750
    # window quantiles of 0, 60, 75, 80, 100, 150: (0 + 60 + 75) / 3 and (80 + 100 + 150) / 3
    assert (rij["p25_centen"], rij["p75_centen"]) == (4500, 11000)


def test_small_cell_falls_back_to_its_resultaatgebied(uitkomst):
    # 1b × bijna has 1 client: pooled with 1a × bijna: (465 + 30) / 7 = 70,714... -> 70,71
    rij = cel(uitkomst, "1b", "bijna")
    assert (rij["tarief_centen"], rij["bron"]) == (7071, "terugval: resultaatgebied 1")
    assert rij["n_clienten"] == 1 and rij["tariefmodel_centen"] == 7071


def test_then_to_all_resultaatgebieden_then_none(uitkomst):
    # 2a × bijna has nobody; area 2 has nobody 'bijna'; all areas: the same 7 units -> 70,71
    rij = cel(uitkomst, "2a", "bijna")
    assert (rij["tarief_centen"], rij["bron"]) == (7071, "terugval: alle resultaatgebieden")
    # 'niet' has one client in the whole matrix: no tariff can be set
    for sub in ("1a", "1b", "2a"):
        rij = cel(uitkomst, sub, "niet")
        assert rij["tarief_centen"] is None and rij["bron"] == "geen: te weinig cliënten"


def test_client_in_two_cells(uitkomst):
    c1 = uitkomst.per_client.set_index("client").loc["c1"]
    # realised 100 + 75 + 200 = 375,00; under the tariffs 2 × 77,50 + (2a × niet: none) 0
    assert (c1["kosten_centen"], c1["tariefmodel_centen"]) == (37500, 15500)


def test_eigen_bijdrage_ceiling_counts_cheap_client_periods(uitkomst):
    assert uitkomst.onder_eigen_bijdrage == 1  # c2's period 2 cost € 0, below € 20,00


def test_declared_statistic_and_periods_without_care():
    r = regels()
    mediaan = bereken_resultaattarieven(
        r, KOSTPRIJS, dataclasses.replace(MATRIX, statistiek="mediaan"), 13
    )
    assert cel(mediaan, "1a", "bijna")["tarief_centen"] == 7750  # (75 + 80) / 2
    getrimd = dataclasses.replace(
        MATRIX, statistiek="getrimd_gemiddelde", trim_aandeel=Decimal("0.2")
    )
    # int(6 × 0,2) = 1 off each end: (60 + 75 + 80 + 100) / 4 = 78,75
    assert (
        cel(bereken_resultaattarieven(r, KOSTPRIJS, getrimd, 13), "1a", "bijna")["tarief_centen"]
        == 7875
    )
    zonder = dataclasses.replace(MATRIX, perioden_zonder_zorg="tellen_niet_mee")
    # without c2's empty period: 465 / 5 = 93,00
    assert (
        cel(bereken_resultaattarieven(r, KOSTPRIJS, zonder, 13), "1a", "bijna")["tarief_centen"]
        == 9300
    )


def test_trajectprijs_is_the_statistic_over_whole_trajectories():
    traject = dataclasses.replace(MATRIX, per="traject")
    uit = bereken_resultaattarieven(regels(), KOSTPRIJS, traject, 13, per="traject")
    # trajectories in 1a × bijna: c1 175, c2 140, c3 150 -> 465 / 3 = 155,00
    rij = cel(uit, "1a", "bijna")
    assert (rij["tarief_centen"], rij["n_eenheden"]) == (15500, 3)


def test_product_shares_of_a_cell(uitkomst):
    a = uitkomst.aandelen
    rij = a[(a["subresultaat"] == "1a") & (a["productspecificatie"] == "B")].iloc[0]
    assert rij["aandeel"] == pytest.approx(90 / 465)  # B: 30 + 60 of 465


def test_missing_cost_price_is_a_dutch_error():
    from kostprijs.fouten import InvoerFout

    with pytest.raises(InvoerFout, match="geen kostprijs voor B"):
        bereken_resultaattarieven(regels(), {"A": 5000}, MATRIX, 13)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["c1", "c2", "c3", "c4"]),
            st.integers(1, 13),
            st.sampled_from(["A", "B"]),
            st.integers(0, 20_000),
        ),
        min_size=3,
        max_size=25,
    ),
    st.integers(2, 9),
)
def test_tariffs_scale_linearly_with_cost_prices(rijen, k):
    df = regels([(c, "1a", "bijna", p, prod, str(Decimal(g) / 1000)) for c, p, prod, g in rijen])
    matrix = dataclasses.replace(MATRIX, minimum_clienten=3)
    een = bereken_resultaattarieven(df, KOSTPRIJS, matrix, 13).matrix
    keer = bereken_resultaattarieven(
        df, {p: k * c for p, c in KOSTPRIJS.items()}, matrix, 13
    ).matrix
    for t1, tk in zip(een["tarief_centen"], keer["tarief_centen"], strict=True):
        if t1 is None:
            assert tk is None
        else:  # exact before one rounding each: at most k/2 + 1/2 cent apart
            assert abs(tk - k * t1) * 2 <= k + 1


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["c1", "c2", "c3"]), st.integers(1, 12), st.integers(1, 20_000)),
        min_size=3,
        max_size=20,
    ),
    st.sampled_from(["c1", "c2", "c3"]),
)
def test_adding_a_zero_unit_period_lowers_a_mean(rijen, wie):
    basis = [(c, "1a", "bijna", p, "A", str(Decimal(g) / 1000)) for c, p, g in rijen]
    basis += [(c, "1a", "bijna", 1, "A", "1") for c in ("c1", "c2", "c3")]  # three clients
    matrix = dataclasses.replace(MATRIX, perioden_zonder_zorg="tellen_niet_mee")
    voor = bereken_resultaattarieven(regels(basis), KOSTPRIJS, matrix, 13)
    na = bereken_resultaattarieven(
        regels([*basis, (wie, "1a", "bijna", 13, "A", "0")]), KOSTPRIJS, matrix, 13
    )
    t_voor, t_na = (
        cel(voor, "1a", "bijna")["tarief_centen"],
        cel(na, "1a", "bijna")["tarief_centen"],
    )
    heeft_13 = any(c == wie and p == 13 for c, _, _, p, _, _ in basis)
    assert t_na <= t_voor if heeft_13 else t_na < t_voor or t_voor == 0
    assert np.int64(cel(na, "1a", "bijna")["n_eenheden"]) >= cel(voor, "1a", "bijna")["n_eenheden"]


# --- kostprijs resultaattarieven on a file typed by hand -------------------------------------

HANDWERK = (
    " Client ; Resultaatgebied ; Zelfredzaamheid ; Periode ; Productspecificatie ; Geleverd\n"
    + "".join(f"k{i};5A;beperkt;1;OZL 1;2\n" for i in range(8))
    + "".join(f"k{i};5a;Beperkt zelfredzaam;2;OZL 1;1,5\n" for i in range(8))
    + "k8;5b;beperkt;1;OMD 2;4\nk9;5b;beperkt;1;OMD 2;2\n"
)
KOSTPRIJZEN = "productspecificatie;kostprijs\nOZL 1;49,42\nOMD 2;46,89\n"


def _cli(tmp_path, realisatie, kostprijzen=KOSTPRIJZEN, uit="uit.xlsx", *extra):
    from kostprijs.cli import main

    (tmp_path / "r.csv").write_text(realisatie, encoding="utf-8")
    (tmp_path / "k.csv").write_text(kostprijzen, encoding="utf-8")
    args = ["resultaattarieven", "--realisatie", str(tmp_path / "r.csv")]
    args += ["--kostprijzen", str(tmp_path / "k.csv"), "--uit", str(tmp_path / uit), *extra]
    return main(args)


def test_cli_on_a_hand_typed_file(tmp_path):
    import openpyxl

    assert _cli(tmp_path, HANDWERK, KOSTPRIJZEN, "uit.xlsx", "--jaar", "2027") == 0
    boek = openpyxl.load_workbook(tmp_path / "uit.xlsx")
    assert boek.sheetnames == ["matrix", "toelichting"]
    rijen = {(r[0], r[1]): r for r in boek["matrix"].iter_rows(min_row=2, values_only=True)}
    assert list(next(boek["matrix"].iter_rows(max_row=1, values_only=True))) == [
        "resultaatgebied",
        "zelfredzaamheid",
        "n_clienten",
        "tarief",
        "bron",
    ]
    # 5a × beperkt: 8 clients (< 10) with 2 periods each of 98,84 and 74,13: pooled with 5b ×
    # beperkt (2 clients, 187,56 and 93,78) = 10 clients: (8 × 172,97 + 281,34) / 18
    # = 1.665,10 / 18 = 92,5055... -> 92,51
    assert rijen[("5a", "beperkt")][2:] == (8, 92.51, "terugval: resultaatgebied 5")
    assert rijen[("5b", "beperkt")][2:] == (2, 92.51, "terugval: resultaatgebied 5")
    assert rijen[("1a", "bijna")][2:] == (0, None, "geen: te weinig cliënten")
    assert _cli(tmp_path, HANDWERK, KOSTPRIJZEN, "uit.csv", "--jaar", "2027") == 0
    tekst = (tmp_path / "uit.csv").read_text(encoding="utf-8-sig")
    assert "5a;beperkt;8;92,51;terugval: resultaatgebied 5\n" in tekst
    assert "1a;bijna;0;;geen: te weinig cliënten\n" in tekst


@pytest.mark.parametrize(
    ("realisatie", "kostprijzen", "woorden"),
    [
        (HANDWERK.replace("5b;beperkt;1;OMD 2;4", "9z;beperkt;1;OMD 2;4"), KOSTPRIJZEN,
         ["r.csv", "rij 18", "resultaatgebied", "9z"]),
        (HANDWERK.replace("5b;beperkt;1;OMD 2;4", "3b;niet;1;OMD 2;4"), KOSTPRIJZEN,
         ["r.csv", "rij 18", "3b × niet wordt niet ingekocht"]),
        (HANDWERK.replace("5b;beperkt;1;OMD 2;4", "5b;beperkt;14;OMD 2;4"), KOSTPRIJZEN,
         ["r.csv", "rij 18", "periode 14 bestaat niet"]),
        (HANDWERK.replace("5b;beperkt;1;OMD 2;4", "5b;half;1;OMD 2;4"), KOSTPRIJZEN,
         ["r.csv", "rij 18", "onbekende zelfredzaamheid 'half'"]),
        (HANDWERK.replace("5b;beperkt;1;OMD 2;4", "5b;beperkt;1;OMD 2;vier"), KOSTPRIJZEN,
         ["r.csv", "rij 18", "geleverd", "vier"]),
        (HANDWERK, "productspecificatie;kostprijs\nOZL 1;49,42\n",
         ["k.csv", "geen kostprijs voor OMD 2"]),
    ],
)  # fmt: skip
def test_cli_bad_input_names_file_row_and_column_and_writes_nothing(
    tmp_path, capsys, realisatie, kostprijzen, woorden
):
    assert _cli(tmp_path, realisatie, kostprijzen, "uit.xlsx", "--jaar", "2027") != 0
    fout = capsys.readouterr().err
    assert fout.startswith("Fout: ") and "Traceback" not in fout
    for woord in woorden:
        assert woord in fout
    assert not (tmp_path / "uit.xlsx").exists()


def test_cli_year_without_a_matrix_says_so(tmp_path, capsys):
    assert _cli(tmp_path, HANDWERK, KOSTPRIJZEN, "uit.xlsx", "--jaar", "2028") != 0
    assert "geen sectie 'resultaatfinanciering'" in capsys.readouterr().err


def test_register_makes_the_matrix_report_only_where_the_parameters_have_a_matrix(tmp_path):
    from kostprijs.rapport.register import rapporten

    assert "06_resultaattarieven" in {r.notebook for r in rapporten(2027)}
    assert "06_resultaattarieven" not in {r.notebook for r in rapporten(2028)}
    (tmp_path / "2030.yaml").write_text("jaar: 2030\n# resultaatfinanciering: uit\n")
    assert "06_resultaattarieven" not in {r.notebook for r in rapporten(2030, tmp_path)}


def test_a_second_matrix_definition_from_the_parameters(tmp_path):
    # Dalfsen-like trajectory classes: complexity rows, intensity columns, a trajectprijs
    import yaml

    from kostprijs.paden import parameters_pad
    from kostprijs.parameters import laad_parameters

    ruw = yaml.safe_load(parameters_pad(2028).read_text(encoding="utf-8"))
    ruw["bekostiging"] = {"model": "traject", "facturatieperiode": "maand"}
    ruw["resultaatfinanciering"] = {
        "per": "traject",
        "statistiek": "mediaan",
        "minimum_clienten": 3,
        "zelfredzaamheid": [{"code": "licht"}, {"code": "zwaar"}],
        "resultaatgebieden": [
            {"code": "E", "omschrijving": "Enkelvoudig", "subresultaten": [{"code": "e1", "omschrijving": "enkelvoudig"}]},
            {"code": "M", "omschrijving": "Meervoudig", "subresultaten": [{"code": "m1", "omschrijving": "meervoudig"}]},
        ],
    }  # fmt: skip
    pad = tmp_path / "2028.yaml"
    pad.write_text(yaml.safe_dump(ruw, allow_unicode=True), encoding="utf-8")
    params = laad_parameters(2028, pad)
    product = params.productspecificaties[0]
    r = pd.DataFrame(
        {
            "client": ["a", "a", "b", "c"],
            "subresultaat": ["e1"] * 4,
            "zelfredzaamheid": ["licht"] * 4,
            "periode": [1, 2, 1, 3],
            "productspecificatie": [product] * 4,
            "geleverd_milli": [2000, 1000, 1000, 5000],
            "aanbieder": "",
            "traject": "",
        }
    )
    uit = bereken_resultaattarieven(r, {product: 1000}, params.resultaat, 12)
    # trajectories: a 30,00, b 10,00, c 50,00 -> median 30,00
    rij = cel(uit, "e1", "licht")
    assert (rij["tarief_centen"], rij["n_eenheden"], uit.per) == (3000, 3, "traject")
    with pytest.raises(Exception, match="per: traject"):
        ruw["resultaatfinanciering"]["per"] = "periode"
        pad.write_text(yaml.safe_dump(ruw, allow_unicode=True), encoding="utf-8")
        laad_parameters(2028, pad)


def test_per_provider_split_of_the_cell_tariffs():
    df = regels()
    df["aanbieder"] = ["P", "P", "P", "Q", "Q", "Q", "Q", "P"]  # c2's OZL by P, its dagdelen by Q
    uit = bereken_resultaattarieven(df, KOSTPRIJS, MATRIX, 13)
    tabel = uit.per_aanbieder.set_index("aanbieder")
    # c2 period 1 (80,00: P 50, Q 30): 77,50 × 50/80 = 48,4375 -> 48,44 for P, 29,06 for Q;
    # c2's empty period 2 goes to Q (90,00 of c2's care in the cell against P's 50,00);
    # P: 48,44 + c1's 2 × 77,50 + c1 in 2a × niet (no tariff) 0 = 203,44
    # Q: 29,06 + 77,50 (c2 p2) + 77,50 (c2 p3) + 77,50 (c3) + 70,71 (c4, fallback) = 332,27
    assert tabel.loc["P", "tariefmodel_centen"] == 20344
    assert tabel.loc["Q", "tariefmodel_centen"] == 33227
    assert (tabel.loc["P", "kosten_centen"], tabel.loc["Q", "kosten_centen"]) == (42500, 27000)


def test_cell_tariffs_rest_on_the_cost_price_at_the_tariff_years_price_level(tmp_path):
    """params/2027.yaml takes the cost figures of 2025 to 2027 with 3,50% and 3,00% (its
    synthetic fixed percentages): 1,035 x 1,03 = 1,06605. By hand: 49,42 x 1,06605 = 52,684...
    -> 52,68; 188,28 x 1,06605 = 200,715... -> 200,72 (half up, once); a product without a
    cost price has none."""
    from conftest import schrijf_kostprijzen_product

    from kostprijs.parameters import laad_parameters
    from kostprijs.resultaat.celtarieven import kostprijzen_uit_processed, naar_tariefjaar

    assert naar_tariefjaar(laad_parameters(2027)) == Decimal("1.06605")
    schrijf_kostprijzen_product(
        tmp_path, {"OZL 1": "49.42", "Kortdurend verblijf extra": "188.28", "Nieuw": ""}
    )
    assert kostprijzen_uit_processed(tmp_path, Decimal("1.06605")) == {
        "OZL 1": 5268,
        "Kortdurend verblijf extra": 20072,
    }
    assert kostprijzen_uit_processed(tmp_path) == {
        "OZL 1": 4942,
        "Kortdurend verblijf extra": 18828,
    }


def test_cell_tariffs_per_tariff_scenario_by_hand():
    """Scenario S prices A at 60,00 (B stays 30,00). 1a × bijna: units 120, 90 (c1); 90, 0,
    60 (c2); 180 (c3) = 540,00 over 6 = 90,00, units x tarief 540,00; 1b × bijna pools with
    1a: (540 + 30) / 7 = 81,428... -> 81,43. At the cost prices themselves, the scenario gives
    the research's own tariffs; a scenario without a tarief for B gives none and names B."""
    prijzen = {"Zelfde": dict(KOSTPRIJS), "S": {"A": 6000, "B": 3000}, "T": {"A": 6000}}
    u = bereken_resultaattarieven(regels(), KOSTPRIJS, MATRIX, 13, scenarioprijzen=prijzen)
    sc = u.scenarios.set_index(["scenario", "subresultaat", "zelfredzaamheid"])
    assert sc.loc[("S", "1a", "bijna"), "tarief_centen"] == 9000
    assert sc.loc[("S", "1a", "bijna"), "tariefmodel_centen"] == 54000
    assert sc.loc[("S", "1b", "bijna"), "tarief_centen"] == 8143
    assert sc.loc[("S", "1a", "niet"), "tarief_centen"] is None
    zelfde = sc.loc["Zelfde"]["tarief_centen"].tolist()
    assert zelfde == u.matrix["tarief_centen"].tolist()
    assert set(sc.loc["T"]["ontbreekt"]) == {"B"}
    assert set(sc.loc["T"]["tarief_centen"]) == {None}
