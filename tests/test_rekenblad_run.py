"""The rekenblad that `make report` writes: its totals at the run's parameters are the budget
step's totals to the cent, LibreOffice recalculates it as `wat_als` computes for other
choices, and a hidden tarief stays out of it."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from test_rekenblad import SOFFICE, _is_euro, _libreoffice, _vul_in

from kostprijs.budget.rekenbladvolumes import invoer
from kostprijs.budget.uitkomst import lees_budgetimpact
from kostprijs.budget.wat_als import wat_als
from kostprijs.parameters import laad_parameters
from kostprijs.rapport.rekenblad import BEREKENING, indeling

pytestmark = pytest.mark.traag


@pytest.fixture(autouse=True)
def sleutel_van_de_runs(monkeypatch):
    """The runs of conftest sign their processed data with this key."""
    monkeypatch.setenv("KOSTPRIJS_SLEUTEL", "5a" * 32)


def _invoer_van_run(mappen: dict, jaar: int):
    params = laad_parameters(jaar)
    bi = lees_budgetimpact(mappen["PROCESSED"])
    manifest = json.loads((mappen["BUILD"] / "manifest.json").read_text(encoding="utf-8"))
    return params, bi, invoer(params, bi.rekenblad, manifest["run_id"], "")


def test_at_the_runs_parameters_the_totals_are_the_budget_steps(tweede_catalogus):
    """No product of the second catalogue is hidden: the workbook's total at the proposal is
    the scenario's jaartotaal, and at the current tarieven the report's total, both computed by
    the full model per client."""
    params, bi, gegevens = _invoer_van_run(tweede_catalogus, 2028)
    assert gegevens.weggelaten == ()
    uitkomst = wat_als(gegevens)
    t = bi.scenariototalen.set_index("scenario")["alle_clienten_centen"]
    assert uitkomst.totaal_centen == t[params.scenarios.voorstel]
    assert uitkomst.huidig_totaal_centen == int(bi.totalen["alle_clienten_centen"].iat[1])
    assert abs(gegevens.afronding_centen) < 100 * len(gegevens.regels)  # rounding, not volume


COMBINATIES = [
    ("run", {}),
    ("factor_60", {"gebruiksfactor": Decimal("0.60")}),
    ("index_1", {"index": {2028: Decimal("0.01")}}),
    ("ingroei", {"scenario": "Ingroeipad 7,5%"}),
    ("neutraal_factor_70", {"scenario": "Budgetneutraal", "gebruiksfactor": Decimal("0.70")}),
    (
        "eigen_en_wijziging",
        {
            "eigen_tarief": {"Respijtzorg": Decimal("215.00")},
            "wijziging_pct": {"Individuele begeleiding basis": Decimal("-0.02")},
        },
    ),
]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice ontbreekt")
def test_the_published_workbook_recalculates_as_the_package(tweede_catalogus, tmp_path):
    _params, _bi, gegevens = _invoer_van_run(tweede_catalogus, 2028)
    bron = tweede_catalogus["REPORTS"] / "inkooptafel" / "rekenblad.xlsx"
    (tmp_path / "in").mkdir()
    for naam, keuzes in COMBINATIES:
        _vul_in(gegevens, bron, tmp_path / "in" / f"{naam}.xlsx", keuzes)
    _libreoffice(sorted((tmp_path / "in").iterdir()), "xlsx", tmp_path / "uit", tmp_path / "p")
    ind = indeling(gegevens)
    for naam, keuzes in COMBINATIES:
        verwacht = wat_als(gegevens, **keuzes)
        ws = load_workbook(tmp_path / "uit" / f"{naam}.xlsx", data_only=True)[BEREKENING]
        assert _is_euro(ws[ind.totaal].value, verwacht.totaal_centen), naam
        assert _is_euro(ws[ind.huidig_totaal].value, verwacht.huidig_totaal_centen), naam
        for r in verwacht.regels:
            assert _is_euro(ws[ind.bedrag[r.regel]].value, r.bedrag_centen), (naam, r.regel)


def test_a_hidden_product_is_left_out_of_the_workbook(voorbeeldruns):
    """The 2027 sample hides a product: neither its name as a line, nor its new tarief, nor
    its volume is in the published workbook; the Uitleg says that it is left out."""
    mappen = voorbeeldruns[0]
    _params, bi, gegevens = _invoer_van_run(mappen, 2027)
    assert gegevens.weggelaten
    verborgen = gegevens.weggelaten[0]
    t = bi.tarieven.set_index("productspecificatie")["nieuw_centen"]
    geheim = int(t[verborgen])
    wb = load_workbook(mappen["REPORTS"] / "inkooptafel" / "rekenblad.xlsx")
    waarden = [c.value for ws in wb.worksheets for rij in ws.iter_rows() for c in rij]
    tekst = " ".join(str(w) for w in waarden if w is not None)
    assert f"{verborgen}:" in tekst  # the Uitleg names it
    assert all(r.regel.split(",")[0] != verborgen for r in gegevens.regels)
    getallen = {w for w in waarden if isinstance(w, int | float)}
    assert geheim / 100 not in getallen and geheim not in getallen
    # the budget-neutral scenario, masked in the reports while a tarief is hidden, is not in
    # it either: not as a choice, not as a column of tarieven (its one factor shows in each)
    neutraal = [s.naam for s in _params.scenarios.lijst if s.regel == "budgetneutraal"]
    assert neutraal and gegevens.weggelaten_scenarios == tuple(neutraal)
    assert neutraal[0] not in gegevens.scenarios
    assert all(neutraal[0] not in r.scenario_centen for r in gegevens.regels)
    assert f"{neutraal[0]}: elk tarief van dit scenario" in tekst
    s = bi.scenarios
    for t_ in s.loc[s["scenario"] == neutraal[0], "tarief_centen"].dropna():
        assert int(t_) / 100 not in getallen
