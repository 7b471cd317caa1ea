"""Reading and checking the budget model's inputs: indicaties, tarieven and realisatie.

Each reader returns a typed DataFrame or raises an InvoerFout naming file, row and column.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from kostprijs.budget import INDICATIE_DECIMALEN, MAX_INDICATIE_PER_WEEK, Tarieven
from kostprijs.config import Product
from kostprijs.fouten import InvoerFout
from kostprijs.geld import CENT, centen, geschaald
from kostprijs.tabellen import getal, lees_tabel

INDICATIE_KOLOMMEN = ["client", "productspecificatie", "indicatie_per_week"]
TARIEF_KOLOMMEN = ["productspecificatie", "eenheid", "tarief"]
REALISATIE_KOLOMMEN = ["client", "productspecificatie", "periode", "volume"]


def _fout(df: pd.DataFrame, i: int, kolom: str, melding: str, actie: str | None = None):
    return InvoerFout(
        melding, bestand=df.attrs["bestand"], rij=int(df["_rij"].iat[i]), kolom=kolom, actie=actie
    )


def _controleer_producten(df: pd.DataFrame, catalogus: Sequence[Product]) -> None:
    bekend = {p.productspecificatie for p in catalogus}
    onbekend = ~df["productspecificatie"].isin(bekend)
    if onbekend.any():
        i = int(np.flatnonzero(onbekend.to_numpy())[0])
        raise _fout(
            df,
            i,
            "productspecificatie",
            f"onbekende productspecificatie '{df['productspecificatie'].iat[i]}'.",
            f"Kies uit: {', '.join(sorted(bekend))}.",
        )


def _controleer_leeg(df: pd.DataFrame, kolom: str) -> None:
    leeg = df[kolom] == ""
    if leeg.any():
        i = int(np.flatnonzero(leeg.to_numpy())[0])
        raise _fout(df, i, kolom, f"'{kolom}' is leeg.")


def _geschaald(df: pd.DataFrame, kolom: str, waarden: list[Decimal], decimalen: int) -> np.ndarray:
    uit = np.empty(len(waarden), dtype=np.int64)
    for i, w in enumerate(waarden):
        try:
            uit[i] = geschaald(w, decimalen)
        except ValueError:
            raise _fout(df, i, kolom, f"{w} heeft meer dan {decimalen} decimalen.") from None
    return uit


def _controleer_dubbel(
    df: pd.DataFrame, sleutel: list[str], wat: str, actie: str = "Laat één rij over."
) -> None:
    dubbel = df.duplicated(sleutel, keep="first")
    if dubbel.any():
        i = int(np.flatnonzero(dubbel.to_numpy())[0])
        eerste = df[(df[sleutel] == df[sleutel].iloc[i]).all(axis=1)]["_rij"].iat[0]
        raise _fout(
            df, i, sleutel[-1], f"{wat} staat er al in (rij {eerste}).", "Laat één rij over."
        )


def lees_indicaties(pad: Path, catalogus: Sequence[Product]) -> pd.DataFrame:
    """Columns client, productspecificatie, indicatie_per_week (Decimal), indicatie_milli."""
    df = lees_tabel(pad, INDICATIE_KOLOMMEN)
    _controleer_leeg(df, "client")
    _controleer_producten(df, catalogus)
    _controleer_dubbel(df, ["client", "productspecificatie"], "deze cliënt met dit product")
    waarden = getal(df, "indicatie_per_week", minimum=Decimal(0))
    milli = _geschaald(df, "indicatie_per_week", waarden, INDICATIE_DECIMALEN)
    te_groot = milli > MAX_INDICATIE_PER_WEEK * 10**INDICATIE_DECIMALEN
    if te_groot.any():
        i = int(np.flatnonzero(te_groot)[0])
        raise _fout(df, i, "indicatie_per_week", f"{waarden[i]} per week is meer dan 168 uur.")
    uit = df[["client", "productspecificatie"]].copy()
    uit["indicatie_per_week"] = waarden
    uit["indicatie_milli"] = milli
    uit.attrs = dict(df.attrs)
    return uit


def indicaties_uit_waarden(rijen: Sequence[tuple[str, str, Decimal]]) -> pd.DataFrame:
    """Typed indicaties from (client, productspecificatie, indicatie_per_week) tuples."""
    uit = pd.DataFrame(rijen, columns=INDICATIE_KOLOMMEN)
    uit["indicatie_milli"] = np.asarray(
        [geschaald(w, INDICATIE_DECIMALEN) for w in uit["indicatie_per_week"]], dtype=np.int64
    )
    return uit


def lees_tarieven(
    pad: Path, catalogus: Sequence[Product], *, meerdere: bool = False
) -> pd.DataFrame:
    """Columns productspecificatie, eenheid, tarief (Decimal), tarief_centen, aandeel.

    `meerdere`: several tarieven per product allowed (current tarieven, e.g. Vervoer);
    an optional column `aandeel` gives each one's share of the volume.
    """
    df = lees_tabel(pad, TARIEF_KOLOMMEN, optioneel=("aandeel",) if meerdere else ())
    _controleer_producten(df, catalogus)
    if not meerdere:
        _controleer_dubbel(
            df,
            ["productspecificatie"],
            "een tarief voor dit product",
            "Geef per product één tarief op.",
        )
    eenheden = {p.productspecificatie: p.eenheid for p in catalogus}
    for i, (product, eenheid) in enumerate(
        zip(df["productspecificatie"], df["eenheid"], strict=True)
    ):
        if eenheid.lower() != eenheden[product].lower():
            raise _fout(
                df,
                i,
                "eenheid",
                f"eenheid '{eenheid}' past niet bij {product}; verwacht '{eenheden[product]}'.",
            )
    tarieven = getal(df, "tarief", minimum=Decimal(0))
    uit = df[["productspecificatie", "eenheid"]].copy()
    uit["tarief"] = tarieven
    uit["tarief_centen"] = _geschaald(df, "tarief", tarieven, 2)
    if "aandeel" in df.columns:
        uit["aandeel"] = [
            None if t == "" else v for t, v in zip(df["aandeel"], _aandelen(df), strict=True)
        ]
    else:
        uit["aandeel"] = None
    uit.attrs = dict(df.attrs)
    return uit


def _aandelen(df: pd.DataFrame) -> list[Decimal | None]:
    gevuld = df[df["aandeel"] != ""]
    waarden = dict(zip(gevuld.index, getal(gevuld, "aandeel", minimum=Decimal(0)), strict=True))
    return [waarden.get(i) for i in df.index]


def tarief_per_product(tarieven: pd.DataFrame) -> Tarieven:
    """One tarief per product; several become their mean weighted by `aandeel`, to the cent."""
    centen_per_product: dict[str, int] = {}
    for product, groep in tarieven.groupby("productspecificatie", sort=True):
        if len(groep) == 1:
            centen_per_product[product] = int(groep["tarief_centen"].iat[0])
            continue
        aandelen = list(groep["aandeel"])
        if any(a is None for a in aandelen) or sum(aandelen) != 1:
            raise InvoerFout(
                f"{product} heeft {len(groep)} tarieven maar geen aandelen die samen 1 zijn.",
                bestand=tarieven.attrs.get("bestand"),
                kolom="aandeel",
                actie="Vul per tarief in welk deel van het volume ertegen gedeclareerd werd (samen 1).",
            )
        gewogen = sum(t * a for t, a in zip(groep["tarief"], aandelen, strict=True))
        centen_per_product[product] = centen(gewogen.quantize(CENT, rounding="ROUND_HALF_UP"))
    return Tarieven(centen_per_product)


def lees_realisatie(pad: Path, catalogus: Sequence[Product], perioden: int) -> pd.DataFrame:
    """Columns client, productspecificatie, periode (int), volume_milli (int64)."""
    df = lees_tabel(pad, REALISATIE_KOLOMMEN)
    _controleer_leeg(df, "client")
    _controleer_producten(df, catalogus)
    periode = getal(df, "periode", minimum=Decimal(1))
    for i, p in enumerate(periode):
        if p != p.to_integral_value() or p > perioden:
            raise _fout(df, i, "periode", f"periode {p} bestaat niet; kies 1 t/m {perioden}.")
    volume = getal(df, "volume", minimum=Decimal(0))
    uit = df[["client", "productspecificatie"]].copy()
    uit["periode"] = np.asarray([int(p) for p in periode], dtype=np.int64)
    uit["volume_milli"] = _geschaald(df, "volume", volume, INDICATIE_DECIMALEN)
    uit.attrs = dict(df.attrs)
    return uit
