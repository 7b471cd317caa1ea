"""The report 'Tariefherziening' (inkooptafel): the summary of the research, the tarieven and
the budget impact, aggregates only."""

from __future__ import annotations

from kostprijs.publicatie import budgetcijfers, scenariocijfers
from kostprijs.rapport import budgettabellen, indexatieverslag, teksten
from kostprijs.rapport.figuren import vergelijking_figuur
from kostprijs.rapport.inhoud import budgetrapport, kostprijzenrapport
from kostprijs.rapport.start import Rapport
from kostprijs.rapport.tabel import escape
from kostprijs.rapport.teksten import vergelijkingsteksten
from kostprijs.rapport.weergave import Html, Kern, Lijst, Tabel, Voetnoot


def kop(r: Rapport) -> list:
    o, p, b = r.onderzoek, r.params, r.budget
    realisatie = budgettabellen.vergelijking_realisatie(b, p)
    punten = [
        indexatieverslag.voorstel_kort(o.indexketen, p.scenarios.het_voorstel),
        indexatieverslag.vergelijking_uitleg(o.indexketen),
        *vergelijkingsteksten.bij_onderzoek(o, p),
        *budgetcijfers.kern([realisatie], realisatie, r.geheim),
    ]
    overzicht = scenariocijfers.voorstel_overzicht(b, r.verborgen, o.publiek_tariefoverzicht)
    voorgesteld = f"Voorgesteld tarief {r.jaar}"
    return [
        Html(
            f"""<h1>Tariefherziening Wmo-begeleiding {r.jaar}</h1>
{r.kop}
<p>Samenvatting voor de inkooptafel van {escape(p.gemeente)}: wat het kostprijsonderzoek oplevert,
wat dat betekent voor de tarieven en voor de uitgaven aan cliënten. Dit rapport toont alleen gemiddelden
en totalen, nooit de cijfers van één aanbieder.</p>"""
        ),
        Kern("In het kort", tuple(punten)),
        Tabel(
            overzicht.rename(
                columns={
                    "productspecificatie": "Productspecificatie",
                    "eenheid": "Eenheid",
                    "huidig_tarief": "Huidig tarief",
                    "voorgesteld_tarief": voorgesteld,
                    "wijziging": "Wijziging",
                }
            ),
            {"Huidig tarief": "euro", voorgesteld: "euro", "Wijziging": "procent_teken"},
            titel="Wat gebeurt er met de tarieven?",
            blad="Tarieven",
        ),
    ]


def methode(r: Rapport) -> list:
    o = r.onderzoek
    tabel, formaten = teksten.methodetabel(r.params, o.aggregatie.declaratie, o.indexketen)
    return [
        kostprijzenrapport.waarschuwingen(r),
        Tabel(tabel, formaten, titel="Methode en parameters"),
    ]


def deelname(r: Rapport) -> Tabel:
    return Tabel(r.onderzoek.publieke_deelname, {"Aantal": "geheel"}, titel="Inzendingen")


def gemiddelden(r: Rapport) -> Tabel:
    return kostprijzenrapport.gemiddelden(r, titel="Gemiddelde kostprijs per eenheid")


def vergelijking(r: Rapport):
    return vergelijking_figuur(r.onderzoek.zichtbare_vergelijking)


def budget(r: Rapport) -> list:
    b, p, geheim = r.budget, r.params, r.geheim
    nieuwe = budgettabellen.nieuwe_producten(b, p, r.verborgen)
    kern = budgettabellen.kern(b, p)
    if geheim:
        kern = budgetcijfers.kern(kern, budgettabellen.vergelijking_realisatie(b, p), geheim)
    return [
        teksten.bekostiging(p)
        + " Per cliënt en product: "
        + teksten.rekenregel(p, b.frequenties)
        + " Het rapport *Budgetimpact* geeft een rekenvoorbeeld en de gevoeligheid voor de "
        "gebruiksfactor.",
        budgetrapport.kosten_per_jaar(r),
        Voetnoot(nieuwe) if nieuwe else None,
        Lijst(tuple(kern[1:])),
    ]


def aannames(r: Rapport) -> Lijst:
    p = r.params
    punten = [
        "De kostprijzen volgen uit de gegevens die aanbieders aanleverden, niet uit "
        "kwaliteitseisen.",
        "Een cijfer dat te herleiden is tot één of twee aanbieders, of dat door één aanbieder "
        "wordt bepaald, staat er niet (x). Ook de cijfers waaruit het met totalen, aandelen of "
        "gemiddelden terug te rekenen zou zijn, zijn verborgen, en een nieuwe versie na een late "
        "of ingetrokken inzending verandert geen gepubliceerd cijfer. De precieze drempel blijft "
        "vertrouwelijk.",
        "Uitschieters worden gemeld aan de gemeente maar tellen mee: ze weglaten zou de vooraf "
        "vastgelegde methode veranderen.",
        f"De gebruiksfactor van {teksten.gebruiksfactor(p)} is een gemiddelde; het werkelijke "
        "gebruik verschilt per product.",
    ]
    if teksten.buiten_budget(p):
        punten.append(teksten.buiten_budget(p))
    punten.append(
        "Het logboek van aannames en de beschrijving van de kostprijsmethode horen bij dit "
        "onderzoek; welke invoer deze run gebruikte staat in het runmanifest naast de rapporten."
    )
    return Lijst(tuple(punten))
