"""Dutch prose on the tariff scenarios (tarieven and budget reports)."""

from __future__ import annotations

import re
from decimal import Decimal

from kostprijs.opmaak import euro, getal, opsomming, procent, procent_exact
from kostprijs.parameters import Jaarparameters
from kostprijs.scenarios import (
    BUDGETNEUTRAAL,
    EIGEN,
    HUIDIG_GEINDEXEERD,
    INGROEIPAD,
    KOSTPRIJS_GEINDEXEERD,
    Scenario,
)


def regel(s: Scenario, jaar: int) -> str:
    """What a scenario's rule does, in a phrase.

    >>> regel(Scenario("A", "ingroeipad", Decimal("0.05")), 2027)
    'naar de geïndexeerde kostprijs, maar hoogstens 5% boven of onder het huidige tarief geïndexeerd'
    >>> regel(Scenario("B", "huidig_geindexeerd"), 2027)
    'het huidige tarief maal de indexatie van 2027'
    """
    if s.regel == KOSTPRIJS_GEINDEXEERD:
        return f"de gemiddelde kostprijs, geïndexeerd naar het prijspeil van {jaar}"
    if s.regel == HUIDIG_GEINDEXEERD:
        return f"het huidige tarief maal de indexatie van {jaar}"
    if s.regel == INGROEIPAD:
        return (
            f"naar de geïndexeerde kostprijs, maar hoogstens {procent_exact(s.max_wijziging, 0)} "
            "boven of onder het huidige tarief geïndexeerd"
        )
    if s.regel == BUDGETNEUTRAAL:
        return (
            "alle tarieven van de geïndexeerde kostprijs maal één factor, zodat de gemeente in "
            "totaal evenveel betaalt als met de huidige tarieven geïndexeerd"
        )
    if s.regel == EIGEN:
        return "de tarieven uit een eigen tarievenbestand, zoals gegeven"
    raise ValueError(s.regel)


def letterlijk(tekst: str) -> str:
    r"""A file name as plain text in Markdown: every character that means something there
    escaped.

    >>> print(letterlijk("tarieven_*min*_<2>.csv"))
    tarieven\_\*min\*\_&lt;2&gt;.csv
    """
    tekst = tekst.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_{}\[\]()#!|~])", r"\\\1", tekst)


def titel(jaar: int, eigen: str) -> str:
    """The budget report's title: the year, and the scenario of one's own when there is one.

    >>> titel(2027, "")
    'Budgetimpact van de tarieven 2027'
    >>> titel(2027, "Min 2%")
    "Budgetimpact van het eigen scenario 'Min 2%', 2027"
    """
    return (
        f"Budgetimpact van het eigen scenario '{eigen}', {jaar}"
        if eigen
        else (f"Budgetimpact van de tarieven {jaar}")
    )


def nieuwe_tarieven(params: Jaarparameters, eigen: str, bestand: str) -> str:
    """Which tarieven the report calls 'nieuwe tarieven', as a phrase.

    Never the research's proposal for a tariff file of one's own."""
    if eigen:
        return (
            f"de tarieven van het eigen scenario '{eigen}' uit het bestand {letterlijk(bestand)}, "
            "zoals "
            "gegeven: niet de tarieven van het kostprijsonderzoek (die staan in de rapporten "
            "van de inkooptafel)"
        )
    return (
        f"de tarieven van het voorstel, het scenario {params.scenarios.voorstel} uit het "
        "kostprijsonderzoek (zie het rapport Tarieven)"
    )


def eigen_uitleg(eigen: str, bestand: str) -> str:
    """The paragraph above the scenario tables of a scenario of one's own."""
    return (
        f"Dit rapport rekent met één eigen scenario, **{eigen}**: de tarieven uit het bestand "
        f"{letterlijk(bestand)}, zoals gegeven, naast de huidige tarieven. Het is geen rapport van het "
        "kostprijsonderzoek: de scenario's van het onderzoek en het voorstel staan in de rapporten "
        "van de inkooptafel. Een tarief van een product waarvan het kostprijsonderzoek de cijfers "
        'niet toont, staat ook hier als "x", en elk totaal waarin het meetelt ook. Intern (niet '
        "voor de inkooptafel) rekent de opdracht kostprijs budget met hetzelfde bestand de "
        "totalen uit, zonder die beperking (zie de README)."
    )


def uitleg(params: Jaarparameters, neutraal: tuple[Decimal, int] | None, geheim: list[str]) -> str:
    """The paragraph above the scenario tables: the scenarios, the proposal, what is hidden.

    Nothing about the numbers of one scenario that is not published."""
    sc = params.scenarios
    tekst = (
        f"De inkooptafel vergelijkt {getal(len(sc.lijst), 0)} tariefscenario's, elk met de "
        "kosten voor de gemeente bij een gebruiksfactor van "
        f"{procent(params.budget.gebruiksfactor, 0)}:\n\n"
        + "".join(f"- **{s.naam}**: {regel(s, params.jaar)}\n" for s in sc.lijst)
        + f"\nHet voorstel is **{sc.voorstel}**: daarmee rekenen de andere tabellen als 'nieuwe "
        "tarieven'. Een product zonder huidig tarief krijgt in elk scenario zijn geïndexeerde "
        "kostprijs, een product zonder kostprijs houdt zijn huidige tarief (geïndexeerd, behalve "
        "in het scenario van de kostprijs zelf)."
    )
    if neutraal is not None:
        factor, verschil = neutraal
        afstand = (
            "precies gelijk aan"
            if verschil == 0
            else f"{euro(abs(verschil), centen=True, heel=True)} "
            + ("boven" if verschil > 0 else "onder")
        )
        tekst += (
            f" Budgetneutraal is elk tarief maal {getal(factor, 6)}; het totaal ligt daarmee "
            f"{afstand} dat met de huidige tarieven geïndexeerd (dichterbij komt geen factor: "
            "elk tarief is afgerond op centen)."
        )
    if geheim:
        tekst += (
            f' De totalen van {opsomming(geheim)} staan als "x": ze rekenen met een tarief dat '
            "herleidbaar is tot de cijfers van één of enkele aanbieders, en uit het totaal zou "
            "het terug te rekenen zijn."
        )
    return tekst


def indexgevoeligheid(params: Jaarparameters, index: Decimal) -> str:
    """The paragraph above the index sensitivity.

    >>> from kostprijs.parameters import laad_parameters
    >>> indexgevoeligheid(laad_parameters(2027), Decimal("0.03"))[:60]
    'Na de gebruiksfactor is de indexatie de tweede aanname: de t'
    """
    return (
        "Na de gebruiksfactor is de indexatie de tweede aanname: de tabel en de figuur tonen de "
        "kosten per jaar als het indexcijfer van "
        f"{params.jaar} anders uitvalt dan de {procent_exact(index, 2)} waarmee dit onderzoek "
        "rekent (de verticale lijn). Voor de geïndexeerde kostprijs is elk tarief daarvoor "
        "herrekend als tarief × (1 + ander cijfer) / (1 + het eigen cijfer), afgerond op centen; "
        "voor het huidige tarief als huidig tarief × (1 + ander cijfer). De indexatie van "
        "eerdere jaren blijft zoals ze is. Bedragen bij een gebruiksfactor van "
        f"{procent(params.budget.gebruiksfactor, 0)}, alle cliënten."
    )
