"""The budget impact of new tarieven for the municipality: everything the budget report shows.

Reads the year's raw folder (indicaties, huidige tarieven, realisatie of last year) and the
new tarieven, runs the budget model under the municipality's funding model and returns the
results as data (amounts in cents). Presentation lives in `kostprijs.rapport.budgettabellen`.

Existing clients are clients with realisation last year and an indication that still runs in
the tariff year; realisation of clients whose indications all ended is kept apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from kostprijs.bestanden import catalogus
from kostprijs.budget.gemeenten import gemeentecijfers
from kostprijs.budget.invoer import indicaties_uit_waarden, lees_indicaties, lees_realisatie
from kostprijs.budget.model import (
    Voorbereid,
    bereken_clienten,
    bereken_regels,
    budgetneutrale_factor,
    empirische_gebruiksfactor,
    factor_schaal,
    geindiceerd_bedrag,
    gevoeligheid,
    iso_weken,
    jaartotaal_centen,
    overgang,
    realisatie_bedragen,
)
from kostprijs.budget.rekenbladvolumes import Rekenbladgegevens, rekenbladgegevens
from kostprijs.budget.scenariobudget import (
    index_van_tariefjaar,
    indexgevoeligheid,
    scenariotabel,
    scenariotarieven,
    scenariototalen,
)
from kostprijs.fouten import InvoerFout
from kostprijs.geld import centen, rond_half_op
from kostprijs.gemeentedata.clientnummers import normaliseer, zonder_elfproef
from kostprijs.gemeentedata.indicaties import blootstelling
from kostprijs.gemeentedata.realisatie import (
    BEVESTIGINGEN,
    Gebruiksband,
    bevestigde_regels,
    buiten_band,
    geindiceerd_per_client,
    lees_bevestigingen,
    lopende_perioden,
    ontdubbel,
    toets_periodes,
    verreken_credits,
)
from kostprijs.gemeentedata.tabellezer import lees_tabel, verslag
from kostprijs.herkomst.pseudoniem import lees_sleutel, pseudonimiseer
from kostprijs.parameters import ZIN, Jaarparameters, Voorbeeldregel
from kostprijs.scenarios import EIGEN, Scenario, Scenarios
from kostprijs.tarieflijst import KOLOMMEN as TARIEF_KOLOMMEN
from kostprijs.tarieflijst import OPTIONEEL as TARIEF_OPTIONEEL
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
# like the actual spending: existing clients, the products that have a current tarief
NIEUW_VERGELIJKBAAR = f"{NIEUW} (bestaande cliënten, producten met een huidig tarief)"
NIEUWE_PRODUCTEN = f"Nieuwe producten (zonder huidig tarief): indicaties × gebruiksfactor × {NIEUW}"
VOORBEELDCLIENT = "voorbeeld"
# reasons of exclusion with a date (column `datum`, ISO), written out by `opmaak.bericht`
BEEINDIGD = "indicatie beëindigd op {datum}"
GEEN_OP_START = "geen indicatie op {datum}"
BEEINDIGD_VOOR_START = "indicatie beëindigd vóór {datum}"


@dataclass(frozen=True)
class Rekenvoorbeeld:
    """The worked example: its lines (with the tarief used) and the client's totals."""

    regels: pd.DataFrame
    client: pd.Series
    tarieven_uit_parameters: bool


