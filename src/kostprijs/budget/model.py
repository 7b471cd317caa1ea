"""The budget model: from indicaties and tarieven to amounts per client and for the municipality.

Per client and indication line:

    gebruik per jaar = omvang x (units per year at its frequency) x gebruiksfactor
    bedrag per jaar  = gebruik per jaar x tarief            (to the cent, half up)

Units per year: per week x weken per jaar; per 4 weken x weken / 4; per maand x 12; per jaar
x 1; a total for the indication period spread over the year (x weken x 7 / days). A one-off
or trajectory product is counted once and without gebruiksfactor: it is delivered whole.

Under the funding model `periodebudget` the amounts of the products inside the budget are
summed per client; per facturatieperiode = bedrag per jaar / perioden (to the cent, half up),
and the budget is that amount in whole euros, billed as that many units of the budget code.
Products outside the budget are billed per unit delivered, beside the budget. Under
`inspanning` every line is billed per unit: the client's amount is the sum of its lines.

All amounts are integers of cents. An omvang has at most 3 decimals and the gebruiksfactor at
most 4, so each line amount is one exact integer division, rounded once.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from math import prod

import numpy as np
import pandas as pd

from kostprijs.codering import codeer, groepssom, som_per_groep
from kostprijs.geld import geschaald, rond_half_op, rond_omlaag
from kostprijs.parameters import Budgetparameters
from kostprijs.tarieflijst import Tarieven

INDICATIE_DECIMALEN = 3
FACTOR_DECIMALEN = 4
_MILLI = 10**INDICATIE_DECIMALEN
_FACTOR = 10**FACTOR_DECIMALEN
_INT64_VEILIG = 2**62


def iso_weken(jaar: int) -> int:
    """Number of ISO weeks in a year (52 or 53)."""
    return dt.date(jaar, 12, 28).isocalendar().week


def periode_weken(jaar: int, perioden: int = 13) -> list[int]:
    """Weeks per facturatieperiode of 4 weeks: 4 each, the last one takes what is left (4 or 5)."""
    weken = [4] * (perioden - 1)
    return [*weken, iso_weken(jaar) - sum(weken)]


def factor_schaal(gebruiksfactor: Decimal) -> int:
    """The gebruiksfactor as an integer of 1/10.000 (0.65 -> 6500)."""
    return geschaald(gebruiksfactor, FACTOR_DECIMALEN)


def jaarvolume(indicaties: pd.DataFrame, weken_per_jaar: int) -> tuple[np.ndarray, np.ndarray]:
    """Units per year per unit of omvang, as (teller, noemer) integer arrays, exactly.

    `indicaties` has frequentie, dagen (length of the indication period, for 'totaal') and
    eenmalig (one-off products: counted once).
    """
    frequentie = indicaties["frequentie"].to_numpy()
    dagen = indicaties["dagen"].to_numpy(dtype=np.int64)
    eenmalig = indicaties["eenmalig"].to_numpy(dtype=bool)
    w = weken_per_jaar
    # units per year as (teller, noemer), looked up once per distinct frequency; -1: unknown
    per_soort = {
        "per week": (w, 1),
        "per 4 weken": (w, 4),
        "per maand": (12, 1),
        "per jaar": (1, 1),
        "totaal": (7 * w, 1),  # divided by the days of the indication period below
    }
    codes, soorten = codeer(frequentie)
    paren = np.array([per_soort.get(s, (-1, 1)) for s in soorten], dtype=np.int64)
    paren = paren.reshape(-1, 2)[codes]
    teller = np.where(eenmalig, 1, paren[:, 0])
    totaal = np.array([s == "totaal" for s in soorten], dtype=bool)[codes] & ~eenmalig
    noemer = np.where(eenmalig, 1, np.where(totaal, np.maximum(dagen, 1), paren[:, 1]))
    if (teller < 0).any():
        onbekend = sorted(set(frequentie[teller < 0]))
        raise ValueError(f"onbekende frequentie: {', '.join(map(str, onbekend))}")
    deler = np.gcd(teller, noemer)
    return teller // deler, noemer // deler


def blootgesteld(
    teller: np.ndarray, noemer: np.ndarray, indicaties: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray]:
    """Units per year counted for the days each line runs in the year (`dagen_in_jaar` of
    `dagen_jaar`, from `gemeentedata.indicaties.blootstelling`), exactly; a one-off product
    counts whole when it runs in the year at all, a total for the indication period counts
    for the part of its days in the year. Without those columns: the whole year."""
    if "dagen_in_jaar" not in indicaties:
        return teller, noemer
    dagen = indicaties["dagen_in_jaar"].to_numpy(dtype=np.int64)
    jaar = indicaties["dagen_jaar"].to_numpy(dtype=np.int64)
    eenmalig = indicaties["eenmalig"].to_numpy(dtype=bool)
    heel = dagen >= jaar
    if heel.all():
        return teller, noemer
    teller = np.where(heel, teller, teller * np.where(eenmalig, dagen > 0, dagen))
    noemer = np.where(heel | eenmalig, noemer, noemer * jaar)
    # a total for the indication period: the part of it that falls in the year (a total of
    # 26 over 182 days that all lie in the year is 26, not 26 x 364/182 x 182/365)
    totaal = (indicaties["frequentie"].to_numpy() == "totaal") & ~eenmalig & ~heel
    lengte = np.maximum(indicaties["dagen"].to_numpy(dtype=np.int64), 1)
    teller = np.where(totaal, dagen, teller)
    noemer = np.where(totaal, lengte, noemer)
    deler = np.gcd(teller, noemer)
    deler = np.where(deler == 0, 1, deler)
    return teller // deler, noemer // deler


def product_gedeeld(factoren: Sequence[np.ndarray], noemer: np.ndarray) -> np.ndarray:
    """prod(factoren) / noemer per row, rounded half up; exact for any size.

    int64 arithmetic when the largest possible product fits, else Python integers.
    """
    grens = prod(int(np.abs(f).max(initial=0)) for f in factoren)
    if grens < _INT64_VEILIG:
        teller = factoren[0].astype(np.int64)
        for f in factoren[1:]:
            teller = teller * f
        return rond_half_op(teller, noemer)
    uit = np.empty(len(noemer), dtype=np.int64)
    for i, (*fs, n) in enumerate(zip(*factoren, noemer, strict=True)):
        uit[i] = rond_half_op(prod(int(f) for f in fs), int(n))
    return uit


def bereken_regels(
    indicaties: pd.DataFrame,
    tarieven: Tarieven,
    budget: Budgetparameters,
    gebruiksfactor: Decimal | None = None,
) -> pd.DataFrame:
    """Gebruik and bedrag per jaar per indication line.

    `indicaties` as read by `budget_invoer` (omvang_milli, frequentie, dagen, eenmalig,
    in_budget, ...). Returns client, productspecificatie, variant, leveringsvorm, in_budget,
    gebruik_per_jaar (float, for display), tarief_centen and bedrag_per_jaar_centen (int64).
    """
    factor = factor_schaal(budget.gebruiksfactor if gebruiksfactor is None else gebruiksfactor)
    milli, teller, deler, eenmalig = _regelfactoren(indicaties, budget)
    tarief = tarieven.voor(indicaties)
    regels = pd.DataFrame(
        {
            k: indicaties[k].to_numpy()
            for k in ["client", "productspecificatie", "variant", "leveringsvorm", "in_budget"]
        },
        index=indicaties.index,
        copy=False,  # the columns are only read: no copy of a million text cells
    )
    factoren = _factoren(eenmalig, factor)
    regels["gebruik_per_jaar"] = milli.astype(np.float64) * teller * factoren / deler
    regels["tarief_centen"] = tarief
    regels["bedrag_per_jaar_centen"] = product_gedeeld([milli, teller, factoren, tarief], deler)
    return regels


def _regelfactoren(indicaties: pd.DataFrame, budget: Budgetparameters):
    """Per line: omvang (milli), units per year as teller / noemer, the divisor of the line
    amount (noemer x 1.000 x 10.000: omvang and gebruiksfactor are scaled) and one-off."""
    teller, noemer = blootgesteld(*jaarvolume(indicaties, budget.weken_per_jaar), indicaties)
    return (
        indicaties["omvang_milli"].to_numpy(dtype=np.int64),
        teller,
        noemer * (_MILLI * _FACTOR),
        indicaties["eenmalig"].to_numpy(dtype=bool),
    )


def _factoren(eenmalig: np.ndarray, factor: int) -> np.ndarray:
    """The gebruiksfactor per line (1/10.000); a one-off product is delivered whole."""
    return np.where(eenmalig, _FACTOR, factor).astype(np.int64)


@dataclass(frozen=True)
class Voorbereid:
    """Indication lines prepared once for many evaluations (scenarios, gebruiksfactoren):
    the grouping by client and every line's integer factors. Only the tarief and the
    gebruiksfactor vary; each evaluation is integer arithmetic per line and one sum per client.
    """

    codes: np.ndarray  # per line: the position of its client in `clienten`
    clienten: np.ndarray  # the clients, sorted
    milli: np.ndarray
    teller: np.ndarray
    deler: np.ndarray  # noemer x 1.000 x 10.000 (omvang and gebruiksfactor are scaled)
    eenmalig: np.ndarray
    binnen: np.ndarray  # the line counts in the client's amount (periodebudget: in budget)

    @classmethod
    def van(cls, indicaties: pd.DataFrame, budget: Budgetparameters, periodebudget: bool):
        codes, clienten = clientgroepen(indicaties["client"])
        binnen = (
            indicaties["in_budget"].to_numpy(dtype=bool)
            if periodebudget
            else np.ones(len(indicaties), dtype=bool)
        )
        return cls(codes, clienten, *_regelfactoren(indicaties, budget), binnen)

    def regelbedragen(self, tarief: np.ndarray, factor: int) -> np.ndarray:
        """Bedrag per jaar per line in cents, as `bereken_regels` computes it."""
        factoren = _factoren(self.eenmalig, factor)
        return product_gedeeld([self.milli, self.teller, factoren, tarief], self.deler)

    def per_client(
        self, tarief: np.ndarray, factor: int, budget: Budgetparameters, periodebudget: bool
    ) -> np.ndarray:
        """What each of `clienten` costs per year (cents)."""
        bedrag = self.regelbedragen(tarief, factor)
        per_client = _per_client(
            self.codes, len(self.clienten), bedrag, self.binnen, budget, periodebudget
        )
        return per_client["jaar_centen"].to_numpy()

    def totaal(
        self, tarief: np.ndarray, factor: int, budget: Budgetparameters, periodebudget: bool
    ) -> int:
        """What the municipality pays per year for these lines (cents)."""
        return int(self.per_client(tarief, factor, budget, periodebudget).sum())


def clientgroepen(client) -> tuple[np.ndarray, np.ndarray]:
    """Per line the position of its client among the sorted distinct clients, and those.

    Grouped in order of appearance, then the distinct clients sorted: faster than pandas'
    sorting factorize."""
    codes, clienten = codeer(np.asarray(client))
    volgorde = np.argsort(clienten, kind="stable")
    positie = np.empty(len(volgorde), dtype=np.intp)
    positie[volgorde] = np.arange(len(volgorde))
    return positie[codes], np.asarray(clienten)[volgorde]


CLIENT_KOLOMMEN = [
    "client",
    "bedrag_per_jaar_centen",
    "bedrag_per_periode_centen",
    "budget_per_periode",
    "buiten_budget_per_jaar_centen",
    "jaar_centen",
]


def bereken_clienten(
    regels: pd.DataFrame, budget: Budgetparameters, periodebudget: bool
) -> pd.DataFrame:
    """Per client: bedrag per jaar and per facturatieperiode, and what it costs per year.

    periodebudget: bedrag_per_jaar_centen sums the products inside the budget, the budget per
    periode is its per-period amount in whole euros, and buiten_budget_per_jaar_centen the
    products billed per unit beside it; jaar_centen = budget x perioden + buiten budget.
    inspanning: bedrag_per_jaar_centen sums every line, there is no budget (0), and
    jaar_centen = bedrag_per_jaar_centen. Columns: CLIENT_KOLOMMEN.
    """
    codes, clienten = clientgroepen(regels["client"])
    binnen = (
        regels["in_budget"].to_numpy(dtype=bool) if periodebudget else np.ones(len(regels), bool)
    )
    uit = _per_client(
        codes,
        len(clienten),
        regels["bedrag_per_jaar_centen"].to_numpy(dtype=np.int64),
        binnen,
        budget,
        periodebudget,
    )
    uit.insert(0, "client", clienten)
    return uit[CLIENT_KOLOMMEN]


def _per_client(
    codes: np.ndarray,
    n: int,
    bedrag: np.ndarray,
    binnen: np.ndarray,
    budget: Budgetparameters,
    periodebudget: bool,
) -> pd.DataFrame:
    """The per-client amounts of `bereken_clienten` (without the client column)."""
    jaar = som_per_groep(codes, np.where(binnen, bedrag, 0), n)
    buiten = som_per_groep(codes, np.where(binnen, 0, bedrag), n)
    periode = rond_half_op(jaar, budget.perioden_per_jaar)
    if periodebudget:
        afronden = rond_half_op if budget.afronding_budget == "half_omhoog" else rond_omlaag
        budget_per_periode = afronden(periode, 100)
        jaar_centen = budget_per_periode * 100 * budget.perioden_per_jaar + buiten
    else:
        budget_per_periode = np.zeros(n, dtype=np.int64)
        jaar_centen = jaar
    return pd.DataFrame(
        {
            "bedrag_per_jaar_centen": jaar,
            "bedrag_per_periode_centen": periode,
            "budget_per_periode": budget_per_periode,
            "buiten_budget_per_jaar_centen": buiten,
            "jaar_centen": jaar_centen,
        }
    )


def jaartotaal_centen(clienten: pd.DataFrame) -> int:
    """What the municipality pays per year for these clients (cents)."""
    return int(clienten["jaar_centen"].sum())


def totaal_bij_factor(
    indicaties: pd.DataFrame,
    tarieven: Tarieven,
    budget: Budgetparameters,
    periodebudget: bool,
    gebruiksfactor: Decimal,
) -> int:
    """The municipal jaartotaal (cents) for these indicaties at a given gebruiksfactor."""
    v = Voorbereid.van(indicaties, budget, periodebudget)
    return v.totaal(tarieven.voor(indicaties), factor_schaal(gebruiksfactor), budget, periodebudget)


def gevoeligheid(
    indicaties: pd.DataFrame,
    scenarios: Mapping[str, Tarieven],
    budget: Budgetparameters,
    periodebudget: bool,
) -> pd.DataFrame:
    """Jaartotaal (cents) per gebruiksfactor in `budget.gevoeligheid`, one column per scenario.

    The lines are grouped by client once, and each scenario's tarieven looked up once."""
    v = Voorbereid.van(indicaties, budget, periodebudget)
    tarief = {naam: tarieven.voor(indicaties) for naam, tarieven in scenarios.items()}
    rijen = []
    for factor in budget.gevoeligheid:
        rij: dict[str, object] = {"gebruiksfactor": factor}
        for naam in scenarios:
            rij[naam] = v.totaal(tarief[naam], factor_schaal(factor), budget, periodebudget)
        rijen.append(rij)
    return pd.DataFrame(rijen)


