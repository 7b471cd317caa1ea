"""A region's budget figures per member municipality, on the region's tarieven.

Every amount is the region's own per-client (or per-line) amount, summed per municipality: a
client is a client of one member (`impact.per_gemeente`), so the members' figures add up to
the region's to the cent. Ratios (the measured usage factor) are computed per member from its
own sums, never averaged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kostprijs.budget.model import (
    Voorbereid,
    factor_schaal,
    geindiceerd_bedrag,
)
from kostprijs.codering import som_per_groep
from kostprijs.geld import verdeel
from kostprijs.parameters import Jaarparameters
from kostprijs.parameters.regio import Regio
from kostprijs.tarieflijst import Tarieven

TOTAAL_KOLOMMEN = [
    "gemeente",
    "cbs",
    "clienten",
    "bestaande_clienten",
    "nieuw_alle_centen",
    "nieuw_bestaand_centen",
    "huidig_alle_centen",
    "huidig_bestaand_centen",
    "huidig_basis_centen",
    "nieuwe_producten_centen",
    "realisatie_centen",
    "realisatie_normjaar_centen",
    "gebruiksfactor_gewogen",
    "overgang_realisatie_budget",
    "overgang_indicatie_budget",
]


@dataclass(frozen=True)
class Gemeentecijfers:
    """The region's figures per member (long tables, one row per member and key)."""

    totalen: pd.DataFrame  # TOTAAL_KOLOMMEN, one row per member in the order of params
    gevoeligheid: pd.DataFrame  # gemeente, gebruiksfactor, nieuw_centen, huidig_centen
    scenarios: pd.DataFrame  # gemeente, scenario, alle_clienten_centen, bestaande_clienten_centen
    producten: pd.DataFrame  # gemeente, productspecificatie, clienten, nieuw_centen

    def zonder_gegevens(self) -> tuple[str, ...]:
        """A finding per member without any indication or realisation in the files: most
        likely an export that left it out, so its zeros are said, never silently summed."""
        t = self.totalen
        leeg = t[(t["clienten"] == 0) & (t["realisatie_centen"] == 0)]
        return tuple(
            f"Gemeente {g} ({c}) heeft geen indicaties en geen realisatie in de bestanden; "
            "controleer of de export van die gemeente compleet is."
            for g, c in zip(leeg["gemeente"], leeg["cbs"], strict=True)
        )


class Verdeler:
    """Sums per member of what is computed per client code or per line."""

    def __init__(self, regio: Regio, gemeente_van_client: np.ndarray) -> None:
        self.n = len(regio.gemeenten)
        self.regio = regio
        self.van_client = np.asarray(gemeente_van_client, dtype=np.int64)

    def van_clienten(self, clienten: np.ndarray, waarden: np.ndarray) -> np.ndarray:
        """Per member: the sum of `waarden` of these client codes."""
        return som_per_groep(self.van_client[np.asarray(clienten)], waarden, self.n)

    def aantal(self, clienten: np.ndarray) -> np.ndarray:
        """Per member: how many distinct client codes."""
        uniek = np.unique(np.asarray(clienten))
        return np.bincount(self.van_client[uniek], minlength=self.n).astype(np.int64)

    def totaal(self, indicaties: pd.DataFrame, b, pb: bool, gebruiksfactor=None):
        """Per member the jaartotaal (cents) of these indications at a set of tarieven."""
        v = Voorbereid.van(indicaties, b, pb)
        factor = factor_schaal(b.gebruiksfactor if gebruiksfactor is None else gebruiksfactor)

        def totaal(tarieven: Tarieven, factor_: int | None = None) -> np.ndarray:
            per_client = v.per_client(
                tarieven.voor(indicaties), factor if factor_ is None else factor_, b, pb
            )
            return self.van_clienten(v.clienten, per_client)

        return totaal


def _gewogen_gebruik(
    verdeler: Verdeler,
    bestaand: pd.DataFrame,
    huidig: Tarieven,
    realisatie_centen: np.ndarray,
    jaar: int,
) -> np.ndarray:
    """Per member: realised spending / its clients' indications at the same tarieven over the
    weeks of the realisation year, on exposure (as `impact._gewogen_gebruik` for the region)."""
    volledig = geindiceerd_bedrag(bestaand, huidig, jaar)
    volledig = verdeler.van_clienten(bestaand["client"].to_numpy(), volledig)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(volledig > 0, realisatie_centen / np.maximum(volledig, 1), np.nan)


