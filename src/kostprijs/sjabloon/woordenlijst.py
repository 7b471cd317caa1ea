"""The data dictionary of the template's named cells (docs/sjabloon.md), from the layout."""

from __future__ import annotations

from kostprijs.sjabloon.indeling import TEKST_MAX, Indeling


def data_dictionary(ind: Indeling) -> str:
    """The data dictionary of the template's named cells, as Markdown (docs/sjabloon.md)."""
    regels = [
        f"# Data dictionary van het kostprijssjabloon (tariefjaar {ind.jaar}, versie {ind.versie})",
        "",
        "Gegenereerd door `kostprijs.sjabloon.woordenlijst.data_dictionary` uit de parameters van het jaar;",
        "een test houdt dit bestand gelijk aan het sjabloon. Elke invoercel heeft een Excel-naam;",
        "`kostprijs inlezen` zoekt de cellen op die naam en controleert dat elke naam nog naar",
        "deze cel wijst. Soort: `tekst` (als tekst opgemaakt, hooguit "
        f"{TEKST_MAX} tekens), `getal` (0 of meer),",
        "`fractie` (percentage, 0-100%), `geheel` (geheel getal, 0 of meer), `keuze` (lijst),",
        "`datum`, `formule` (berekend, vergrendeld). Bouwstenen zijn verplicht voor elk",
        "aangeboden product; fte en realisatie zijn verplicht waar van toepassing (zie `docs/gegevens.md`).",
        "",
        "| naam | blad | cel | omschrijving | soort | eenheid | verplicht | keuzes / formule |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for v in ind.velden:
        extra = ", ".join(v.keuzes) if v.keuzes else (f"`={v.formule}`" if v.formule else "")
        regels.append(
            f"| `{v.naam}` | {v.blad} | {v.cel} | {v.label} | {v.soort} | {v.eenheid} | "
            f"{'ja' if v.verplicht else ''} | {extra} |"
        )
    return "\n".join(regels) + "\n"
