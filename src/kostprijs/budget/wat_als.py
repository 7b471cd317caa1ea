"""The what-if calculation behind the rekenblad: budget impact from aggregated volumes.

Input is aggregate only: per tariff line the volume per year at a gebruiksfactor of 100%
(summed over the indications) and the volume of one-off products, never a client. The
workbook's formulas (`kostprijs.rapport.rekenblad`) compute the same as `wat_als`, step by
step and to the cent:

- the gebruiksfactor, each index and each percentage change are rounded half up to 4
  decimals (0,01%), an own tarief to the cent;
- basistarief = the scenario's tarief; where that is not public (None), the current tarief
  indexed: ROUND_HALF_UP(huidig x product(1 + index)) to the cent;
- tarief used = own tarief if given, else ROUND_HALF_UP(basistarief x (1 + wijziging)) to the
  cent if a wijziging is given, else the basistarief;
- amount per line = ROUND_HALF_UP((volume x gebruiksfactor + volume_eenmalig) x tarief) to
  the cent; the same with the current tarief (0 for a line without one);
- total = sum of the lines + a fixed afrondingscorrectie (the full model rounds the
  periodebudget per client; the correction is its difference at the run's parameters).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from kostprijs.geld import decimaal

VIER = Decimal("0.0001")  # gebruiksfactor, index and wijziging: 0,01%
MAX_INDEXJAREN = 2  # the workbook's integer formulas stay exact up to two index steps
EIGEN, SCENARIO, GEINDEXEERD = "eigen", "scenario", "geindexeerd"  # where a tarief comes from


def _vier(waarde) -> Decimal:
    return decimaal(waarde).quantize(VIER, rounding=ROUND_HALF_UP)


def _cent(waarde: Decimal) -> int:
    return int(waarde.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _decimalen(waarde: Decimal, n: int, wat: str) -> None:
    if waarde != waarde.quantize(Decimal(1).scaleb(-n)) or waarde < 0:
        raise ValueError(f"{wat} moet 0 of meer zijn, met hooguit {n} decimalen: {waarde}")


@dataclass(frozen=True)
class Rekenregel:
    """One tariff line (product or variant) with its aggregated volume and tarieven."""

    regel: str  # display name
    eenheid: str
    volume: Decimal  # units per year at gebruiksfactor 1, summed over indications, <= 3 dec.
    volume_eenmalig: Decimal  # units delivered whole: not multiplied by the gebruiksfactor
    huidig_centen: int | None  # current tarief; None: the line has none (amount 0)
    scenario_centen: Mapping[str, int | None] = field(default_factory=dict)  # None: not public

    def __post_init__(self) -> None:
        _decimalen(decimaal(self.volume), 3, f"volume van {self.regel}")
        _decimalen(decimaal(self.volume_eenmalig), 3, f"eenmalig volume van {self.regel}")


@dataclass(frozen=True)
class Rekenbladinvoer:
    """Everything the rekenblad shows, at the run's parameters; aggregates only."""

    gemeente: str
    tariefjaar: int
    run_id: str
    datum: str  # already in Dutch, e.g. "6 december 2026"
    gebruiksfactor: Decimal
    indexjaren: tuple[tuple[int, Decimal], ...]  # (jaar, fraction) for huidig geïndexeerd
    scenarios: tuple[str, ...]
    voorstel: str  # the scenario that is the proposal, chosen when the workbook opens
    regels: tuple[Rekenregel, ...]
    afronding_centen: int = 0  # full model minus sum of lines, at the voorstel's tarieven
    afronding_huidig_centen: int = 0  # the same at the current tarieven
    weggelaten: tuple[str, ...] = ()  # products left out: their tarief is not public
    weggelaten_scenarios: tuple[str, ...] = ()  # scenarios left out: they show a hidden tarief
    synthetisch: bool = False  # made from the synthetic sample data

    def __post_init__(self) -> None:
        if self.voorstel not in self.scenarios:
            raise ValueError(f"voorstel '{self.voorstel}' is geen van de scenario's")
        if len(set(self.scenarios)) != len(self.scenarios) or not self.scenarios:
            raise ValueError("de scenarionamen moeten verschillend zijn (en er is er minstens één)")
        if len({r.regel for r in self.regels}) != len(self.regels):
            raise ValueError("de namen van de regels moeten verschillend zijn")
        if len(self.indexjaren) > MAX_INDEXJAREN:
            raise ValueError(f"hooguit {MAX_INDEXJAREN} indexjaren")
        for r in self.regels:
            if set(r.scenario_centen) != set(self.scenarios):
                raise ValueError(f"{r.regel}: een tarief per scenario nodig (of None)")
            if r.huidig_centen is None and None in r.scenario_centen.values():
                raise ValueError(f"{r.regel}: tarief niet openbaar en geen huidig tarief")


