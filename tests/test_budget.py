"""The budget model against the worked example of the source, hand calculations and a Decimal reference."""

from __future__ import annotations

import dataclasses
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kostprijs.budget.impact import realisatie_normjaar
from kostprijs.budget.invoer import indicaties_uit_waarden
from kostprijs.budget.model import (
    bereken_clienten,
    bereken_regels,
    budgetneutrale_factor,
    empirische_gebruiksfactor,
    iso_weken,
    jaartotaal_centen,
    overgang,
    periode_weken,
    realisatie_bedrag_centen,
    totaal_bij_factor,
)
from kostprijs.geld import centen
from kostprijs.tarieflijst import Tarieven

CENT = Decimal("0.01")


def _bron(voorbeeld_berekening, params):
    indicaties = indicaties_uit_waarden(
        [
            ("A", r.productspecificatie, r.indicatie_per_week)
            for r in voorbeeld_berekening.itertuples()
        ],
        params,
    )
    tarieven = Tarieven(
        {r.productspecificatie: centen(r.tarief) for r in voorbeeld_berekening.itertuples()}
    )
    return indicaties, tarieven


def test_source_example_lines_to_the_cent(params, voorbeeld_berekening):
    indicaties, tarieven = _bron(voorbeeld_berekening, params)
    regels = bereken_regels(indicaties, tarieven, params.budget)
    assert [Decimal(str(g)) for g in regels["gebruik_per_jaar"]] == list(
        voorbeeld_berekening["gebruik_per_jaar"]
    )
    assert list(regels["bedrag_per_jaar_centen"]) == [
        centen(b) for b in voorbeeld_berekening["bedrag_per_jaar"]
    ]


def test_source_example_client_totals(params, voorbeeld_berekening, voorbeeld_totalen):
    indicaties, tarieven = _bron(voorbeeld_berekening, params)
    client = bereken_clienten(
        bereken_regels(indicaties, tarieven, params.budget), params.budget, True
    )
    rij = client.iloc[0]
    assert rij["bedrag_per_jaar_centen"] == centen(
        voorbeeld_totalen["bedrag_per_jaar"]
    )  # 12.871,04
    assert rij["bedrag_per_periode_centen"] == centen(
        voorbeeld_totalen["bedrag_per_periode"]
    )  # 990,08
    assert rij["budget_per_periode"] == voorbeeld_totalen["budget_per_periode"]  # 990


def test_budget_rounding_rule(params):
    # 1 per week x 52 x 0,65 = 33,8 units x 14,81 = 500,578 -> 500,58 a year;
    # / 13 = 38,506 -> 38,51 per periode: budget 39 (half up) or 38 (down)
    indicaties = indicaties_uit_waarden([("A", "Vervoer", Decimal(1))], params)
    tarieven = Tarieven({"Vervoer": 1481})
    regels = bereken_regels(indicaties, tarieven, params.budget)
    assert regels["bedrag_per_jaar_centen"].iat[0] == 50058
    op = bereken_clienten(regels, params.budget, True).iloc[0]
    assert (op["bedrag_per_periode_centen"], op["budget_per_periode"]) == (3851, 39)
    omlaag = dataclasses.replace(params.budget, afronding_budget="omlaag")
    assert bereken_clienten(regels, omlaag, True)["budget_per_periode"].iat[0] == 38


