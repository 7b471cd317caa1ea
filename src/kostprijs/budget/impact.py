"""The budget impact of new tarieven for the municipality: everything the budget report shows.

Reads the year's raw folder (indicaties, huidige tarieven, realisatie of last year) and the
new tarieven, runs the budget model under the municipality's funding model and returns the
results as data (amounts in cents). Presentation lives in `kostprijs.rapport.budgettabellen`.

Existing clients are clients with realisation last year and an indication that still runs in
the tariff year; realisation of clients whose indications all ended is kept apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from kostprijs.bestanden import catalogus
from kostprijs.budget.invoer import indicaties_uit_waarden, lees_indicaties, lees_realisatie
from kostprijs.budget.model import (
    bereken_clienten,
    bereken_regels,
    budgetneutrale_factor,
    empirische_gebruiksfactor,
    gevoeligheid,
    iso_weken,
    jaartotaal_centen,
    jaarvolume,
    overgang,
    product_gedeeld,
    realisatie_bedrag_centen,
)
from kostprijs.fouten import InvoerFout
from kostprijs.geld import centen, rond_half_op
from kostprijs.gemeentedata.tabellezer import verslag
from kostprijs.herkomst.pseudoniem import lees_sleutel, pseudonimiseer
from kostprijs.parameters import ZIN, Jaarparameters, Voorbeeldregel
from kostprijs.tarieflijst import (
    Tarieven,
    controleer_dekking,
    lees_tarieven,
    pgb_controle,
    regelnaam,
    tarieven_uit_lijst,
    zin_regels,
)

NIEUW = "nieuwe tarieven"
HUIDIG = "huidige tarieven"
VOORBEELDCLIENT = "voorbeeld"


@dataclass(frozen=True)
class Rekenvoorbeeld:
    """The worked example: its lines (with the tarief used) and the client's totals."""

    regels: pd.DataFrame
    client: pd.Series
    tarieven_uit_parameters: bool


@dataclass(frozen=True)
class Budgetimpact:
    """All results of the budget report; amounts in cents."""

    periodebudget: bool
    perioden_per_jaar: int
    weken_realisatiejaar: int
    rekenvoorbeeld: Rekenvoorbeeld
    tarieven: pd.DataFrame
    pgb: pd.DataFrame
    totalen: pd.DataFrame
    gevoeligheid: pd.DataFrame
    realisatie_bestaand_centen: int
    realisatie_normjaar_centen: int
    budgetneutrale_factor: Decimal | None
    gebruiksfactoren: pd.DataFrame
    gebruiksfactor_gewogen: float
    overgang: pd.DataFrame | None
    aansluiting: pd.DataFrame | None
    verdeling: pd.DataFrame
    aantal_clienten: int
    aantal_bestaand: int
    beeindigd_clienten: int
    beeindigd_centen: int
    zonder_nieuw_tarief: tuple[str, ...]
    frequenties: tuple[str, ...]
    omrekeningen: tuple[str, ...] = ()  # conversions made when reading (iWmo codes, minutes)
    bevindingen: tuple[str, ...] = ()  # title and total lines, unused columns of the raw files

    @property
    def nieuw_bestaand_centen(self) -> int:
        """Existing clients at the new tarieven and the gebruiksfactor, per year."""
        return int(self.totalen["bestaande_clienten_centen"].iat[0])

    @property
    def verschil_met_realisatie_centen(self) -> int:
        """Against the realisation as it was (in a 53-week year: one week more than the model)."""
        return self.nieuw_bestaand_centen - self.realisatie_bestaand_centen

    @property
    def verschil_met_realisatie_fractie(self) -> Decimal:
        return Decimal(self.verschil_met_realisatie_centen) / Decimal(
            self.realisatie_bestaand_centen
        )

    @property
    def realisatie_omgerekend(self) -> bool:
        """The realisatiejaar had another number of weeks than the model's year."""
        return self.realisatie_normjaar_centen != self.realisatie_bestaand_centen

    @property
    def verschil_normjaar_centen(self) -> int:
        """Like for like: against the realisation converted to the model's weeks per year."""
        return self.nieuw_bestaand_centen - self.realisatie_normjaar_centen

    @property
    def verschil_normjaar_fractie(self) -> Decimal:
        return Decimal(self.verschil_normjaar_centen) / Decimal(self.realisatie_normjaar_centen)


