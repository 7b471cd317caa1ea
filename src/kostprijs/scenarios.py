"""Tariff scenarios: the tariff lists the inkooptafel compares, declared in params/<jaar>.yaml.

Each scenario has a name and a rule; one of them is the proposal (the "nieuwe tarieven" of
the reports). The rules, per tariff line (all amounts in cents, rounded half up once):

- kostprijs_geindexeerd: the average cost price x the index chain from the price year of the
  cost figures to the tariff year (the research's proposal, `tarieven_voorstel.csv`);
- huidig_geindexeerd: the current tarief x (1 + the index of the tariff year): last year's
  tarief taken to the new year's price level;
- ingroeipad: towards the indexed cost price, but at most `max_wijziging` (a fraction) above
  or below the current tarief indexed;
- budgetneutraal: every tarief of kostprijs_geindexeerd x one factor, chosen so that the
  municipality's total for all clients equals its total at huidig_geindexeerd (last year's
  tarieven plus indexation), as closely as whole cents allow.

A line without a cost price keeps its current tarief indexed; a line without a current tarief
(a new product) takes its indexed cost price in every rule.

A tariff file of one's own is a named scenario of its own, with rule `eigen` (`kostprijs
scenario`): its tarieven as given, under the same disclosure control as the proposal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from kostprijs.fouten import ConfiguratieFout
from kostprijs.geld import decimaal

KOSTPRIJS_GEINDEXEERD = "kostprijs_geindexeerd"
HUIDIG_GEINDEXEERD = "huidig_geindexeerd"
INGROEIPAD = "ingroeipad"
BUDGETNEUTRAAL = "budgetneutraal"
REGELS = (KOSTPRIJS_GEINDEXEERD, HUIDIG_GEINDEXEERD, INGROEIPAD, BUDGETNEUTRAAL)
EIGEN = "eigen"  # a tariff file of one's own (`kostprijs scenario`), never in the parameters
VOORBEELD = (
    "Schrijf bijvoorbeeld:\n"
    "scenarios:\n"
    "  voorstel: Kostprijs geïndexeerd\n"
    "  lijst:\n"
    "    - {naam: Kostprijs geïndexeerd, regel: kostprijs_geindexeerd}\n"
    "    - {naam: Huidig tarief geïndexeerd, regel: huidig_geindexeerd}\n"
    "    - {naam: Ingroeipad 5%, regel: ingroeipad, max_wijziging: 0.05}\n"
    "    - {naam: Budgetneutraal, regel: budgetneutraal}"
)

Sleutel = tuple[str, str, str]


@dataclass(frozen=True)
class Scenario:
    """One tariff scenario: its name in the reports, its rule and the rule's parameter."""

    naam: str
    regel: str
    max_wijziging: Decimal | None = None  # ingroeipad only: 0.05 = at most 5% a year

    @property
    def volgt_kostprijs(self) -> bool:
        """Its tarieven are computed from the cost prices (and so fall under disclosure)."""
        return self.regel != HUIDIG_GEINDEXEERD


@dataclass(frozen=True)
class Scenarios:
    """The scenarios of a year, in the order of the parameters, and the proposal."""

    lijst: tuple[Scenario, ...] = (Scenario("Kostprijs geïndexeerd", KOSTPRIJS_GEINDEXEERD),)
    voorstel: str = "Kostprijs geïndexeerd"

    @property
    def namen(self) -> tuple[str, ...]:
        return tuple(s.naam for s in self.lijst)

    @property
    def het_voorstel(self) -> Scenario:
        return next(s for s in self.lijst if s.naam == self.voorstel)


