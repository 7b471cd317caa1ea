"""The research as the step `kostprijzen` saves it: a signed record (`bestanden.verwerkt`) that
every report reads instead of computing the research again.

The record is internal (it holds every provider's figures, like kostprijzen_aanbieders.csv);
the reports apply disclosure control to what they show of it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.verwerkt import (
    DATUM,
    DECIMAAL,
    GEHEEL,
    TABEL,
    TEKST,
    TEKST_PER_TEKST,
    TEKSTEN,
    schrijf_record,
)
from kostprijs.herkomst.keten import lees_stapuitvoer
from kostprijs.indexatie import Indexketen, Indexstap
from kostprijs.onderzoek.aggregatie import Aggregatie
from kostprijs.onderzoek.kostprijsonderzoek import Kostprijsonderzoek
from kostprijs.onderzoek.methode import Declaratie, Methodecontrole

BESTAND, STAP = catalogus.ONDERZOEK, "kostprijzen"
SCHEMA = {
    "per_aanbieder": TABEL,
    "aggregatie.per_product": TABEL,
    "aggregatie.uitgesloten": TABEL,
    "aggregatie.uitschieters": TABEL,
    "declaratie.aggregatie": TEKST,
    "declaratie.trim_aandeel": DECIMAAL,
    "declaratie.opslag": TEKST,
    "declaratie.declaratiedatum": f"{DATUM}?",
    "inzendingen": TABEL,
    "oordelen": TABEL,
    "onderdrukt": TEKSTEN,
    "vergelijking": TABEL,
    "voorstel": TABEL,
    "methodecontrole.eerste_inzending": f"{DATUM}?",
    "methodecontrole.vastgelegde_hash": f"{TEKST}?",
    "methodecontrole.vastlegging": TEKST,
    "eenheden": TEKST_PER_TEKST,
    "namen": TEKST_PER_TEKST,
    "opmerkingen": TABEL,
    "bevestigingen": TABEL,
    "indexketen.prijsjaar": GEHEEL,
    "indexketen.tariefjaar": GEHEEL,
    "indexketen.methode": TEKST,
    "indexketen.reden": TEKST,
    "indexketen.stappen": TABEL,
}
INDEXSTAP = ["jaar", "fractie", "bron", "voorlopig"]


def naar_record(o: Kostprijsonderzoek) -> dict[str, object]:
    """The fields of SCHEMA."""
    a, d, k = o.aggregatie, o.aggregatie.declaratie, o.indexketen
    stappen = pd.DataFrame(
        [[s.jaar, s.fractie, s.bron, s.voorlopig] for s in k.stappen], columns=INDEXSTAP
    )
    return {
        "per_aanbieder": o.per_aanbieder,
        "aggregatie.per_product": a.per_product,
        "aggregatie.uitgesloten": a.uitgesloten,
        "aggregatie.uitschieters": a.uitschieters,
        "declaratie.aggregatie": d.aggregatie,
        "declaratie.trim_aandeel": d.trim_aandeel,
        "declaratie.opslag": d.opslag,
        "declaratie.declaratiedatum": d.declaratiedatum,
        "inzendingen": o.inzendingen,
        "oordelen": o.oordelen,
        "onderdrukt": sorted(o.onderdrukt),
        "vergelijking": o.vergelijking,
        "voorstel": o.voorstel,
        "methodecontrole.eerste_inzending": o.methodecontrole.eerste_inzending,
        "methodecontrole.vastgelegde_hash": o.methodecontrole.vastgelegde_hash,
        "methodecontrole.vastlegging": o.methodecontrole.vastlegging,
        "eenheden": dict(o.eenheden),
        "namen": dict(o.namen),
        "opmerkingen": o.opmerkingen,
        "bevestigingen": o.bevestigingen,
        "indexketen.prijsjaar": k.prijsjaar,
        "indexketen.tariefjaar": k.tariefjaar,
        "indexketen.methode": k.methode,
        "indexketen.reden": k.reden,
        "indexketen.stappen": stappen,
    }


def uit_record(v: dict[str, object]) -> Kostprijsonderzoek:
    """The research of fields read with SCHEMA."""
    declaratie = Declaratie(
        v["declaratie.aggregatie"],
        v["declaratie.trim_aandeel"],
        v["declaratie.opslag"],
        v["declaratie.declaratiedatum"],
    )
    stappen = tuple(
        Indexstap(int(r.jaar), r.fractie, r.bron, bool(r.voorlopig))
        for r in v["indexketen.stappen"].itertuples()
    )
    return Kostprijsonderzoek(
        per_aanbieder=v["per_aanbieder"],
        aggregatie=Aggregatie(
            v["aggregatie.per_product"],
            v["aggregatie.uitgesloten"],
            v["aggregatie.uitschieters"],
            declaratie,
        ),
        inzendingen=v["inzendingen"],
        oordelen=v["oordelen"],
        onderdrukt=frozenset(v["onderdrukt"]),
        vergelijking=v["vergelijking"],
        voorstel=v["voorstel"],
        methodecontrole=Methodecontrole(
            declaratie.declaratiedatum,
            v["methodecontrole.eerste_inzending"],
            v["methodecontrole.vastgelegde_hash"],
            declaratie.sha256,
            v["methodecontrole.vastlegging"],
        ),
        eenheden=v["eenheden"],
        namen=v["namen"],
        opmerkingen=v["opmerkingen"],
        bevestigingen=v["bevestigingen"],
        indexketen=Indexketen(
            v["indexketen.prijsjaar"],
            v["indexketen.tariefjaar"],
            v["indexketen.methode"],
            stappen,
            v["indexketen.reden"],
        ),
    )


def schrijf_onderzoek(onderzoek: Kostprijsonderzoek, processed: Path) -> list[Path]:
    """Save the research in `processed`; the files written."""
    return schrijf_record(Path(processed), BESTAND, SCHEMA, naar_record(onderzoek))


def lees_onderzoek(processed: Path) -> Kostprijsonderzoek | None:
    """The saved research, or None when the step has not run for this folder.
    VerouderdeGegevens when the record is not the one the step wrote and signed."""
    velden = lees_stapuitvoer(
        Path(processed), STAP, BESTAND, SCHEMA, "het kostprijsonderzoek", "kostprijzen"
    )
    return None if velden is None else uit_record(velden)