def voorbeeldregels(params: Jaarparameters) -> tuple[Voorbeeldregel, ...]:
    """The worked example of the parameters, or one built from the catalogue: the first
    product of each soort (at most three), 1 unit per week (a one-off product: 1)."""
    if params.rekenvoorbeeld:
        return params.rekenvoorbeeld
    gekozen: dict[str, Voorbeeldregel] = {}
    for p in params.catalogus:
        if p.soort not in gekozen and not p.varianten and len(gekozen) < 3:
            gekozen[p.soort] = Voorbeeldregel(p.productspecificatie, Decimal(1))
    return tuple(gekozen.values())


def rekenvoorbeeld(params: Jaarparameters, nieuw: Tarieven) -> Rekenvoorbeeld:
    """The worked example computed by the model, at its own tarieven or else the new ones."""
    regels_ = voorbeeldregels(params)
    indicaties = indicaties_uit_waarden(
        [(VOORBEELDCLIENT, r.productspecificatie, r.per_week) for r in regels_], params
    )
    uit_parameters = all(r.tarief is not None for r in regels_)
    tarieven = (
        Tarieven({r.productspecificatie: centen(r.tarief) for r in regels_})
        if uit_parameters
        else nieuw
    )
    regels = bereken_regels(indicaties, tarieven, params.budget)
    regels["omvang"] = [r.per_week for r in regels_]
    regels["eenmalig"] = indicaties["eenmalig"].to_numpy()
    regels["eenheid"] = [params.product(r.productspecificatie).eenheid for r in regels_]
    client = bereken_clienten(regels, params.budget, params.bekostiging.periodebudget).iloc[0]
    return Rekenvoorbeeld(regels, client, uit_parameters)


def _vereist(paden: list[Path], raw: Path) -> None:
    for pad in paden:
        if not Path(pad).exists():
            raise InvoerFout(
                "dit bestand ontbreekt.",
                bestand=pad,
                actie=f"Zet het in {raw} (zie docs/gegevens.md) of maak voorbeelddata met "
                "`kostprijs voorbeeld`.",
            )


