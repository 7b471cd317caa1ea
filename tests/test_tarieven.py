"""Tariff comparison against the seed table (seed 001, "Resultaten gemiddelde kostprijs")."""

from decimal import Decimal as D
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kostprijs.onderzoek.tarieven import (
    KOLOMMEN,
    richting,
    uitkomsten,
    vergelijk,
    verschil_pct,
    voorgestelde_tarieven,
)
from kostprijs.parameters import Kostprijsparameters

NBSP = "\xa0"

# Seed 001: current tariffs and average cost prices, typed from the slide.
SEED_TARIEVEN = [
    ("OZL 1", "43.20"),
    ("OZL 2", "46.80"),
    ("OZL 3", "72.00"),
    ("OMD 1", "34.60"),
    ("OMD 2", "49.00"),
    ("OMD 3", "55.40"),
    ("Vervoer", "6.00"),
    ("Vervoer", "16.36"),
    ("Kortdurend verblijf", "31.00"),
]
SEED_KOSTPRIJZEN = [
    ("OZL 1", "49.42"),
    ("OZL 2", "52.86"),
    ("OZL 3", "62.30"),
    ("OMD 1", "33.97"),
    ("OMD 2", "46.89"),
    ("OMD 3", "60.31"),
    ("Vervoer", "13.08"),
    ("Kortdurend verblijf", "94.50"),
    ("Kortdurend verblijf extra", "188.28"),
]
# Hand calculation: (kostprijs - tarief), (kostprijs - tarief) / tarief in %, one decimal.
VERWACHT = [
    ("OZL 1", "43.20", "6.22", "14.4", "omhoog"),
    ("OZL 2", "46.80", "6.06", "12.9", "omhoog"),
    ("OZL 3", "72.00", "-9.70", "-13.5", "omlaag"),
    ("OMD 1", "34.60", "-0.63", "-1.8", "omlaag"),
    ("OMD 2", "49.00", "-2.11", "-4.3", "omlaag"),
    ("OMD 3", "55.40", "4.91", "8.9", "omhoog"),
    ("Vervoer", "6.00", "7.08", "118.0", "omhoog"),
    ("Vervoer", "16.36", "-3.28", "-20.0", "omlaag"),
    ("Kortdurend verblijf", "31.00", "63.50", "204.8", "omhoog"),
]


def tabel(rijen, kolom):
    return pd.DataFrame([(p, D(w)) for p, w in rijen], columns=["productspecificatie", kolom])


@pytest.fixture
def seed(params):
    return vergelijk(
        tabel(SEED_TARIEVEN, "tarief"),
        tabel(SEED_KOSTPRIJZEN, "kostprijs"),
        D("0.005"),
        params.catalogus,
    )


def test_seed_table_differences_and_directions(seed):
    assert list(seed.columns) == KOLOMMEN
    met_tarief = seed[seed["huidig_tarief"].notna()]
    gevonden = [
        (r.productspecificatie, r.huidig_tarief, r.verschil, r.verschil_pct, r.richting)
        for r in met_tarief.itertuples()
    ]
    assert gevonden == [(p, D(t), D(v), D(pct), r) for p, t, v, pct, r in VERWACHT]


def test_seed_new_product_has_no_tariff(seed):
    nieuw = seed[seed["productspecificatie"] == "Kortdurend verblijf extra"]
    assert len(nieuw) == 1
    rij = nieuw.iloc[0]
    assert rij["huidig_tarief"] is None and rij["verschil"] is None
    assert rij["kostprijs"] == D("188.28") and rij["richting"] == "nieuw"


def test_seed_bullets(seed):
    bullets = [b.replace(NBSP, " ") for b in uitkomsten(seed, Kostprijsparameters())]
    assert bullets == [
        "Kostprijs OZL 1, 2 omhoog, OZL 3 omlaag",
        "Kostprijs OMD 1, 2 omlaag, OMD 3 omhoog",
        "Weinig verschil OZL 1 & 2",
        "Eén kostprijs voor vervoer: € 13,08 tegenover nu 2 tarieven (€ 6,00 en € 16,36)",
        "Forse stijging kostprijs kortdurend verblijf (+204,8%)",
        "Nieuw, nog zonder huidig tarief: kortdurend verblijf extra (kostprijs € 188,28)",
    ]


def test_bullets_follow_thresholds_not_product_names(seed):
    # A 'weinig verschil' band of 20% also joins OZL 2 & 3 (62,30 vs 52,86 is 17,9%).
    ruim = Kostprijsparameters(weinig_verschil=D("0.20"), forse_stijging=D("3.5"))
    bullets = uitkomsten(seed, ruim)
    assert "Weinig verschil OZL 1, 2 & 3" in bullets
    # forse_stijging 350% > 204,8%: no strong rise; kortdurend verblijf gets a plain bullet.
    assert not any(b.startswith("Forse stijging") for b in bullets)
    assert "Kostprijs kortdurend verblijf omhoog (+204,8%)" in bullets


