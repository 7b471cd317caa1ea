"""Units of products and frequencies of indications, as municipalities publish and export them.

A tariff list says "per uur" or "€ per dagdeel"; a client system exports an indication as
"3 uur per week", "12 uur per maand" or "80 uur in totaal" for the indication period.
Everything is normalised here, once, for every command. Conversions are exact fractions.

>>> normaliseer_eenheid("Per uur")
'uur'
>>> normaliseer_eenheid("€ per dagdeel")
'dagdeel'
>>> normaliseer_frequentie("maandelijks")
'per maand'
>>> jaarfactor("per 4 weken", weken_per_jaar=52)
Fraction(13, 1)
>>> jaarfactor("totaal", weken_per_jaar=52, dagen=182)
Fraction(2, 1)
"""

from __future__ import annotations

import re
from fractions import Fraction

EENHEDEN = ("uur", "minuut", "dagdeel", "dag", "etmaal", "week", "maand", "traject", "eenmalig")
EENMALIG = ("traject", "eenmalig")  # an indication is a number of these, not a rate

_EENHEID_SYNONIEMEN = {
    "u": "uur",
    "uren": "uur",
    "minuten": "minuut",
    "min": "minuut",
    "dagdelen": "dagdeel",
    "dagen": "dag",
    "etmalen": "etmaal",
    "weken": "week",
    "maanden": "maand",
    "trajecten": "traject",
    "eenmalige": "eenmalig",
}
# Dutch plural after a number other than 1; "uur" stays "uur" ("3 uur per week")
_MEERVOUD = {
    "minuut": "minuten",
    "dagdeel": "dagdelen",
    "dag": "dagen",
    "etmaal": "etmalen",
    "week": "weken",
    "maand": "maanden",
    "traject": "trajecten",
}
_VOORVOEGSELS = re.compile(r"^(€|eur|euro)?\s*(per|p/|/)?\s*")

FREQUENTIES = ("per week", "per 4 weken", "per maand", "per jaar", "totaal")
_FREQUENTIE_SYNONIEMEN = {
    "week": "per week",
    "wekelijks": "per week",
    "p/w": "per week",
    "4 weken": "per 4 weken",
    "per periode van 4 weken": "per 4 weken",
    "vierwekelijks": "per 4 weken",
    "maand": "per maand",
    "maandelijks": "per maand",
    "p/m": "per maand",
    "jaar": "per jaar",
    "jaarlijks": "per jaar",
    "in totaal": "totaal",
    "totaal voor de indicatieperiode": "totaal",
    "voor de hele periode": "totaal",
    "eenmalig": "totaal",
}


def bij_aantal(eenheid: str, aantal) -> str:
    """The unit as it reads after `aantal`.

    >>> bij_aantal("dagdeel", 2), bij_aantal("dagdeel", 1), bij_aantal("uur", 3)
    ('dagdelen', 'dagdeel', 'uur')
    """
    return eenheid if aantal == 1 else _MEERVOUD.get(eenheid, eenheid)


def normaliseer_eenheid(tekst: str) -> str:
    """A unit as published ('Per uur', '€/dagdeel', 'uren') in the catalogue's form ('uur').

    Unknown text comes back lower-cased and stripped, so the caller can name it in an error.
    """
    t = " ".join(str(tekst).replace("\u00a0", " ").split()).lower()
    t = _VOORVOEGSELS.sub("", t).strip()
    return _EENHEID_SYNONIEMEN.get(t, t)


def normaliseer_frequentie(tekst: str) -> str:
    """A frequency as exported ('week', 'per maand', 'totaal') in canonical form."""
    t = " ".join(str(tekst).replace("\u00a0", " ").split()).lower()
    return t if t in FREQUENTIES else _FREQUENTIE_SYNONIEMEN.get(t, t)


def jaarfactor(frequentie: str, *, weken_per_jaar: int, dagen: int | None = None) -> Fraction:
    """Units per year for one unit of indication at this frequency, exactly.

    'totaal' is the amount for the whole indication period of `dagen` days, spread evenly:
    amount x (weken_per_jaar x 7) / dagen.
    """
    if frequentie == "per week":
        return Fraction(weken_per_jaar)
    if frequentie == "per 4 weken":
        return Fraction(weken_per_jaar, 4)
    if frequentie == "per maand":
        return Fraction(12)
    if frequentie == "per jaar":
        return Fraction(1)
    if frequentie == "totaal":
        if not dagen or dagen <= 0:
            raise ValueError("een totaal vraagt een indicatieperiode (begin en einde)")
        return Fraction(weken_per_jaar * 7, dagen)
    raise ValueError(f"onbekende frequentie: {frequentie}")
