"""The tariff scenarios side by side, under disclosure control.

A scenario's tarief of a suppressed product is masked when the scenario computes it from the
cost price (every rule but huidig_geindexeerd, which takes the cost price only for a product
without a current tarief). Budgetneutraal scales every tarief by one factor that the hidden
tarief helps to set, and any shown tarief divided by its indexed cost price gives the
factor: while a tarief is hidden, none of that scenario's tarieven is shown. A scenario's
totals are masked as soon as one of its tarieven is: with the published volumes a total gives
the hidden tarief back (see `budgetcijfers`).
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from kostprijs.budget.impact import Budgetimpact
from kostprijs.onderzoek.onthulling import MARKER
from kostprijs.scenarios import (
    BUDGETNEUTRAAL,
    EIGEN,
    HUIDIG_GEINDEXEERD,
    KOSTPRIJS_GEINDEXEERD,
)
from kostprijs.tarieflijst import regelnaam

VOORSTEL = " (voorstel)"


def _geheime_cellen(bi: Budgetimpact, verborgen: frozenset[str]) -> pd.Series:
    """Per row of bi.scenarios: is its tarief masked?"""
    s = bi.scenarios
    zonder_huidig = {r.productspecificatie for r in bi.tarieven.itertuples() if not r.huidig_centen}
    geheim_product = s["productspecificatie"].isin(verborgen) & s["tarief_centen"].notna()
    uit_kostprijs = (s["regel"] != HUIDIG_GEINDEXEERD) | s["productspecificatie"].isin(
        zonder_huidig
    )
    cel = geheim_product & uit_kostprijs
    geraakt = set(s.loc[cel, "scenario"])
    neutraal = (s["regel"] == BUDGETNEUTRAAL) & s["scenario"].isin(geraakt)
    return cel | neutraal


def geheime_scenarios(bi: Budgetimpact, verborgen: frozenset[str]) -> list[str]:
    """The scenarios whose totals are not published (one of their tarieven is hidden)."""
    s = bi.scenarios
    return list(dict.fromkeys(s.loc[_geheime_cellen(bi, verborgen), "scenario"]))


def kolomnaam(naam: str, voorstel: bool, regel: str = "") -> str:
    """A scenario's name, the proposal marked (a scenario of one's own is no proposal)."""
    return naam + (VOORSTEL if voorstel and regel != EIGEN else "")


def tarieven_tabel(bi: Budgetimpact, verborgen: frozenset[str]) -> pd.DataFrame:
    """One row per tariff line: the current tarief (weighted over several) and one column per
    scenario, the proposal marked; hidden tarieven as x."""
    s = bi.scenarios.astype(object).copy()
    s.loc[_geheime_cellen(bi, verborgen), "tarief_centen"] = MARKER
    regels = list(dict.fromkeys(zip(s["productspecificatie"], s["variant"], strict=True)))
    huidig = {r.regel: r.huidig_centen for r in bi.tarieven.itertuples()}
    uit = pd.DataFrame(
        {
            "Productspecificatie": [regelnaam(p, v) for p, v in regels],
            "Huidig tarief": [_huidig(huidig.get(regelnaam(p, v))) for p, v in regels],
        }
    )
    for naam, groep in s.groupby("scenario", sort=False):
        waarden = dict(
            zip(
                zip(groep["productspecificatie"], groep["variant"], strict=True),
                groep["tarief_centen"],
                strict=True,
            )
        )
        uit[kolomnaam(naam, bool(groep["voorstel"].iat[0]), groep["regel"].iat[0])] = [
            None if _leeg(waarden[r]) else waarden[r] for r in regels
        ]
    return uit


def _leeg(waarde) -> bool:
    return waarde is None or (isinstance(waarde, float) and waarde != waarde)


def _huidig(tarieven):
    """The current tarief of a line; None without one; several: the text 'meerdere'."""
    tarieven = list(tarieven) if tarieven is not None else []
    if len(tarieven) == 1:
        return int(tarieven[0])
    return None if not tarieven else "meerdere"


def totalen_tabel(bi: Budgetimpact, verborgen: frozenset[str]) -> pd.DataFrame:
    """Per scenario: what the municipality pays per year (all clients, at the gebruiksfactor)
    and the difference with the current tarieven, in euros and as a fraction."""
    t = bi.scenariototalen
    basis = bi.huidig_basis_centen
    # the basis holds a new product at its new tarief: hidden, no difference is published
    basis_geheim = bool(set(bi.nieuwe_producten) & verborgen)
    geheim = set(geheime_scenarios(bi, verborgen))
    rijen = []
    for r in t.itertuples():
        verborgen_rij = r.scenario in geheim or basis_geheim
        totaal = int(r.alle_clienten_centen)
        rijen.append(
            {
                "Scenario": kolomnaam(r.scenario, bool(r.voorstel), r.regel),
                "Kosten per jaar": MARKER if verborgen_rij else totaal,
                "Verschil met huidige tarieven": MARKER if verborgen_rij else totaal - basis,
                "Verschil (%)": MARKER
                if verborgen_rij
                else float(Decimal(totaal - basis) / Decimal(basis)),
            }
        )
    return pd.DataFrame(rijen)


def voorstel_overzicht(
    bi: Budgetimpact, verborgen: frozenset[str], overzicht: pd.DataFrame
) -> pd.DataFrame:
    """The research's tariff overview (`Kostprijsonderzoek.publiek_tariefoverzicht`) with the
    proposal scenario's tarieven and changes, when the proposal is another rule than the
    indexed cost price; masked as in `tarieven_tabel`."""
    s = bi.scenarios.astype(object).copy()
    s.loc[_geheime_cellen(bi, verborgen), "tarief_centen"] = MARKER
    s = s[s["voorstel"].astype(bool)]
    if not len(s) or s["regel"].iat[0] == KOSTPRIJS_GEINDEXEERD:
        return overzicht
    tarief = {
        regelnaam(p, v): t
        for p, v, t in zip(s["productspecificatie"], s["variant"], s["tarief_centen"], strict=True)
    }
    uit = overzicht.astype(object).copy()
    for i, r in uit.iterrows():
        t = tarief.get(r["productspecificatie"])
        if t is None or _leeg(t) or t == MARKER:
            uit.loc[i, ["voorgesteld_tarief", "wijziging"]] = MARKER if t == MARKER else None
            continue
        nieuw = Decimal(int(t)) / 100
        uit.at[i, "voorgesteld_tarief"] = nieuw
        huidig = r["huidig_tarief"]
        uit.at[i, "wijziging"] = None if _leeg(huidig) else (nieuw - huidig) / huidig
    return uit


def indextabel(bi: Budgetimpact, verborgen: frozenset[str]) -> pd.DataFrame:
    """The jaartotaal at other index figures of the tariff year: kostprijs geïndexeerd and
    huidig tarief geïndexeerd; a column is masked as its scenario's totals are."""
    g = bi.indexgevoeligheid
    met_tarief = bi.tarieven[
        bi.tarieven["productspecificatie"].isin(verborgen) & bi.tarieven["nieuw_centen"].notna()
    ]
    kostprijs_geheim = len(met_tarief) > 0
    huidig_geheim = any(not h for h in met_tarief["huidig_centen"])  # takes the cost price
    uit = pd.DataFrame(
        {
            "Indexatie tariefjaar": g["index"],
            KOSTPRIJS_KOLOM: g["kostprijs_centen"],
            HUIDIG_KOLOM: g["huidig_centen"],
        }
    ).astype(object)
    if kostprijs_geheim:
        uit[KOSTPRIJS_KOLOM] = MARKER
    if huidig_geheim:
        uit[HUIDIG_KOLOM] = MARKER
    return uit


