"""Writing a table as CSV in the Dutch Excel convention (`;`, decimal comma, UTF-8 with BOM)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.dtypes import StringDType

from kostprijs.bestanden.atomisch import atomisch
from kostprijs.bestanden.injectie import GEVAARLIJK, onschadelijk

_SCHEIDING = ";"
_BIJZONDER = (_SCHEIDING, '"', "\r", "\n")  # a cell holding one of these is quoted
_DECIMALEN = np.array([f",{c:02d}" for c in range(100)], dtype=StringDType())


def schrijf_csv_nl(df: pd.DataFrame, pad: Path) -> None:
    """Write a table in the Dutch Excel convention (`;`, decimal comma), atomically.

    Column by column: whole numbers, plain text and amounts in cents (the columns named in
    `df.attrs["centen"]`, written in euros) at C speed, other cells one by one."""
    centen = set(df.attrs.get("centen", ()))
    kolommen = [
        _euro_tekst(df.iloc[:, i]) if naam in centen else _nl_kolom(df.iloc[:, i])
        for i, naam in enumerate(df.columns)
    ]
    tekst = _csv_tekst([str(k) for k in df.columns], kolommen)
    with atomisch(pad) as tmp:
        tmp.write_text(tekst, encoding="utf-8-sig")


def _csv_tekst(namen: list[str], kolommen: list[np.ndarray]) -> str:
    """The CSV text of text columns: rows joined at C speed when no cell needs quotes (and
    there are two columns or more: a lone empty cell is quoted), else by pandas."""
    quotes = any(t in naam for naam in namen for t in _BIJZONDER) or any(
        (np.strings.find(k, t) >= 0).any() for k in kolommen for t in _BIJZONDER
    )
    if quotes or len(kolommen) < 2:
        tabel = pd.DataFrame(dict(enumerate(kolommen)))
        tabel.columns = namen
        return tabel.to_csv(sep=_SCHEIDING, index=False, lineterminator="\n")
    regels = kolommen[0]
    for kolom in kolommen[1:]:
        regels = np.strings.add(np.strings.add(regels, _SCHEIDING), kolom)
    return "\n".join([_SCHEIDING.join(namen), *regels.tolist(), ""])


def _euro_tekst(centen: pd.Series) -> np.ndarray:
    """Cents as euros with two decimals and a decimal comma: 99008 -> '990,08'."""
    c = centen.to_numpy(dtype=np.int64)
    a = np.abs(c)
    tekst = np.strings.add((a // 100).astype(StringDType()), _DECIMALEN[a % 100])
    negatief = c < 0
    return np.where(negatief, np.strings.add("-", tekst), tekst) if negatief.any() else tekst


def _nl_kolom(kolom: pd.Series) -> np.ndarray:
    if pd.api.types.is_integer_dtype(kolom.dtype) and not kolom.hasnans:
        return kolom.to_numpy().astype(StringDType())
    if pd.api.types.infer_dtype(kolom, skipna=False) == "string" and not kolom.hasnans:
        tekst = np.asarray(kolom.to_numpy(), dtype=StringDType())
        gevaarlijk = np.logical_or.reduce([np.strings.startswith(tekst, g) for g in GEVAARLIJK])
        if not gevaarlijk.any():
            return tekst
    return np.asarray(kolom.map(_nl_cel), dtype=StringDType())


def _nl_cel(waarde) -> str:
    if waarde is None or waarde is pd.NA:
        return ""
    if isinstance(waarde, Decimal | float):
        return format(waarde, "f").replace(".", ",")
    return str(onschadelijk(waarde))
