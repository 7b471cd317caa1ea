"""The realisation checked against itself and against the indications.

In this order, on the realisation with integer client codes (`budget.invoer.lees_realisatie`
after pseudonymisation):

1. credit lines (negative volume) net against the declaration they correct: same client,
   line, periode (and aanbieder) and the same volume; a credit without one is refused;
2. exact duplicate lines (same client, line, periode, volume and aanbieder) are refused with
   their rows, unless `realisatie_bevestigingen.csv` confirms them: then they count once;
3. lines of a client without any indication, for a product the client has no indication
   for, or in a periode outside every indication of the client and product, are kept out
   of usage and transition figures, with their reason, unless `realisatie_bevestigingen.csv`
   names them (the municipality checked them: they count);
4. per client and product, realised use far below or above the indication over the days it
   ran (`budget.gebruiksband` in the parameters) is listed as a likely unit or frequency slip.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.getallen import geschaalde_kolom
from kostprijs.budget.model import (
    INDICATIE_DECIMALEN,
    blootgesteld,
    iso_weken,
    jaarvolume,
    product_gedeeld,
)
from kostprijs.fouten import InvoerFout
from kostprijs.gemeentedata.indicaties import dagen_binnen
from kostprijs.gemeentedata.tabellezer import lees_tabel
from kostprijs.parameters import ZIN, Jaarparameters

BEVESTIGINGEN = catalogus.REALISATIE_BEVESTIGINGEN
REGEL = ["client", "productspecificatie", "variant", "leveringsvorm", "periode"]
GEEN_INDICATIE = "geen indicatie in de export"
GEEN_PRODUCT = "geen indicatie voor dit product"
BUITEN_PERIODE = "buiten de indicatieperiode"
BLOK = 1_000_000  # distinct realisation lines checked against the indications at a time
REDENEN = ("", GEEN_INDICATIE, GEEN_PRODUCT, BUITEN_PERIODE)  # '' : the line counts


def periode_grenzen(jaar: int, perioden: int) -> tuple[np.ndarray, np.ndarray]:
    """First and last day of each facturatieperiode 1..perioden of a year: months for 12,
    else periods of whole ISO weeks (4 each for 13, the last one takes what is left)."""
    if perioden == 12:
        begin = [dt.date(jaar, m, 1) for m in range(1, 13)]
        einde = [dt.date(jaar + (m == 12), m % 12 + 1, 1) - dt.timedelta(1) for m in range(1, 13)]
    else:
        weken = iso_weken(jaar)
        stap = weken // perioden
        eerste = [1 + k * stap for k in range(perioden)]
        laatste = [*(w - 1 for w in eerste[1:]), weken]
        begin = [dt.date.fromisocalendar(jaar, w, 1) for w in eerste]
        einde = [dt.date.fromisocalendar(jaar, w, 7) for w in laatste]
    return np.asarray(begin, dtype="datetime64[D]"), np.asarray(einde, dtype="datetime64[D]")


def _sleutel(realisatie: pd.DataFrame) -> list[str]:
    """What makes a line one declaration: a region's member too (a credit in one member never
    cancels a declaration to another, nor is a line of each a duplicate)."""
    extra = [k for k in ("aanbieder", "gemeente") if k in realisatie]
    return [*REGEL, *extra]


def _rijen(tabel: pd.DataFrame, waar: np.ndarray, hoeveel: int = 6) -> str:
    rijen = tabel["rij"].to_numpy()[np.flatnonzero(waar)]
    tekst = ", ".join(str(int(r)) for r in sorted(rijen)[:hoeveel])
    return tekst + (" ..." if len(rijen) > hoeveel else "")


def verreken_credits(realisatie: pd.DataFrame) -> pd.DataFrame:
    """The realisation with every credit line and the declaration it corrects removed;
    InvoerFout naming the rows of credits without a declaration of the same volume."""
    volume = realisatie["volume_milli"].to_numpy()
    credit = volume < 0
    if not credit.any():
        return realisatie
    groep = realisatie[_sleutel(realisatie)].copy()
    groep["absoluut"] = np.abs(volume)
    sleutel = list(groep.columns)
    groep["credit"] = credit
    # per client, line, periode and volume: the n-th credit cancels the n-th declaration
    volgnummer = groep.groupby([*sleutel, "credit"], observed=True).cumcount().to_numpy()
    credits = groep.groupby(sleutel, observed=True)["credit"].transform("sum").to_numpy()
    declaraties = groep.groupby(sleutel, observed=True)["credit"].transform("size").to_numpy()
    declaraties = declaraties - credits
    wees = credit & (volgnummer >= declaraties)
    if wees.any():
        raise InvoerFout(
            f"{int(wees.sum())} creditregel(s) (negatief volume) zonder declaratie met "
            "hetzelfde volume voor dezelfde cliënt, hetzelfde product en dezelfde periode, in "
            f"rij {_rijen(realisatie, wees)}.",
            bestand=realisatie.attrs.get("bestand"),
            kolom="volume",
            actie="Een creditregel corrigeert een eerdere declaratie: neem die declaratie op in "
            "de export, of verwijder de creditregel.",
        )
    weg = credit | (volgnummer < credits)
    uit = realisatie[~weg]
    uit.attrs = dict(realisatie.attrs)
    return uit


def lees_bevestigingen(pad: Path) -> pd.DataFrame:
    """The confirmed duplicates: client (raw), productspecificatie, variant, leveringsvorm,
    periode, volume_milli, aanbieder (raw, '' when not given), reden. Empty without the file."""
    kolommen = ["client", "productspecificatie", "variant", "leveringsvorm", "periode"]
    if not Path(pad).exists():
        leeg = pd.DataFrame({k: pd.Series(dtype=object) for k in kolommen})
        leeg["volume_milli"] = pd.Series(dtype=np.int64)
        leeg["aanbieder"] = pd.Series(dtype=object)
        return leeg
    df = lees_tabel(
        pad,
        ["client", "productspecificatie", "periode", "volume", "reden"],
        optioneel=("variant", "leveringsvorm", "aanbieder"),
    )
    leeg = (df["reden"] == "").to_numpy()
    if leeg.any():
        i = int(np.flatnonzero(leeg)[0])
        raise InvoerFout(
            "de reden van de bevestiging ontbreekt.",
            bestand=pad,
            rij=int(df["_rij"].iat[i]),
            kolom="reden",
            actie="Schrijf erbij waarom de dubbele regel één declaratie is.",
        )
    return pd.DataFrame(
        {
            "client": df["client"].to_numpy(),
            "productspecificatie": df["productspecificatie"].to_numpy(),
            "variant": df["variant"].to_numpy(),
            "leveringsvorm": df["leveringsvorm"].where(df["leveringsvorm"] != "", ZIN).to_numpy(),
            "periode": geschaalde_kolom(df, "periode", 0, minimum=1),
            "volume_milli": geschaalde_kolom(df, "volume", INDICATIE_DECIMALEN),
            "aanbieder": df["aanbieder"].to_numpy(),
            "reden": df["reden"].to_numpy(),
            "rij": df["_rij"].to_numpy(),
        }
    )


def ontdubbel(realisatie: pd.DataFrame, bevestigd: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The realisation with each confirmed duplicate counted once, and the number of lines
    dropped; InvoerFout naming the rows of duplicates that are not confirmed.

    `bevestigd` has the realisation's key columns (client as its code) and volume_milli."""
    sleutel = [*_sleutel(realisatie), "volume_milli"]
    dubbel = realisatie.duplicated(sleutel, keep=False).to_numpy()
    if not dubbel.any():
        return realisatie, 0
    kandidaten = realisatie[dubbel]
    gedekt = bevestigde_regels(kandidaten, bevestigd)
    if not gedekt.all():
        open_ = kandidaten[~gedekt]
        raise InvoerFout(
            f"{len(open_)} realisatieregels komen precies zo vaker voor (zelfde cliënt, product, "
            f"periode en volume), in rij {_rijen(open_, np.ones(len(open_), bool), 10)}: een "
            "export die twee keer is toegevoegd zou elke regel dubbel tellen.",
            bestand=realisatie.attrs.get("bestand"),
            kolom="volume",
            actie=f"Verwijder de dubbele regels, of bevestig in {BEVESTIGINGEN} (client, "
            "productspecificatie, periode, volume, reden) dat het één declaratie is.",
        )
    later = realisatie.duplicated(sleutel, keep="first").to_numpy()
    uit = realisatie[~later]
    uit.attrs = dict(realisatie.attrs)
    return uit, int(later.sum())


