"""Client numbers normalised once, the same way in every file, before pseudonymisation.

A client system exports a number as "088890842", Excel turns it into 88890842, another
export writes "0888 90 842". A number (digits, with spaces, dots or dashes between them) is
reduced to its digits and a lost leading zero restored to the length of the longest number
among the files read together, so the three are one client. An identifier with letters is
kept as it is (trimmed). A nine-digit number that fails the 11-proef is no valid BSN: it is
reported, not refused (a client system may use its own numbers of nine digits).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from kostprijs.codering import codeer

_GETAL = re.compile(r"\d[\d .\-]*")
_NIET_CIJFER = re.compile(r"\D")


def _schoon(waarden: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per distinct value: the trimmed text or its digits, and whether it is a number.
    Plain loops with a regular expression only for the few numbers with separators: fast
    for a million distinct identifiers."""
    tekst = [str(w).strip() for w in waarden]
    getal = np.fromiter((t.isdigit() for t in tekst), dtype=bool, count=len(tekst))
    for i in np.flatnonzero(~getal):
        if _GETAL.fullmatch(tekst[i]):
            tekst[i] = _NIET_CIJFER.sub("", tekst[i])
            getal[i] = True
    return np.asarray(tekst, dtype=object), getal


def normaliseer(*reeksen: np.ndarray) -> list[np.ndarray]:
    """Each array of identifiers with numbers as digits only, zero-padded to the length of
    the longest number among all `reeksen` (read together: the same client is the same
    identifier in every file); other identifiers trimmed. Each distinct value once."""
    delen = []
    for waarden in reeksen:
        codes, uniek = codeer(np.asarray(waarden, dtype=object))
        delen.append((codes, *_schoon(uniek)))
    lengtes = [
        np.fromiter(map(len, schoon), dtype=np.int64, count=len(schoon)) for _, schoon, _ in delen
    ]
    n = max(
        (int(ls[g].max()) for ls, (_, _, g) in zip(lengtes, delen, strict=True) if g.any()),
        default=0,
    )
    uit = []
    for ls, (codes, schoon, getal) in zip(lengtes, delen, strict=True):
        for i in np.flatnonzero(getal & (ls < n)):
            schoon[i] = schoon[i].zfill(n)
        uit.append(schoon[codes])
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
