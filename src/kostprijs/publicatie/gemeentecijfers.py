"""A region's budget figures per member under disclosure control.

Each member's report is public (its council decides in public), and the region's report shows
every member beside the region's total. A figure over a few clients tells about those clients,
so:

- a member with fewer clients than `regio.minimum_clienten` publishes no amount at all; when
  that hides one member only, the region's total minus the others would give it back, so the
  next smallest member is hidden too (secondary suppression);
- per member and product, a cell over fewer clients is hidden, and in every member (row) and
  every product (column) where that leaves one hidden cell, the smallest other cell is hidden
  as well, until no line can be solved by subtraction from its total.

The same pattern is applied to every published surface (the region's report and every member's
report). The rule per line excludes solving a cell from one total; a combination of rows and
columns can still solve a cell in an unlucky pattern (not yet checked: docs/regio.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kostprijs.budget.impact import NIEUWE_PRODUCTEN, Budgetimpact
from kostprijs.onderzoek.onthulling import MARKER
from kostprijs.parameters.regio import Regio

PRIMAIR, SECUNDAIR = "primair", "secundair"


@dataclass(frozen=True)
class Gemeentepublicatie:
    """What may be published of the members' figures."""

    verborgen: dict[str, str]  # member -> PRIMAIR or SECUNDAIR: none of its amounts shown
    cellen: frozenset[tuple[str, str]]  # (member, product) cells not shown
    minimum_clienten: int
    # members whose figures over existing clients are not shown (realisation, usage factor,
    # transition, the column of existing clients): too few existing clients, or hidden
    bestaand_verborgen: frozenset[str] = frozenset()
    # members whose split into existing and new clients is not shown (too few new clients)
    splitsing_verborgen: frozenset[str] = frozenset()

    def toont(self, gemeente: str) -> bool:
        return gemeente not in self.verborgen


def verborgen_gemeenten(clienten: pd.Series, minimum: int) -> dict[str, str]:
    """The members whose amounts are not published (index: member, values: clients).

    >>> verborgen_gemeenten(pd.Series({"A": 500, "B": 40, "C": 4}), 10)
    {'C': 'primair', 'B': 'secundair'}
    >>> verborgen_gemeenten(pd.Series({"A": 500, "B": 40, "C": 14}), 10)
    {}
    >>> verborgen_gemeenten(pd.Series({"A": 500, "B": 40, "C": 3, "D": 4}), 10)
    {'C': 'primair', 'D': 'primair', 'B': 'secundair'}
    """
    uit = {g: PRIMAIR for g, n in clienten.items() if n < minimum}
    # one hidden member, or hidden members that together are still few clients: the region's
    # total minus the others tells about them; the next smallest go with them
    overig = clienten[~clienten.index.isin(list(uit))].sort_values(kind="stable")
    for g in overig.index:
        if not uit or (len(uit) >= 2 and clienten[list(uit)].sum() >= minimum):
            break
        uit[str(g)] = SECUNDAIR
    return uit


def onderdrukte_cellen(clienten: np.ndarray, minimum: int, rijen: np.ndarray) -> np.ndarray:
    """Which cells of a member x product table of client counts are hidden: the cells with
    0 < clients < minimum, every non-empty cell of the rows `rijen` (hidden members), and
    then, in every row and column with exactly one hidden cell among its non-empty ones, the
    smallest other non-empty cell, repeated until none is left.

    >>> n = np.array([[50, 3, 40], [40, 30, 60]])
    >>> onderdrukte_cellen(n, 10, np.array([False, False])).astype(int).tolist()
    [[0, 1, 1], [0, 1, 1]]
    """
    n = np.asarray(clienten)
    gevuld = n > 0
    verborgen = gevuld & (n < minimum)
    verborgen[np.asarray(rijen, dtype=bool)] = gevuld[np.asarray(rijen, dtype=bool)]
    veranderd = True
    while veranderd:
        veranderd = False
        for as_ in (0, 1):
            m, g, c = (verborgen, gevuld, n) if as_ == 0 else (verborgen.T, gevuld.T, n.T)
            for i in range(m.shape[0]):
                if (m[i] & g[i]).sum() != 1:
                    continue
                kandidaten = np.flatnonzero(g[i] & ~m[i])
                if len(kandidaten):
                    m[i, kandidaten[np.argmin(c[i, kandidaten])]] = True
                    veranderd = True
    return verborgen


