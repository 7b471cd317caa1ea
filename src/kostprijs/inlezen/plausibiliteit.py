"""Plausibility per field in two tiers, from the `plausibiliteit:` section of the year's
parameters.

- `hard`: what is possible. A value outside it is rejected (unless the municipality
  confirms it, see bevestigingen.py).
- `zacht`: what is usual. A value outside it gets a remark and still counts.
- `vergissingen`: the slips to look for. A value outside the soft range that one of these
  slips brings into the soft range (x 12 for a monthly salary, / 100 for cents, ...) is
  rejected too, and the message names the probable slip.

Ranges may differ per kind of product (`per_soort`, keyed by the catalogue's `soort`):
an override replaces `hard`, `zacht` or `vergissingen` of the field for that kind only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

from kostprijs.fouten import ConfiguratieFout
from kostprijs.geld import decimaal
from kostprijs.parameters import SOORTEN, Jaarparameters
from kostprijs.sjabloon.indeling import GETALKOLOMMEN, REALISATIE_KOLOMMEN

UREN_PER_DAG = 8


@dataclass(frozen=True)
class Vergissing:
    """A slip: multiplying the value by one of `factoren` gives what the provider meant.

    `melding` is a Dutch sentence with {toon} (the value as typed, in the field's unit) and
    {gecorrigeerd} (what the provider probably meant).
    """

    factoren: tuple[Fraction, ...]
    melding: str


VERGISSINGEN: dict[str, Vergissing] = {
    "honderdvoud": Vergissing(
        (Fraction(1, 100),),
        "{waarde} betekent {toon}; bedoelt u {gecorrigeerd}? Typ het percentage met %-teken "
        "(de cel is als percentage opgemaakt).",
    ),
    "honderdste": Vergissing(
        (Fraction(100),),
        "{toon} is onwaarschijnlijk laag; bedoelt u {gecorrigeerd}? Waarschijnlijk is het "
        "percentage als 0,.. in een procentcel getypt. Typ het percentage met %-teken, "
        "bijvoorbeeld {gecorrigeerd}.",
    ),
    "maandsalaris": Vergissing(
        (Fraction(12),),
        "{toon} lijkt een maandsalaris: vul het jaarsalaris in (12 × {toon} = {gecorrigeerd}?).",
    ),
    "centen": Vergissing(
        (Fraction(1, 100),),
        "{toon} lijkt een bedrag in centen: vul het bedrag in euro's in "
        "(bedoelt u {gecorrigeerd}?).",
    ),
    "duizenden": Vergissing(
        (Fraction(1000),),
        "{toon} lijkt een bedrag in duizenden euro's: vul het hele bedrag in "
        "(bedoelt u {gecorrigeerd}?).",
    ),
    "decimaalteken": Vergissing(
        (Fraction(1, 10), Fraction(1, 100), Fraction(1, 1000)),
        "{toon} is veel te hoog; vergeten decimaalteken? Bedoelt u {gecorrigeerd}? Vul het "
        "getal in met een komma voor de decimalen.",
    ),
    "dagen": Vergissing(
        (Fraction(UREN_PER_DAG),),
        f"{{toon}} lijkt een aantal dagen: vul uren in ({{toon}} dagen × {UREN_PER_DAG} uur "
        "= {gecorrigeerd} uur?).",
    ),
    "weekuren": Vergissing(
        (Fraction(52),),
        "{toon} lijkt een aantal uren per week: vul uren per jaar in "
        "({toon} × 52 weken = {gecorrigeerd} uur?).",
    ),
}


@dataclass(frozen=True)
class Bereik:
    """Hard and soft range of one field (for one kind of product), and the slips to find."""

    hard: tuple[Decimal, Decimal]
    zacht: tuple[Decimal, Decimal]
    vergissingen: tuple[str, ...]

    def vergissing(self, waarde: Decimal) -> tuple[str, Decimal] | None:
        """The first listed slip (and its first factor) that brings `waarde`, outside the
        soft range, into it, with the corrected value; None when the value is usual or no
        listed slip explains it."""
        lo, hi = self.zacht
        if lo <= waarde <= hi:
            return None
        for naam in self.vergissingen:
            for f in VERGISSINGEN[naam].factoren:
                gecorrigeerd = Decimal(f.numerator) * waarde / Decimal(f.denominator)
                if lo <= gecorrigeerd <= hi:
                    return naam, gecorrigeerd
        return None


@dataclass(frozen=True)
class Veldgrenzen:
    """The ranges of one field: the field's own, and per kind of product where different."""

    standaard: Bereik
    per_soort: MappingProxyType  # soort -> Bereik

    def voor(self, soort: str | None) -> Bereik:
        return self.per_soort.get(soort, self.standaard)

    @property
    def alle(self) -> tuple[Bereik, ...]:
        return (self.standaard, *self.per_soort.values())


# Every number of the personeel and bouwstenen tables needs ranges; realisatie may have them.
VELDEN = tuple(GETALKOLOMMEN)
VERPLICHT = tuple(k for k in GETALKOLOMMEN if k not in REALISATIE_KOLOMMEN)
_SLEUTELS = {"hard", "zacht", "vergissingen"}


def plausibiliteit(params: Jaarparameters) -> Mapping[str, Veldgrenzen]:
    """The ranges of the year's parameters (validated when they were read); ConfiguratieFout
    when the parameters have none: reading the workbooks needs them."""
    if params.plausibiliteit is None:
        bron = params.bron.name if params.bron else "de parameters"
        raise ConfiguratieFout(f"{bron}: de sectie 'plausibiliteit' ontbreekt. {_WAT}")
    return params.plausibiliteit


_WAT = "Zet daarin per veld het harde en het zachte bereik (zie docs/aannames.md)."


def lees_plausibiliteit(ruw, bron: str) -> dict[str, Veldgrenzen]:
    """The section `plausibiliteit` of params/<jaar>.yaml, validated (ConfiguratieFout)."""
    if not isinstance(ruw, dict) or not ruw:
        raise ConfiguratieFout(f"{bron}: de sectie 'plausibiliteit' is leeg. {_WAT}")
    onbekend = sorted(set(ruw) - set(VELDEN))
    if onbekend:
        raise ConfiguratieFout(
            f"{bron}: onbekende velden in 'plausibiliteit': {', '.join(onbekend)}. "
            f"Mogelijk zijn: {', '.join(VELDEN)}."
        )
    ontbrekend = [k for k in VERPLICHT if k not in ruw]
    if ontbrekend:
        raise ConfiguratieFout(
            f"{bron}: 'plausibiliteit' mist de velden {', '.join(ontbrekend)}; geef voor elk "
            "getal van het sjabloon een hard en een zacht bereik."
        )
    return {veld: _veld(bron, veld, instelling) for veld, instelling in ruw.items()}


def _veld(bron: str, veld: str, instelling) -> Veldgrenzen:
    waar = f"{bron}, plausibiliteit.{veld}"
    if not isinstance(instelling, dict):
        raise ConfiguratieFout(f"{waar}: verwacht 'hard', 'zacht' en eventueel 'vergissingen'.")
    instelling = dict(instelling)
    per_soort = instelling.pop("per_soort", None) or {}
    standaard = _bereik(waar, instelling, None)
    if not isinstance(per_soort, dict):
        raise ConfiguratieFout(f"{waar}.per_soort: verwacht per soort een bereik.")
    onbekend = sorted(set(per_soort) - set(SOORTEN))
    if onbekend:
        raise ConfiguratieFout(
            f"{waar}.per_soort: onbekende soort(en) {', '.join(map(str, onbekend))}; "
            f"kies uit {', '.join(SOORTEN)}."
        )
    return Veldgrenzen(
        standaard,
        MappingProxyType(
            {
                soort: _bereik(f"{waar}.per_soort.{soort}", dict(anders or {}), standaard)
                for soort, anders in per_soort.items()
            }
        ),
    )


def _bereik(waar: str, instelling: dict, basis: Bereik | None) -> Bereik:
    onbekend = sorted(set(instelling) - _SLEUTELS)
    if onbekend:
        raise ConfiguratieFout(
            f"{waar}: onbekende sleutel(s) {', '.join(map(str, onbekend))}; mogelijk zijn "
            "hard, zacht, vergissingen en per_soort."
        )
    if basis is None and not {"hard", "zacht"} <= set(instelling):
        raise ConfiguratieFout(f"{waar}: geef zowel 'hard' als 'zacht' op, als [van, tot].")
    hard = _paar(waar, "hard", instelling["hard"]) if "hard" in instelling else basis.hard
    zacht = _paar(waar, "zacht", instelling["zacht"]) if "zacht" in instelling else basis.zacht
    if not (hard[0] <= zacht[0] and zacht[1] <= hard[1]):
        raise ConfiguratieFout(
            f"{waar}: het zachte bereik {_lijst(zacht)} moet binnen het harde bereik "
            f"{_lijst(hard)} liggen."
        )
    vergissingen = instelling.get("vergissingen", basis.vergissingen if basis else [])
    if not isinstance(vergissingen, list | tuple) or not all(
        v in VERGISSINGEN for v in vergissingen
    ):
        raise ConfiguratieFout(
            f"{waar}: 'vergissingen' moet een lijst zijn uit {', '.join(VERGISSINGEN)}; "
            f"gevonden: {vergissingen}."
        )
    return Bereik(hard, zacht, tuple(vergissingen))


def _paar(waar: str, sleutel: str, waarde) -> tuple[Decimal, Decimal]:
    try:
        lo, hi = (decimaal(x) for x in waarde)
    except (TypeError, ValueError) as exc:
        raise ConfiguratieFout(
            f"{waar}.{sleutel}: verwacht twee getallen [van, tot], gevonden {waarde!r}."
        ) from exc
    if lo > hi:
        raise ConfiguratieFout(f"{waar}.{sleutel}: 'van' ({lo}) is groter dan 'tot' ({hi}).")
    return lo, hi


def _lijst(paar: tuple[Decimal, Decimal]) -> str:
    return f"[{paar[0]}, {paar[1]}]"
