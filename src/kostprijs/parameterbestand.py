"""The parameter file as written: its YAML, the line of every key, and how numbers are written.

A beleidsadviseur writes `65%` or `0,60` where YAML wants `0.65`; both are read as text and
would fail later with a message that names no key. They are refused here, with the key, the
line and the value as it should be written. Errors found later name the line of the key they
mention (`Parameterbestand.sectie`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from kostprijs.fouten import ConfiguratieFout

_PROCENT = re.compile(r"^([+-]?\d+(?:[.,]\d+)?)\s*%$")
_KOMMA = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})*,\d+$|^[+-]?\d+,\d+$")


@dataclass(frozen=True)
class Parameterbestand:
    """The parsed YAML of a parameter file and the line (1-based) of each key path."""

    bron: Path
    ruw: dict
    regels: dict[tuple[str, ...], int]

    def regel(self, *pad: str) -> int | None:
        """The line of the key `pad` (e.g. 'budget', 'gebruiksfactor'), or of its nearest parent."""
        while pad:
            if pad in self.regels:
                return self.regels[pad]
            pad = pad[:-1]
        return None

    @contextmanager
    def sectie(self, naam: str) -> Iterator[None]:
        """Errors raised while reading section `naam` get the file, line and key they concern."""
        try:
            yield
        except ConfiguratieFout as exc:
            melding = _zonder_bron(str(exc), self.bron)
            raise ConfiguratieFout(self._plaats(naam, melding) + melding) from None
        except (KeyError, TypeError, ValueError) as exc:
            waarde = f"'{exc.args[0]}' ontbreekt" if isinstance(exc, KeyError) else str(exc)
            raise ConfiguratieFout(
                self._plaats(naam, waarde) + f"ontbrekende of ongeldige waarde: {waarde}. "
                "Vergelijk met het parameterbestand van vorig jaar of docs/aannames.md."
            ) from exc

    def _plaats(self, naam: str, melding: str) -> str:
        """'2027.yaml, regel 41 (budget.gebruiksfactor): ' for the first key the message names."""
        genoemd = [
            (m.start(), pad)
            for pad in self.regels
            if len(pad) == 2 and pad[0] == naam
            for m in [re.search(rf"(?<![\w.]){re.escape(pad[1])}(?![\w])", melding)]
            if m
        ]
        pad = min(genoemd)[1] if genoemd else (naam,)
        regel = self.regel(*pad)
        waar = f", regel {regel}" if regel else ""
        return f"{self.bron.name}{waar} ({'.'.join(pad)}): "


def _zonder_bron(melding: str, bron: Path) -> str:
    voorvoegsel = f"{bron.name}: "
    return melding[len(voorvoegsel) :] if melding.startswith(voorvoegsel) else melding


def lees_parameterbestand(bron: Path) -> Parameterbestand:
    """Read `bron` as YAML with the line of every key; refuse numbers written the Dutch way."""
    tekst = bron.read_text(encoding="utf-8")
    try:
        knoop = yaml.compose(tekst, Loader=yaml.SafeLoader)
        ruw = yaml.safe_load(tekst) or {}
    except yaml.YAMLError as exc:
        raise ConfiguratieFout(f"{bron.name} is geen geldig YAML-bestand: {exc}") from exc
    regels: dict[tuple[str, ...], int] = {}
    if knoop is not None:
        _doorloop(knoop, (), regels, bron)
    return Parameterbestand(bron=bron, ruw=ruw, regels=regels)


def _doorloop(knoop: yaml.Node, pad: tuple[str, ...], regels: dict, bron: Path) -> None:
    if isinstance(knoop, yaml.MappingNode):
        for sleutel, waarde in knoop.value:
            sub = (*pad, str(sleutel.value))
            regels.setdefault(sub, sleutel.start_mark.line + 1)
            _doorloop(waarde, sub, regels, bron)
    elif isinstance(knoop, yaml.SequenceNode):
        for i, waarde in enumerate(knoop.value, start=1):
            _doorloop(waarde, (*pad, str(i)), regels, bron)
    elif isinstance(knoop, yaml.ScalarNode):
        _controleer_notatie(str(knoop.value), pad, knoop.start_mark.line + 1, bron)


def _controleer_notatie(waarde: str, pad: tuple[str, ...], regel: int, bron: Path) -> None:
    """A percentage or a decimal comma where YAML needs a number: refused with the right form."""
    waar = f"{bron.name}, regel {regel} ({'.'.join(pad)})"
    procent = _PROCENT.match(waarde.strip())
    if procent:
        getal = procent.group(1).replace(",", ".")
        fractie = format((Decimal(getal) / 100).normalize(), "f")
        raise ConfiguratieFout(
            f"{waar}: '{waarde}' is geen getal in het parameterbestand. Schrijf een percentage "
            f"als fractie met een punt: {getal}% schrijft u als {fractie}."
        )
    if _KOMMA.match(waarde.strip()):
        goed = waarde.strip().replace(".", "").replace(",", ".")
        raise ConfiguratieFout(
            f"{waar}: '{waarde}' is geen getal in het parameterbestand: schrijf een punt als "
            f"decimaalteken en geen scheiding voor duizendtallen, dus {goed}."
        )