def lees_scenarios(ruw) -> Scenarios:
    """The `scenarios` section of the parameters, checked (Dutch messages); absent: only the
    indexed cost price, as the proposal."""
    if ruw is None:
        return Scenarios()
    if not isinstance(ruw, dict) or set(ruw) - {"voorstel", "lijst"}:
        raise ConfiguratieFout(f"scenarios heeft twee sleutels, voorstel en lijst. {VOORBEELD}")
    items = ruw.get("lijst")
    if not isinstance(items, list) or not items:
        raise ConfiguratieFout(f"scenarios.lijst ontbreekt of is leeg. {VOORBEELD}")
    lijst = tuple(_scenario(i, item) for i, item in enumerate(items, start=1))
    namen = [s.naam for s in lijst]
    dubbel = sorted({n for n in namen if namen.count(n) > 1})
    if dubbel:
        raise ConfiguratieFout(
            f"scenarios.lijst noemt {', '.join(dubbel)} meer dan eens: geef elk scenario een "
            "eigen naam."
        )
    voorstel = str(ruw.get("voorstel") or "").strip()
    if voorstel not in namen:
        raise ConfiguratieFout(
            f"scenarios.voorstel is '{voorstel}'; kies een van de namen uit scenarios.lijst: "
            f"{', '.join(namen)}."
        )
    return Scenarios(lijst, voorstel)


def _scenario(i: int, item) -> Scenario:
    waar = f"scenarios.lijst, scenario {i}"
    if not isinstance(item, dict) or set(item) - {"naam", "regel", "max_wijziging"}:
        raise ConfiguratieFout(
            f"{waar}: een scenario heeft naam, regel en (bij ingroeipad) max_wijziging. {VOORBEELD}"
        )
    naam = str(item.get("naam") or "").strip()
    regel = str(item.get("regel") or "").strip()
    if not naam:
        raise ConfiguratieFout(f"{waar}: de naam ontbreekt.")
    if regel not in REGELS:
        raise ConfiguratieFout(f"{waar} ({naam}): regel '{regel}'; kies uit {', '.join(REGELS)}.")
    ruwe_max = item.get("max_wijziging")
    if regel != INGROEIPAD:
        if ruwe_max is not None:
            raise ConfiguratieFout(
                f"{waar} ({naam}): max_wijziging hoort alleen bij regel ingroeipad."
            )
        return Scenario(naam, regel)
    try:
        maximum = decimaal(ruwe_max)
    except (TypeError, ValueError, ArithmeticError):
        maximum = None
    if maximum is None or not Decimal(0) < maximum < Decimal(1):
        raise ConfiguratieFout(
            f"{waar} ({naam}): max_wijziging is {ruwe_max!r}; geef de grootste wijziging per "
            "jaar als fractie tussen 0 en 1 (5% schrijft u als 0.05)."
        )
    return Scenario(naam, regel, maximum)


def _rond(bedrag: Decimal) -> int:
    return int(bedrag.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def huidig_geindexeerd(huidig: Mapping[Sleutel, int], index: Decimal) -> dict[Sleutel, int]:
    """Current tarieven x (1 + index), per line, in cents."""
    return {k: _rond(c * (1 + index)) for k, c in huidig.items()}


def ingroeipad(
    doel: Mapping[Sleutel, int], basis: Mapping[Sleutel, int], maximum: Decimal
) -> dict[Sleutel, int]:
    """Per line the target (indexed cost price), kept within `maximum` of the base (the
    current tarief indexed); a line with only one of them takes that one."""
    uit = {**basis, **doel}
    for k in set(doel) & set(basis):
        laag, hoog = _rond(basis[k] * (1 - maximum)), _rond(basis[k] * (1 + maximum))
        uit[k] = min(max(doel[k], laag), hoog)
    return uit


def geschaald(tarieven: Mapping[Sleutel, int], factor: Decimal) -> dict[Sleutel, int]:
    """Every tarief x `factor`, in cents."""
    return {k: _rond(c * factor) for k, c in tarieven.items()}


def index_tariefjaar(stappen, tariefjaar: int) -> Decimal:
    """The index of the tariff year itself (from the chain's steps; 0 when it has none): what
    takes last year's tarieven to the new year's price level."""
    uit = Decimal(1)
    for stap in stappen:
        if stap.jaar == tariefjaar:
            uit *= 1 + stap.fractie
    return uit - 1
