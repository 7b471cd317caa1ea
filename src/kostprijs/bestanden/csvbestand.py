"""Tables as CSV: in the Dutch Excel convention (`;`, decimal comma, UTF-8 with BOM) for
people, and plainly (`,`, UTF-8) for the processed folder, whose tables are written and read
only here (`schrijf_tabel`, `lees_tabel`), against the columns the catalogue declares. Both
quote every field that holds the separator, a quote, a carriage return or a line feed, so a
field never spills into another cell or row."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.dtypes import StringDType

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.atomisch import atomisch
from kostprijs.bestanden.injectie import GEVAARLIJK, onschadelijk
from kostprijs.fouten import VerouderdeGegevens

_SCHEIDING = ";"
_REGELEINDE = ("\r", "\n")
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
    # amounts and whole numbers are digits, a sign and a comma: never a cell to quote
    cijfers = {
        i
        for i, naam in enumerate(df.columns)
        if naam in centen or pd.api.types.is_integer_dtype(df.iloc[:, i].dtype)
    }
    tekst = _csv_tekst([str(k) for k in df.columns], kolommen, _SCHEIDING, cijfers)
    with atomisch(pad) as tmp:
        tmp.write_bytes(tekst.encode("utf-8-sig"))


def schrijf_csv(df: pd.DataFrame, pad: Path) -> None:
    """Write a processed table as plain CSV (`,`, UTF-8, each cell as its text, empty for a
    missing value), atomically."""
    kolommen = [
        np.asarray([_tekst(w) for w in df.iloc[:, i].tolist()], dtype=StringDType())
        for i in range(df.shape[1])
    ]
    tekst = _csv_tekst([str(k) for k in df.columns], kolommen, ",")
    with atomisch(pad) as tmp:
        tmp.write_bytes(tekst.encode("utf-8"))


def schrijf_tabel(df: pd.DataFrame, pad: Path) -> None:
    """Write the processed table `pad` (a name in catalogus.TABELLEN) with `schrijf_csv`, its
    columns in the declared order (they must be the declared ones)."""
    pad = Path(pad)
    _, kolommen = catalogus.TABELLEN[pad.name]
    if sorted(map(str, df.columns)) != sorted(kolommen):
        raise ValueError(f"{pad.name}: columns {list(df.columns)}, declared {list(kolommen)}")
    schrijf_csv(df[list(kolommen)], pad)


def lees_tabel(pad: Path) -> pd.DataFrame:
    """The processed table `pad` as text (empty for a missing value), its columns in the
    declared order. VerouderdeGegevens, naming the step that writes it, when it is missing or
    its columns are not the declared ones."""
    pad = Path(pad)
    stap, kolommen = catalogus.TABELLEN[pad.name]
    actie = f"Draai `make report` opnieuw (of eerst `kostprijs {stap}`); dat schrijft het opnieuw."
    if not pad.is_file():
        raise VerouderdeGegevens(f"{pad} ontbreekt: de stap '{stap}' schrijft het. {actie}")
    df = pd.read_csv(pad, dtype=str, keep_default_na=False)
    if sorted(df.columns) != sorted(kolommen):
        raise VerouderdeGegevens(
            f"{pad} heeft niet de kolommen die de stap '{stap}' schrijft (gevonden: "
            f"{', '.join(df.columns)}; verwacht: {', '.join(kolommen)}); een bestand van een "
            f"andere versie? {actie}"
        )
    return df[list(kolommen)]


def _tekst(waarde) -> str:
    if waarde is None or waarde is pd.NA or (isinstance(waarde, float) and np.isnan(waarde)):
        return ""
    return str(waarde)


def _csv_tekst(
    namen: list[str],
    kolommen: list[np.ndarray],
    scheiding: str,
    cijfers: frozenset[int] | set[int] = frozenset(),
) -> str:
    """The CSV text of text columns, joined at C speed. A cell holding the separator, a quote,
    a carriage return or a line feed is put between quotes (its quotes doubled), as is an
    empty cell of a lone column (else its line would be empty and skipped). The columns
    `cijfers` hold numbers only: only their heading is checked."""
    kop = np.asarray(namen, dtype=StringDType())
    alleen = len(kolommen) == 1
    bijzonder = (scheiding, '"', *_REGELEINDE)
    kolommen = [
        np.concatenate([_aangehaald(kop[i : i + 1], bijzonder, alleen), k])
        if i in cijfers and scheiding != ","
        else _aangehaald(np.concatenate([kop[i : i + 1], k]), bijzonder, alleen)
        for i, k in enumerate(kolommen)
    ]
    if not kolommen:
        return "\n"
    regels = kolommen[0]
    for kolom in kolommen[1:]:
        regels = np.strings.add(np.strings.add(regels, scheiding), kolom)
    return "\n".join([*regels.tolist(), ""])


def _aangehaald(kolom: np.ndarray, bijzonder: tuple[str, ...], alleen: bool) -> np.ndarray:
    kolom = np.asarray(kolom, dtype=StringDType())
    nodig = np.logical_or.reduce([np.strings.find(kolom, t) >= 0 for t in bijzonder])
    if alleen:
        nodig |= kolom == ""
    if not nodig.any():
        return kolom
    tussen = np.strings.add(np.strings.add('"', np.strings.replace(kolom, '"', '""')), '"')
    return np.where(nodig, tussen, kolom)


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
        gevaarlijk = np.logical_or.reduce(
            [np.strings.startswith(tekst, g) for g in GEVAARLIJK]
            + [np.strings.find(tekst, r) >= 0 for r in _REGELEINDE]
        )
        if not gevaarlijk.any():
            return tekst
    return np.asarray(kolom.map(_nl_cel), dtype=StringDType())


def _nl_cel(waarde) -> str:
    if waarde is None or waarde is pd.NA:
        return ""
    if isinstance(waarde, Decimal | float):
        return format(waarde, "f").replace(".", ",")
    return str(onschadelijk(waarde))
