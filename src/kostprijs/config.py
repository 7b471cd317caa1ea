"""Paths, anchored at the project root, and the year's parameters, validated once."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from kostprijs.fouten import ConfiguratieFout
from kostprijs.geld import decimaal


def _projectmap() -> Path:
    if "KOSTPRIJS_PROJECT" in os.environ:
        return Path(os.environ["KOSTPRIJS_PROJECT"]).resolve()
    kandidaat = Path(__file__).resolve().parents[2]
    return kandidaat if (kandidaat / "pyproject.toml").exists() else Path.cwd().resolve()


PROJECT = _projectmap()
PARAMS = PROJECT / "params"
DATA_RAW = PROJECT / "data" / "raw"
DATA_PROCESSED = PROJECT / "data" / "processed"
REPORTS = PROJECT / "reports"
BUILD = PROJECT / "build"
NOTEBOOKS = PROJECT / "notebooks"

AFRONDINGEN = ("half_omhoog", "omlaag")
SOORTEN = ("uur", "dagdeel", "vervoer", "etmaal")


@dataclass(frozen=True)
class Product:
    """One productspecificatie of the catalogue."""

    productspecificatie: str
    omschrijving: str
    soort: str
    eenheid: str
    productcode: str
    intensiteit: int | None = None

    @property
    def in_periodebudget(self) -> bool:
        """Billed as units of 02A01 within the periodebudget (not per etmaal)."""
        return self.productcode == "02A01"


@dataclass(frozen=True)
class Budgetparameters:
    """Choices of the budget model."""

    gebruiksfactor: Decimal = Decimal("0.65")
    weken_per_jaar: int = 52
    perioden_per_jaar: int = 13
    afronding_budget: str = "half_omhoog"
    overgang_perioden: int = 10
    gevoeligheid: tuple[Decimal, ...] = field(
        default=tuple(Decimal(f"0.{p}") for p in range(50, 85, 5))
    )

    def __post_init__(self) -> None:
        fouten = []
        if not Decimal(0) < self.gebruiksfactor <= Decimal(1):
            hint = (
                f" (bedoelt u {self.gebruiksfactor / 100}?)"
                if 1 < self.gebruiksfactor <= 100
                else ""
            )
            fouten.append(f"gebruiksfactor {self.gebruiksfactor} moet tussen 0 en 1 liggen{hint}")
        if self.gebruiksfactor.as_tuple().exponent < -4:
            fouten.append(f"gebruiksfactor {self.gebruiksfactor} heeft meer dan 4 decimalen")
        if self.weken_per_jaar not in (52, 53):
            fouten.append(f"weken_per_jaar is {self.weken_per_jaar}; kies 52 of 53")
        if not 1 <= self.perioden_per_jaar <= 53:
            fouten.append(f"perioden_per_jaar is {self.perioden_per_jaar}; gebruikelijk is 13")
        if self.afronding_budget not in AFRONDINGEN:
            fouten.append(
                f"afronding_budget is '{self.afronding_budget}'; kies uit {', '.join(AFRONDINGEN)}"
            )
        if not 1 <= self.overgang_perioden <= self.perioden_per_jaar:
            fouten.append(
                f"overgang_perioden is {self.overgang_perioden}; "
                f"kies 1 t/m {self.perioden_per_jaar}"
            )
        if fouten:
            raise ConfiguratieFout("Ongeldige budgetparameters: " + "; ".join(fouten) + ".")


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
    indexatie: Decimal = Decimal("0")

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
        if not Decimal("-0.5") < self.indexatie < Decimal("0.5"):
            fouten.append(f"indexatie {self.indexatie} moet tussen -0,5 en 0,5 liggen (0.05 = 5%)")
        if fouten:
            raise ConfiguratieFout("Ongeldige kostprijsparameters: " + "; ".join(fouten) + ".")


@dataclass(frozen=True)
class Jaarparameters:
    """Everything chosen for one year's research, from params/<jaar>.yaml."""

    jaar: int
    realisatiejaar: int
    budget: Budgetparameters
    catalogus: tuple[Product, ...]
    bron: Path | None = None
    overig: dict[str, Any] = field(default_factory=dict)
    kostprijs: Kostprijsparameters | None = None

    def product(self, productspecificatie: str) -> Product:
        for p in self.catalogus:
            if p.productspecificatie == productspecificatie:
                return p
        raise KeyError(productspecificatie)

    @property
    def productspecificaties(self) -> tuple[str, ...]:
        return tuple(p.productspecificatie for p in self.catalogus)


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


