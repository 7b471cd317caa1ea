"""Exact money arithmetic: amounts are integers of cents, rounding is half up.

Quantities with decimals (indicatie per week, gebruiksfactor) are scaled to integers too,
so a whole calculation stays in integers and is rounded once, at the end, half up
(away from zero for the rare negative amount), as Decimal's ROUND_HALF_UP does.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import numpy as np

CENT = Decimal("0.01")


def rond_half_op(teller, noemer):
    """teller / noemer rounded half up (away from zero); ints or int64 arrays.

    >>> rond_half_op(4076956, 1000), rond_half_op(-5, 2), rond_half_op(7, 2)
    (4077, -3, 4)
    """
    if np.any(np.asarray(noemer) <= 0):
        raise ValueError("noemer moet positief zijn")
    if isinstance(teller, (int, np.integer)):
        teller = int(teller)
        teken = -1 if teller < 0 else 1
        q, r = divmod(abs(teller), noemer)
        return teken * (q + (2 * r >= noemer))
    teller = np.asarray(teller, dtype=np.int64)
    q, r = np.divmod(np.abs(teller), noemer)
    return np.sign(teller) * (q + (2 * r >= noemer))


def rond_omlaag(teller, noemer: int):
    """teller / noemer rounded towards zero; ints or int64 arrays."""
    if isinstance(teller, (int, np.integer)):
        teller = int(teller)
        teken = -1 if teller < 0 else 1
        return teken * (abs(teller) // noemer)
    teller = np.asarray(teller, dtype=np.int64)
    return np.sign(teller) * (np.abs(teller) // noemer)


def decimaal(waarde) -> Decimal:
    """An exact Decimal from a str, int, Decimal or float (a float by its shortest repr)."""
    if isinstance(waarde, Decimal):
        return waarde
    if isinstance(waarde, bool):
        raise ValueError(f"geen getal: {waarde!r}")
    if isinstance(waarde, (int, np.integer)):
        return Decimal(int(waarde))
    if isinstance(waarde, (float, np.floating)):
        if not np.isfinite(waarde):
            raise ValueError(f"geen eindig getal: {waarde!r}")
        return Decimal(repr(float(waarde)))
    try:
        return Decimal(str(waarde).strip())
    except InvalidOperation as exc:
        raise ValueError(f"geen getal: {waarde!r}") from exc


def geschaald(waarde, decimalen: int) -> int:
    """waarde x 10**decimalen as an exact int; ValueError if it has more decimals."""
    d = decimaal(waarde) * (Decimal(10) ** decimalen)
    if d != d.to_integral_value():
        raise ValueError(f"{waarde} heeft meer dan {decimalen} decimalen")
    return int(d)


def geschaald_array(waarden, decimalen: int) -> np.ndarray:
    """Vectorised `geschaald` for float arrays; ValueError names the first bad position."""
    x = np.asarray(waarden, dtype=np.float64)
    schaal = 10**decimalen
    y = np.rint(x * schaal)
    fout = ~np.isfinite(x) | (np.abs(x * schaal - y) > 1e-6 * np.maximum(1.0, np.abs(y)))
    if fout.any():
        i = int(np.flatnonzero(fout)[0])
        raise ValueError(f"positie {i}: {x[i]!r} heeft meer dan {decimalen} decimalen")
    return y.astype(np.int64)


def centen(waarde) -> int:
    """An amount in euros (str, Decimal, int or float) as exact cents."""
    return geschaald(waarde, 2)


def naar_euro(centen_: int) -> Decimal:
    """Cents as a Decimal amount in euros, e.g. 99008 -> Decimal('990.08')."""
    return (Decimal(int(centen_)) / 100).quantize(CENT)


def afronden_op_centen(bedrag: Decimal) -> Decimal:
    """A Decimal amount rounded to the cent, half up."""
    return bedrag.quantize(CENT, rounding=ROUND_HALF_UP)


def verdeel(totaal: int, gewichten: np.ndarray) -> np.ndarray:
    """`totaal` (cents) in proportion to `gewichten`, to the cent: each its share rounded
    down, the cents left over to the largest remainders (ties: the first).

    >>> verdeel(7849, np.array([4000, 4000])).tolist()
    [3925, 3924]
    >>> verdeel(100, np.array([1, 1, 1])).tolist()
    [34, 33, 33]
    """
    g = [int(x) for x in gewichten]
    som = sum(g)
    if som == 0:
        return np.zeros(len(g), dtype=np.int64)
    delen = [totaal * x // som for x in g]
    rest = sorted(range(len(g)), key=lambda i: (-(totaal * g[i] % som), i))
    for i in rest[: totaal - sum(delen)]:
        delen[i] += 1
    return np.asarray(delen, dtype=np.int64)
