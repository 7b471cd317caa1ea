"""Indications with their periods: exposure in days, re-indications, overlaps, and the usage
and budget-neutral factors on exposure, against hand calculations (Fraction references)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction as F
from pathlib import Path

import pytest

from kostprijs.budget.impact import bereken_budgetimpact
from kostprijs.budget.invoer import lees_indicaties
from kostprijs.fouten import InvoerFout
from kostprijs.opmaak import bericht
from kostprijs.parameters import laad_parameters

SLEUTEL = b"k" * 32


def _half_op(x: F) -> int:
    """Round a non-negative Fraction half up."""
    return int(x + F(1, 2))


def _schrijf(map_: Path, naam: str, tekst: str) -> Path:
    pad = map_ / naam
    pad.write_text(tekst, encoding="utf-8")
    return pad


def _raw_2027(tmp_path: Path, realisatie: str) -> tuple[Path, Path]:
    """Three clients on OZL 1 (tariff 50,00 now and new; 2026 has 53 ISO weeks, 365 days):
    A 5 h/week from 1-7-2026 (184 days of 2026), B 2 h/week all year, C 4 h/week all of
    2026 until 30-6-2027 (181 days of 2027)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    _schrijf(
        raw,
        "indicaties.csv",
        "client;productspecificatie;indicatie_per_week;begin;einde\n"
        "A;OZL 1;5;1-7-2026;\nB;OZL 1;2;;\nC;OZL 1;4;1-1-2025;30-6-2027\n",
    )
    _schrijf(raw, "tarieven_huidig.csv", "productspecificatie;eenheid;tarief\nOZL 1;uur;50,00\n")
    _schrijf(raw, "realisatie_2026.csv", "client;productspecificatie;periode;volume\n" + realisatie)
    nieuw = _schrijf(
        tmp_path, "nieuw.csv", "productspecificatie;variant;eenheid;tarief\nOZL 1;;uur;50,00\n"
    )
    return raw, nieuw


# A: 100 h in periods 7-13 (period 7 = ISO weeks 25-28 of 2026, 15 June - 12 July: the
# indication runs from 1 July, so inside); B 60 h; C 150 h.
REALISATIE = "A;OZL 1;7;40\nA;OZL 1;13;60\nB;OZL 1;3;60\nC;OZL 1;1;150\n"


def test_usage_factor_on_exposure_by_hand(tmp_path):
    params = laad_parameters(2027)
    raw, nieuw = _raw_2027(tmp_path, REALISATIE)
    bi = bereken_budgetimpact(params, raw, nieuw, sleutel=SLEUTEL)
    # indicated over the days each indication ran in 2026, 53 weeks, in milli-hours:
    a = _half_op(F(5000 * 53 * 184, 365))  # 133.589,04 -> 133.589
    b, c = 2000 * 53, 4000 * 53
    assert a == 133_589
    rij = bi.gebruiksfactoren.set_index("productspecificatie").loc["OZL 1"]
    assert rij["geindiceerd_milli"] == a + b + c
    assert rij["gerealiseerd_milli"] == 310_000
    assert rij["clientdagen"] == 184 + 365 + 365
    assert rij["gebruiksfactor"] == pytest.approx(310_000 / (a + b + c))
    # the naive figure: every running indication for the whole year
    naief = bi.gebruiksfactoren_naief.set_index("productspecificatie").loc["OZL 1"]
    assert naief["geindiceerd_milli"] == 5000 * 53 + b + c
    assert naief["gebruiksfactor"] == pytest.approx(310 / 583)
    # weighted by cost: one tariff, so the same ratio
    assert bi.gebruiksfactor_gewogen == pytest.approx(310_000 / (a + b + c))
    assert bi.gebruiksfactor_gewogen_naief == pytest.approx(310 / 583)


def _model_totaal(lijnen, f: F) -> int:
    """Periodebudget by hand: per client jaar = milli x units x f x tarief (half up), per
    period jaar / 13 (half up), budget in whole euros (half up), x 13."""
    totaal = 0
    for regels in lijnen:
        jaar = sum(_half_op(eenheden * f * 5000) for eenheden in regels)
        periode = _half_op(F(jaar, 13))
        totaal += _half_op(F(periode, 100)) * 100 * 13
    return totaal


