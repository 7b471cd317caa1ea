"""Tariff comparison against the source's table ("Resultaten gemiddelde kostprijs", presentation
"Resultaatsturing, inkoop Wmo-begeleiding 2018 e.v.", Steenwijkerland 2017) and hand calculations."""

from decimal import Decimal as D
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kostprijs.onderzoek.tarieven import (
    KOLOMMEN,
    richting,
    vergelijk,
    verschil_pct,
    voorgestelde_tarieven,
)
from kostprijs.parameters import Kostprijsparameters
from kostprijs.rapport.teksten.vergelijkingsteksten import uitkomsten

NBSP = "\xa0"


def tabel(rijen, kolom):
    return pd.DataFrame([(p, D(w)) for p, w in rijen], columns=["productspecificatie", kolom])


@pytest.fixture
def bron(params, bron_tarieven, bron_gemiddelden):
    return vergelijk(
        bron_tarieven[["productspecificatie", "tarief"]],
        bron_gemiddelden,
        D("0.005"),
        params.catalogus,
    )


def test_source_table_differences_and_directions(bron, handvergelijking):
    assert list(bron.columns) == KOLOMMEN
    kolommen = ["productspecificatie", "huidig_tarief", "kostprijs", "verschil", "verschil_pct"]
    assert bron[[*kolommen, "richting"]].values.tolist() == handvergelijking.values.tolist()


def test_source_new_product_has_no_tariff(bron):
    nieuw = bron[bron["productspecificatie"] == "Kortdurend verblijf extra"]
    assert len(nieuw) == 1
    rij = nieuw.iloc[0]
    assert rij["huidig_tarief"] is None and rij["verschil"] is None
    assert rij["kostprijs"] == D("188.28") and rij["richting"] == "nieuw"


def test_source_bullets(bron, bron_uitkomsten):
    bullets = [b.replace(NBSP, " ") for b in uitkomsten(bron, Kostprijsparameters())]
    assert bullets == bron_uitkomsten


def test_bullets_follow_thresholds_not_product_names(bron):
    # A 'weinig verschil' band of 20% also joins OZL 2 & 3 (62,30 vs 52,86 is 17,9%).
    ruim = Kostprijsparameters(weinig_verschil=D("0.20"), forse_stijging=D("3.5"))
    bullets = uitkomsten(bron, ruim)
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


def test_plot_shows_cost_prices_and_every_current_tariff(bron, bron_tarieven, bron_gemiddelden):
    import matplotlib

    matplotlib.use("Agg")
    from kostprijs.rapport.figuren import vergelijking_figuur

    figuur = vergelijking_figuur(bron)
    ax = figuur.fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == list(bron_gemiddelden["productspecificatie"])  # top to bottom
    breedtes = sorted(b.get_width() for b in ax.patches)
    assert breedtes == sorted(float(k) for k in bron_gemiddelden["kostprijs"])
    tarieven = sorted(x for x, _ in ax.collections[0].get_offsets())
    assert tarieven == sorted(float(t) for t in bron_tarieven["tarief"])  # both Vervoer tariffs
    # the alt text carries the same figures, in Dutch
    alt = figuur.alt.replace(NBSP, " ")
    assert "Vervoer kostprijs € 13,08, huidig tarief € 6,00 en € 16,36" in alt
    assert "Kortdurend verblijf extra kostprijs € 188,28, geen huidig tarief" in alt
    data, metadata = figuur._repr_mimebundle_()
    assert metadata["image/png"]["alt"] == figuur.alt
    assert data["image/png"] and figuur.png() == figuur.png()  # same bytes every time
