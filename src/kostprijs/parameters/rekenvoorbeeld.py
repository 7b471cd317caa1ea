"""Section `rekenvoorbeeld`: the worked example of the budget report."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from kostprijs.fouten import ConfiguratieFout
from kostprijs.geld import decimaal
from kostprijs.parameters.productcatalogus import Product
from kostprijs.parameters.sleutels import onbekend


@dataclass(frozen=True)
class Voorbeeldregel:
    """One line of the worked example: an indication and, optionally, the tarief to use."""

    productspecificatie: str
    per_week: Decimal
    tarief: Decimal | None = None


def lees_rekenvoorbeeld(
    ruw, producten: tuple[Product, ...], bron: Path
) -> tuple[Voorbeeldregel, ...]:
    namen = {p.productspecificatie for p in producten}
    regels = []
    for item in ruw or ():
        onbekend(item, {"productspecificatie", "per_week", "tarief"}, "rekenvoorbeeld", bron)
        if item.get("productspecificatie") not in namen:
            raise ConfiguratieFout(
                f"{bron.name}: rekenvoorbeeld noemt '{item.get('productspecificatie')}', dat niet "
                "in de catalogus staat."
            )
        tarief = item.get("tarief")
        regels.append(
            Voorbeeldregel(
                str(item["productspecificatie"]),
                decimaal(item["per_week"]),
                decimaal(tarief) if tarief is not None else None,
            )
        )
    return tuple(regels)
