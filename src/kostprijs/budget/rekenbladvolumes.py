"""What the what-if workbook (rekenblad) needs from the budget step: aggregated volumes per
tariff line, each scenario's tarief per line, and the rounding corrections.

Aggregates only: per tariff line (product, variant, leveringsvorm) the units per year at a
gebruiksfactor of 100% summed over the indications, and the units of one-off products. A
product whose tarief is hidden at the inkooptafel is left out altogether (its volume, with any
total, would give the tarief back), and so are its indications in the model totals behind the
corrections. The correction is the full model's total (per-line cents and the periodebudget
per client in whole euros) minus the sum of the workbook's line amounts, at the run's
parameters: at the proposal's tarieven over all lines, at the current tarieven over the lines
that have one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from kostprijs.budget.model import blootgesteld, jaarvolume
from kostprijs.budget.scenariobudget import Scenariotarieven, index_van_tariefjaar
from kostprijs.budget.wat_als import Rekenbladinvoer, Rekenregel, wat_als
from kostprijs.parameters import ZIN, Jaarparameters
from kostprijs.scenarios import BUDGETNEUTRAAL
from kostprijs.tarieflijst import Tarieven, regelnaam

SLEUTEL = ["productspecificatie", "variant", "leveringsvorm"]
DRIE = Decimal("0.001")


@dataclass(frozen=True)
class Rekenbladgegevens:
    """The budget step's part of the rekenblad (stored with the budget impact)."""

    regels: (
        pd.DataFrame
    )  # per line: regel, eenheid, volume, eenmalig (text, 3 decimals), huidig_centen
    tarieven: pd.DataFrame  # per line and scenario: regel, scenario, tarief_centen
    afronding_centen: int
    afronding_huidig_centen: int
    weggelaten: tuple[str, ...]  # products left out: their tarief is hidden


def _naam(product: str, variant: str, vorm: str) -> str:
    naam = regelnaam(product, variant)
    return naam if vorm == ZIN else f"{naam}, {vorm}"


def volumes(indicaties: pd.DataFrame, weken_per_jaar: int) -> pd.DataFrame:
    """Units per year at gebruiksfactor 1 per tariff line: volume (recurring) and eenmalig
    (one-off), summed over the lines and rounded half up to 3 decimals, as Decimals."""
    teller, noemer = blootgesteld(*jaarvolume(indicaties, weken_per_jaar), indicaties)
    eenheden = indicaties["omvang_milli"].to_numpy(dtype=np.float64) * teller / noemer / 1000
    eenmalig = indicaties["eenmalig"].to_numpy(dtype=bool)
    tabel = indicaties[SLEUTEL].assign(
        volume=np.where(eenmalig, 0.0, eenheden), eenmalig=np.where(eenmalig, eenheden, 0.0)
    )
    som = tabel.groupby(SLEUTEL, sort=True, observed=True)[["volume", "eenmalig"]].sum()
    for kolom in ("volume", "eenmalig"):
        som[kolom] = [Decimal(repr(float(w))).quantize(DRIE) for w in som[kolom]]
    return som.reset_index()


def _catalogusvolgorde(vol: pd.DataFrame, params: Jaarparameters) -> pd.DataFrame:
    """The lines in the catalogue's order, ZIN before the pgb tiers."""
    producten = {p: i for i, p in enumerate(params.productspecificaties)}
    vormen = {lv.naam: i for i, lv in enumerate(params.leveringsvormen)}
    plek = [
        (producten.get(p, len(producten)), p, v, vormen.get(lv, len(vormen)))
        for p, v, lv in zip(*(vol[k] for k in SLEUTEL), strict=True)
    ]
    volgorde = sorted(range(len(vol)), key=lambda i: plek[i])
    return vol.iloc[volgorde].reset_index(drop=True)


