"""Dutch sentences for the reports, rendered from the year's parameters and the results.

Every sentence that names a product, a unit, a code, a factor, a period length or the
municipality is written here, from data: a municipality that bills monthly and has no
periodebudget never reads about budget codes or periods of 4 weeks.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import pandas as pd

from kostprijs.indexatie import Indexketen
from kostprijs.opmaak import getal, in_zin, opsomming, procent
from kostprijs.parameters import Jaarparameters
from kostprijs.rapport.teksten.methodeteksten import omschrijving

PERIODE_NAAM = {"4 weken": "facturatieperiode van 4 weken", "maand": "maand"}
GETALWOORDEN = {2: "twee", 3: "drie", 4: "vier", 5: "vijf"}


def periode(params: Jaarparameters) -> str:
    """'facturatieperiode van 4 weken' or 'maand'."""
    return PERIODE_NAAM[params.bekostiging.facturatieperiode]


def perioden_meervoud(params: Jaarparameters) -> str:
    return "facturatieperioden" if params.bekostiging.facturatieperiode == "4 weken" else "maanden"


def bekostiging(params: Jaarparameters) -> str:
    """How the municipality pays, in one or two sentences."""
    b = params.bekostiging
    n = b.perioden_per_jaar
    if b.periodebudget:
        buiten = buiten_budget(params)
        return (
            f"{params.gemeente} bekostigt begeleiding met een periodebudget: elke cliënt krijgt "
            f"per {periode(params)} ({n} per jaar) een budget in hele euro's, dat de aanbieder "
            f"declareert als even zoveel stuks van product {b.budgetcode} (€ 1 per stuk)."
            + (f" {buiten}" if buiten else "")
        )
    if b.model == "resultaat":
        return (
            f"{params.gemeente} bekostigt begeleiding resultaatgericht: per {periode(params)} "
            f"({n} per jaar) een vast tarief voor elke cel van de matrix resultaatgebied × "
            "zelfredzaamheid (zie het rapport Resultaattarieven)."
        )
    if b.model == "traject":
        return (
            f"{params.gemeente} bekostigt begeleiding met trajectprijzen: een vaste prijs per "
            "traject voor elke cel van de matrix (zie het rapport Resultaattarieven)."
        )
    return (
        f"{params.gemeente} bekostigt begeleiding per geleverde eenheid (inspanningsgericht): "
        f"de aanbieder declareert per {periode(params)} ({n} per jaar) het tarief maal het "
        "aantal geleverde eenheden."
    )


def resultaatbekostiging(params: Jaarparameters) -> str:
    """Whether the result matrix is how the municipality pays, or a comparison."""
    if params.bekostiging.model in ("resultaat", "traject"):
        return bekostiging(params)
    nu = "met een periodebudget" if params.bekostiging.periodebudget else "per geleverde eenheid"
    return (
        f"{params.gemeente} bekostigt nu {nu}; dit rapport laat zien wat resultaatgerichte "
        "bekostiging met dezelfde zorg en kostprijzen zou kosten."
    )


def buiten_budget(params: Jaarparameters) -> str:
    """Which products are billed per unit beside the periodebudget ('' when none)."""
    if not params.bekostiging.periodebudget:
        return ""
    buiten = [p for p in params.catalogus if not p.in_periodebudget]
    if not buiten:
        return ""
    namen = opsomming(in_zin(p.productspecificatie) for p in buiten)
    codes = opsomming(sorted({p.productcode for p in buiten}))
    eenheden = opsomming(sorted({p.eenheid for p in buiten}), "of")
    werkwoord = "wordt" if len(buiten) == 1 else "worden"
    return (
        f"{namen[0].upper() + namen[1:]} ({codes}) {werkwoord} per {eenheden} gedeclareerd, "
        "buiten het periodebudget; de verwachte kosten tellen wel mee in het gemeentelijk totaal."
    )


def gebruiksfactor(params: Jaarparameters) -> str:
    """'65%'."""
    return procent(params.budget.gebruiksfactor, 0)


def rekenregel(params: Jaarparameters, frequenties: Iterable[str] = ("per week",)) -> str:
    """The budget model's formula in words (Markdown, bold), naming only the frequencies of
    indication that occur (`frequenties`)."""
    b = params.budget
    eenmalig = [p for p in params.catalogus if p.eenmalig]
    omrekening = {
        "per 4 weken": f"een indicatie per 4 weken telt {getal(Decimal(b.weken_per_jaar) / 4)} "
        "keer per jaar",
        "per maand": "een indicatie per maand 12 keer",
        "per jaar": "een indicatie per jaar één keer",
        "totaal": "een totaal voor de indicatieperiode naar rato van de duur",
    }
    andere = [omrekening[f] for f in omrekening if f in set(frequenties)]
    regel = (
        f"**gebruik per jaar = indicatie per week × {b.weken_per_jaar} × gebruiksfactor "
        f"({gebruiksfactor(params)})**"
        + (f" ({opsomming(andere)})" if andere else "")
        + ", **bedrag = gebruik × tarief** (afgerond op centen, half naar boven)"
    )
    if eenmalig:
        regel += (
            f". Eenmalige producten ({opsomming(in_zin(p.productspecificatie) for p in eenmalig)}) "
            "tellen één keer, zonder gebruiksfactor"
        )
    if params.bekostiging.periodebudget:
        regel += (
            f". Per cliënt worden de bedragen opgeteld en gedeeld door {b.perioden_per_jaar} "
            f"{perioden_meervoud(params)}; het budget is dat bedrag in hele euro's"
        )
    else:
        regel += (
            f". Per cliënt worden de bedragen opgeteld; per {periode(params)} is dat het "
            f"jaarbedrag gedeeld door {b.perioden_per_jaar}"
        )
    return regel + "."


def meerdere_tarieven(aantallen: dict[str, int]) -> str:
    """'<regel> heeft nu twee tarieven en krijgt één nieuw tarief.' for lines with several
    current tarieven ('' if none); `aantallen`: current tarieven per tariff line."""
    return " ".join(
        f"{regel} heeft nu {GETALWOORDEN.get(n, getal(n, 0))} tarieven en krijgt één nieuw tarief."
        for regel, n in aantallen.items()
        if n > 1
    )


def weken_realisatiejaar(params: Jaarparameters, weken: int) -> str:
    """The 53-week note ('' in a year of 52 ISO weeks)."""
    if weken != 53:
        return ""
    b = params.budget
    laatste = (
        "de laatste facturatieperiode duurde 5 weken"
        if params.bekostiging.facturatieperiode == "4 weken"
        else "het jaar had één week meer"
    )
    return (
        f"{params.realisatiejaar} telde 53 ISO-weken: {laatste}. De realisatie omvat dus één "
        f"week meer dan het normjaar van {b.weken_per_jaar} weken (ongeveer "
        f"{procent(1 / 53, 1)} van het bedrag). Daarom vergelijkt dit rapport met de realisatie "
        f"omgerekend naar {b.weken_per_jaar} weken (× {b.weken_per_jaar}/53)."
    )


def indexatiemethode(keten: Indexketen) -> str:
    """How the cost prices were brought to the tariff year, in one line.

    >>> from decimal import Decimal
    >>> from kostprijs.indexatie import Indexketen, Indexstap
    >>> stap = Indexstap(2025, Decimal("0.0496"), "VNG", voorlopig=True)
    >>> indexatiemethode(Indexketen(2024, 2025, "vng", (stap,)))
    'VNG-systematiek: 2025 4,96% (voorlopig)'
    >>> indexatiemethode(Indexketen(2025, 2027, "geen", (), "tarief al geïndexeerd"))
    'geen indexatie: tarief al geïndexeerd'
    """
    if keten.methode == "geen":
        return f"geen indexatie: {keten.reden}"
    stappen = "; ".join(
        f"{s.jaar} {procent(s.fractie, 2)}" + (" (voorlopig)" if s.voorlopig else "")
        for s in keten.stappen
    )
    if keten.methode == "vng":
        return f"VNG-systematiek: {stappen}"
    return f"vaste percentages: {stappen}; reden: {keten.reden}"


def looptijd(params: Jaarparameters) -> str:
    """How an indication counts in the tariff year (the report's assumptions)."""
    tekst = (
        f"Een indicatie telt naar rato van de dagen dat ze in {params.jaar} loopt (haar dagen "
        f"in {params.jaar} gedeeld door het aantal dagen van {params.jaar})"
    )
    if params.bekostiging.periodebudget:
        tekst += "; het periodebudget is het jaarbedrag gedeeld door het aantal perioden"
    return tekst + (
        f". Bestaande cliënten hebben op 1 januari {params.jaar} een lopende indicatie."
    )


def blootstelling_verschil(blootgesteld: float, naief: float) -> str:
    """One sentence on the usage factor on exposure against the naive one."""
    if naief != naief or blootgesteld != blootgesteld:  # NaN: no indicated volume
        return "Zonder geïndiceerd volume is er geen gebruiksfactor uit de realisatie."
    verschil = Decimal(repr(blootgesteld)) - Decimal(repr(naief))
    if abs(verschil) < Decimal("0.0005"):
        return (
            "Over de looptijd van de indicaties gerekend is het gebruik gelijk aan de oude "
            f"methode ({procent(Decimal(repr(naief)), 1)}): alle indicaties liepen het hele jaar."
        )
    return (
        f"Tot vorig jaar rekende dit rapport alsof elke indicatie het hele jaar liep: dan lijkt "
        f"het gebruik {procent(Decimal(repr(naief)), 1)}. Wie in de loop van het jaar instroomde "
        "of uitstroomde, kon maar een deel van het jaar gebruiken; over de dagen dat de "
        f"indicaties echt liepen is het {procent(Decimal(repr(blootgesteld)), 1)}."
    )


def methodetabel(
    params: Jaarparameters, declaratie, keten: Indexketen
) -> tuple[pd.DataFrame, dict]:
    """The method and the year's choices as a two-column table (Keuze, Waarde) with a format
    per row, so numbers stay numbers in the export; `declaratie` is the recorded method,
    `keten` the indexation from the price year to the tariff year."""
    b = params.budget
    rijen = [
        ("Gemiddelde en overhead", omschrijving(declaratie), "tekst"),
        ("Kenmerk van de vastlegging", declaratie.sha256[:16], "tekst"),
        ("Prijspeil van de kostprijzen", f"boekjaar {keten.prijsjaar}", "tekst"),
        (f"Indexatie {keten.prijsjaar} → {keten.tariefjaar}", keten.factor - 1, "procent_exact"),
        ("Indexatiemethode", indexatiemethode(keten), "tekst"),
        (
            "Bekostiging",
            "periodebudget"
            if params.bekostiging.periodebudget
            else "per geleverde eenheid (inspanning)",
            "tekst",
        ),
        ("Facturatie", f"per {periode(params)}, {b.perioden_per_jaar} per jaar", "tekst"),
        ("Gebruiksfactor", params.budget.gebruiksfactor, "procent"),
        ("Weken per jaar", b.weken_per_jaar, "geheel"),
    ]
    if params.bekostiging.periodebudget:
        afronding = (
            "hele euro's, half naar boven"
            if b.afronding_budget == "half_omhoog"
            else "hele euro's, naar beneden"
        )
        rijen.append(("Afronding budget", afronding, "tekst"))
    tabel = pd.DataFrame([(k, w) for k, w, _ in rijen], columns=["Keuze", "Waarde"], dtype=object)
    return tabel, {"Waarde": [f for _, _, f in rijen]}
