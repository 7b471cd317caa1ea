"""The tariff scenarios of the parameters run through the budget model: per scenario the
tarieven per line and what the municipality pays per year (see `kostprijs.scenarios`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from kostprijs.indexatie import Indexketen, indexketen
from kostprijs.parameters import Jaarparameters
from kostprijs.scenarios import (
    BUDGETNEUTRAAL,
    EIGEN,
    HUIDIG_GEINDEXEERD,
    INGROEIPAD,
    KOSTPRIJS_GEINDEXEERD,
    Scenario,
    Scenarios,
    geschaald,
    huidig_geindexeerd,
    index_tariefjaar,
    ingroeipad,
)
from kostprijs.sjabloon.indeling import boekjaar
from kostprijs.tarieflijst import Tarieven

FACTOR_DECIMALEN = 6  # the budget-neutral scale factor
POGINGEN = 4


def prijspeilketen(params: Jaarparameters) -> Indexketen | None:
    """The chain from the price year of the cost figures to the tariff year by the parameters'
    method (None without a kostprijs section)."""
    if params.kostprijs is None:
        return None
    return indexketen(boekjaar(params), params.jaar, keuze=params.kostprijs.indexatie)


def index_van_tariefjaar(params: Jaarparameters) -> Decimal:
    """The index of the tariff year by the parameters' method (0 without a kostprijs section)."""
    keten = prijspeilketen(params)
    return Decimal(0) if keten is None else index_tariefjaar(keten.stappen, params.jaar)


@dataclass(frozen=True)
class Scenariotarieven:
    """One scenario's tarieven, and for budgetneutraal the factor applied."""

    scenario: Scenario
    tarieven: Tarieven
    factor: Decimal | None = None


def scenariotarieven(
    scenarios: Scenarios,
    voorstel: Tarieven,
    huidig: Tarieven,
    index: Decimal,
    totaal: Callable[[Tarieven], int],
) -> list[Scenariotarieven]:
    """The tarieven of every scenario. `voorstel`: the indexed cost prices (lines with a cost
    price only); `huidig`: the current tarieven; `index`: the tariff year's index; `totaal`:
    the municipality's jaartotaal (cents) at a set of tarieven, for budgetneutraal."""
    kostprijs = voorstel.aangevuld_met(huidig)
    basis = Tarieven(huidig_geindexeerd(huidig.centen, index))
    huidig_index = basis.aangevuld_met(voorstel)
    uit = []
    for s in scenarios.lijst:
        factor = None
        if s.regel in (KOSTPRIJS_GEINDEXEERD, EIGEN):  # (eigen: the file's tarieven as given)
            tarieven = kostprijs
        elif s.regel == HUIDIG_GEINDEXEERD:
            tarieven = huidig_index
        elif s.regel == INGROEIPAD:
            tarieven = Tarieven(ingroeipad(voorstel.centen, basis.centen, s.max_wijziging))
        elif s.regel == BUDGETNEUTRAAL:
            factor = neutrale_schaal(kostprijs, totaal(huidig_index), totaal)
            tarieven = Tarieven(geschaald(kostprijs.centen, factor))
        else:  # the parameters admit no other rule
            raise ValueError(s.regel)
        uit.append(Scenariotarieven(s, tarieven, factor))
    return uit


def neutrale_schaal(
    tarieven: Tarieven, doel_centen: int, totaal: Callable[[Tarieven], int]
) -> Decimal:
    """The factor (6 decimals) on every tarief whose jaartotaal comes closest to the target:
    proportional, corrected for the rounding of lines and budgets a few times, then the
    neighbouring factors while they come closer."""
    stap = Decimal(1).scaleb(-FACTOR_DECIMALEN)
    factor = Decimal(1)
    beste = (abs(totaal(tarieven) - doel_centen), factor)
    for _ in range(POGINGEN):
        bereikt = totaal(Tarieven(geschaald(tarieven.centen, factor)))
        beste = min(beste, (abs(bereikt - doel_centen), factor))
        if bereikt == doel_centen or bereikt == 0:
            break
        factor = (factor * Decimal(doel_centen) / Decimal(bereikt)).quantize(stap)
    for richting in (-stap, stap):  # the neighbours, while they come closer
        while True:
            factor = beste[1] + richting
            bereikt = totaal(Tarieven(geschaald(tarieven.centen, factor)))
            if abs(bereikt - doel_centen) >= beste[0]:
                break
            beste = (abs(bereikt - doel_centen), factor)
    return beste[1]


def scenariotabel(
    uitkomsten: list[Scenariotarieven], regels: list[tuple[str, str]], voorstel: str
) -> pd.DataFrame:
    """Per scenario and ZIN tariff line (product, variant): the tarief in cents or None."""
    rijen = [
        {
            "scenario": u.scenario.naam,
            "regel": u.scenario.regel,
            "voorstel": u.scenario.naam == voorstel,
            "productspecificatie": product,
            "variant": variant,
            "tarief_centen": u.tarieven.product(product, variant),
        }
        for u in uitkomsten
        for product, variant in regels
    ]
    return pd.DataFrame(rijen).astype({"tarief_centen": object})


def scenariototalen(
    uitkomsten: list[Scenariotarieven],
    voorstel: str,
    alle: Callable[[Tarieven], int],
    bestaand: Callable[[Tarieven], int],
) -> pd.DataFrame:
    """Per scenario: its rule, whether it is the proposal, the budget-neutral factor, and the
    jaartotaal for all clients and for the existing clients (cents)."""
    return pd.DataFrame(
        [
            {
                "scenario": u.scenario.naam,
                "regel": u.scenario.regel,
                "voorstel": u.scenario.naam == voorstel,
                "max_wijziging": None
                if u.scenario.max_wijziging is None
                else str(u.scenario.max_wijziging),
                "factor": None if u.factor is None else str(u.factor),
                "alle_clienten_centen": alle(u.tarieven),
                "bestaande_clienten_centen": bestaand(u.tarieven),
            }
            for u in uitkomsten
        ]
    )


def indexgevoeligheid(
    voorstel: Tarieven,
    huidig: Tarieven,
    index: Decimal,
    waarden: tuple[Decimal, ...],
    totaal: Callable[[Tarieven], int],
) -> pd.DataFrame:
    """The jaartotaal (cents) at other index figures of the tariff year, for the indexed cost
    price (its tarieven x (1 + i) / (1 + index), in cents) and the current tarief indexed
    (x (1 + i)); the parameters' own figure is one of the rows."""
    rijen = []
    for i in sorted({*waarden, index}):
        kostprijs = Tarieven(geschaald(voorstel.centen, (1 + i) / (1 + index)))
        basis = Tarieven(huidig_geindexeerd(huidig.centen, i))
        rijen.append(
            {
                "index": float(i),
                "eigen": i == index,
                "kostprijs_centen": totaal(kostprijs.aangevuld_met(huidig)),
                "huidig_centen": totaal(basis.aangevuld_met(kostprijs)),
            }
        )
    return pd.DataFrame(rijen)