def bereken_budgetimpact(
    params: Jaarparameters, raw: Path, tarieven_nieuw: Path, *, sleutel: bytes | None = None
) -> Budgetimpact:
    """Run the budget model on the year's raw folder and the new tarieven.

    Client identifiers are pseudonymised right after reading (`sleutel`: default the local key).
    """
    raw = Path(raw)
    sleutel = lees_sleutel() if sleutel is None else sleutel
    realisatie_pad = catalogus.realisatiebron(raw, params.realisatiejaar)
    huidig_pad = catalogus.tarievenbron(raw)
    indicatie_pad = catalogus.indicatiebron(raw)
    _vereist([indicatie_pad, huidig_pad, realisatie_pad, Path(tarieven_nieuw)], raw)
    b = params.budget
    pb = params.bekostiging.periodebudget

    alle_indicaties = lees_indicaties(indicatie_pad, params)
    alle_indicaties["client"] = pseudonimiseer(alle_indicaties["client"], sleutel)
    indicaties = alle_indicaties[alle_indicaties["lopend"]].reset_index(drop=True)
    huidig_lijst = lees_tarieven(huidig_pad, params, meerdere=True)
    nieuw_lijst = lees_tarieven(Path(tarieven_nieuw), params)
    huidig = tarieven_uit_lijst(huidig_lijst, params)
    voorstel = tarieven_uit_lijst(nieuw_lijst, params)
    # a product without a new tarief (no cost price) keeps its current one, and a new product
    # without a current tarief counts at its new one in both scenarios
    nieuw = voorstel.aangevuld_met(huidig)
    ongewijzigd = sorted({p for p, _, _ in set(nieuw.centen) - set(voorstel.centen)})
    controleer_dekking(nieuw, indicaties, str(tarieven_nieuw))
    huidig_aangevuld = huidig.aangevuld_met(nieuw)
    realisatie = lees_realisatie(realisatie_pad, params)
    inlezen = verslag(alle_indicaties, huidig_lijst, realisatie)
    pseudoniemen = pseudonimiseer(pd.Series(realisatie.attrs.pop("clienten")), sleutel)
    controleer_dekking(huidig_aangevuld, realisatie, str(huidig_pad))
    # one integer per client, in the order of the pseudonyms: every grouping below works on
    # integers instead of long strings
    codes, _ = pd.factorize(
        np.concatenate([indicaties["client"].to_numpy(), pseudoniemen.to_numpy()]), sort=True
    )
    indicaties["client"] = codes[: len(indicaties)]
    realisatie["client"] = codes[len(indicaties) :][realisatie["client"].to_numpy()]

    lopende_clienten = indicaties["client"].unique()
    met_realisatie = realisatie["client"].isin(lopende_clienten)
    beeindigd = realisatie[~met_realisatie]
    realisatie = realisatie[met_realisatie]
    bestaand = indicaties[indicaties["client"].isin(realisatie["client"].unique())]

    scenarios = {NIEUW: nieuw, HUIDIG: huidig_aangevuld}

    def clienten_bij(ind: pd.DataFrame, tarieven: Tarieven) -> pd.DataFrame:
        return bereken_clienten(bereken_regels(ind, tarieven, b), b, pb)

    alle = {naam: clienten_bij(indicaties, t) for naam, t in scenarios.items()}
    van_bestaand = {naam: clienten_bij(bestaand, t) for naam, t in scenarios.items()}
    realisatie_centen = realisatie_bedrag_centen(realisatie, huidig_aangevuld)
    weken = iso_weken(params.realisatiejaar)
    normjaar_centen = realisatie_normjaar(realisatie_centen, weken, b.weken_per_jaar)
    rijen = [
        (
            f"Indicaties × gebruiksfactor × {NIEUW}",
            jaartotaal_centen(alle[NIEUW]),
            jaartotaal_centen(van_bestaand[NIEUW]),
        ),
        (
            f"Indicaties × gebruiksfactor × {HUIDIG}",
            jaartotaal_centen(alle[HUIDIG]),
            jaartotaal_centen(van_bestaand[HUIDIG]),
        ),
    ]
    realisatie_naam = f"Realisatie {params.realisatiejaar} × {HUIDIG}"
    if weken == b.weken_per_jaar:
        rijen.append((realisatie_naam, None, realisatie_centen))
    else:  # like for like: the realisation converted to the model's weeks as well
        rijen.append((f"{realisatie_naam} ({weken} weken)", None, realisatie_centen))
        rijen.append(
            (
                f"{realisatie_naam}, omgerekend naar {b.weken_per_jaar} weken",
                None,
                normjaar_centen,
            )
        )
    totalen = pd.DataFrame(
        rijen, columns=["scenario", "alle_clienten_centen", "bestaande_clienten_centen"]
    )
    try:
        neutraal = budgetneutrale_factor(bestaand, nieuw, b, pb, normjaar_centen)
    except ValueError:
        neutraal = None
    gevoelig = gevoeligheid(indicaties, scenarios, b, pb)
    gevoelig[f"{NIEUW} (bestaande cliënten)"] = gevoeligheid(bestaand, {NIEUW: nieuw}, b, pb)[NIEUW]
    return Budgetimpact(
        periodebudget=pb,
        perioden_per_jaar=b.perioden_per_jaar,
        weken_realisatiejaar=weken,
        rekenvoorbeeld=rekenvoorbeeld(params, nieuw),
        tarieven=_tarieftabel(params, huidig_lijst, nieuw),
        pgb=_pgb_tabel(params, huidig_lijst, nieuw_lijst),
        totalen=totalen,
        gevoeligheid=gevoelig,
        realisatie_bestaand_centen=realisatie_centen,
        realisatie_normjaar_centen=normjaar_centen,
        budgetneutrale_factor=neutraal,
        gebruiksfactoren=empirische_gebruiksfactor(bestaand, realisatie, params.realisatiejaar)
        .set_index("productspecificatie")
        .reindex(
            [p for p in params.productspecificaties if p in set(bestaand["productspecificatie"])]
        )
        .reset_index(),
        gebruiksfactor_gewogen=_gewogen_gebruik(
            bestaand, huidig_aangevuld, realisatie_centen, params.realisatiejaar
        ),
        overgang=_overgang(realisatie, nieuw, van_bestaand[NIEUW], params) if pb else None,
        aansluiting=_aansluiting(van_bestaand[NIEUW], b.perioden_per_jaar) if pb else None,
        verdeling=_verdeling(alle[NIEUW], pb),
        aantal_clienten=int(indicaties["client"].nunique()),
        aantal_bestaand=int(bestaand["client"].nunique()),
        beeindigd_clienten=int(beeindigd["client"].nunique()),
        beeindigd_centen=realisatie_bedrag_centen(beeindigd, huidig_aangevuld),
        zonder_nieuw_tarief=tuple(ongewijzigd),
        frequenties=tuple(sorted(set(indicaties.loc[~indicaties["eenmalig"], "frequentie"]))),
        omrekeningen=inlezen[0],
        bevindingen=inlezen[1],
    )


def realisatie_normjaar(centen_: int, weken: int, weken_per_jaar: int) -> int:
    """Realised spending over `weken` ISO weeks, converted to the model's year (half up)."""
    return int(rond_half_op(centen_ * weken_per_jaar, weken))


