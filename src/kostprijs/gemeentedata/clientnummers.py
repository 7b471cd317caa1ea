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


def normaliseer(*reeksen: np.ndarray) -> list[np.ndarray]:
    """Each array of identifiers with numbers as digits only, zero-padded to the length of
    the longest number among all `reeksen` (read together: the same client is the same
    identifier in every file); other identifiers trimmed. Each distinct value once."""
    delen = []
    for waarden in reeksen:
        codes, uniek = pd.factorize(np.asarray(waarden, dtype=object), use_na_sentinel=False)
        delen.append((codes, *_schoon(uniek)))
    n = max((len(s) for _, schoon, getal in delen for s in schoon[getal]), default=0)
    uit = []
    for codes, schoon, getal in delen:
        gevuld = np.asarray([s.zfill(n) if g else s for s, g in zip(schoon, getal, strict=True)])
        uit.append(gevuld.astype(object)[codes])
    return uit


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
