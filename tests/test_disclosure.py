"""Disclosure control: each rule tripped by hand-built cells, secondary suppression included."""

from decimal import Decimal as D
from fractions import Fraction as F

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kostprijs.fouten import ConfiguratieFout
from kostprijs.onderzoek.onthulling import (
    MARKER,
    STANDAARD_P,
    TOTAAL,
    VOETNOOT,
    Cel,
    Relatie,
    beoordeel,
    beoordeel_tabel,
    bijdragen_gemiddelde,
    lees_p,
    maskeer,
    onthulbaar,
    primaire_reden,
    venster,
    venster_kwantiel,
)

P = D(25)


def ds(*waarden):
    return [D(str(w)) for w in waarden]


# --- primary rules --------------------------------------------------------------------------


def test_fewer_than_three_providers():
    assert primaire_reden(ds(10, 10), P) == "minder dan 3 aanbieders (2)"
    assert primaire_reden(ds(10), P) == "minder dan 3 aanbieders (1)"
    # a zero contribution is no contributor
    assert primaire_reden(ds(10, 10, 0), P) == "minder dan 3 aanbieders (2)"
    assert primaire_reden(ds(10, 10, 10), P) is None


def test_p_percent_rule():
    # 115 - 100 - 10 = 5 < 25% x 100 = 25: unsafe
    assert primaire_reden(ds(100, 10, 5), P).startswith("p%-regel")
    # 180 - 100 - 50 = 30 >= 25: safe
    assert primaire_reden(ds(50, 100, 30), P) is None
    # boundary: 25 is not < 25 (safe); 24,99 is (unsafe)
    assert primaire_reden(ds(100, 50, 25), P) is None
    assert primaire_reden(ds(100, 50, "24.99"), P) is not None
    # a smaller p lets the same cell pass: 5 >= 4% x 100
    assert primaire_reden(ds(100, 10, 5), D(4)) is None


def test_negative_contribution_refused():
    with pytest.raises(ValueError):
        primaire_reden(ds(10, -1, 10), P)


def test_average_counts_as_total():
    # Three providers with equal cost prices: the plain mean's total 3 x 40 is safe, but
    # weighted by volume one provider is 1000 of 1010 units: 40.400 - 40.000 - 200 = 200
    # < 25% x 40.000.
    kostprijzen, volumes = ds(40, 40, 40), ds(1000, 5, 5)
    assert primaire_reden(bijdragen_gemiddelde(kostprijzen), P) is None
    assert bijdragen_gemiddelde(kostprijzen, volumes) == ds(40000, 200, 200)
    assert primaire_reden(bijdragen_gemiddelde(kostprijzen, volumes), P) is not None


def test_interpolated_quartiles_of_three_reveal_every_provider():
    # n = 3: P25 = (x1 + x2) / 2, P75 = (x2 + x3) / 2 and the mean: three equations, three
    # values. The example: a member solves 2 x 104,24 - 95,05 = 113,43.
    assert onthulbaar([[F(1, 3)] * 3, [F(1, 2), F(1, 2), F(0)], [F(0), F(1, 2), F(1, 2)]])


def test_window_quantiles_by_hand():
    # 8 values, unweighted: positions 1/16, 3/16, ...; nearest to 1/4 are 0, 1, 2
    assert venster(8, None, F(1, 4)) == [0, 1, 2]
    waarden = [D(10), D(20), D(30), D(40), D(50), D(60), D(70), D(80)]
    p25, coef = venster_kwantiel(waarden, None, F(1, 4))
    assert p25 == 20 and coef[:3] == [F(1, 3)] * 3 and not any(coef[3:])
    # weighted by volume: provider 8 holds half the volume, so it sits at 3/4 alone-ish
    gewichten = [1, 1, 1, 1, 1, 1, 1, 7]
    assert venster(8, gewichten, F(3, 4)) == [5, 6, 7]
    p75, _ = venster_kwantiel(waarden, gewichten, F(3, 4))
    assert p75 == F(60 + 70 + 7 * 80, 9)


