"""Aggregation per product: each method by hand, the declaration and its change detection."""

import hashlib
import statistics
from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kostprijs.fouten import InvoerFout
from kostprijs.onderzoek.aggregatie import (
    aggregeer,
    gemiddelde,
    getrimd_gemiddelde,
    gewogen_gemiddelde,
    kwantiel,
    mediaan,
    uitgesloten_inzendingen,
)
from kostprijs.onderzoek.methode import (
    Declaratie,
    Methodecontrole,
    controleer_methode,
    lees_vastgelegde_hash,
    schrijf_declaratie,
)
from kostprijs.parameters import Kostprijsparameters
from kostprijs.rapport.teksten.methodeteksten import omschrijving, waarschuwingen

DATUM = date(2026, 3, 1)


def params(methode, trim="0"):
    return Kostprijsparameters(aggregatie=methode, trim_aandeel=D(trim), declaratiedatum=DATUM)


@pytest.fixture
def kostprijzen():
    rijen = [
        # OZL 1: 40, 45, 50, 60, 100 with volumes 100, 200, 300, 100, 10
        ("A", "OZL 1", "40.00", "100", ""),
        ("B", "OZL 1", "45.00", "200", ""),
        ("C", "OZL 1", "50.00", "300", ""),
        ("D", "OZL 1", "60.00", "100", ""),
        ("E", "OZL 1", "100.00", "10", ""),
        (
            "F",
            "OZL 1",
            None,
            "50",
            "Geen kostprijs uit bouwstenen: er is geen inzet (fte) opgegeven.",
        ),
        # OMD 1: 30,10 and 30,20; G has no volume
        ("A", "OMD 1", "30.10", "10", ""),
        ("B", "OMD 1", "30.20", "30", ""),
        ("G", "OMD 1", "31.00", None, "Geen realisatiecijfers ingevuld."),
    ]
    return pd.DataFrame(
        [(a, p, D(k) if k else None, D(v) if v else None, t) for a, p, k, v, t in rijen],
        columns=[
            "aanbieder_id",
            "productspecificatie",
            "kostprijs_bouwstenen",
            "volume",
            "toelichting",
        ],
    )


def per_product(agg):
    return {r.productspecificatie: r for r in agg.per_product.itertuples()}


@pytest.mark.parametrize(
    ("methode", "trim", "ozl", "omd"),
    [
        # 295 / 5 = 59; OMD 1 with G: (30,10 + 30,20 + 31,00) / 3 = 30,4333 -> 30,43
        ("gemiddelde", "0", "59.00", "30.43"),
        # 35.000 / 710 = 49,2957... -> 49,30; OMD (301 + 906) / 40 = 30,175 -> 30,18; G out
        ("gewogen_gemiddelde", "0", "49.30", "30.18"),
        # middle of 40..100 = 50; OMD 30,10 30,20 31,00 -> 30,20
        ("mediaan", "0", "50.00", "30.20"),
        # floor(0,2 x 5) = 1 each side: (45 + 50 + 60) / 3 = 51,666... -> 51,67;
        # OMD floor(0,6) = 0: the mean 30,43
        ("getrimd_gemiddelde", "0.2", "51.67", "30.43"),
        # floor(0,4 x 5) = 2 each side: 50; OMD floor(1,2) = 1: 30,20
        ("getrimd_gemiddelde", "0.4", "50.00", "30.20"),
    ],
)
def test_each_method_by_hand(kostprijzen, methode, trim, ozl, omd):
    agg = aggregeer(kostprijzen, params(methode, trim))
    r = per_product(agg)
    assert r["OZL 1"].kostprijs == D(ozl)
    assert r["OMD 1"].kostprijs == D(omd)
    assert r["OZL 1"].methode == methode
    assert r["OZL 1"].n == 5
    assert r["OMD 1"].n == (2 if methode == "gewogen_gemiddelde" else 3)


def test_quartiles_exclusions_outliers(kostprijzen):
    agg = aggregeer(kostprijzen, params("gewogen_gemiddelde"))
    r = per_product(agg)
    # OZL 1 sorted 40 45 50 60 100: P25 at position 1 = 45, P75 at position 3 = 60
    assert (r["OZL 1"].p25, r["OZL 1"].p75) == (D("45.00"), D("60.00"))
    # OMD 1 (30,10; 30,20): positions 0,25 and 0,75: 30,125 -> 30,13 and 30,175 -> 30,18
    assert (r["OMD 1"].p25, r["OMD 1"].p75) == (D("30.13"), D("30.18"))
    assert r["OZL 1"].volume == D(710) and r["OMD 1"].volume == D(40)
    assert list(agg.uitgesloten.itertuples(index=False, name=None)) == [
        (
            "F",
            "OZL 1",
            "geen kostprijs berekend (Geen kostprijs uit bouwstenen: er is geen inzet (fte) "
            "opgegeven.)",
        ),
        ("G", "OMD 1", "geen geleverd volume; dat is nodig voor het gewogen gemiddelde"),
    ]
    # IQR 15: fences 45 - 22,5 = 22,5 and 60 + 22,5 = 82,5; 100 lies outside
    assert list(agg.uitschieters.itertuples(index=False, name=None)) == [
        ("E", "OZL 1", D("100.00"), D("22.50"), D("82.50"))
    ]


