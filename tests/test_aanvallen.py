"""The attacks of a provider at the inkooptafel on the published result-matrix tables, run on
the workbook as it is written (only what is published is read), and the tau-argus style audit:
every suppressed value keeps a feasible interval of at least p% either side of its true value,
solved in exact rational arithmetic (tests/lp_exact.py).

The realisation is built here: six cells, one balanced, one dominated by one provider, one with
one provider, one with two, one small, and a hidden product H whose cost price is suppressed.
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest
from audit import audit_aandelen, audit_samen, breuk, cellen_samen, lees_werkmap, waarheid

from kostprijs.bestanden.excel import schrijf_werkboek
from kostprijs.herkomst.manifest import aanbiedersset
from kostprijs.matrix import Resultaatgebied, Resultaatmatrix, Subresultaat
from kostprijs.publicatie import versies
from kostprijs.publicatie.celtabellen import formaten, publiceer
from kostprijs.publicatie.versies import CONCEPT, PublicatieFout
from kostprijs.rapport.export import bladen
from kostprijs.rapport.mime import TABEL
from kostprijs.rapport.tabel import bundel
from kostprijs.resultaat.celtarieven import bereken_resultaattarieven

P = Decimal(15)
MATRIX = Resultaatmatrix(
    resultaatgebieden=(
        Resultaatgebied("1", "Netwerk", (Subresultaat("1a", "a"), Subresultaat("1b", "b"))),
        Resultaatgebied("2", "Wonen", (Subresultaat("2a", "a"),)),
    ),
    zelfredzaamheid=(("bijna", "bijna zelfredzaam"), ("niet", "niet zelfredzaam")),
    minimum_clienten=3,
)
PRIJS = {"A": 5000, "B": 3000, "H": 18767}  # H: the product whose cost price is hidden
VERBORGEN = frozenset({"H"})
# cell -> (providers in turn per client, clients, hours of the dominant client)
CELLEN = {
    ("1a", "bijna"): ("P1 P2 P3 P4", 12, 0),
    ("1a", "niet"): ("P1 P2 P3 P4", 8, 400),  # P1's first client dominates the cell
    ("1b", "bijna"): ("P5", 5, 0),  # one provider
    ("1b", "niet"): ("P1 P2", 6, 0),  # two providers
    ("2a", "bijna"): ("P1 P2 P3 P4", 9, 0),
    ("2a", "niet"): ("P2 P3", 2, 0),  # too few clients
}


def realisatie(zonder: str | None = None) -> pd.DataFrame:
    rijen, c = [], 0
    for (sub, zr), (wie, n, groot) in CELLEN.items():
        aanbieders = wie.split()
        for i in range(n):
            c += 1
            a = aanbieders[i % len(aanbieders)]
            for periode in (1, 2, 3):
                rijen.append((f"c{c}", sub, zr, periode, "A", 2 + (i + periode) % 3, a))
                rijen.append((f"c{c}", sub, zr, periode, "B", 1 + i % 2, a))
                if i % 3 == 0:
                    rijen.append((f"c{c}", sub, zr, periode, "H", 1, a))
            if groot and i == 0:
                rijen.append((f"c{c}", sub, zr, 1, "A", groot, a))
    df = pd.DataFrame(
        rijen,
        columns=[
            "client",
            "subresultaat",
            "zelfredzaamheid",
            "periode",
            "productspecificatie",
            "uren",
            "aanbieder",
        ],
    )
    if zonder:
        df = df[df["aanbieder"] != zonder]
    df["geleverd_milli"] = df.pop("uren") * 1000
    df["traject"] = ""
    return df.reset_index(drop=True)


def tabellen(uitkomst) -> list[dict]:
    pub = publiceer(uitkomst, MATRIX, VERBORGEN, P)
    return [
        bundel(pub.matrix, formaten(uitkomst), "Tarief per cel", blad="Matrix")[TABEL],
        bundel(
            pub.aandelen,
            {k: "procent" for k in pub.aandelen.columns[2:]},
            "Aandeel per product",
            blad="Aandelen",
        )[TABEL],
        bundel(
            pub.kosten,
            {k: "centen_heel" for k in pub.kosten.columns[1:]},
            "Kosten per cel",
            blad="Kosten per cel",
        )[TABEL],
    ]


def gepubliceerd(tmp_path: Path, uitkomst) -> dict[str, pd.DataFrame]:
    """Write the workbook as the report does, and read it back as the attacker does."""
    pad = tmp_path / "resultaattarieven.xlsx"
    schrijf_werkboek(bladen(tabellen(uitkomst)), pad)
    return lees_werkmap(pad)


@pytest.fixture
def uitkomst():
    return bereken_resultaattarieven(realisatie(), PRIJS, MATRIX, 13)


def test_share_divisibility_gives_nothing_back(tmp_path, uitkomst):
    bladen_ = gepubliceerd(tmp_path, uitkomst)
    aandelen, kosten = bladen_["Aandelen"], bladen_["Kosten per cel"].set_index("Cel")
    assert "H" not in aandelen.columns
    for r in aandelen.itertuples(index=False):
        delen = [breuk(v) for v in r[2:] if pd.notna(v)]
        # published as the report prints them: 0,1%
        assert all((d * 1000).denominator == 1 for d in delen)
        assert abs(sum(delen) - 1) <= Fraction(len(delen), 2000)
        # the old attack: cost x (1 - shown shares) was the hidden product's cost per cell
        cel = (r[0], r[1])
        k = breuk(kosten.loc[f"{cel[0]} × {cel[1]}", "Realisatie tegen kostprijs"])
        verborgen = waarheid(uitkomst)(cel, "H")
        if verborgen:
            assert abs(k * (1 - sum(delen)) - verborgen) > verborgen * Fraction(P) / 100


def test_one_and_two_provider_cells_and_the_dominated_cell_are_not_published(tmp_path, uitkomst):
    bladen_ = gepubliceerd(tmp_path, uitkomst)
    matrix = bladen_["Matrix"].set_index(["Cel", "Zelfredzaamheid"])
    kosten = bladen_["Kosten per cel"]
    for cel in [("1b", "bijna"), ("1b", "niet"), ("1a", "niet")]:
        rij = matrix.loc[cel]
        assert rij["Cliënten"] == "x" and rij["Cliëntperioden"] == "x"
        assert rij["Tarief per periode"] == "x" and rij["P25"] == "x"
        assert f"{cel[0]} × {cel[1]}" not in set(kosten["Cel"])
        assert cel not in {
            (a, b)
            for a, b in zip(
                bladen_["Aandelen"]["Cel"], bladen_["Aandelen"]["Zelfredzaamheid"], strict=True
            )
        }
    # the balanced cell stays as it was
    assert matrix.loc[("1a", "bijna"), "Cliënten"] == 12


def test_combined_row_and_audit_of_every_suppressed_cell(tmp_path, uitkomst):
    bladen_ = gepubliceerd(tmp_path, uitkomst)
    kosten = bladen_["Kosten per cel"].set_index("Cel")
    samen = cellen_samen(bladen_)
    rij = next(k for k in kosten.index if k.endswith("kleine cellen samen"))
    assert len(samen) >= 2 and rij.startswith(str(len(samen)))
    matrix = bladen_["Matrix"].set_index(["Cel", "Zelfredzaamheid"])
    # of a cell in the combined row, no count is published elsewhere to subtract
    assert (matrix.loc[samen, ["Cliënten", "Cliëntperioden"]] == "x").all(axis=None)
    # the published rows and the combined row add up to the total: nothing else to subtract
    assert sum(breuk(v) for v in kosten["Realisatie tegen kostprijs"][:-1]) == breuk(
        kosten.loc["Totaal", "Realisatie tegen kostprijs"]
    )
    assert audit_samen(bladen_, waarheid(uitkomst), P) == []


def test_audit_of_the_hidden_parts_behind_the_shares(tmp_path, uitkomst):
    assert audit_aandelen(gepubliceerd(tmp_path, uitkomst), waarheid(uitkomst), P) == []


def _set(aanbieders):
    raw = {f"aanbieders/{a}.xlsx": "0" for a in aanbieders}
    return aanbiedersset(raw, {"KOSTPRIJS_SLEUTEL": "5a" * 32})


def _maak(uitkomst, aanbieders, map_: Path) -> None:
    """What `kostprijs rapporten` does for an inkooptafel report before writing it."""
    versies.controleer(tabellen(uitkomst), "resultaattarieven", _set(aanbieders), map_)
    versies.bewaar_concept(tabellen(uitkomst), "resultaattarieven", _set(aanbieders), map_)


def test_late_submission_differencing_is_refused(tmp_path, uitkomst):
    alle = ["P1", "P2", "P3", "P4", "P5"]
    map_ = tmp_path / "publicaties"
    zonder = bereken_resultaattarieven(realisatie("P4"), PRIJS, MATRIX, 13)
    # before anything went out, a workbook may come and go
    _maak(zonder, ["P1", "P2", "P3", "P5"], map_)
    _maak(uitkomst, alle, map_)
    versies.publiceer(map_, ["resultaattarieven"])
    # P4 withdrawn after the inkooptafel got the reports: the difference is P4's figures
    with pytest.raises(PublicatieFout, match=r"(?s)1 aanbieder meer of minder.*was .*, nu "):
        _maak(zonder, ["P1", "P2", "P3", "P5"], map_)
    # added back: the same set as the published version, nothing new revealed
    _maak(uitkomst, alle, map_)
    # three providers more or less: a difference is an aggregate of three
    _maak(zonder, ["P1", "P5"], map_)
    versies.publiceer(map_, ["resultaattarieven"])
    assert len(versies.gepubliceerd(map_)) == 2
    # every published version counts, not only the last: P1, P2, P5 is one away from the second
    with pytest.raises(PublicatieFout, match="1 aanbieder meer of minder"):
        _maak(uitkomst, ["P1", "P2", "P5"], map_)


def test_the_two_published_versions_differ_only_where_safe(tmp_path, uitkomst):
    """The attacker's comparison of two versions on disk: every figure that changed between
    two published versions covers sets that differ by at least three providers."""
    map_ = tmp_path / "publicaties"
    _maak(uitkomst, ["P1", "P2", "P3", "P4", "P5"], map_)
    versies.publiceer(map_, ["resultaattarieven"])
    zonder = bereken_resultaattarieven(realisatie("P4"), PRIJS, MATRIX, 13)
    with pytest.raises(PublicatieFout):
        _maak(zonder, ["P1", "P2", "P3", "P5"], map_)
    assert len(versies.gepubliceerd(map_)) == 1
    assert json.loads((map_ / CONCEPT / "resultaattarieven.json").read_text())["tabellen"] == (
        json.loads(json.dumps(tabellen(uitkomst)))
    )


def test_provider_set_is_a_keyed_hash_without_names():
    s = _set(["P1", "P2"])
    assert s["set"] != _set(["P1", "P3"])["set"] and len(s["leden"]) == 2
    assert "P1" not in str(s)
    assert aanbiedersset({"aanbieders/P1.xlsx": "0"}, {"KOSTPRIJS_SLEUTEL": "6b" * 32}) != _set(
        ["P1"]
    )


def test_the_audit_finds_the_old_leaks():
    """The audit has teeth: on tables published the old way it finds the hidden values."""
    waar = {("1a", "bijna"): Fraction(600), ("1b", "niet"): Fraction(400)}
    kosten = pd.DataFrame(
        {
            "Cel": ["1a × bijna", "1 kleine cellen samen", "Totaal"],
            "Realisatie tegen kostprijs": ["600", "400", "1000"],
            "Met de celtarieven": ["600", "400", "1000"],
        }
    )
    matrix = pd.DataFrame(
        {
            "Cel": ["1a", "1b"],
            "Zelfredzaamheid": ["bijna", "niet"],
            "Cliënten": [12, "x"],
            "Cliëntperioden": [36, "x"],
            "Tarief per periode": ["16.67", "x"],
            "Bron": ["eigen cel", "eigen cel"],
        }
    )
    # the old shares: of the cell's whole cost, H left out (H cost 187,67 x 1 = the rest)
    aandelen = pd.DataFrame(
        {"Cel": ["1a"], "Zelfredzaamheid": ["bijna"], "A": ["0.500"], "B": ["0.187"]}
    )
    delen = {"A": Fraction(300), "B": Fraction(11233, 100)}
    bladen_ = {"Kosten per cel": kosten, "Matrix": matrix, "Aandelen": aandelen}
    assert [f[0] for f in audit_samen(bladen_, lambda c, q=None: waar[c], P)] == [("1b", "niet")]
    gevonden = audit_aandelen(bladen_, lambda c, q=None: delen[q] if q else waar[c], P)
    assert [f[0] for f in gevonden] == [("1a", "bijna")]


def test_every_share_and_ratio_is_exported_as_it_is_shown():
    """The export carries what the HTML prints: 61,3%, not 0.613487... (a share stored at 12
    digits gave a hidden cost back by divisibility)."""
    df = pd.DataFrame({"a": [0.613487, 1 / 3], "b": [Decimal("0.04567"), 0.5]})
    b = bundel(df, {"a": "procent", "b": "procent_2"}, "t")
    assert "61,3%" in b["text/html"] and "4,57%" in b["text/html"]
    assert b[TABEL]["rijen"] == [["0.613", "0.0457"], ["0.333", "0.5000"]]
