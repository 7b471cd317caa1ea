"""The year's parameters as one record, read and validated once by `laad_parameters`: every
section of params/<jaar>.yaml, each by the module of its section."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from kostprijs.fouten import ConfiguratieFout
from kostprijs.geld import decimaal
from kostprijs.gemeentedata.kolommen import lees_kolomaliassen
from kostprijs.matrix import Resultaatmatrix, lees_matrix
from kostprijs.paden import parameters_pad
from kostprijs.parameterbestand import lees_parameterbestand
from kostprijs.parameters.bekostiging import Bekostiging, lees_bekostiging
from kostprijs.parameters.budgetparameters import Budgetparameters, lees_budget
from kostprijs.parameters.inleesparameters import Inleesparameters, lees_inleesparameters
from kostprijs.parameters.kostprijsparameters import (
    Kostprijsparameters,
    lees_kostprijsparameters,
)
from kostprijs.parameters.leveringsvormen import ZIN, Leveringsvorm, lees_leveringsvormen
from kostprijs.parameters.productcatalogus import Product, lees_catalogus
from kostprijs.parameters.regio import Regio, lees_regio
from kostprijs.parameters.rekenvoorbeeld import Voorbeeldregel, lees_rekenvoorbeeld
from kostprijs.parameters.sleutels import onbekend
from kostprijs.scenarios import Scenarios, lees_scenarios

if TYPE_CHECKING:
    from kostprijs.inlezen.plausibiliteit import Veldgrenzen


@dataclass(frozen=True)
class Jaarparameters:
    """Everything chosen for one year's research, from params/<jaar>.yaml."""

    jaar: int
    realisatiejaar: int
    gemeente: str
    bekostiging: Bekostiging
    budget: Budgetparameters
    catalogus: tuple[Product, ...]
    leveringsvormen: tuple[Leveringsvorm, ...] = (Leveringsvorm(ZIN, "zorg in natura"),)
    uren_per_dagdeel: Decimal = Decimal(4)
    rekenvoorbeeld: tuple[Voorbeeldregel, ...] = ()
    bron: Path | None = None
    inlezen: Inleesparameters | None = None  # sections sjabloon and inlezen
    plausibiliteit: Mapping[str, Veldgrenzen] | None = None
    kolomaliassen: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # gemeentedata
    kostprijs: Kostprijsparameters | None = None
    resultaat: Resultaatmatrix | None = None
    scenarios: Scenarios = field(default_factory=Scenarios)
    regio: Regio | None = None  # municipalities that buy together (section regio)

    def product(self, productspecificatie: str) -> Product:
        for p in self.catalogus:
            if p.productspecificatie == productspecificatie:
                return p
        raise KeyError(productspecificatie)

    def leveringsvorm(self, naam: str) -> Leveringsvorm:
        for lv in self.leveringsvormen:
            if lv.naam == naam:
                return lv
        raise KeyError(naam)

    @property
    def productspecificaties(self) -> tuple[str, ...]:
        return tuple(p.productspecificatie for p in self.catalogus)


BOVENSTE_SLEUTELS = {
    "jaar",
    "realisatiejaar",
    "gemeente",
    "bekostiging",
    "budget",
    "uren_per_dagdeel",
    "gemeentedata",
    "catalogus",
    "leveringsvormen",
    "rekenvoorbeeld",
    "kostprijs",
    "sjabloon",
    "inlezen",
    "plausibiliteit",
    "resultaatfinanciering",
    "scenarios",
    "regio",
}


def _resultaat(ruw, bekostiging: Bekostiging, bron: Path) -> Resultaatmatrix | None:
    matrix = lees_matrix(ruw, bron)
    if bekostiging.model not in ("resultaat", "traject"):
        return matrix
    per = "traject" if bekostiging.model == "traject" else "periode"
    if matrix is None or matrix.per != per:
        raise ConfiguratieFout(
            f"{bron.name}: bij bekostiging.model {bekostiging.model} hoort een sectie "
            f"'resultaatfinanciering' met de matrix en per: {per} (zie docs/aannames.md)."
        )
    return matrix