def _catalogus(items: list[dict], bron: Path) -> tuple[Product, ...]:
    producten = []
    for i, item in enumerate(items, start=1):
        try:
            product = Product(
                productspecificatie=str(item["productspecificatie"]),
                omschrijving=str(item.get("omschrijving", item["productspecificatie"])),
                soort=str(item["soort"]),
                eenheid=str(item["eenheid"]),
                productcode=str(item["productcode"]),
                intensiteit=item.get("intensiteit"),
            )
        except (KeyError, TypeError) as exc:
            raise ConfiguratieFout(
                f"{bron.name}: product {i} in 'catalogus' mist het veld {exc}."
            ) from exc
        if product.soort not in SOORTEN:
            raise ConfiguratieFout(
                f"{bron.name}: product '{product.productspecificatie}' heeft soort "
                f"'{product.soort}'; kies uit {', '.join(SOORTEN)}."
            )
        producten.append(product)
    namen = [p.productspecificatie for p in producten]
    dubbel = sorted({n for n in namen if namen.count(n) > 1})
    if dubbel:
        raise ConfiguratieFout(
            f"{bron.name}: dubbele producten in 'catalogus': {', '.join(dubbel)}."
        )
    return tuple(producten)


def _kostprijsparameters(ruw: dict | None, bron: Path) -> Kostprijsparameters | None:
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
        "indexatie",
    ):
        if naam in k:
            velden[naam] = decimaal(k.pop(naam))
    if k:
        raise ConfiguratieFout(f"{bron.name}: onbekende kostprijsparameters: {', '.join(k)}.")
    return Kostprijsparameters(**velden)


def raw_map(jaar: int, raw: str | Path = "") -> Path:
    """The year's raw-data folder: `raw` when given (relative to the project), else data/raw/<jaar>."""
    return PROJECT / raw if raw else DATA_RAW / str(jaar)


def processed_map(jaar: int, processed: str | Path = "") -> Path:
    """The year's processed-data folder: `processed` when given, else data/processed/<jaar>."""
    return PROJECT / processed if processed else DATA_PROCESSED / str(jaar)


def nieuwste_jaar() -> int:
    """The latest year with a parameter file in params/."""
    jaren = sorted(int(p.stem) for p in PARAMS.glob("*.yaml") if p.stem.isdigit())
    if not jaren:
        raise ConfiguratieFout(f"Er staat geen parameterbestand (<jaar>.yaml) in {PARAMS}.")
    return jaren[-1]


@dataclass(frozen=True)
class Inleesparameters:
    """The provider template's version and contact, and the caps for opening workbooks."""

    sjabloonversie: str
    contact: str
    inleverdatum: str = ""
    max_bestand_mb: int = 20
    max_uitgepakt_mb: int = 50
    max_compressieverhouding: int = 200
    max_onderdelen: int = 500
    max_rijen: int = 500
    max_kolommen: int = 60
    werkers: int = 2

    def __post_init__(self) -> None:
        getallen = {k: v for k, v in vars(self).items() if isinstance(v, int)}
        fout = [k for k, v in getallen.items() if isinstance(v, bool) or v < 1]
        if fout or not self.sjabloonversie:
            raise ConfiguratieFout(
                "Ongeldige parameters voor sjabloon/inlezen: "
                + (", ".join(f"{k} moet een positief geheel getal zijn" for k in fout) or "")
                + ("" if self.sjabloonversie else "sjabloon.versie ontbreekt")
                + "."
            )


