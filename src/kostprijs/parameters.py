"""The year's parameters, validated once.

Everything a municipality chooses lives in `params/<jaar>.yaml`: its name, how it funds
Wmo-begeleiding (`bekostiging`), the budget model, its product catalogue (units, variants,
families, product codes), its delivery forms (zorg in natura and pgb tiers), the cost-price
method, the template and the ingestion caps. Unknown keys are an error, so a typo never
silently falls back to a default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from kostprijs.eenheden import EENHEDEN, EENMALIG, normaliseer_eenheid
from kostprijs.fouten import ConfiguratieFout
from kostprijs.geld import decimaal
from kostprijs.indexatie import Indexatiekeuze, lees_indexatiekeuze
from kostprijs.matrix import Resultaatmatrix, lees_matrix
from kostprijs.paden import parameters_pad
from kostprijs.parameterbestand import lees_parameterbestand
from kostprijs.scenarios import Scenarios, lees_scenarios

AFRONDINGEN = ("half_omhoog", "omlaag")
# How a cost price is built up (the template's Bouwstenen) and the units each build-up allows.
SOORTEN = {
    "uur": ("uur", "minuut"),  # individual support: staff hours per unit
    "dagdeel": ("dagdeel", "uur", "dag"),  # group: hours x begeleiders / groepsgrootte
    "vervoer": ("etmaal", "dag"),  # driver hours per unit / passengers per ride
    "etmaal": ("etmaal",),  # stay: staff hours per etmaal / occupancy, housing, food
    "traject": ("traject", "eenmalig", "week", "maand"),  # staff hours per unit, as filled in
}
MODELLEN = ("periodebudget", "inspanning", "resultaat", "traject")
FACTURATIEPERIODEN = {"4 weken": 13, "maand": 12}
ZIN = "zin"


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


@dataclass(frozen=True)
class Bekostiging:
    """How the municipality pays: the funding model and its billing period."""

    model: str = "periodebudget"
    facturatieperiode: str = "4 weken"
    budgetcode: str | None = None
    codes_in_budget: tuple[str, ...] = ()

    @property
    def perioden_per_jaar(self) -> int:
        return FACTURATIEPERIODEN[self.facturatieperiode]

    @property
    def periodebudget(self) -> bool:
        return self.model == "periodebudget"


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


@dataclass(frozen=True)
class Voorbeeldregel:
    """One line of the worked example: an indication and, optionally, the tarief to use."""

    productspecificatie: str
    per_week: Decimal
    tarief: Decimal | None = None


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
    overig: dict[str, Any] = field(default_factory=dict)
    kostprijs: Kostprijsparameters | None = None
    resultaat: Resultaatmatrix | None = None
    scenarios: Scenarios = field(default_factory=Scenarios)

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


# --- reading ---------------------------------------------------------------------------------

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


def _onbekend(gegeven, bekend: set[str], waar: str, bron: Path) -> None:
    if not isinstance(gegeven, dict):
        raise ConfiguratieFout(f"{bron.name}: {waar} moet een lijst van sleutels en waarden zijn.")
    onbekend = sorted(set(gegeven) - bekend)
    if onbekend:
        raise ConfiguratieFout(
            f"{bron.name}: onbekende sleutel(s) in {waar}: {', '.join(map(str, onbekend))}. "
            f"Toegestaan: {', '.join(sorted(bekend))}."
        )


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


def _bekostiging(ruw: dict | None, bron: Path) -> Bekostiging:
    ruw = dict(ruw or {})
    _onbekend(
        ruw, {"model", "facturatieperiode", "budgetcode", "codes_in_budget"}, "bekostiging", bron
    )
    model = str(ruw.get("model", "periodebudget"))
    periode = str(ruw.get("facturatieperiode", "4 weken"))
    if model not in MODELLEN:
        raise ConfiguratieFout(
            f"{bron.name}: bekostiging.model is '{model}'; kies uit {', '.join(MODELLEN)}."
        )
    if periode not in FACTURATIEPERIODEN:
        raise ConfiguratieFout(
            f"{bron.name}: bekostiging.facturatieperiode is '{periode}'; kies uit "
            f"{', '.join(repr(p) for p in FACTURATIEPERIODEN)}."
        )
    codes = tuple(str(c) for c in ruw.get("codes_in_budget") or ())
    budgetcode = ruw.get("budgetcode")
    if model == "periodebudget" and (not budgetcode or not codes):
        raise ConfiguratieFout(
            f"{bron.name}: bij bekostiging.model periodebudget horen 'budgetcode' (de code "
            "waarmee het budget in stuks van € 1 wordt gedeclareerd) en 'codes_in_budget' "
            "(de productcodes die binnen het periodebudget vallen)."
        )
    if model != "periodebudget" and (budgetcode or codes):
        raise ConfiguratieFout(
            f"{bron.name}: 'budgetcode' en 'codes_in_budget' horen alleen bij het model "
            f"periodebudget, niet bij {model}."
        )
    return Bekostiging(model, periode, str(budgetcode) if budgetcode else None, codes)


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


def _budget(ruw: dict | None, bron: Path, perioden: int) -> Budgetparameters:
    b = dict(ruw or {})
    if "perioden_per_jaar" in b:
        raise ConfiguratieFout(
            f"{bron.name}: budget.perioden_per_jaar bestaat niet meer; het aantal perioden volgt "
            "uit bekostiging.facturatieperiode ('4 weken' = 13, 'maand' = 12)."
        )
    _onbekend(
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
    _onbekend(gevoeligheid, {"van", "tot", "stap"}, "budget.gevoeligheid", bron)
    index = b.get("gevoeligheid_index") or {"van": 0, "tot": "0.06", "stap": "0.01"}
    _onbekend(index, {"van", "tot", "stap"}, "budget.gevoeligheid_index", bron)
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


def _varianten(ruw, naam: str, bron: Path) -> tuple[Variant, ...]:
    varianten = []
    for item in ruw or ():
        item = {"naam": item} if isinstance(item, str) else item
        _onbekend(item, {"naam", "factor"}, f"de varianten van '{naam}'", bron)
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
    _onbekend(item, PRODUCT_SLEUTELS, f"product {i} van 'catalogus'", bron)
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


def _catalogus(items, bekostiging: Bekostiging, uren_dagdeel, bron: Path) -> tuple[Product, ...]:
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


def _leveringsvormen(ruw, bron: Path) -> tuple[Leveringsvorm, ...]:
    vormen = [Leveringsvorm(ZIN, "zorg in natura")]
    for item in ruw or ():
        _onbekend(
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


def _rekenvoorbeeld(ruw, producten: tuple[Product, ...], bron: Path) -> tuple[Voorbeeldregel, ...]:
    namen = {p.productspecificatie for p in producten}
    regels = []
    for item in ruw or ():
        _onbekend(item, {"productspecificatie", "per_week", "tarief"}, "rekenvoorbeeld", bron)
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
        if self.inleverdatum:
            try:
                date.fromisoformat(self.inleverdatum)
            except ValueError:
                raise ConfiguratieFout(
                    f"sjabloon.inleverdatum '{self.inleverdatum}' is geen datum: schrijf "
                    "JJJJ-MM-DD, bijvoorbeeld 2026-10-01."
                ) from None
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
    _onbekend(ruw, BOVENSTE_SLEUTELS, "het parameterbestand", bron)
    with bestand.sectie("jaar"):
        jaar_ = int(ruw["jaar"])
    if jaar is not None and jaar_ != int(jaar):
        raise ConfiguratieFout(f"{bron.name} is voor jaar {jaar_}, niet voor {jaar}.")
    with bestand.sectie("bekostiging"):
        bekostiging = _bekostiging(ruw.get("bekostiging"), bron)
    with bestand.sectie("uren_per_dagdeel"):
        uren_dagdeel = decimaal(ruw.get("uren_per_dagdeel", 4))
        if uren_dagdeel <= 0:
            raise ConfiguratieFout("uren_per_dagdeel moet groter dan 0 zijn.")
    with bestand.sectie("catalogus"):
        catalogus = _catalogus(ruw.get("catalogus"), bekostiging, uren_dagdeel, bron)
    gemeente = str(ruw.get("gemeente", "")).strip()
    if not gemeente:
        raise ConfiguratieFout(
            f"{bron.name}: 'gemeente' ontbreekt: de naam van de gemeente of regio staat in "
            "de rapporten."
        )
    with bestand.sectie("realisatiejaar"):
        realisatiejaar = int(ruw.get("realisatiejaar", jaar_ - 1))
    with bestand.sectie("budget"):
        budget = _budget(ruw.get("budget"), bron, bekostiging.perioden_per_jaar)
    with bestand.sectie("leveringsvormen"):
        leveringsvormen = _leveringsvormen(ruw.get("leveringsvormen"), bron)
    with bestand.sectie("rekenvoorbeeld"):
        rekenvoorbeeld = _rekenvoorbeeld(ruw.get("rekenvoorbeeld"), catalogus, bron)
    with bestand.sectie("kostprijs"):
        kostprijs = _kostprijsparameters(ruw.get("kostprijs"), bron)
    with bestand.sectie("resultaatfinanciering"):
        resultaat = _resultaat(ruw.get("resultaatfinanciering"), bekostiging, bron)
    with bestand.sectie("scenarios"):
        scenarios = lees_scenarios(ruw.get("scenarios"))
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
        overig={
            k: ruw[k] for k in ("sjabloon", "inlezen", "plausibiliteit", "gemeentedata") if k in ruw
        },
        kostprijs=kostprijs,
        resultaat=resultaat,
        scenarios=scenarios,
    )
