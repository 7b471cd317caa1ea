"""Writing a table as CSV in the Dutch Excel convention (`;`, decimal comma, UTF-8 with BOM)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from kostprijs.bestanden.atomisch import atomisch
from kostprijs.bestanden.injectie import GEVAARLIJK, onschadelijk


def schrijf_csv_nl(df: pd.DataFrame, pad: Path) -> None:
    """Write a table in the Dutch Excel convention (`;`, decimal comma), atomically.

    Column by column: whole numbers, plain text and amounts in cents (the columns named in
    `df.attrs["centen"]`, written in euros) at C speed, other cells one by one."""
    centen = set(df.attrs.get("centen", ()))
    uit = df.copy()
    for i, naam in enumerate(df.columns):
        kolom = df.iloc[:, i]
        uit.isetitem(i, _euro_tekst(kolom) if naam in centen else _nl_kolom(kolom))
    tekst = uit.to_csv(sep=";", index=False, lineterminator="\n")
    with atomisch(pad) as tmp:
        tmp.write_text(tekst, encoding="utf-8-sig")


def _euro_tekst(centen: pd.Series) -> pd.Series:
    """Cents as euros with two decimals and a decimal comma: 99008 -> '990,08'."""
    c = centen.to_numpy(dtype=np.int64)
    a = np.abs(c)
    tekst = np.strings.add(
        np.strings.add((a // 100).astype(str), ","), np.strings.zfill((a % 100).astype(str), 2)
    )
    return pd.Series(np.strings.add(np.where(c < 0, "-", ""), tekst), index=centen.index)


def _nl_kolom(kolom: pd.Series) -> pd.Series:
    if pd.api.types.is_integer_dtype(kolom.dtype) and not kolom.hasnans:
        return kolom.astype(str)
    if pd.api.types.infer_dtype(kolom, skipna=False) == "string":
        gevaarlijk = kolom.str.startswith(GEVAARLIJK).to_numpy()
        if not gevaarlijk.any():
            return kolom
    return kolom.map(_nl_cel)


def _nl_cel(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, Decimal | float):
        return format(waarde, "f").replace(".", ",")
    return str(onschadelijk(waarde))