def test_a_code_outside_the_budget_is_billed_beside_it(params):
    # the sample's catalogue bills one product code per unit, outside the periodebudget
    buiten = next(p for p in params.catalogus if not p.in_periodebudget).productspecificatie
    binnen = next(p for p in params.catalogus if p.in_periodebudget).productspecificatie
    indicaties = indicaties_uit_waarden(
        [("A", binnen, Decimal(2)), ("A", buiten, Decimal("0.5"))], params
    )
    tarieven = Tarieven({binnen: 4942, buiten: 9450})
    regels = bereken_regels(indicaties, tarieven, params.budget)
    client = bereken_clienten(regels, params.budget, True)
    rij = client.iloc[0]
    # 2 x 33,8 = 67,6 x 49,42 = 3.340,792 -> 3.340,79; 0,5 x 33,8 = 16,9 x 94,50 = 1.597,05
    assert rij["bedrag_per_jaar_centen"] == 334079
    assert rij["buiten_budget_per_jaar_centen"] == 159705
    # jaartotaal = budget (3.340,79 / 13 = 256,98 -> 257) x 13 + buiten het budget
    assert jaartotaal_centen(client) == 257 * 13 * 100 + 159705
    # under inspanning every line is billed per unit: the plain sum, no budget
    assert jaartotaal_centen(bereken_clienten(regels, params.budget, False)) == 334079 + 159705


producten = st.sampled_from(["OZL 1", "OZL 2", "OZL 3", "OMD 1", "OMD 2", "OMD 3", "Vervoer"])
indicatie = st.decimals(min_value=0, max_value=40, places=3, allow_nan=False)
tarief = st.decimals(min_value=0, max_value=500, places=2, allow_nan=False)
factor = st.decimals(min_value=Decimal("0.0001"), max_value=1, places=4, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("ABCD"), producten, indicatie),
        min_size=1,
        max_size=20,
        unique_by=lambda r: r[:2],
    ),
    st.fixed_dictionaries(
        {p: tarief for p in ["OZL 1", "OZL 2", "OZL 3", "OMD 1", "OMD 2", "OMD 3", "Vervoer"]}
    ),
    factor,
)
def test_model_matches_decimal_reference(params, rijen, tarieven, gebruiksfactor):
    b = params.budget
    indicaties = indicaties_uit_waarden(rijen, params)
    model = bereken_clienten(
        bereken_regels(
            indicaties, Tarieven({p: centen(t) for p, t in tarieven.items()}), b, gebruiksfactor
        ),
        b,
        True,
    ).set_index("client")
    # reference: the source's recipe in plain Decimal arithmetic
    per_client: dict[str, Decimal] = {}
    for client, product, per_week in rijen:
        bedrag = (per_week * b.weken_per_jaar * gebruiksfactor * tarieven[product]).quantize(
            CENT, ROUND_HALF_UP
        )
        per_client[client] = per_client.get(client, Decimal(0)) + bedrag
    for client, jaar in per_client.items():
        periode = (jaar / b.perioden_per_jaar).quantize(CENT, ROUND_HALF_UP)
        budget = periode.quantize(Decimal(1), ROUND_HALF_UP)
        assert model.loc[client, "bedrag_per_jaar_centen"] == centen(jaar)
        assert model.loc[client, "bedrag_per_periode_centen"] == centen(periode)
        assert model.loc[client, "budget_per_periode"] == int(budget)


def test_iso_weeks_and_periods():
    assert iso_weken(2026) == 53  # 1 January 2026 is a Thursday
    assert iso_weken(2027) == 52
    assert iso_weken(2020) == 53
    assert periode_weken(2026) == [4] * 12 + [5]
    assert periode_weken(2027) == [4] * 13


def _realisatie(rijen, in_budget=True):
    df = pd.DataFrame(rijen, columns=["client", "productspecificatie", "periode", "volume"])
    df["volume_milli"] = [int(Decimal(v) * 1000) for v in df["volume"]]
    df["variant"], df["leveringsvorm"], df["in_budget"] = "", "zin", in_budget
    return df


def test_transition_annualises_the_first_periods(params):
    # 10 periods x 8 hours = 80 hours in periods 1-10 -> 80 x 13 / 10 = 104 hours a year;
    # period 11 is ignored. 104 x 49,42 = 5.139,68 a year; / 13 = 395,36 -> budget 395
    rijen = [("A", "OZL 1", p, "8") for p in range(1, 11)] + [("A", "OZL 1", 11, "50")]
    uit = overgang(_realisatie(rijen), Tarieven({"OZL 1": 4942}), params.budget).iloc[0]
    assert uit["bedrag_per_jaar_centen"] == 513968
    assert uit["bedrag_per_periode_centen"] == 39536
    assert uit["budget_per_periode"] == 395


