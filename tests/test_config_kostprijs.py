"""The cost-price section of the year's parameters: loading and Dutch validation."""

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from kostprijs.fouten import ConfiguratieFout
from kostprijs.parameters import Kostprijsparameters, laad_parameters

PARAMS = Path(__file__).parents[1] / "params" / "2027.yaml"


def test_2027_declares_the_method():
    k = laad_parameters(2027).kostprijs
    assert k.opslag in ("op_kosten", "van_prijs")
    assert k.aggregatie in ("gemiddelde", "gewogen_gemiddelde", "mediaan", "getrimd_gemiddelde")
    assert isinstance(k.declaratiedatum, date)
    assert not hasattr(laad_parameters(2027), "overig")  # no section left unvalidated


MINIMAAL = (
    "jaar: 2027\ngemeente: Testgemeente\nbekostiging: {model: inspanning}\nbudget: {gebruiksfactor: 0.7, weken_per_jaar: 52, gevoeligheid: {van: 0.5, tot: 0.9, stap: 0.1}}\n"
    "catalogus:\n  - {productspecificatie: A, soort: uur, eenheid: uur, productcode: X}\n"
)


def schrijf(tmp_path, sectie: str, indexatie: str = "  indexatie: {methode: vng}\n") -> Path:
    pad = tmp_path / "2027.yaml"
    extra = "" if "indexatie" in sectie else indexatie
    pad.write_text(MINIMAAL + "kostprijs:\n" + sectie + extra, encoding="utf-8")
    return pad


def test_values_read_exactly(tmp_path):
    pad = schrijf(
        tmp_path,
        "  opslag: van_prijs\n  aggregatie: getrimd_gemiddelde\n  trim_aandeel: 0.1\n"
        "  declaratiedatum: 2026-02-01\n  tolerantie_gelijk: 0.01\n"
        "  indexatie: {methode: vast, percentages: {2026: 0.0496}, reden: cao}\n",
    )
    k = laad_parameters(pad=pad).kostprijs
    assert (k.opslag, k.aggregatie, k.trim_aandeel) == ("van_prijs", "getrimd_gemiddelde", D("0.1"))
    assert k.declaratiedatum == date(2026, 2, 1)
    assert k.indexatie.percentages == ((2026, D("0.0496")),) and k.indexatie.reden == "cao"
    assert k.tolerantie_gelijk == D("0.01")


def test_section_absent_is_none(tmp_path):
    pad = tmp_path / "2027.yaml"
    pad.write_text(MINIMAAL)
    assert laad_parameters(pad=pad).kostprijs is None


@pytest.mark.parametrize(
    ("sectie", "melding"),
    [
        ("  opslag: x1,2\n", "opslag is 'x1,2'; kies uit op_kosten, van_prijs"),
        ("  aggregatie: modus\n", "aggregatie is 'modus'"),
        ("  aggregatie: getrimd_gemiddelde\n", "vraagt een trim_aandeel groter dan 0"),
        ("  aggregatie: mediaan\n  trim_aandeel: 0.1\n", "geldt alleen bij getrimd_gemiddelde"),
        ("  aggregatie: getrimd_gemiddelde\n  trim_aandeel: 0.5\n", "moet van 0 tot 0,5 liggen"),
        ("  tolerantie_gelijk: 5\n", "tolerantie_gelijk 5 moet van 0 tot 1 liggen"),
        ("  forse_stijging: 0.001\n", "forse_stijging moet groter zijn dan tolerantie_gelijk"),
        ("  indexatie: 0.0496\n", "indexatie is een keuze van methode, niet één getal"),
        (
            "  indexatie: {methode: vast, percentages: {2026: 4.96}, reden: cao}\n",
            "3,5% schrijft u",
        ),
        (
            "  afwijking_werkelijk_hard: 0.1\n",
            "afwijking_werkelijk_hard 0.1 moet minstens afwijking_werkelijk",
        ),
        ("  declaratiedatum: 1 maart\n", "declaratiedatum '1 maart' is geen datum"),
        ("  methode: mediaan\n", "onbekende kostprijsparameters: methode"),
    ],
)
def test_invalid_values_give_dutch_errors(tmp_path, sectie, melding):
    with pytest.raises(ConfiguratieFout, match=melding.replace("(", r"\(").replace(".", r"\.")):
        laad_parameters(pad=schrijf(tmp_path, sectie))


def test_indexatie_must_be_chosen(tmp_path):
    with pytest.raises(ConfiguratieFout, match=r"kostprijs\.indexatie ontbreekt"):
        laad_parameters(pad=schrijf(tmp_path, "  opslag: op_kosten\n", indexatie=""))


def test_defaults_are_valid():
    k = Kostprijsparameters()
    assert k.aggregatie == "gewogen_gemiddelde" and k.declaratiedatum is None
