"""The budget report's figures at the new tarieven, under disclosure control.

A new tarief that is not shown (its cost price is herleidbaar tot één of enkele aanbieders)
still enters every amount at the new tarieven: the costs per year, the sensitivity to the
usage factor, the periodebudgets, the worked example and the budget-neutral factor. With the
current tarieven (published) each scenario total gives the product's volume, and with that
volume any total at the new tarieven gives its tarief back (the attack on params/2028.yaml
recomputed 34,6391 for a tarief shown as x). So while a new tarief is hidden, no amount at the
new tarieven is published: the figures at the current tarieven, the volumes of the shown
products and the usage factors stay.
"""

from __future__ import annotations

import pandas as pd

from kostprijs.budget.impact import NIEUW, Budgetimpact
from kostprijs.onderzoek.onthulling import MARKER
from kostprijs.opmaak import opsomming

TOELICHTING = (
    'Bedragen met de nieuwe tarieven staan hier als "x": het nieuwe tarief van {producten} is '
    "herleidbaar tot de cijfers van één of enkele aanbieders, en uit elk bedrag met de nieuwe "
    "tarieven zou het terug te rekenen zijn."
)


def geheime_tarieven(bi: Budgetimpact, verborgen: frozenset[str]) -> list[str]:
    """The products whose new tarief the model uses but the inkooptafel may not see."""
    t = bi.tarieven
    met = t[t["productspecificatie"].isin(verborgen) & t["nieuw_centen"].notna()]
    return list(dict.fromkeys(met["productspecificatie"]))


def toelichting(geheim: list[str]) -> str:
    return TOELICHTING.format(producten=opsomming(geheim))


def kosten_per_jaar(tabel: pd.DataFrame, geheim: list[str]) -> pd.DataFrame:
    """Kosten per jaar: the rows of the scenarios at the new tarieven masked."""
    uit = tabel.astype(object).copy()
    if geheim:
        uit.loc[uit["Scenario"].astype(str).str.contains(NIEUW), uit.columns[1:]] = MARKER
    return uit


def kolommen_nieuw(tabel: pd.DataFrame, kolommen, geheim: list[str]) -> pd.DataFrame:
    """The given columns (amounts at the new tarieven) masked."""
    uit = tabel.astype(object).copy()
    if geheim:
        uit.loc[:, list(kolommen)] = MARKER
    return uit


def rekenvoorbeeld(tabel: pd.DataFrame, bi: Budgetimpact, geheim: list[str]) -> pd.DataFrame:
    """The worked example: when it runs at the new tarieven and has a hidden product, that
    line's tarief and amount and every total below it are masked."""
    regels = bi.rekenvoorbeeld.regels
    if (
        bi.rekenvoorbeeld.tarieven_uit_parameters
        or not regels["productspecificatie"].isin(geheim).any()
    ):
        return tabel
    uit = tabel.astype(object).copy()
    n = len(regels)
    lijn = [i for i, p in enumerate(regels["productspecificatie"]) if p in geheim]
    uit.loc[uit.index[lijn], ["Tarief", "Bedrag"]] = MARKER
    uit.loc[uit.index[n:], "Bedrag"] = MARKER
    return uit


NEUTRAAL = "Budgetneutraal"


def kern(punten: list[str], vergelijking: str, geheim: list[str]) -> list[str]:
    """Key findings without the sentences that cite amounts at the new tarieven: the
    comparison with the realisation (`vergelijking`) and the budget-neutral factor."""
    if not geheim:
        return punten
    zonder = [p for p in punten if p != vergelijking and not p.startswith(NEUTRAAL)]
    return [toelichting(geheim), *zonder]