def test_empirical_usage_factor_by_hand(params):
    indicaties = indicaties_uit_waarden(
        [("A", "OZL 1", Decimal(2)), ("B", "OZL 1", Decimal(4))], params
    )
    # 2027 has 52 weeks: indicated (2 + 4) x 52 = 312 hours, realised 100 + 56 = 156 -> 50%
    realisatie = _realisatie([("A", "OZL 1", 1, "100"), ("B", "OZL 1", 2, "56")])
    tabel = empirische_gebruiksfactor(indicaties, realisatie, 2027).set_index("productspecificatie")
    assert tabel.loc["OZL 1", "gebruiksfactor"] == pytest.approx(0.5)
    assert tabel.loc["OZL 1", "clienten"] == 2


def test_realised_spending_rounds_each_line():
    realisatie = _realisatie([("A", "OMD 3", 1, "0.5"), ("A", "OMD 3", 2, "0.5")])
    # 0,5 x 60,31 = 30,155 -> 30,16 per line (half up), twice
    assert realisatie_bedrag_centen(realisatie, Tarieven({"OMD 3": 6031})) == 6032


def test_budget_neutral_factor_is_the_smallest_that_reaches_the_target(params):
    indicaties = indicaties_uit_waarden(
        [("A", "OZL 1", Decimal(5)), ("B", "OMD 3", Decimal(2))], params
    )
    tarieven = Tarieven({"OZL 1": 4942, "OMD 3": 6031})
    b = params.budget
    doel = totaal_bij_factor(indicaties, tarieven, b, True, Decimal("0.6"))
    f = budgetneutrale_factor(indicaties, tarieven, b, True, doel)
    assert f <= Decimal("0.6")
    assert totaal_bij_factor(indicaties, tarieven, b, True, f) >= doel
    kleiner = f - Decimal("0.0001")
    assert totaal_bij_factor(indicaties, tarieven, b, True, kleiner) < doel


def test_unknown_product_in_tarieven_lookup():
    with pytest.raises(KeyError):
        Tarieven({"OZL 1": 100}).voor(pd.DataFrame({"productspecificatie": ["OZL 2"]}))


def test_realisation_of_53_weeks_converted_to_the_model_year():
    """By hand: 8.820,00 over 53 weeks is 8.820,00 x 52 / 53 = 8.653,5849 -> 8.653,58."""
    assert realisatie_normjaar(882_000, 53, 52) == 865_358
    assert realisatie_normjaar(882_000, 52, 52) == 882_000
    assert realisatie_normjaar(53, 53, 52) == 52
    assert realisatie_normjaar(1, 53, 52) == 1  # 0,98 cent rounds half up to 1


@given(st.integers(0, 10**12), st.integers(52, 53), st.sampled_from([52, 53]))
def test_conversion_to_the_model_year_matches_decimal(centen_, weken, weken_per_jaar):
    verwacht = (Decimal(centen_) * weken_per_jaar / weken).quantize(1, ROUND_HALF_UP)
    assert realisatie_normjaar(centen_, weken, weken_per_jaar) == int(verwacht)