@dataclass(frozen=True)
class Budgetimpact:
    """All results of the budget report; amounts in cents."""

    indexgevoeligheid: pd.DataFrame  # jaartotaal at other index figures of the tariff year
    rekenblad_regels: pd.DataFrame  # the what-if workbook's lines (budget.rekenbladvolumes)
    rekenblad_tarieven: pd.DataFrame
    rekenblad_afronding_centen: int
    rekenblad_afronding_huidig_centen: int
    rekenblad_weggelaten: tuple[str, ...]
    scenarios: pd.DataFrame  # per scenario and tariff line: tarief_centen
    scenariototalen: pd.DataFrame  # per scenario: jaartotaal for all and existing clients
    periodebudget: bool
    perioden_per_jaar: int
    weken_realisatiejaar: int
    rekenvoorbeeld: Rekenvoorbeeld
    tarieven: pd.DataFrame
    pgb: pd.DataFrame
    totalen: pd.DataFrame
    gevoeligheid: pd.DataFrame
    realisatie_bestaand_centen: int  # actual spending: products with a current tarief only
    realisatie_normjaar_centen: int
    vergelijk_nieuw_bestaand_centen: int  # existing clients at the new tarieven, same products
    nieuwe_producten: tuple[str, ...]  # products without a current tarief
    realisatie_nieuwe_producten: pd.DataFrame  # existing clients' realisation of them
    # all clients at the current tarieven, new products at their new tarief, in one pass:
    # the basis of every difference of a scenario with the current tarieven
    huidig_basis_centen: int
    budgetneutrale_factor: Decimal | None  # on exposure (see docs/aannames.md)
    budgetneutrale_factor_naief: Decimal | None  # as if every indication ran the whole year
    gebruiksfactoren: pd.DataFrame  # on exposure, with clientdagen
    gebruiksfactoren_naief: pd.DataFrame
    gebruiksfactor_gewogen: float
    gebruiksfactor_gewogen_naief: float
    overgang: pd.DataFrame | None
    aansluiting: pd.DataFrame | None
    verdeling: pd.DataFrame
    aantal_clienten: int
    aantal_bestaand: int
    beeindigd_clienten: int
    beeindigd_centen: int
    uitgesloten: pd.DataFrame  # per soort of exclusion: clienten, volume_milli, centen
    buiten_band_paren: int  # clients x products with use outside the gebruiksband
    buiten_band_centen: int
    zonder_elfproef: int
    gecrediteerd: int
    ontdubbeld: int
    zonder_nieuw_tarief: tuple[str, ...]
    frequenties: tuple[str, ...]
    omrekeningen: tuple[str, ...] = ()  # conversions made when reading (iWmo codes, minutes)
    bevindingen: tuple[str, ...] = ()  # title and total lines, unused columns of the raw files
    # a region: the figures per member (budget.gemeenten); None for one municipality
    gemeenten: pd.DataFrame | None = None
    gemeenten_gevoeligheid: pd.DataFrame | None = None
    gemeenten_scenarios: pd.DataFrame | None = None
    gemeenten_producten: pd.DataFrame | None = None

    @property
    def rekenblad(self) -> Rekenbladgegevens:
        return Rekenbladgegevens(
            self.rekenblad_regels,
            self.rekenblad_tarieven,
            self.rekenblad_afronding_centen,
            self.rekenblad_afronding_huidig_centen,
            self.rekenblad_weggelaten,
        )

    @property
    def nieuw_bestaand_centen(self) -> int:
        """Existing clients at the new tarieven and the gebruiksfactor, per year."""
        return int(self.totalen["bestaande_clienten_centen"].iat[0])

    @property
    def nieuw_alle_centen(self) -> int:
        """All clients at the new tarieven and the gebruiksfactor, per year."""
        return int(self.totalen["alle_clienten_centen"].iat[0])

    @property
    def verschil_met_realisatie_centen(self) -> int:
        """Against the realisation as it was (in a 53-week year: one week more than the model),
        over the products that have a current tarief (those of the realisation)."""
        return self.vergelijk_nieuw_bestaand_centen - self.realisatie_bestaand_centen

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
        return self.vergelijk_nieuw_bestaand_centen - self.realisatie_normjaar_centen

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


@dataclass(frozen=True)
class Gemeentegegevens:
    """The municipality's indications and realisation, read, normalised and pseudonymised:
    one integer per client (`pseudoniemen[code]` its pseudonym)."""

    indicaties: pd.DataFrame  # every indication, with its exposure in the tariff year
    realisatie: pd.DataFrame  # credits netted, confirmed duplicates once; `reden` per line
    pseudoniemen: np.ndarray
    zonder_elfproef: int  # nine-digit client numbers that fail the 11-proef
    gecrediteerd: int  # lines removed by netting credits against their declarations
    ontdubbeld: int  # confirmed duplicate lines counted once
    omrekeningen: tuple[str, ...]  # conversions made when reading (iWmo codes, minutes)
    bevindingen: tuple[str, ...]  # title and total lines, unused columns of the raw files
    # a region: per client code the position of its municipality (a client of two members is
    # a client of each: each council pays its own periodebudget); None for one municipality
    gemeente_van_client: np.ndarray | None = None


