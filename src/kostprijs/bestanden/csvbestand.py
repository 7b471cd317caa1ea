"""Writing a table as CSV in the Dutch Excel convention (`;`, decimal comma, UTF-8 with BOM)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd

from kostprijs.bestanden.atomisch import atomisch
from kostprijs.bestanden.injectie import onschadelijk


def schrijf_csv_nl(df: pd.DataFrame, pad: Path) -> None:
    """Write a table in the Dutch Excel convention (`;`, decimal comma), atomically."""
    tekst = df.map(_nl_cel).to_csv(sep=";", index=False, lineterminator="\n")
    with atomisch(pad) as tmp:
        tmp.write_text(tekst, encoding="utf-8-sig")


def _nl_cel(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, Decimal | float):
        return format(waarde, "f").replace(".", ",")
    return str(onschadelijk(waarde))