@dataclass(frozen=True)
class Regeluitkomst:
    regel: str
    tarief_centen: int  # the tarief used
    herkomst: str  # EIGEN, SCENARIO or GEINDEXEERD (the basistarief)
    gewijzigd: bool  # a percentage change was applied to the basistarief
    bedrag_centen: int  # at the tarief used
    huidig_bedrag_centen: int  # at the current tarief

    @property
    def verschil_centen(self) -> int:
        return self.bedrag_centen - self.huidig_bedrag_centen


@dataclass(frozen=True)
class Uitkomst:
    regels: tuple[Regeluitkomst, ...]
    totaal_centen: int  # lines + afronding_centen
    huidig_totaal_centen: int  # lines at current tarieven + afronding_huidig_centen

    @property
    def verschil_centen(self) -> int:
        return self.totaal_centen - self.huidig_totaal_centen


def indexfactor(indexjaren) -> Decimal:
    """product(1 + index), each index rounded to 0,01%."""
    uit = Decimal(1)
    for _jaar, fractie in indexjaren:
        uit *= 1 + _vier(fractie)
    return uit


def wat_als(
    invoer: Rekenbladinvoer,
    *,
    gebruiksfactor: Decimal | None = None,
    index: Mapping[int, Decimal] | None = None,
    scenario: str | None = None,
    eigen_tarief: Mapping[str, Decimal] | None = None,
    wijziging_pct: Mapping[str, Decimal] | None = None,
) -> Uitkomst:
    """The budget at these choices (default: the run's), exactly as the workbook computes it.

    `index` replaces the index of the given years; `eigen_tarief` (euros) and `wijziging_pct`
    (a fraction: 0.02 is +2%) are keyed by the line's `regel`.
    """
    scenario = invoer.voorstel if scenario is None else scenario
    if scenario not in invoer.scenarios:
        raise ValueError(f"onbekend scenario '{scenario}'")
    gf = _vier(invoer.gebruiksfactor if gebruiksfactor is None else gebruiksfactor)
    eigen, wijziging = eigen_tarief or {}, wijziging_pct or {}
    regels = {r.regel for r in invoer.regels}
    onbekend = (set(eigen) | set(wijziging)) - regels
    onbekend |= {str(j) for j in index or {}} - {str(j) for j, _f in invoer.indexjaren}
    if onbekend:
        raise ValueError(f"onbekende regel of onbekend indexjaar: {', '.join(sorted(onbekend))}")
    jaren = tuple((j, (index or {}).get(j, f)) for j, f in invoer.indexjaren)
    factor = indexfactor(jaren)
    uit = []
    for r in invoer.regels:
        volume = decimaal(r.volume) * gf + decimaal(r.volume_eenmalig)
        basis, herkomst = r.scenario_centen[scenario], SCENARIO
        if basis is None:
            basis, herkomst = _cent(r.huidig_centen * factor), GEINDEXEERD
        if eigen.get(r.regel) is not None:
            tarief, herkomst = _cent(decimaal(eigen[r.regel]) * 100), EIGEN
        elif wijziging.get(r.regel) is not None:
            tarief = _cent(basis * (1 + _vier(wijziging[r.regel])))
        else:
            tarief = basis
        gewijzigd = herkomst != EIGEN and wijziging.get(r.regel) is not None
        huidig = _cent(volume * r.huidig_centen) if r.huidig_centen is not None else 0
        bedrag = _cent(volume * tarief)
        uit.append(Regeluitkomst(r.regel, tarief, herkomst, gewijzigd, bedrag, huidig))
    return Uitkomst(
        tuple(uit),
        sum(u.bedrag_centen for u in uit) + invoer.afronding_centen,
        sum(u.huidig_bedrag_centen for u in uit) + invoer.afronding_huidig_centen,
    )