def lees_gemeentegegevens(params: Jaarparameters, raw: Path, sleutel: bytes) -> Gemeentegegevens:
    """Indicaties, realisatie and `realisatie_bevestigingen.csv` of the raw folder: client
    numbers normalised the same way in every file and pseudonymised right after reading."""
    raw = Path(raw)
    indicaties = lees_indicaties(catalogus.indicatiebron(raw), params)
    realisatie = lees_realisatie(catalogus.realisatiebron(raw, params.realisatiejaar), params)
    omrekeningen, bevindingen = verslag(indicaties, realisatie)
    bevestigd = lees_bevestigingen(raw / BEVESTIGINGEN)
    ruw = realisatie.attrs.pop("clienten")
    aanbieders = list(realisatie.attrs.pop("aanbieders"))
    nummers = normaliseer(indicaties["client"].to_numpy(), ruw, bevestigd["client"].to_numpy())
    zonder_elf = len(zonder_elfproef(np.concatenate(nummers[:2])))
    pseudo = [pseudonimiseer(pd.Series(w, dtype=object), sleutel).to_numpy() for w in nummers]
    # one integer per client, in the order of the pseudonyms: every grouping below works on
    # integers instead of long strings
    codes, pseudoniemen = pd.factorize(np.concatenate(pseudo), sort=True)
    a, b = len(indicaties), len(indicaties) + len(ruw)
    indicaties["client"] = codes[:a]
    realisatie["client"] = codes[a:b][realisatie["client"].to_numpy()]
    bevestigd["client"] = codes[b:]
    if "aanbieder" in realisatie:
        plek = {naam: i for i, naam in enumerate(aanbieders)}
        bevestigd["aanbieder"] = [plek.get(x, -1) for x in bevestigd["aanbieder"]]
    else:
        bevestigd = bevestigd.drop(columns="aanbieder")
    voor = len(realisatie)
    realisatie = verreken_credits(realisatie)
    gecrediteerd = voor - len(realisatie)
    realisatie, ontdubbeld = ontdubbel(realisatie, bevestigd)
    realisatie.index = pd.RangeIndex(len(realisatie))  # in place: no copy of 11M lines
    pseudoniemen = np.asarray(pseudoniemen)
    gemeente_van_client = None
    zuiver = realisatie["client"].to_numpy()  # the confirmations name clients, not members
    if params.regio is not None:
        pseudoniemen, gemeente_van_client = per_gemeente(indicaties, realisatie, pseudoniemen)
    reden = toets_periodes(realisatie, indicaties, params)
    buiten = np.flatnonzero(reden != "")
    regels = realisatie.iloc[buiten]
    if params.regio is not None:
        regels = regels.assign(client=zuiver[buiten])
    reden[buiten[bevestigde_regels(regels, bevestigd)]] = ""
    realisatie["reden"] = reden
    return Gemeentegegevens(
        indicaties,
        realisatie,
        pseudoniemen,
        zonder_elf,
        gecrediteerd,
        ontdubbeld,
        omrekeningen,
        bevindingen,
        gemeente_van_client,
    )


