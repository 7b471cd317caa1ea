"""The periodebudget: from indicaties and tarieven to budgets per client and for the municipality.

Per client and productspecificatie (seed 000, "Voorbeeld berekening"):

    gebruik per jaar = indicatie per week x weken per jaar x gebruiksfactor
    bedrag per jaar  = gebruik per jaar x tarief            (to the cent, half up)

Per client the amounts of the begeleiding products (productcode 02A01) are summed:
bedrag per facturatieperiode = bedrag per jaar / perioden (to the cent, half up), and the
budget per periode is that amount in whole euros, billed as that many units of 02A01.
Kortdurend verblijf (extra) is billed per etmaal delivered (04A01 / 04A06), so it is not
part of the periodebudget; its expected cost per year is reported beside it.

All amounts are integers of cents. An indicatie has at most 3 decimals and the
gebruiksfactor at most 4, so each line amount is one integer division, rounded once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from kostprijs.config import Budgetparameters, Product
from kostprijs.fouten import InvoerFout
from kostprijs.geld import geschaald, geschaald_array, rond_half_op, rond_omlaag

INDICATIE_DECIMALEN = 3
FACTOR_DECIMALEN = 4
_NOEMER = 10 ** (INDICATIE_DECIMALEN + FACTOR_DECIMALEN)
MAX_INDICATIE_PER_WEEK = 168  # hours in a week: keeps every product inside int64
MAX_TARIEF_CENTEN = 10_000_000  # EUR 100.000 per unit


def iso_weken(jaar: int) -> int:
    """Number of ISO weeks in a year (52 or 53)."""
    return dt.date(jaar, 12, 28).isocalendar().week


def periode_weken(jaar: int, perioden: int = 13) -> list[int]:
    """Weeks per facturatieperiode: 4 each, the last one takes what is left (4 or 5)."""
    weken = [4] * (perioden - 1)
    return [*weken, iso_weken(jaar) - sum(weken)]


def factor_schaal(gebruiksfactor: Decimal) -> int:
    """The gebruiksfactor as an integer of 1/10.000 (0.65 -> 6500)."""
    return geschaald(gebruiksfactor, FACTOR_DECIMALEN)


def indicaties_schaal(indicatie_per_week: Sequence) -> np.ndarray:
    """Indicaties per week as integers of 1/1.000; ValueError when more decimals or out of range."""
    milli = geschaald_array(np.asarray(indicatie_per_week, dtype=np.float64), INDICATIE_DECIMALEN)
    buiten = (milli < 0) | (milli > MAX_INDICATIE_PER_WEEK * 10**INDICATIE_DECIMALEN)
    if buiten.any():
        i = int(np.flatnonzero(buiten)[0])
        raise ValueError(f"positie {i}: indicatie {milli[i] / 1000} ligt niet tussen 0 en 168")
    return milli


@dataclass(frozen=True)
class Tarieven:
    """One tarief per productspecificatie, in cents."""

    centen: Mapping[str, int]

    def __post_init__(self) -> None:
        for product, c in self.centen.items():
            if not 0 <= c <= MAX_TARIEF_CENTEN:
                raise ValueError(f"tarief voor {product} ligt buiten 0 - 100.000 euro")

    def aangevuld_met(self, ander: Tarieven) -> Tarieven:
        """These tarieven, plus `ander`'s for products that have none here (new products)."""
        return Tarieven({**ander.centen, **self.centen})

    def voor(self, producten: pd.Series) -> np.ndarray:
        """The tarief in cents for each row; KeyError names the first unknown product."""
        codes = pd.Categorical(producten)
        per_categorie = []
        for naam in codes.categories:
            if naam not in self.centen:
                raise KeyError(naam)
            per_categorie.append(self.centen[naam])
        return np.asarray(per_categorie, dtype=np.int64)[codes.codes]


