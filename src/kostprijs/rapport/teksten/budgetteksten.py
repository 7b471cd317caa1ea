"""The paragraphs of the budget report (`rapport/inhoud/budgetrapport`), one function each; the
doctests are their specification."""

from __future__ import annotations


def rekenvoorbeeld(rekenregel: str, tarieven_uit_parameters: bool) -> str:
    """Above the worked example: the rule and which tarieven the example uses.

    >>> rekenvoorbeeld("Bedrag = a × b.", True)
    'Per cliënt en product: Bedrag = a × b. Hieronder een voorbeeldcliënt, door het model doorgerekend met de tarieven die in de parameters bij dit voorbeeld staan.'
    >>> rekenvoorbeeld("Bedrag = a × b.", False).endswith("met de nieuwe tarieven.")
    True
    """
    herkomst = (
        "met de tarieven die in de parameters bij dit voorbeeld staan"
        if tarieven_uit_parameters
        else "met de nieuwe tarieven"
    )
    return (
        f"Per cliënt en product: {rekenregel} Hieronder een voorbeeldcliënt, "
        f"door het model doorgerekend {herkomst}."
    )


def tarieven(nieuwe_tarieven: str, meerdere_tarieven: str, gemiddeld: bool) -> str:
    """Above the table of tarieven; `gemiddeld`: a product has more than one current tarief.

    >>> tarieven("de voorgestelde tarieven", "", False)
    'De huidige tarieven en de nieuwe tarieven waarmee dit rapport rekent: de voorgestelde tarieven. Een nieuw tarief dat herleidbaar is tot de cijfers van één of enkele aanbieders staat hier als "x"; het model rekent er wel mee. '
    >>> tarieven("t", "Twee tarieven.", True).endswith("naar het aandeel in het volume.")
    True
    """
    return (
        "De huidige tarieven en de nieuwe tarieven waarmee dit rapport rekent: "
        + nieuwe_tarieven
        + ". Een nieuw tarief dat herleidbaar is tot de cijfers van één of "
        'enkele aanbieders staat hier als "x"; het model rekent er wel mee. '
        + meerdere_tarieven
        + (
            " De vergelijking met de realisatie gebruikt hun gemiddelde, gewogen naar het "
            "aandeel in het volume."
            if gemiddeld
            else ""
        )
    )


def pgb(regels: str) -> str:
    """Above the pgb tarieven; `regels`: how each pgb tier follows from the ZIN tarief.

    >>> pgb("pgb 75% daarvan")
    'Een pgb-tarief volgt uit het ZIN-tarief: pgb 75% daarvan. Een pgb-tarief mag nooit hoger zijn dan het ZIN-tarief; de toets staat in de laatste kolom.'
    """
    return (
        f"Een pgb-tarief volgt uit het ZIN-tarief: {regels}. Een pgb-tarief mag nooit hoger "
        "zijn dan het ZIN-tarief; de toets staat in de laatste kolom."
    )


def totaal(
    periodebudget: bool, perioden: int, buiten_budget: str, realisatiejaar: int, jaar: int
) -> str:
    """Above the costs per year: what the municipality pays, and who the existing clients are.

    >>> totaal(False, 13, "", 2025, 2027)
    'Wat de gemeente per jaar betaalt: per cliënt de som van de bedragen per jaar. Bestaande cliënten hebben in 2025 gebruikgemaakt van begeleiding en hebben in 2027 nog een lopende indicatie: alleen voor hen is er een vergelijking met de werkelijke uitgaven.'
    >>> "de periodebudgetten (in hele euro's) maal 13 perioden." in totaal(True, 13, "", 2025, 2027)
    True
    >>> "plus de producten die buiten het budget" in totaal(True, 13, "X valt erbuiten.", 2025, 2027)
    True
    """
    if not periodebudget:
        wat = ": per cliënt de som van de bedragen per jaar."
    else:
        wat = f": de periodebudgetten (in hele euro's) maal {perioden} perioden" + (
            ", plus de producten die buiten het budget per eenheid worden gedeclareerd. "
            + buiten_budget
            if buiten_budget
            else "."
        )
    return (
        "Wat de gemeente per jaar betaalt"
        + wat
        + f" Bestaande cliënten hebben in {realisatiejaar} gebruikgemaakt van begeleiding en "
        f"hebben in {jaar} nog een lopende indicatie: alleen voor hen is er een vergelijking met "
        "de werkelijke uitgaven."
    )


def omgerekend(realisatie_omgerekend: bool, weken_per_jaar: int) -> str:
    """The note that the realisation was converted to the model's weeks ('' when not).

    >>> omgerekend(True, 52)
    ', omgerekend naar 52 weken'
    >>> omgerekend(False, 52)
    ''
    """
    return f", omgerekend naar {weken_per_jaar} weken" if realisatie_omgerekend else ""


