"""The report 'Resultaattarieven' (inkooptafel): the cell tariffs of the result matrix, under
disclosure control (`publicatie.celtabellen`)."""

from __future__ import annotations

from kostprijs.publicatie import scenariocijfers
from kostprijs.publicatie.celtabellen import formaten
from kostprijs.rapport import resultaattabellen, teksten
from kostprijs.rapport.figuren import resultaat_heatmap
from kostprijs.rapport.inhoud import gemeenterapport
from kostprijs.rapport.start import Rapport
from kostprijs.rapport.teksten.resultaatteksten import kosten_uitleg, methode_zinnen, prijspeil_zin
from kostprijs.rapport.weergave import Html, Kern, Lijst, Tabel


def _periodebudget(r: Rapport) -> int | None:
    """The periodebudget at the new tarieven, unless one of them is hidden (see the budget
    report) or the year has no periodebudget."""
    if r.params.bekostiging.periodebudget and not r.geheim:
        return r.budget.nieuw_bestaand_centen
    return None


def kop(r: Rapport) -> list:
    u = r.resultaat
    punten = resultaattabellen.kern(
        u, r.params.resultaat, _periodebudget(r), r.resultaatpublicatie.totaal_getoond
    )
    return [
        f"""
# Resultaattarieven {r.jaar}

Wmo-begeleiding in {r.params.gemeente}: wat een tarief per cel van de matrix resultaatgebied ×
afstand tot het resultaat (zelfredzaamheid) zou zijn, berekend uit de zorg die cliënten vorig jaar
kregen en de gemiddelde kostprijzen uit het kostprijsonderzoek. {teksten.resultaatbekostiging(r.params)}
""",
        Html(r.kop),
        Kern("Kern", tuple(punten)),
    ]


def methode(r: Rapport) -> Lijst:
    return Lijst((*methode_zinnen(r.params.resultaat, r.resultaat.per), prijspeil_zin(r.params)))


def matrix(r: Rapport) -> list:
    p = r.resultaatpublicatie
    return [
        "Elke cel toont het tarief. Een ster (*) betekent dat het tarief uit een grotere groep "
        "komt, omdat de cel te weinig cliënten had; x: geen tarief; -: de gemeente koopt deze cel "
        "niet in.",
        resultaat_heatmap(p.heatmap, r.resultaat.per),
        Tabel(p.matrix, formaten(r.resultaat), titel="Tarief per cel", blad="Matrix"),
    ]


def aandelen(r: Rapport) -> list:
    a = r.resultaatpublicatie.aandelen
    return [
        "Per cel het aandeel van elk product in de kosten van de getoonde producten (cellen "
        "waarvan de cijfers getoond mogen worden). Een product waarvan de kostprijs of het aandeel "
        "in de cel herleidbaar is tot één of enkele aanbieders, telt niet mee: niet in het aandeel "
        "en niet in het geheel waarvan het een aandeel is.",
        Tabel(
            a,
            {k: "procent" for k in a.columns[2:]},
            titel="Aandeel per product",
            blad="Aandelen",
        ),
    ]


def kosten(r: Rapport) -> list:
    p = r.resultaatpublicatie
    return [
        kosten_uitleg(p.samen),
        Tabel(
            p.kosten,
            {k: "centen_heel" for k in p.kosten.columns[1:]},
            titel="Kosten per cel",
            blad="Kosten per cel",
        ),
        "Wie wint en wie verliest: het verschil per cliënt tussen het bedrag met de celtarieven "
        "en de kosten van de geleverde zorg. Elk percentiel is het gemiddelde van de drie cliënten "
        "die er het dichtst bij liggen.",
        Tabel(
            resultaattabellen.verdeling_tabel(r.resultaat),
            {"Deel van de cliënten met een lager verschil": "procent", "Verschil": "centen"},
            titel="Verschil per cliënt",
            blad="Verschil per cliënt",
        ),
    ]


def per_gemeente(r: Rapport) -> list | None:
    """A region: the cost of the cells per member (nothing for one municipality)."""
    return gemeenterapport.resultaat(r)


def scenarios(r: Rapport) -> list:
    """The cell tariffs per tariff scenario of the budget step, where it computed them."""
    celkosten = scenariocijfers.celkosten_tabel(
        r.budget, r.resultaat, r.verborgen, r.resultaatpublicatie.totaal_getoond
    )
    if celkosten is None:
        return []
    return [
        "## Tariefscenario's\n\n" + resultaattabellen.SCENARIO_UITLEG,
        Tabel(
            celkosten,
            scenariocijfers.CELKOSTEN_FORMATEN,
            titel="Kosten met de celtarieven per tariefscenario",
            blad="Celtarieven per scenario",
        ),
    ]


def kanttekeningen(r: Rapport) -> Lijst:
    return Lijst(
        (
            "Een resultaattarief betaalt per periode hetzelfde voor elke cliënt in een cel; de "
            "werkelijke zorg verschilt per cliënt. Het tarief stopt wanneer de ondersteuning niet "
            "meer bijdraagt aan het resultaat.",
            "De tarieven rusten op de zorg van vorig jaar: een andere inzet na de overgang "
            "verandert ze.",
            "Cliënten van één cel die minder dan het minimum telt, worden nooit apart getoond.",
        )
    )
