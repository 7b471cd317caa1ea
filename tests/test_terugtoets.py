"""Back-test list: each figure the reports show beside the truth it must reproduce.

One case per pair (output, truth). The truth comes from `tests/grondwaarheid/` (typed by hand
from the sources in docs/bronnen.md) or is worked out by hand in this file; the output comes
from the same package functions the notebooks call. docs/bronnen.md lists the same pairs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal as D

import pytest

from kostprijs.budget.impact import rekenvoorbeeld
from kostprijs.onderzoek.tarieven import vergelijk, voorgestelde_tarieven
from kostprijs.parameters import Kostprijsparameters
from kostprijs.rapport.teksten.vergelijkingsteksten import uitkomsten
from kostprijs.tarieflijst import Tarieven


@dataclass(frozen=True)
class Terugtoets:
    uitkomst: str  # what a report shows
    waarheid: str  # where the truth comes from
    bereken: Callable[[pytest.FixtureRequest], object]
    verwacht: Callable[[pytest.FixtureRequest], object]


def _f(request, naam):
    return request.getfixturevalue(naam)


def _voorbeeld(request):
    # The 2027 parameters carry the source's worked example with its own tariffs.
    return rekenvoorbeeld(_f(request, "params"), Tarieven({}))


def _euro(centen) -> D:
    return D(int(centen)) / 100


def _vergelijking(request):
    return vergelijk(
        _f(request, "bron_tarieven")[["productspecificatie", "tarief"]],
        _f(request, "bron_gemiddelden"),
        D("0.005"),
        _f(request, "params").catalogus,
    )


def _kolom(naam):
    return lambda request: list(_vergelijking(request)[naam])


def _hand(naam):
    return lambda request: list(_f(request, "handvergelijking")[naam])


TOETSEN = [
    Terugtoets(
        "budgetrapport, rekenvoorbeeld: gebruik per jaar per regel",
        "Voorbeeld berekening (Steenwijkerland 2017)",
        lambda r: [D(str(g)) for g in _voorbeeld(r).regels["gebruik_per_jaar"]],
        lambda r: list(_f(r, "voorbeeld_berekening")["gebruik_per_jaar"]),
    ),
    Terugtoets(
        "budgetrapport, rekenvoorbeeld: budgetberekening per regel",
        "Voorbeeld berekening (Steenwijkerland 2017)",
        lambda r: [_euro(c) for c in _voorbeeld(r).regels["bedrag_per_jaar_centen"]],
        lambda r: list(_f(r, "voorbeeld_berekening")["bedrag_per_jaar"]),
    ),
    Terugtoets(
        "budgetrapport, rekenvoorbeeld: bedrag per jaar",
        "Voorbeeld berekening (Steenwijkerland 2017)",
        lambda r: _euro(_voorbeeld(r).client["bedrag_per_jaar_centen"]),
        lambda r: _f(r, "voorbeeld_totalen")["bedrag_per_jaar"],
    ),
    Terugtoets(
        "budgetrapport, rekenvoorbeeld: bedrag per facturatieperiode",
        "Voorbeeld berekening (Steenwijkerland 2017)",
        lambda r: _euro(_voorbeeld(r).client["bedrag_per_periode_centen"]),
        lambda r: _f(r, "voorbeeld_totalen")["bedrag_per_periode"],
    ),
    Terugtoets(
        "budgetrapport, rekenvoorbeeld: budget",
        "Voorbeeld berekening (Steenwijkerland 2017)",
        lambda r: D(int(_voorbeeld(r).client["budget_per_periode"])),
        lambda r: _f(r, "voorbeeld_totalen")["budget_per_periode"],
    ),
    Terugtoets(
        "tarievenrapport: huidig tarief per regel",
        "Resultaten gemiddelde kostprijs (Steenwijkerland 2017)",
        _kolom("huidig_tarief"),
        _hand("huidig_tarief"),
    ),
    Terugtoets(
        "tarievenrapport: verschil kostprijs - tarief",
        "met de hand uit Resultaten gemiddelde kostprijs",
        _kolom("verschil"),
        _hand("verschil"),
    ),
    Terugtoets(
        "tarievenrapport: verschil in %",
        "met de hand uit Resultaten gemiddelde kostprijs",
        _kolom("verschil_pct"),
        _hand("verschil_pct"),
    ),
    Terugtoets(
        "tarievenrapport: richting",
        "Uitkomsten (Steenwijkerland 2017)",
        _kolom("richting"),
        _hand("richting"),
    ),
    Terugtoets(
        "tarievenrapport en samenvatting: uitkomsten",
        "Uitkomsten (Steenwijkerland 2017), met de bedragen",
        lambda r: [
            b.replace("\xa0", " ") for b in uitkomsten(_vergelijking(r), Kostprijsparameters())
        ],
        lambda r: _f(r, "bron_uitkomsten"),
    ),
    Terugtoets(
        "tarievenrapport: voorgesteld tarief met indexatie",
        "VNG-advies indexering 2025 (4,96%), met de hand: 49,42 x 1,0496 = 51,871232 -> 51,87; "
        "13,08 x 1,0496 = 13,728768 -> 13,73; 188,28 x 1,0496 = 197,618688 -> 197,62",
        lambda r: [
            t
            for p, t in voorgestelde_tarieven(_f(r, "bron_gemiddelden"), D("0.0496"))[
                ["productspecificatie", "voorgesteld_tarief"]
            ].itertuples(index=False)
            if p in {"OZL 1", "Vervoer", "Kortdurend verblijf extra"}
        ],
        lambda r: [D("51.87"), D("13.73"), D("197.62")],
    ),
]


@pytest.mark.parametrize("toets", TOETSEN, ids=[t.uitkomst for t in TOETSEN])
def test_output_equals_truth(toets, request):
    assert toets.bereken(request) == toets.verwacht(request), toets.waarheid


def test_every_ground_truth_table_is_back_tested():
    from conftest import GRONDWAARHEID

    gebruikt = {
        "resultaten_gemiddelde_kostprijs.csv",
        "voorbeeld_berekening.csv",
        "voorbeeld_berekening_totalen.csv",
        "tariefvergelijking_handberekend.csv",
        "uitkomsten.txt",
    }
    assert {p.name for p in GRONDWAARHEID.iterdir() if p.name != "README.md"} == gebruikt