def index_van(bi: Budgetimpact) -> Decimal:
    """The parameters' index of the tariff year, as the budget step used it."""
    g = bi.indexgevoeligheid
    return Decimal(repr(float(g.loc[g["eigen"].astype(bool), "index"].iat[0])))


KOSTPRIJS_KOLOM, HUIDIG_KOLOM = "Kostprijs geïndexeerd", "Huidig tarief geïndexeerd"


def neutraal(bi: Budgetimpact, verborgen: frozenset[str]) -> tuple[Decimal, int] | None:
    """The budget-neutral scale factor and how far its total lies from the target (cents),
    when its scenario is published."""
    geheim = set(geheime_scenarios(bi, verborgen))
    t = bi.scenariototalen
    rij = t[(t["regel"] == BUDGETNEUTRAAL) & ~t["scenario"].isin(geheim)]
    doel = t[t["regel"] == HUIDIG_GEINDEXEERD]
    if not len(rij) or not len(doel):
        return None
    verschil = int(rij["alle_clienten_centen"].iat[0]) - int(doel["alle_clienten_centen"].iat[0])
    return Decimal(rij["factor"].iat[0]), verschil


INDEXFORMATEN = {
    "Indexatie tariefjaar": "procent_2",
    KOSTPRIJS_KOLOM: "centen_heel",
    HUIDIG_KOLOM: "centen_heel",
}
FORMATEN = {
    "Kosten per jaar": "centen_heel",
    "Verschil met huidige tarieven": "centen_heel",
    "Verschil (%)": "procent_teken",
}


def celkosten_tabel(
    bi: Budgetimpact, resultaat, verborgen: frozenset[str], totaal_getoond: bool
) -> pd.DataFrame | None:
    """Per tariff scenario what last year's care would cost with the cell tariffs at the
    scenario's tarieven, and the difference with the research's own cell tariffs; masked as
    the scenario's totals in the budget report, and not at all when the result report hides
    its own total. While a scenario is hidden no difference is shown either: the hidden
    indexed cost price's cell costs are the research's own, so every visible total minus its
    difference would give them away. None when the result step has no scenarios."""
    s = resultaat.scenarios
    if s is None or not len(s):
        return None
    geheim = set(geheime_scenarios(bi, verborgen))
    regel = dict(zip(bi.scenariototalen["scenario"], bi.scenariototalen["regel"], strict=True))
    voorstel = dict(
        zip(bi.scenariototalen["scenario"], bi.scenariototalen["voorstel"], strict=True)
    )
    basis = resultaat.tariefmodel_centen
    rijen = []
    for naam, groep in s.groupby("scenario", sort=False):
        waarden = [v for v in groep["tariefmodel_centen"] if v is not None]
        onbekend = bool((groep["ontbreekt"] != "").any())
        verborgen_rij = naam in geheim or not totaal_getoond or onbekend
        totaal = sum(int(v) for v in waarden)
        rijen.append(
            {
                "Scenario": kolomnaam(naam, bool(voorstel.get(naam)), regel.get(naam, "")),
                "Met de celtarieven": MARKER if verborgen_rij else totaal,
                "Verschil met de celtarieven van het onderzoek": MARKER
                if verborgen_rij or geheim
                else totaal - basis,
            }
        )
    return pd.DataFrame(rijen)


CELKOSTEN_FORMATEN = {
    "Met de celtarieven": "centen_heel",
    "Verschil met de celtarieven van het onderzoek": "centen_heel",
}
