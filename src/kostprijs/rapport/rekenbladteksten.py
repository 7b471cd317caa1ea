"""The Dutch texts of the what-if workbook: the Uitleg sheet and the input messages."""

from __future__ import annotations

from kostprijs.budget.wat_als import Rekenbladinvoer

NIET_OPENBAAR = "x"  # shown instead of a tarief that is not public


def uitleg(invoer: Rekenbladinvoer) -> list[tuple[str, str]]:
    """(heading, text) per paragraph of the Uitleg sheet."""
    scenarios = ", ".join(invoer.scenarios)
    return [
        (
            "Wat is dit",
            f"Dit rekenblad rekent de budgetimpact van de tarieven voor {invoer.gemeente} in "
            f"tariefjaar {invoer.tariefjaar} na, met formules die u zelf kunt volgen en "
            "veranderen. Met de instellingen waarmee het is gemaakt, komt het totaal tot op de "
            "cent overeen met de berekening van het onderzoek.",
        ),
        (
            "Gebruik",
            "Vul op blad Invoer alleen de gele cellen in: het scenario (kies uit de lijst: "
            f"{scenarios}; het voorstel is {invoer.voorstel}), de gebruiksfactor, de index per "
            "jaar en per regel eventueel een eigen tarief of een wijziging in procenten. Een "
            "eigen tarief gaat voor een wijziging. Blad Berekening rekent alles direct opnieuw "
            "uit. De bladen zijn beveiligd zonder wachtwoord, zodat formules niet per ongeluk "
            "veranderen.",
        ),
        (
            "De cijfers",
            "De volumes zijn opgeteld per regel over alle indicaties: er staan geen gegevens "
            "van afzonderlijke cliënten in. Het volume per jaar geldt bij een gebruiksfactor "
            "van 100%; eenmalige producten worden heel geleverd en tellen zonder "
            "gebruiksfactor. Bedragen per jaar, in euro's.",
        ),
        (
            f"Een {NIET_OPENBAAR}",
            f"Een {NIET_OPENBAAR} betekent: dit tarief is niet openbaar (bijvoorbeeld omdat te "
            "weinig aanbieders het konden onderbouwen). Voor die regel rekent het blad met het "
            "huidige tarief, geïndexeerd met de index op blad Invoer; kolom Herkomst tarief "
            "op blad Berekening zegt dat.",
        ),
        (
            "Afronding",
            "Bedrag per regel = (volume × gebruiksfactor + eenmalig volume) × tarief, half naar "
            "boven afgerond op de cent. Gebruiksfactor, index en wijziging tellen tot op "
            "0,01%, een eigen tarief tot op de cent; een gewijzigd of geïndexeerd tarief wordt "
            "op de cent afgerond. Het volledige model rondt per indicatie af, en bij een "
            "periodebudget ook het budget per cliënt per facturatieperiode. Het verschil met de optelling per regel, bij de instellingen "
            "van de run, staat als vaste regel Afrondingscorrectie onder de berekening en "
            "verandert niet mee.",
        ),
        *(
            [
                (
                    "Niet in dit rekenblad",
                    f"{', '.join(invoer.weggelaten)}: het tarief is niet openbaar (herleidbaar "
                    "tot de cijfers van één of enkele aanbieders), en uit het volume en een "
                    "totaal zou het terug te rekenen zijn. Alle totalen hier zijn daarom zonder "
                    "deze producten; de rapporten van het onderzoek rekenen er wel mee.",
                )
            ]
            if invoer.weggelaten
            else []
        ),
        *(
            [
                (
                    "Scenario's niet in dit rekenblad",
                    f"{', '.join(invoer.weggelaten_scenarios)}: elk tarief van dit scenario is "
                    "de geïndexeerde kostprijs maal één factor, die mede door een niet-openbaar "
                    "tarief bepaald is; uit elk getoond tarief zou die factor te halen zijn. De "
                    "rapporten tonen dit scenario daarom ook niet.",
                )
            ]
            if invoer.weggelaten_scenarios
            else []
        ),
        (
            "Herkomst",
            f"Uit run {invoer.run_id}, {invoer.datum}. Gemaakt met kostprijs."
            + (
                " Synthetische voorbeelddata: alle cijfers zijn verzonnen en gaan niet over "
                "echte aanbieders of cliënten."
                if invoer.synthetisch
                else ""
            ),
        ),
    ]


def zonder_scenario(scenarios: tuple[str, ...], weggelaten: tuple[str, ...]) -> str:
    """Why the workbook has no figures: every scenario would show a hidden tarief."""
    return (
        f"Dit jaar kan dit rekenblad niet rekenen: elk scenario ({', '.join(scenarios)}) is de "
        "geïndexeerde kostprijs maal één factor, die mede bepaald is door het niet-openbare "
        f"tarief van {', '.join(weggelaten)}; uit elk getoond tarief zou die factor, en daarmee "
        "dat tarief, terug te rekenen zijn. Neem in de parameters (scenarios) een scenario op "
        "dat niet budgetneutraal is, of gebruik de budgetrapporten."
    )


def invoerbericht(soort: str, extra=None) -> tuple[str, str, str]:
    """(title, input message, error message) of an input cell of this kind."""
    procent = "Typ het procentteken erbij, bijvoorbeeld {}; zonder wordt 3 in LibreOffice 300%."
    if soort == "scenario":
        return (
            "Scenario",
            "Kies het scenario van de tarieven uit de lijst.",
            "Kies een scenario uit de lijst.",
        )
    if soort == "gebruiksfactor":
        return (
            "Gebruiksfactor",
            "Deel van het geïndiceerde volume dat werkelijk wordt geleverd, tot op 0,01%. "
            + procent.format("65%"),
            "Vul een percentage in tussen 0% en 100%, met procentteken: bijvoorbeeld 65%.",
        )
    if soort == "index":
        return (
            f"Index {extra}",
            f"Indexatie van het huidige tarief voor {extra}, tot op 0,01%. Geldt alleen waar "
            f"het scenariotarief niet openbaar is ({NIET_OPENBAAR}). " + procent.format("3,5%"),
            "Vul een percentage in tussen -50% en 50%, met procentteken: bijvoorbeeld 3,5%.",
        )
    if soort == "eigen":
        return (
            "Eigen tarief",
            f"Eigen tarief in euro's per {extra}, bijvoorbeeld 52,60. Leeg: het tarief van het "
            "scenario geldt. Een eigen tarief gaat voor een wijziging.",
            "Vul een bedrag in euro's in (0 of meer), zonder euroteken.",
        )
    return (
        "Wijziging",
        "Wijziging van het tarief van het scenario, tot op 0,01%, bijvoorbeeld 2% of -1,5%. "
        "Leeg: geen wijziging.",
        "Vul een percentage in tussen -100% en 100%, met procentteken: bijvoorbeeld 2%.",
    )
