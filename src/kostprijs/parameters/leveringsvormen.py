"""Section `leveringsvormen`: zorg in natura and the pgb tiers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from kostprijs.eenheden import normaliseer_eenheid
from kostprijs.fouten import ConfiguratieFout
from kostprijs.geld import decimaal
from kostprijs.parameters.productcatalogus import Product
from kostprijs.parameters.sleutels import onbekend

ZIN = "zin"


@dataclass(frozen=True)
class Leveringsvorm:
    """Zorg in natura or a pgb tier: a percentage of the ZIN tarief or a fixed amount."""

    naam: str
    omschrijving: str
    percentage: Decimal | None = None
    bedrag: Decimal | None = None
    eenheden: tuple[str, ...] = ()  # units a fixed amount applies to; empty = all

    def geldt_voor(self, product: Product) -> bool:
        return not self.eenheden or product.eenheid in self.eenheden


def lees_leveringsvormen(ruw, bron: Path) -> tuple[Leveringsvorm, ...]:
    vormen = [Leveringsvorm(ZIN, "zorg in natura")]
    for item in ruw or ():
        onbekend(
            item,
            {"naam", "omschrijving", "percentage", "bedrag", "eenheden"},
            "leveringsvormen",
            bron,
        )
        naam = str(item.get("naam", "")).strip()
        if not naam or naam == ZIN:
            raise ConfiguratieFout(
                f"{bron.name}: elke leveringsvorm heeft een eigen naam (zin staat er altijd)."
            )
        if ("percentage" in item) == ("bedrag" in item):
            raise ConfiguratieFout(
                f"{bron.name}: leveringsvorm '{naam}' heeft óf een percentage van het "
                "ZIN-tarief óf een vast bedrag."
            )
        percentage = decimaal(item["percentage"]) if "percentage" in item else None
        if percentage is not None and not Decimal(0) < percentage <= Decimal(1):
            raise ConfiguratieFout(
                f"{bron.name}: het percentage van '{naam}' is {percentage}; een pgb-tarief mag "
                "niet hoger zijn dan het ZIN-tarief, kies dus hoogstens 1 (100%)."
            )
        bedrag = decimaal(item["bedrag"]) if "bedrag" in item else None
        if bedrag is not None and bedrag <= 0:
            raise ConfiguratieFout(f"{bron.name}: het bedrag van '{naam}' moet groter dan 0 zijn.")
        eenheden = tuple(normaliseer_eenheid(str(e)) for e in item.get("eenheden") or ())
        vormen.append(
            Leveringsvorm(naam, str(item.get("omschrijving", naam)), percentage, bedrag, eenheden)
        )
    namen = [v.naam for v in vormen]
    if len(set(namen)) != len(namen):
        raise ConfiguratieFout(f"{bron.name}: dubbele leveringsvormen.")
    return tuple(vormen)
