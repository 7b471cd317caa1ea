"""The cost-price research of one year: from ingested submissions to proposed tarieven.

Joins the stages: cost price per aanbieder (kostprijs.py), the declared average
(aggregatie.py), disclosure control (disclosure.py) and the tariff comparison (tarieven.py).
`Kostprijsonderzoek` holds internal detail and the masked tables for the inkooptafel
side by side; reports for the inkooptafel use only the `publiek_*` members.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.csvbestand import lees_tabel, schrijf_csv_nl, schrijf_tabel
from kostprijs.bestanden.injectie import onschadelijke_tabel
from kostprijs.indexatie import Indexketen, indexketen
from kostprijs.onderzoek.aggregatie import Aggregatie, aggregeer
from kostprijs.onderzoek.methode import Methodecontrole, controleer_methode
from kostprijs.onderzoek.onthulling import (
    MARKER,
    VEILIG,
    beoordeel_tabel,
    bijdragen_gemiddelde,
    lees_p,
)
from kostprijs.onderzoek.per_aanbieder import EXACT, uit_processed
from kostprijs.onderzoek.tarieven import vergelijk, voorgestelde_tarieven
from kostprijs.paden import methode_pad
from kostprijs.parameters import ZIN, Jaarparameters
from kostprijs.sjabloon.toelichting import boekjaar
from kostprijs.tarieflijst import lees_tarieven

VOORSTEL = catalogus.VOORSTEL


@dataclass(frozen=True)
class Kostprijsonderzoek:
    """Results of the research; `per_aanbieder`, `aggregatie` and `inzendingen` are internal."""

    per_aanbieder: pd.DataFrame
    aggregatie: Aggregatie
    inzendingen: pd.DataFrame
    oordelen: pd.DataFrame
    onderdrukt: frozenset[str]
    vergelijking: pd.DataFrame
    voorstel: pd.DataFrame
    methodecontrole: Methodecontrole
    eenheden: dict[str, str]
    namen: dict[str, str]
    opmerkingen: pd.DataFrame
    bevestigingen: pd.DataFrame  # the municipality's confirmations and their status (internal)
    indexketen: Indexketen  # from the price year of the cost figures to the tariff year

    @property
    def opmerkingen_meegeteld(self) -> pd.DataFrame:
        """The remarks on submissions that count (internal): unusual values, confirmed
        values, figures outside the template. Columns as in bevindingen.csv, with aanbieder_id."""
        mee = self.inzendingen[self.inzendingen["telt_mee"] == "ja"]
        ids = dict(zip(mee["bestand"], mee["aanbieder_id"], strict=True))
        o = self.opmerkingen[self.opmerkingen["bestand"].isin(ids)]
        return o.assign(aanbieder_id=o["bestand"].map(ids))[
            ["aanbieder_id", "bestand", "blad", "cel", "gevonden", "melding"]
        ].reset_index(drop=True)

    @property
    def inzendingen_per_status(self) -> pd.DataFrame:
        """How many submissions have each status (internal overview of a long list)."""
        return (
            self.inzendingen["status"]
            .value_counts()
            .rename_axis("status")
            .reset_index(name="aantal")
        )

    @property
    def belang_inzendingen(self) -> pd.Series:
        """Which submissions to look at first: errors before remarks, the most first."""
        i = self.inzendingen
        # the processed columns are text: as numbers, or "3" * 1000 repeats a string
        fouten, opmerkingen = i["fouten"].astype(int), i["opmerkingen"].astype(int)
        return (fouten * 1000 + opmerkingen).rename("aantal fouten en opmerkingen")

    def met_naam(self, tabel: pd.DataFrame) -> pd.DataFrame:
        """`tabel` with the aanbieder's name after its aanbieder_id (internal outputs only)."""
        uit = tabel.copy()
        plek = list(uit.columns).index("aanbieder_id") + 1
        uit.insert(plek, "naam", [self.namen.get(a, "") for a in uit["aanbieder_id"]])
        return uit

    @property
    def publiek_kostprijzen(self) -> pd.DataFrame:
        """Average cost price per product with n and the spread (window quantiles, weighted as
        the statistic is); suppressed cells masked, and a spread that could reveal a provider's
        value is not shown."""
        a = self.aggregatie.per_product
        uit = pd.DataFrame(
            {
                "productspecificatie": a["productspecificatie"],
                "eenheid": [self.eenheden[p] for p in a["productspecificatie"]],
                "n": a["n"],
                "kostprijs": a["kostprijs"],
                "p25": a["p25_venster"],
                "p75": a["p75_venster"],
            }
        ).astype(object)
        for i, r in a.iterrows():
            if r["productspecificatie"] in self.onderdrukt:
                uit.loc[i, ["kostprijs", "p25", "p75"]] = MARKER
            elif not r["spreiding_toonbaar"]:
                uit.loc[i, ["p25", "p75"]] = MARKER
        return uit

    @property
    def publieke_vergelijking(self) -> pd.DataFrame:
        """The tariff comparison; for suppressed products only the current tarief is shown."""
        uit = self.vergelijking.astype(object).copy()
        geheim = uit["productspecificatie"].isin(self.onderdrukt)
        uit.loc[geheim, ["kostprijs", "verschil", "verschil_pct", "richting"]] = MARKER
        return uit

    @property
    def publiek_voorstel(self) -> pd.DataFrame:
        uit = self.voorstel.astype(object).copy()
        uit.loc[
            uit["productspecificatie"].isin(self.onderdrukt), ["kostprijs", "voorgesteld_tarief"]
        ] = MARKER
        return uit

    @property
    def publiek_tariefoverzicht(self) -> pd.DataFrame:
        """Per tariff line and current tarief: the proposed tarief and the change (an exact
        ratio, rounded once when shown), masked where needed."""
        voorstel = {
            (p, v): t
            for p, v, t in zip(
                self.voorstel["productspecificatie"],
                self.voorstel["variant"],
                self.voorstel["voorgesteld_tarief"],
                strict=True,
            )
        }
        rijen = []
        for r in self.vergelijking.itertuples():
            nieuw = voorstel.get((r.productspecificatie, r.variant))
            geheim = r.productspecificatie in self.onderdrukt
            wijziging = None
            if nieuw is not None and r.huidig_tarief is not None:
                wijziging = (nieuw - r.huidig_tarief) / r.huidig_tarief
            rijen.append(
                {
                    "productspecificatie": r.regel,
                    "eenheid": self.eenheden[r.productspecificatie],
                    "huidig_tarief": r.huidig_tarief,
                    "voorgesteld_tarief": MARKER if geheim else nieuw,
                    "wijziging": MARKER if geheim else wijziging,
                }
            )
        return pd.DataFrame(rijen)

    @property
    def zichtbare_vergelijking(self) -> pd.DataFrame:
        """The tariff comparison of the products whose figures may be shown (e.g. in a plot)."""
        return self.vergelijking[~self.vergelijking["productspecificatie"].isin(self.onderdrukt)]

    @property
    def publieke_deelname(self) -> pd.DataFrame:
        """Submissions per status, and per sheet of the first error for rejections.

        No file names, ids or values a provider typed: only counts and sheet names.
        """
        rijen: dict[tuple[str, str], int] = {}
        for status, reden in zip(
            self.inzendingen["status"], self.inzendingen["reden"], strict=True
        ):
            waarom = ""
            if status == "afgewezen":
                blad = re.match(r"blad ([^,:]+)", reden)
                waarom = (
                    f"ontbrekende of ongeldige gegevens (blad {blad.group(1)})"
                    if blad
                    else "bestand onbruikbaar"
                )
            elif status == "vervangen":
                waarom = "latere inzending van dezelfde aanbieder telt"
            rijen[(status, waarom)] = rijen.get((status, waarom), 0) + 1
        volgorde = ["geaccepteerd", "geaccepteerd met opmerkingen", "vervangen", "afgewezen"]
        sleutels = sorted(
            rijen, key=lambda k: (volgorde.index(k[0]) if k[0] in volgorde else 9, k[1])
        )
        return pd.DataFrame(
            {
                "Status": [s for s, _ in sleutels],
                "Reden": [w for _, w in sleutels],
                "Aantal": [rijen[k] for k in sleutels],
            }
        )

    @property
    def deelname(self) -> dict[str, int]:
        """Counts of submissions by status (no names)."""
        status = self.inzendingen["status"].value_counts()
        return {
            "ontvangen": len(self.inzendingen),
            "meegeteld": int((self.inzendingen["telt_mee"] == "ja").sum()),
            **{s: int(n) for s, n in status.items()},
        }


