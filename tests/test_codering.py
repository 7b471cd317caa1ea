"""`codeer` gives what `pd.factorize(..., use_na_sentinel=False)` gives, on any column;
`groepssom` what a pandas groupby sum gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from kostprijs.codering import codeer, codeer_rijen, groepssom

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


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["OZL 1", "OZL 2", "OMD"]),
            st.sampled_from(["b", "", "a"]),
            st.integers(0, 4),
            st.booleans(),
            st.integers(-(10**12), 10**12),
            st.booleans(),
        ),
        max_size=60,
    )
)
def test_groepssom_is_the_groupby_sum(rijen):
    kolommen = ["product", "variant", "client", "in_budget", "volume", "waar"]
    t = pd.DataFrame(rijen, columns=kolommen).astype({"volume": np.int64, "in_budget": bool})
    # a categorical whose category order is not alphabetical, as the catalogue's
    t["product"] = pd.Categorical(t["product"], categories=["OZL 2", "OZL 1", "OMD"])
    waar = t["waar"].to_numpy(dtype=bool)
    sleutel = ["client", "product", "variant", "in_budget"]
    verwacht = t[waar].groupby(sleutel, sort=True, observed=True)["volume"].sum().reset_index()
    uit = groepssom(t, sleutel, "volume", waar)
    assert uit.astype(object).values.tolist() == verwacht.astype(object).values.tolist()
    assert list(uit.dtypes) == list(verwacht.dtypes)