def test_budget_neutral_factor_and_existing_client_cost_on_exposure(tmp_path):
    params = laad_parameters(2027)
    raw, nieuw = _raw_2027(tmp_path, REALISATIE)
    bi = bereken_budgetimpact(params, raw, nieuw, sleutel=SLEUTEL)
    # realisation: 310 h x 50,00 over 53 weeks; over 52 weeks half up
    assert bi.realisatie_bestaand_centen == 1_550_000
    doel = _half_op(F(1_550_000 * 52, 53))
    assert bi.realisatie_normjaar_centen == doel
    # budget-neutral on exposure: the same lines over the days they ran in 2026, 52 weeks
    blootgesteld = [[F(5 * 52 * 184, 365)], [F(2 * 52)], [F(4 * 52)]]
    f = F(1, 10_000)
    stap = 1
    while _model_totaal(blootgesteld, F(stap, 10_000)) < doel:
        stap += 1
    f = F(stap, 10_000)
    assert bi.budgetneutrale_factor == Decimal(stap) / 10_000, f
    naief = [[F(5 * 52)], [F(2 * 52)], [F(4 * 52)]]
    stap = 1
    while _model_totaal(naief, F(stap, 10_000)) < doel:
        stap += 1
    assert bi.budgetneutrale_factor_naief == Decimal(stap) / 10_000
    assert bi.budgetneutrale_factor > bi.budgetneutrale_factor_naief
    # existing clients in 2027 at 65%: A and B all year, C for 181 of 365 days
    kosten = _model_totaal([[F(5 * 52)], [F(2 * 52)], [F(4 * 52 * 181, 365)]], F(65, 100))
    assert kosten == 845_000 + 338_000 + 258 * 1300
    assert bi.nieuw_bestaand_centen == kosten


def test_realisation_outside_the_period_is_kept_out_with_its_reason(tmp_path):
    params = laad_parameters(2027)
    # A in period 6 (18 May - 14 June): before the indication began on 1 July
    raw, nieuw = _raw_2027(tmp_path, REALISATIE + "A;OZL 1;6;10\nX;OZL 1;2;7\n")
    bi = bereken_budgetimpact(params, raw, nieuw, sleutel=SLEUTEL)
    assert bi.realisatie_bestaand_centen == 1_550_000  # unchanged
    u = bi.uitgesloten.set_index("soort").drop(columns="datum")
    assert u.loc["buiten de indicatieperiode"].tolist() == [1, 10_000, 50_000]
    assert u.loc["geen indicatie in de export"].tolist() == [1, 7_000, 35_000]
    assert bi.beeindigd_centen == 85_000


def test_ended_indication_reason_names_the_date(tmp_path):
    from kostprijs.budget.impact import lees_gemeentegegevens, toets_realisatie
    from kostprijs.tarieflijst import Tarieven

    params = laad_parameters(2027)
    raw, _ = _raw_2027(tmp_path, REALISATIE)
    _schrijf(
        raw,
        "indicaties.csv",
        "client;productspecificatie;indicatie_per_week;begin;einde\n"
        "A;OZL 1;5;1-1-2026;3-2-2026\nB;OZL 1;2;;\n",
    )
    _schrijf(
        raw,
        "realisatie_2026.csv",
        "client;productspecificatie;periode;volume\nA;OZL 1;1;8\nB;OZL 1;1;4\nZ;OZL 1;1;3\n",
    )
    g = lees_gemeentegegevens(params, raw, SLEUTEL)
    toets = toets_realisatie(g, params, Tarieven({"OZL 1": 5000}))
    u = toets.uitgesloten
    redenen = sorted(bericht(r, d) for r, d in zip(u["reden"], u["datum"], strict=True))
    assert redenen == ["geen indicatie in de export", "indicatie beëindigd op 3 februari 2026"]


def test_reindication_is_two_periods_and_overlap_names_both_rows(tmp_path):
    params = laad_parameters(2027)
    kop = "client;productspecificatie;indicatie_per_week;begin;einde\n"
    pad = _schrijf(tmp_path, "i.csv", kop + "D;OZL 1;3;1-1-2026;28-3-2026\nD;OZL 1;5;29-3-2026;\n")
    ind = lees_indicaties(pad, params)
    assert len(ind) == 2
    pad = _schrijf(tmp_path, "i.csv", kop + "D;OZL 1;3;1-1-2026;28-3-2026\nD;OZL 1;5;28-3-2026;\n")
    with pytest.raises(InvoerFout) as fout:
        lees_indicaties(pad, params)
    tekst = str(fout.value)
    assert "rij 3" in tekst and "rij 2" in tekst and "overlapt" in tekst


