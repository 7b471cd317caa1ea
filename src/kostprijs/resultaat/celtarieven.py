"""Result-based tariffs: one tariff per cell of the resultaatgebied x zelfredzaamheid matrix.

The tariff of a cell is the declared statistic (`Resultaatmatrix.statistiek`) over the cell's
units of the cost of care: per client-period (`per: periode`) or per trajectory (`per:
traject`), the sum of geleverd x kostprijs per unit. Exact: amounts are integers of
1/1000 cent (milli-units x cents) until the tariff is rounded half up to the cent once.

A cell with fewer clients than `minimum_clienten` takes its tariff from a documented fallback:
the same zelfredzaamheid pooled over the sub-results of its resultaatgebied, then over all
resultaatgebieden. The column `bron` says which.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.csvbestand import lees_tabel
from kostprijs.budget.scenariobudget import prijspeilketen
from kostprijs.codering import som_per_groep
from kostprijs.fouten import InvoerFout
from kostprijs.geld import afronden_op_centen, centen, decimaal, rond_half_op, verdeel
from kostprijs.matrix import Resultaatmatrix
from kostprijs.onderzoek.onthulling import VENSTER
from kostprijs.parameters import Jaarparameters
from kostprijs.parameters.regio import Regio
from kostprijs.resultaat.celrealisatie import lees_celrealisatie, resultaatmatrix

MILLI = 1000  # geleverd in milli-units; amounts in 1/1000 cent
EIGEN_CEL = "eigen cel"


@dataclass(frozen=True)
class Resultaattarieven:
    """The cell tariffs and everything the report shows about them.

    `matrix`: one row per bought cell: subresultaat, resultaatgebied, zelfredzaamheid,
    n_clienten, n_eenheden, tarief_centen (None without enough clients), p25_centen,
    p75_centen, bron, kosten_centen (realised cost of the cell at cost prices),
    tariefmodel_centen (units x tarief). `aandelen`: per cell and product, the product's
    share of the cell's cost. `per_client`: per client the realised cost and the cost under
    the cell tariffs (cents). `paren`: one row per client and cell with care in it.
    `per_aanbieder` (internal only): per provider its realised cost and its part of the cell
    tariffs, see `_per_aanbieder`. `bijdragen` (internal only, for disclosure control): per
    cell, product and provider its realised cost in cents (lines without a provider under "").
    """

    per: str
    matrix: pd.DataFrame
    aandelen: pd.DataFrame
    per_client: pd.DataFrame
    paren: pd.DataFrame
    per_aanbieder: pd.DataFrame
    onder_eigen_bijdrage: int | None  # client-periods whose care cost less than the ceiling
    kostprijzen: dict[str, int]  # cost price per unit (cents) the tariffs rest on
    bijdragen: pd.DataFrame | None = None
    scenarios: pd.DataFrame | None = None  # per tariff scenario and cell: tarief, tariefmodel
    per_gemeente: pd.DataFrame | None = None  # a region: per member (`per_gemeente`)

    @property
    def kosten_centen(self) -> int:
        return int(self.matrix["kosten_centen"].sum())

    @property
    def tariefmodel_centen(self) -> int:
        return int(self.matrix["tariefmodel_centen"].sum())


def bereken_resultaattarieven(
    regels: pd.DataFrame,
    kostprijzen_centen: dict[str, int],
    matrix: Resultaatmatrix,
    perioden_per_jaar: int,
    per: str | None = None,
    scenarioprijzen: dict[str, dict[str, int]] | None = None,
) -> Resultaattarieven:
    """Cell tariffs from the realisation with cells (`lees_celrealisatie`) and the cost price
    per unit of each product (cents). Vectorised on integer codes: clients, cells and products
    are factorised once, and every sum is exact in integers.

    `scenarioprijzen`: per tariff scenario its tarief per product (cents); each gives the cell
    tariffs the same method yields at those prices (`scenarios`)."""
    per = per or matrix.per
    product_id, producten = _gesorteerd(regels["productspecificatie"])
    ontbreekt = sorted(set(producten) - set(kostprijzen_centen))
    if ontbreekt:
        raise InvoerFout(
            f"geen kostprijs voor {', '.join(ontbreekt)}.",
            actie="Geef voor elk product in de realisatie een kostprijs per eenheid.",
        )
    cellen = matrix.cellen()
    celcode = {c: i for i, c in enumerate(cellen)}
    cel_id = _celcodes(regels, celcode)
    prijs = np.array([kostprijzen_centen[p] for p in producten], dtype=np.int64)
    kosten = regels["geleverd_milli"].to_numpy(dtype=np.int64) * prijs[product_id]
    aandelen = _aandelen(cel_id, product_id, kosten, cellen, producten)
    aanbieder_id, aanbieders = _gesorteerd(regels["aanbieder"])
    aanbieder_id = aanbieder_id.astype(np.int32)
    bijdragen = _bijdragen(cel_id, product_id, aanbieder_id, kosten, cellen, producten, aanbieders)
    if not scenarioprijzen:
        del product_id  # millions of lines: only what is still needed stays in memory
    client_id, clienten = pd.factorize(regels["client"], sort=True)
    client_id = client_id.astype(np.int32)
    if per == "periode":
        tijd = regels["periode"].to_numpy(dtype=np.int32)
    else:
        tijd = pd.factorize(regels["traject"], sort=True)[0].astype(np.int32)
    e = _eenheden(client_id, cel_id, tijd, kosten, matrix, per)
    n_cel = len(cellen)
    paren = np.unique(e["client"] * n_cel + e["cel"])  # (client, cell) pairs
    n_clienten = np.bincount(paren % n_cel, minlength=n_cel)
    n_eenheden = np.bincount(e["cel"], minlength=n_cel)
    kosten_cel = som_per_groep(e["cel"], e["kosten"], n_cel)
    statistieken = _celstatistieken(e, paren, cellen, celcode, matrix, n_clienten)
    rijen = []
    for i, (sub, zr) in enumerate(cellen):
        tarief, p25, p75, bron = statistieken[i]
        rijen.append(
            {
                "subresultaat": sub,
                "resultaatgebied": matrix.subresultaten[sub].code,
                "zelfredzaamheid": zr,
                "n_clienten": int(n_clienten[i]),
                "n_eenheden": int(n_eenheden[i]),
                "tarief_centen": tarief,
                "p25_centen": p25,
                "p75_centen": p75,
                "bron": bron or "geen: te weinig cliënten",
                "kosten_centen": int(rond_half_op(int(kosten_cel[i]), MILLI)),
                "tariefmodel_centen": (tarief or 0) * int(n_eenheden[i]),
            }
        )
    tabel = pd.DataFrame(rijen)
    for kolom in ("tarief_centen", "p25_centen", "p75_centen"):  # None stays None, not NaN
        tabel[kolom] = pd.Series([r[kolom] for r in rijen], dtype=object)
    tarief_per_cel = np.array([t or 0 for t in tabel["tarief_centen"]], dtype=np.int64)
    eenheid_tarief = tarief_per_cel[e["cel"]]
    n_client = len(clienten)
    per_client = pd.DataFrame(
        {
            "client": np.asarray(clienten),
            "tariefmodel_centen": som_per_groep(e["client"], eenheid_tarief, n_client),
            "kosten_centen": rond_half_op(som_per_groep(e["client"], e["kosten"], n_client), MILLI),
        }
    )
    subs = np.array([c[0] for c in cellen], dtype=object)
    zrs = np.array([c[1] for c in cellen], dtype=object)
    paren_tabel = pd.DataFrame(
        {
            "client": np.asarray(clienten)[paren // n_cel],
            "subresultaat": subs[paren % n_cel],
            "zelfredzaamheid": zrs[paren % n_cel],
        }
    )
    scenarios = None
    if scenarioprijzen:
        scenarios = _scenariotarieven(
            scenarioprijzen, regels, producten, product_id, (client_id, cel_id, tijd),
            (paren, cellen, celcode, n_clienten, n_eenheden), matrix, per,
        )  # fmt: skip
    plafond = matrix.eigen_bijdrage_plafond
    onder = None
    if plafond is not None and per == "periode":
        onder = int((e["kosten"] < int(plafond * 100) * MILLI).sum())
    return Resultaattarieven(
        per=per,
        matrix=tabel,
        aandelen=aandelen,
        per_client=per_client,
        paren=paren_tabel,
        per_aanbieder=_per_aanbieder(
            e, eenheid_tarief, client_id, cel_id, tijd, kosten, aanbieder_id, aanbieders, n_cel
        ),
        onder_eigen_bijdrage=onder,
        kostprijzen=dict(kostprijzen_centen),
        bijdragen=bijdragen,
        scenarios=scenarios,
    )


def _celstatistieken(e: dict, paren, cellen, celcode, matrix: Resultaatmatrix, n_clienten):
    """Per cell: tarief, p25, p75 (cents; None without a pool) and the pool's name."""
    n_cel = len(cellen)
    volgorde = np.lexsort((e["kosten"], e["cel"]))  # per cell, amounts ascending
    gesorteerd = e["kosten"][volgorde]
    grenzen = np.searchsorted(e["cel"][volgorde], np.arange(n_cel + 1))
    uit = []
    for i, (sub, zr) in enumerate(cellen):
        waarden, bron = gesorteerd[grenzen[i] : grenzen[i + 1]], EIGEN_CEL
        if n_clienten[i] < matrix.minimum_clienten:
            gebied = matrix.subresultaten[sub].code
            waarden, bron = _terugval(e, paren, cellen, celcode, matrix, gebied, zr)
        if bron is None:
            uit.append((None, None, None, None))
            continue
        uit.append(
            (
                _statistiek(waarden, matrix),
                _venstermiddel(waarden, Fraction(1, 4)),
                _venstermiddel(waarden, Fraction(3, 4)),
                bron,
            )
        )
    return uit


