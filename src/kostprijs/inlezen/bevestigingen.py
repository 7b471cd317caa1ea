"""The municipality's confirmations of unusual values (data/raw/<jaar>/bevestigingen.csv).

When the municipality has checked a value outside the plausible range with the provider,
it records it: kvk, blad, cel, waarde (the value as the cell holds it, percentages as a
fraction or with %), reden. A confirmed value outside the hard range or a recognised slip
then counts, with a remark instead of an error; the value must match exactly. A
confirmation of a Realisatie "kosten" cell also lets a cost price through the hard
cross-check between bouwstenen and actual costs (kostprijs.py). Every confirmation gets a
status in the processed bevestigingen.csv; one that matches no submitted value is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import pandas as pd

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.getallen import lees_getal
from kostprijs.fouten import InvoerFout
from kostprijs.gemeentedata.tabellezer import lees_tabel
from kostprijs.inlezen.bevinding import OPMERKING, Bevinding
from kostprijs.inlezen.inzending import Inzending
from kostprijs.inlezen.schema import HARD, VERGISSING, ZACHT
from kostprijs.opmaak import invoergetal
from kostprijs.sjabloon.indeling import BLADEN, KVK, Indeling

KOLOMMEN = ["kvk", "blad", "cel", "waarde", "reden"]
BESTANDSNAAM = catalogus.BEVESTIGINGEN
GEBRUIKT = "gebruikt"  # turned a rejection or remark at ingestion into a confirmed remark
KLOPT = "klopt"  # matches the submitted value; nothing needed it at ingestion
PAST_NIET = "past niet"  # matches no submitted value
BEVESTIGD = "bevestigd"  # the rule name of a confirmed finding
UITVOER_KOLOMMEN = catalogus.kolommen(catalogus.BEVESTIGINGEN)  # the processed file


@dataclass
class Bevestiging:
    """One row of bevestigingen.csv and what became of it."""

    rij: int
    kvk: str
    blad: str
    cel: str
    waarde: Decimal
    reden: str
    status: str = ""
    toelichting: str = ""
    bestand: str = ""
    veld: str = ""


def lees_bevestigingen(pad: Path) -> dict[tuple[str, str, str], Bevestiging]:
    """The confirmations by (kvk, blad, cel); InvoerFout (Dutch, with the row) when wrong."""
    df = lees_tabel(Path(pad), KOLOMMEN)
    komma = df.attrs["decimaalkomma"]
    uit: dict[tuple[str, str, str], Bevestiging] = {}
    for r in df.to_dict("records"):
        rij = int(r["_rij"])

        def fout(melding: str, kolom: str, rij: int = rij) -> InvoerFout:
            return InvoerFout(melding, bestand=pad, rij=rij, kolom=kolom)

        kvk = re.sub(r"\s", "", r["kvk"])
        if not kvk.isdigit() or len(kvk) > 8:
            raise fout(f"'{r['kvk']}' is geen KvK-nummer (8 cijfers).", "kvk")
        kvk = kvk.zfill(8)  # Excel drops the leading zero when it saves a CSV
        blad = next((b for b in BLADEN if b.lower() == r["blad"].lower()), None)
        if blad is None:
            raise fout(
                f"'{r['blad']}' is geen blad van het sjabloon ({', '.join(BLADEN)}).", "blad"
            )
        cel = r["cel"].upper().replace("$", "")
        if not re.fullmatch(r"[A-Z]{1,3}[1-9]\d*", cel):
            raise fout(f"'{r['cel']}' is geen cel; schrijf bijvoorbeeld D21.", "cel")
        tekst = r["waarde"]
        procent = tekst.endswith("%")
        waarde = lees_getal(tekst.rstrip("%"), komma)
        if waarde is None:
            raise fout(
                f"'{tekst}' is geen getal; schrijf de waarde zoals in de cel, bijvoorbeeld "
                + ("0,5 of 50%." if komma else "0.5 of 50%."),
                "waarde",
            )
        if not r["reden"]:
            raise fout("de reden ontbreekt; schrijf op wat met de aanbieder is nagegaan.", "reden")
        sleutel = (kvk, blad, cel)
        if sleutel in uit:
            raise fout(
                f"cel {cel} van blad {blad} voor KvK-nummer {kvk} staat er al op rij "
                f"{uit[sleutel].rij}; laat één bevestiging per cel staan.",
                "cel",
            )
        uit[sleutel] = Bevestiging(
            rij, kvk, blad, cel, waarde / 100 if procent else waarde, r["reden"]
        )
    return uit


def bevestig(
    b: Bevinding, inz: Inzending, bevestigingen: dict[tuple[str, str, str], Bevestiging]
) -> Bevinding | None:
    """A plausibility finding about a confirmed value as a confirmed remark; the finding
    unchanged otherwise; None when the cell already has a confirmed remark."""
    if not b.regel.startswith((HARD, ZACHT, VERGISSING)):
        return b
    bev = bevestigingen.get((inz.waarden.get(KVK), b.blad, b.cel))
    if bev is None or inz.waarden.get(b.veld) != bev.waarde:
        return b
    bev.status, bev.bestand, bev.veld = GEBRUIKT, inz.bestand, b.veld
    if any(x.veld == b.veld and x.regel == BEVESTIGD for x in inz.bevindingen):
        return None
    return replace(
        b,
        ernst=OPMERKING,
        regel=BEVESTIGD,
        melding=f"De gemeente heeft deze waarde bevestigd ({bev.reden}); ze telt mee. "
        f"De controle meldde: {b.melding}",
    )


def beoordeel_overige(
    bevestigingen: dict[tuple[str, str, str], Bevestiging], inzendingen: dict[str, Inzending]
) -> None:
    """Status of every confirmation that confirmed no finding: does it match a value?"""
    per_kvk: dict[str, list[Inzending]] = {}
    for inz in inzendingen.values():
        per_kvk.setdefault(inz.waarden.get(KVK), []).append(inz)
    for bev in bevestigingen.values():
        if bev.status == GEBRUIKT:
            continue
        bev.status = PAST_NIET
        groep = per_kvk.get(bev.kvk, [])
        if not groep:
            bev.toelichting = f"geen inzending met KvK-nummer {bev.kvk}"
            continue
        for inz in groep:
            veld = next((n for n, plek in inz.cellen.items() if plek == (bev.blad, bev.cel)), "")
            if not veld:
                bev.toelichting = f"cel {bev.cel} van blad {bev.blad} is geen invulcel"
                continue
            bev.bestand, bev.veld = inz.bestand, veld
            gevonden = inz.waarden.get(veld)
            if gevonden == bev.waarde:
                bev.status, bev.toelichting = KLOPT, "klopt met de inzending"
                break
            bev.toelichting = (
                f"in {inz.bestand} staat {_tekst(gevonden)}, niet {_tekst(bev.waarde)}"
            )


def tabel(
    bevestigingen: dict[tuple[str, str, str], Bevestiging], ind: Indeling, aanbieder_id
) -> pd.DataFrame:
    """The processed bevestigingen.csv (internal): every confirmation with its status."""
    rijen = []
    for bev in sorted(bevestigingen.values(), key=lambda b: b.rij):
        veld = ind.per_naam.get(bev.veld)
        rijen.append(
            {
                "kvk": bev.kvk,
                "blad": bev.blad,
                "cel": bev.cel,
                "waarde": bev.waarde,
                "reden": bev.reden,
                "status": bev.status,
                "geldig": "nee" if bev.status == PAST_NIET else "ja",
                "toelichting": bev.toelichting,
                "bestand": bev.bestand,
                "aanbieder_id": aanbieder_id(bev.kvk),
                "veld": bev.veld,
                "productspecificatie": (veld.product or "") if veld else "",
                "kolom": veld.kolom if veld else "",
            }
        )
    return pd.DataFrame(rijen, columns=UITVOER_KOLOMMEN)


def _tekst(waarde) -> str:
    if isinstance(waarde, Decimal):
        return invoergetal(waarde)
    return "niets" if waarde is None else str(waarde)