def gemeentepublicatie(
    totalen: pd.DataFrame, producten: pd.DataFrame, regio: Regio
) -> Gemeentepublicatie:
    """The pattern for the budget record's member tables (`budget.gemeenten`)."""
    k = regio.minimum_clienten
    verborgen = verborgen_gemeenten(totalen.set_index("gemeente")["clienten"], k)
    matrix = producten.pivot_table(
        index="gemeente", columns="productspecificatie", values="clienten", fill_value=0
    ).reindex(index=list(regio.namen), fill_value=0)
    rijen = matrix.index.isin(list(verborgen))
    masker = onderdrukte_cellen(matrix.to_numpy(dtype=np.int64), k, rijen)
    cellen = frozenset(
        (str(matrix.index[i]), str(matrix.columns[j]))
        for i, j in zip(*np.nonzero(masker), strict=True)
    )
    t = totalen.set_index("gemeente")
    bestaand = set(verborgen) | set(verborgen_gemeenten(t["bestaande_clienten"], k))
    nieuw = t["clienten"] - t["bestaande_clienten"]
    splitsing = set(nieuw[(nieuw > 0) & (nieuw < k)].index)
    return Gemeentepublicatie(verborgen, cellen, k, frozenset(bestaand), frozenset(splitsing))


def basis_geheim(bi: Budgetimpact, verborgen: frozenset[str]) -> bool:
    """The basis of the differences holds a new product at its new tarief: while that tarief
    is hidden, no basis and no difference is published (as `scenariocijfers.totalen_tabel`)."""
    return bool(set(bi.nieuwe_producten) & verborgen)


def _verschil(nieuw: int, huidig: int) -> float | None:
    return (nieuw - huidig) / huidig if huidig else None


def regiotabel(
    bi: Budgetimpact, pub: Gemeentepublicatie, geheim: list[str], verborgen_: frozenset[str]
) -> pd.DataFrame:
    """One row per member and one for the region: clients, the costs per year at the new and
    the current tarieven, the difference, last year's actual spending and the measured usage
    factor. A hidden member's row is x; amounts at the new tarieven are x while a new tarief
    is hidden (`publicatie.budgetcijfers`)."""
    t = bi.gemeenten
    regio = pd.DataFrame(
        [
            {
                "gemeente": "Regio",
                "clienten": bi.aantal_clienten,
                "nieuw_alle_centen": int(t["nieuw_alle_centen"].sum()),
                "huidig_basis_centen": bi.huidig_basis_centen,
                "realisatie_centen": bi.realisatie_bestaand_centen,
                "gebruiksfactor_gewogen": bi.gebruiksfactor_gewogen,
            }
        ]
    )
    rijen = pd.concat([t, regio], ignore_index=True)
    uit = pd.DataFrame(
        {
            "Gemeente": rijen["gemeente"],
            "Cliënten": rijen["clienten"],
            "Kosten per jaar, nieuwe tarieven": rijen["nieuw_alle_centen"],
            "Kosten per jaar, huidige tarieven": rijen["huidig_basis_centen"],
            "Verschil": rijen["nieuw_alle_centen"] - rijen["huidig_basis_centen"],
            "Verschil (%)": [
                _verschil(int(n), int(h))
                for n, h in zip(
                    rijen["nieuw_alle_centen"], rijen["huidig_basis_centen"], strict=True
                )
            ],
            "Realisatie bestaande cliënten": rijen["realisatie_centen"],
            "Gebruiksfactor gemeten": rijen["gebruiksfactor_gewogen"].astype(float).round(4),
        }
    ).astype(object)
    bestaand = uit["Gemeente"].isin(list(pub.bestaand_verborgen))
    uit.loc[bestaand, ["Realisatie bestaande cliënten", "Gebruiksfactor gemeten"]] = MARKER
    verborgen = uit["Gemeente"].isin(list(pub.verborgen))
    uit.loc[verborgen, uit.columns[1:]] = MARKER
    if geheim:
        uit[["Kosten per jaar, nieuwe tarieven", "Verschil", "Verschil (%)"]] = MARKER
    if basis_geheim(bi, verborgen_):
        uit[["Kosten per jaar, huidige tarieven", "Verschil", "Verschil (%)"]] = MARKER
    return uit


