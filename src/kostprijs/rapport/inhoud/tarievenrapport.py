"""The report 'Huidige tarieven en kostprijzen' (inkooptafel): comparison, proposal and the
tariff scenarios."""

from __future__ import annotations

from kostprijs.publicatie import scenariocijfers
from kostprijs.rapport import figuren, indexatieverslag, teksten
from kostprijs.rapport.inhoud import budgetrapport
from kostprijs.rapport.start import Rapport
from kostprijs.rapport.teksten import scenarioteksten, vergelijkingsteksten
from kostprijs.rapport.weergave import Html, Kern, Tabel


def kop(r: Rapport) -> list:
    o = r.onderzoek
    return [
        f"""
# Huidige tarieven en kostprijzen {r.jaar}

Wmo-begeleiding in {r.params.gemeente}: per productspecificatie het huidige tarief tegenover de
gemiddelde kostprijs uit het kostprijsonderzoek, en het voorgestelde tarief voor {r.jaar}. Alleen
gemiddelden, nooit de cijfers van één aanbieder.
""",
        Html(r.kop),
        Kern(
            "Uitkomsten",
            (
                indexatieverslag.vergelijking_uitleg(o.indexketen),
                *vergelijkingsteksten.bij_onderzoek(o, r.params),
            ),
        ),
    ]


def vergelijking(r: Rapport) -> list:
    o = r.onderzoek
    aantallen = o.vergelijking.groupby("regel", sort=False)["huidig_tarief"].count().to_dict()
    kolommen = {
        "regel": "Productspecificatie",
        "huidig_tarief": "Huidig tarief",
        "kostprijs": "Kostprijs",
        "verschil": "Verschil",
        "verschil_pct": "Verschil (%)",
        "richting": "Richting",
    }
    return [
        "Verschil = gemiddelde kostprijs min huidig tarief. Binnen de tolerantie uit de "
        'parameters heet het verschil "gelijk". ' + teksten.meerdere_tarieven(aantallen),
        Tabel(
            o.publieke_vergelijking[list(kolommen)].rename(columns=kolommen),
            {
                "Huidig tarief": "euro",
                "Kostprijs": "euro",
                "Verschil": "euro",
                "Verschil (%)": "procentpunten",
            },
            titel="Huidig tarief tegenover gemiddelde kostprijs",
            blad="Tarief tegenover kostprijs",
        ),
    ]


def vergelijkingsfiguur(r: Rapport):
    return figuren.vergelijking_figuur(r.onderzoek.zichtbare_vergelijking)


def indexatie(r: Rapport) -> list:
    keten = r.onderzoek.indexketen
    tabel, formaten = indexatieverslag.indexatietabel(keten)
    return [
        indexatieverslag.prijspeil(keten),
        Tabel(
            tabel,
            formaten,
            titel=f"Indexatie van prijsjaar naar tariefjaar {r.jaar}",
            blad="Indexatie",
        ),
    ]


def voorstel(r: Rapport) -> Tabel:
    kolommen = {
        "regel": "Productspecificatie",
        "kostprijs": "Gemiddelde kostprijs",
        "indexatie": "Indexatie",
        "voorgesteld_tarief": "Voorgesteld tarief",
    }
    return Tabel(
        r.onderzoek.publiek_voorstel[list(kolommen)].rename(columns=kolommen),
        {
            "Gemiddelde kostprijs": "euro",
            "Indexatie": "procent_exact",
            "Voorgesteld tarief": "euro",
        },
        titel=f"Voorgestelde tarieven {r.jaar}",
    )


def scenarios(r: Rapport) -> list:
    b, verborgen = r.budget, r.verborgen
    uitleg = scenarioteksten.uitleg(
        r.params,
        scenariocijfers.neutraal(b, verborgen),
        scenariocijfers.geheime_scenarios(b, verborgen),
    )
    figuur, tabel = budgetrapport.tarieven_per_scenario(r)
    return [uitleg, tabel, figuur, budgetrapport.kosten_per_scenario(r)]  # the table first here