def bereken_onderzoek(params: Jaarparameters, processed: Path, raw: Path) -> Kostprijsonderzoek:
    """Run the research on the ingested tables in `processed` and the current tarieven in `raw`."""
    processed, raw = Path(processed), Path(raw)
    k = params.kostprijs
    per_aanbieder = uit_processed(processed, params)
    aggregatie = aggregeer(per_aanbieder, k, producten=params.productspecificaties)
    meegeteld = per_aanbieder[
        per_aanbieder["kostprijs_bouwstenen"].notna() & (per_aanbieder["uitgesloten"] == "")
    ]
    gewogen = k.aggregatie == "gewogen_gemiddelde"
    bijdragen = meegeteld.assign(
        waarde=bijdragen_gemiddelde(
            list(meegeteld["kostprijs_bouwstenen"]),
            [v or 0 for v in meegeteld["volume"]] if gewogen else None,
        )
    )
    oordelen = beoordeel_tabel(
        bijdragen, "productspecificatie", None, "waarde", lees_p(), totalen=False
    )
    onderdrukt = frozenset(oordelen.loc[oordelen["status"] != VEILIG, "rij"])
    onderdrukt |= {
        p
        for p, n, toonbaar in zip(
            aggregatie.per_product["productspecificatie"],
            aggregatie.per_product["n"],
            aggregatie.per_product["statistiek_toonbaar"],
            strict=True,
        )
        if n == 0 or not toonbaar
    }
    gemiddeld = aggregatie.per_product.dropna(subset=["kostprijs"])
    huidig = lees_tarieven(catalogus.tarievenbron(raw), params, meerdere=True)
    huidig = huidig[huidig["leveringsvorm"] == ZIN]
    inzendingen = lees_tabel(processed / catalogus.INZENDINGEN)
    aanbieders = lees_tabel(processed / catalogus.AANBIEDERS)
    bevindingen = lees_tabel(processed / catalogus.BEVINDINGEN)
    bevestigingen = lees_tabel(processed / catalogus.BEVESTIGINGEN)
    keten = indexketen(boekjaar(params), params.jaar, keuze=k.indexatie)
    return Kostprijsonderzoek(
        per_aanbieder=per_aanbieder,
        aggregatie=aggregatie,
        inzendingen=inzendingen,
        oordelen=oordelen,
        onderdrukt=onderdrukt,
        vergelijking=vergelijk(
            huidig,
            gemiddeld[["productspecificatie", "kostprijs"]],
            k.tolerantie_gelijk,
            params.catalogus,
        ),
        voorstel=voorgestelde_tarieven(gemiddeld, keten.factor - 1, params.catalogus),
        methodecontrole=controleer_methode(processed, k, methode_pad(params.jaar)),
        eenheden={p.productspecificatie: p.eenheid for p in params.catalogus},
        namen=dict(zip(aanbieders["aanbieder_id"], aanbieders["naam"], strict=True)),
        opmerkingen=bevindingen[bevindingen["ernst"] == "opmerking"].reset_index(drop=True),
        bevestigingen=bevestigingen,
        indexketen=keten,
    )