def bereken_regels(
    indicaties: pd.DataFrame,
    tarieven: Tarieven,
    budget: Budgetparameters,
    gebruiksfactor: Decimal | None = None,
) -> pd.DataFrame:
    """Gebruik and bedrag per jaar per indicatie line.

    `indicaties` has columns client, productspecificatie and indicatie_milli (int64,
    see `indicaties_schaal`). Returns those plus gebruik_per_jaar (float, for display),
    tarief_centen and bedrag_per_jaar_centen (int64).
    """
    factor = factor_schaal(budget.gebruiksfactor if gebruiksfactor is None else gebruiksfactor)
    milli = indicaties["indicatie_milli"].to_numpy(dtype=np.int64)
    tarief = tarieven.voor(indicaties["productspecificatie"])
    volume = milli * (budget.weken_per_jaar * factor)  # in 1/_NOEMER units
    regels = indicaties[["client", "productspecificatie", "indicatie_milli"]].copy()
    regels["gebruik_per_jaar"] = volume / _NOEMER
    regels["tarief_centen"] = tarief
    regels["bedrag_per_jaar_centen"] = rond_half_op(volume * tarief, _NOEMER)
    return regels


def bereken_clienten(
    regels: pd.DataFrame, budget: Budgetparameters, catalogus: Iterable[Product]
) -> pd.DataFrame:
    """Per client: bedrag per jaar, per periode and the budget in whole euros (= units 02A01).

    Columns: client, bedrag_per_jaar_centen, bedrag_per_periode_centen, budget_per_periode
    (whole euros), verblijf_per_jaar_centen (kortdurend verblijf, billed per etmaal).
    """
    in_budget = {p.productspecificatie for p in catalogus if p.in_periodebudget}
    is_budget = regels["productspecificatie"].isin(in_budget).to_numpy()
    bedrag = regels["bedrag_per_jaar_centen"].to_numpy(dtype=np.int64)
    sommen = pd.DataFrame(
        {
            "client": regels["client"].to_numpy(),
            "bedrag_per_jaar_centen": np.where(is_budget, bedrag, 0),
            "verblijf_per_jaar_centen": np.where(is_budget, 0, bedrag),
        }
    )
    clienten = sommen.groupby("client", sort=True, observed=True).sum().reset_index()
    jaar = clienten["bedrag_per_jaar_centen"].to_numpy(dtype=np.int64)
    periode = rond_half_op(jaar, budget.perioden_per_jaar)
    afronden = rond_half_op if budget.afronding_budget == "half_omhoog" else rond_omlaag
    clienten["bedrag_per_periode_centen"] = periode
    clienten["budget_per_periode"] = afronden(periode, 100)
    return clienten[
        [
            "client",
            "bedrag_per_jaar_centen",
            "bedrag_per_periode_centen",
            "budget_per_periode",
            "verblijf_per_jaar_centen",
        ]
    ]


def jaartotaal_centen(clienten: pd.DataFrame, budget: Budgetparameters) -> int:
    """What the municipality pays per year: budgets x perioden plus kortdurend verblijf."""
    budgetten = int(clienten["budget_per_periode"].sum()) * 100 * budget.perioden_per_jaar
    return budgetten + int(clienten["verblijf_per_jaar_centen"].sum())


def totaal_bij_factor(
    indicaties: pd.DataFrame,
    tarieven: Tarieven,
    budget: Budgetparameters,
    catalogus: Sequence[Product],
    gebruiksfactor: Decimal,
) -> int:
    """The municipal jaartotaal (cents) for these indicaties at a given gebruiksfactor."""
    regels = bereken_regels(indicaties, tarieven, budget, gebruiksfactor)
    return jaartotaal_centen(bereken_clienten(regels, budget, catalogus), budget)


def gevoeligheid(
    indicaties: pd.DataFrame,
    scenarios: Mapping[str, Tarieven],
    budget: Budgetparameters,
    catalogus: Sequence[Product],
) -> pd.DataFrame:
    """Jaartotaal (cents) per gebruiksfactor in `budget.gevoeligheid`, one column per scenario."""
    rijen = []
    for factor in budget.gevoeligheid:
        rij: dict[str, object] = {"gebruiksfactor": factor}
        for naam, tarieven in scenarios.items():
            rij[naam] = totaal_bij_factor(indicaties, tarieven, budget, catalogus, factor)
        rijen.append(rij)
    return pd.DataFrame(rijen)