def test_catalogue_products_without_submissions(kostprijzen):
    agg = aggregeer(kostprijzen, params("mediaan"), producten=["OZL 1", "OMD 1", "Vervoer"])
    vervoer = per_product(agg)["Vervoer"]
    assert vervoer.n == 0 and vervoer.kostprijs is None and vervoer.volume == D(0)


def test_declaration_hash_is_sha256_of_canonical_json():
    d = Declaratie.uit_parameters(params("gewogen_gemiddelde"))
    canoniek = (
        '{"aggregatie":"gewogen_gemiddelde","declaratiedatum":"2026-03-01",'
        '"opslag":"op_kosten","trim_aandeel":"0"}'
    )
    assert d.canoniek() == canoniek
    assert d.sha256 == hashlib.sha256(canoniek.encode()).hexdigest()
    # the same choice written differently has the same hash; another choice does not
    assert (
        Declaratie.uit_parameters(params("getrimd_gemiddelde", "0.10")).sha256
        == Declaratie.uit_parameters(params("getrimd_gemiddelde", "0.1")).sha256
    )
    assert Declaratie.uit_parameters(params("mediaan")).sha256 != d.sha256
    assert "getrimd gemiddelde (10% aan elke kant)" in omschrijving(
        Declaratie.uit_parameters(params("getrimd_gemiddelde", "0.10"))
    )


def controle(d, inzenddata, vastgelegd="zelfde"):
    """The check of `d` against submissions on `inzenddata` and the recorded hash."""
    vastgelegd = d.sha256 if vastgelegd == "zelfde" else vastgelegd
    return Methodecontrole(d.declaratiedatum, min(inzenddata), vastgelegd, d.sha256, "m.json")


def test_method_change_detected(tmp_path):
    d = Declaratie.uit_parameters(params("gewogen_gemiddelde"))
    inzenddata = [date(2026, 4, 15), date(2026, 3, 20)]
    assert controle(d, inzenddata).in_orde and waarschuwingen(controle(d, inzenddata)) == []
    # declared after the first submission (20 March)
    laat = replace(d, declaratiedatum=date(2026, 3, 21))
    [melding] = waarschuwingen(controle(laat, inzenddata, laat.sha256))
    assert "vastgelegd op 21 maart 2026, na de eerste inzending (20 maart 2026)" in melding
    # recorded at ingestion, then swapped for the median
    pad = tmp_path / "methode.json"
    schrijf_declaratie(pad, d)
    assert lees_vastgelegde_hash(pad) == d.sha256
    mediaan_ = Declaratie.uit_parameters(params("mediaan"))
    [melding] = waarschuwingen(controle(mediaan_, inzenddata, lees_vastgelegde_hash(pad)))
    assert "wijkt af van de methode die vóór het inlezen" in melding
    assert waarschuwingen(controle(d, inzenddata, lees_vastgelegde_hash(pad))) == []
    # no declaration date at all
    [melding] = waarschuwingen(controle(replace(d, declaratiedatum=None), inzenddata))
    assert "geen declaratiedatum" in melding
    assert lees_vastgelegde_hash(tmp_path / "ontbreekt.json") is None
    (tmp_path / "kapot.json").write_text("{")
    with pytest.raises(InvoerFout):
        lees_vastgelegde_hash(tmp_path / "kapot.json")


def test_excluded_submissions_from_the_overview():
    inzendingen = pd.DataFrame(
        {
            "bestand": ["a.xlsx", "b.xlsx", "c.xlsx"],
            "aanbieder_id": ["A-1", "", "A-1"],
            "status": ["geaccepteerd", "afgewezen", "vervangen"],
            "telt_mee": ["ja", "nee", "nee"],
            "reden": ["", "blad 'Bouwstenen' ontbreekt", "latere inzending a.xlsx telt"],
        }
    )
    uit = uitgesloten_inzendingen(inzendingen)
    assert list(uit["reden"]) == [
        "afgewezen: blad 'Bouwstenen' ontbreekt",
        "vervangen: latere inzending a.xlsx telt",
    ]


