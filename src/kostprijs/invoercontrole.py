"""Every raw input of a year checked up front, before anything is computed or reported.

`kostprijs controleer` (the first step of `make report`) reads the parameters and every raw
file with the same readers the pipeline uses, and checks every section of the parameters the
later steps need. It does not stop at the first problem: every check runs, and one list names
all problems (each with its file, row and column), so one run shows what to repair. The
realisation is checked against the indications as the budget step does; what would be kept
out is listed per client (pseudonym) and product.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pandas as pd

from kostprijs.bestanden import catalogus
from kostprijs.budget.impact import lees_gemeentegegevens, toets_realisatie
from kostprijs.fouten import InvoerFout, KostprijsFout
from kostprijs.gemeentedata.tabellezer import verslag
from kostprijs.herkomst.pseudoniem import lees_sleutel
from kostprijs.inlezen.pijplijn import inleesparameters
from kostprijs.inlezen.plausibiliteit import plausibiliteit
from kostprijs.opmaak import bericht, euro, getal
from kostprijs.parameters import ZIN, Jaarparameters
from kostprijs.resultaat.celrealisatie import lees_celrealisatie
from kostprijs.sjabloon.indeling import indeling
from kostprijs.tarieflijst import Tarieven, controleer_dekking, lees_tarieven, tarieven_uit_lijst

T = TypeVar("T")
Bewaar = Callable[[str, object], None]
MAX_LIJST = 100  # lines per listing in the summary; the rest is counted
VOORBEELDEN = 10  # example clients under a listing summed per reason


class Problemen:
    """The problems of all checks, collected instead of stopping at the first."""

    def __init__(self) -> None:
        self.lijst: list[str] = []

    def probeer(self, controle: Callable[[], T]) -> T | None:
        """Run a check; a KostprijsFout is noted and None returned."""
        try:
            return controle()
        except KostprijsFout as fout:
            self.lijst.append(str(fout))
            return None


def _parameters(params: Jaarparameters, problemen: Problemen) -> None:
    """Every section of the parameters that a later step of `make report` reads."""
    for controle in (indeling, inleesparameters, plausibiliteit):
        problemen.probeer(lambda c=controle: c(params))
    if params.kostprijs is None:
        problemen.lijst.append(
            f"{params.bron.name}: de sectie 'kostprijs' (drempels en methode van het "
            "gemiddelde) ontbreekt; de stap kostprijzen heeft die nodig."
        )


def controleer_invoer(params: Jaarparameters, raw: Path, bewaar: Bewaar | None = None) -> str:
    """Read and check the parameters and the raw folder; a Dutch summary, or one InvoerFout
    that lists every problem found. `bewaar(soort, gelezen)` receives the municipality's data
    as read (soort "gegevens": the Gemeentegegevens, "cellen": the realisation with cells)
    right after reading, so that they need not stay in memory."""
    raw = Path(raw)
    if not raw.is_dir():
        raise InvoerFout(
            "de map met ruwe gegevens bestaat niet.",
            bestand=raw,
            actie="Zet de gegevens van het jaar in deze map (zie docs/gegevens.md).",
        )
    problemen = Problemen()
    _parameters(params, problemen)
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
            problemen.lijst.append(
                str(
                    InvoerFout(
                        "dit bestand of deze map ontbreekt.",
                        bestand=pad,
                        actie=f"Zet het in {raw} (zie docs/gegevens.md).",
                    )
                )
            )
    bestaat = {k: p.exists() for k, p in paden.items()}
    lijst = (
        problemen.probeer(lambda: lees_tarieven(paden["tarieven"], params, meerdere=True))
        if bestaat["tarieven"]
        else None
    )
    tarieven = (
        problemen.probeer(lambda: tarieven_uit_lijst(lijst, params)) if lijst is not None else None
    )
    regels = [f"Invoer {params.jaar} ({params.gemeente}) gecontroleerd in {raw}:"]
    gelezen = [verslag(lijst)] if lijst is not None else []  # conversions, findings of reading
    if lijst is not None:
        met_tarief = set(lijst["productspecificatie"])
        nieuw = [
            p.productspecificatie
            for p in params.catalogus
            if p.productspecificatie not in met_tarief
        ]
        regels.append(
            f"- {getal(len(lijst), 0)} huidige tarieven"
            + (f"; nog zonder tarief (nieuw): {', '.join(nieuw)}" if nieuw else "")
        )
    sleutel = problemen.probeer(lees_sleutel)
    if bestaat["indicaties"] and bestaat["realisatie"] and sleutel is not None:
        regels += _gemeentegegevens(
            params, raw, sleutel, tarieven, paden, problemen, gelezen, bewaar
        )
    if "cellen" in paden and bestaat["cellen"]:
        cellen = problemen.probeer(lambda: lees_celrealisatie(paden["cellen"], params))
        if cellen is not None:
            gelezen.append(verslag(cellen))
            if bewaar is not None:
                bewaar("cellen", cellen)
            regels.append(
                f"- {getal(len(cellen), 0)} realisatieregels met de cel van de resultaatmatrix"
            )
    if bestaat["aanbieders"]:
        werkmappen = [p for p in paden["aanbieders"].iterdir() if p.is_file()]
        regels.append(f"- {getal(len(werkmappen), 0)} bestanden in {paden['aanbieders'].name}/")
    if lijst is not None:
        pgb = lijst[lijst["leveringsvorm"] != ZIN]
        if len(pgb):
            regels.append(f"- {getal(len(pgb), 0)} pgb-tarieven in de tarievenlijst")
    for kop, lijst_ in (
        ("Omgerekend bij het inlezen:", [r for o, _ in gelezen for r in o]),
        (
            "Bevindingen bij het inlezen (niet als gegevens gelezen):",
            [r for _, b in gelezen for r in b],
        ),
    ):
        if lijst_:
            regels += [f"- {kop}", *(f"  - {r}" for r in lijst_)]
    if problemen.lijst:
        raise InvoerFout(
            f"de invoer van {params.jaar} heeft {len(problemen.lijst)} probleem/problemen:\n"
            + "\n".join(f"- {p}" for p in problemen.lijst),
            actie="\nHerstel ze alle en draai `kostprijs controleer` opnieuw.",
        )
    return "\n".join(regels)


def _gemeentegegevens(params, raw, sleutel, tarieven, paden, problemen, gelezen, bewaar):
    """Indicaties and realisatie read and checked as the budget step does; the summary lines
    (what reading converted and found goes to `gelezen`)."""
    g = problemen.probeer(lambda: lees_gemeentegegevens(params, raw, sleutel))
    if g is None:
        return []
    if bewaar is not None:
        bewaar("gegevens", g)
    gelezen.append((g.omrekeningen, g.bevindingen))
    ind = g.indicaties
    regels = [
        f"- {getal(len(ind), 0)} indicaties van {getal(ind.loc[ind['lopend'], 'client'].nunique(), 0)} "
        f"cliënten met een indicatie die in {params.jaar} loopt; "
        f"{getal(int((~ind['lopend']).sum()), 0)} indicaties eindigden vóór {params.jaar}",
        f"- {getal(len(g.realisatie), 0)} realisatieregels over {params.realisatiejaar}"
        + (f" ({getal(g.gecrediteerd, 0)} verrekend met creditregels)" if g.gecrediteerd else "")
        + (
            f"; {getal(g.ontdubbeld, 0)} bevestigde dubbele regels één keer" if g.ontdubbeld else ""
        ),
    ]
    if g.zonder_elfproef:
        regels.append(
            f"- {getal(g.zonder_elfproef, 0)} cliëntnummers van 9 cijfers voldoen niet aan de "
            "11-proef (geen geldig BSN); ze tellen mee als cliëntnummer"
        )
    if tarieven is None:
        return regels
    met_tarief = {p for p, _, _ in tarieven.centen}
    lijnen = g.realisatie[["productspecificatie", "variant", "leveringsvorm"]]
    gedekt = lijnen[lijnen["productspecificatie"].isin(met_tarief)]
    problemen.probeer(lambda: controleer_dekking(tarieven, gedekt, str(paden["tarieven"])))
    # products without a current tarief (new ones) have no amount here: 0, shown as '-'
    aangevuld = tarieven.aangevuld_met(Tarieven(_alle_regels(params)))
    toets = toets_realisatie(g, params, aangevuld)
    regels += _lijst(
        "Realisatie die niet meetelt (per cliënt en product)",
        toets.uitgesloten,
        g.pseudoniemen,
        met_tarief,
        lambda r: bericht(r.reden, r.datum),
        per_reden=True,
    )
    if params.budget.gebruiksband is not None:
        laag, hoog = params.budget.gebruiksband
        regels += _lijst(
            f"Gebruik onder {getal(laag * 100, 0)}% of boven {getal(hoog * 100, 0)}% van de "
            "indicatie: eenheid of frequentie verwisseld? (8 uur per maand als per week?)",
            toets.band.assign(volume_milli=toets.band["gerealiseerd_milli"]),
            g.pseudoniemen,
            met_tarief,
            lambda r: (
                f"{getal(r.aandeel * 100, 0)}% van "
                f"{getal(r.geindiceerd_milli / 1000, 1)} geïndiceerd"
            ),
        )
    return regels


def _alle_regels(params: Jaarparameters) -> dict:
    """Every line of the catalogue (with its variants and leveringsvormen) at 0 cents."""
    uit = {}
    for p in params.catalogus:
        for v in [v.naam for v in p.varianten] or [""]:
            for lv in params.leveringsvormen:
                uit[(p.productspecificatie, v, lv.naam)] = 0
    return uit


def _lijst(
    titel, tabel: pd.DataFrame, pseudoniemen, met_tarief, toelichting, *, per_reden=False
) -> list[str]:
    """A listing per client and product; `per_reden`: first the totals per product and reason
    (what an analyst acts on), then a few clients as examples to look up."""
    if tabel.empty:
        return []
    regels = [f"- {titel}: {getal(len(tabel), 0)}"]
    if per_reden:
        redenen = tabel.assign(reden=[toelichting(r) for r in tabel.itertuples()])
        groepen = redenen.groupby(["productspecificatie", "reden"], sort=True, observed=True)
        for (product, reden), g in groepen:
            bedrag = euro(int(g["centen"].sum()), centen=True) if product in met_tarief else "-"
            wie = "cliënt" if len(g) == 1 else "cliënten"
            regels.append(
                f"    {product}: {getal(len(g), 0)} {wie}, "
                f"{getal(g['volume_milli'].sum() / 1000, 3)} eenheden, {bedrag}; {reden}"
            )
        regels.append(
            f"    Voorbeelden om na te zoeken ({getal(min(len(tabel), VOORBEELDEN), 0)}):"
        )
    aantal = VOORBEELDEN if per_reden else MAX_LIJST
    for r in tabel.head(aantal).itertuples():
        bedrag = euro(int(r.centen), centen=True) if r.productspecificatie in met_tarief else "-"
        regels.append(
            f"    {pseudoniemen[int(r.client)]}  {r.productspecificatie}: "
            f"{getal(r.volume_milli / 1000, 3)} eenheden, {bedrag}; {toelichting(r)}"
        )
    if len(tabel) > aantal:
        regels.append(f"    ... en nog {getal(len(tabel) - aantal, 0)}")
    return regels