def gemeentecijfers(
    params: Jaarparameters,
    gemeente_van_client: np.ndarray,
    *,
    indicaties: pd.DataFrame,
    met_huidig: np.ndarray,
    bestaand: pd.DataFrame,
    bestaand_met_huidig: pd.DataFrame,
    blootgesteld_: pd.DataFrame,
    nieuw: Tarieven,
    huidig: Tarieven,
    huidig_basis: Tarieven,
    realisatie: pd.DataFrame,
    realisatie_telt: np.ndarray,
    realisatie_centen: np.ndarray,
    normjaar: Callable[[int], int],
    scenarios: Sequence,
    overgang_clienten: pd.DataFrame | None,
    overgang_indicatie: pd.DataFrame | None,
) -> Gemeentecijfers:
    """The region's figures per member: clients, costs per year at the new and current
    tarieven (all and existing clients), actual spending, the measured usage factor, the
    periodebudgets of the transition, the sensitivity, every scenario and the line amounts
    per product."""
    regio = params.regio
    assert regio is not None
    b, pb = params.budget, params.bekostiging.periodebudget
    v = Verdeler(regio, gemeente_van_client)
    alle = v.totaal(indicaties, b, pb)
    huidig_alle = v.totaal(indicaties[met_huidig], b, pb)
    # the products without a current tarief, at their new one (a row of the region's totals)
    nieuwe = v.totaal(indicaties[~met_huidig], b, pb) if (~met_huidig).any() else None
    van_bestaand = v.totaal(bestaand, b, pb)
    van_bestaand_huidig = v.totaal(bestaand_met_huidig, b, pb)
    gerealiseerd = som_per_groep(
        realisatie["gemeente"].to_numpy(np.int64)[realisatie_telt],
        realisatie_centen[realisatie_telt],
        v.n,
    )

    def budget(clienten: pd.DataFrame | None) -> np.ndarray:
        if clienten is None:
            return np.zeros(v.n, dtype=np.int64)
        return v.van_clienten(clienten["client"].to_numpy(), clienten["budget_per_periode"])

    totalen = pd.DataFrame(
        {
            "gemeente": list(regio.namen),
            "cbs": [g.cbs for g in regio.gemeenten],
            "clienten": v.aantal(indicaties["client"].to_numpy()),
            "bestaande_clienten": v.aantal(bestaand["client"].to_numpy()),
            "nieuw_alle_centen": alle(nieuw),
            "nieuw_bestaand_centen": van_bestaand(nieuw),
            "huidig_alle_centen": huidig_alle(huidig),
            "huidig_bestaand_centen": van_bestaand_huidig(huidig),
            # the basis of every difference: new products at their new tarief
            "huidig_basis_centen": alle(huidig_basis),
            "nieuwe_producten_centen": np.zeros(v.n, np.int64) if nieuwe is None else nieuwe(nieuw),
            "realisatie_centen": gerealiseerd,
            "realisatie_normjaar_centen": verdeel(normjaar(int(gerealiseerd.sum())), gerealiseerd),
            "gebruiksfactor_gewogen": _gewogen_gebruik(
                v, blootgesteld_, huidig, gerealiseerd, params.realisatiejaar
            ),
            "overgang_realisatie_budget": budget(overgang_clienten),
            "overgang_indicatie_budget": budget(overgang_indicatie),
        }
    )[TOTAAL_KOLOMMEN]
    gevoelig = []
    for factor in b.gevoeligheid:
        nieuw_f = alle(nieuw, factor_schaal(factor))
        huidig_f = huidig_alle(huidig, factor_schaal(factor))
        for i, naam in enumerate(regio.namen):
            gevoelig.append((naam, factor, int(nieuw_f[i]), int(huidig_f[i])))
    per_scenario = []
    for u in scenarios:
        a, e = alle(u.tarieven), van_bestaand(u.tarieven)
        for i, naam in enumerate(regio.namen):
            per_scenario.append((naam, u.scenario.naam, int(a[i]), int(e[i])))
    return Gemeentecijfers(
        totalen=totalen,
        gevoeligheid=pd.DataFrame(
            gevoelig, columns=["gemeente", "gebruiksfactor", "nieuw_centen", "huidig_centen"]
        ),
        scenarios=pd.DataFrame(
            per_scenario,
            columns=["gemeente", "scenario", "alle_clienten_centen", "bestaande_clienten_centen"],
        ),
        producten=_producten(params, v, indicaties, nieuw),
    )


def _producten(params: Jaarparameters, v: Verdeler, indicaties, nieuw: Tarieven) -> pd.DataFrame:
    """Per member and product: its clients and the line amounts at the new tarieven (before a
    periodebudget is rounded per client: they add up to the costs only up to that rounding)."""
    b = params.budget
    v_ = Voorbereid.van(indicaties, b, params.bekostiging.periodebudget)
    bedrag = v_.regelbedragen(nieuw.voor(indicaties), factor_schaal(b.gebruiksfactor))
    gemeente = v.van_client[indicaties["client"].to_numpy()]
    producten = list(params.productspecificaties)
    product = pd.Categorical(indicaties["productspecificatie"], categories=producten).codes
    sleutel = gemeente * len(producten) + product
    n = v.n * len(producten)
    centen = som_per_groep(sleutel, bedrag, n)
    paren = pd.DataFrame({"sleutel": sleutel, "client": indicaties["client"].to_numpy()})
    clienten = np.bincount(paren.drop_duplicates()["sleutel"].to_numpy(), minlength=n)
    uit = pd.DataFrame(
        {
            "gemeente": np.repeat(list(v.regio.namen), len(producten)),
            "productspecificatie": producten * v.n,
            "clienten": clienten.astype(np.int64),
            "nieuw_centen": centen,
        }
    )
    return uit[uit["clienten"] > 0].reset_index(drop=True)
