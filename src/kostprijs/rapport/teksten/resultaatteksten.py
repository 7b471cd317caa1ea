"""The result-based tariffs in Dutch sentences: the declared method, the price level of the
cost prices under them, and the toelichting of `kostprijs resultaattarieven`."""

from __future__ import annotations

from kostprijs import opmaak
from kostprijs.matrix import Resultaatmatrix
from kostprijs.parameters import Jaarparameters
from kostprijs.resultaat.celrealisatie import resultaatmatrix
from kostprijs.resultaat.celtarieven import Resultaattarieven, naar_tariefjaar
from kostprijs.sjabloon.indeling import boekjaar


def prijspeil_zin(params: Jaarparameters) -> str:
    """The price level of the cost prices under the cell tariffs, as a sentence."""
    factor = naar_tariefjaar(params)
    if params.kostprijs is None or factor == 1:
        return "De kostprijzen worden niet geïndexeerd."
    return (
        f"De kostprijzen staan op het prijspeil van {boekjaar(params)} en zijn geïndexeerd naar "
        f"{params.jaar} (× {opmaak.getal(factor, 6)}, zie het rapport Tarieven), net als elk "
        "voorgesteld tarief."
    )


STATISTIEK_NAMEN = {
    "gemiddelde": "het gemiddelde",
    "mediaan": "de mediaan",
    "getrimd_gemiddelde": "het getrimde gemiddelde",
}


def methode_zinnen(matrix: Resultaatmatrix, per: str) -> list[str]:
    """The declared method in Dutch sentences (for the CLI's toelichting and the report)."""
    eenheid = "cliëntperiode (cliënt × facturatieperiode)" if per == "periode" else "traject"
    statistiek = STATISTIEK_NAMEN[matrix.statistiek]
    if matrix.statistiek == "getrimd_gemiddelde":
        statistiek += f" zonder de {opmaak.procent(matrix.trim_aandeel, 0)} laagste en hoogste"
    zinnen = [
        f"Het tarief van een cel is {statistiek} van de kosten per {eenheid} van de cliënten "
        "in die cel: de som van de geleverde eenheden × de kostprijs per eenheid, afgerond "
        "op centen (half naar boven).",
        "Een cliënt met ondersteuning op meer resultaatgebieden telt in elke cel mee met de "
        "zorg die bij die cel hoort.",
    ]
    if per == "periode":
        zinnen.append(
            "Een periode zonder zorg tussen de eerste en de laatste periode van een cliënt in "
            "een cel telt mee als 0."
            if matrix.perioden_zonder_zorg == "tellen_mee"
            else "Perioden zonder zorg tellen niet mee."
        )
    zinnen.append(
        f"Een cel met minder dan {matrix.minimum_clienten} cliënten krijgt het tarief van "
        "dezelfde zelfredzaamheid in alle subresultaten van haar resultaatgebied samen; is "
        "ook die groep te klein, dan van dezelfde zelfredzaamheid in alle resultaatgebieden. "
        "De kolom bron zegt welke groep het tarief bepaalde."
    )
    return zinnen


def toelichting(params: Jaarparameters, uitkomst: Resultaattarieven) -> list[str]:
    """The `toelichting` sheet of `kostprijs resultaattarieven`."""
    matrix = resultaatmatrix(params)
    regels = [
        f"Resultaattarieven {params.gemeente}, parameters {params.jaar}.",
        *methode_zinnen(matrix, uitkomst.per),
        prijspeil_zin(params),
        f"Realisatie tegen kostprijs: {opmaak.euro(uitkomst.kosten_centen, centen=True)}; "
        f"met de celtarieven: {opmaak.euro(uitkomst.tariefmodel_centen, centen=True)}.",
        "Cellen die de gemeente niet inkoopt, staan niet in de matrix.",
    ]
    if uitkomst.onder_eigen_bijdrage is not None:
        regels.append(
            f"{uitkomst.onder_eigen_bijdrage} cliëntperioden kostten minder dan het "
            f"eigen-bijdrageplafond van {opmaak.euro(matrix.eigen_bijdrage_plafond)} per periode: "
            "met een resultaattarief kan de eigen bijdrage daar hoger zijn dan de zorg."
        )
    return regels


def kosten_uitleg(samen: int) -> str:
    """The paragraph above the costs per cell; `samen`: cells shown together in one row.

    >>> kosten_uitleg(0).endswith("(aantal cliëntperioden of trajecten × tarief).")
    True
    >>> "staan samen in één rij (3 cellen)" in kosten_uitleg(3)
    True
    """
    tekst = (
        "De zorg van vorig jaar tegen kostprijs, naast wat de gemeente met de celtarieven had "
        "betaald (aantal cliëntperioden of trajecten × tarief)."
    )
    if samen:
        tekst += (
            f" Cellen met weinig cliënten of weinig aanbieders staan samen in één rij ({samen} "
            "cellen), zodat geen bedrag bij enkele cliënten of aanbieders hoort; van die cellen "
            "staat ook in de matrix geen aantal."
        )
    return tekst
