"""Ingest a folder of provider workbooks: read (in worker processes, `werkers`), validate,
decide which submission counts, write.

Every problem becomes a finding and, where it must, a rejected submission. Outputs are written
to a temporary folder first and moved into place only when all are complete. What the run
prints is `rapport/teksten/inleesteksten`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.csvbestand import schrijf_tabel
from kostprijs.bestanden.injectie import onschadelijk
from kostprijs.fouten import InvoerFout
from kostprijs.herkomst.keten import raw_invoer, vastleggen
from kostprijs.inlezen import bevestigingen as bev
from kostprijs.inlezen.bevinding import FOUT, OPMERKING, Bevinding, fout
from kostprijs.inlezen.feedback import feedback_html, feedbacknaam
from kostprijs.inlezen.inzending import Inzending
from kostprijs.inlezen.inzendingtabellen import FTE, bouw_tabellen
from kostprijs.inlezen.openen import controleer_defusedxml, is_slotbestand
from kostprijs.inlezen.plausibiliteit import plausibiliteit
from kostprijs.inlezen.schema import valideer
from kostprijs.inlezen.werkers import Voortgang, lees_parallel
from kostprijs.parameters import Inleesparameters, Jaarparameters, inleesparameters
from kostprijs.sjabloon.indeling import (
    KVK,
    PERSONEEL_KOLOMMEN,
    REALISATIE_KOLOMMEN,
    indeling,
)

GEACCEPTEERD = "geaccepteerd"
MET_OPMERKINGEN = "geaccepteerd met opmerkingen"
AFGEWEZEN = "afgewezen"
VERVANGEN = "vervangen"
DUBBELREGEL = (
    "Bij meer inzendingen met hetzelfde KvK-nummer telt de niet-afgewezen inzending met de "
    "laatste invuldatum (bij gelijke datum: de alfabetisch laatste bestandsnaam)."
)


@dataclass
class Resultaat:
    """The outcome of one run."""

    inzendingen: pd.DataFrame
    bevindingen: pd.DataFrame
    overgeslagen: list[str]
    uitmap: Path
    bevestigingen: pd.DataFrame

    def telling(self, status: str) -> int:
        return int((self.inzendingen["status"] == status).sum()) if len(self.inzendingen) else 0

    @property
    def verwerkt(self) -> int:
        return int((self.inzendingen["telt_mee"] == "ja").sum()) if len(self.inzendingen) else 0


def aanbieder_id(kvk: str) -> str:
    """Stable id from the KvK number (see docs/gegevens.md: not an anonymisation)."""
    return "A-" + hashlib.sha256(f"kostprijs-aanbieder:{kvk}".encode()).hexdigest()[:10]


def standaard_bevestigingen(map_: Path) -> Path | None:
    """The default confirmations file: bevestigingen.csv beside the folder of workbooks."""
    pad = Path(map_).parent / bev.BESTANDSNAAM
    return pad if pad.is_file() else None


def lees_map(
    params: Jaarparameters,
    map_: Path,
    uitmap: Path,
    *,
    voortgang: bool = True,
    bevestigingen: Path | None = None,
) -> Resultaat:
    """Ingest every workbook in `map_`, write the processed tables and feedback to `uitmap`.

    bevestigingen: the municipality's confirmations of unusual values (bevestigingen.py).
    """
    controleer_defusedxml()
    map_, uitmap = Path(map_), Path(uitmap)
    if not map_.is_dir():
        raise InvoerFout(
            "de map met ingeleverde sjablonen bestaat niet.",
            bestand=map_,
            actie="Zet de werkmappen van de aanbieders in deze map of geef --map op.",
        )
    ind, ip, plaus = indeling(params), inleesparameters(params), plausibiliteit(params)
    bevestigd = bev.lees_bevestigingen(bevestigingen) if bevestigingen else {}
    alles = sorted((p for p in map_.iterdir() if p.is_file()), key=lambda p: p.name)
    overgeslagen = [p.name for p in alles if is_slotbestand(p)]
    paden = [p for p in alles if not is_slotbestand(p)]
    gelezen = lees_parallel(paden, ind, ip, Voortgang(len(paden), voortgang))
    inzendingen = {p.name: gelezen[p][0] for p in paden}
    hashes = {p.name: gelezen[p][1] for p in paden}
    leesbaar = [i for i in inzendingen.values() if i.waarden]
    tabellen = bouw_tabellen(leesbaar, ind)
    for b in valideer(tabellen, ind, inzendingen, plaus):
        inz = inzendingen[b.bestand]
        if b.veld and b.veld not in inz.cellen:
            continue  # its sheet is missing or its name broken: reported once, not per cell
        b = bev.bevestig(b, inz, bevestigd)
        al = {(x.veld, x.ernst) for x in inz.bevindingen}
        if b is not None and (b.veld, FOUT) not in al:  # an unreadable value once, not twice
            inz.bevindingen.append(b)
    bev.beoordeel_overige(bevestigd, inzendingen)
    dubbel = _zelfde_kvk_andere_naam(inzendingen)
    overzicht = _overzicht(inzendingen, hashes, dubbel)
    resultaat = Resultaat(
        overzicht,
        _bevindingen(inzendingen),
        overgeslagen,
        uitmap,
        bev.tabel(bevestigd, ind, aanbieder_id),
    )
    geschreven = _schrijf(resultaat, inzendingen, tabellen, params, ip)
    invoer = raw_invoer(map_.parent, alles)
    if bevestigingen and Path(bevestigingen).exists():
        pad = Path(bevestigingen)
        binnen = pad.resolve().is_relative_to(map_.parent.resolve())
        invoer |= raw_invoer(map_.parent, [pad]) if binnen else {f"extern/{pad.name}": pad}
    invoer[f"params/{params.bron.name}"] = params.bron
    vastleggen(uitmap, "inlezen", invoer, geschreven)
    return resultaat


def _naamsleutel(naam: str) -> str:
    """A provider name for comparison: letters and digits only, case-folded."""
    return "".join(c for c in naam.casefold() if c.isalnum())


def _zelfde_kvk_andere_naam(inzendingen: dict[str, Inzending]) -> dict[str, list[str]]:
    """Submissions that share a KvK number under different names: each gets an error (its
    feedback does not name the other provider). Returns file -> the other files."""
    per_kvk: dict[str, list[Inzending]] = {}
    for inz in inzendingen.values():
        kvk, naam = inz.waarden.get(KVK), inz.waarden.get("aanbieder_naam")
        if isinstance(kvk, str) and isinstance(naam, str):
            per_kvk.setdefault(kvk, []).append(inz)
    dubbel: dict[str, list[str]] = {}
    for kvk, groep in per_kvk.items():
        if len({_naamsleutel(i.waarden["aanbieder_naam"]) for i in groep}) < 2:
            continue
        for inz in groep:
            dubbel[inz.bestand] = [i.bestand for i in groep if i is not inz]
            inz.bevindingen.append(
                fout(
                    inz.bestand,
                    f"Onder hetzelfde KvK-nummer ({kvk}) is ook een inzending met een andere "
                    "organisatienaam binnengekomen. Uw cijfers tellen niet mee totdat de "
                    "gemeente met u heeft uitgezocht bij welke organisatie dit KvK-nummer "
                    "hoort. Controleer uw KvK-nummer en naam; de gemeente neemt contact met u op.",
                    gevonden=kvk,
                    verwacht="één organisatie per KvK-nummer",
                    **inz.plaats(KVK),
                )
            )
    return dubbel


def _status(inz: Inzending) -> str:
    if any(b.ernst == FOUT for b in inz.bevindingen):
        return AFGEWEZEN
    return MET_OPMERKINGEN if inz.bevindingen else GEACCEPTEERD


def _overzicht(
    inzendingen: dict[str, Inzending], hashes: dict[str, str], dubbel: dict[str, list[str]]
) -> pd.DataFrame:
    rijen = []
    for naam, inz in inzendingen.items():
        kvk = inz.waarden.get(KVK)
        geldig = isinstance(kvk, str) and kvk.isdigit() and len(kvk) == 8
        status = _status(inz)
        eerste = next((b for b in sorted(inz.bevindingen, key=_volgorde) if b.ernst == FOUT), None)
        reden = _reden(eerste) if eerste else ""
        if naam in dubbel:
            reden += (
                f" (KvK-nummer {kvk} ook gebruikt onder een andere naam in: "
                f"{', '.join(dubbel[naam])})"
            )
        rijen.append(
            {
                "bestand": naam,
                "sha256": hashes[naam],
                "aanbieder_id": aanbieder_id(kvk) if geldig else "",
                # as read, also for a rejected submission: the internal report names it
                "naam": naam_
                if isinstance(naam_ := inz.waarden.get("aanbieder_naam"), str)
                else "",
                "status": status,
                "telt_mee": "nee" if status == AFGEWEZEN else "ja",
                "fouten": sum(b.ernst == FOUT for b in inz.bevindingen),
                "opmerkingen": sum(b.ernst == OPMERKING for b in inz.bevindingen),
                "reden": reden,
                "terugkoppeling": f"terugkoppeling/{feedbacknaam(naam, hashes[naam])}"
                if inz.bevindingen
                else "",
                "_datum": inz.waarden.get("invuldatum"),
            }
        )
    groepen: dict[str, list[dict]] = {}
    for r in rijen:
        if r["telt_mee"] == "ja" and r["aanbieder_id"]:
            groepen.setdefault(r["aanbieder_id"], []).append(r)
    for groep in groepen.values():
        groep.sort(key=lambda r: (r["_datum"].isoformat() if r["_datum"] else "", r["bestand"]))
        for r in groep[:-1]:
            r |= {
                "status": VERVANGEN,
                "telt_mee": "nee",
                "reden": f"vervangen door {groep[-1]['bestand']}: {DUBBELREGEL}",
            }
    rijen.sort(key=lambda r: r["bestand"])
    return pd.DataFrame(rijen, columns=INZENDINGEN_KOLOMMEN)


def _reden(b: Bevinding) -> str:
    plaats = ", ".join(x for x in (f"blad {b.blad}" if b.blad else "", b.cel) if x)
    return f"{plaats}: {b.melding}" if plaats else b.melding


INZENDINGEN_KOLOMMEN = catalogus.kolommen(catalogus.INZENDINGEN)
BEVINDINGEN_KOLOMMEN = catalogus.kolommen(catalogus.BEVINDINGEN)


def _bevindingen(inzendingen: dict[str, Inzending]) -> pd.DataFrame:
    alle = sorted(
        (b for inz in inzendingen.values() for b in inz.bevindingen),
        key=_volgorde,
    )
    rijen = [{k: getattr(b, k) for k in BEVINDINGEN_KOLOMMEN} for b in alle]
    return pd.DataFrame(rijen, columns=BEVINDINGEN_KOLOMMEN)


def _tekst(x) -> str:
    if x is None:
        return ""
    if isinstance(x, Decimal):
        t = format(x.normalize(), "f")
        return t
    if hasattr(x, "isoformat"):
        return x.isoformat()
    return str(x)


def _uitvoertabellen(
    overzicht: pd.DataFrame, tabellen: dict[str, pd.DataFrame], inzendingen: dict[str, Inzending]
) -> dict[str, pd.DataFrame]:
    mee = overzicht[overzicht["telt_mee"] == "ja"].set_index("bestand")["aanbieder_id"].to_dict()

    def kies(df: pd.DataFrame) -> pd.DataFrame:
        df = df[df["bestand"].isin(mee)].copy()
        df.insert(0, "aanbieder_id", df["bestand"].map(mee))
        return df

    alg = kies(tabellen["algemeen"])
    aanbieders = pd.DataFrame(
        {
            "aanbieder_id": alg["aanbieder_id"],
            "naam": alg["aanbieder_naam"],
            "kvk": alg["aanbieder_kvk"],
            "grootteklasse": alg["grootteklasse"],
            "cao": alg["cao"],
            "contactpersoon": alg["contact_naam"],
            "email": alg["contact_email"],
            "invuldatum": alg["invuldatum"],
            "bestand": alg["bestand"],
        }
    )
    personeel = kies(tabellen["personeel"])[["aanbieder_id", "functie_nr", *PERSONEEL_KOLOMMEN]]
    bs = kies(tabellen["bouwstenen"])
    inzet = pd.DataFrame(
        [
            {
                "aanbieder_id": r["aanbieder_id"],
                "productspecificatie": r["productspecificatie"],
                "functie_nr": int(k[-2:]),
                "fte": r[k],
            }
            for r in bs.to_dict("records")
            for k in FTE
            if r[k] is not None and r[k] > 0
        ],
        columns=["aanbieder_id", "productspecificatie", "functie_nr", "fte"],
    )
    bouwstenen = bs.drop(columns=["bestand", *FTE, "fte_totaal"])
    realisatie = kies(tabellen["realisatie"])[
        ["aanbieder_id", "productspecificatie", *REALISATIE_KOLOMMEN]
    ]
    return {
        catalogus.AANBIEDERS: (aanbieders, ["aanbieder_id"]),
        catalogus.PERSONEEL: (personeel, ["aanbieder_id", "functie_nr"]),
        catalogus.INZET: (inzet, ["aanbieder_id", "productspecificatie", "functie_nr"]),
        catalogus.BOUWSTENEN: (bouwstenen, ["aanbieder_id", "productspecificatie"]),
        catalogus.REALISATIE_AANBIEDERS: (realisatie, ["aanbieder_id", "productspecificatie"]),
    }


def _csv(df: pd.DataFrame, pad: Path, sleutel: list[str] | None = None) -> None:
    if sleutel and len(df):
        df = df.sort_values(sleutel, kind="mergesort")
    schrijf_tabel(df.map(lambda x: _tekst(onschadelijk(x))), pad)


def _schrijf(
    res: Resultaat,
    inzendingen: dict[str, Inzending],
    tabellen: dict[str, pd.DataFrame],
    params: Jaarparameters,
    ip: Inleesparameters,
) -> list[Path]:
    """Write every output, all or nothing; returns the files written."""
    res.uitmap.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".inlezen.", dir=res.uitmap))
    try:
        (tmp / "terugkoppeling").mkdir()
        _csv(res.inzendingen, tmp / catalogus.INZENDINGEN)
        _csv(res.bevindingen, tmp / catalogus.BEVINDINGEN)
        _csv(res.bevestigingen, tmp / bev.BESTANDSNAAM)
        for naam, (df, sleutel) in _uitvoertabellen(res.inzendingen, tabellen, inzendingen).items():
            _csv(df, tmp / naam, sleutel)
        statussen = res.inzendingen.set_index("bestand")["status"].to_dict()
        namen = res.inzendingen.set_index("bestand")["terugkoppeling"].to_dict()
        labels = {v.naam: v.label for v in indeling(params).velden}
        for naam, inz in inzendingen.items():
            if not inz.bevindingen:
                continue
            html = feedback_html(
                naam,
                inz.waarden.get("aanbieder_naam"),
                statussen[naam],
                sorted(
                    inz.bevindingen,
                    key=lambda b: (b.ernst != FOUT, b.blad, _celsleutel(b.cel), b.veld, b.melding),
                ),
                params.jaar,
                ip.contact,
                labels,
            )
            (tmp / namen[naam]).write_text(html, encoding="utf-8")
        oud = res.uitmap / "terugkoppeling"
        if oud.exists():
            shutil.rmtree(oud)
        os.replace(tmp / "terugkoppeling", oud)
        volgorde = sorted(p.name for p in tmp.iterdir())
        for naam in sorted(volgorde, key=lambda n: n == catalogus.INZENDINGEN):  # overview last
            os.chmod(tmp / naam, 0o644)
            os.replace(tmp / naam, res.uitmap / naam)
        return [res.uitmap / n for n in volgorde] + sorted(oud.iterdir())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _volgorde(b: Bevinding) -> tuple:
    return (b.bestand, b.blad, _celsleutel(b.cel), b.veld, b.melding)


def _celsleutel(cel: str) -> tuple:
    letters = cel.rstrip("0123456789")
    return (len(letters), letters, int(cel[len(letters) :] or 0))