def gelezen_bestanden(params: Jaarparameters, processed: Path, raw: Path) -> dict[str, Path]:
    """What `bereken_onderzoek` reads, by its name in the provenance record."""
    processed, raw = Path(processed), Path(raw)
    invoer = {
        f"processed/{naam}": processed / naam
        for naam in (
            catalogus.PERSONEEL,
            catalogus.INZET,
            catalogus.BOUWSTENEN,
            catalogus.REALISATIE_AANBIEDERS,
            catalogus.INZENDINGEN,
            catalogus.AANBIEDERS,
            catalogus.BEVESTIGINGEN,
        )
        if (processed / naam).exists()
    }
    huidig_pad = catalogus.tarievenbron(raw)
    invoer[f"raw/{huidig_pad.name}"] = huidig_pad
    invoer[f"params/{params.bron.name}"] = params.bron
    if methode_pad(params.jaar).exists():
        invoer[f"params/{methode_pad(params.jaar).name}"] = methode_pad(params.jaar)
    return invoer


def onderdrukte_producten(map_: Path) -> frozenset[str]:
    """The products suppressed at the inkooptafel, as the cost-price step recorded them in
    `map_` (disclosure.csv: not safe; kostprijzen_product.csv: no cost price, or a statistic
    made of too few providers' values)."""
    map_ = Path(map_)
    oordelen = lees_tabel(map_ / catalogus.DISCLOSURE)
    per_product = lees_tabel(map_ / catalogus.KOSTPRIJZEN_PRODUCT)
    onveilig = set(oordelen.loc[oordelen["status"] != VEILIG, "rij"])
    niet_toonbaar = (per_product["n"] == "0") | (per_product["statistiek_toonbaar"] != "True")
    return frozenset(onveilig | set(per_product.loc[niet_toonbaar, "productspecificatie"]))


def schrijf_voorstel(onderzoek: Kostprijsonderzoek, pad: Path) -> None:
    """The proposed tarieven as input of the budget model (Dutch CSV, like tarieven_nieuw.csv)."""
    v = onderzoek.voorstel
    tabel = pd.DataFrame(
        {
            "productspecificatie": v["productspecificatie"],
            "variant": v["variant"],
            "eenheid": [onderzoek.eenheden[p] for p in v["productspecificatie"]],
            "tarief": v["voorgesteld_tarief"],
        }
    )
    schrijf_csv_nl(tabel, pad)


def schrijf_kostprijzen(onderzoek: Kostprijsonderzoek, map_: Path) -> list[Path]:
    """Processed outputs of the research (internal): per aanbieder, per product, the proposal."""
    map_ = Path(map_)
    paden = {
        catalogus.KOSTPRIJZEN_AANBIEDERS: onderzoek.per_aanbieder.drop(columns=EXACT),
        catalogus.KOSTPRIJZEN_PRODUCT: onderzoek.aggregatie.per_product,
        catalogus.DISCLOSURE: onderzoek.oordelen.drop(columns=["totaal"]),
    }
    for naam, tabel in paden.items():
        schrijf_tabel(onschadelijke_tabel(tabel), map_ / naam)
    schrijf_voorstel(onderzoek, map_ / VOORSTEL)
    return [map_ / n for n in [*paden, VOORSTEL]]