def gevoeligheid(omgerekend_: str) -> str:
    """Above the sensitivity to the usage factor.

    >>> gevoeligheid("").endswith("werkelijk kostten.")
    True
    """
    return (
        "De gebruiksfactor is de belangrijkste aanname van het budgetmodel. De figuur toont de "
        "kosten per jaar bij andere factoren; de stippellijn is wat de bestaande cliënten vorig "
        f"jaar werkelijk kostten{omgerekend_}."
    )


def gebruik(gebruiksfactor: str, realisatiejaar: int) -> str:
    """Above the actual use per product.

    >>> gebruik("65%", 2025)[:60]
    'De gebruiksfactor van 65% is een gemiddelde. Uit de realisat'
    """
    return (
        f"De gebruiksfactor van {gebruiksfactor} is een gemiddelde. Uit de realisatie van "
        f"{realisatiejaar} blijkt per product welk deel van de indicatie bestaande cliënten echt "
        "gebruikten (gedeclareerd volume gedeeld door de indicatie over de dagen dat die in dat "
        "jaar liep: wie in de loop van het jaar instroomde, telt alleen voor die dagen)."
    )


def looptijd_tegen_jaar(verschil: str) -> str:
    """Above the use over the exposure beside the use over the whole year (the old method).

    >>> t = looptijd_tegen_jaar("Het scheelt veel.")
    >>> "hele jaar telde. Het scheelt veel. De budgetneutrale" in t
    True
    """
    return (
        "Hieronder het gebruik over de looptijd naast dat volgens de oude methode, die elke "
        "lopende indicatie voor het hele jaar telde. "
        + verschil
        + " De budgetneutrale gebruiksfactor staat op dezelfde voet (het logboek van aannames "
        "licht de keuze toe)."
    )


def uitgesloten(realisatiejaar: int, periodebudget: bool) -> str:
    """Above the realisation that does not count.

    >>> uitgesloten(2025, True)
    'Realisatie van 2025 die niet meetelt in het gebruik, de vergelijking of de overgang, per reden (de lijst per cliënt en product staat in de invoercontrole):'
    >>> uitgesloten(2025, False)
    'Realisatie van 2025 die niet meetelt in het gebruik of de vergelijking, per reden (de lijst per cliënt en product staat in de invoercontrole):'
    """
    waarin = ", de vergelijking of de overgang" if periodebudget else " of de vergelijking"
    return (
        f"Realisatie van {realisatiejaar} die niet meetelt in het gebruik{waarin}, "
        "per reden (de lijst per cliënt en product staat in de invoercontrole):"
    )


def overgang(perioden: int, meervoud: str, realisatiejaar: int) -> str:
    """The heading and paragraph of the transition of existing clients (periodebudget).

    >>> overgang(3, "perioden van vier weken", 2025).startswith("## Overgang bestaande cliënten")
    True
    >>> "de eerste 3 perioden van vier weken van 2025" in overgang(3, "perioden van vier weken", 2025)
    True
    """
    return (
        "## Overgang bestaande cliënten\n\n"
        "Bestaande cliënten krijgen een budget op basis van hun werkelijke gebruik: de "
        f"realisatie van de eerste {perioden} {meervoud} van {realisatiejaar}, omgerekend "
        "naar een jaar, tegen de nieuwe tarieven. Daar hoort geen gebruiksfactor bij: de "
        "realisatie is al het werkelijke gebruik."
    )


AANSLUITING = (
    "De tweede regel is hetzelfde scenario als de bestaande cliënten in de tabel *Kosten per "
    "jaar*, maar zonder de producten die buiten het periodebudget per eenheid worden "
    "gedeclareerd. Zo sluiten de twee totalen op elkaar aan (cliënten met alleen zulke producten "
    "hebben geen periodebudget):"
)

GEGEVENS = (
    "De indicaties, de huidige tarieven en de realisatie zijn gelezen zoals het cliëntsysteem "
    "ze exporteert (zie docs/gegevens.md). Elke omrekening is exact; wat niet exact om te "
    "rekenen is, is geweigerd."
)


def aannames(
    gebruiksfactor: str,
    weken_per_jaar: int,
    meervoud: str,
    perioden_per_jaar: int,
    buiten_budget: str,
    looptijd: str,
) -> list[str]:
    """The assumptions and caveats at the end of the report.

    >>> len(aannames("65%", 52, "perioden", 13, "", "L."))
    3
    >>> aannames("65%", 52, "perioden", 13, "B.", "L.")[1]
    'B.'
    """
    punten = [
        f"De gebruiksfactor ({gebruiksfactor}), het aantal weken per jaar ({weken_per_jaar}) "
        f"en de {meervoud} ({perioden_per_jaar} per jaar) zijn keuzes van de gemeente voor dit "
        "jaar; het logboek van aannames beschrijft ze.",
        looptijd,
        "Minimum en maximum van bedragen per cliënt worden niet getoond: dat zijn gegevens van "
        "één cliënt.",
    ]
    if buiten_budget:
        punten.insert(1, buiten_budget)
    return punten