def bevestigde_regels(realisatie: pd.DataFrame, bevestigd: pd.DataFrame) -> np.ndarray:
    """Per realisation line whether `realisatie_bevestigingen.csv` names it (client, line,
    periode, volume and aanbieder, as far as the confirmations give them)."""
    if bevestigd.empty or realisatie.empty:
        return np.zeros(len(realisatie), dtype=bool)
    kolommen = [k for k in [*_sleutel(realisatie), "volume_milli"] if k in bevestigd]
    return pd.MultiIndex.from_frame(realisatie[kolommen].astype(object)).isin(
        pd.MultiIndex.from_frame(bevestigd[kolommen].astype(object))
    )


def toets_periodes(
    realisatie: pd.DataFrame, indicaties: pd.DataFrame, params: Jaarparameters
) -> pd.Categorical:
    """Per realisation line why it has no indication (GEEN_INDICATIE, GEEN_PRODUCT,
    BUITEN_PERIODE) or '' when an indication of the client and product runs in its periode.

    Clients are integer codes in both tables; the work is on integers, once per distinct
    client, product and periode."""
    begin, einde = periode_grenzen(params.realisatiejaar, params.budget.perioden_per_jaar)
    producten = list(params.productspecificaties)
    n = len(producten) + 1
    r_product = pd.Categorical(realisatie["productspecificatie"], categories=producten).codes
    i_product = pd.Categorical(indicaties["productspecificatie"], categories=producten).codes
    r_paar = realisatie["client"].to_numpy(np.int64) * n + r_product
    i_paar = indicaties["client"].to_numpy(np.int64) * n + i_product
    regel = r_paar * 64 + realisatie["periode"].to_numpy(np.int64)
    uniek, terug = np.unique(regel, return_inverse=True)
    paar, periode = uniek // 64, (uniek % 64).astype(np.int64) - 1
    ind = pd.DataFrame(
        {
            "paar": i_paar,
            "begin": indicaties["begin"].to_numpy(),
            "einde": indicaties["einde"].to_numpy(),
        }
    )
    loopt = np.zeros(len(uniek), dtype=bool)
    for van in range(0, len(uniek), BLOK):  # in blocks: the pairs with indications are large
        positie = np.arange(van, min(van + BLOK, len(uniek)))
        paren = pd.DataFrame({"positie": positie, "paar": paar[positie]}).merge(ind, on="paar")
        p = periode[paren["positie"].to_numpy()]
        loopt_regel = dagen_binnen(paren, begin[p], einde[p]) > 0
        loopt[paren["positie"].to_numpy()[loopt_regel]] = True
    reden = np.zeros(len(uniek), dtype=np.int8)  # codes into REDENEN
    reden[~loopt] = REDENEN.index(BUITEN_PERIODE)
    reden[~np.isin(paar, i_paar)] = REDENEN.index(GEEN_PRODUCT)
    reden[~np.isin(paar // n, indicaties["client"].to_numpy(np.int64))] = REDENEN.index(
        GEEN_INDICATIE
    )
    return pd.Categorical.from_codes(reden[terug], categories=REDENEN)


def lopende_perioden(indicaties: pd.DataFrame, jaar: int, perioden: int, tot: int) -> pd.Series:
    """Per client: in how many of the periods 1..`tot` of `jaar` one of its indications ran."""
    begin, einde = periode_grenzen(jaar, perioden)
    client = indicaties["client"].to_numpy()
    aantal = pd.Series(0, index=pd.unique(client), dtype=np.int64)
    for k in range(tot):
        loopt = dagen_binnen(indicaties, begin[k], einde[k]) > 0
        aantal = aantal.add(pd.Series(client[loopt]).drop_duplicates().value_counts(), fill_value=0)
    return aantal.astype(np.int64)


def geindiceerd_per_client(indicaties: pd.DataFrame, jaar: int) -> pd.DataFrame:
    """Indicated volume (milli) over the days each indication ran in `jaar`, per client and
    product, with those client-days. `indicaties` carry `dagen_in_jaar` for `jaar`."""
    teller, noemer = blootgesteld(*jaarvolume(indicaties, iso_weken(jaar)), indicaties)
    milli = indicaties["omvang_milli"].to_numpy(dtype=np.int64)
    tabel = pd.DataFrame(
        {
            "client": indicaties["client"].to_numpy(),
            "productspecificatie": indicaties["productspecificatie"].to_numpy(),
            "geindiceerd_milli": product_gedeeld([milli, teller], noemer),
            "clientdagen": indicaties["dagen_in_jaar"].to_numpy(dtype=np.int64),
        }
    )
    return tabel.groupby(["client", "productspecificatie"], as_index=False).sum()


@dataclass(frozen=True)
class Gebruiksband:
    """Realised use per client and product outside [laag, hoog] of the indication is listed."""

    laag: float
    hoog: float


def buiten_band(
    gerealiseerd: pd.DataFrame, geindiceerd: pd.DataFrame, band: Gebruiksband
) -> pd.DataFrame:
    """Per client and product with realised use below `laag` or above `hoog` of the indicated
    volume over the period: client, productspecificatie, geindiceerd_milli, gerealiseerd_milli,
    centen, aandeel. `gerealiseerd` has client, productspecificatie, volume_milli, centen."""
    tabel = geindiceerd.merge(gerealiseerd, on=["client", "productspecificatie"], how="inner")
    tabel = tabel[tabel["geindiceerd_milli"] > 0].rename(
        columns={"volume_milli": "gerealiseerd_milli"}
    )
    tabel["aandeel"] = tabel["gerealiseerd_milli"] / tabel["geindiceerd_milli"]
    buiten = (tabel["aandeel"] < band.laag) | (tabel["aandeel"] > band.hoog)
    kolommen = ["client", "productspecificatie", "geindiceerd_milli", "gerealiseerd_milli"]
    return tabel.loc[buiten, [*kolommen, "centen", "aandeel"]].reset_index(drop=True)