def budgetneutrale_factor(
    indicaties: pd.DataFrame,
    tarieven: Tarieven,
    budget: Budgetparameters,
    periodebudget: bool,
    doel_centen: int,
) -> Decimal:
    """The smallest gebruiksfactor (4 decimals) whose jaartotaal reaches `doel_centen`.

    The jaartotaal rises with the factor and is nearly proportional to it, so the search
    starts at the proportional estimate and steps to the exact answer, rounding of every
    line and budget included (a few evaluations instead of a bisection's fourteen).
    """

    v = Voorbereid.van(indicaties, budget, periodebudget)
    tarief = tarieven.voor(indicaties)

    def totaal(stappen: int) -> int:
        return v.totaal(tarief, stappen, budget, periodebudget)

    volledig = totaal(_FACTOR)
    if volledig < doel_centen:
        raise ValueError("ook bij een gebruiksfactor van 100% wordt het doel niet gehaald")
    f = min(_FACTOR, max(0, -(-doel_centen * _FACTOR // max(volledig, 1))))
    while f < _FACTOR and totaal(f) < doel_centen:
        f += 1
    while f > 0 and totaal(f - 1) >= doel_centen:
        f -= 1
    return Decimal(f).scaleb(-FACTOR_DECIMALEN)


def geindiceerd_bedrag(indicaties: pd.DataFrame, tarieven: Tarieven, jaar: int) -> np.ndarray:
    """Per line: the indication at the tarief over the weeks of `jaar`, without a usage
    factor (on exposure when the lines carry it), in cents: the divisor of a measured usage
    factor."""
    teller, noemer = blootgesteld(*jaarvolume(indicaties, iso_weken(jaar)), indicaties)
    milli = indicaties["omvang_milli"].to_numpy(dtype=np.int64)
    return product_gedeeld([milli, teller, tarieven.voor(indicaties)], noemer * 1000)


def realisatie_bedragen(realisatie: pd.DataFrame, tarieven: Tarieven) -> np.ndarray:
    """Declared volume x tarief per line, to the cent (half up).

    `realisatie` has productspecificatie, variant, leveringsvorm and volume_milli (1/1.000 units).
    """
    tarief = tarieven.voor(realisatie)
    milli = realisatie["volume_milli"].to_numpy(dtype=np.int64)
    return rond_half_op(milli * tarief, _MILLI)


def realisatie_bedrag_centen(realisatie: pd.DataFrame, tarieven: Tarieven) -> int:
    """Realised spending: `realisatie_bedragen` summed."""
    return int(realisatie_bedragen(realisatie, tarieven).sum())


def empirische_gebruiksfactor(
    indicaties: pd.DataFrame, realisatie: pd.DataFrame, realisatiejaar: int
) -> pd.DataFrame:
    """Realised volume / indicated volume per productspecificatie, for the given clients.

    The indicated volume is the indication over the ISO weeks of the realisation year, for
    the days each indication ran in that year when `indicaties` carry `dagen_in_jaar` for it
    (exposure; else the whole year). A one-off product: its number. Columns
    productspecificatie, geindiceerd_milli, gerealiseerd_milli, clienten, clientdagen,
    gebruiksfactor (float; NaN without indicated volume).
    """
    teller, noemer = blootgesteld(*jaarvolume(indicaties, iso_weken(realisatiejaar)), indicaties)
    milli = indicaties["omvang_milli"].to_numpy(dtype=np.int64)
    volume = pd.Series(product_gedeeld([milli, teller], noemer), index=indicaties.index)
    product = indicaties["productspecificatie"]
    geindiceerd = volume.groupby(product).sum()
    gerealiseerd = realisatie.groupby("productspecificatie", observed=True)["volume_milli"].sum()
    gerealiseerd.index = gerealiseerd.index.astype(object)
    tabel = pd.DataFrame({"geindiceerd_milli": geindiceerd, "gerealiseerd_milli": gerealiseerd})
    tabel = tabel.fillna(0).astype(np.int64)
    tabel["clienten"] = indicaties.groupby("productspecificatie")["client"].nunique()
    dagen = (
        indicaties["dagen_in_jaar"].to_numpy(dtype=np.int64)
        if "dagen_in_jaar" in indicaties
        else np.full(len(indicaties), 366 if calendar.isleap(realisatiejaar) else 365)
    )
    tabel["clientdagen"] = pd.Series(dagen, index=indicaties.index).groupby(product).sum()
    for k in ("clienten", "clientdagen"):
        tabel[k] = tabel[k].fillna(0).astype(np.int64)
    g = tabel["geindiceerd_milli"]
    tabel["gebruiksfactor"] = np.where(
        g > 0, tabel["gerealiseerd_milli"] / g.where(g > 0, 1), np.nan
    )
    return tabel.reset_index(names="productspecificatie")


def overgang(
    realisatie: pd.DataFrame,
    tarieven: Tarieven,
    budget: Budgetparameters,
    lopend: pd.Series | None = None,
    waar: np.ndarray | None = None,
) -> pd.DataFrame:
    """Periodebudgets for existing clients from the realisation of the first periods of last year.

    Volume of the lines `waar` (default all) in periods 1..overgang_perioden, annualised (x perioden / the periods among those
    in which the client had an indication: `lopend` per client, default all of them), at
    the new tarieven; no gebruiksfactor, because realisation is actual use. `realisatie` has
    in_budget per line. Same columns as `bereken_clienten`.
    """
    k = budget.overgang_perioden
    sleutel = ["client", "productspecificatie", "variant", "leveringsvorm", "in_budget"]
    eerste = (realisatie["periode"] <= k).to_numpy()
    waar = eerste if waar is None else waar & eerste
    per_regel = groepssom(realisatie, sleutel, "volume_milli", waar)
    tarief = tarieven.voor(per_regel)
    milli = per_regel["volume_milli"].to_numpy(dtype=np.int64)
    regels = per_regel[sleutel].copy()
    noemer = np.full(len(regels), k, dtype=np.int64)
    if lopend is not None:
        noemer = lopend.reindex(per_regel["client"]).fillna(k).clip(1, k).to_numpy(np.int64)
    noemer = noemer * _MILLI
    perioden = np.full(len(regels), budget.perioden_per_jaar, dtype=np.int64)
    regels["bedrag_per_jaar_centen"] = product_gedeeld([milli, perioden, tarief], noemer)
    return bereken_clienten(regels, budget, periodebudget=True)
