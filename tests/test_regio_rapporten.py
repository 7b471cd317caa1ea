"""`make report` of a region (params/2029.yaml, four municipalities): the region's reports, a
budget report per member, and the members' totals adding up to the region's, to the cent."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import openpyxl
import pytest

from kostprijs.budget.uitkomst import lees_budgetimpact
from kostprijs.parameters import laad_parameters
from kostprijs.rapport.inhoud import gemeenterapport
from kostprijs.rapport.start import Rapport
from kostprijs.voorbeeld.aanbieders import AANBIEDERS

pytestmark = pytest.mark.traag
JAAR = 2029


def _blad(pad, blad: str) -> list[tuple]:
    ws = openpyxl.load_workbook(pad)[blad]
    return [r for r in ws.iter_rows(values_only=True) if any(c is not None for c in r)]


def _centen(waarde) -> int:
    return int((Decimal(str(waarde)) * 100).to_integral_value())


@pytest.fixture(scope="module")
def params():
    return laad_parameters(JAAR)


def test_every_member_gets_its_budget_report(regio_run, params):
    map_ = regio_run["REPORTS"] / "gemeenten"
    assert sorted(p.name for p in map_.iterdir()) == sorted(g.map for g in params.regio.gemeenten)
    for g in params.regio.gemeenten:
        html = (map_ / g.map / "budget.html").read_text(encoding="utf-8")
        assert f"Budgetimpact {JAAR}: {g.naam}" in html
        assert (map_ / g.map / "budget.xlsx").exists()
    lijst = (regio_run["BUILD"] / "gemeenten.txt").read_text(encoding="utf-8")
    assert all(g.cbs in lijst for g in params.regio.gemeenten)


def test_the_members_reports_add_up_to_the_regions_to_the_cent(regio_run, params):
    """The region's table per member and each member's own report: the same amounts, and the
    members together the region's row (the region's own total of the budget report)."""
    rijen = _blad(regio_run["REPORTS"] / "inkooptafel" / "budget.xlsx", "Per gemeente")
    kop, *data = rijen[1:]
    per_naam = {r[0]: dict(zip(kop, r, strict=True)) for r in data}
    regio = per_naam.pop("Regio")
    assert list(per_naam) == list(params.regio.namen)
    for kolom in ("Kosten per jaar, nieuwe tarieven", "Kosten per jaar, huidige tarieven"):
        assert sum(_centen(r[kolom]) for r in per_naam.values()) == _centen(regio[kolom])
    assert sum(r["Cliënten"] for r in per_naam.values()) == regio["Cliënten"]
    totaal = _blad(regio_run["REPORTS"] / "inkooptafel" / "budget.xlsx", "Kosten per jaar")
    nieuw = next(r for r in totaal if str(r[0]).endswith("× nieuwe tarieven"))
    assert _centen(nieuw[1]) == _centen(regio["Kosten per jaar, nieuwe tarieven"])
    for g in params.regio.gemeenten:
        eigen = _blad(regio_run["REPORTS"] / "gemeenten" / g.map / "budget.xlsx", "Kosten per jaar")
        rij = next(r for r in eigen if str(r[0]).endswith("× nieuwe tarieven"))
        assert _centen(rij[1]) == _centen(per_naam[g.naam]["Kosten per jaar, nieuwe tarieven"])


def test_the_scenarios_of_the_members_add_up_to_the_regions(regio_run, params):
    regio = _blad(regio_run["REPORTS"] / "inkooptafel" / "budget.xlsx", "Kosten per scenario")
    totaal = {str(r[0]).replace(" (voorstel)", ""): _centen(r[1]) for r in regio[2:]}
    som: dict[str, int] = {}
    for g in params.regio.gemeenten:
        for r in _blad(regio_run["REPORTS"] / "gemeenten" / g.map / "budget.xlsx", "Scenario's")[
            2:
        ]:
            som[r[0]] = som.get(r[0], 0) + _centen(r[1])
    assert som == totaal


def test_no_member_report_shows_a_cell_of_few_clients_or_a_provider(regio_run, params):
    k = params.regio.minimum_clienten
    for g in params.regio.gemeenten:
        pad = regio_run["REPORTS"] / "gemeenten" / g.map
        cellen = [r for r in _blad(pad / "budget.xlsx", "Per product")[2:] if r[1] is not None]
        assert cellen
        for r in cellen:
            assert r[1] == "x" or r[1] >= k, (g.naam, r)
        html = (pad / "budget.html").read_text(encoding="utf-8")
        assert not [naam for naam, *_ in AANBIEDERS if naam in html]


@pytest.fixture
def sleutel_van_de_run(monkeypatch):
    """The key `draai_pijplijn` signs the run's records with."""
    monkeypatch.setenv("KOSTPRIJS_SLEUTEL", "5a" * 32)


def test_a_member_below_the_threshold_publishes_no_amount_and_takes_one_with_it(
    regio_run, sleutel_van_de_run
):
    """With a threshold above the smallest member's clients (25 in the sample), that member
    shows no amount, and neither does the next smallest (secondary suppression); the others
    do."""
    params = laad_parameters(JAAR)
    params = dataclasses.replace(
        params, regio=dataclasses.replace(params.regio, minimum_clienten=100)
    )
    r = Rapport(JAAR, params, regio_run["RAW"], regio_run["PROCESSED"])
    klein = sorted(
        lees_budgetimpact(regio_run["PROCESSED"]).gemeenten.itertuples(), key=lambda g: g.clienten
    )
    assert klein[0].clienten < 100 <= klein[1].clienten
    for g in klein[:2]:
        assert gemeenterapport.kosten(r, g.gemeente) is None
        assert gemeenterapport.producten(r, g.gemeente) is None
        kern = gemeenterapport.kop(r, g.gemeente)[-1]
        assert "worden niet gepubliceerd" in kern.zin
    assert gemeenterapport.kosten(r, klein[2].gemeente) is not None
    tabel = gemeenterapport.regio(r)[2].df.set_index("Gemeente")
    assert (tabel.loc[[g.gemeente for g in klein[:2]]] == "x").all(axis=None)
    assert tabel.loc["Regio", "Cliënten"] != "x"


