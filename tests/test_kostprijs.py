"""Cost price per provider: published worked numbers, hand calculations, properties."""

import dataclasses
from decimal import ROUND_HALF_UP, Decimal, localcontext
from decimal import Decimal as D
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kostprijs.fouten import KostprijsFout
from kostprijs.onderzoek.aggregatie import aggregeer
from kostprijs.onderzoek.per_aanbieder import (
    EXACT,
    KOLOMMEN,
    Onberekenbaar,
    kostprijs_per_eenheid,
    kostprijs_werkelijk,
    kostprijzen_bouwstenen,
    kostprijzen_per_aanbieder,
    loonkosten_per_fte,
    op_centen,
    opslagfactor,
    personeel_per_eenheid,
    productieve_uren,
    uit_processed,
    uurkosten,
)
from kostprijs.parameters import Kostprijsparameters


def uur(loonkosten, uren):
    return uurkosten([(1, Fraction(loonkosten))], Fraction(uren))


# --- published worked numbers (a municipal note on tariff calculation, docs/bronnen.md) ---


@pytest.mark.parametrize(("loon_per_uur", "verwacht"), [("24.68", "37.02"), ("42.22", "63.33")])
def test_published_hour_price_mark_up_on_cost(loon_per_uur, verwacht):
    # x / 0,80 x 1,20: 1000 contract hours of which 800 productive (0,80), overhead 20% on cost.
    loon = loonkosten_per_fte(D(loon_per_uur) * 1000)
    u = uurkosten([(1, loon)], productieve_uren(1000, verlof=120, ziekte=80))
    p = personeel_per_eenheid("uur", u, uren_per_eenheid=1)
    assert kostprijs_per_eenheid(p, conventie="op_kosten", opslag=D("0.20")) == D(verwacht)


def test_published_dagdeel_price():
    # 38 per hour x 4 hours / group of 6 = 25,333... -> 25,33.
    p = personeel_per_eenheid(
        "dagdeel", uur(30400, 800), uren_per_eenheid=4, begeleiders=1, groepsgrootte=6
    )
    assert kostprijs_per_eenheid(p, conventie="op_kosten") == D("25.33")


def test_share_of_price_convention_differs():
    # 30,85 / (1 - 0,20) = 38,5625 -> 38,56 against 30,85 x 1,20 = 37,02.
    u = uur(24680, 800)
    assert kostprijs_per_eenheid(u, conventie="van_prijs", opslag=D("0.20")) == D("38.56")
    # 52,775 / 0,80 = 65,96875 -> 65,97.
    u = uur(42220, 800)
    assert kostprijs_per_eenheid(u, conventie="van_prijs", opslag=D("0.20")) == D("65.97")


# --- formulas by hand -----------------------------------------------------------------------


def test_loonkosten_per_fte():
    # 40.000 x (1 + 0,08 + 0,083 + 0,02) x 1,25 = 40.000 x 1,183 x 1,25 = 59.150
    assert loonkosten_per_fte(40000, D("0.08"), D("0.083"), D("0.02"), D("0.25")) == 59150


def test_etmaal_and_vervoer():
    # etmaal: 38 x 2 / 0,8 = 95; huisvesting 20 / 0,8 = 25; voeding 10 -> 130,00
    p = personeel_per_eenheid("etmaal", uur(30400, 800), personeelsuren=2, bezettingsgraad="0.8")
    assert kostprijs_per_eenheid(
        p, conventie="op_kosten", huisvesting=20, voeding=10, bezettingsgraad=D("0.8")
    ) == D("130.00")
    # vervoer: 38 x 1 / 8 = 4,75; materieel 3,00 -> 7,75
    p = personeel_per_eenheid("vervoer", uur(30400, 800), personeelsuren=1, groepsgrootte=8)
    assert kostprijs_per_eenheid(p, conventie="op_kosten", materieel=3) == D("7.75")


