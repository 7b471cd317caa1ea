"""Client numbers normalised once, the same way in every file, before pseudonymisation.

A client system exports a number as "088890842", Excel turns it into 88890842, another
export writes "0888 90 842". A number (digits, with spaces, dots or dashes between them) is
reduced to its digits and a lost leading zero restored to the length of the longest number
among the files read together, so the three are one client. An identifier with letters is
kept as it is (trimmed). A nine-digit number that fails the 11-proef is no valid BSN: it is
reported, not refused (a client system may use its own numbers of nine digits).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

_GETAL = r"^\d[\d .\-]*$"


def _schoon(waarden: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per distinct value: the trimmed text or its digits, and whether it is a number."""
    tekst = pd.Series(np.asarray(waarden, dtype=object)).astype(str).str.strip()
    getal = tekst.str.match(_GETAL).to_numpy(dtype=bool)
    cijfers = tekst.str.replace(r"\D", "", regex=True)
    return np.where(getal, cijfers.to_numpy(dtype=object), tekst.to_numpy(dtype=object)), getal


def lengte(*reeksen: np.ndarray) -> int:
    """The length numbers are restored to: that of the longest number in all `reeksen`."""
    langste = 0
    for waarden in reeksen:
        uniek = pd.unique(np.asarray(waarden, dtype=object))
        schoon, getal = _schoon(uniek)
        if getal.any():
            langste = max(langste, max(len(s) for s in schoon[getal]))
    return langste


def normaliseer(waarden: np.ndarray, tot_lengte: int | None = None) -> np.ndarray:
    """The identifiers with numbers as digits only, zero-padded to `tot_lengte` (default: the
    longest number among `waarden`); other identifiers trimmed. Each distinct value once."""
    codes, uniek = pd.factorize(np.asarray(waarden, dtype=object), use_na_sentinel=False)
    schoon, getal = _schoon(uniek)
    n = lengte(uniek) if tot_lengte is None else tot_lengte
    gevuld = np.asarray([s.zfill(n) if g else s for s, g in zip(schoon, getal, strict=True)])
    return gevuld.astype(object)[codes]


def elfproef(nummer: str) -> bool:
    """Whether a nine-digit number passes the 11-proef of a BSN."""
    if len(nummer) != 9 or not nummer.isdigit():
        return False
    som = sum(int(c) * w for c, w in zip(nummer[:8], range(9, 1, -1), strict=True))
    return (som - int(nummer[8])) % 11 == 0


def zonder_elfproef(genormaliseerd: np.ndarray) -> list[str]:
    """The distinct nine-digit numbers among normalised identifiers that fail the 11-proef."""
    uniek = pd.unique(np.asarray(genormaliseerd, dtype=object))
    return sorted(
        str(u) for u in uniek if len(str(u)) == 9 and str(u).isdigit() and not elfproef(str(u))
    )
