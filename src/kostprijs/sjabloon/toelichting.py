"""The template's instructions (sheet Toelichting) as text, rendered from the parameters:
how to fill it in, which financial year, how the cost price is built up for the soorten of
this catalogue, the overhead convention and the legal elements of a reële prijs."""

from __future__ import annotations

from datetime import date

from kostprijs.opmaak import invoergetal
from kostprijs.parameters import Jaarparameters
from kostprijs.sjabloon.indeling import Indeling, boekjaar


def toelichting_regels(ind: Indeling, params: Jaarparameters) -> list[tuple[str, str]]:
    """(heading, text) rows of the instructions; a row without text is a section heading."""
    return [
        ("Zo vult u het sjabloon in", ""),
        (
            "Gele cellen",
            "Alleen de gele cellen vult u in. Groene cellen rekent het sjabloon zelf uit; grijze cellen zijn niet van toepassing.",
        ),
        (
            "Niet wijzigen",
            "Wijzig geen bladnamen, voeg geen bladen toe en verwijder geen rijen of kolommen. Laat formules staan.",
        ),
        ("Bedragen", "In euro's, zonder euroteken. Gebruik getallen, geen tekst."),
        (
            "Percentages",
            "Typ het procentteken erbij: 20%. Dat werkt in Excel en LibreOffice. Zonder "
            "procentteken maakt LibreOffice van 20 in een percentagecel 2000%; 0,2 mag ook.",
        ),
        (
            "Jaar van de cijfers",
            f"Vul de cijfers in van boekjaar {boekjaar(params)}, het laatste afgesloten boekjaar "
            f"(blad Realisatie), en uw begroting voor {ind.jaar} (blad Bouwstenen).",
        ),
        (
            "Algemeen",
            "Gegevens van uw organisatie en welke producten u levert. Vul bij elk product ja of nee in.",
        ),
        (
            "Personeel",
            "Per functie (maximaal 10): salarisschaal volgens uw CAO, bruto jaarsalaris per fte zonder toeslagen, vakantiegeld, eindejaarsuitkering, ORT en toeslagen, werkgeverslasten.",
        ),
        (
            "Bouwstenen",
            "Per aangeboden product: de inzet per functie in fte, de jaaruren en niet-productieve uren per fte, en de opslagen en kosten per eenheid.",
        ),
        (
            "Realisatie",
            f"Per aangeboden product de werkelijke cijfers van {boekjaar(params)}: kosten "
            "toegerekend aan het product, geleverd volume en aantal cliënten.",
        ),
        ("Rekenwijze", ""),
        (
            "Loonkosten per fte",
            "jaarsalaris × (1 + vakantiegeld + eindejaarsuitkering + ORT) × (1 + werkgeverslasten)",
        ),
        (
            "Productieve uren",
            "jaaruren − verlof − ziekte − scholing − overleg − indirecte tijd en reistijd",
        ),
        (
            "Uurkosten personeel",
            "(loonkosten + reiskosten + opleidingskosten) per fte, gewogen naar de fte per functie, gedeeld door de productieve uren",
        ),
        *rekenwijze(params),
        (
            "Kostprijs",
            "(personeel × (1 + overhead + verplichtingen) + materieel + huisvesting + voeding) × (1 + indexering) × (1 + risico en winst)",
        ),
        (
            "Wettelijke elementen",
            "Het sjabloon bevat alle elementen van artikel 5.4, derde lid, Uitvoeringsbesluit Wmo 2015:",
        ),
        (
            "a. kosten beroepskracht",
            "Blad Personeel: salarisschaal en salaris volgens CAO, toeslagen, werkgeverslasten; blad Bouwstenen: fte per functie.",
        ),
        ("b. redelijke overhead", "Blad Bouwstenen: overhead."),
        (
            "c. niet-productieve uren",
            "Blad Bouwstenen: verlof, ziekte, scholing, overleg, indirecte tijd en reistijd.",
        ),
        (
            "d. reis- en opleidingskosten",
            "Blad Bouwstenen: reiskosten en opleidingskosten per fte.",
        ),
        ("e. indexering", "Blad Bouwstenen: indexering tot het tariefjaar."),
        (
            "f. gemeentelijke verplichtingen",
            "Blad Bouwstenen: administratie, rapportage en declaratie.",
        ),
        ("Definities", ""),
        ("fte", "Voltijdsbaan volgens uw CAO (de jaaruren per fte vult u zelf in)."),
        ("Eenheden", "; ".join(f"{p[0]}: per {p[3]}" for p in ind.producten)),
        (
            "Vertrouwelijk",
            "Uw cijfers worden alleen samengevoegd met die van andere aanbieders getoond; nooit afzonderlijk.",
        ),
    ]


def rekenwijze(params: Jaarparameters) -> list[tuple[str, str]]:
    """How the staff cost per unit is computed, for the soorten this catalogue has."""
    soorten = {p.soort for p in params.catalogus}
    eenheden = {p.eenheid for p in params.catalogus}
    uren = invoergetal(params.uren_per_dagdeel)
    regels = []
    if "uur" in soorten:
        regels.append(
            ("Per uur", "uurkosten" + (" (per minuut: ÷ 60)" if "minuut" in eenheden else ""))
        )
    if "dagdeel" in soorten:
        regels.append(
            (
                "Groepsproducten",
                "uurkosten × begeleiders per groep × uren per eenheid ÷ groepsgrootte"
                + (f" (een dagdeel is {uren} uur)" if "dagdeel" in eenheden else ""),
            )
        )
    if "etmaal" in soorten:
        regels.append(
            (
                "Per etmaal",
                "uurkosten × personeelsuren per etmaal ÷ bezettingsgraad; huisvesting ÷ "
                "bezettingsgraad; plus voeding",
            )
        )
    if "vervoer" in soorten:
        regels.append(
            (
                "Vervoer",
                "uurkosten × chauffeursuren per eenheid ÷ deelnemers per rit, plus materiële "
                "kosten (voertuig) per eenheid",
            )
        )
    if "traject" in soorten:
        regels.append(
            (
                "Trajecten en eenmalige producten",
                "uurkosten × personeelsuren per traject (of per week of maand), plus materiële "
                "kosten per eenheid",
            )
        )
    if params.kostprijs is None or params.kostprijs.opslag == "op_kosten":
        overhead = (
            "Een OPSLAG op de personeelskosten (× 1,20 bij 20%), niet een aandeel in de prijs. "
            "Dat geldt ook voor de gemeentelijke verplichtingen."
        )
    else:
        overhead = (
            "Een AANDEEL in de prijs (÷ 0,80 bij 20%), niet een opslag op de kosten. Dat geldt "
            "ook voor de gemeentelijke verplichtingen."
        )
    return [*regels, ("Overhead", overhead)]


def datum_nl(iso: str) -> str:
    try:
        return date.fromisoformat(iso).strftime("%d-%m-%Y")
    except ValueError:
        return iso
