"""Neutralising text that a spreadsheet would run as a formula (CSV and formula injection).

The rule of OWASP's "CSV Injection" page: a text cell that starts with =, +, -, @, a tab
or a carriage return gets a single quote in front, so Excel and LibreOffice show it as
text instead of evaluating it. So does every line of the text after a carriage return or
line feed: a program that splits the cell at that line break must not find a formula either. Every CSV and xlsx the project writes passes its text
cells through `onschadelijk`; numbers are never changed (a negative amount stays a
number), and neither is text that is a plain number such as "-10" or "-0,5", which a
spreadsheet reads as that number, never as a formula.

>>> onschadelijk("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> onschadelijk("-2+3")
"'-2+3"
>>> onschadelijk("-10"), onschadelijk(-10), onschadelijk("Zorg & Co")
('-10', -10, 'Zorg & Co')
>>> onschadelijk("x\\r=cmd|' /C calc'!A0")
"x\\r'=cmd|' /C calc'!A0"
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")
_GETAL = re.compile(r"[+-]?\d+(?:[.,]\d+)?%?")
_REGELEINDE = re.compile(r"(\r\n|\r|\n)")


def onschadelijk(waarde: object) -> object:
    """`waarde` with a quote in front when it is text a spreadsheet would evaluate, and in
    front of each such line after a line break."""
    if not isinstance(waarde, str):
        return waarde
    if "\r" in waarde or "\n" in waarde:
        delen = _REGELEINDE.split(waarde)  # text, break, text, ...
        waarde = "".join([delen[0], *(_regel(d) if i % 2 else d for i, d in enumerate(delen[1:]))])
    return _regel(waarde)


def _regel(tekst: str) -> str:
    if tekst.startswith(GEVAARLIJK) and not _GETAL.fullmatch(tekst):
        return "'" + tekst
    return tekst


def onschadelijke_tabel(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` with every text cell and column name passed through `onschadelijk`."""
    uit = df.map(onschadelijk)
    uit.columns = [onschadelijk(k) for k in df.columns]
    return uit


def geen_formules(blad: Worksheet) -> None:
    """Store every cell openpyxl would write as a formula as neutralised text instead.

    openpyxl turns any text that starts with "=" into a formula; the writers pass text
    through `onschadelijk` first, and this sweep makes sure nothing slipped past.
    """
    for rij in blad.iter_rows():
        for cel in rij:
            if cel.data_type == "f":
                cel.value = onschadelijk(str(cel.value))
