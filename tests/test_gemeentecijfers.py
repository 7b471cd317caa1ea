"""Disclosure control of a region's figures per member (publicatie.gemeentecijfers): checked
against the rule itself (no line solvable by subtraction) and by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from kostprijs.publicatie.gemeentecijfers import (
    PRIMAIR,
    SECUNDAIR,
    onderdrukte_cellen,
    verborgen_gemeenten,
)

K = 10


def _oplosbaar(verborgen: np.ndarray, gevuld: np.ndarray) -> bool:
    """Some row or column has exactly one hidden non-empty cell while its total is published:
    total minus the shown cells gives that cell back."""
    for m, g in ((verborgen, gevuld), (verborgen.T, gevuld.T)):
        for i in range(m.shape[0]):
            if (m[i] & g[i]).sum() == 1 and g[i].sum() > 1:
                return True
    return False


@settings(max_examples=300, deadline=None)
@given(
    arrays(np.int64, st.tuples(st.integers(1, 6), st.integers(1, 6)), elements=st.integers(0, 40)),
    st.data(),
)
def test_no_hidden_cell_can_be_solved_from_its_row_or_column(n, data):
    rijen = data.draw(arrays(bool, n.shape[0]))
    m = onderdrukte_cellen(n, K, rijen)
    gevuld = n > 0
    assert not (m & ~gevuld).any()  # an empty cell is never 'hidden' (it shows 0 clients)
    assert m[(n > 0) & (n < K)].all()  # every small cell is hidden
    assert m[rijen][gevuld[rijen]].all()  # a hidden member hides every cell
    assert not _oplosbaar(m, gevuld)


def test_secondary_cells_by_hand():
    """Row 0 has one small cell (3): its row needs a second hidden cell (40, the smallest
    other); each of the two columns then has one hidden cell and gets a second one in row 1
    (30 and 60): four cells, and the column of 50 and 40 stays shown."""
    n = np.array([[50, 3, 40], [40, 30, 60]])
    m = onderdrukte_cellen(n, K, np.array([False, False]))
    assert m.astype(int).tolist() == [[0, 1, 1], [0, 1, 1]]


def test_a_lone_small_member_takes_the_next_smallest_with_it():
    clienten = pd.Series({"Groot": 900, "Middel": 120, "Klein": 40, "Mini": 4})
    assert verborgen_gemeenten(clienten, K) == {"Mini": PRIMAIR, "Klein": SECUNDAIR}
    # two small members hide each other: their sum is known, neither of them
    clienten["Klein"] = 6
    assert verborgen_gemeenten(clienten, K) == {"Klein": PRIMAIR, "Mini": PRIMAIR}
    assert verborgen_gemeenten(pd.Series({"A": 40, "B": 12}), K) == {}


def test_hidden_members_together_must_be_enough_clients():
    """Two small members of 3 and 4 clients (k = 10): the region minus the others would be an
    amount over 7 clients, so the next smallest member goes with them."""
    clienten = pd.Series({"Groot": 900, "Middel": 120, "Klein": 3, "Mini": 4})
    assert verborgen_gemeenten(clienten, K) == {
        "Klein": PRIMAIR,
        "Mini": PRIMAIR,
        "Middel": SECUNDAIR,
    }