def test_seven_providers_leave_one_outside_the_windows():
    # windows {1,2,3} and {5,6,7}: x4 = 7 x mean - 3 x P25 - 3 x P75, exactly
    n = 7
    rijen = [[F(1, n)] * n]
    for q in (F(1, 4), F(3, 4)):
        rijen.append(venster_kwantiel(list(range(n)), None, q)[1])
    assert onthulbaar(rijen)


def test_nine_providers_are_safe():
    n = 9
    rijen = [[F(1, n)] * n]
    for q in (F(1, 4), F(3, 4)):
        rijen.append(venster_kwantiel(list(range(n)), None, q)[1])
    assert not onthulbaar(rijen)


def _referentie(rijen) -> bool:
    """Another way to decide it: x_j is solvable for attacker k iff every direction that keeps
    all published numbers and k's own value unchanged leaves x_j unchanged (SVD null space)."""
    import numpy as np

    a = np.array([[float(c) for c in r] for r in rijen])
    n = a.shape[1]
    for k in range(n):
        m = np.vstack([a, np.eye(n)[k]])
        _, s, vt = np.linalg.svd(m)
        rang = int((s > 1e-9).sum())
        nul = vt[rang:]
        for j in range(n):
            if j != k and (len(nul) == 0 or np.all(np.abs(nul[:, j]) < 1e-9)):
                return True
    return False


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=3, max_value=9).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.one_of(st.none(), st.lists(st.integers(1, 9), min_size=n, max_size=n)),
        )
    )
)
def test_solvability_matches_a_null_space_reference(geval):
    n, gewichten = geval
    waarden = list(range(n))
    rijen = [[F(1, n)] * n if gewichten is None else [F(g, sum(gewichten)) for g in gewichten]]
    for q in (F(1, 4), F(3, 4)):
        rijen.append(venster_kwantiel(waarden, gewichten, q)[1])
    assert onthulbaar(rijen) == _referentie(rijen)


# --- p from the local configuration --------------------------------------------------------


def test_p_default_file_and_environment(tmp_path):
    pad = tmp_path / "disclosure.yaml"
    assert lees_p(pad, {}) == STANDAARD_P
    pad.write_text("p: 15\n")
    assert lees_p(pad, {}) == D(15)
    assert lees_p(pad, {"KOSTPRIJS_P": "12.5"}) == D("12.5")


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        ("p: 0\n", "groter dan 0"),
        ("p: 150\n", "hoogstens 100"),
        ("q: 1\n", "geen waarde 'p'"),
        ("p: [\n", "geen geldig YAML"),
        ("p: veel\n", "geen getal"),
    ],
)
def test_p_invalid_gives_dutch_error(tmp_path, inhoud, melding):
    pad = tmp_path / "disclosure.yaml"
    pad.write_text(inhoud)
    with pytest.raises(ConfiguratieFout, match=melding):
        lees_p(pad, {})


def test_p_file_is_not_committed():
    import subprocess

    uit = subprocess.run(
        ["git", "check-ignore", ".kostprijs/disclosure.yaml"], capture_output=True, text=True
    )
    assert uit.returncode == 0


# --- secondary suppression ------------------------------------------------------------------


def rijen(cellen):
    """Long contributions from {(rij, kolom): {aanbieder: waarde}}."""
    return pd.DataFrame(
        [
            {"rij": r, "kolom": k, "aanbieder_id": a, "waarde": D(w)}
            for (r, k), bijdragen in cellen.items()
            for a, w in bijdragen.items()
        ]
    )


def status(uit):
    return {(r.rij, r.kolom): r.status for r in uit.itertuples() if r.status != "veilig"}


