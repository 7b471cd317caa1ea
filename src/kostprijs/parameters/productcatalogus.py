"""Section `catalogus`: the products, their units, variants, families and product codes."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from kostprijs.eenheden import EENMALIG, normaliseer_eenheid
from kostprijs.fouten import ConfiguratieFout
from kostprijs.geld import decimaal
from kostprijs.parameters.bekostiging import Bekostiging
from kostprijs.parameters.sleutels import onbekend

# How a cost price is built up (the template's Bouwstenen) and the units each build-up allows.
SOORTEN = {
    "uur": ("uur", "minuut"),  # individual support: staff hours per unit
    "dagdeel": ("dagdeel", "uur", "dag"),  # group: hours x begeleiders / groepsgrootte
    "vervoer": ("etmaal", "dag"),  # driver hours per unit / passengers per ride
    "etmaal": ("etmaal",),  # stay: staff hours per etmaal / occupancy, housing, food
    "traject": ("traject", "eenmalig", "week", "maand"),  # staff hours per unit, as filled in
}
PRODUCT_SLEUTELS = {
    "productspecificatie",
    "omschrijving",
    "soort",
    "eenheid",
    "productcode",
    "familie",
    "intensiteit",
    "varianten",
    "uren_per_eenheid",
}


@dataclass(frozen=True)
class Variant:
    """A named tariff line of a product (a distance band, rolstoel): factor x the cost price."""

    naam: str
    factor: Decimal = Decimal(1)


@dataclass(frozen=True)
class Product:
    """One productspecificatie of the catalogue."""

    productspecificatie: str
    omschrijving: str
    soort: str
    eenheid: str
    productcode: str
    familie: str | None = None
    intensiteit: str | None = None
    varianten: tuple[Variant, ...] = ()
    uren_per_eenheid: Fraction | None = None
    in_periodebudget: bool = False

    @property
    def eenmalig(self) -> bool:
        """One-off or trajectory product: an indication is a number of them, not a rate."""
        return self.eenheid in EENMALIG

    def variant(self, naam: str) -> Variant:
        for v in self.varianten:
            if v.naam == naam:
                return v
        raise KeyError(naam)


def _varianten(ruw, naam: str, bron: Path) -> tuple[Variant, ...]:
    varianten = []
    for item in ruw or ():
        item = {"naam": item} if isinstance(item, str) else item
        onbekend(item, {"naam", "factor"}, f"de varianten van '{naam}'", bron)
        if not str(item.get("naam", "")).strip():
            raise ConfiguratieFout(f"{bron.name}: een variant van '{naam}' heeft geen naam.")
        factor = decimaal(item.get("factor", 1))
        if factor <= 0:
            raise ConfiguratieFout(
                f"{bron.name}: de factor van variant '{item['naam']}' van '{naam}' moet groter "
                "dan 0 zijn."
            )
        varianten.append(Variant(str(item["naam"]).strip(), factor))
    namen = [v.naam for v in varianten]
    if len(set(namen)) != len(namen):
        raise ConfiguratieFout(f"{bron.name}: '{naam}' heeft dubbele varianten.")
    return tuple(varianten)


def _product(i: int, item: dict, bekostiging: Bekostiging, uren_dagdeel, bron: Path) -> Product:
    onbekend(item, PRODUCT_SLEUTELS, f"product {i} van 'catalogus'", bron)
    ontbrekend = [
        k for k in ("productspecificatie", "soort", "eenheid", "productcode") if k not in item
    ]
    if ontbrekend:
        raise ConfiguratieFout(
            f"{bron.name}: product {i} in 'catalogus' mist {', '.join(ontbrekend)}."
        )
    naam = str(item["productspecificatie"]).strip()
    soort = str(item["soort"])
    if soort not in SOORTEN:
        raise ConfiguratieFout(
            f"{bron.name}: product '{naam}' heeft soort '{soort}'; kies uit {', '.join(SOORTEN)}."
        )
    eenheid = normaliseer_eenheid(str(item["eenheid"]))
    if eenheid not in SOORTEN[soort]:
        raise ConfiguratieFout(
            f"{bron.name}: product '{naam}' (soort {soort}) heeft eenheid '{item['eenheid']}'; "
            f"bij soort {soort} past: {', '.join(SOORTEN[soort])}."
        )
    uren = item.get("uren_per_eenheid")
    if uren is not None:
        uren = Fraction(decimaal(uren))
        if uren <= 0:
            raise ConfiguratieFout(f"{bron.name}: uren_per_eenheid van '{naam}' moet > 0 zijn.")
    elif soort in ("uur", "dagdeel"):
        standaard = {"uur": Fraction(1), "minuut": Fraction(1, 60)}
        standaard["dagdeel"] = Fraction(decimaal(uren_dagdeel))
        if eenheid not in standaard:
            raise ConfiguratieFout(
                f"{bron.name}: geef bij '{naam}' op hoeveel begeleidingsuren één {eenheid} is "
                "(uren_per_eenheid)."
            )
        uren = standaard[eenheid]
    elif soort in ("vervoer", "etmaal", "traject"):
        pass  # the provider fills in the staff hours per unit in the template
    intensiteit, familie = item.get("intensiteit"), item.get("familie")
    if (intensiteit is None) != (familie is None):
        raise ConfiguratieFout(
            f"{bron.name}: product '{naam}' heeft {'familie' if familie else 'intensiteit'} "
            "zonder de ander; geef beide (bijvoorbeeld familie: OZL, intensiteit: 1)."
        )
    code = str(item["productcode"])
    return Product(
        productspecificatie=naam,
        omschrijving=str(item.get("omschrijving", naam)),
        soort=soort,
        eenheid=eenheid,
        productcode=code,
        familie=str(familie) if familie is not None else None,
        intensiteit=str(intensiteit) if intensiteit is not None else None,
        varianten=_varianten(item.get("varianten"), naam, bron),
        uren_per_eenheid=uren,
        in_periodebudget=code in bekostiging.codes_in_budget,
    )


def lees_catalogus(
    items, bekostiging: Bekostiging, uren_dagdeel, bron: Path
) -> tuple[Product, ...]:
    if not isinstance(items, list) or not items:
        raise ConfiguratieFout(f"{bron.name}: 'catalogus' ontbreekt of is leeg.")
    producten = [
        _product(i, item, bekostiging, uren_dagdeel, bron) for i, item in enumerate(items, 1)
    ]
    namen = [p.productspecificatie for p in producten]
    dubbel = sorted({n for n in namen if namen.count(n) > 1})
    if dubbel:
        raise ConfiguratieFout(
            f"{bron.name}: dubbele producten in 'catalogus': {', '.join(dubbel)}."
        )
    for familie in {p.familie for p in producten if p.familie}:
        leden = [p.intensiteit for p in producten if p.familie == familie]
        if len(set(leden)) != len(leden):
            raise ConfiguratieFout(
                f"{bron.name}: familie '{familie}' heeft twee producten met dezelfde intensiteit."
            )
    if bekostiging.periodebudget and not any(p.in_periodebudget for p in producten):
        raise ConfiguratieFout(
            f"{bron.name}: geen enkel product valt binnen het periodebudget: controleer "
            "bekostiging.codes_in_budget tegen de productcodes van de catalogus."
        )
    return tuple(producten)
