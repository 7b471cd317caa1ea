"""Dutch number and date formats, the one implementation for reports and messages alike
(babel, locale nl_NL), every figure rounded once, half up, from its exact value.

>>> euro(Decimal("1234.565")), euro(99008, centen=True), euro(150, centen=True, heel=True)
('€\xa01.234,57', '€\xa0990,08', '€\xa02')
>>> getal(1234.5, 1), getal(2.5, 0), invoergetal(Decimal("1.170"))
('1.234,5', '3', '1,17')
>>> datum(dt.date(2026, 11, 23))
'23 november 2026'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

LOCALE = "nl_NL"
ONTBREEKT = "–"


def _leeg(waarde) -> bool:
    return waarde is None or (isinstance(waarde, float) and pd.isna(waarde))


def half_op(waarde, decimalen: int) -> Decimal:
    """The value as an exact Decimal (a float by its shortest repr), rounded half up once.

    Babel would round half to even; every figure in the reports is rounded half up.
    """
    if isinstance(waarde, Decimal):
        d = waarde
    elif isinstance(waarde, float | np.floating):
        d = Decimal(repr(float(waarde)))
    elif isinstance(waarde, int | np.integer):
        d = Decimal(int(waarde))
    else:
        d = Decimal(str(waarde))
    return d.quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)


def euro(
    waarde: Decimal | int | float | None,
    *,
    centen: bool = False,
    heel: bool = False,
    teken: bool = False,
) -> str:
    """'€ 1.234,56'; centen=True: the value is an int of cents; heel=True: '€ 1.235';
    teken=True: a difference, '€ +1.234,56' (negative amounts always show '€ -1.234,56').

    An amount that rounds to zero has no sign:

    >>> euro(-30, centen=True, heel=True), euro(Decimal("-0.001"))
    ('€\xa00', '€\xa00,00')
    """
    if _leeg(waarde):
        return ONTBREEKT
    bedrag = Decimal(int(waarde)) / 100 if centen else Decimal(str(waarde))
    bedrag = half_op(bedrag, 0 if heel else 2)
    if bedrag == 0:
        bedrag = abs(bedrag)  # no '€ -0'

    if heel:
        tekst = format_currency(
            bedrag,
            "EUR",
            format="¤\u00a0#,##0;¤\u00a0-#,##0",  # '€ -1.235', as babel writes '€ -1.234,56'
            locale=LOCALE,
            currency_digits=False,
        )
    else:
        tekst = format_currency(bedrag, "EUR", locale=LOCALE)
    return tekst.replace("€\u00a0", "€\u00a0+", 1) if teken and bedrag > 0 else tekst


def getal(waarde, decimalen: int | None = None) -> str:
    """'1.234,5'; decimalen fixes the number of decimals."""
    if _leeg(waarde):
        return ONTBREEKT
    if decimalen is None:
        return format_decimal(waarde, locale=LOCALE)
    patroon = "#,##0" + ("." + "0" * decimalen if decimalen else "")
    return format_decimal(half_op(waarde, decimalen), format=patroon, locale=LOCALE)


def procent_exact(fractie: Decimal, minimaal: int = 2) -> str:
    """A percentage with every decimal it has (at least `minimaal`): an index of 6,605% is
    shown so, because a reader who multiplies by 1,0661 gets another tariff.

    >>> procent_exact(Decimal("0.0496")), procent_exact(Decimal("0.06605")), procent_exact(Decimal("0"))
    ('4,96%', '6,605%', '0,00%')
    """
    exponent = (Decimal(fractie) * 100).normalize().as_tuple().exponent
    return procent(fractie, max(minimaal, -exponent if isinstance(exponent, int) else 0))


def procent(fractie, decimalen: int = 1, *, teken: bool = False) -> str:
    """A fraction as a percentage, rounded half up once from the exact value.

    >>> procent(Decimal("0.144")), procent(0.0985, 1), procent(Decimal("0.00125"), 2)
    ('14,4%', '9,9%', '0,13%')
    >>> procent(Decimal("0.0496"), 2, teken=True)
    '+4,96%'
    """
    if _leeg(fractie):
        return ONTBREEKT
    patroon = "#,##0" + ("." + "0" * decimalen if decimalen else "") + "%"
    afgerond = half_op(fractie, decimalen + 2)
    tekst = format_percent(afgerond, format=patroon, locale=LOCALE)
    return f"+{tekst}" if teken and afgerond > 0 else tekst


def datum(d: dt.date | dt.datetime) -> str:
    """'23 november 2026'."""
    return format_date(d, format="long", locale=LOCALE)


def bericht(sjabloon: str, iso: str) -> str:
    """A reason recorded as a template with a `{datum}` and its date (ISO; '' for none).

    >>> bericht("indicatie beëindigd op {datum}", "2026-02-03"), bericht("geen indicatie", "")
    ('indicatie beëindigd op 3 februari 2026', 'geen indicatie')
    """
    return sjabloon.format(datum=datum(dt.date.fromisoformat(iso))) if iso else sjabloon


def invoergetal(waarde: Decimal) -> str:
    """A number as someone types it, with a decimal comma and no grouping: '1,17', '38000'."""
    return format(waarde.normalize(), "f").replace(".", ",")


def opsomming(delen: Iterable[str], laatste: str = "en") -> str:
    """'a', 'a en b', 'a, b en c'."""
    delen = list(delen)
    if not delen:
        return ""
    return delen[0] if len(delen) == 1 else f"{', '.join(delen[:-1])} {laatste} {delen[-1]}"


def in_zin(naam: str) -> str:
    """A product name inside a sentence: a capital that starts a word is lowered ('Dagbesteding
    groep' -> 'dagbesteding groep'), a code keeps its capitals ('AB 1' stays 'AB 1')."""
    return naam[0].lower() + naam[1:] if len(naam) > 1 and naam[1].islower() else naam
