"""Section `budget`: the choices of the budget model (gebruiksfactor, weeks, rounding,
sensitivity ranges, maxima per week, the band of realised use)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from kostprijs.eenheden import EENHEDEN
from kostprijs.fouten import ConfiguratieFout
from kostprijs.geld import decimaal
from kostprijs.parameters.sleutels import onbekend

AFRONDINGEN = ("half_omhoog", "omlaag")


@dataclass(frozen=True)
class Budgetparameters:
    """Choices of the budget model."""

    gebruiksfactor: Decimal
    weken_per_jaar: int
    perioden_per_jaar: int
    afronding_budget: str = "half_omhoog"
    overgang_perioden: int = 1
    gevoeligheid: tuple[Decimal, ...] = ()
    gevoeligheid_index: tuple[Decimal, ...] = ()  # index figures of the tariff year to try
    max_per_week: dict[str, Decimal] = field(default_factory=dict)
    # realised use per client and product outside (laag, hoog) of the indication is listed
    gebruiksband: tuple[Decimal, Decimal] | None = None

    def __post_init__(self) -> None:
        fouten = []
        if (
            self.gebruiksband is not None
            and not 0 <= self.gebruiksband[0] < 1 < self.gebruiksband[1]
        ):
            fouten.append("gebruiksband: laag ligt tussen 0 en 1, hoog boven 1")
        if not Decimal(0) < self.gebruiksfactor <= Decimal(1):
            fouten.append(
                f"gebruiksfactor {self.gebruiksfactor} moet groter dan 0 en hoogstens 1 zijn "
                "(een fractie: 65% schrijft u als 0.65)"
            )
        if self.gebruiksfactor.as_tuple().exponent < -4:
            fouten.append(f"gebruiksfactor {self.gebruiksfactor} heeft meer dan 4 decimalen")
        if self.weken_per_jaar not in (52, 53):
            fouten.append(f"weken_per_jaar is {self.weken_per_jaar}; kies 52 of 53")
        if not 1 <= self.perioden_per_jaar <= 53:
            fouten.append(f"perioden_per_jaar is {self.perioden_per_jaar}")
        if self.afronding_budget not in AFRONDINGEN:
            fouten.append(
                f"afronding_budget is '{self.afronding_budget}'; kies uit {', '.join(AFRONDINGEN)}"
            )
        if not 1 <= self.overgang_perioden <= self.perioden_per_jaar:
            fouten.append(
                f"overgang_perioden is {self.overgang_perioden}; "
                f"kies 1 t/m {self.perioden_per_jaar}"
            )
        if any(not Decimal("-0.5") < i < Decimal("0.5") for i in self.gevoeligheid_index):
            fouten.append(
                "gevoeligheid_index: elk indexcijfer ligt tussen -0.5 en 0.5 (een fractie: "
                "3% schrijft u als 0.03)"
            )
        for eenheid, maximum in self.max_per_week.items():
            if eenheid not in EENHEDEN:
                fouten.append(
                    f"max_per_week noemt eenheid '{eenheid}'; kies uit {', '.join(EENHEDEN)}"
                )
            elif maximum <= 0:
                fouten.append(f"max_per_week voor {eenheid} moet groter dan 0 zijn")
        if fouten:
            raise ConfiguratieFout("Ongeldige budgetparameters: " + "; ".join(fouten) + ".")


def _bereik(van, tot, stap) -> tuple[Decimal, ...]:
    van, tot, stap = decimaal(van), decimaal(tot), decimaal(stap)
    if stap <= 0 or van > tot:
        raise ConfiguratieFout(
            "gevoeligheid: 'van' moet kleiner zijn dan 'tot' en 'stap' positief."
        )
    waarden, x = [], van
    while x <= tot:
        waarden.append(x)
        x += stap
    return tuple(waarden)


def lees_budget(ruw: dict | None, bron: Path, perioden: int) -> Budgetparameters:
    b = dict(ruw or {})
    if "perioden_per_jaar" in b:
        raise ConfiguratieFout(
            f"{bron.name}: budget.perioden_per_jaar bestaat niet meer; het aantal perioden volgt "
            "uit bekostiging.facturatieperiode ('4 weken' = 13, 'maand' = 12)."
        )
    onbekend(
        b,
        {
            "gebruiksfactor",
            "weken_per_jaar",
            "afronding_budget",
            "overgang_perioden",
            "gevoeligheid",
            "gevoeligheid_index",
            "max_per_week",
            "gebruiksband",
        },
        "budget",
        bron,
    )
    ontbrekend = [k for k in ("gebruiksfactor", "weken_per_jaar", "gevoeligheid") if k not in b]
    if ontbrekend:
        raise ConfiguratieFout(
            f"{bron.name}: de sectie 'budget' mist {', '.join(ontbrekend)} (bijvoorbeeld "
            "gebruiksfactor: 0.65, weken_per_jaar: 52, gevoeligheid: {van: 0.50, tot: 0.80, "
            "stap: 0.05})."
        )
    gevoeligheid = b["gevoeligheid"]
    onbekend(gevoeligheid, {"van", "tot", "stap"}, "budget.gevoeligheid", bron)
    index = b.get("gevoeligheid_index") or {"van": 0, "tot": "0.06", "stap": "0.01"}
    onbekend(index, {"van", "tot", "stap"}, "budget.gevoeligheid_index", bron)
    maxima = b.get("max_per_week") or {}
    if not isinstance(maxima, dict):
        raise ConfiguratieFout(
            f"{bron.name}: budget.max_per_week moet per eenheid een getal geven."
        )
    return Budgetparameters(
        gebruiksfactor=decimaal(b["gebruiksfactor"]),
        weken_per_jaar=int(b["weken_per_jaar"]),
        perioden_per_jaar=perioden,
        afronding_budget=str(b.get("afronding_budget", "half_omhoog")),
        overgang_perioden=int(b.get("overgang_perioden", perioden)),
        gevoeligheid=_bereik(**gevoeligheid),
        gevoeligheid_index=_bereik(**index),
        max_per_week={str(k): decimaal(v) for k, v in maxima.items()},
        gebruiksband=_gebruiksband(b.get("gebruiksband"), bron),
    )


def _gebruiksband(ruw, bron: Path) -> tuple[Decimal, Decimal] | None:
    if ruw is None:
        return None
    if not isinstance(ruw, dict) or set(ruw) != {"laag", "hoog"}:
        raise ConfiguratieFout(
            f"{bron.name}: budget.gebruiksband geeft laag en hoog, bijvoorbeeld "
            "{laag: 0.30, hoog: 1.30}."
        )
    return decimaal(ruw["laag"]), decimaal(ruw["hoog"])
