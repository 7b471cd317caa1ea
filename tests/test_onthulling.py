"""The attacker: a provider at the inkooptafel tries to work out other providers' figures, or a
suppressed tarief, from everything the inkooptafel reports and exports publish.

A sample is built with one product offered by exactly 3 providers and one by exactly 2, the
whole pipeline (`make report`) runs on it, and the derivations that worked before are tried on
the published numbers.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import draai_pijplijn

from kostprijs.parameters import laad_parameters
from kostprijs.voorbeeld.gegevens import laad_voorbeeld, schrijf_voorbeeld

pytestmark = pytest.mark.traag
CENT = Decimal("0.01")


@pytest.fixture(scope="module")
def aanval(tmp_path_factory):
    params = laad_parameters(2027)
    vb = laad_voorbeeld(params)
    producten = list(vb.producten)
    drie, twee = producten[5], producten[-1]  # any two products of the catalogue
    aangepast = {
        **vb.producten,
        drie: dataclasses.replace(vb.producten[drie], aanbieders=3),
        twee: dataclasses.replace(vb.producten[twee], aanbieders=2),
    }
    basis = tmp_path_factory.mktemp("aanval")
    schrijf_voorbeeld(params, basis / "raw", dataclasses.replace(vb, producten=aangepast))
    mappen = draai_pijplijn(basis, raw=basis / "raw")
    return drie, twee, mappen


def _bladen(pad: Path) -> dict[str, pd.DataFrame]:
    """Every table of an exported report: sheet -> table (header in row 2)."""
    boek = openpyxl.load_workbook(pad, read_only=True)
    uit = {}
    for blad in boek.worksheets:
        rijen = list(blad.values)
        if len(rijen) >= 2:
            uit[blad.title] = pd.DataFrame(rijen[2:], columns=rijen[1]).dropna(how="all")
    return uit


def _getallen(map_: Path) -> set[Decimal]:
    """Every number published in the inkooptafel exports, to the cent."""
    uit = set()
    for pad in (map_ / "inkooptafel").glob("*.xlsx"):
        for tabel in _bladen(pad).values():
            for waarde in tabel.to_numpy().ravel():
                if isinstance(waarde, int | float) and not isinstance(waarde, bool):
                    uit.add(Decimal(repr(float(waarde))).quantize(CENT))
    return uit


def _eigen(mappen, product: str) -> list[Decimal]:
    per = pd.read_csv(mappen["PROCESSED"] / "kostprijzen_aanbieders.csv", dtype=str)
    waarden = per.loc[per["productspecificatie"] == product, "kostprijs_bouwstenen"].dropna()
    return sorted(Decimal(w) for w in waarden)


def test_three_providers_cannot_solve_each_other(aanval):
    drie, _, mappen = aanval
    eigen = _eigen(mappen, drie)
    assert len(eigen) == 3
    tabel = next(
        t
        for t in _bladen(mappen["REPORTS"] / "inkooptafel" / "kostprijzen.xlsx").values()
        if "P25" in t.columns
    )
    rij = tabel[tabel["Productspecificatie"] == drie].iloc[0]
    # the spread of three providers is never published; the mean and n may be
    assert rij["P25"] == "x" and rij["P75"] == "x"
    # with the old interpolated quartiles (P25 = (x1 + x2) / 2, P75 = (x2 + x3) / 2) and the
    # mean, a member solved the other two; now no published number is one of their figures
    getallen = _getallen(mappen["REPORTS"])
    for x in eigen:
        assert x not in getallen, f"het cijfer {x} van een aanbieder staat in een export"


def test_a_suppressed_tarief_cannot_be_recomputed_from_the_budget(aanval):
    _, twee, mappen = aanval
    voorstel = pd.read_csv(
        mappen["PROCESSED"] / "tarieven_voorstel.csv", sep=";", dtype=str, encoding="utf-8-sig"
    )
    geheim = Decimal(
        voorstel.loc[voorstel["productspecificatie"] == twee, "tarief"].iat[0].replace(",", ".")
    )
    budget = _bladen(mappen["REPORTS"] / "inkooptafel" / "budget.xlsx")
    tarieven = next(t for t in budget.values() if "Nieuw tarief" in t.columns)
    assert (tarieven.loc[tarieven["Productspecificatie"] == twee, "Nieuw tarief"] == "x").all()
    gebruik = next(t for t in budget.values() if "Geïndiceerd volume" in t.columns)
    rij = gebruik[gebruik["Productspecificatie"] == twee]
    # the attack: (total at new tarieven - the other products) / this product's own volume
    assert (rij[["Geïndiceerd volume", "Gerealiseerd volume", "Cliënten"]] == "x").all(axis=None)
    # and the tarief itself appears nowhere, in any inkooptafel export
    getallen = _getallen(mappen["REPORTS"])
    assert not {geheim - CENT, geheim, geheim + CENT} & getallen
    for x in _eigen(mappen, twee):
        assert x not in getallen


def test_the_public_html_names_no_figure_of_the_small_cells(aanval):
    drie, twee, mappen = aanval
    from kostprijs.opmaak import euro

    tekst = " ".join(
        p.read_text(encoding="utf-8") for p in (mappen["REPORTS"] / "inkooptafel").glob("*.html")
    )
    for product in (drie, twee):
        for x in _eigen(mappen, product):
            assert euro(x) not in tekst, (product, x)