def test_reindication_usage_by_hand(tmp_path):
    # 3 h/week on 1 Jan - 28 Mar 2026 (87 days), 5 h/week from 29 Mar (278 days); 2026 has 53
    # ISO weeks. Indicated: 3 x 53 x 87/365 + 5 x 53 x 278/365 hours.
    params = laad_parameters(2027)
    raw, nieuw = _raw_2027(tmp_path, "D;OZL 1;2;20\nD;OZL 1;9;100\n")
    _schrijf(
        raw,
        "indicaties.csv",
        "client;productspecificatie;indicatie_per_week;begin;einde\n"
        "D;OZL 1;3;1-1-2026;28-3-2026\nD;OZL 1;5;29-3-2026;\n",
    )
    bi = bereken_budgetimpact(params, raw, nieuw, sleutel=SLEUTEL)
    rij = bi.gebruiksfactoren.set_index("productspecificatie").loc["OZL 1"]
    verwacht = _half_op(F(3000 * 53 * 87, 365)) + _half_op(F(5000 * 53 * 278, 365))
    assert rij["geindiceerd_milli"] == verwacht
    assert rij["clientdagen"] == 365
    # only the running line counts in 2027: 5 h x 52 x 65% x 50,00 = 8.450,00
    assert bi.nieuw_bestaand_centen == 845_000


def test_second_catalogue_monthly_periods_on_exposure(tmp_path):
    # 2028: inspanning, billed per month; realisation year 2027 (52 ISO weeks, 365 days).
    params = laad_parameters(2028)
    p = "Individuele begeleiding basis"
    raw = tmp_path / "raw"
    raw.mkdir()
    _schrijf(
        raw,
        "indicaties.csv",
        f"client;productspecificatie;omvang;frequentie;begin;einde\nA;{p};2;per week;1-7-2027;\n",
    )
    _schrijf(raw, "tarieven_huidig.csv", f"productspecificatie;eenheid;tarief\n{p};uur;60,00\n")
    _schrijf(
        raw,
        "realisatie_2027.csv",
        f"client;productspecificatie;periode;volume\nA;{p};6;5\nA;{p};7;8\nA;{p};12;9\n",
    )
    nieuw = _schrijf(
        tmp_path,
        "nieuw.csv",
        f"productspecificatie;variant;eenheid;tarief\n{p};;uur;60,00\n"
        "Begeleiding groep licht;;dagdeel;40,00\nRespijtzorg;;etmaal;200,00\n",
    )
    bi = bereken_budgetimpact(params, raw, nieuw, sleutel=SLEUTEL)
    # 1 July - 31 December 2027: 184 days; 2 h x 52 weeks x 184/365
    rij = bi.gebruiksfactoren.set_index("productspecificatie").loc[p]
    assert rij["geindiceerd_milli"] == _half_op(F(2000 * 52 * 184, 365))
    assert rij["gerealiseerd_milli"] == 17_000  # June (month 6) is before the indication
    per_soort = bi.uitgesloten.set_index("soort").drop(columns="datum")
    assert per_soort.loc["buiten de indicatieperiode"].tolist() == [
        1,
        5_000,
        30_000,
    ]
    # inspanning in 2028: the whole year, 2 x 52 x 70% x 60,00 = 4.368,00
    assert bi.nieuw_bestaand_centen == 436_800


def test_transition_annualises_over_the_periods_the_indication_ran(tmp_path):
    # overgang_perioden 10 of 13. A began 1 July 2026: of periods 1-10 it ran in 7 (15 June -
    # 12 July), 8, 9 and 10: 40 h x 13 / 4 = 130 h x 50,00 = 6.500,00 a year, 500,00 a period.
    # B: 60 h x 13 / 10 = 78 h: 3.900,00, budget 300. C: 150 h x 13 / 10 = 195 h: 9.750,00,
    # budget 750. (A's 60 h in period 13 lie after period 10.)
    params = laad_parameters(2027)
    assert params.budget.overgang_perioden == 10
    raw, nieuw = _raw_2027(tmp_path, REALISATIE)
    bi = bereken_budgetimpact(params, raw, nieuw, sleutel=SLEUTEL)
    rij = bi.overgang.iloc[0]
    assert rij["clienten"] == 3
    assert rij["budget_per_periode_totaal"] == 500 + 300 + 750


def test_a_client_whose_indication_begins_later_in_the_tariff_year_is_no_existing_client(
    tmp_path,
):
    from kostprijs.budget.impact import lees_gemeentegegevens, toets_realisatie
    from kostprijs.tarieflijst import Tarieven

    params = laad_parameters(2027)
    raw, _ = _raw_2027(tmp_path, "E;OZL 1;1;8\n")
    # E had an indication in 2026 and gets a new one from 1 March 2027, open-ended
    _schrijf(
        raw,
        "indicaties.csv",
        "client;productspecificatie;indicatie_per_week;begin;einde\n"
        "E;OZL 1;5;1-1-2026;31-12-2026\nE;OZL 1;5;1-3-2027;\n",
    )
    g = lees_gemeentegegevens(params, raw, SLEUTEL)
    toets = toets_realisatie(g, params, Tarieven({"OZL 1": 5000}))
    u = toets.uitgesloten
    assert [bericht(r, d) for r, d in zip(u["reden"], u["datum"], strict=True)] == [
        "geen indicatie op 1 januari 2027"
    ]
    assert len(toets.bestaand) == 0
