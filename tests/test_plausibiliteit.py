"""Plausibility ranges from the parameters: the parser's Dutch errors, per-soort ranges and
the recognition of slips."""

from __future__ import annotations

import copy
from decimal import Decimal as D
from fractions import Fraction

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from kostprijs.fouten import ConfiguratieFout
from kostprijs.inlezen.plausibiliteit import VERGISSINGEN, Bereik, plausibiliteit
from kostprijs.parameters import laad_parameters


def test_2027_heeft_voor_elk_getal_een_bereik(params):
    grenzen = plausibiliteit(params)
    assert grenzen["materieel"].voor("etmaal").hard == (D(0), D(250))
    assert grenzen["materieel"].voor("uur").hard == (D(0), D(50))  # the field's own
    assert grenzen["materieel"].voor("etmaal").vergissingen == ("decimaalteken",)  # inherited
    for veld in grenzen.values():
        for b in veld.alle:
            assert b.hard[0] <= b.zacht[0] <= b.zacht[1] <= b.hard[1]


def _met(params, tmp_path, wijzig) -> object:
    ruw = yaml.safe_load(params.bron.read_text(encoding="utf-8"))
    plaus = copy.deepcopy(ruw["plausibiliteit"])
    wijzig(plaus)
    ruw["plausibiliteit"] = plaus
    pad = tmp_path / "2027.yaml"
    pad.write_text(yaml.safe_dump(ruw, allow_unicode=True), encoding="utf-8")
    return laad_parameters(pad=pad)


def _zet(pad: str, waarde):
    def wijzig(plaus):
        *weg, laatste = pad.split(".")
        doel = plaus
        for k in weg:
            doel = doel[k]
        if waarde is None:
            del doel[laatste]
        else:
            doel[laatste] = waarde

    return wijzig


@pytest.mark.parametrize(
    ("wijzig", "melding"),
    [
        (_zet("salaris", {"hard": [0, 1], "zacht": [0, 1]}), "onbekende velden in 'plausibiliteit': salaris"),
        (_zet("ziekte", None), "'plausibiliteit' mist de velden ziekte"),
        (_zet("ziekte.hard", [0, 100]), "het zachte bereik [0, 250] moet binnen het harde bereik [0, 100] liggen"),
        (_zet("ziekte.zacht", [300, 100]), "plausibiliteit.ziekte.zacht: 'van' (300) is groter dan 'tot' (100)"),
        (_zet("ziekte.zacht", "laag"), "plausibiliteit.ziekte.zacht: verwacht twee getallen [van, tot]"),
        (_zet("ziekte.vergissingen", ["weken"]), "'vergissingen' moet een lijst zijn uit honderdvoud"),
        (_zet("ziekte.grens", 3), "onbekende sleutel(s) grens"),
        (_zet("materieel.per_soort.maandwerk", {"hard": [0, 9]}), "onbekende soort(en) maandwerk"),
        (_zet("materieel.per_soort.etmaal.zacht", [0, 500]), "plausibiliteit.materieel.per_soort.etmaal: het zachte bereik"),
        (_zet("verlof", {"zacht": [100, 350]}), "plausibiliteit.verlof: geef zowel 'hard' als 'zacht' op"),
    ],
)  # fmt: skip
def test_fouten_in_de_parameters_in_het_nederlands(params, tmp_path, wijzig, melding):
    with pytest.raises(ConfiguratieFout) as e:
        plausibiliteit(_met(params, tmp_path, wijzig))
    assert melding in str(e.value)
    assert "2027.yaml" in str(e.value)