def test_two_way_table_gets_a_rectangle():
    cellen = {
        ("P1", "groot"): {"a": 100, "b": 90, "c": 80},
        ("P1", "middel"): {"d": 10, "e": 10},  # 2 providers: primary
        ("P1", "klein"): {"f": 30, "g": 30, "h": 30},
        ("P2", "groot"): {"i": 50, "j": 50, "k": 50},
        ("P2", "middel"): {"l": 20, "m": 20, "n": 20},
        ("P2", "klein"): {"o": 40, "q": 40, "r": 40},
    }
    uit = beoordeel_tabel(rijen(cellen), "rij", "kolom", "waarde", P)
    # Column middel: (P2, middel) is its only other part. Row P1: (P1, klein) 90 is
    # smaller than (P1, groot) 270. Row P2 then has one suppressed: (P2, klein) 120 < 150.
    assert status(uit) == {
        ("P1", "middel"): "primair",
        ("P2", "middel"): "secundair",
        ("P1", "klein"): "secundair",
        ("P2", "klein"): "secundair",
    }
    totalen = {(r.rij, r.kolom): (r.n, r.totaal) for r in uit.itertuples()}
    assert totalen[("P1", TOTAAL)] == (8, D(380))
    assert totalen[(TOTAAL, "middel")] == (5, D(80))
    assert totalen[(TOTAAL, TOTAAL)] == (17, D(710))


def test_secondary_must_cover_the_protection():
    # A needs 25% x 1000 = 250 of cover: B (15) is the smallest but too small, D (270) is
    # the smallest that covers it.
    cellen = {
        ("A", TOTAAL): {"x": 1000, "y": 10},
        ("B", TOTAAL): {"a": 5, "b": 5, "c": 5},
        ("C", TOTAAL): {"d": 100, "e": 100, "f": 100},
        ("D", TOTAAL): {"g": 90, "h": 90, "i": 90},
    }
    df = rijen(cellen).drop(columns="kolom")
    uit = beoordeel_tabel(df, "rij", None, "waarde", P)
    assert status(uit) == {("A", TOTAAL): "primair", ("D", TOTAAL): "secundair"}
    # When no part covers it, the largest safe part: C (60), not B (15).
    oordeel = beoordeel(
        [
            Cel("A", tuple(ds(1000, 10))),
            Cel("B", tuple(ds(5, 5, 5))),
            Cel("C", tuple(ds(20, 20, 20))),
            Cel("T", tuple(ds(500, 500, 500))),
        ],
        [Relatie("T", ("A", "B", "C"))],
        P,
    )
    assert [k for k, o in oordeel.items() if o.status == "secundair"] == ["C"]


def test_no_totals_no_secondary():
    cellen = {("A", TOTAAL): {"x": 1, "y": 1}, ("B", TOTAAL): {"a": 5, "b": 5, "c": 5}}
    df = rijen(cellen).drop(columns="kolom")
    uit = beoordeel_tabel(df, "rij", None, "waarde", P, totalen=False)
    assert status(uit) == {("A", TOTAAL): "primair"}
    assert len(uit) == 2


def test_provider_in_several_cells_counts_once_in_the_total():
    # Nine contributions to the total, but three providers: X 300, Y 300, Z 3.
    cellen = {
        ("A", TOTAAL): {"X": 100, "Y": 100, "Z": 1},
        ("B", TOTAAL): {"X": 100, "Y": 100, "Z": 1},
        ("C", TOTAAL): {"X": 100, "Y": 100, "Z": 1},
    }
    uit = beoordeel_tabel(rijen(cellen).drop(columns="kolom"), "rij", None, "waarde", P)
    totaal = uit[uit["rij"] == TOTAAL].iloc[0]
    assert totaal["n"] == 3 and totaal["totaal"] == D(603)
    assert totaal["status"] == "primair"


def test_suppressed_total_with_safe_parts():
    cellen = [
        Cel("T", tuple(ds(100, 1, 1))),  # p%: 102 - 101 = 1 < 25; needs 25 - 1 = 24
        Cel("A", tuple(ds(10, 10, 10))),  # 30 >= 24
        Cel("B", tuple(ds(7, 7, 7))),  # 21 < 24
        Cel("C", tuple(ds(50, 50, 50))),
    ]
    oordeel = beoordeel(cellen, [Relatie("T", ("A", "B", "C"))], P)
    assert {k: o.status for k, o in oordeel.items()} == {
        "T": "primair",
        "A": "secundair",
        "B": "veilig",
        "C": "veilig",
    }
    assert oordeel["A"].reden == "anders terug te rekenen uit het totaal T"