def budgetneutrale_factor(
    indicaties: pd.DataFrame,
    tarieven: Tarieven,
    budget: Budgetparameters,
    catalogus: Sequence[Product],
    doel_centen: int,
) -> Decimal:
    """The smallest gebruiksfactor (4 decimals) whose jaartotaal reaches `doel_centen`.

    The jaartotaal rises with the factor and is nearly proportional to it, so the search
    starts at the proportional estimate and steps to the exact answer, rounding of every
    line and budget included (a few evaluations instead of a bisection's fourteen).
    """
    schaal = 10**FACTOR_DECIMALEN

    def totaal(stappen: int) -> int:
        factor = Decimal(stappen).scaleb(-FACTOR_DECIMALEN)
        return totaal_bij_factor(indicaties, tarieven, budget, catalogus, factor)

    volledig = totaal(schaal)
    if volledig < doel_centen:
        raise ValueError("ook bij een gebruiksfactor van 100% wordt het doel niet gehaald")
    f = min(schaal, max(0, -(-doel_centen * schaal // max(volledig, 1))))
    while f < schaal and totaal(f) < doel_centen:
        f += 1
    while f > 0 and totaal(f - 1) >= doel_centen:
        f -= 1
    return Decimal(f).scaleb(-FACTOR_DECIMALEN)


def realisatie_bedrag_centen(realisatie: pd.DataFrame, tarieven: Tarieven) -> int:
    """Realised spending: declared volume x tarief, per line to the cent (half up), summed.

    `realisatie` has columns productspecificatie and volume_milli (int64, 1/1.000 units).
    """
    tarief = tarieven.voor(realisatie["productspecificatie"])
    milli = realisatie["volume_milli"].to_numpy(dtype=np.int64)
    return int(rond_half_op(milli * tarief, 10**INDICATIE_DECIMALEN).sum())


def empirische_gebruiksfactor(
    indicaties: pd.DataFrame, realisatie: pd.DataFrame, realisatiejaar: int
) -> pd.DataFrame:
    """Realised volume / indicated volume per productspecificatie, for the existing clients.

    Existing clients are those with any realisation. Their indicated volume is
    indicatie per week x the ISO weeks of the realisation year.
    """
    bestaand = indicaties[indicaties["client"].isin(realisatie["client"].unique())]
    weken = iso_weken(realisatiejaar)
    geindiceerd = bestaand.groupby("productspecificatie")["indicatie_milli"].sum() * weken
    gerealiseerd = realisatie.groupby("productspecificatie")["volume_milli"].sum()
    tabel = pd.DataFrame({"geindiceerd_milli": geindiceerd, "gerealiseerd_milli": gerealiseerd})
    tabel = tabel.fillna(0).astype(np.int64)
    tabel["clienten"] = bestaand.groupby("productspecificatie")["client"].nunique()
    tabel["clienten"] = tabel["clienten"].fillna(0).astype(np.int64)
    tabel["gebruiksfactor"] = np.where(
        tabel["geindiceerd_milli"] > 0,
        tabel["gerealiseerd_milli"]
        / tabel["geindiceerd_milli"].where(tabel["geindiceerd_milli"] > 0, 1),
        np.nan,
    )
    return tabel.reset_index(names="productspecificatie")


def overgang(
    realisatie: pd.DataFrame,
    tarieven: Tarieven,
    budget: Budgetparameters,
    catalogus: Sequence[Product],
) -> pd.DataFrame:
    """Budgets for existing clients from the realisation of the first periods of last year.

    Volume of periods 1..overgang_perioden, annualised (x perioden / overgang_perioden),
    at the new tarieven; no gebruiksfactor, because realisation is actual use. Same
    columns as `bereken_clienten`.
    """
    k = budget.overgang_perioden
    deel = realisatie[realisatie["periode"] <= k]
    per_product = (
        deel.groupby(["client", "productspecificatie"], sort=True, observed=True)["volume_milli"]
        .sum()
        .reset_index()
    )
    tarief = tarieven.voor(per_product["productspecificatie"])
    milli = per_product["volume_milli"].to_numpy(dtype=np.int64)
    teller = milli * budget.perioden_per_jaar * tarief
    regels = per_product[["client", "productspecificatie"]].copy()
    regels["bedrag_per_jaar_centen"] = rond_half_op(teller, k * 10**INDICATIE_DECIMALEN)
    return bereken_clienten(regels, budget, catalogus)


def controleer_tarieven(tarieven: Tarieven, producten: Iterable[str], bron: str) -> None:
    """InvoerFout when a product in use has no tarief."""
    ontbrekend = sorted(set(producten) - set(tarieven.centen))
    if ontbrekend:
        raise InvoerFout(
            f"geen tarief voor {', '.join(ontbrekend)}.",
            bestand=bron,
            actie="Vul voor elke productspecificatie een tarief in.",
        )