def test_sectie_ontbreekt(tmp_path):
    pad = tmp_path / "2027.yaml"
    pad.write_text(
        "jaar: 2027\ngemeente: Test\nbekostiging: {model: inspanning}\nbudget: {gebruiksfactor: 0.7, weken_per_jaar: 52, gevoeligheid: {van: 0.5, tot: 0.9, stap: 0.1}}\ncatalogus:\n"
        "  - {productspecificatie: A, soort: uur, eenheid: uur, productcode: X}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfiguratieFout, match="de sectie 'plausibiliteit' ontbreekt"):
        plausibiliteit(laad_parameters(pad=pad))


SALARIS = Bereik(
    (D(12000), D(250000)), (D(20000), D(100000)), ("maandsalaris", "centen", "duizenden")
)


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        (D(33000), None),  # usual
        (D(2750), ("maandsalaris", D(33000))),  # 12 x 2.750
        (D(3300000), ("centen", D(33000))),  # / 100
        (D("32.397"), ("duizenden", D(32397))),  # x 1.000
        (D(9000), None),  # 12 x 9.000 = 108.000 is not usual either: no slip named
        (D(150000), None),  # unusual, possible, no slip brings it to 20.000-100.000
    ],
)
def test_vergissing_bij_jaarsalaris(waarde, verwacht):
    assert SALARIS.vergissing(waarde) == verwacht


def test_eerste_passende_factor_van_decimaalteken():
    begeleiders = Bereik((D("0.1"), D(20)), (D("0.5"), D(4)), ("decimaalteken",))
    assert begeleiders.vergissing(D(117)) == ("decimaalteken", D("1.17"))  # 11,7 is too many
    assert begeleiders.vergissing(D(15)) == ("decimaalteken", D("1.5"))


@given(st.decimals(min_value=-(10**7), max_value=10**7, allow_nan=False, places=3))
def test_een_gevonden_vergissing_brengt_de_waarde_in_het_zachte_bereik(waarde):
    gevonden = SALARIS.vergissing(waarde)
    if SALARIS.zacht[0] <= waarde <= SALARIS.zacht[1]:
        assert gevonden is None
    elif gevonden is not None:
        naam, gecorrigeerd = gevonden
        assert SALARIS.zacht[0] <= gecorrigeerd <= SALARIS.zacht[1]
        assert any(
            Fraction(gecorrigeerd) == Fraction(waarde) * f for f in VERGISSINGEN[naam].factoren
        )


# --- the municipality's confirmations file -------------------------------------------------


@pytest.mark.parametrize(
    ("regel", "kolom", "melding"),
    [
        ("ABC;Bouwstenen;D22;700;x", "kvk", "'ABC' is geen KvK-nummer"),
        ("20000007;Bouwsteen;D22;700;x", "blad", "'Bouwsteen' is geen blad van het sjabloon"),
        ("20000007;Bouwstenen;22D;700;x", "cel", "'22D' is geen cel"),
        ("20000007;Bouwstenen;D22;veel;x", "waarde", "'veel' is geen getal"),
        ("20000007;Bouwstenen;D22;700;", "reden", "de reden ontbreekt"),
    ],
)
def test_bevestigingen_fouten_met_rij(tmp_path, regel, kolom, melding):
    from kostprijs.fouten import InvoerFout
    from kostprijs.inlezen.bevestigingen import lees_bevestigingen

    pad = tmp_path / "bevestigingen.csv"
    pad.write_text(f"kvk;blad;cel;waarde;reden\n{regel}\n", encoding="utf-8")
    with pytest.raises(InvoerFout) as e:
        lees_bevestigingen(pad)
    assert (e.value.rij, e.value.kolom) == (2, kolom)
    assert melding in str(e.value)


def test_bevestigingen_zoals_excel_ze_opslaat(tmp_path):
    """Excel drops the leading zero of a KvK number and writes percentages with %; a cell
    given with $ signs or in lower case is the same cell."""
    from kostprijs.inlezen.bevestigingen import lees_bevestigingen

    pad = tmp_path / "bevestigingen.csv"
    pad.write_text(
        "kvk;blad;cel;waarde;reden\n"
        "1234567;bouwstenen;$d$41;0,5%;nagevraagd\n"
        "20000007;Bouwstenen;D22;1.234,5;nagevraagd\n",
        encoding="utf-8",
    )
    b = lees_bevestigingen(pad)
    assert b[("01234567", "Bouwstenen", "D41")].waarde == D("0.005")
    assert b[("20000007", "Bouwstenen", "D22")].waarde == D("1234.5")