def test_indexering_and_risico_multiply():
    # 100 x 1,03 x 1,02 = 105,06
    assert kostprijs_per_eenheid(
        Fraction(100), conventie="op_kosten", indexering=D("0.03"), risico=D("0.02")
    ) == D("105.06")


def test_uncomputable_cases_say_why():
    with pytest.raises(Onberekenbaar, match="niet-productieve uren"):
        productieve_uren(1500, verlof=1000, ziekte=500)
    with pytest.raises(Onberekenbaar, match="geen inzet"):
        uurkosten([], Fraction(1000))
    with pytest.raises(Onberekenbaar, match="groepsgrootte"):
        personeel_per_eenheid(
            "dagdeel", Fraction(38), uren_per_eenheid=4, begeleiders=1, groepsgrootte=None
        )
    with pytest.raises(Onberekenbaar, match="begeleiders"):
        personeel_per_eenheid("dagdeel", Fraction(38), begeleiders=None, groepsgrootte=6)
    with pytest.raises(Onberekenbaar, match="onmogelijk"):
        opslagfactor(1, "van_prijs")
    with pytest.raises(Onberekenbaar, match="volume"):
        kostprijs_werkelijk(1000, 0)


def test_actuals_rounded_half_up():
    assert kostprijs_werkelijk(100000, 3000) == D("33.33")
    assert kostprijs_werkelijk(D("1000.05"), 2) == D("500.03")  # 500,025 -> 500,03
    assert kostprijs_werkelijk(D("1000.04"), 2) == D("500.02")


# --- tables in the processed schema (docs/gegevens.md) ------------------------------------

# Staff hours in one unit of each product of these tables (the catalogue's uren_per_eenheid).
UREN = {"OZL 1": Fraction(1), "OMD 1": Fraction(4)}


def _jaar(params):
    """The year's parameters with the default cost-price method."""
    return dataclasses.replace(params, kostprijs=Kostprijsparameters())


LEEG = dict.fromkeys(
    [
        "reiskosten",
        "opleidingskosten",
        "overhead",
        "verplichtingen",
        "materieel",
        "huisvesting",
        "groepsgrootte",
        "begeleiders",
        "personeelsuren",
        "bezettingsgraad",
        "voeding",
        "indexering",
        "risico",
    ]
)


def bouwsteen(aanbieder, product, soort, **waarden):
    rij = {
        "aanbieder_id": aanbieder,
        "productspecificatie": product,
        "soort": soort,
        "eenheid": soort,
        "jaaruren": D(1872),
        "verlof": D(200),
        "ziekte": D(100),
        "scholing": D(40),
        "overleg": D(80),
        "indirect": D(152),
        **LEEG,
    }
    rij.update({k: D(str(v)) for k, v in waarden.items()})
    return rij


