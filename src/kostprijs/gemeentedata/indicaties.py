"""Indications with their periods: the days an indication runs within a year, and overlap.

An indication runs from its begin (ingangsdatum; empty: before any year in question) to its
einde (einddatum, inclusive; empty: open). Within a year it counts pro rata, in days:

    blootstelling = days of the indication within the year / days of the year (365 or 366)

A one-off product counts whole in a year it runs in. A re-indication (3 per week until
28 March, 5 per week from 29 March) is two consecutive periods of one client and product;
two periods of one client and line that share a day would count that day twice and are
refused, naming both rows.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from kostprijs.codering import codeer_rijen
from kostprijs.fouten import InvoerFout
from kostprijs.opmaak import datum

SLEUTEL = ["client", "productspecificatie", "variant", "leveringsvorm"]
_DAG = np.timedelta64(1, "D")


def jaargrenzen(jaar: int) -> tuple[np.datetime64, np.datetime64]:
    """First and last day of a year."""
    return np.datetime64(dt.date(jaar, 1, 1), "D"), np.datetime64(dt.date(jaar, 12, 31), "D")


def _van_tot(indicaties: pd.DataFrame, van: np.datetime64, tot: np.datetime64):
    begin = indicaties["begin"].to_numpy(dtype="datetime64[D]")
    einde = indicaties["einde"].to_numpy(dtype="datetime64[D]")
    return (
        np.where(np.isnat(begin) | (begin < van), van, begin),
        np.where(np.isnat(einde) | (einde > tot), tot, einde),
    )


def dagen_binnen(indicaties: pd.DataFrame, van: np.datetime64, tot: np.datetime64) -> np.ndarray:
    """Per indication the number of its days from `van` to `tot` (both inclusive), int64."""
    begin, einde = _van_tot(indicaties, van, tot)
    return np.maximum(((einde - begin) // _DAG) + 1, 0).astype(np.int64)


def blootstelling(indicaties: pd.DataFrame, jaar: int) -> pd.DataFrame:
    """The indications with the days each runs in `jaar` (`dagen_in_jaar`) and the days of
    that year (`dagen_jaar`): the budget model counts every line pro rata."""
    van, tot = jaargrenzen(jaar)
    uit = indicaties.copy(deep=False)
    uit["dagen_in_jaar"] = dagen_binnen(indicaties, van, tot)
    uit["dagen_jaar"] = np.int64((tot - van) // _DAG + 1)
    return uit


def loopt_op(indicaties: pd.DataFrame, dag: dt.date) -> np.ndarray:
    """Whether each indication runs on `dag`."""
    d = np.datetime64(dag, "D")
    return dagen_binnen(indicaties, d, d) > 0


def controleer_overlap(indicaties: pd.DataFrame, rijen: np.ndarray, bestand) -> None:
    """InvoerFout when two indications of one client and line share a day, naming both rows
    (`rijen`: the row of each indication in its file)."""
    # a region: the same line of one client in two members is two indications (a move)
    sleutel_ = [*SLEUTEL, "gemeente"] if "gemeente" in indicaties else SLEUTEL
    # only lines that occur more than once can overlap: found on one integer per line
    sleutel, _ = codeer_rijen(*(indicaties[k].to_numpy() for k in sleutel_))
    vaker = pd.Series(sleutel).duplicated(keep=False).to_numpy()
    if not vaker.any():
        return
    indicaties, rijen = indicaties[vaker], np.asarray(rijen)[vaker]
    minimum = np.datetime64("0001-01-01", "D")
    maximum = np.datetime64("9999-12-31", "D")
    begin, einde = _van_tot(indicaties, minimum, maximum)
    tabel = pd.DataFrame(
        {
            **{k: indicaties[k].to_numpy() for k in sleutel_},
            "begin": begin,
            "einde": einde,
            "rij": np.asarray(rijen),
        }
    ).sort_values([*sleutel_, "begin", "rij"], kind="stable")
    zelfde = (tabel[sleutel_] == tabel[sleutel_].shift()).all(axis=1).to_numpy()
    # the latest end so far within the line: a period overlaps any earlier one that has not ended
    eerder_einde = tabel.groupby(sleutel_, sort=False)["einde"].cummax().shift().to_numpy()
    overlap = zelfde & (tabel["begin"].to_numpy() <= eerder_einde)
    if not overlap.any():
        return
    posities = np.flatnonzero(overlap)
    i = int(posities[0])
    rij = tabel.iloc[i]
    andere = tabel.iloc[:i]
    andere = andere[
        (andere[sleutel_] == rij[sleutel_]).all(axis=1) & (andere["einde"] >= rij["begin"])
    ]
    eerste = andere.iloc[0]
    tekst = (
        f"de indicatie in rij {int(rij['rij'])} ({_periode(rij)}) overlapt met die in rij "
        f"{int(eerste['rij'])} ({_periode(eerste)}) voor dezelfde cliënt en "
        f"{rij['productspecificatie']}; de overlappende dagen zouden dubbel tellen."
    )
    if len(posities) > 1:
        tekst += (
            f" Nog {len(posities) - 1} overlap(pen) in rij(en) "
            + ", ".join(str(int(r)) for r in tabel["rij"].to_numpy()[posities[1:6]])
            + "."
        )
    raise InvoerFout(
        tekst,
        bestand=bestand,
        rij=int(rij["rij"]),
        kolom="begin",
        actie="Een herindicatie begint de dag na het einde van de vorige: vul bij de oude "
        "indicatie de einddatum in, of laat één rij over.",
    )


def _periode(rij: pd.Series) -> str:
    begin, einde = rij["begin"], rij["einde"]
    van = "" if begin == np.datetime64("0001-01-01") else datum(pd.Timestamp(begin).date())
    tot = "" if einde == np.datetime64("9999-12-31") else datum(pd.Timestamp(einde).date())
    return f"{van or 'zonder begin'} t/m {tot or 'open einde'}"
