"""A code per row and the distinct values of a column, fast for text columns; exact sums
per code and per group of rows.

`pd.factorize(..., use_na_sentinel=False)` first scans a text column for missing values and
for non-strings, which at a million rows costs more than the factorizing itself. Read
columns are text without missing values: this goes to pandas' string hash table directly,
and to the general one when a value is not a str.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas._libs.hashtable import StringHashTable
from pandas.core.algorithms import factorize_array


def codeer(waarden) -> tuple[np.ndarray, np.ndarray]:
    """As `pd.factorize(waarden, use_na_sentinel=False)`: a code per row (int64) and the
    distinct values in order of first appearance; every missing value (None, NaN, NA) is one
    value, the first one met.

    >>> codes, uniek = codeer(["b", "a", "b", None, float("nan")])
    >>> codes.tolist(), uniek.tolist()
    ([0, 1, 0, 2, 2], ['b', 'a', None])
    """
    a = np.asarray(waarden) if not isinstance(waarden, np.ndarray) else waarden
    if a.dtype != object:
        codes, uniek = pd.factorize(a, use_na_sentinel=False)
        return codes.astype(np.int64, copy=False), np.asarray(uniek)
    uniek, codes = StringHashTable(len(a)).factorize(a)  # anything but a str gets code -1
    if not (codes < 0).any():
        return codes.astype(np.int64, copy=False), uniek
    codes, uniek = factorize_array(a, use_na_sentinel=False)
    codes = codes.astype(np.int64, copy=False)
    leeg = np.flatnonzero(pd.isna(uniek))
    if len(leeg) > 1:  # None, NaN and NA are told apart by the hash table: one value here
        naar = np.arange(len(uniek))
        naar[leeg] = leeg[0]
        houden = np.ones(len(uniek), dtype=bool)
        houden[leeg[1:]] = False
        nieuw = np.cumsum(houden) - 1
        codes = nieuw[naar][codes]
        uniek = uniek[houden]
    return codes, uniek


def codeer_rijen(*kolommen) -> tuple[np.ndarray, np.ndarray]:
    """A code per row for the combination of `kolommen` (equal-length arrays), in order of
    first appearance, and the position of each combination's first row.

    >>> codes, eerste = codeer_rijen(["a", "b", "a", "a"], [1, 1, 1, 2])
    >>> codes.tolist(), eerste.tolist()
    ([0, 1, 0, 2], [0, 1, 3])
    """
    sleutel = None
    for kolom in kolommen:
        codes, uniek = codeer(kolom)
        # re-coded after each column, so the key stays below rows x distinct values
        sleutel = codes if sleutel is None else codeer(sleutel * (len(uniek) + 1) + codes)[0]
    if sleutel is None:
        raise ValueError("codeer_rijen heeft minstens één kolom nodig")
    eerste = np.flatnonzero(~pd.Series(sleutel).duplicated().to_numpy())
    return sleutel, eerste


def groepssom(
    tabel: pd.DataFrame, sleutel: list[str], waarde: str, waar: np.ndarray | None = None
) -> pd.DataFrame:
    """As `tabel[waar].groupby(sleutel, sort=True, observed=True)[waarde].sum().reset_index()`
    for an integer `waarde`, exact, without copying the rows: the key columns are combined
    into one integer per row (a categorical by its codes, so in category order).

    >>> t = pd.DataFrame({"k": ["b", "a", "b"], "n": [1, 2, 3]})
    >>> groepssom(t, ["k"], "n").to_dict("list")
    {'k': ['a', 'b'], 'n': [2, 4]}
    """
    rijen = np.arange(len(tabel)) if waar is None else np.flatnonzero(waar)
    samen = np.zeros(len(rijen), dtype=np.int64)
    for kolom in sleutel:
        reeks = tabel[kolom]
        if isinstance(reeks.dtype, pd.CategoricalDtype):
            codes, aantal = reeks.cat.codes.to_numpy()[rijen], len(reeks.cat.categories)
        else:
            codes, uniek = pd.factorize(reeks.to_numpy()[rijen], sort=True)
            aantal = len(uniek)
        if (int(samen.max(initial=0)) + 1) * (aantal + 1) >= 2**62:  # keep it an int64
            samen = np.unique(samen, return_inverse=True)[1].astype(np.int64)
        samen = samen * (aantal + 1) + (codes.astype(np.int64) + 1)
    volgorde = np.argsort(samen, kind="stable")
    gesorteerd = samen[volgorde]
    start = np.flatnonzero(np.r_[True, gesorteerd[1:] != gesorteerd[:-1]]) if len(rijen) else []
    uit = tabel.iloc[rijen[volgorde[start]]][sleutel].reset_index(drop=True)
    waarden = tabel[waarde].to_numpy(dtype=np.int64)[rijen][volgorde]
    uit[waarde] = np.add.reduceat(waarden, start) if len(rijen) else np.zeros(0, np.int64)
    return uit


def som_per_groep(codes: np.ndarray, waarden: np.ndarray, groepen: int) -> np.ndarray:
    """Exact integer sum of `waarden` per group code.

    np.bincount adds in float64, which is exact while no partial sum exceeds 2**53: the
    largest value times the number of lines bounds every partial sum. Otherwise integers.
    """
    waarden = np.asarray(waarden, dtype=np.int64)
    if len(waarden) == 0:
        return np.zeros(groepen, dtype=np.int64)
    if int(np.abs(waarden).max()) * len(waarden) < 2**53:
        som = np.bincount(codes, weights=waarden, minlength=groepen)
        return np.rint(som).astype(np.int64)
    uit = np.zeros(groepen, dtype=np.int64)
    np.add.at(uit, codes, waarden)
    return uit
