"""`codeer` gives what `pd.factorize(..., use_na_sentinel=False)` gives, on any column."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from kostprijs.codering import codeer, codeer_rijen

waarde = st.one_of(
    st.text(max_size=3),
    st.sampled_from(["", "OZL 1", "2", "ß", "é"]),
    st.none(),
    st.just(float("nan")),
    st.integers(-3, 3),
)


@given(st.lists(waarde, max_size=40))
def test_codes_as_pandas_factorize(waarden):
    a = np.asarray(waarden, dtype=object) if waarden else np.zeros(0, dtype=object)
    codes, uniek = codeer(a)
    verwacht_codes, verwacht_uniek = pd.factorize(a, use_na_sentinel=False)
    assert codes.dtype == np.int64
    assert codes.tolist() == verwacht_codes.tolist()
    assert len(uniek) == len(verwacht_uniek)
    for u, v in zip(uniek, verwacht_uniek, strict=True):
        assert (pd.isna(u) and pd.isna(v)) or (u == v and type(u) is type(v))
    # every row gets back its own value
    for w, c in zip(a, codes, strict=True):
        assert (pd.isna(w) and pd.isna(uniek[c])) or uniek[c] == w


@given(st.lists(st.integers(-5, 5), max_size=30))
def test_numbers_too(waarden):
    a = np.asarray(waarden, dtype=np.int64)
    codes, uniek = codeer(a)
    assert uniek[codes].tolist() == waarden
    assert uniek.tolist() == list(dict.fromkeys(waarden))


@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "", "c"]), st.integers(0, 3), st.booleans()),
        min_size=1,
        max_size=60,
    )
)
def test_codeer_rijen_numbers_combinations_in_order_of_first_appearance(rijen):
    codes, eerste = codeer_rijen(*(np.array(k, dtype=object) for k in zip(*rijen, strict=True)))
    volgorde = list(dict.fromkeys(rijen))  # the reference: distinct rows, first seen first
    assert codes.tolist() == [volgorde.index(r) for r in rijen]
    assert eerste.tolist() == [rijen.index(r) for r in volgorde]