def inleesparameters(params: Jaarparameters) -> Inleesparameters:
    """The `sjabloon` and `inlezen` sections of the year's parameters, validated."""
    sjabloon = dict(params.overig.get("sjabloon") or {})
    inlezen = dict(params.overig.get("inlezen") or {})
    bekend = set(Inleesparameters.__dataclass_fields__) - {"sjabloonversie", "contact"}
    onbekend = sorted(set(inlezen) - bekend) + sorted(
        set(sjabloon) - {"versie", "contact", "inleverdatum"}
    )
    if onbekend:
        raise ConfiguratieFout(
            f"Onbekende parameters voor sjabloon/inlezen: {', '.join(onbekend)}."
        )
    try:
        return Inleesparameters(
            sjabloonversie=str(sjabloon.get("versie", "")),
            contact=str(sjabloon.get("contact", "")),
            inleverdatum=str(sjabloon.get("inleverdatum", "")),
            **{k: int(v) for k, v in inlezen.items()},
        )
    except (TypeError, ValueError) as exc:
        raise ConfiguratieFout(f"Ongeldige parameters voor inlezen: {exc}.") from exc


def methode_pad(jaar: int) -> Path:
    """The declaration of the year's cost-price method, recorded before ingestion (committed)."""
    return PARAMS / f"{jaar}.methode.json"


def parameters_pad(jaar: int) -> Path:
    return PARAMS / f"{jaar}.yaml"


def laad_parameters(jaar: int | None = None, pad: str | Path | None = None) -> Jaarparameters:
    """Read and validate params/<jaar>.yaml (or the given file)."""
    bron = Path(pad) if pad is not None else parameters_pad(int(jaar))
    if not bron.exists():
        raise ConfiguratieFout(
            f"Het parameterbestand {bron} bestaat niet. Kopieer het bestand van vorig jaar "
            f"naar {bron.name} en pas de keuzes aan."
        )
    try:
        ruw = yaml.safe_load(bron.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfiguratieFout(f"{bron.name} is geen geldig YAML-bestand: {exc}") from exc
    try:
        b = dict(ruw.get("budget", {}))
        gevoeligheid = b.pop("gevoeligheid", None)
        budget = Budgetparameters(
            gebruiksfactor=decimaal(b.pop("gebruiksfactor", "0.65")),
            weken_per_jaar=int(b.pop("weken_per_jaar", 52)),
            perioden_per_jaar=int(b.pop("perioden_per_jaar", 13)),
            afronding_budget=str(b.pop("afronding_budget", "half_omhoog")),
            overgang_perioden=int(b.pop("overgang_perioden", 10)),
            **({"gevoeligheid": _bereik(**gevoeligheid)} if gevoeligheid else {}),
        )
        if b:
            raise ConfiguratieFout(f"{bron.name}: onbekende budgetparameters: {', '.join(b)}.")
        jaar_ = int(ruw["jaar"])
        if jaar is not None and jaar_ != int(jaar):
            raise ConfiguratieFout(f"{bron.name} is voor jaar {jaar_}, niet voor {jaar}.")
        overig = {
            k: v
            for k, v in ruw.items()
            if k not in ("jaar", "realisatiejaar", "budget", "catalogus", "kostprijs")
        }
        return Jaarparameters(
            jaar=jaar_,
            realisatiejaar=int(ruw.get("realisatiejaar", jaar_ - 1)),
            budget=budget,
            catalogus=_catalogus(ruw.get("catalogus") or [], bron),
            bron=bron,
            overig=overig,
            kostprijs=_kostprijsparameters(ruw.get("kostprijs"), bron),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfiguratieFout(f"{bron.name}: ontbrekende of ongeldige waarde ({exc}).") from exc
