"""Exact money arithmetic against a Decimal reference."""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kostprijs.geld import centen, geschaald, geschaald_array, naar_euro, rond_half_op, rond_omlaag

tellers = st.integers(min_value=-(10**15), max_value=10**15)
noemers = st.integers(min_value=1, max_value=10**8)


def referentie(teller: int, noemer: int, wijze=ROUND_HALF_UP) -> int:
    return int((Decimal(teller) / Decimal(noemer)).quantize(Decimal(1), rounding=wijze))


@given(tellers, noemers)
def test_half_op_is_decimal_round_half_up(teller, noemer):
    assert rond_half_op(teller, noemer) == referentie(teller, noemer)


@given(st.lists(tellers, min_size=1, max_size=50), noemers)
def test_half_op_vectorised_matches_scalar(lijst, noemer):
    uit = rond_half_op(np.asarray(lijst, dtype=np.int64), noemer)
    assert list(uit) == [referentie(t, noemer) for t in lijst]


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(1, 10**6))
def test_exact_half_rounds_away_from_zero(geheel, helft):
    # (2k+1)/2 is exactly half: it must go away from zero
    noemer = 2 * helft
    teller = geheel * noemer + helft
    verwacht = geheel + 1 if teller > 0 else geheel
    assert rond_half_op(teller, noemer) == verwacht


@given(tellers, noemers)
def test_omlaag_truncates(teller, noemer):
    assert rond_omlaag(teller, noemer) == referentie(teller, noemer, ROUND_DOWN)


def test_half_cent_examples_from_the_seed():
    # 67,6 x 60,31 = 4.076,956 -> 4.076,96; 33,8 x 13,08 = 442,104 -> 442,10
    assert rond_half_op(676 * 6031, 10) == 407696
    assert rond_half_op(338 * 1308, 10) == 44210
    assert rond_half_op(5, 10) == 1  # 0,5 cent
    assert rond_half_op(-5, 10) == -1


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_centen_roundtrip(bedrag):
    assert naar_euro(centen(bedrag)) == bedrag


def test_geschaald_refuses_extra_decimals():
    assert geschaald("1.125", 3) == 1125
    assert geschaald(0.65, 4) == 6500
    with pytest.raises(ValueError):
        geschaald("0.6543", 3)


@given(st.lists(st.decimals(min_value=0, max_value=168, places=3, allow_nan=False), max_size=30))
def test_geschaald_array_matches_decimal(waarden):
    floats = [float(w) for w in waarden]
    assert list(geschaald_array(floats, 3)) == [int(w * 1000) for w in waarden]