def drie_clienten(tmp_path):
    """The raw folder and new tarieven of the three clients worked out by hand below."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "indicaties.csv").write_text(
        "client;productspecificatie;indicatie_per_week;einde\n"
        "A;OZL 1;2;\nB;Kortdurend verblijf;1;\nC;OZL 1;2;\nC;Kortdurend verblijf;1;\n",
        encoding="utf-8",
    )
    (raw / "tarieven_huidig.csv").write_text(
        "productspecificatie;eenheid;tarief;aandeel\nOZL 1;uur;40,00;\n"
        "Kortdurend verblijf;etmaal;90,00;\n",
        encoding="utf-8",
    )
    (raw / "realisatie_2026.csv").write_text(
        "client;productspecificatie;periode;volume\n"
        "A;OZL 1;1;100\nB;Kortdurend verblijf;1;30\nC;OZL 1;2;53\n",
        encoding="utf-8",
    )
    nieuw = tmp_path / "tarieven_nieuw.csv"
    nieuw.write_text(
        "productspecificatie;variant;eenheid;tarief\nOZL 1;;uur;50,00\n"
        "Kortdurend verblijf;;etmaal;100,00\n",
        encoding="utf-8",
    )
    return raw, nieuw


def test_budget_impact_by_hand_reconciles_and_compares_like_for_like(params, tmp_path):
    """Three clients, by hand (gebruiksfactor 65%, 52 weeks, 13 periods of 4 weeks):
    A: OZL 1 2 h/week: 2 x 52 x 0,65 x 50,00 = 3.380,00 a year, 260,00 a period (budget 260);
    B: Kortdurend verblijf 1/week, billed beside the budget: 1 x 52 x 0,65 x 100,00 = 3.380,00;
    C: both: budget 260 and 3.380,00 beside it. Existing clients: 13.520,00 a year, of which
    2 budgets x 260 x 13 = 6.760,00 and 6.760,00 beside the budget.
    Realisation 2026 (53 ISO weeks) at current tarieven: A 100 h x 40,00 + B 30 x 90,00 +
    C 53 h x 40,00 = 8.820,00; over 52 weeks 8.653,58. Difference like for like
    13.520,00 - 8.653,58 = 4.866,42."""
    from kostprijs.budget.impact import bereken_budgetimpact

    raw, nieuw = drie_clienten(tmp_path)
    bi = bereken_budgetimpact(params, raw, nieuw, sleutel=b"k" * 32)
    assert bi.weken_realisatiejaar == 53
    assert bi.nieuw_bestaand_centen == 1_352_000
    assert bi.realisatie_bestaand_centen == 882_000
    assert bi.realisatie_normjaar_centen == 865_358
    assert bi.verschil_normjaar_centen == 486_642
    assert bi.realisatie_omgerekend
    a = bi.aansluiting.set_index("onderdeel")
    assert a.loc["periodebudgetten"].tolist() == [2, 676_000]
    assert a.loc["buiten het periodebudget"].tolist() == [2, 676_000]
    assert a.loc["totaal"].tolist() == [3, 1_352_000]
    assert bi.totalen["bestaande_clienten_centen"].tolist()[-1] == 865_358


def test_a_product_without_current_tarief_stays_out_of_the_actual_spending(params, tmp_path):
    """The three clients, with Kortdurend verblijf a new product (no current tarief), by hand:
    realisation at current tarieven only OZL 1: A 100 h + C 53 h at 40,00 = 6.120,00, over 52 of
    53 weeks 6.004,53; B's 30 etmalen are named apart, and still make B an existing client
    (realisation inside a running indication): the existing clients are A, B and C. Current
    tarieven, OZL 1 only: A and C 2 x 52 x 0,65 x 40,00 = 2.704,00 each. New tarieven: all and
    existing 13.520,00; the new product apart: B and C 3.380,00 each; existing clients like for
    like (OZL 1 only) 2 x 3.380,00. Raising the new product's tarief changes none of the
    current-tarief figures."""
    from kostprijs.budget.impact import HUIDIG, NIEUW, NIEUWE_PRODUCTEN, bereken_budgetimpact

    raw, nieuw = drie_clienten(tmp_path)
    (raw / "tarieven_huidig.csv").write_text(
        "productspecificatie;eenheid;tarief;aandeel\nOZL 1;uur;40,00;\n"
        "Kortdurend verblijf;etmaal;;\n",
        encoding="utf-8",
    )
    bi = bereken_budgetimpact(params, raw, nieuw, sleutel=b"k" * 32)
    assert bi.nieuwe_producten == ("Kortdurend verblijf",)
    assert bi.realisatie_bestaand_centen == 612_000
    assert bi.realisatie_normjaar_centen == 600_453
    assert bi.realisatie_nieuwe_producten[
        ["productspecificatie", "clienten", "volume_milli"]
    ].values.tolist() == [["Kortdurend verblijf", 1, 30_000]]
    assert bi.aantal_bestaand == 3
    t = bi.totalen.set_index("scenario")
    assert t.loc[f"Indicaties × gebruiksfactor × {HUIDIG}"].tolist() == [540_800, 540_800]
    assert t.loc[f"Indicaties × gebruiksfactor × {NIEUW}"].tolist() == [1_352_000, 1_352_000]
    assert t.loc[NIEUWE_PRODUCTEN].tolist() == [676_000, 676_000]
    assert bi.nieuw_bestaand_centen == 1_352_000
    assert bi.vergelijk_nieuw_bestaand_centen == 676_000
    assert bi.verschil_normjaar_centen == 676_000 - 600_453
    assert bi.huidig_basis_centen == 540_800 + 676_000

    nieuw.write_text(
        "productspecificatie;variant;eenheid;tarief\nOZL 1;;uur;50,00\n"
        "Kortdurend verblijf;;etmaal;200,00\n",
        encoding="utf-8",
    )
    duurder = bereken_budgetimpact(params, raw, nieuw, sleutel=b"k" * 32)
    assert duurder.realisatie_bestaand_centen == 612_000
    assert duurder.totalen.set_index("scenario").loc[
        f"Indicaties × gebruiksfactor × {HUIDIG}"
    ].tolist() == [540_800, 540_800]
    assert duurder.gebruiksfactor_gewogen == bi.gebruiksfactor_gewogen

    from kostprijs.publicatie.scenariocijfers import totalen_tabel
    from kostprijs.rapport.budgettabellen import nieuwe_producten

    tekst = nieuwe_producten(bi, params, frozenset())
    assert "Kortdurend verblijf heeft geen huidig tarief." in tekst
    assert "kortdurend verblijf (1 cliënt, 30 etmalen)" in tekst
    verborgen = nieuwe_producten(bi, params, frozenset({"Kortdurend verblijf"}))
    assert "cliënt," not in verborgen and "30" not in verborgen
    # the basis of every scenario's difference holds the hidden new tarief: no difference shown
    gemaskeerd = totalen_tabel(bi, frozenset({"Kortdurend verblijf"}))
    assert set(gemaskeerd["Verschil met huidige tarieven"]) == {"x"}


def test_a_new_products_realisation_outside_an_indication_is_listed_as_not_counted(
    params, tmp_path
):
    """The three clients with Kortdurend verblijf new, and D who declared 5 etmalen of it
    without any indication: D is no existing client, and the 5 etmalen stand among what is
    not counted (at 0,00: there is no current tarief to price them), not lost."""
    raw, nieuw = drie_clienten(tmp_path)
    (raw / "tarieven_huidig.csv").write_text(
        "productspecificatie;eenheid;tarief;aandeel\nOZL 1;uur;40,00;\n"
        "Kortdurend verblijf;etmaal;;\n",
        encoding="utf-8",
    )
    with (raw / "realisatie_2026.csv").open("a", encoding="utf-8") as f:
        f.write("D;Kortdurend verblijf;1;5\n")
    from kostprijs.budget.impact import bereken_budgetimpact

    bi = bereken_budgetimpact(params, raw, nieuw, sleutel=b"k" * 32)
    assert bi.aantal_bestaand == 3
    assert bi.uitgesloten[["clienten", "volume_milli", "centen"]].values.tolist() == [[1, 5_000, 0]]
    assert bi.realisatie_nieuwe_producten["clienten"].tolist() == [1]  # B only


def test_transition_counts_the_periods_with_an_indication_of_any_product(params, tmp_path):
    """D has OZL 1 from 18 May 2026 (period 6 of the 4-week periods from ISO week 1) and the
    new product Kortdurend verblijf all year: an indication ran in all 10 transition periods.
    Realisation: 20 h OZL 1 in period 6, 10 etmalen in period 1. By hand, at the new 50,00:
    20 x 13 / 10 x 50,00 = 1.300,00 a year, 100 a period (counting only OZL 1's 5 periods
    would give 200). Kortdurend verblijf is billed beside the budget."""
    from kostprijs.budget.impact import bereken_budgetimpact

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "indicaties.csv").write_text(
        "client;productspecificatie;indicatie_per_week;begin;einde\n"
        "D;OZL 1;2;18-05-2026;\nD;Kortdurend verblijf;1;;\n",
        encoding="utf-8",
    )
    (raw / "tarieven_huidig.csv").write_text(
        "productspecificatie;eenheid;tarief;aandeel\nOZL 1;uur;40,00;\n"
        "Kortdurend verblijf;etmaal;;\n",
        encoding="utf-8",
    )
    (raw / "realisatie_2026.csv").write_text(
        "client;productspecificatie;periode;volume\nD;OZL 1;6;20\nD;Kortdurend verblijf;1;10\n",
        encoding="utf-8",
    )
    nieuw = tmp_path / "tarieven_nieuw.csv"
    nieuw.write_text(
        "productspecificatie;variant;eenheid;tarief\nOZL 1;;uur;50,00\n"
        "Kortdurend verblijf;;etmaal;100,00\n",
        encoding="utf-8",
    )
    bi = bereken_budgetimpact(params, raw, nieuw, sleutel=b"k" * 32)
    assert bi.overgang["clienten"].iat[0] == 1
    assert bi.overgang["budget_per_periode_totaal"].iat[0] == 100


def test_the_basis_of_the_differences_rounds_each_clients_budget_once(params, tmp_path):
    """A: OZL 1 1/week at the current 41,00 and OMD 3 1/week, a new product at 61,00, both
    inside the periodebudget. By hand: 33,8 x 41,00 = 1.385,80 and 33,8 x 61,00 = 2.061,80 a
    year; one budget (1.385,80 + 2.061,80) / 13 = 265,20 -> 265, so 3.445,00 a year. The two
    separately rounded rows (107 and 159 a period) would add up to 3.458,00."""
    from kostprijs.budget.impact import HUIDIG, NIEUWE_PRODUCTEN, bereken_budgetimpact

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "indicaties.csv").write_text(
        "client;productspecificatie;indicatie_per_week\nA;OZL 1;1\nA;OMD 3;1\n", encoding="utf-8"
    )
    (raw / "tarieven_huidig.csv").write_text(
        "productspecificatie;eenheid;tarief;aandeel\nOZL 1;uur;41,00;\nOMD 3;dagdeel;;\n",
        encoding="utf-8",
    )
    (raw / "realisatie_2026.csv").write_text(
        "client;productspecificatie;periode;volume\nA;OZL 1;1;10\n", encoding="utf-8"
    )
    nieuw = tmp_path / "tarieven_nieuw.csv"
    nieuw.write_text(
        "productspecificatie;variant;eenheid;tarief\nOZL 1;;uur;41,00\nOMD 3;;dagdeel;61,00\n",
        encoding="utf-8",
    )
    bi = bereken_budgetimpact(params, raw, nieuw, sleutel=b"k" * 32)
    t = bi.totalen.set_index("scenario")["alle_clienten_centen"]
    assert t[f"Indicaties × gebruiksfactor × {HUIDIG}"] == 139_100
    assert t[NIEUWE_PRODUCTEN] == 206_700
    assert bi.huidig_basis_centen == 344_500


def test_a_variant_the_current_list_lacks_is_refused_not_priced_silently(tmp_path):
    """The second catalogue: Vervoer dagbesteding has a current tarief for one variant only.
    It is no new product because the new list has the other variant too; its rolstoelgebonden
    indications need a current tarief: a clear refusal that names the line."""
    from kostprijs.budget.impact import bereken_budgetimpact
    from kostprijs.fouten import InvoerFout
    from kostprijs.parameters import laad_parameters

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "indicaties.csv").write_text(
        "client;productspecificatie;variant;indicatie_per_week\n"
        "A;Individuele begeleiding basis;;2\nA;Vervoer dagbesteding;rolstoelgebonden;1\n",
        encoding="utf-8",
    )
    (raw / "tarieven_huidig.csv").write_text(
        "productspecificatie;variant;eenheid;tarief\nIndividuele begeleiding basis;;uur;55,80\n"
        "Vervoer dagbesteding;niet-rolstoelgebonden;dag;10,00\n",
        encoding="utf-8",
    )
    (raw / "realisatie_2027.csv").write_text(
        "client;productspecificatie;periode;volume\nA;Individuele begeleiding basis;1;10\n",
        encoding="utf-8",
    )
    nieuw = tmp_path / "tarieven_nieuw.csv"
    nieuw.write_text(
        "productspecificatie;variant;eenheid;tarief\nIndividuele begeleiding basis;;uur;60,00\n"
        "Vervoer dagbesteding;niet-rolstoelgebonden;dag;11,00\n"
        "Vervoer dagbesteding;rolstoelgebonden;dag;19,80\n",
        encoding="utf-8",
    )
    with pytest.raises(InvoerFout, match="geen tarief voor Vervoer dagbesteding") as fout:
        bereken_budgetimpact(laad_parameters(2028), raw, nieuw, sleutel=b"k" * 32)
    assert "tarieven_huidig.csv" in str(fout.value) and "rolstoelgebonden" in str(fout.value)


def test_only_budget_neutral_scenarios_with_a_hidden_product_give_a_workbook_that_says_why(
    params, tmp_path
):
    """The rekenblad leaves a budget-neutral scenario out while a product is hidden; when that
    is every scenario, it has nothing to recalculate: a workbook of one sheet says why, and
    neither the hidden tarief nor any amount is in it."""
    from dataclasses import replace

    from openpyxl import load_workbook

    from kostprijs.budget.impact import bereken_budgetimpact
    from kostprijs.budget.rekenbladvolumes import invoer
    from kostprijs.rapport.rekenblad import schrijf_zonder_scenario
    from kostprijs.rapport.rekenbladteksten import zonder_scenario
    from kostprijs.scenarios import BUDGETNEUTRAAL, Scenario, Scenarios

    raw, nieuw = drie_clienten(tmp_path)
    alleen = replace(
        params, scenarios=Scenarios((Scenario("Budgetneutraal", BUDGETNEUTRAAL),), "Budgetneutraal")
    )
    bi = bereken_budgetimpact(
        alleen, raw, nieuw, sleutel=b"k" * 32, verborgen=frozenset({"Kortdurend verblijf"})
    )
    assert bi.rekenblad_weggelaten == ("Kortdurend verblijf",)
    assert invoer(alleen, bi.rekenblad, "r", "7 december 2026") is None
    tekst = zonder_scenario(alleen.scenarios.namen, bi.rekenblad_weggelaten)
    pad = tmp_path / "rekenblad.xlsx"
    schrijf_zonder_scenario(alleen.gemeente, 2027, "Uit run r", tekst, pad)
    wb = load_workbook(pad)
    assert wb.sheetnames == ["Uitleg"]
    inhoud = " ".join(str(c.value) for r in wb["Uitleg"].iter_rows() for c in r if c.value)
    assert "Budgetneutraal" in inhoud and "Kortdurend verblijf" in inhoud
    assert "100,00" not in inhoud and "€" not in inhoud