def _aansluiting(clienten: pd.DataFrame, perioden: int) -> pd.DataFrame:
    """How the periodebudgets add up to the scenario's total: budgets x perioden, plus the
    products billed per unit beside the budget, is what the clients cost per year."""
    budget = clienten["budget_per_periode"].to_numpy(dtype=np.int64)
    buiten = clienten["buiten_budget_per_jaar_centen"].to_numpy(dtype=np.int64)
    return pd.DataFrame(
        {
            "onderdeel": ["periodebudgetten", "buiten het periodebudget", "totaal"],
            "clienten": [int((budget > 0).sum()), int((buiten > 0).sum()), len(clienten)],
            "centen": [
                int(budget.sum()) * 100 * perioden,
                int(buiten.sum()),
                jaartotaal_centen(clienten),
            ],
        }
    )


def _gewogen_gebruik(bestaand, tarieven: Tarieven, realisatie_centen: int, jaar: int) -> float:
    """Realised spending / the same clients' full indicaties at the same tarieven, all weeks."""
    teller, noemer = jaarvolume(bestaand, iso_weken(jaar))
    milli = bestaand["omvang_milli"].to_numpy(dtype=np.int64)
    tarief = tarieven.voor(bestaand)
    volledig = int(product_gedeeld([milli, teller, tarief], noemer * 1000).sum())
    return realisatie_centen / volledig if volledig else float("nan")


def _overgang(realisatie, nieuw: Tarieven, indicatie_bestaand, params) -> pd.DataFrame:
    """Periodebudgets of existing clients: from realisation, and from indication x factor."""
    b = params.budget
    clienten = overgang(realisatie, nieuw, b)
    return pd.DataFrame(
        {
            "grondslag": [
                f"Realisatie periode 1 t/m {b.overgang_perioden} van {params.realisatiejaar}, "
                "op jaarbasis",
                "Indicatie × gebruiksfactor × nieuwe tarieven",
            ],
            "clienten": [
                int((clienten["budget_per_periode"] > 0).sum()),
                int((indicatie_bestaand["budget_per_periode"] > 0).sum()),
            ],
            "budget_per_periode_totaal": [
                int(clienten["budget_per_periode"].sum()),
                int(indicatie_bestaand["budget_per_periode"].sum()),
            ],
        }
    )


def _tarieftabel(params: Jaarparameters, huidig: pd.DataFrame, nieuw: Tarieven) -> pd.DataFrame:
    """Per ZIN tariff line of the catalogue: current tarief(s) and the new one (cents)."""
    zin = huidig[huidig["leveringsvorm"] == ZIN]
    rijen = []
    for product, variant in zin_regels(params):
        p = params.product(product)
        h = zin[(zin["productspecificatie"] == product) & (zin["variant"] == variant)]
        rijen.append(
            {
                "regel": regelnaam(product, variant),
                "productspecificatie": product,
                "eenheid": p.eenheid,
                "productcode": p.productcode,
                "in_budget": p.in_periodebudget and params.bekostiging.periodebudget,
                "huidig_centen": sorted(int(c) for c in h["tarief_centen"]),
                "nieuw_centen": nieuw.product(product, variant),
            }
        )
    return pd.DataFrame(rijen)


def _pgb_tabel(params: Jaarparameters, huidig: pd.DataFrame, nieuw: pd.DataFrame) -> pd.DataFrame:
    """The pgb tarieven, current and new, against ZIN (empty without pgb tiers)."""
    delen = []
    for naam, lijst in ((HUIDIG, huidig), (NIEUW, nieuw)):
        tabel = pgb_controle(lijst, params)
        tabel.insert(0, "scenario", naam)
        delen.append(tabel)
    return pd.concat(delen, ignore_index=True)


def _verdeling(clienten: pd.DataFrame, periodebudget: bool) -> pd.DataFrame:
    """Spread of the amount per period of clients with one (no minimum or maximum: personal data).

    periodebudget: the budget per periode in whole euros; inspanning: the amount per period.
    """
    kolom = "budget_per_periode" if periodebudget else "bedrag_per_periode_centen"
    waarden = clienten.loc[clienten[kolom] > 0, kolom].to_numpy()
    if not periodebudget:
        waarden = waarden / 100
    kwantielen = [0.10, 0.25, 0.50, 0.75, 0.90]
    uitkomst = (
        np.quantile(waarden, kwantielen, method="inverted_cdf") if len(waarden) else [None] * 5
    )
    return pd.DataFrame({"kwantiel": kwantielen, "per_periode": uitkomst})