@pytest.fixture
def tabellen():
    personeel = pd.DataFrame(
        [
            ("A-1", 1, D(40000), D("0.08"), D("0.083"), D(0), D("0.25")),
            ("A-1", 2, D(30000), D("0.08"), D("0.083"), D("0.02"), D("0.25")),
            ("A-2", 1, D(30400), D(0), D(0), D(0), D(0)),
        ],
        columns=[
            "aanbieder_id",
            "functie_nr",
            "jaarsalaris",
            "vakantiegeld",
            "eindejaarsuitkering",
            "ort",
            "werkgeverslasten",
        ],
    )
    inzet = pd.DataFrame(
        [
            ("A-1", "OZL 1", 1, D("0.5")),
            ("A-1", "OZL 1", 2, D("1.5")),
            ("A-2", "OMD 1", 1, D(3)),
        ],
        columns=["aanbieder_id", "productspecificatie", "functie_nr", "fte"],
    )
    bouwstenen = pd.DataFrame(
        [
            bouwsteen(
                "A-1",
                "OZL 1",
                "uur",
                reiskosten=500,
                opleidingskosten=500,
                overhead="0.15",
                verplichtingen="0.05",
                materieel=1,
                indexering="0.03",
                risico="0.02",
            ),
            # 30.400 / (1872 - 1072 = 800) = 38 per hour; x 1 x 4 / 6 = 25,33
            bouwsteen(
                "A-2",
                "OMD 1",
                "dagdeel",
                verlof=1072,
                ziekte=0,
                scholing=0,
                overleg=0,
                indirect=0,
                begeleiders=1,
                groepsgrootte=6,
            ),
            # no inzet for this product: no cost price, with the reason
            bouwsteen("A-2", "OMD 2", "dagdeel", begeleiders=1, groepsgrootte=6),
        ]
    )
    realisatie = pd.DataFrame(
        [
            ("A-1", "OZL 1", D(48390), D(1000), D(12)),  # 48,39: equal to the bouwstenen
            ("A-2", "OMD 1", D("29.14") * 500, D(500), D(5)),  # 29,14 / 25,33 - 1 = +15,04%
            ("A-2", "OZL 2", D(5000), D(0), D(1)),  # actuals only, no volume
        ],
        columns=["aanbieder_id", "productspecificatie", "kosten", "volume", "clienten"],
    )
    return personeel, inzet, bouwstenen, realisatie


def test_bouwstenen_table_by_hand(tabellen):
    personeel, inzet, bouwstenen, _ = tabellen
    uit = kostprijzen_bouwstenen(personeel, inzet, bouwstenen, "op_kosten", UREN)
    # A-1 OZL 1: loonkosten 58.150 and 44.362,50 (+1.000 travel and training per fte);
    # (0,5 x 59.150 + 1,5 x 45.362,50) / (2 fte x 1.300 h) = 97.618,75 / 2.600 = 37,54567...
    # x (1 + 0,15 + 0,05) + 1,00 = 46,05481...; x 1,03 x 1,02 = 48,38518... -> 48,39
    assert list(uit["kostprijs_bouwstenen"]) == [D("48.39"), D("25.33"), None]
    assert (
        uit["reden"].iloc[2] == "Geen kostprijs uit bouwstenen: er is geen inzet (fte) opgegeven."
    )
    # share of the price: 37,54567... / 0,80 + 1 = 47,93209...; x 1,0506 = 50,35746 -> 50,36
    van_prijs = kostprijzen_bouwstenen(personeel, inzet, bouwstenen, "van_prijs", UREN)
    assert van_prijs["kostprijs_bouwstenen"].iloc[0] == D("50.36")


def test_per_provider_both_estimates_and_signal(tabellen):
    uit = kostprijzen_per_aanbieder(*tabellen, Kostprijsparameters(), UREN)
    assert list(uit.columns) == [*KOLOMMEN, *EXACT]
    rij = {(r.aanbieder_id, r.productspecificatie): r for r in uit.itertuples()}
    ozl = rij[("A-1", "OZL 1")]
    assert (ozl.kostprijs_bouwstenen, ozl.kostprijs_werkelijk) == (D("48.39"), D("48.39"))
    assert ozl.afwijking_pct == D("0.0") and not ozl.signaal
    omd = rij[("A-2", "OMD 1")]
    # (29,14 - 25,33) / 25,33 = 15,041...% > 15%
    assert omd.afwijking_pct == D("15.0") and omd.signaal
    assert "wijkt +15,0% af" in omd.toelichting and "drempel 15%" in omd.toelichting
    assert rij[("A-2", "OMD 2")].toelichting == (
        "Geen kostprijs uit bouwstenen: er is geen inzet (fte) opgegeven. "
        "Geen realisatiecijfers ingevuld."
    )
    alleen_werkelijk = rij[("A-2", "OZL 2")]
    assert alleen_werkelijk.kostprijs_bouwstenen is None
    assert "geen geleverd volume" in alleen_werkelijk.toelichting