def laad_parameters(jaar: int | None = None, pad: str | Path | None = None) -> Jaarparameters:
    """Read and validate params/<jaar>.yaml (or the given file)."""
    bron = Path(pad) if pad is not None else parameters_pad(int(jaar))
    if not bron.exists():
        raise ConfiguratieFout(
            f"Het parameterbestand {bron} bestaat niet. Kopieer het bestand van vorig jaar "
            f"naar {bron.name} en pas de keuzes aan."
        )
    bestand = lees_parameterbestand(bron)
    ruw = bestand.ruw
    onbekend(ruw, BOVENSTE_SLEUTELS, "het parameterbestand", bron)
    with bestand.sectie("jaar"):
        jaar_ = int(ruw["jaar"])
    if jaar is not None and jaar_ != int(jaar):
        raise ConfiguratieFout(f"{bron.name} is voor jaar {jaar_}, niet voor {jaar}.")
    with bestand.sectie("bekostiging"):
        bekostiging = lees_bekostiging(ruw.get("bekostiging"), bron)
    with bestand.sectie("uren_per_dagdeel"):
        uren_dagdeel = decimaal(ruw.get("uren_per_dagdeel", 4))
        if uren_dagdeel <= 0:
            raise ConfiguratieFout("uren_per_dagdeel moet groter dan 0 zijn.")
    with bestand.sectie("catalogus"):
        catalogus = lees_catalogus(ruw.get("catalogus"), bekostiging, uren_dagdeel, bron)
    gemeente = str(ruw.get("gemeente", "")).strip()
    if not gemeente:
        raise ConfiguratieFout(
            f"{bron.name}: 'gemeente' ontbreekt: de naam van de gemeente of regio staat in "
            "de rapporten."
        )
    with bestand.sectie("regio"):
        regio = lees_regio(ruw.get("regio"), bron, gemeente)
    with bestand.sectie("realisatiejaar"):
        realisatiejaar = int(ruw.get("realisatiejaar", jaar_ - 1))
    with bestand.sectie("budget"):
        budget = lees_budget(ruw.get("budget"), bron, bekostiging.perioden_per_jaar)
    with bestand.sectie("leveringsvormen"):
        leveringsvormen = lees_leveringsvormen(ruw.get("leveringsvormen"), bron)
    with bestand.sectie("rekenvoorbeeld"):
        rekenvoorbeeld = lees_rekenvoorbeeld(ruw.get("rekenvoorbeeld"), catalogus, bron)
    with bestand.sectie("kostprijs"):
        kostprijs = lees_kostprijsparameters(ruw.get("kostprijs"), bron)
    with bestand.sectie("resultaatfinanciering"):
        resultaat = _resultaat(ruw.get("resultaatfinanciering"), bekostiging, bron)
    with bestand.sectie("scenarios"):
        scenarios = lees_scenarios(ruw.get("scenarios"))
    inlezen = None
    if "sjabloon" in ruw or "inlezen" in ruw:
        with bestand.sectie("sjabloon"):
            inlezen = lees_inleesparameters(ruw.get("sjabloon"), ruw.get("inlezen"))
    plausibiliteit = None
    if "plausibiliteit" in ruw:
        # the ranges are declared beside the checks that use them (inlezen/plausibiliteit)
        from kostprijs.inlezen.plausibiliteit import lees_plausibiliteit

        with bestand.sectie("plausibiliteit"):
            plausibiliteit = lees_plausibiliteit(ruw["plausibiliteit"], bron.name)
    with bestand.sectie("gemeentedata"):
        kolomaliassen = lees_kolomaliassen(ruw.get("gemeentedata"), bron.name)
    return Jaarparameters(
        jaar=jaar_,
        realisatiejaar=realisatiejaar,
        gemeente=gemeente,
        bekostiging=bekostiging,
        budget=budget,
        catalogus=catalogus,
        leveringsvormen=leveringsvormen,
        uren_per_dagdeel=uren_dagdeel,
        rekenvoorbeeld=rekenvoorbeeld,
        bron=bron,
        inlezen=inlezen,
        plausibiliteit=plausibiliteit,
        kolomaliassen=kolomaliassen,
        kostprijs=kostprijs,
        resultaat=resultaat,
        scenarios=scenarios,
        regio=regio,
    )