def _scenariotarieven(prijzen, regels, producten, product_id, codes, cellen_, matrix, per):
    """Per tariff scenario and cell: the cell tarief by the same method at the scenario's
    tarief per product, and units x tarief. A scenario without a tarief for a product of the
    realisation gets none (`ontbreekt` names the product)."""
    client_id, cel_id, tijd = codes
    paren, cellen, celcode, n_clienten, n_eenheden = cellen_
    geleverd = regels["geleverd_milli"].to_numpy(dtype=np.int64)
    rijen = []
    for naam, per_product in prijzen.items():
        ontbreekt = sorted(set(producten) - set(per_product))
        if ontbreekt:
            rijen += [
                {"scenario": naam, "subresultaat": sub, "zelfredzaamheid": zr,
                 "tarief_centen": None, "tariefmodel_centen": None,
                 "ontbreekt": ", ".join(ontbreekt)}
                for sub, zr in cellen
            ]  # fmt: skip
            continue
        prijs = np.array([per_product[p] for p in producten], dtype=np.int64)
        e = _eenheden(client_id, cel_id, tijd, geleverd * prijs[product_id], matrix, per)
        for (sub, zr), (tarief, *_), n in zip(
            cellen,
            _celstatistieken(e, paren, cellen, celcode, matrix, n_clienten),
            n_eenheden,
            strict=True,
        ):
            rijen.append(
                {"scenario": naam, "subresultaat": sub, "zelfredzaamheid": zr,
                 "tarief_centen": tarief,
                 "tariefmodel_centen": None if tarief is None else tarief * int(n),
                 "ontbreekt": ""}
            )  # fmt: skip
    tabel = pd.DataFrame(
        rijen,
        columns=["scenario", "subresultaat", "zelfredzaamheid", "tarief_centen",
                 "tariefmodel_centen", "ontbreekt"],
    )  # fmt: skip
    for kolom in ("tarief_centen", "tariefmodel_centen"):  # None stays None, not NaN
        tabel[kolom] = pd.Series([r[kolom] for r in rijen], dtype=object)
    return tabel


