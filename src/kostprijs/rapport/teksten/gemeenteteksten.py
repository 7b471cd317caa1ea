"""The paragraphs of a member's budget report and of the region's table per member
(`rapport/inhoud/gemeenterapport`), one function each; the doctests are their specification."""

from __future__ import annotations

from decimal import Decimal

from kostprijs.opmaak import euro, getal, procent


def inleiding(gemeente: str, regio: str, aantal: int, jaar: int) -> str:
    """Under the title of a member's report.

    >>> inleiding("Kleindorp", "Regio Voorbeeldland", 4, 2029)[:83]
    'Kleindorp koopt Wmo-begeleiding samen in met de andere gemeenten van Regio Voorbeel'
    """
    return (
        f"{gemeente} koopt Wmo-begeleiding samen in met de andere gemeenten van {regio} "
        f"({aantal} gemeenten): één "
        f"kostprijsonderzoek en één tarievenlijst voor {jaar}. Dit rapport laat zien wat die "
        f"tarieven voor {gemeente} betekenen, met de indicaties en de realisatie van "
        f"{gemeente} zelf. De bedragen van alle gemeenten samen zijn die van de regio, tot op "
        "de cent."
    )


def kern(
    clienten: int,
    jaar: int,
    kosten: tuple[int, int] | None,
    realisatie: int | None,
    realisatiejaar: int,
    nieuwe_producten: bool = False,
) -> tuple[str, ...]:
    """The key points of a member's report; `kosten`: at the new and the current tarieven
    (cents; a new product at its new tarief in both), None while a new tarief is hidden.

    >>> kern(25, 2029, (2644719600, 2385539000), 1787234400, 2028)[1].replace("\\xa0", " ")
    'Kosten per jaar met de nieuwe tarieven € 26.447.196, met de huidige € 23.855.390: € +2.591.806 (+10,9%).'
    >>> kern(25, 2029, None, 100, 2028)[1][:40]
    'Bedragen met de nieuwe tarieven staan hi'
    """
    punten = [f"{getal(clienten, 0)} cliënten met een indicatie die in {jaar} loopt."]
    if kosten is None:
        punten.append(
            'Bedragen met de nieuwe tarieven staan hier als "x": een nieuw tarief is '
            "herleidbaar tot één of enkele aanbieders."
        )
    else:
        nieuw, huidig = kosten
        verschil = euro(nieuw - huidig, centen=True, heel=True, teken=True)
        deel = f" ({procent(Decimal(nieuw - huidig) / huidig, 1, teken=True)})" if huidig else ""
        nieuwe = (
            " (een nieuw product ook daar tegen zijn nieuwe tarief)" if nieuwe_producten else ""
        )
        punten.append(
            f"Kosten per jaar met de nieuwe tarieven {euro(nieuw, centen=True, heel=True)}, met "
            f"de huidige{nieuwe} {euro(huidig, centen=True, heel=True)}: {verschil}{deel}."
        )
    if realisatie is not None:  # None: too few existing clients to publish it
        punten.append(
            f"Realisatie {realisatiejaar} van de bestaande cliënten: "
            f"{euro(realisatie, centen=True, heel=True)}."
        )
    return tuple(punten)


def verborgen(gemeente: str, reden: str, minimum: int, jaar: int) -> str:
    """Instead of the figures of a member that publishes none.

    >>> verborgen("Kleindorp", "primair", 10, 2029)[:60]
    'De bedragen van Kleindorp worden niet gepubliceerd: ze gaan '
    >>> "aanvullend" in verborgen("Heidebroek", "secundair", 10, 2029)
    True
    """
    waarom = (
        f"ze gaan over minder dan {minimum} cliënten en zouden iets zeggen over die cliënten"
        if reden == "primair"
        else f"een andere gemeente van de regio heeft minder dan {minimum} cliënten, en uit het "
        "totaal van de regio min de andere gemeenten zouden haar bedragen terug te rekenen "
        "zijn; daarom blijven ook deze bedragen aanvullend weg"
    )
    return (
        f"De bedragen van {gemeente} worden niet gepubliceerd: {waarom}. De gemeente vindt ze "
        f"in de interne uitvoer van de budgetstap (data/processed/{jaar}/budgetimpact/)."
    )


def kosten(gebruiksfactor: str, realisatiejaar: int) -> str:
    """Above a member's table of costs per year.

    >>> kosten("65%", 2028)[:62]
    'Wat de gemeente per jaar betaalt bij een gebruiksfactor van 65'
    """
    return (
        f"Wat de gemeente per jaar betaalt bij een gebruiksfactor van {gebruiksfactor}: de "
        "indicaties die in het tariefjaar lopen, met de nieuwe en met de huidige tarieven, en "
        f"wat de bestaande cliënten in {realisatiejaar} werkelijk kostten (realisatie)."
    )


def gebruik(gemeten: str, parameter: str, realisatiejaar: int) -> str:
    """The member's measured usage factor beside the parameter.

    >>> gebruik("63,7%", "65%", 2028)
    'In 2028 gebruikten de bestaande cliënten van deze gemeente 63,7% van hun indicatie, over de dagen dat die liep en gewogen naar de kosten; het model rekent voor de hele regio met 65%.'
    """
    return (
        f"In {realisatiejaar} gebruikten de bestaande cliënten van deze gemeente {gemeten} van "
        "hun indicatie, over de dagen dat die liep en gewogen naar de kosten; het model rekent "
        f"voor de hele regio met {parameter}."
    )