# --- properties against simple references ---------------------------------------------------

waarden = st.lists(st.integers(1, 100_000).map(lambda c: Fraction(c, 100)), min_size=1, max_size=25)


@given(waarden)
def test_mean_and_median_match_statistics(x):
    assert gemiddelde(x) == statistics.mean(x)
    assert mediaan(x) == statistics.median(x)


@given(st.lists(st.integers(1, 100_000).map(lambda c: Fraction(c, 100)), min_size=2, max_size=25))
def test_quartiles_match_statistics_inclusive(x):
    q1, _, q3 = statistics.quantiles(x, n=4, method="inclusive")
    assert kwantiel(x, "0.25") == q1
    assert kwantiel(x, "0.75") == q3


@given(waarden, st.integers(0, 49).map(lambda t: D(t) / 100))
def test_trimmed_mean_matches_removal_reference(x, aandeel):
    rest = list(x)
    k = int(len(x) * Fraction(aandeel))
    for _ in range(k):
        rest.remove(min(rest))
        rest.remove(max(rest))
    assert getrimd_gemiddelde(x, aandeel) == sum(rest) / len(rest)


@given(st.lists(st.tuples(st.integers(1, 10_000), st.integers(1, 1_000)), min_size=1, max_size=20))
def test_weighted_mean_equals_mean_of_repeated_values(paren):
    # volume v of price k weighs as v copies of k
    herhaald = [Fraction(k) for k, v in paren for _ in range(v)]
    assert gewogen_gemiddelde([k for k, _ in paren], [v for _, v in paren]) == sum(herhaald) / len(
        herhaald
    )


def test_check_method_on_a_processed_folder(tmp_path):
    (tmp_path / "aanbieders.csv").write_text(
        "aanbieder_id,naam,kvk,grootteklasse,cao,contactpersoon,email,invuldatum,bestand\n"
        "A-1,Zorg BV,12345678,groot,Sociaal Werk,Jan,jan@example.nl,2026-03-10,a.xlsx\n"
        "A-2,Hulp BV,87654321,klein,Sociaal Werk,Els,els@example.nl,2026-02-27,b.xlsx\n"
    )
    vastlegging = tmp_path / "2027.methode.json"
    vooraf = params("mediaan")
    te_laat, niet_vastgelegd = waarschuwingen(controleer_methode(tmp_path, vooraf, vastlegging))
    assert "na de eerste inzending (27 februari 2026)" in te_laat
    assert "niet vastgelegd" in niet_vastgelegd
    vroeg = replace(vooraf, declaratiedatum=date(2026, 2, 1))
    schrijf_declaratie(vastlegging, Declaratie.uit_parameters(vroeg))
    assert controleer_methode(tmp_path, vroeg, vastlegging).in_orde
    gewisseld = replace(vroeg, aggregatie="gemiddelde")
    [melding] = waarschuwingen(controleer_methode(tmp_path, gewisseld, vastlegging))
    assert "vóór het inlezen" in melding


@pytest.mark.parametrize("methode", ["gemiddelde", "gewogen_gemiddelde", "mediaan"])
def test_average_over_exact_prices_rounded_once(methode):
    # Three providers at 10,004 / 10,004 / 10,008 per unit (kosten / volume, volume 1.000).
    # Each is 10,00 / 10,00 / 10,01 rounded; the mean of those is 10,0033 -> 10,00, but the
    # mean of the exact prices is 10,005333 -> 10,01, and that is the one that counts.
    # Weighted by equal volumes it is the same; the median is 10,004 -> 10,00 either way.
    from kostprijs.onderzoek.per_aanbieder import kostprijzen_werkelijk

    realisatie = pd.DataFrame(
        {
            "aanbieder_id": ["A", "B", "C"],
            "productspecificatie": ["P"] * 3,
            "kosten": [D("10004"), D("10004"), D("10008")],
            "volume": [D("1000")] * 3,
        }
    )
    tabel = kostprijzen_werkelijk(realisatie)
    assert list(tabel["kostprijs_werkelijk"]) == [D("10.00"), D("10.00"), D("10.01")]
    uit = aggregeer(tabel, params(methode), kolom="kostprijs_werkelijk")
    verwacht = {"gemiddelde": "10.01", "gewogen_gemiddelde": "10.01", "mediaan": "10.00"}
    assert uit.per_product["kostprijs"].iloc[0] == D(verwacht[methode])
    afgerond = aggregeer(tabel.drop(columns="kostprijs_werkelijk_exact"), params(methode),
                         kolom="kostprijs_werkelijk")  # fmt: skip
    assert afgerond.per_product["kostprijs"].iloc[0] == D("10.00")  # the old, biased route
