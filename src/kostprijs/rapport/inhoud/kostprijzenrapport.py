"""The report 'Gemiddelde kostprijzen' (inkooptafel): aggregates only."""

from __future__ import annotations

import pandas as pd

from kostprijs.rapport.figuren import gemiddelde_kostprijzen_figuur
from kostprijs.rapport.start import Rapport
from kostprijs.rapport.teksten.methodeteksten import omschrijving
from kostprijs.rapport.teksten.methodeteksten import waarschuwingen as waarschuwingen_
from kostprijs.rapport.weergave import Html, Kern, Tabel

KOLOMMEN = {
    "productspecificatie": "Productspecificatie",
    "eenheid": "Eenheid",
    "kostprijs": "Gemiddelde kostprijs",
    "p25": "P25",
    "p75": "P75",
}
FORMATEN = {"n": "geheel", "Gemiddelde kostprijs": "euro", "P25": "euro", "P75": "euro"}


def kop(r: Rapport) -> list:
    """Title, purpose, the run's header and any warning about the method."""
    return [
        f"""
# Gemiddelde kostprijzen {r.jaar}

Wmo-begeleiding: de gemiddelde kostprijs per productspecificatie, berekend uit de
kostprijssjablonen die aanbieders hebben ingeleverd. Dit rapport is bestemd voor de inkooptafel:
het toont alleen totalen en gemiddelden, nooit de cijfers van één aanbieder.
""",
        Html(r.kop),
        waarschuwingen(r),
    ]


def waarschuwingen(r: Rapport) -> list[Kern]:
    """A block per warning about the recorded method (changed after the submissions)."""
    return [Kern("Let op:", zin=w) for w in waarschuwingen_(r.onderzoek.methodecontrole)]


def methode(r: Rapport) -> Tabel:
    d = r.onderzoek.aggregatie.declaratie
    return Tabel(
        pd.DataFrame(
            {
                "Onderdeel": ["Statistiek en overhead", "Kenmerk van de vastlegging (SHA-256)"],
                "Keuze": [omschrijving(d), d.sha256[:16]],
            }
        ),
        titel="Vastgelegde methode",
    )


def deelname(r: Rapport) -> Tabel:
    d = r.onderzoek.deelname
    return Tabel(
        pd.DataFrame(
            {
                "": [
                    "Ontvangen",
                    "Geaccepteerd",
                    "Geaccepteerd met opmerkingen",
                    "Afgewezen",
                    "Vervangen door een latere inzending",
                    "Telt mee",
                ],
                "Aantal": [
                    d["ontvangen"],
                    d.get("geaccepteerd", 0),
                    d.get("geaccepteerd met opmerkingen", 0),
                    d.get("afgewezen", 0),
                    d.get("vervangen", 0),
                    d["meegeteld"],
                ],
            }
        ),
        {"Aantal": "geheel"},
        titel="Inzendingen",
    )


def gemiddelden(r: Rapport, titel: str | None = None) -> Tabel:
    """The average cost price per product with n and the spread, suppressed cells masked."""
    o = r.onderzoek
    return Tabel(
        o.publiek_kostprijzen.rename(columns=KOLOMMEN),
        FORMATEN,
        titel=titel
        or f"Gemiddelde kostprijs per eenheid ({omschrijving(o.aggregatie.declaratie)})",
        blad="Gemiddelde kostprijs",
    )


def figuur(r: Rapport):
    return gemiddelde_kostprijzen_figuur(r.onderzoek.publiek_kostprijzen)
