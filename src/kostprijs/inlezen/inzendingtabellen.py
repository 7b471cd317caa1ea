"""From the named cells of all submissions to tables: one row per submission, function,
offered product and realisation, with exact Decimal values (floats only for validation)."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import numpy as np
import pandas as pd

from kostprijs.inlezen.bevinding import fout, opmerking
from kostprijs.inlezen.inzending import Inzending
from kostprijs.opmaak import invoergetal
from kostprijs.sjabloon.indeling import (
    ALGEMEEN,
    BOUWSTEEN_KOLOMMEN,
    FUNCTIES,
    PERSONEEL_KOLOMMEN,
    REALISATIE_KOLOMMEN,
    Indeling,
    slug,
)

FTE = tuple(f"fte_{f:02d}" for f in range(1, FUNCTIES + 1))


def veldnaam(tabel: str, kolom: str, rij: pd.Series) -> str:
    """The template's name of the cell behind a table cell."""
    if tabel == "algemeen":
        return kolom
    if tabel == "personeel":
        return f"functie_{int(rij['functie_nr']):02d}_{kolom}"
    prefix = "bs" if tabel == "bouwstenen" else "real"
    return f"{prefix}_{slug(rij['productspecificatie'])}_{'fte_01' if kolom == 'fte_totaal' else kolom}"


def rijen(inz: Inzending, ind: Indeling) -> dict[str, list[dict]]:
    """One submission's table rows (run in the worker); adds cross-sheet findings to `inz`."""
    algemeen, personeel, bouwstenen, realisatie = [], [], [], []
    if inz.waarden:
        w = inz.waarden
        rij = {"bestand": inz.bestand}
        for v in ind.velden:
            if v.blad == ALGEMEEN or v.naam.startswith("sjabloon_"):
                rij[v.naam] = w.get(v.naam)
        algemeen.append(rij)
        ingevuld = set()
        for f in range(1, FUNCTIES + 1):
            waarden = {k: w.get(f"functie_{f:02d}_{k}") for k in PERSONEEL_KOLOMMEN}
            if any(x is not None for x in waarden.values()):
                ingevuld.add(f)
                personeel.append({"bestand": inz.bestand, "functie_nr": f, **waarden})
        for product, _oms, soort, eenheid in ind.producten:
            p = slug(product)
            aangeboden = w.get(f"aangeboden_{p}") == "ja"
            bs = {k: w.get(f"bs_{p}_{k}") for k in _bouwsteenkolommen(ind, product)}
            fte = {k: w.get(f"bs_{p}_{k}") for k in FTE}
            real = {k: w.get(f"real_{p}_{k}") for k in REALISATIE_KOLOMMEN}
            if not aangeboden:
                if w.get(f"aangeboden_{p}") == "nee" and any(
                    x not in (None, Decimal(0))
                    for x in (*bs.values(), *fte.values(), *real.values())
                ):
                    inz.bevindingen.append(
                        opmerking(
                            inz.bestand,
                            f"Er zijn cijfers ingevuld voor {product}, maar bij 'Biedt u dit "
                            "aan?' staat nee. De cijfers zijn genegeerd.",
                            gevonden="nee, met cijfers",
                            verwacht="ja, of geen cijfers",
                            **inz.plaats(f"aangeboden_{p}"),
                        )
                    )
                continue
            for k, x in fte.items():
                f = int(k[-2:])
                gelezen = f"functie_{f:02d}_functie" in inz.cellen  # sheet Personeel was read
                if x is not None and x > 0 and f not in ingevuld and gelezen:
                    inz.bevindingen.append(
                        fout(
                            inz.bestand,
                            f"Er is {invoergetal(x)} fte van functie {f} ingezet, maar functie "
                            f"{f} is niet ingevuld op het blad Personeel. Vul functie {f} in op "
                            "het blad Personeel, of maak deze fte leeg als de functie niet "
                            "wordt ingezet.",
                            gevonden=f"{x} fte",
                            verwacht=f"functie {f} ingevuld op blad Personeel",
                            **inz.plaats(f"bs_{p}_{k}"),
                        )
                    )
            totaal = sum((x for x in fte.values() if x is not None), Decimal(0))
            bouwstenen.append(
                {
                    "bestand": inz.bestand,
                    "productspecificatie": product,
                    "soort": soort,
                    "eenheid": eenheid,
                    **bs,
                    **fte,
                    "fte_totaal": totaal,
                }
            )
            if any(x is not None for x in real.values()):
                realisatie.append({"bestand": inz.bestand, "productspecificatie": product, **real})
    return {
        "algemeen": algemeen,
        "personeel": personeel,
        "bouwstenen": bouwstenen,
        "realisatie": realisatie,
    }


def bouw_tabellen(inzendingen: list[Inzending], ind: Indeling) -> dict[str, pd.DataFrame]:
    """Tables of exact values (object columns of Decimal, str, date or None)."""
    samen: dict[str, list[dict]] = {
        "algemeen": [],
        "personeel": [],
        "bouwstenen": [],
        "realisatie": [],
    }
    for inz in inzendingen:
        for tabel, r in inz.rijen.items():
            samen[tabel].extend(r)
    algemeen, personeel = samen["algemeen"], samen["personeel"]
    bouwstenen, realisatie = samen["bouwstenen"], samen["realisatie"]
    return {
        "algemeen": _frame(
            algemeen,
            ["bestand"]
            + [v.naam for v in ind.velden if v.blad == ALGEMEEN or v.naam.startswith("sjabloon_")],
        ),
        "personeel": _frame(personeel, ["bestand", "functie_nr", *PERSONEEL_KOLOMMEN]),
        "bouwstenen": _frame(
            bouwstenen,
            [
                "bestand",
                "productspecificatie",
                "soort",
                "eenheid",
                *BOUWSTEEN_KOLOMMEN,
                *FTE,
                "fte_totaal",
            ],
        ),
        "realisatie": _frame(realisatie, ["bestand", "productspecificatie", *REALISATIE_KOLOMMEN]),
    }


@cache
def _bouwsteenkolommen(ind: Indeling, product: str) -> tuple[str, ...]:
    return tuple(k for k in BOUWSTEEN_KOLOMMEN if ind.bouwsteen(product, k))


def _frame(rijen: list[dict], kolommen: list[str]) -> pd.DataFrame:
    df = pd.DataFrame(rijen)
    for k in kolommen:
        if k not in df.columns:
            df[k] = None
    return df.astype(object).where(df.notna(), None).reset_index(drop=True)


def als_float(df: pd.DataFrame, getallen: list[str]) -> pd.DataFrame:
    """A copy with the number columns as float64 (NaN for empty), for vectorised checks."""
    uit = df.copy()
    for k in getallen:
        if k in uit.columns:
            uit[k] = np.array(
                [float(x) if isinstance(x, Decimal) else np.nan for x in uit[k].tolist()],
                dtype=np.float64,
            )
    return uit