REGIO_FORMATEN = {
    "Cliënten": "geheel",
    "Kosten per jaar, nieuwe tarieven": "centen_heel",
    "Kosten per jaar, huidige tarieven": "centen_heel",
    "Verschil": "centen_heel",
    "Verschil (%)": "procent_teken",
    "Realisatie bestaande cliënten": "centen_heel",
    "Gebruiksfactor gemeten": "procent",
}


def rij(bi: Budgetimpact, gemeente: str) -> pd.Series:
    """A member's row of the totals (KeyError for a name outside the region)."""
    t = bi.gemeenten.set_index("gemeente")
    return t.loc[gemeente]


def kosten_tabel(
    bi: Budgetimpact,
    gemeente: str,
    realisatiejaar: int,
    geheim: list[str],
    pub: Gemeentepublicatie,
    weken_per_jaar: int = 52,
) -> pd.DataFrame:
    """A member's costs per year: at the new and the current tarieven, all and existing
    clients, and its actual spending last year (in a year of another number of ISO weeks,
    also converted to the model's weeks, as in the region's totals)."""
    g = rij(bi, gemeente)
    realisatie = f"Realisatie {realisatiejaar} × huidige tarieven"
    omrekenen = bi.weken_realisatiejaar != weken_per_jaar
    if omrekenen:
        realisatie += f" ({bi.weken_realisatiejaar} weken)"
    uit = pd.DataFrame(
        {
            "Grondslag": [
                "Indicaties × gebruiksfactor × nieuwe tarieven",
                "Indicaties × gebruiksfactor × huidige tarieven",
                realisatie,
            ],
            f"Alle cliënten (n = {g['clienten']})": [
                g["nieuw_alle_centen"],
                g["huidig_alle_centen"],
                None,
            ],
            f"Bestaande cliënten (n = {g['bestaande_clienten']})": [
                g["nieuw_bestaand_centen"],
                g["huidig_bestaand_centen"],
                g["realisatie_centen"],
            ],
        }
    ).astype(object)
    if bi.nieuwe_producten:  # as in the region's totals: new products on a row of their own
        rij_ = {uit.columns[0]: NIEUWE_PRODUCTEN, uit.columns[1]: g["nieuwe_producten_centen"]}
        uit = pd.concat([uit.iloc[:2], pd.DataFrame([rij_]), uit.iloc[2:]], ignore_index=True)
        uit = uit.astype(object)
        uit.iloc[2, 2] = None  # existing clients' part: not split per member
    n_realisatie = 1
    if omrekenen:
        naam = (
            f"Realisatie {realisatiejaar} × huidige tarieven, omgerekend naar "
            f"{weken_per_jaar} weken"
        )
        rij_ = {uit.columns[0]: naam, uit.columns[2]: g["realisatie_normjaar_centen"]}
        uit = pd.concat([uit, pd.DataFrame([rij_])], ignore_index=True).astype(object)
        n_realisatie = 2
    if geheim:
        uit.loc[0, uit.columns[1:]] = MARKER
        if bi.nieuwe_producten:
            uit.loc[2, uit.columns[1]] = MARKER
    indicatie = uit.index[:-n_realisatie]  # the rows from indications; then the realisation
    if gemeente in pub.bestaand_verborgen:
        uit[uit.columns[2]] = MARKER
    elif gemeente in pub.splitsing_verborgen:  # all minus existing: the few new clients
        uit.loc[indicatie, uit.columns[2]] = MARKER
    return uit