def test_an_unknown_member_is_refused_in_dutch(regio_run, params, sleutel_van_de_run):
    from kostprijs.fouten import ConfiguratieFout

    r = Rapport(JAAR, params, regio_run["RAW"], regio_run["PROCESSED"])
    with pytest.raises(ConfiguratieFout, match="'Breda' is geen gemeente van de regio"):
        gemeenterapport.kop(r, "Breda")


def test_the_members_result_cell_costs_add_up_to_the_regions(regio_run, params):
    """The result tariffs report: the members' costs, realised and under the cell tariffs,
    add up to the region's row and to the total of the table per cell."""
    pad = regio_run["REPORTS"] / "inkooptafel" / "resultaattarieven.xlsx"
    kop, *data = _blad(pad, "Per gemeente")[1:]
    rijen = {r[0]: dict(zip(kop, r, strict=True)) for r in data if r[1] is not None}
    regio = rijen.pop("Regio")
    assert list(rijen) == list(params.regio.namen)
    cel = next(r for r in _blad(pad, "Kosten per cel") if r[0] == "Totaal")
    for kolom, totaal in (("Kosten van de zorg", cel[1]), ("Met de celtarieven", cel[2])):
        assert sum(_centen(r[kolom]) for r in rijen.values()) == _centen(regio[kolom])
        assert _centen(regio[kolom]) == _centen(totaal)


def test_a_municipality_that_left_the_region_keeps_no_report(
    regio_run, params, sleutel_van_de_run, tmp_path
):
    """The members' folder is replaced whole: the report of a municipality no longer among
    the members (an earlier year's, a renamed one) is gone, not left beside the new ones."""
    import shutil

    from kostprijs.stappen import gemeentestap

    uit, lijst = tmp_path / "reports" / "gemeenten", tmp_path / "build" / "gemeenten.txt"
    shutil.copytree(regio_run["REPORTS"] / "gemeenten", uit)
    (uit / "vertrokken-gemeente").mkdir()
    (uit / "vertrokken-gemeente" / "budget.html").write_text("oud rapport", encoding="utf-8")
    gemeentestap.draai(
        JAAR,
        regio_run["BUILD"] / "manifest.json",
        uit,
        lijst,
        raw=regio_run["RAW"],
        processed=regio_run["PROCESSED"],
    )
    assert sorted(p.name for p in uit.iterdir()) == sorted(g.map for g in params.regio.gemeenten)


def test_a_members_report_is_published_and_may_not_reveal_a_provider(
    regio_run, params, sleutel_van_de_run, tmp_path
):
    """A member's budget report reaches its council, so it is a version like the
    inkooptafel's: `kostprijs publiceer` records it, and a later run whose providers differ by
    fewer than the minimum may not change one of its figures (the difference would be that
    provider's effect); then no member's report is replaced."""
    import json
    import shutil

    from kostprijs.cli import main
    from kostprijs.onderzoek.onthulling import MARKER
    from kostprijs.publicatie.versies import PublicatieFout, lidrapport
    from kostprijs.stappen import gemeentestap

    build, uit = tmp_path / "build", tmp_path / "reports" / "gemeenten"
    shutil.copytree(regio_run["BUILD"] / "publicaties", build / "publicaties")
    shutil.copytree(regio_run["REPORTS"] / "gemeenten", uit)
    namen = [lidrapport(g.map) for g in params.regio.gemeenten]
    assert all((build / "publicaties" / "concept" / f"{n}.json").exists() for n in namen)
    assert (
        main(["publiceer", "--jaar", str(JAAR), "--publicaties", str(build / "publicaties")]) == 0
    )
    [versie] = [p for p in (build / "publicaties").iterdir() if p.name != "concept"]
    record = json.loads((versie / "versie.json").read_text(encoding="utf-8"))
    assert set(namen) <= set(record["rapporten"])
    # as if the version went out with one provider more, and one figure was different then
    record["leden"] = [*record["leden"], "een aanbieder die zich later terugtrok"]
    (versie / "versie.json").write_text(json.dumps(record), encoding="utf-8")
    eerste = versie / f"{namen[0]}.json"
    inhoud = json.loads(eerste.read_text(encoding="utf-8"))
    rij, k = next(
        (r, i)
        for t in inhoud["tabellen"]
        for r in t["rijen"]
        for i, (v, f) in enumerate(zip(r, t["formaten"], strict=True))
        if f != "tekst" and v not in (None, MARKER)
    )
    rij[k] = "1" if rij[k] != "1" else "2"
    eerste.write_text(json.dumps(inhoud), encoding="utf-8")
    voor = {p: p.read_bytes() for p in uit.rglob("*") if p.is_file()}
    with pytest.raises(PublicatieFout, match=rf"rapport {namen[0]} wordt niet gemaakt"):
        gemeentestap.draai(
            JAAR,
            regio_run["BUILD"] / "manifest.json",
            uit,
            build / "gemeenten.txt",
            raw=regio_run["RAW"],
            processed=regio_run["PROCESSED"],
        )
    assert {p: p.read_bytes() for p in uit.rglob("*") if p.is_file()} == voor
