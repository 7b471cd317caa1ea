"""The internal report 'Inzendingen en kostprijzen per aanbieder': every provider by name, for
the municipality only. A long table shows its most important rows on the page and all of them
in the .xlsx."""

from __future__ import annotations

import pandas as pd

from kostprijs.rapport.figuren import kostprijzen_per_aanbieder_figuur
from kostprijs.rapport.start import Rapport
from kostprijs.rapport.tabel import met_kopjes
from kostprijs.rapport.weergave import Html, Tabel

OP_PAGINA = 200  # rows of a long table on the page


def kop(r: Rapport) -> list:
    return [
        f"""
# Inzendingen en kostprijzen per aanbieder {r.jaar} (intern)

**Vertrouwelijk: alleen voor de gemeente.** Dit rapport toont de cijfers per aanbieder met hun
naam en mag niet naar de inkooptafel.
""",
        Html(r.kop),
    ]


def inzendingen(r: Rapport) -> list[Tabel]:
    """Every workbook with its status; a count per status first when the list is long."""
    o = r.onderzoek
    kolommen = ["bestand", "aanbieder_id", "naam", "status", "fouten", "opmerkingen", "reden"]
    per_status = Tabel(
        met_kopjes(o.inzendingen_per_status), {"Aantal": "geheel"}, titel="Inzendingen per status"
    )
    alle = Tabel(
        met_kopjes(o.inzendingen[kolommen]),
        {"Fouten": "geheel", "Opmerkingen": "geheel"},
        titel="Inzendingen",
        op_pagina=OP_PAGINA,
        belang=o.belang_inzendingen,
    )
    return [per_status, alle] if len(o.inzendingen) > OP_PAGINA else [alle]


def opmerkingen(r: Rapport) -> list[Tabel]:
    o = r.onderzoek
    kolommen = ["kvk", "blad", "cel", "waarde", "reden", "status", "toelichting"]
    return [
        Tabel(
            met_kopjes(o.met_naam(o.opmerkingen_meegeteld)),
            titel="Opmerkingen bij meegetelde inzendingen",
            blad="Opmerkingen",
            op_pagina=OP_PAGINA,
        ),
        Tabel(
            met_kopjes(o.bevestigingen[kolommen]),
            titel="Bevestigingen van de gemeente (status 'past niet': niet gebruikt)",
            blad="Bevestigingen",
        ),
    ]


def per_aanbieder(r: Rapport) -> Tabel:
    p = r.onderzoek.met_naam(r.onderzoek.per_aanbieder)
    return Tabel(
        pd.DataFrame(
            {
                "Productspecificatie": p["productspecificatie"],
                "Aanbieder": p["aanbieder_id"],
                "Naam": p["naam"],
                "Kostprijs (bouwstenen)": p["kostprijs_bouwstenen"],
                "Kostprijs (werkelijk)": p["kostprijs_werkelijk"],
                "Volume": p["volume"],
                "Afwijking": p["afwijking_pct"],
                "Toelichting": p["toelichting"],
            }
        ),
        {
            "Kostprijs (bouwstenen)": "euro",
            "Kostprijs (werkelijk)": "euro",
            "Volume": "getal",
            "Afwijking": "procentpunten",
        },
        titel="Kostprijs per aanbieder en product",
        blad="Kostprijs per aanbieder",
        op_pagina=OP_PAGINA,
        belang=p["afwijking_pct"].abs().rename("afwijking"),
    )


def figuur(r: Rapport):
    return kostprijzen_per_aanbieder_figuur(r.onderzoek.met_naam(r.onderzoek.per_aanbieder))


def uitschieters(r: Rapport) -> list[Tabel]:
    a, oordelen = r.onderzoek.aggregatie, r.onderzoek.oordelen
    kolommen = {
        "rij": "Productspecificatie",
        "n": "Aanbieders",
        "status": "Status",
        "reden": "Reden",
    }
    return [
        Tabel(
            met_kopjes(a.uitschieters),
            {"Kostprijs": "euro", "Ondergrens": "euro", "Bovengrens": "euro"},
            titel="Uitschieters (meer dan 1,5 × de afstand P25-P75 onder P25 of boven P75; wel "
            "meegeteld)",
            blad="Uitschieters",
        ),
        Tabel(met_kopjes(a.uitgesloten), titel="Niet meegetelde productregels"),
        Tabel(
            oordelen[list(kolommen)].rename(columns=kolommen),
            {"Aanbieders": "geheel"},
            titel="Onthullingsbeheersing per product (intern)",
            blad="Onthullingsbeheersing",
        ),
    ]


def resultaat(r: Rapport) -> list:
    """What each provider would have received with the cell tariffs (years with a matrix)."""
    if r.params.resultaat is None:
        return []
    winst = r.resultaat.per_aanbieder
    bedragen = ["Realisatie tegen kostprijs", "Met de celtarieven", "Verschil"]
    return [
        "## Resultaattarieven per aanbieder (intern)\n\n"
        "Wat elke aanbieder vorig jaar aan zorg leverde tegen kostprijs, en wat hij met de "
        "celtarieven uit het rapport Resultaattarieven had ontvangen. Het tarief van een periode "
        "met zorg van meer aanbieders is verdeeld naar hun aandeel in de kosten; een periode "
        "zonder zorg hoort bij de aanbieder met de meeste zorg voor die cliënt in die cel.",
        Tabel(
            pd.DataFrame(
                {
                    "Aanbieder": winst["aanbieder"],
                    bedragen[0]: winst["kosten_centen"],
                    bedragen[1]: winst["tariefmodel_centen"],
                    bedragen[2]: winst["verschil_centen"],
                }
            ),
            dict.fromkeys(bedragen, "centen_heel"),
            titel="Resultaattarieven per aanbieder (intern)",
            blad="Resultaat per aanbieder",
            op_pagina=OP_PAGINA,
            belang=winst["verschil_centen"].abs().rename("verschil"),
        ),
    ]