def scenario_tabel(
    bi: Budgetimpact, gemeente: str, geheim_: list[str], basis_geheim_: bool = False
) -> pd.DataFrame:
    """A member's costs per year in every tariff scenario; a scenario with a hidden tarief x."""
    s = bi.gemeenten_scenarios
    s = s[s["gemeente"] == gemeente]
    huidig = int(rij(bi, gemeente)["huidig_basis_centen"])
    uit = pd.DataFrame(
        {
            "Scenario": s["scenario"].to_numpy(),
            "Kosten per jaar": s["alle_clienten_centen"].to_numpy(),
            "Verschil met huidige tarieven": s["alle_clienten_centen"].to_numpy() - huidig,
            "Verschil (%)": [_verschil(int(n), huidig) for n in s["alle_clienten_centen"]],
        }
    ).astype(object)
    uit.loc[uit["Scenario"].isin(geheim_), uit.columns[1:]] = MARKER
    if basis_geheim_:
        uit[uit.columns[1:]] = MARKER
    return uit


def gevoeligheid_tabel(bi: Budgetimpact, gemeente: str, geheim: list[str]) -> pd.DataFrame:
    """A member's costs per year at other usage factors."""
    s = bi.gemeenten_gevoeligheid
    s = s[s["gemeente"] == gemeente]
    uit = pd.DataFrame(
        {
            "gebruiksfactor": s["gebruiksfactor"].to_numpy(),
            "nieuwe tarieven": s["nieuw_centen"].to_numpy(),
            "huidige tarieven": s["huidig_centen"].to_numpy(),
        }
    ).astype(object)
    if geheim:
        uit["nieuwe tarieven"] = MARKER
    return uit


def product_tabel(
    bi: Budgetimpact, gemeente: str, pub: Gemeentepublicatie, verborgen: frozenset[str]
) -> pd.DataFrame:
    """A member's clients and line amounts at the new tarieven per product; a cell over too
    few clients, its secondary cells and the products whose tarief is hidden are x."""
    p = bi.gemeenten_producten
    p = p[p["gemeente"] == gemeente]
    uit = pd.DataFrame(
        {
            "Productspecificatie": p["productspecificatie"].to_numpy(),
            "Cliënten": p["clienten"].to_numpy(),
            "Bedrag per jaar, nieuwe tarieven": p["nieuw_centen"].to_numpy(),
        }
    ).astype(object)
    weg = [(gemeente, x) in pub.cellen for x in uit["Productspecificatie"]]
    uit.loc[weg, ["Cliënten", "Bedrag per jaar, nieuwe tarieven"]] = MARKER
    # a product the inkooptafel may not see: its clients are masked in the region's tables too
    uit.loc[uit["Productspecificatie"].isin(verborgen), uit.columns[1:]] = MARKER
    return uit


def resultaattabel(
    per_gemeente: pd.DataFrame, pub: Gemeentepublicatie, totaal_getoond: bool
) -> pd.DataFrame:
    """The cost of the result cells per member and for the region: realised at cost prices
    and under the cell tariffs. A member is hidden as in the budget (`pub`), and also when its
    clients with cells are too few (then with the next smallest); every amount is x while the
    region's total under the cell tariffs may not be shown."""
    verborgen = set(pub.verborgen) | set(
        verborgen_gemeenten(per_gemeente.set_index("gemeente")["clienten"], pub.minimum_clienten)
    )
    regio = pd.DataFrame(
        [{"gemeente": "Regio", **per_gemeente.drop(columns="gemeente").sum().to_dict()}]
    )
    rijen = pd.concat([per_gemeente, regio], ignore_index=True)
    uit = pd.DataFrame(
        {
            "Gemeente": rijen["gemeente"],
            "Cliënten": rijen["clienten"],
            "Kosten van de zorg": rijen["kosten_centen"],
            "Met de celtarieven": rijen["tariefmodel_centen"],
            "Verschil": rijen["tariefmodel_centen"] - rijen["kosten_centen"],
        }
    ).astype(object)
    uit.loc[uit["Gemeente"].isin(list(verborgen)), uit.columns[1:]] = MARKER
    if not totaal_getoond:
        uit[["Kosten van de zorg", "Met de celtarieven", "Verschil"]] = MARKER
    return uit


RESULTAAT_FORMATEN = {
    "Cliënten": "geheel",
    "Kosten van de zorg": "centen_heel",
    "Met de celtarieven": "centen_heel",
    "Verschil": "centen_heel",
}
