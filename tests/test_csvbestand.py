"""The Dutch Excel CSV writer: every field reads back whole, and none as a formula."""

from __future__ import annotations

import csv
import re

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from kostprijs.bestanden.csvbestand import schrijf_csv_nl

GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")
GETAL = re.compile(r"[+-]?\d+(?:[.,]\d+)?%?")  # a spreadsheet reads this as a number
TEKENS = st.text(alphabet=st.sampled_from(list(";\"'\r\n\t=+-@ ,.aZ1é")), max_size=8)


def _lees(pad) -> list[list[str]]:
    with open(pad, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, delimiter=";"))


def _gevaarlijk(tekst: str) -> bool:
    return tekst.startswith(GEVAARLIJK) and not GETAL.fullmatch(tekst)


def _verwacht(tekst: str) -> str:
    """Independent of the writer: a quote before each line that starts like a formula (and
    is not a plain number), then before the whole text when it still does (a leading \r)."""
    delen = re.split(r"(\r\n|\r|\n)", tekst)
    regels = "".join("'" + d if i % 2 == 0 and _gevaarlijk(d) else d for i, d in enumerate(delen))
    return "'" + regels if _gevaarlijk(regels) else regels


def _veilig(veld: str) -> bool:
    return not _gevaarlijk(veld) and not any(
        _gevaarlijk(regel) for regel in re.split(r"\r\n|\r|\n", veld)
    )


def test_carriage_return_stays_inside_its_field(tmp_path):
    pad = tmp_path / "t.csv"
    aanval = "x\r=cmd|' /C calc'!A0"
    schrijf_csv_nl(pd.DataFrame({"client": [aanval, "K2"], "bedrag": [1, 2]}), pad)
    tekst = pad.read_bytes().decode("utf-8-sig")  # read_text would turn \r into \n
    assert tekst == "client;bedrag\n\"x\r'=cmd|' /C calc'!A0\";1\nK2;2\n"
    rijen = _lees(pad)
    assert rijen == [["client", "bedrag"], ["x\r'=cmd|' /C calc'!A0", "1"], ["K2", "2"]]
    assert all(_veilig(v) for rij in rijen for v in rij)


def test_lone_column_keeps_its_empty_cells(tmp_path):
    pad = tmp_path / "t.csv"
    schrijf_csv_nl(pd.DataFrame({"naam": ["a", "", 'b"c']}), pad)
    assert _lees(pad) == [["naam"], ["a"], [""], ['b"c']]


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 3).flatmap(
        lambda n: st.lists(st.lists(TEKENS, min_size=n, max_size=n), max_size=6)
    )
)
def test_any_text_round_trips_and_never_reads_as_a_formula(tmp_path_factory, rijen):
    n = len(rijen[0]) if rijen else 1
    namen = [f"k{i}" for i in range(n)]
    df = (
        pd.DataFrame(rijen, columns=namen, dtype=object)
        if rijen
        else pd.DataFrame({k: pd.Series([], dtype=object) for k in namen})
    )
    pad = tmp_path_factory.mktemp("csv") / "t.csv"
    schrijf_csv_nl(df, pad)
    gelezen = _lees(pad)
    assert gelezen == [namen] + [[_verwacht(v) for v in rij] for rij in rijen]
    assert all(_veilig(v) for rij in gelezen for v in rij)
