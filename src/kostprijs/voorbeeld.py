"""Synthetic sample data: deterministic, fictitious, and shaped like the real inputs.

Nothing here is real. The current tarieven are the seed table of the Steenwijkerland
slides (2017), and the provider workbooks are built to give cost prices near its gemiddelde
kostprijzen (voorbeeld_aanbieders.py); clients, indicaties and realisatie are drawn from fixed distributions with
a fixed seed, so every run writes the same bytes. See docs/voorbeelddata.md.
"""

from __future__ import annotations

import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from kostprijs.budget import periode_weken
from kostprijs.config import Jaarparameters
from kostprijs.fouten import KostprijsFout
from kostprijs.tabellen import schrijf_csv_nl
from kostprijs.voorbeeld_aanbieders import schrijf_voorbeeld_aanbieders

AANTAL_CLIENTEN = 2000
MARKERING = "SYNTHETISCH.txt"  # marks a raw folder as sample data; reports show a banner
AANDEEL_BESTAAND = 0.85
ZAAD = 20171123

# Seed 001, "Resultaten gemiddelde kostprijs": huidige tarieven (Vervoer has two, with the
# share of volume this sample assumes for each).
HUIDIGE_TARIEVEN = {
    "OZL 1": [("43.20", None)],
    "OZL 2": [("46.80", None)],
    "OZL 3": [("72.00", None)],
    "OMD 1": [("34.60", None)],
    "OMD 2": [("49.00", None)],
    "OMD 3": [("55.40", None)],
    "Vervoer": [("6.00", "0.5"), ("16.36", "0.5")],
    "Kortdurend verblijf": [("31.00", None)],
}

# Share of the indicatie that clients really use, per product (sample assumption).
GEBRUIK = {
    "OZL 1": 0.60,
    "OZL 2": 0.63,
    "OZL 3": 0.68,
    "OMD 1": 0.72,
    "OMD 2": 0.70,
    "OMD 3": 0.66,
    "Vervoer": 0.69,
    "Kortdurend verblijf": 0.55,
    "Kortdurend verblijf extra": 0.50,
}
# Indicaties per week a consulent hands out, per product.
KEUZES = {
    "OZL 1": [1, 1.5, 2, 3, 4, 5],
    "OZL 2": [2, 3, 4, 5, 6],
    "OZL 3": [3, 4, 5, 6, 8, 10],
    "OMD 1": [1, 2, 3, 4],
    "OMD 2": [2, 3, 4, 6],
    "OMD 3": [3, 4, 6, 8],
    "Kortdurend verblijf": [0.25, 0.5, 1],
    "Kortdurend verblijf extra": [0.25, 0.5],
}
EENHEID_STAP = {"uur": 0.25, "dagdeel": 1.0, "etmaal": 1.0}


def maak_indicaties(rng: np.random.Generator, aantal: int = AANTAL_CLIENTEN) -> pd.DataFrame:
    """Fictitious clients with 1-4 indicaties each: OZL, OMD (+ vervoer), kortdurend verblijf."""
    rijen = []
    for i in range(1, aantal + 1):
        client = f"K{i:05d}"
        producten: dict[str, float] = {}
        if rng.random() < 0.8:
            ozl = rng.choice(["OZL 1", "OZL 2", "OZL 3"], p=[0.45, 0.35, 0.20])
            producten[ozl] = float(rng.choice(KEUZES[ozl]))
        if rng.random() < 0.4 or not producten:
            omd = rng.choice(["OMD 1", "OMD 2", "OMD 3"], p=[0.4, 0.4, 0.2])
            producten[omd] = float(rng.choice(KEUZES[omd]))
            if rng.random() < 0.7:
                producten["Vervoer"] = float(np.ceil(producten[omd] / 2))
        if rng.random() < 0.06:
            producten["Kortdurend verblijf"] = float(rng.choice(KEUZES["Kortdurend verblijf"]))
        elif rng.random() < 0.02:
            kv = "Kortdurend verblijf extra"
            producten[kv] = float(rng.choice(KEUZES[kv]))
        rijen += [(client, p, Decimal(format(v, "g"))) for p, v in producten.items()]
    return pd.DataFrame(rijen, columns=["client", "productspecificatie", "indicatie_per_week"])