def gebruik_verborgen(minimum: int, realisatiejaar: int) -> str:
    """Instead of the usage of a member with too few existing clients.

    >>> gebruik_verborgen(10, 2028)[:50]
    'De realisatie van 2028 en het gebruik van de indic'
    """
    return (
        f"De realisatie van {realisatiejaar} en het gebruik van de indicaties worden voor deze "
        f"gemeente niet gepubliceerd: ze gaan over minder dan {minimum} bestaande cliënten, of "
        "zouden met de andere gemeenten samen zo'n klein aantal teruggeven."
    )


def geen_realisatie(realisatiejaar: int) -> str:
    """A member without realisation of existing clients.

    >>> geen_realisatie(2028)
    'Deze gemeente had in 2028 geen realisatie van bestaande cliënten; het gebruik is niet te meten.'
    """
    return (
        f"Deze gemeente had in {realisatiejaar} geen realisatie van bestaande cliënten; het "
        "gebruik is niet te meten."
    )


def overgang(realisatie: str, indicatie: str, perioden: int) -> str:
    """The transition budgets of a member.

    >>> overgang("€ 15.103", "€ 15.489", 10)[:53]
    'Periodebudgetten van bestaande cliënten, samen per pe'
    """
    return (
        "Periodebudgetten van bestaande cliënten, samen per periode: uit de realisatie van "
        f"periode 1 t/m {perioden} (op jaarbasis) {realisatie}, uit indicatie × "
        f"gebruiksfactor {indicatie}."
    )


def producten(minimum: int) -> str:
    """Above a member's table per product.

    >>> producten(10)[-55:]
    'ook een tweede cel, zodat geen cel terug te rekenen is.'
    """
    return (
        "Per product: het aantal cliënten en het bedrag per jaar met de nieuwe tarieven, vóór "
        "het afronden van het periodebudget per cliënt (de som wijkt daardoor iets af van de "
        f'kosten per jaar). Een cel met minder dan {minimum} cliënten staat als "x", en waar '
        "dat in een gemeente of een product één cel verbergt, verdwijnt ook een tweede cel, "
        "zodat geen cel terug te rekenen is."
    )


def regio(minimum: int, jaar: int) -> str:
    """Above the region's table per member.

    >>> regio(10, 2029)[:48]
    'Dezelfde tarieven, per gemeente van de regio: de'
    """
    return (
        "Dezelfde tarieven, per gemeente van de regio: de kosten per jaar met de nieuwe en de "
        "huidige tarieven en de realisatie van de bestaande cliënten. De gemeenten tellen op "
        "tot de regio, tot op de cent. Elke gemeente krijgt een eigen budgetrapport "
        f"(reports/{jaar}/gemeenten/). Een gemeente met minder dan "
        f'{minimum} cliënten staat als "x"; is dat er één, dan ook de kleinste andere, zodat '
        "haar bedragen niet uit het totaal terug te rekenen zijn."
    )


def voetnoot_x(minimum: int) -> str:
    """Under a table per member with hidden cells.

    >>> voetnoot_x(10)[:48]
    'x = niet getoond: een cel over minder dan 10 cli'
    """
    return (
        f"x = niet getoond: een cel over minder dan {minimum} cliënten, een cel die anders uit "
        "de totalen terug te rekenen is, of een bedrag met een nieuw tarief dat herleidbaar is "
        "tot één of enkele aanbieders (onthullingsbeheersing)."
    )


def regio_voetnoot() -> str:
    """Under the region's table per member.

    >>> regio_voetnoot()[:45]
    'Kosten per jaar met de huidige tarieven: een '
    """
    return (
        "Kosten per jaar met de huidige tarieven: een nieuw product (zonder huidig tarief) telt "
        "ook daar mee tegen zijn nieuwe tarief, zodat het verschil alleen over de "
        "tariefwijziging gaat. Gebruiksfactor gemeten: de realisatie gedeeld door de "
        "indicaties van dezelfde bestaande cliënten over de dagen dat die liepen, met de "
        "huidige tarieven."
    )


def resultaat(minimum: int) -> str:
    """Above the region's table of result-cell costs per member.

    >>> resultaat(10)[:49]
    'Per gemeente: de kosten van de geleverde zorg (ge'
    """
    return (
        "Per gemeente: de kosten van de geleverde zorg (geleverde eenheden × kostprijs) en wat "
        "de gemeente met de celtarieven van de regio zou betalen. De gemeenten tellen op tot de "
        f'regio. Een gemeente met minder dan {minimum} cliënten staat als "x", net als in het '
        "budgetrapport, met zo nodig een tweede gemeente."
    )


def celtarieven(realisatiejaar: int) -> str:
    """Above a member's line of result-cell costs.

    >>> celtarieven(2028)[:40]
    'Wat de zorg van 2028 kostte (geleverde e'
    """
    return (
        f"Wat de zorg van {realisatiejaar} kostte (geleverde eenheden × kostprijs) en wat de "
        "gemeente ervoor zou betalen met de celtarieven van de regio (resultaatfinanciering; "
        "zie het rapport Resultaattarieven van de regio)."
    )