def test_signal_threshold_is_strict():
    # exactly 15% above (40,00 -> 46,00) is no signal; one cent more is.
    params = Kostprijsparameters()
    leeg_personeel = pd.DataFrame(
        columns=[
            "aanbieder_id",
            "functie_nr",
            "jaarsalaris",
            "vakantiegeld",
            "eindejaarsuitkering",
            "ort",
            "werkgeverslasten",
        ]
    )
    personeel = pd.concat(
        [
            leeg_personeel,
            pd.DataFrame(
                [
                    {
                        "aanbieder_id": "A",
                        "functie_nr": 1,
                        "jaarsalaris": D(32000),
                        "vakantiegeld": D(0),
                        "eindejaarsuitkering": D(0),
                        "ort": D(0),
                        "werkgeverslasten": D(0),
                    }
                ]
            ),
        ]
    )
    inzet = pd.DataFrame(
        [
            {"aanbieder_id": "A", "productspecificatie": p, "functie_nr": 1, "fte": D(1)}
            for p in ("X", "Y")
        ]
    )
    # 32.000 / 800 = 40,00 per hour
    b = pd.DataFrame(
        [
            bouwsteen("A", p, "uur", verlof=1072, ziekte=0, scholing=0, overleg=0, indirect=0)
            for p in ("X", "Y")
        ]
    )
    r = pd.DataFrame(
        [("A", "X", D(46000), D(1000)), ("A", "Y", D(46010), D(1000))],
        columns=["aanbieder_id", "productspecificatie", "kosten", "volume"],
    )
    uit = kostprijzen_per_aanbieder(personeel, inzet, b, r, params, {"X": 1, "Y": 1})
    assert list(uit["signaal"]) == [False, True]


def test_hard_threshold_keeps_a_cost_price_out_unless_confirmed():
    # 32.000 / 800 hours = 40,00 per hour from the bouwstenen. Actual 60,00 is exactly +50%:
    # counted. 60,01 is above the hard threshold of 50%: kept out, unless confirmed.
    personeel = pd.DataFrame(
        [("A", 1, D(32000), D(0), D(0), D(0), D(0))],
        columns=[
            "aanbieder_id",
            "functie_nr",
            "jaarsalaris",
            "vakantiegeld",
            "eindejaarsuitkering",
            "ort",
            "werkgeverslasten",
        ],
    )
    producten = ("X", "Y", "Z")
    inzet = pd.DataFrame(
        [
            {"aanbieder_id": "A", "productspecificatie": p, "functie_nr": 1, "fte": D(1)}
            for p in producten
        ]
    )
    b = pd.DataFrame(
        [
            bouwsteen("A", p, "uur", verlof=1072, ziekte=0, scholing=0, overleg=0, indirect=0)
            for p in producten
        ]
    )
    r = pd.DataFrame(
        [
            ("A", "X", D(60000), D(1000)),
            ("A", "Y", D(60010), D(1000)),
            ("A", "Z", D(60010), D(1000)),
        ],
        columns=["aanbieder_id", "productspecificatie", "kosten", "volume"],
    )
    uit = kostprijzen_per_aanbieder(
        personeel,
        inzet,
        b,
        r,
        Kostprijsparameters(),
        dict.fromkeys(producten, 1),
        frozenset({("A", "Z")}),
    ).set_index("productspecificatie")
    assert uit.loc["X", "uitgesloten"] == ""
    assert "wijkt +50,0% af" in uit.loc["Y", "uitgesloten"]
    assert "harde drempel van 50%" in uit.loc["Y", "uitgesloten"]
    assert uit.loc["Z", "uitgesloten"] == ""
    assert "realisatiekosten bevestigd" in uit.loc["Z", "toelichting"]
    agg = aggregeer(uit.reset_index(), Kostprijsparameters())
    assert list(agg.uitgesloten["productspecificatie"]) == ["Y"]
    assert "harde drempel" in agg.uitgesloten["reden"].iloc[0]