def _bijdragen(cel_id, product_id, aanbieder_id, kosten, cellen, producten, aanbieders):
    """Per cell, product and provider with care in it: the provider's realised cost (cents)."""
    n_p, n_a = len(producten), len(aanbieders)
    codes = (cel_id.astype(np.int64) * n_p + product_id) * n_a + aanbieder_id
    sleutel, som = _som_per_sleutel(codes, kosten)
    houden = sleutel >= 0
    sleutel, som = sleutel[houden], som[houden]
    cel, product, aanbieder = sleutel // (n_p * n_a), sleutel // n_a % n_p, sleutel % n_a
    return pd.DataFrame(
        {
            "subresultaat": np.array([c[0] for c in cellen], dtype=object)[cel],
            "zelfredzaamheid": np.array([c[1] for c in cellen], dtype=object)[cel],
            "productspecificatie": np.asarray(producten, dtype=object)[product],
            "aanbieder": np.asarray(aanbieders, dtype=object)[aanbieder],
            "kosten_centen": np.asarray(rond_half_op(som, MILLI), dtype=np.int64),
        }
    )


def _per_aanbieder(
    e: dict, eenheid_tarief, client_id, cel_id, tijd, kosten, aanbieder_id, aanbieders, n_cel
) -> pd.DataFrame:
    """Per provider: the realised cost of its lines at cost prices and its part of the cell
    tariffs. A unit's tariff is split over the providers in proportion to their cost in that
    unit, rounded half up per provider; a unit without care goes to the provider with the most
    cost for that client in that cell (on equal cost, the first by name). Lines without a
    provider are left out."""
    n_a = len(aanbieders)
    sleutel = _sleutel(client_id, cel_id, tijd, e["t_max"], n_cel)
    sleutel *= n_a
    sleutel += aanbieder_id
    deel, deel_kosten = _som_per_sleutel(sleutel, kosten)  # per unit and provider
    del sleutel
    deel_eenheid = np.searchsorted(e["sleutel"], deel // n_a)
    deel_aanbieder = deel % n_a
    tarief_deel = rond_half_op(
        eenheid_tarief[deel_eenheid] * deel_kosten, np.maximum(e["kosten"][deel_eenheid], 1)
    )
    sleutel = client_id.astype(np.int64)
    sleutel *= n_cel
    sleutel += cel_id
    sleutel *= n_a
    sleutel += aanbieder_id
    paar_aanbieder, pa_kosten = _som_per_sleutel(sleutel, kosten)  # per client, cell, provider
    del sleutel
    pa_paar, pa_aanbieder = paar_aanbieder // n_a, paar_aanbieder % n_a
    volgorde = np.lexsort((pa_aanbieder, -pa_kosten, pa_paar))
    eerste = np.r_[True, pa_paar[volgorde][1:] != pa_paar[volgorde][:-1]]
    hoofd_paar, hoofd = pa_paar[volgorde][eerste], pa_aanbieder[volgorde][eerste]
    leeg = e["kosten"] == 0
    leeg_paar = e["client"][leeg] * n_cel + e["cel"][leeg]
    tarief = som_per_groep(deel_aanbieder, tarief_deel, n_a) + som_per_groep(
        hoofd[np.searchsorted(hoofd_paar, leeg_paar)], eenheid_tarief[leeg], n_a
    )
    uit = pd.DataFrame(
        {
            "aanbieder": np.asarray(aanbieders, dtype=object),
            "tariefmodel_centen": tarief,
            "kosten_centen": rond_half_op(som_per_groep(pa_aanbieder, pa_kosten, n_a), MILLI),
        }
    )
    uit["verschil_centen"] = uit["tariefmodel_centen"] - uit["kosten_centen"]
    return uit[uit["aanbieder"] != ""].reset_index(drop=True)


def _som_per_sleutel(sleutel: np.ndarray, waarden: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys, sorted, and the exact integer sum of `waarden` per key."""
    volgorde = np.argsort(sleutel, kind="stable")
    gesorteerd = sleutel[volgorde]
    begin = np.flatnonzero(np.r_[True, gesorteerd[1:] != gesorteerd[:-1]]) if len(sleutel) else []
    if not len(begin):
        return gesorteerd, np.zeros(0, dtype=np.int64)
    return gesorteerd[begin], np.add.reduceat(waarden[volgorde].astype(np.int64), begin)


def _gesorteerd(kolom: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Per line the position of its value among the column's distinct values, sorted."""
    waarden = pd.Categorical(kolom).remove_unused_categories()
    waarden = waarden.reorder_categories(sorted(waarden.categories))
    return waarden.codes.astype(np.int64), list(waarden.categories)


def _celcodes(regels: pd.DataFrame, celcode: dict[tuple[str, str], int]) -> np.ndarray:
    """Per line the position of its cell in the matrix (-1: not a cell of the matrix)."""
    sub = pd.Categorical(regels["subresultaat"])
    zr = pd.Categorical(regels["zelfredzaamheid"])
    tabel = np.full((len(sub.categories) + 1, len(zr.categories) + 1), -1, dtype=np.int16)
    for i, s in enumerate(sub.categories):
        for j, z in enumerate(zr.categories):
            tabel[i, j] = celcode.get((s, z), -1)
    return tabel[sub.codes, zr.codes]


def _sleutel(client, cel, tijd, t_max: int, n_cel: int) -> np.ndarray:
    """One integer per unit: client, cell and period or trajectory."""
    return (client.astype(np.int64) * n_cel + cel) * t_max + tijd


def _eenheden(client, cel, tijd, kosten, matrix: Resultaatmatrix, per: str) -> dict:
    """One entry per unit (client-period or trajectory of a cell) with its cost. Periods
    without care between a client's first and last period in a cell count as 0 when the
    method says so."""
    t_max = int(tijd.max()) + 2 if len(tijd) else 2
    n_cel = len(matrix.cellen())
    uniek, som = _som_per_sleutel(_sleutel(client, cel, tijd, t_max, n_cel), kosten)
    if per == "periode" and matrix.perioden_zonder_zorg == "tellen_mee":
        paar, t = uniek // t_max, uniek % t_max
        eerste = np.r_[True, paar[1:] != paar[:-1]]
        laatste = np.r_[paar[1:] != paar[:-1], True]
        begin, eind = t[eerste], t[laatste]
        lengte = eind - begin + 1
        alle_paar = np.repeat(paar[eerste], lengte)
        stap = np.arange(lengte.sum()) - np.repeat(np.cumsum(lengte) - lengte, lengte)
        alle = alle_paar * t_max + np.repeat(begin, lengte) + stap
        volledig = np.zeros(len(alle), dtype=np.int64)
        volledig[np.searchsorted(alle, uniek)] = som
        uniek, som = alle, volledig
    paar = uniek // t_max
    return {
        "client": paar // n_cel,
        "cel": paar % n_cel,
        "kosten": som,
        "sleutel": uniek,
        "t_max": t_max,
    }


def _terugval(e: dict, paren, cellen, celcode, matrix: Resultaatmatrix, gebied: str, zr: str):
    """The sorted amounts of the first pool with enough clients, and its name (None: none)."""
    gebied_ = next(g for g in matrix.resultaatgebieden if g.code == gebied)
    n_cel = len(cellen)
    zelfde = [i for i, (_, z) in enumerate(cellen) if z == zr]
    in_gebied = [celcode[(s.code, zr)] for s in gebied_.subresultaten if (s.code, zr) in celcode]
    for pool, naam in (
        (in_gebied, f"terugval: resultaatgebied {gebied}"),
        (zelfde, "terugval: alle resultaatgebieden"),
    ):
        clienten = np.unique(paren[np.isin(paren % n_cel, pool)] // n_cel)
        if len(clienten) >= matrix.minimum_clienten:
            return np.sort(e["kosten"][np.isin(e["cel"], pool)]), naam
    return np.zeros(0, dtype=np.int64), None


def _statistiek(waarden: np.ndarray, matrix: Resultaatmatrix) -> int | None:
    """The declared statistic of sorted amounts (1/1000 cent), in cents, rounded half up once."""
    n = len(waarden)
    if n == 0:
        return None
    if matrix.statistiek == "mediaan":
        midden = n // 2
        if n % 2:
            return int(rond_half_op(int(waarden[midden]), MILLI))
        return int(rond_half_op(int(waarden[midden - 1]) + int(waarden[midden]), 2 * MILLI))
    if matrix.statistiek == "getrimd_gemiddelde":
        k = int(n * matrix.trim_aandeel)
        waarden = waarden[k : n - k]
    return int(rond_half_op(int(waarden.sum()), len(waarden) * MILLI))


def _venstermiddel(waarden: np.ndarray, q: Fraction) -> int | None:
    """The window quantile (the mean of the VENSTER units nearest quantile q, as for the
    providers' spread), in cents; None with fewer units than the window."""
    n = len(waarden)
    if n < VENSTER:
        return None
    midden = q * n - Fraction(1, 2)  # unit i sits at (i + 1/2) / n
    kandidaten = range(max(0, int(midden) - VENSTER), min(n, int(midden) + VENSTER + 1))
    richting = 1 if q <= Fraction(1, 2) else -1
    gekozen = sorted(kandidaten, key=lambda i: (abs(i - midden), richting * i))[:VENSTER]
    return int(rond_half_op(sum(int(waarden[i]) for i in gekozen), VENSTER * MILLI))


def _aandelen(cel_id, product_id, kosten, cellen, producten) -> pd.DataFrame:
    """Per cell and product: the product's share of the cell's realised cost."""
    n_p = len(producten)
    codes = cel_id.astype(np.int64) * n_p + product_id
    som = som_per_groep(codes, kosten, len(cellen) * n_p).reshape(-1, n_p)
    rijen = []
    for i, (sub, zr) in enumerate(cellen):
        totaal = int(som[i].sum())
        for j, product in enumerate(producten):
            if som[i, j]:
                rijen.append((sub, zr, product, Fraction(int(som[i, j]), totaal)))
    return pd.DataFrame(
        rijen, columns=["subresultaat", "zelfredzaamheid", "productspecificatie", "aandeel"]
    )


def kostprijzen_uit_processed(processed: Path, factor: Decimal = Decimal(1)) -> dict[str, int]:
    """The average cost price per unit of each product (cents), as the cost-price step wrote
    it (also for products whose figure is not shown at the inkooptafel), times `factor` (the
    index chain to the tariff year), rounded half up once: the proposal's tarief of a product
    without variant."""
    tabel = lees_tabel(Path(processed) / catalogus.KOSTPRIJZEN_PRODUCT)
    return {
        p: centen(afronden_op_centen(decimaal(k) * factor))
        for p, k in zip(tabel["productspecificatie"], tabel["kostprijs"], strict=True)
        if k
    }


def naar_tariefjaar(params: Jaarparameters) -> Decimal:
    """The factor from the price year of the cost figures to the tariff year (1 without a
    kostprijs section)."""
    keten = prijspeilketen(params)
    return Decimal(1) if keten is None else keten.factor


def bereken_uit_mappen(
    params: Jaarparameters,
    raw: Path,
    processed: Path,
    scenarioprijzen: dict[str, dict[str, int]] | None = None,
    regels: pd.DataFrame | None = None,
) -> Resultaattarieven:
    """The cell tariffs of the pipeline: the realisation with cells at the cost prices of
    the processed folder, indexed to the tariff year; and per tariff scenario at its tarieven
    (`scenarioprijzen`, from the budget step). `regels`: the realisation with cells as the
    step `controleer` read it (the pipeline); without it the raw export is read here."""
    matrix = resultaatmatrix(params)
    if regels is None:
        pad = catalogus.cellenbron(Path(raw), params.realisatiejaar)
        if not pad.exists():
            raise InvoerFout(
                "dit bestand ontbreekt; de parameters beschrijven een resultaatmatrix.",
                bestand=pad,
                actie="Lever de realisatie met de cel van de beschikking aan (docs/gegevens.md).",
            )
        regels = lees_celrealisatie(pad, params)
        regels.attrs.pop("clienten")  # the identifiers never travel with the lines
    per_lid = regels.attrs.get("per_lid")
    # at the price level of the tariff year, as every proposed tarief
    kostprijzen = kostprijzen_uit_processed(processed, naar_tariefjaar(params))
    uitkomst = bereken_resultaattarieven(
        regels,
        kostprijzen,
        matrix,
        params.budget.perioden_per_jaar,
        scenarioprijzen=scenarioprijzen,
    )
    if params.regio is None:
        return uitkomst
    return replace(uitkomst, per_gemeente=per_gemeente(uitkomst, params.regio, per_lid))


def per_gemeente(r: Resultaattarieven, regio: Regio, per_lid: int) -> pd.DataFrame:
    """A region: per member its clients, its realised cost at cost prices and its cost under
    the cell tariffs (cents), adding up to the region's. The cost under the tariffs is exact
    per client; the realised cost is rounded per cell for the region, so the members' part of
    it is apportioned (`geld.verdeel`) by their own exact sums."""
    n = len(regio.gemeenten)
    lid = r.per_client["client"].to_numpy(dtype=np.int64) // per_lid
    kosten = som_per_groep(lid, r.per_client["kosten_centen"].to_numpy(), n)
    return pd.DataFrame(
        {
            "gemeente": list(regio.namen),
            "clienten": np.bincount(lid, minlength=n).astype(np.int64),
            "kosten_centen": verdeel(r.kosten_centen, kosten),
            "tariefmodel_centen": som_per_groep(
                lid, r.per_client["tariefmodel_centen"].to_numpy(), n
            ),
        }
    )
