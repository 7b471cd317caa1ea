"""Every raw input of a year checked up front, before anything is computed or reported.

`kostprijs controleer` (the first step of `make report`) reads the parameters and every raw
file with the same readers the pipeline uses, so a bad file stops the run at once with a
Dutch message that names the file, row and column, instead of after some reports are built.
"""

from __future__ import annotations

from pathlib import Path

from kostprijs.bestanden import catalogus
from kostprijs.budget.invoer import lees_indicaties, lees_realisatie
from kostprijs.budget.resultaat import lees_celrealisatie
from kostprijs.fouten import InvoerFout
from kostprijs.gemeentedata.tabellezer import verslag
from kostprijs.opmaak import getal
from kostprijs.parameters import ZIN, Jaarparameters
from kostprijs.tarieflijst import controleer_dekking, lees_tarieven, tarieven_uit_lijst


def controleer_invoer(params: Jaarparameters, raw: Path) -> str:
    """Read and check the raw folder; a Dutch summary, or the first InvoerFout."""
    raw = Path(raw)
    if not raw.is_dir():
        raise InvoerFout(
            "de map met ruwe gegevens bestaat niet.",
            bestand=raw,
            actie="Zet de gegevens van het jaar in deze map (zie docs/gegevens.md).",
        )
    paden = {
        "indicaties": catalogus.indicatiebron(raw),
        "tarieven": catalogus.tarievenbron(raw),
        "realisatie": catalogus.realisatiebron(raw, params.realisatiejaar),
        "aanbieders": raw / "aanbieders",
    }
    if params.resultaat is not None:
        paden["cellen"] = catalogus.cellenbron(raw, params.realisatiejaar)
    for pad in paden.values():
        if not pad.exists():
            raise InvoerFout(
                "dit bestand of deze map ontbreekt.",
                bestand=pad,
                actie=f"Zet het in {raw} (zie docs/gegevens.md).",
            )
    lijst = lees_tarieven(paden["tarieven"], params, meerdere=True)
    tarieven = tarieven_uit_lijst(lijst, params)
    indicaties = lees_indicaties(paden["indicaties"], params)
    realisatie = lees_realisatie(paden["realisatie"], params)
    realisatie.attrs.pop("clienten")  # only counted here
    gelezen = [verslag(lijst, indicaties, realisatie)]  # not the tables: they are freed below
    met_tarief = set(lijst["productspecificatie"])
    nieuw = [
        p.productspecificatie for p in params.catalogus if p.productspecificatie not in met_tarief
    ]
    bekend = realisatie[realisatie["productspecificatie"].isin(met_tarief)]
    controleer_dekking(tarieven, bekend, str(paden["tarieven"]))
    aantal_realisatie = len(realisatie)
    del realisatie, bekend  # millions of lines: free them before the next file is read
    aantal_cellen = None
    if "cellen" in paden:
        cellen = lees_celrealisatie(paden["cellen"], params)
        aantal_cellen = len(cellen)
        gelezen.append(verslag(cellen))
        del cellen
    werkmappen = [p for p in paden["aanbieders"].iterdir() if p.is_file()]
    lopend = indicaties[indicaties["lopend"]]
    regels = [
        f"Invoer {params.jaar} ({params.gemeente}) gecontroleerd in {raw}:",
        f"- {getal(len(lijst), 0)} huidige tarieven"
        + (f"; nog zonder tarief (nieuw): {', '.join(nieuw)}" if nieuw else ""),
        f"- {getal(len(indicaties), 0)} indicaties van {getal(lopend['client'].nunique(), 0)} "
        f"cliënten met een lopende indicatie; {getal(len(indicaties) - len(lopend), 0)} "
        f"indicaties eindigden vóór {params.jaar}",
        f"- {getal(aantal_realisatie, 0)} realisatieregels over {params.realisatiejaar}",
        f"- {getal(len(werkmappen), 0)} bestanden in {paden['aanbieders'].name}/",
    ]
    if aantal_cellen is not None:
        regels.append(
            f"- {getal(aantal_cellen, 0)} realisatieregels met de cel van de resultaatmatrix"
        )
    pgb = lijst[lijst["leveringsvorm"] != ZIN]
    if len(pgb):
        regels.append(f"- {getal(len(pgb), 0)} pgb-tarieven in de tarievenlijst")
    omrekeningen = [r for o, _ in gelezen for r in o]
    bevindingen = [r for _, b in gelezen for r in b]
    for kop, lijst_ in (
        ("Omgerekend bij het inlezen:", omrekeningen),
        ("Bevindingen bij het inlezen (niet als gegevens gelezen):", bevindingen),
    ):
        if lijst_:
            regels += [f"- {kop}", *(f"  - {r}" for r in lijst_)]
    return "\n".join(regels)