def test_strong_fall_equal_and_missing_cost_price():
    tarieven = tabel([("A", "100.00"), ("B", "50.00"), ("C", "10.00")], "tarief")
    kostprijzen = tabel([("A", "70.00"), ("B", "50.20")], "kostprijs")
    v = vergelijk(tarieven, kostprijzen, D("0.005"))
    assert list(v["richting"]) == ["omlaag", "gelijk", "geen kostprijs"]
    bullets = uitkomsten(v, Kostprijsparameters())
    assert bullets == [
        "Forse daling kostprijs A (-30,0%)",
        "Kostprijs B gelijk",
        "Geen kostprijs berekend voor C",
    ]


def test_direction_tolerance_boundary():
    # 0,5% of 100,00 is 0,50: exactly on the band is 'gelijk', one cent more is not.
    assert richting(D("100.00"), D("100.50"), D("0.005")) == "gelijk"
    assert richting(D("100.00"), D("99.50"), D("0.005")) == "gelijk"
    assert richting(D("100.00"), D("100.51"), D("0.005")) == "omhoog"
    assert richting(D("100.00"), D("99.49"), D("0.005")) == "omlaag"
    assert richting(None, D("1.00"), D("0")) == "nieuw"
    assert richting(D("1.00"), None, D("0")) == "geen kostprijs"


def test_verschil_pct_rounds_half_up():
    # 1,0005% -> 1,0; 0,05% exactly -> 0,1 (half up, not to even); -0,05% -> -0,1.
    assert verschil_pct(D("2000.00"), D("2001.00")) == D("0.1")
    assert verschil_pct(D("2000.00"), D("1999.00")) == D("-0.1")
    assert verschil_pct(D("43.20"), D("49.42")) == D("14.4")


def test_duplicate_cost_price_refused():
    with pytest.raises(ValueError, match="OZL 1"):
        vergelijk(
            tabel([("OZL 1", "1")], "tarief"),
            tabel([("OZL 1", "1"), ("OZL 1", "2")], "kostprijs"),
            D("0"),
        )


def test_proposed_tariffs_indexed_and_rounded_half_up():
    kp = tabel([("OZL 1", "49.42"), ("Vervoer", "13.08"), ("X", "10.10")], "kostprijs")
    zonder = voorgestelde_tarieven(kp, D("0"))
    assert list(zonder["voorgesteld_tarief"]) == [D("49.42"), D("13.08"), D("10.10")]
    # 4,96% (VNG 2025): 49,42 x 1,0496 = 51,871232 -> 51,87; 13,08 x 1,0496 = 13,728768
    # -> 13,73; 10,10 x 1,0495 = 10,59995 -> 10,60 (half up).
    met = voorgestelde_tarieven(kp, D("0.0496"))
    assert list(met["voorgesteld_tarief"][:2]) == [D("51.87"), D("13.73")]
    assert voorgestelde_tarieven(kp, D("0.0495"))["voorgesteld_tarief"].iloc[2] == D("10.60")


bedragen = st.integers(min_value=1, max_value=10_000_00).map(lambda c: D(c) / 100)


@given(tarief=bedragen, kostprijs=bedragen, tol=st.integers(0, 100).map(lambda t: D(t) / 1000))
def test_direction_matches_fraction_reference(tarief, kostprijs, tol):
    ref = Fraction(kostprijs) - Fraction(tarief)
    if abs(ref) <= Fraction(tol) * Fraction(tarief):
        verwacht = "gelijk"
    else:
        verwacht = "omhoog" if ref > 0 else "omlaag"
    assert richting(tarief, kostprijs, tol) == verwacht


@given(tarief=bedragen, kostprijs=bedragen)
def test_verschil_pct_matches_fraction_reference(tarief, kostprijs):
    exact = 100 * (Fraction(kostprijs) - Fraction(tarief)) / Fraction(tarief)
    tienden = abs(exact) * 10
    afgerond = int(tienden) + (tienden - int(tienden) >= Fraction(1, 2))
    assert verschil_pct(tarief, kostprijs) == D(afgerond if exact >= 0 else -afgerond) / 10


@given(
    st.lists(st.tuples(bedragen, bedragen), min_size=1, max_size=6),
)
def test_every_product_in_some_bullet(paren):
    namen = [f"Product {chr(65 + i)}" for i in range(len(paren))]
    tarieven = pd.DataFrame({"productspecificatie": namen, "tarief": [t for t, _ in paren]})
    kostprijzen = pd.DataFrame({"productspecificatie": namen, "kostprijs": [k for _, k in paren]})
    bullets = uitkomsten(vergelijk(tarieven, kostprijzen, D("0.005")), Kostprijsparameters())
    for naam in namen:
        assert any(naam.lower() in b.lower() for b in bullets)


def test_plot_shows_cost_prices_and_every_current_tariff(seed):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from kostprijs.rapport.figuren import vergelijking_figuur

    ax = vergelijking_figuur(seed)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [p for p, _ in SEED_KOSTPRIJZEN]  # top to bottom
    breedtes = sorted(b.get_width() for b in ax.patches)
    assert breedtes == sorted(float(k) for _, k in SEED_KOSTPRIJZEN)
    tarieven = sorted(x for x, _ in ax.collections[0].get_offsets())
    assert tarieven == sorted(float(t) for _, t in SEED_TARIEVEN)  # both Vervoer tariffs
    plt.close(ax.figure)