def maak_realisatie(
    rng: np.random.Generator,
    indicaties: pd.DataFrame,
    params: Jaarparameters,
) -> pd.DataFrame:
    """Declared volume per existing client, product and facturatieperiode of the realisatiejaar."""
    weken = np.asarray(periode_weken(params.realisatiejaar, params.budget.perioden_per_jaar))
    clienten = indicaties["client"].unique()
    bestaand = set(clienten[rng.random(len(clienten)) < AANDEEL_BESTAAND])
    rijen = []
    for client, product, per_week in indicaties.itertuples(index=False):
        if client not in bestaand:
            continue
        stap = EENHEID_STAP[params.product(product).eenheid]
        ruis = rng.lognormal(mean=-0.03, sigma=0.25, size=len(weken))
        volume = float(per_week) * weken * GEBRUIK[product] * ruis
        volume = np.round(volume / stap) * stap
        for periode, v in enumerate(volume, start=1):
            if v > 0:
                rijen.append((client, product, periode, Decimal(format(float(v), "g"))))
    return pd.DataFrame(rijen, columns=["client", "productspecificatie", "periode", "volume"])


def _tarieftabel(params: Jaarparameters, tarieven: dict) -> pd.DataFrame:
    rijen = []
    for product in params.catalogus:
        for tarief, aandeel in tarieven.get(product.productspecificatie, []):
            rijen.append(
                (
                    product.productspecificatie,
                    product.eenheid,
                    Decimal(tarief),
                    "" if aandeel is None else Decimal(aandeel),
                )
            )
    return pd.DataFrame(rijen, columns=["productspecificatie", "eenheid", "tarief", "aandeel"])


def schrijf_voorbeeld(params: Jaarparameters, map_: Path) -> list[Path]:
    """Write the sample for `params.jaar` into `map_`, which must not hold any files yet.

    The folder is filled under a temporary name and renamed when complete, so an
    interrupted run leaves no half-filled raw-data folder.
    """
    map_ = Path(map_)
    if map_.exists() and any(map_.iterdir()):
        raise KostprijsFout(
            f"De map {map_} bestaat al en is niet leeg. Voorbeelddata worden nooit over "
            "ruwe data heen geschreven; kies een lege map."
        )
    rng = np.random.default_rng(ZAAD + params.jaar)
    indicaties = maak_indicaties(rng)
    realisatie = maak_realisatie(rng, indicaties, params)
    tabellen = {
        "indicaties.csv": indicaties,
        "tarieven_huidig.csv": _tarieftabel(params, HUIDIGE_TARIEVEN),
        f"realisatie_{params.realisatiejaar}.csv": realisatie,
    }
    map_.parent.mkdir(parents=True, exist_ok=True)
    tijdelijk = Path(tempfile.mkdtemp(prefix=f".{map_.name}.", dir=map_.parent))
    try:
        for naam, tabel in tabellen.items():
            schrijf_csv_nl(tabel, tijdelijk / naam)
        schrijf_voorbeeld_aanbieders(params, tijdelijk)
        (tijdelijk / MARKERING).write_text(
            "Deze map bevat synthetische voorbeelddata, gemaakt door `kostprijs voorbeeld`.\n"
            "Niets hierin is echt. Rapporten op deze gegevens zeggen dat bovenaan.\n",
            encoding="utf-8",
        )
        if map_.exists():
            map_.rmdir()
        tijdelijk.rename(map_)
    finally:
        shutil.rmtree(tijdelijk, ignore_errors=True)
    return sorted(map_.rglob("*.*"))