def test_mask_and_footnote():
    cellen = {
        ("P1", "groot"): {"a": 1, "b": 1, "c": 1},
        ("P1", "klein"): {"d": 1},
        ("P2", "groot"): {"e": 1, "f": 1, "g": 1},
        ("P2", "klein"): {"h": 1, "i": 1, "j": 1},
    }
    oordelen = beoordeel_tabel(rijen(cellen), "rij", "kolom", "waarde", P)
    tabel = pd.DataFrame(
        {"groot": [D(3), D(3)], "klein": [D(1), D(3)], TOTAAL: [D(4), D(6)]},
        index=["P1", "P2"],
    )
    uit, voetnoten = maskeer(tabel, oordelen)
    assert uit.loc["P1", "klein"] == MARKER and uit.loc["P2", "klein"] == MARKER
    assert uit.loc["P1", "groot"] == MARKER and uit.loc["P2", "groot"] == MARKER
    assert uit.loc["P1", TOTAAL] == D(4)
    assert voetnoten == [VOETNOOT]
    # one-way: the named columns of a suppressed row are masked
    een = beoordeel_tabel(
        rijen(
            {("OZL 1", TOTAAL): {"a": 1, "b": 1}, ("OZL 2", TOTAAL): {"a": 1, "b": 1, "c": 1}}
        ).drop(columns="kolom"),
        "rij",
        None,
        "waarde",
        P,
        totalen=False,
    )
    gemiddelden = pd.DataFrame(
        {"n": [2, 3], "gemiddelde": [D(1), D(1)], "p25": [D(1), D(1)]}, index=["OZL 1", "OZL 2"]
    )
    uit, voetnoten = maskeer(gemiddelden, een, kolommen=["gemiddelde", "p25"])
    assert list(uit.loc["OZL 1"]) == [2, MARKER, MARKER]
    assert list(uit.loc["OZL 2"]) == [3, D(1), D(1)]
    _, geen = maskeer(gemiddelden.loc[["OZL 2"]], een, kolommen=["gemiddelde"])
    assert geen == []


tabellen = st.dictionaries(
    st.tuples(st.sampled_from(["R1", "R2", "R3"]), st.sampled_from(["K1", "K2", "K3"])),
    st.dictionaries(st.sampled_from("abcdefgh"), st.integers(1, 100), min_size=1, max_size=5),
    min_size=1,
)


@settings(max_examples=200)
@given(tabellen, st.integers(1, 60))
def test_no_relation_left_with_one_suppressed_member(cellen, p):
    uit = beoordeel_tabel(rijen(cellen), "rij", "kolom", "waarde", D(p))
    onderdrukt = {(r.rij, r.kolom) for r in uit.itertuples() if r.status != "veilig"}
    sleutels = set(zip(uit["rij"], uit["kolom"], strict=True))
    for r in {r for r, _ in cellen}:
        lijn = {(r, k) for k in ["K1", "K2", "K3", TOTAAL]} & sleutels
        assert len(lijn & onderdrukt) != 1
    for k in {k for _, k in cellen}:
        lijn = {(r, k) for r in ["R1", "R2", "R3", TOTAAL]} & sleutels
        assert len(lijn & onderdrukt) != 1
    # every cell that fails a primary rule is suppressed (reference: the rules written out)
    for rij in uit.itertuples():
        bijdragen = {}
        for (r, k), b in cellen.items():
            if rij.rij in (r, TOTAAL) and rij.kolom in (k, TOTAAL):
                for a, w in b.items():
                    bijdragen[a] = bijdragen.get(a, 0) + w
        x = sorted(bijdragen.values(), reverse=True)
        onveilig = len(x) < 3 or (sum(x) - x[0] - x[1]) * 100 < p * x[0]
        assert (rij.status == "primair") == onveilig
