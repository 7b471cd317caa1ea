"""Section `kostprijs`: the cost-price method, declared before the submissions are read,
and the indexation to the tariff year."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from kostprijs.fouten import ConfiguratieFout
from kostprijs.geld import decimaal
from kostprijs.indexatie import Indexatiekeuze, lees_indexatiekeuze

OPSLAGCONVENTIES = ("op_kosten", "van_prijs")
AGGREGATIEMETHODEN = ("gemiddelde", "gewogen_gemiddelde", "mediaan", "getrimd_gemiddelde")


@dataclass(frozen=True)
class Kostprijsparameters:
    """Choices of the cost-price method, declared before the submissions are read."""

    opslag: str = "op_kosten"
    aggregatie: str = "gewogen_gemiddelde"
    trim_aandeel: Decimal = Decimal("0")
    declaratiedatum: date | None = None
    afwijking_werkelijk: Decimal = Decimal("0.15")
    afwijking_werkelijk_hard: Decimal = Decimal("0.50")
    tolerantie_gelijk: Decimal = Decimal("0.005")
    weinig_verschil: Decimal = Decimal("0.10")
    forse_stijging: Decimal = Decimal("0.50")
    forse_daling: Decimal = Decimal("0.25")
    indexatie: Indexatiekeuze = field(default_factory=Indexatiekeuze)

    def __post_init__(self) -> None:
        fouten = []
        if self.opslag not in OPSLAGCONVENTIES:
            fouten.append(f"opslag is '{self.opslag}'; kies uit {', '.join(OPSLAGCONVENTIES)}")
        if self.aggregatie not in AGGREGATIEMETHODEN:
            fouten.append(
                f"aggregatie is '{self.aggregatie}'; kies uit {', '.join(AGGREGATIEMETHODEN)}"
            )
        if not Decimal(0) <= self.trim_aandeel < Decimal("0.5"):
            fouten.append(f"trim_aandeel {self.trim_aandeel} moet van 0 tot 0,5 liggen")
        if self.aggregatie == "getrimd_gemiddelde" and self.trim_aandeel == 0:
            fouten.append("getrimd_gemiddelde vraagt een trim_aandeel groter dan 0")
        if self.aggregatie != "getrimd_gemiddelde" and self.trim_aandeel != 0:
            fouten.append(
                f"trim_aandeel geldt alleen bij getrimd_gemiddelde, niet bij {self.aggregatie}"
            )
        for naam in ("afwijking_werkelijk", "tolerantie_gelijk", "weinig_verschil"):
            if not Decimal(0) <= getattr(self, naam) < Decimal(1):
                fouten.append(f"{naam} {getattr(self, naam)} moet van 0 tot 1 liggen")
        if self.afwijking_werkelijk_hard < self.afwijking_werkelijk:
            fouten.append(
                f"afwijking_werkelijk_hard {self.afwijking_werkelijk_hard} moet minstens "
                f"afwijking_werkelijk ({self.afwijking_werkelijk}) zijn"
            )
        for naam in ("forse_stijging", "forse_daling"):
            if getattr(self, naam) <= self.tolerantie_gelijk:
                fouten.append(f"{naam} moet groter zijn dan tolerantie_gelijk")
        if fouten:
            raise ConfiguratieFout("Ongeldige kostprijsparameters: " + "; ".join(fouten) + ".")


def lees_kostprijsparameters(ruw: dict | None, bron: Path) -> Kostprijsparameters | None:
    if ruw is None:
        return None
    k = dict(ruw)
    velden = {}
    for naam in ("opslag", "aggregatie"):
        if naam in k:
            velden[naam] = str(k.pop(naam))
    datum = k.pop("declaratiedatum", None)
    if datum is not None:
        try:
            velden["declaratiedatum"] = (
                datum if isinstance(datum, date) else date.fromisoformat(str(datum))
            )
        except ValueError as exc:
            raise ConfiguratieFout(
                f"{bron.name}: declaratiedatum '{datum}' is geen datum (schrijf JJJJ-MM-DD)."
            ) from exc
    for naam in (
        "trim_aandeel",
        "afwijking_werkelijk",
        "afwijking_werkelijk_hard",
        "tolerantie_gelijk",
        "weinig_verschil",
        "forse_stijging",
        "forse_daling",
    ):
        if naam in k:
            velden[naam] = decimaal(k.pop(naam))
    if "indexatie" not in k:
        raise ConfiguratieFout(
            f"{bron.name}: kostprijs.indexatie ontbreekt: kies hoe de kostprijzen van het "
            "boekjaar naar het tariefjaar gaan (methode vng, vast of geen; zie "
            "docs/kostprijsmethode.md)."
        )
    velden["indexatie"] = lees_indexatiekeuze(k.pop("indexatie"))
    if k:
        raise ConfiguratieFout(f"{bron.name}: onbekende kostprijsparameters: {', '.join(k)}.")
    return Kostprijsparameters(**velden)