def rekenbladgegevens(
    params: Jaarparameters,
    indicaties: pd.DataFrame,
    uitkomsten: list[Scenariotarieven],
    huidig: Tarieven,
    verborgen: frozenset[str],
    totaal: Callable[[pd.DataFrame, Tarieven], int],
) -> Rekenbladgegevens:
    """The rekenblad's lines, tarieven and corrections. `totaal(indicaties, tarieven)`: the
    full model's jaartotaal in cents.

    A hidden product is left out, and so is a budget-neutral scenario while a product is
    hidden: its one factor, set with the hidden tarief, shows in every tarief it scales (the
    reports mask that scenario entirely, see `publicatie.scenariocijfers`)."""
    geheim = set(indicaties["productspecificatie"]) & verborgen
    if geheim:
        uitkomsten = [u for u in uitkomsten if u.scenario.regel != BUDGETNEUTRAAL]
    zichtbaar = indicaties[~indicaties["productspecificatie"].isin(verborgen)]
    vol = _catalogusvolgorde(volumes(zichtbaar, params.budget.weken_per_jaar), params)
    sleutels = list(zip(*(vol[k] for k in SLEUTEL), strict=True))
    namen = [_naam(*k) for k in sleutels]
    regels = pd.DataFrame(
        {
            "regel": namen,
            "eenheid": [params.product(p).eenheid for p, _v, _l in sleutels],
            "volume": [str(v) for v in vol["volume"]],
            "eenmalig": [str(v) for v in vol["eenmalig"]],
            "huidig_centen": pd.Series([huidig.centen.get(k) for k in sleutels], dtype=object),
        }
    )
    tarieven = pd.DataFrame(
        [
            {"regel": n, "scenario": u.scenario.naam, "tarief_centen": u.tarieven.centen[k]}
            for u in uitkomsten
            for n, k in zip(namen, sleutels, strict=True)
        ],
        columns=["regel", "scenario", "tarief_centen"],
    )
    weggelaten = tuple(sorted(set(indicaties["productspecificatie"]) & verborgen))
    if not uitkomsten:  # every scenario left out: nothing to recalculate (see `invoer`)
        return Rekenbladgegevens(regels, tarieven, 0, 0, weggelaten)
    voorstel = next(
        (u for u in uitkomsten if u.scenario.naam == params.scenarios.voorstel), uitkomsten[0]
    )
    met_huidig = zichtbaar[
        [k in huidig.centen for k in zip(*(zichtbaar[c] for c in SLEUTEL), strict=True)]
    ]
    zonder = Rekenbladgegevens(regels, tarieven, 0, 0, ())
    lijnen = wat_als(invoer(params, zonder, "", ""))
    return Rekenbladgegevens(
        regels,
        tarieven,
        totaal(zichtbaar, voorstel.tarieven) - lijnen.totaal_centen,
        (totaal(met_huidig, huidig) if len(met_huidig) else 0) - lijnen.huidig_totaal_centen,
        weggelaten,
    )


def invoer(
    params: Jaarparameters, g: Rekenbladgegevens, run_id: str, datum: str
) -> Rekenbladinvoer | None:
    """The workbook's input from the stored part and the run; None when every scenario is
    left out (only budget-neutral ones while a product is hidden)."""
    if len(g.regels) and not len(g.tarieven):
        return None
    per_regel: dict[str, dict[str, int]] = {}
    for r in g.tarieven.itertuples():
        per_regel.setdefault(r.regel, {})[r.scenario] = int(r.tarief_centen)
    index = index_van_tariefjaar(params)
    aanwezig = tuple(dict.fromkeys(g.tarieven["scenario"])) or params.scenarios.namen
    return Rekenbladinvoer(
        gemeente=params.gemeente,
        tariefjaar=params.jaar,
        run_id=run_id,
        datum=datum,
        gebruiksfactor=params.budget.gebruiksfactor,
        indexjaren=((params.jaar, index),),
        scenarios=aanwezig,
        voorstel=params.scenarios.voorstel
        if params.scenarios.voorstel in aanwezig
        else aanwezig[0],
        weggelaten_scenarios=tuple(n for n in params.scenarios.namen if n not in aanwezig),
        regels=tuple(
            Rekenregel(
                r.regel,
                r.eenheid,
                Decimal(r.volume),
                Decimal(r.eenmalig),
                None
                if r.huidig_centen is None or r.huidig_centen != r.huidig_centen
                else int(r.huidig_centen),
                per_regel.get(r.regel, {}),
            )
            for r in g.regels.itertuples()
        ),
        afronding_centen=g.afronding_centen,
        afronding_huidig_centen=g.afronding_huidig_centen,
        weggelaten=g.weggelaten,
    )