def test_uit_processed_reads_a_hand_made_folder(tmp_path, params):
    (tmp_path / "personeel.csv").write_text(
        "aanbieder_id,functie_nr,functie,schaal,jaarsalaris,vakantiegeld,eindejaarsuitkering,"
        "ort,werkgeverslasten\n"
        "A-1,1,Begeleider,FWG 40,24680,0,0,0,0\n"
    )
    (tmp_path / "inzet.csv").write_text(
        "aanbieder_id,productspecificatie,functie_nr,fte\nA-1,OZL 1,1,1\n"
    )
    kop = (
        "aanbieder_id,productspecificatie,soort,eenheid,jaaruren,verlof,ziekte,scholing,"
        "overleg,indirect,reiskosten,opleidingskosten,overhead,verplichtingen,materieel,"
        "huisvesting,groepsgrootte,begeleiders,personeelsuren,bezettingsgraad,voeding,"
        "indexering,risico\n"
    )
    (tmp_path / "bouwstenen.csv").write_text(
        kop + "A-1,OZL 1,uur,uur,1000,100,50,20,20,10,,,0.2,0,,,,,,,,,\n"
    )
    (tmp_path / "realisatie.csv").write_text(
        "aanbieder_id,productspecificatie,kosten,volume,clienten\nA-1,OZL 1,370200,10000,40\n"
    )
    (tmp_path / "bevestigingen.csv").write_text(
        "kvk,blad,cel,waarde,reden,status,geldig,toelichting,bestand,aanbieder_id,veld,"
        "productspecificatie,kolom\n"
    )
    uit = uit_processed(tmp_path, _jaar(params))
    # 24.680 / 800 x 1,20 = 37,02 both ways
    assert list(uit["kostprijs_bouwstenen"]) == [D("37.02")]
    assert list(uit["kostprijs_werkelijk"]) == [D("37.02")]
    assert list(uit["volume"]) == [D(10000)]


def test_uit_processed_missing_table_is_a_dutch_error(tmp_path, params):
    with pytest.raises(KostprijsFout, match=r"personeel\.csv ontbreekt.*kostprijs inlezen"):
        uit_processed(tmp_path, _jaar(params))


# --- properties -----------------------------------------------------------------------------

breuken = st.fractions(min_value=0, max_value=10**6, max_denominator=10**4)


@given(breuken)
def test_op_centen_matches_decimal_half_up(waarde):
    with localcontext() as ctx:
        ctx.prec = 60
        ref = (Decimal(waarde.numerator) / Decimal(waarde.denominator)).quantize(
            D("0.01"), rounding=ROUND_HALF_UP
        )
    assert op_centen(waarde) == ref


@given(st.fractions(min_value=0, max_value=Fraction(99, 100), max_denominator=1000))
def test_share_of_price_never_below_mark_up(o):
    # 1 / (1 - o) >= 1 + o for 0 <= o < 1, equal only at o = 0
    assert opslagfactor(o, "van_prijs") >= opslagfactor(o, "op_kosten")
    assert (opslagfactor(o, "van_prijs") == opslagfactor(o, "op_kosten")) == (o == 0)


@given(
    st.lists(
        st.tuples(
            st.integers(1, 40).map(lambda x: Fraction(x, 4)),
            st.integers(20_000, 90_000).map(Fraction),
        ),
        min_size=1,
        max_size=5,
    ),
    st.integers(800, 1900).map(Fraction),
)
def test_uurkosten_is_fte_weighted_mean_over_hours(functies, uren):
    ref = sum(f * loon for f, loon in functies) / sum(f for f, _ in functies) / uren
    assert uurkosten(functies, uren) == ref
    low, high = min(loon for _, loon in functies) / uren, max(loon for _, loon in functies) / uren
    assert low <= uurkosten(functies, uren) <= high