def per_gemeente(
    indicaties: pd.DataFrame, realisatie: pd.DataFrame, pseudoniemen: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """A region's client codes made per (municipality, client), in place: realisation of one
    member never meets an indication of another, and each member's periodebudget is rounded
    on its own, so the members' figures add up to the region's. Returns the pseudonym and the
    municipality of every new code."""
    n = len(pseudoniemen)
    sleutel = np.concatenate(
        [
            indicaties["gemeente"].to_numpy(np.int64) * n + indicaties["client"].to_numpy(),
            realisatie["gemeente"].to_numpy(np.int64) * n + realisatie["client"].to_numpy(),
        ]
    )
    codes, uniek = pd.factorize(sleutel, sort=True)
    indicaties["client"] = codes[: len(indicaties)]
    realisatie["client"] = codes[len(indicaties) :]
    return pseudoniemen[uniek % n], (uniek // n).astype(np.int16)


@dataclass(frozen=True)
class Realisatietoets:
    """What of the realisation counts, for which existing clients, and what is listed."""

    bestaand: np.ndarray  # codes of existing clients
    telt: np.ndarray  # per line of the realisation: it counts (existing client, indication)
    centen: np.ndarray  # per line of the realisation: its amount at the current tarieven
    uitgesloten: pd.DataFrame  # per client and product: reden, volume_milli, centen
    band: pd.DataFrame  # per client and product outside the gebruiksband (see buiten_band)


def toets_realisatie(
    g: Gemeentegegevens, params: Jaarparameters, tarieven: Tarieven
) -> Realisatietoets:
    """Existing clients (realisation inside an indication, and an indication running on
    1 January of the tariff year), the realisation that counts, and every exclusion with its
    true reason, per client and product. `tarieven`: the current ones."""
    r = g.realisatie
    centen = realisatie_bedragen(r, tarieven)
    ok = (r["reden"] == "").to_numpy()
    ind = g.indicaties
    client = r["client"].to_numpy()
    bestaand = np.intersect1d(np.unique(client[ok]), ind.loc[ind["bij_start"], "client"])
    telt = ok & np.isin(client, bestaand)
    paar = ["client", "productspecificatie"]
    zonder_indicatie = _per_paar(r, ~ok, centen, [*paar, "reden"])
    zonder_indicatie["reden"] = zonder_indicatie["reden"].astype(object)
    zonder_start = _per_paar(r, ok & ~telt, centen, paar)
    einde = ind.groupby("client")["einde"].max()
    start = dt.date(params.jaar, 1, 1)
    # a client with a later indication in the tariff year has none on 1 January (NaT)
    einde[einde.index.isin(ind.loc[ind["lopend"], "client"])] = pd.NaT
    laatste = einde.reindex(zonder_start["client"].to_numpy())
    e = laatste.to_numpy(dtype="datetime64[D]")
    beeindigd = ~np.isnat(e) & (e < np.datetime64(start, "D"))
    zonder_start.insert(2, "reden", np.where(beeindigd, BEEINDIGD, GEEN_OP_START).astype(object))
    zonder_start.insert(
        3, "datum", np.where(beeindigd, e, np.datetime64(start, "D")).astype(str).astype(object)
    )
    zonder_indicatie.insert(3, "datum", "")
    uitgesloten = (
        pd.concat([zonder_indicatie, zonder_start])
        .sort_values([*paar, "reden", "datum"], kind="stable")
        .reset_index(drop=True)
    )
    band = pd.DataFrame(
        columns=[
            "client",
            "productspecificatie",
            "geindiceerd_milli",
            "gerealiseerd_milli",
            "centen",
            "aandeel",
        ]
    )
    if params.budget.gebruiksband is not None:
        laag, hoog = params.budget.gebruiksband
        blootgesteld = blootstelling(ind[ind["client"].isin(bestaand)], params.realisatiejaar)
        gerealiseerd = _per_paar(r, telt, centen, paar).astype({"productspecificatie": object})
        band = buiten_band(
            gerealiseerd,
            geindiceerd_per_client(blootgesteld, params.realisatiejaar),
            Gebruiksband(float(laag), float(hoog)),
        )
    return Realisatietoets(bestaand, telt, centen, uitgesloten, band)


def _rijen(tabel: pd.DataFrame, waar) -> pd.DataFrame:
    """`tabel[waar]`, or `tabel` itself when every row passes (no copy of a million rows)."""
    waar = np.asarray(waar, dtype=bool)
    return tabel if waar.all() else tabel[waar]


def _per_paar(
    realisatie: pd.DataFrame, waar: np.ndarray, centen: np.ndarray, sleutel: list[str]
) -> pd.DataFrame:
    """Volume and amount of the lines `waar`, summed per `sleutel` (sorted)."""
    deel = realisatie.loc[waar, [*sleutel, "volume_milli"]]
    deel["centen"] = centen[waar]
    return (
        deel.groupby(sleutel, observed=True, sort=True)[["volume_milli", "centen"]]
        .sum()
        .reset_index()
    )


def begroting(
    indicaties: pd.DataFrame,
    tarieven: Tarieven,
    budget,
    periodebudget: bool,
    gebruiksfactor: Decimal | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The budget model on indications: per line and per client (`bereken_regels`,
    `bereken_clienten`); the one computation behind `kostprijs budget` and the report."""
    regels = bereken_regels(indicaties, tarieven, budget, gebruiksfactor)
    return regels, bereken_clienten(regels, budget, periodebudget)


@dataclass(frozen=True)
class Begroting:
    """`kostprijs budget`: the model on an indications file at one tariff list."""

    indicaties: pd.DataFrame  # the lines that count: running in the tariff year, with a tarief
    regels: pd.DataFrame
    clienten: pd.DataFrame
    beeindigd: int  # indications that do not run in the tariff year
    zonder_tarief: pd.DataFrame  # per new product (empty tarief in the list): indicaties, clienten
    aansluiting: pd.DataFrame  # inside and outside the periodebudget, as in the budget report


def begroot(
    params: Jaarparameters,
    indicaties_pad: Path,
    tarieven_pad: Path,
    gebruiksfactor: Decimal | None = None,
) -> Begroting:
    """The budget model on an indications file at a tariff list (a current list too: several
    tarieven per line with their aandeel, an empty tarief for a new product). Lines of a new
    product have no tarief here and are kept apart, named; a line whose product the list does
    not name at all is refused."""
    b, pb = params.budget, params.bekostiging.periodebudget
    alle = lees_indicaties(Path(indicaties_pad), params)
    alle["client"] = normaliseer(alle["client"].to_numpy())[0]
    if params.regio is not None:  # a client per member: each council pays its own budget
        cbs = np.asarray([g.cbs + "/" for g in params.regio.gemeenten], dtype=object)
        alle["client"] = cbs[alle["gemeente"].to_numpy()] + alle["client"].to_numpy(dtype=object)
    # (a million lines: a boolean selection copies every column, so only when it drops any)
    lopend = alle if alle["lopend"].all() else alle[alle["lopend"]].reset_index(drop=True)
    lijst = lees_tarieven(Path(tarieven_pad), params, meerdere=True)
    tarieven = tarieven_uit_lijst(lijst, params)
    nieuw = sorted(_lege_tarieven(Path(tarieven_pad)) - set(lijst["productspecificatie"]))
    zonder = lopend["productspecificatie"].isin(nieuw).to_numpy()
    telt = lopend[~zonder].reset_index(drop=True) if zonder.any() else lopend
    controleer_dekking(tarieven, telt, str(tarieven_pad))
    regels, clienten = begroting(telt, tarieven, b, pb, gebruiksfactor)
    apart = (
        lopend[zonder]
        .groupby("productspecificatie")
        .agg(indicaties=("client", "size"), clienten=("client", "nunique"))
        .reset_index()
    )
    return Begroting(
        telt,
        regels,
        clienten,
        int((~alle["lopend"]).sum()),
        apart,
        _aansluiting(clienten, b.perioden_per_jaar),
    )


NIET_IN_BUDGET = ["eenheid", "toewijzing", "aanbieder", "bron_rij"]


def _lege_tarieven(pad: Path) -> set[str]:
    """The products a tariff list names with an empty tarief (new products)."""
    df = lees_tabel(pad, TARIEF_KOLOMMEN, optioneel=TARIEF_OPTIONEEL)
    return set(df.loc[df["tarief"] == "", "productspecificatie"])


def bereken_budgetimpact(
    params: Jaarparameters,
    raw: Path,
    tarieven_nieuw: Path,
    *,
    sleutel: bytes | None = None,
    verborgen: frozenset[str] = frozenset(),
    eigen: str | None = None,
    gegevens: Gemeentegegevens | None = None,
) -> Budgetimpact:
    """Run the budget model on the year's raw folder and the new tarieven.

    Client identifiers are pseudonymised right after reading (`sleutel`: default the local key).
    `verborgen`: the products whose tarief the inkooptafel may not see (left out of the
    rekenblad's figures). `eigen`: the name of a scenario of one's own whose tarieven are
    `tarieven_nieuw` as given (not the research's cost prices): it is the only scenario.
    `gegevens`: the municipality's data as the step `controleer` read them (the pipeline);
    without them the raw folder's exports are read here.
    """
    raw = Path(raw)
    sleutel = lees_sleutel() if sleutel is None else sleutel
    realisatie_pad = catalogus.realisatiebron(raw, params.realisatiejaar)
    huidig_pad = catalogus.tarievenbron(raw)
    indicatie_pad = catalogus.indicatiebron(raw)
    if gegevens is None:
        _vereist([indicatie_pad, realisatie_pad], raw)
    _vereist([huidig_pad, Path(tarieven_nieuw)], raw)
    b = params.budget
    pb = params.bekostiging.periodebudget

    g = lees_gemeentegegevens(params, raw, sleutel) if gegevens is None else gegevens
    # what the budget never reads goes before the subsets below are taken: at national scale
    # every text column costs 8 MB in each of them
    g.indicaties.drop(columns=NIET_IN_BUDGET, inplace=True)
    indicaties = _rijen(g.indicaties, g.indicaties["lopend"])
    if indicaties is not g.indicaties:  # a subset of its own: renumbered in place
        indicaties.index = pd.RangeIndex(len(indicaties))
    huidig_lijst = lees_tarieven(huidig_pad, params, meerdere=True)
    nieuw_lijst = lees_tarieven(Path(tarieven_nieuw), params)
    huidig = tarieven_uit_lijst(huidig_lijst, params)
    voorstel = tarieven_uit_lijst(nieuw_lijst, params)
    # a product without a new tarief (no cost price) keeps its current one; a new product
    # (no current tarief) is kept apart from the figures at the current tarieven, below
    kostprijs = voorstel.aangevuld_met(huidig)
    ongewijzigd = sorted({p for p, _, _ in set(kostprijs.centen) - set(voorstel.centen)})
    controleer_dekking(kostprijs, indicaties, str(tarieven_nieuw))
    index = index_van_tariefjaar(params)
    if eigen:  # the file's tarieven as given are the only scenario, and the proposal
        params = replace(params, scenarios=Scenarios((Scenario(eigen, EIGEN),), eigen))
    naam_voorstel = params.scenarios.voorstel
    scenario_uitkomsten = scenariotarieven(
        params.scenarios, voorstel, huidig, index, _totaal(indicaties, b, pb)
    )
    # the proposal among the scenarios: the "nieuwe tarieven" of every table below
    nieuw = next(u.tarieven for u in scenario_uitkomsten if u.scenario.naam == naam_voorstel)
    # a product without a current tarief is kept apart from every figure at the current
    # tarieven and from the actual spending: none of them may move with the new tarieven
    nieuwe = tuple(sorted({p for p, _, _ in nieuw.centen} - {p for p, _, _ in huidig.centen}))
    # the basis of the differences holds new products at their new tarief; another line the
    # current list lacks (a variant of a product it has) is refused below
    huidig_vol = huidig.aangevuld_met(
        Tarieven({k: c for k, c in nieuw.centen.items() if k[0] in nieuwe})
    )
    om, bev = verslag(huidig_lijst)
    inlezen = (g.omrekeningen + om, g.bevindingen + bev)
    # a new product's realisation decides who is an existing client and counts towards the
    # transition budget (at the new tarief there), never towards the actual spending: 0 here
    realisatie_tarieven = huidig.aangevuld_met(
        Tarieven({k: 0 for k in nieuw.centen if k[0] in nieuwe})
    )
    controleer_dekking(realisatie_tarieven, g.realisatie, str(huidig_pad))
    toets = toets_realisatie(g, params, realisatie_tarieven)
    nieuw_product = g.realisatie["productspecificatie"].isin(nieuwe).to_numpy()
    # what the actual spending and the usage factors need: volume and amount per product
    realisatie = _per_paar(
        g.realisatie, toets.telt & ~nieuw_product, toets.centen, ["productspecificatie"]
    )
    realisatie_nieuwe = _realisatie_per_product(g.realisatie, toets.telt & nieuw_product)
    bestaand = _rijen(indicaties, indicaties["client"].isin(toets.bestaand).to_numpy())
    met_huidig = ~indicaties["productspecificatie"].isin(nieuwe).to_numpy()
    controleer_dekking(huidig, _rijen(indicaties, met_huidig), str(huidig_pad))
    bestaand_met_huidig = _rijen(bestaand, ~bestaand["productspecificatie"].isin(nieuwe))
    # the same clients' indications over the days they ran in the realisation year: the
    # periods with an indication (all products) for the transition; for the usage and
    # budget-neutral factors only the products of the actual spending
    blootgesteld_alle = blootstelling(
        g.indicaties[g.indicaties["client"].isin(toets.bestaand)], params.realisatiejaar
    )
    blootgesteld_alle = _rijen(blootgesteld_alle, blootgesteld_alle["dagen_in_jaar"] > 0)
    blootgesteld = _rijen(blootgesteld_alle, ~blootgesteld_alle["productspecificatie"].isin(nieuwe))
    if not isinstance(blootgesteld.index, pd.RangeIndex):
        blootgesteld = blootgesteld.reset_index(drop=True)
    naief = bestaand_met_huidig.drop(columns=["dagen_in_jaar", "dagen_jaar"])

    alle = {NIEUW: begroting(indicaties, nieuw, b, pb)[1]}
    van_bestaand = {NIEUW: begroting(bestaand, nieuw, b, pb)[1]}
    alle[HUIDIG] = begroting(_rijen(indicaties, met_huidig), huidig, b, pb)[1]
    van_bestaand[HUIDIG] = begroting(bestaand_met_huidig, huidig, b, pb)[1]
    # the basis of every difference with the current tarieven, new products at their new
    # tarief, in one pass: per client, the budget is rounded once
    basis = jaartotaal_centen(begroting(indicaties, huidig_vol, b, pb)[1])
    vergelijk = begroting(bestaand_met_huidig, nieuw, b, pb)[1]
    realisatie_centen = int(realisatie["centen"].sum())  # at the current tarieven, per line
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
    if nieuwe:
        nieuwe_bestaand = bestaand[bestaand["productspecificatie"].isin(nieuwe)]
        rijen.append(
            (
                NIEUWE_PRODUCTEN,
                jaartotaal_centen(begroting(indicaties[~met_huidig], nieuw, b, pb)[1]),
                jaartotaal_centen(begroting(nieuwe_bestaand, nieuw, b, pb)[1]),
            )
        )
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
    gevoelig = gevoeligheid(indicaties, {NIEUW: nieuw}, b, pb)
    gevoelig[HUIDIG] = gevoeligheid(_rijen(indicaties, met_huidig), {HUIDIG: huidig}, b, pb)[HUIDIG]
    gevoelig[NIEUW_VERGELIJKBAAR] = gevoeligheid(bestaand_met_huidig, {NIEUW: nieuw}, b, pb)[NIEUW]
    producten = [
        p for p in params.productspecificaties if p in set(blootgesteld["productspecificatie"])
    ]

    def per_product(ind: pd.DataFrame) -> pd.DataFrame:
        tabel = empirische_gebruiksfactor(ind, realisatie, params.realisatiejaar)
        return tabel.set_index("productspecificatie").reindex(producten).reset_index()

    uitgesloten = _per_reden(toets.uitgesloten, params)
    overgang_clienten = (
        _overgangsbudgetten(g.realisatie, toets.telt, nieuw, params, blootgesteld_alle)
        if pb
        else None
    )
    gemeenten = None
    if params.regio is not None:
        gemeenten = gemeentecijfers(
            params,
            g.gemeente_van_client,
            indicaties=indicaties,
            met_huidig=met_huidig,
            bestaand=bestaand,
            bestaand_met_huidig=bestaand_met_huidig,
            blootgesteld_=blootgesteld,
            nieuw=nieuw,
            huidig=huidig,
            huidig_basis=huidig_vol,
            realisatie=g.realisatie,
            realisatie_telt=toets.telt & ~nieuw_product,
            realisatie_centen=toets.centen,
            normjaar=lambda c: realisatie_normjaar(c, weken, b.weken_per_jaar),
            scenarios=scenario_uitkomsten,
            overgang_clienten=overgang_clienten,
            overgang_indicatie=van_bestaand[NIEUW] if pb else None,
        )
    rekenblad = rekenbladgegevens(
        params,
        indicaties,
        scenario_uitkomsten,
        huidig,
        verborgen,
        lambda ind, t: _totaal(ind, b, pb)(t),
    )
    return Budgetimpact(
        indexgevoeligheid=indexgevoeligheid(
            voorstel, huidig, index, b.gevoeligheid_index, _totaal(indicaties, b, pb)
        ),
        rekenblad_regels=rekenblad.regels,
        rekenblad_tarieven=rekenblad.tarieven,
        rekenblad_afronding_centen=rekenblad.afronding_centen,
        rekenblad_afronding_huidig_centen=rekenblad.afronding_huidig_centen,
        rekenblad_weggelaten=rekenblad.weggelaten,
        scenarios=scenariotabel(scenario_uitkomsten, list(zin_regels(params)), naam_voorstel),
        scenariototalen=scenariototalen(
            scenario_uitkomsten,
            naam_voorstel,
            _totaal(indicaties, b, pb),
            _totaal(bestaand, b, pb),
        ),
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
        vergelijk_nieuw_bestaand_centen=jaartotaal_centen(vergelijk),
        nieuwe_producten=nieuwe,
        realisatie_nieuwe_producten=realisatie_nieuwe,
        huidig_basis_centen=basis,
        budgetneutrale_factor=_neutraal(blootgesteld, nieuw, b, pb, normjaar_centen),
        budgetneutrale_factor_naief=_neutraal(naief, nieuw, b, pb, normjaar_centen),
        gebruiksfactoren=per_product(blootgesteld),
        gebruiksfactoren_naief=per_product(naief),
        gebruiksfactor_gewogen=_gewogen_gebruik(
            blootgesteld, huidig, realisatie_centen, params.realisatiejaar
        ),
        gebruiksfactor_gewogen_naief=_gewogen_gebruik(
            naief, huidig, realisatie_centen, params.realisatiejaar
        ),
        overgang=_overgang(overgang_clienten, van_bestaand[NIEUW], params) if pb else None,
        aansluiting=_aansluiting(van_bestaand[NIEUW], b.perioden_per_jaar) if pb else None,
        verdeling=_verdeling(alle[NIEUW], pb),
        aantal_clienten=int(indicaties["client"].nunique()),
        aantal_bestaand=int(bestaand["client"].nunique()),
        beeindigd_clienten=int(toets.uitgesloten["client"].nunique()),
        beeindigd_centen=int(toets.uitgesloten["centen"].sum()),
        uitgesloten=uitgesloten,
        buiten_band_paren=len(toets.band),
        buiten_band_centen=int(toets.band["centen"].sum()) if len(toets.band) else 0,
        zonder_elfproef=g.zonder_elfproef,
        gecrediteerd=g.gecrediteerd,
        ontdubbeld=g.ontdubbeld,
        zonder_nieuw_tarief=tuple(ongewijzigd),
        frequenties=tuple(sorted(set(indicaties.loc[~indicaties["eenmalig"], "frequentie"]))),
        omrekeningen=inlezen[0],
        bevindingen=inlezen[1] + (() if gemeenten is None else gemeenten.zonder_gegevens()),
        gemeenten=None if gemeenten is None else gemeenten.totalen,
        gemeenten_gevoeligheid=None if gemeenten is None else gemeenten.gevoeligheid,
        gemeenten_scenarios=None if gemeenten is None else gemeenten.scenarios,
        gemeenten_producten=None if gemeenten is None else gemeenten.producten,
    )


def _realisatie_per_product(realisatie: pd.DataFrame, waar: np.ndarray) -> pd.DataFrame:
    """Clients and volume per product of the lines `waar` (the realisation of products
    without a current tarief)."""
    return (
        realisatie.loc[waar, ["productspecificatie", "client", "volume_milli"]]
        .groupby("productspecificatie", observed=True, sort=True)
        .agg(clienten=("client", "nunique"), volume_milli=("volume_milli", "sum"))
        .reset_index()
        .astype({"productspecificatie": object})
    )


def _per_reden(uitgesloten: pd.DataFrame, params: Jaarparameters) -> pd.DataFrame:
    """The excluded realisation per kind of reason (an end date per client becomes 'ended
    before 1 January'): soort and datum (as `reden` and `datum`), clienten, volume_milli,
    centen."""
    beeindigd = (uitgesloten["reden"] == BEEINDIGD).to_numpy()
    return (
        uitgesloten.assign(
            soort=np.where(beeindigd, BEEINDIGD_VOOR_START, uitgesloten["reden"]),
            datum=np.where(beeindigd, dt.date(params.jaar, 1, 1).isoformat(), uitgesloten["datum"]),
        )
        .groupby(["soort", "datum"], sort=True)
        .agg(
            clienten=("client", "nunique"),
            volume_milli=("volume_milli", "sum"),
            centen=("centen", "sum"),
        )
        .reset_index()
    )


def _totaal(indicaties: pd.DataFrame, b, pb: bool):
    """The municipality's jaartotaal (cents) for these indications at a set of tarieven."""
    voorbereid = Voorbereid.van(indicaties, b, pb)
    factor = factor_schaal(b.gebruiksfactor)

    def totaal(tarieven: Tarieven) -> int:
        return voorbereid.totaal(tarieven.voor(indicaties), factor, b, pb)

    return totaal


def _neutraal(indicaties, tarieven, b, pb, doel: int) -> Decimal | None:
    try:
        return budgetneutrale_factor(indicaties, tarieven, b, pb, doel)
    except ValueError:
        return None


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
    """Realised spending / the same clients' indicaties at the same tarieven, over the weeks
    of the realisation year (on exposure when `bestaand` carries it)."""
    volledig = int(geindiceerd_bedrag(bestaand, tarieven, jaar).sum())
    return realisatie_centen / volledig if volledig else float("nan")


def _overgangsbudgetten(
    realisatie, telt: np.ndarray, nieuw: Tarieven, params, blootgesteld
) -> pd.DataFrame:
    """Periodebudgets of existing clients from the realisation that counts (`telt`),
    annualised over the periods in which each client had an indication (per client)."""
    b = params.budget
    waar = telt & (realisatie["periode"] <= b.overgang_perioden).to_numpy()
    lopend = lopende_perioden(
        blootgesteld, params.realisatiejaar, b.perioden_per_jaar, b.overgang_perioden
    )
    return overgang(realisatie, nieuw, b, lopend, waar)


def _overgang(clienten: pd.DataFrame, indicatie_bestaand, params) -> pd.DataFrame:
    """Periodebudgets of existing clients: from the realisation (`_overgangsbudgetten`) and
    from indication x factor."""
    b = params.budget
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
