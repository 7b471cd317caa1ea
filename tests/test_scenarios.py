"""Tariff scenarios: the parameters section, the rules per line (hand calculations) and the
budget per scenario of a small case worked out by hand."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_budget import drie_clienten

from kostprijs.budget.scenariobudget import neutrale_schaal, scenariotarieven
from kostprijs.fouten import ConfiguratieFout
from kostprijs.scenarios import (
    Scenario,
    Scenarios,
    geschaald,
    huidig_geindexeerd,
    index_tariefjaar,
    ingroeipad,
    lees_scenarios,
)
from kostprijs.tarieflijst import Tarieven

LIJST = [
    {"naam": "Kostprijs", "regel": "kostprijs_geindexeerd"},
    {"naam": "Huidig", "regel": "huidig_geindexeerd"},
    {"naam": "Ingroei", "regel": "ingroeipad", "max_wijziging": 0.10},
    {"naam": "Neutraal", "regel": "budgetneutraal"},
]


def test_without_a_section_the_indexed_cost_price_is_the_only_scenario_and_the_proposal():
    s = lees_scenarios(None)
    assert [x.regel for x in s.lijst] == ["kostprijs_geindexeerd"]
    assert s.het_voorstel.regel == "kostprijs_geindexeerd"


def test_the_section_is_read_in_order_with_its_proposal():
    s = lees_scenarios({"voorstel": "Ingroei", "lijst": LIJST})
    assert s.namen == ("Kostprijs", "Huidig", "Ingroei", "Neutraal")
    assert s.het_voorstel == Scenario("Ingroei", "ingroeipad", Decimal("0.1"))
    assert not s.lijst[1].volgt_kostprijs and s.lijst[3].volgt_kostprijs


@pytest.mark.parametrize(
    ("ruw", "melding"),
    [
        ({"voorstel": "X", "lijst": LIJST}, "kies een van de namen"),
        ({"voorstel": "A", "lijst": [{"naam": "A", "regel": "gratis"}]}, "kies uit"),
        ({"voorstel": "A", "lijst": [{"naam": "A", "regel": "ingroeipad"}]}, "max_wijziging"),
        (
            {"voorstel": "A", "lijst": [{"naam": "A", "regel": "ingroeipad", "max_wijziging": 5}]},
            "5% schrijft u als 0.05",
        ),
        (
            {
                "voorstel": "A",
                "lijst": [{"naam": "A", "regel": "huidig_geindexeerd", "max_wijziging": 0.1}],
            },
            "alleen bij regel ingroeipad",
        ),
        ({"voorstel": "A", "lijst": [LIJST[0], LIJST[0]]}, "meer dan eens"),
        ({"voorstel": "A", "lijst": []}, "leeg"),
        # YAML reads {naam: Ingroeipad 7,5%, ...} as a key '5%': an unknown key, refused
        (
            {
                "voorstel": "A",
                "lijst": [{"naam": "Ingroeipad 7", "5%": None, "regel": "ingroeipad"}],
            },
            "naam, regel",
        ),
    ],
)
def test_a_wrong_section_is_refused_in_dutch(ruw, melding):
    with pytest.raises(ConfiguratieFout, match=melding):
        lees_scenarios(ruw)


def test_current_tarieven_indexed_by_hand():
    """43,20 x 1,03 = 44,496 -> 44,50; 12,50 x 1,03 = 12,875 -> 12,88 (half up)."""
    assert huidig_geindexeerd(
        {("A", "", "zin"): 4320, ("B", "", "zin"): 1250}, Decimal("0.03")
    ) == {
        ("A", "", "zin"): 4450,
        ("B", "", "zin"): 1288,
    }


def test_ingroeipad_by_hand():
    """Base 44,50, at most 10%: 40,05 to 48,95. Target 53,07 -> 48,95; 41,00 -> 41,00;
    30,00 -> 40,05. A line with only a target or only a base takes that one."""
    basis = {("A", "", "zin"): 4450, ("B", "", "zin"): 4450, ("C", "", "zin"): 4450}
    basis[("alleen basis", "", "zin")] = 999
    doel = {("A", "", "zin"): 5307, ("B", "", "zin"): 4100, ("C", "", "zin"): 3000}
    doel[("nieuw", "", "zin")] = 777
    uit = ingroeipad(doel, basis, Decimal("0.10"))
    assert uit[("A", "", "zin")] == 4895
    assert uit[("B", "", "zin")] == 4100
    assert uit[("C", "", "zin")] == 4005
    assert uit[("alleen basis", "", "zin")] == 999
    assert uit[("nieuw", "", "zin")] == 777


def test_index_of_the_tariff_year_only():
    class Stap:
        def __init__(self, jaar, fractie):
            self.jaar, self.fractie = jaar, Decimal(fractie)

    stappen = [Stap(2026, "0.035"), Stap(2027, "0.03")]
    assert index_tariefjaar(stappen, 2027) == Decimal("0.03")
    assert index_tariefjaar([], 2027) == 0


def _lineair(volumes):
    """A budget model without budgets: sum of volume x tarief (cents)."""

    def totaal(t: Tarieven) -> int:
        return sum(v * t.product(p) for p, v in volumes.items())

    return totaal


def test_every_rule_on_two_products_by_hand():
    """Voorstel A 50,00 (B has no cost price); current A 40,00 and B 90,00; index 3%; volumes
    A 100, B 10. Kostprijs: A 50,00, B 90,00 (kept). Huidig: 41,20 and 92,70, total
    4.120 + 927 = 5.047,00. Ingroei 10%: A min(50,00, 45,32) = 45,32, B 92,70.
    Neutraal: (50 x 100 + 90 x 10) x s = 5.047 -> s = 5.047 / 5.900 = 0,855424 (6 decimals),
    A 42,77, B 76,99: 4.277 + 769,90 = 5.046,90, ten cents short: the nearest whole cents."""
    voorstel = Tarieven({"A": 5000})
    huidig = Tarieven({"A": 4000, "B": 9000})
    uit = scenariotarieven(
        lees_scenarios({"voorstel": "Kostprijs", "lijst": LIJST}),
        voorstel,
        huidig,
        Decimal("0.03"),
        _lineair({"A": 100, "B": 10}),
    )
    per = {u.scenario.naam: (u.tarieven.product("A"), u.tarieven.product("B")) for u in uit}
    assert per == {
        "Kostprijs": (5000, 9000),
        "Huidig": (4120, 9270),
        "Ingroei": (4532, 9270),
        "Neutraal": (4277, 7699),
    }
    assert uit[3].factor == Decimal("0.855424")


@given(
    st.dictionaries(st.sampled_from("ABCDEFG"), st.integers(100, 50_000), min_size=1),
    st.integers(1, 100_000),
    st.integers(1, 10**7),
)
def test_budget_neutral_comes_as_close_as_whole_cents_allow(tarieven, volume, doel):
    """Against a linear model: every tarief is rounded to the cent, so no factor comes closer
    than half a cent per unit; and the factor itself has 6 decimals."""
    volumes = {p: volume + i for i, p in enumerate(tarieven)}
    totaal = _lineair(volumes)
    t = Tarieven(tarieven)
    factor = neutrale_schaal(t, doel, totaal)
    bereikt = totaal(Tarieven(geschaald(t.centen, factor)))
    marge = Decimal(sum(volumes.values())) / 2 + totaal(t) * Decimal("0.000001")
    assert abs(bereikt - doel) <= marge + 1


def test_a_scenarios_object_names_its_proposal():
    s = Scenarios((Scenario("X", "huidig_geindexeerd"),), "X")
    assert s.het_voorstel.naam == "X"


@pytest.fixture
def klein(params, tmp_path):
    return _klein(params, tmp_path)


def _klein(params, tmp_path):
    """The three clients of test_budget (A: OZL 1 2 h/week; B: Kortdurend verblijf 1/week,
    beside the periodebudget; C: both), gebruiksfactor 65%, 13 periods, index 2027 3%.
    Current 40,00 and 90,00; proposal 50,00 and 100,00.
    Huidig geïndexeerd 41,20 and 92,70: A 2 x 52 x 0,65 x 41,20 = 2.785,12 a year, 214,24 a
    period, budget 214 x 13 = 2.782; Kortdurend verblijf 33,8 x 92,70 = 3.133,26;
    total 2 x 2.782 + 2 x 3.133,26 = 11.830,52.
    Ingroeipad 10%: 45,32 (50,00 capped at 41,20 x 1,1) and 100,00 (below 101,97):
    67,6 x 45,32 = 3.063,63, 235,66 a period, budget 236 x 13 = 3.068; 33,8 x 100 = 3.380;
    total 2 x 3.068 + 2 x 3.380 = 12.896,00. Kostprijs: 13.520,00 (test_budget)."""
    from kostprijs.budget.impact import bereken_budgetimpact

    raw, nieuw = drie_clienten(tmp_path)
    assert params.scenarios.namen[2] == "Ingroeipad 10%"
    return bereken_budgetimpact(params, raw, nieuw, sleutel=b"k" * 32)


def test_budget_per_scenario_by_hand(klein):
    bi = klein
    totalen = dict(
        zip(bi.scenariototalen["scenario"], bi.scenariototalen["alle_clienten_centen"], strict=True)
    )
    assert totalen["Kostprijs geïndexeerd"] == 1_352_000
    assert totalen["Huidig tarief geïndexeerd"] == 1_183_052
    assert totalen["Ingroeipad 10%"] == 1_289_600
    assert abs(totalen["Budgetneutraal"] - 1_183_052) <= 2 * 13 * 100  # two budgets' euro rounding
    t = bi.scenarios.set_index(["scenario", "productspecificatie"])["tarief_centen"]
    assert t[("Huidig tarief geïndexeerd", "OZL 1")] == 4120
    assert t[("Ingroeipad 10%", "OZL 1")] == 4532
    assert t[("Ingroeipad 10%", "Kortdurend verblijf")] == 10_000
    assert bool(bi.scenariototalen["voorstel"].iat[0])


def test_a_hidden_cost_price_is_masked_in_every_scenario_that_uses_it(klein):
    """Kortdurend verblijf hidden: its tarief goes in every rule but huidig_geindexeerd (it has
    a current tarief); budgetneutraal shows nothing (any tarief gives the factor); only the
    total of huidig_geindexeerd is published."""
    from kostprijs.onderzoek.onthulling import MARKER
    from kostprijs.publicatie import scenariocijfers

    verborgen = frozenset({"Kortdurend verblijf"})
    tabel = scenariocijfers.tarieven_tabel(klein, verborgen).set_index("Productspecificatie")
    assert tabel.loc["Kortdurend verblijf", "Kostprijs geïndexeerd (voorstel)"] == MARKER
    assert tabel.loc["Kortdurend verblijf", "Ingroeipad 10%"] == MARKER
    assert tabel.loc["Kortdurend verblijf", "Huidig tarief geïndexeerd"] == 9270
    assert (tabel["Budgetneutraal"] == MARKER).all()
    assert tabel.loc["OZL 1", "Kostprijs geïndexeerd (voorstel)"] == 5000
    totalen = scenariocijfers.totalen_tabel(klein, verborgen).set_index("Scenario")
    zichtbaar = totalen[totalen["Kosten per jaar"] != MARKER].index.tolist()
    assert zichtbaar == ["Huidig tarief geïndexeerd"]
    assert scenariocijfers.neutraal(klein, verborgen) is None
    published = " ".join(map(str, [*tabel.to_numpy().ravel(), *totalen.to_numpy().ravel()]))
    assert "10000" not in published and "1352000" not in published


def test_nothing_is_masked_without_hidden_products(klein):
    from kostprijs.onderzoek.onthulling import MARKER
    from kostprijs.publicatie import scenariocijfers

    totalen = scenariocijfers.totalen_tabel(klein, frozenset())
    assert (totalen["Kosten per jaar"] != MARKER).all()
    assert totalen["Verschil met huidige tarieven"].iat[1] == 1_183_052 - totalen_huidig(klein)
    assert scenariocijfers.neutraal(klein, frozenset()) is not None


def totalen_huidig(bi) -> int:
    """By hand (test_budget): A budget 40 x 67,6 = 2.704,00 / 13 = 208 -> 2.704; B 33,8 x 90
    = 3.042,00; twice each: 11.492,00."""
    assert int(bi.totalen["alle_clienten_centen"].iat[1]) == 1_149_200
    return 1_149_200


def test_another_proposal_is_what_every_table_calls_the_new_tarieven(params, tmp_path):
    """With Ingroeipad 10% as the proposal, the new tarieven are 45,32 and 100,00 and the
    existing clients' total at the new tarieven is the scenario's 12.896,00 (by hand above);
    the summary's overview shows the proposal's tarief and its change (45,32 / 40,00 - 1)."""
    import dataclasses

    from kostprijs.publicatie import scenariocijfers

    anders = dataclasses.replace(
        params, scenarios=dataclasses.replace(params.scenarios, voorstel="Ingroeipad 10%")
    )
    bi = _klein(anders, tmp_path)
    nieuw = dict(zip(bi.tarieven["productspecificatie"], bi.tarieven["nieuw_centen"], strict=True))
    assert nieuw["OZL 1"] == 4532 and nieuw["Kortdurend verblijf"] == 10_000
    assert bi.nieuw_bestaand_centen == 1_289_600
    overzicht = pd.DataFrame(
        {
            "productspecificatie": ["OZL 1"],
            "eenheid": ["uur"],
            "huidig_tarief": [Decimal("40.00")],
            "voorgesteld_tarief": [Decimal("50.00")],
            "wijziging": [Decimal("0.25")],
        }
    )
    uit = scenariocijfers.voorstel_overzicht(bi, frozenset(), overzicht)
    assert uit["voorgesteld_tarief"].iat[0] == Decimal("45.32")
    assert uit["wijziging"].iat[0] == Decimal("0.133")


def test_index_sensitivity_by_hand(klein):
    """At 0% the current tarief indexed is the current tarieven' total (11.492,00 by hand in
    totalen_huidig); at the parameters' 3% both columns are the scenarios' totals; at 6% the
    proposal's tarieven are 50,00 x 1,06 / 1,03 = 51,46 and 100 x 1,06 / 1,03 = 102,91:
    A 67,6 x 51,46 = 3.478,70, 267,59 a period, budget 268 x 13 = 3.484; Kortdurend verblijf
    33,8 x 102,91 = 3.478,36; total 2 x 3.484 + 2 x 3.478,36 = 13.924,72."""
    g = klein.indexgevoeligheid.set_index("index")
    assert g.loc[0.0, "huidig_centen"] == totalen_huidig(klein)
    assert bool(g.loc[0.03, "eigen"])
    assert g.loc[0.03, "kostprijs_centen"] == 1_352_000
    assert g.loc[0.03, "huidig_centen"] == 1_183_052
    assert g.loc[0.06, "kostprijs_centen"] == 1_392_472


def test_index_sensitivity_masks_as_the_scenarios_do(klein):
    from kostprijs.onderzoek.onthulling import MARKER
    from kostprijs.publicatie import scenariocijfers

    tabel = scenariocijfers.indextabel(klein, frozenset({"Kortdurend verblijf"}))
    assert (tabel["Kostprijs geïndexeerd"] == MARKER).all()
    assert (tabel["Huidig tarief geïndexeerd"] != MARKER).all()  # it has a current tarief
    assert scenariocijfers.index_van(klein) == Decimal("0.03")


def test_cell_tariffs_per_scenario_by_hand_and_masked_as_the_budget_scenarios(klein):
    """The result matrix of test_resultaat with A = OZL 1 and B = Kortdurend verblijf, at the
    scenarios' tarieven of the three clients. Ingroeipad 10% prices OZL 1 at 45,32 and
    Kortdurend verblijf at 100,00: 1a x bijna units c1 2 x 45,32 = 90,64 and 1,5 x 45,32 =
    67,98; c2 45,32 + 100 = 145,32, 0 and 200,00; c3 135,96; mean 639,90 / 6 = 106,65, times 6
    units 639,90. Masking follows the budget report: every scenario computed from a hidden
    cost price is x, the current tarief indexed stays."""
    from test_resultaat import MATRIX, REGELS, regels

    from kostprijs.budget.uitkomst import scenarioprijzen
    from kostprijs.publicatie.scenariocijfers import celkosten_tabel
    from kostprijs.resultaat.celtarieven import bereken_resultaattarieven

    namen = {"A": "OZL 1", "B": "Kortdurend verblijf"}
    cel = regels([(*r[:4], namen[r[4]], r[5]) for r in REGELS])
    prijzen = scenarioprijzen(klein)
    assert prijzen["Ingroeipad 10%"] == {"OZL 1": 4532, "Kortdurend verblijf": 10000}
    u = bereken_resultaattarieven(
        cel, prijzen["Kostprijs geïndexeerd"], MATRIX, 13, scenarioprijzen=prijzen
    )
    sc = u.scenarios.set_index(["scenario", "subresultaat", "zelfredzaamheid"])
    assert sc.loc[("Ingroeipad 10%", "1a", "bijna"), "tarief_centen"] == 10665
    assert sc.loc[("Ingroeipad 10%", "1a", "bijna"), "tariefmodel_centen"] == 63990
    open_ = celkosten_tabel(klein, u, frozenset(), True).set_index("Scenario")
    assert (
        open_.loc[
            "Kostprijs geïndexeerd (voorstel)", "Verschil met de celtarieven van het onderzoek"
        ]
        == 0
    )
    assert "x" not in set(open_.to_numpy().ravel())
    dicht = celkosten_tabel(klein, u, frozenset({"Kortdurend verblijf"}), True).set_index(
        "Scenario"
    )
    assert dicht.loc["Huidig tarief geïndexeerd", "Met de celtarieven"] != "x"
    # its difference would give the hidden cost-price row away (that row's is 0)
    assert (
        dicht.loc["Huidig tarief geïndexeerd", "Verschil met de celtarieven van het onderzoek"]
        == "x"
    )
    for naam in ("Kostprijs geïndexeerd (voorstel)", "Ingroeipad 10%", "Budgetneutraal"):
        assert set(dicht.loc[naam]) == {"x"}
    assert set(celkosten_tabel(klein, u, frozenset(), False).iloc[:, 1:].to_numpy().ravel()) == {
        "x"
    }
