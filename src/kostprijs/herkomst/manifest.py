"""The run manifest: exactly which inputs, parameters, method and software made a report.

`maak_manifest` records the SHA-256 of every input file, the year's parameters, the published
index figures, the declared aggregation method and its hash, package versions and the git
commit. The `run_id` is the first 12 hex characters of the SHA-256 of the canonical JSON of
all that, without the times and without the raw folder's location: two runs on the same
inputs share it.

The disclosure configuration holds p, which is confidential, and a plain hash of a file like
`p: 15` is reversed by trying a few hundred values. So its value is recorded as an HMAC with
the pseudonymisation key: it changes when p changes, and reveals nothing without the key. Its
source is named the same way whether p was set or is the code's default.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

import yaml

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.atomisch import schrijf_tekst, sha256
from kostprijs.bestanden.canoniek import canoniek
from kostprijs.fouten import ConfiguratieFout, InvoerFout
from kostprijs.herkomst.pseudoniem import lees_sleutel
from kostprijs.indexatie import INDEXCIJFERS
from kostprijs.onderzoek import onthulling as disclosure
from kostprijs.onderzoek.methode import Declaratie
from kostprijs.paden import BUILD, PROJECT, parameters_pad
from kostprijs.parameters import laad_parameters
from kostprijs.voorbeeld.gegevens import MARKERING

PAKKETTEN = (
    "pandas",
    "numpy",
    "pyarrow",
    "openpyxl",
    "python-calamine",
    "pandera",
    "papermill",
    "nbconvert",
    "babel",
    "matplotlib",
    "kostprijs",
)
NIET_IN_RUN_ID = ("run_id", "start", "einde", "raw")


def standaard_pad(jaar: int) -> Path:
    """Where `make report` writes the year's manifest at the start of the pipeline."""
    return BUILD / str(jaar) / catalogus.MANIFEST


def nu() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def bestanden(map_: Path) -> dict[str, str]:
    """SHA-256 of every file under `map_`, by relative POSIX path, sorted."""
    return {
        pad.relative_to(map_).as_posix(): sha256(pad)
        for pad in sorted(map_.rglob("*"))
        if pad.is_file()
    }


def versies() -> dict[str, str | None]:
    """Python and the key packages; None for a package that is not installed."""
    uit: dict[str, str | None] = {"python": platform.python_version()}
    for naam in PAKKETTEN:
        try:
            uit[naam] = metadata.version(naam)
        except metadata.PackageNotFoundError:
            uit[naam] = None
    return uit


def git_stand(map_: Path = PROJECT) -> dict | None:
    """Commit and whether the work tree has changes; None without git or outside a repository."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=map_, capture_output=True, text=True, check=True
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain"], cwd=map_, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return {"commit": commit, "gewijzigd": bool(status.strip())}


BRON_P = f".kostprijs/{disclosure.CONFIGURATIE.name} of {disclosure.OMGEVINGSVARIABELE}"


def _disclosure(pad: Path, omgeving) -> dict:
    """Where p is read from (one text, whichever holds it and also for the default) and a
    keyed hash of its value (never p itself)."""
    p = format(disclosure.lees_p(pad, omgeving).normalize(), "f")
    inhoud = f"kostprijs:p {p}".encode()
    digest = hmac.new(lees_sleutel(omgeving=omgeving), inhoud, hashlib.sha256).hexdigest()
    return {"bron": BRON_P, "hmac_sha256": digest}


def aanbiedersset(raw: dict[str, str], omgeving=None) -> dict | None:
    """Which providers' workbooks a run covers, without names: a keyed HMAC-SHA256 of each
    workbook's name and one of the sorted set (None without a key: then nothing is published
    for the inkooptafel). Internal only; `openbaar` leaves it out."""
    namen = sorted(n for n in raw if n.startswith(AANBIEDERS))
    try:
        sleutel = lees_sleutel(omgeving=omgeving)
    except ConfiguratieFout:
        return None

    def mac(tekst: str) -> str:
        return hmac.new(sleutel, tekst.encode("utf-8"), hashlib.sha256).hexdigest()

    return {"set": mac(canoniek(namen)), "leden": sorted(mac(n) for n in namen)}


def maak_manifest(
    jaar: int,
    raw: Path,
    *,
    params_pad: Path | None = None,
    disclosure_pad: Path | None = None,
    omgeving=None,
) -> dict:
    """The manifest of a run that starts now (einde: None until `voltooi`)."""
    raw = Path(raw)
    if not raw.is_dir():
        raise InvoerFout("de map met ruwe gegevens bestaat niet.", bestand=raw)
    omgeving = os.environ if omgeving is None else omgeving
    params_pad = parameters_pad(jaar) if params_pad is None else Path(params_pad)
    params = laad_parameters(jaar, params_pad)  # validates before anything is recorded
    ruw = yaml.safe_load(params_pad.read_text(encoding="utf-8"))
    declaratie = Declaratie.uit_parameters(params.kostprijs) if params.kostprijs else None
    ruwe_bestanden = bestanden(raw)
    manifest = {
        "jaar": jaar,
        "raw": str(raw),
        "synthetisch": (Path(raw) / MARKERING).exists(),
        "invoer": {
            "raw": ruwe_bestanden,
            "parameters": {"bestand": params_pad.name, "sha256": sha256(params_pad)},
            "indexcijfers": {"bestand": INDEXCIJFERS.name, "sha256": sha256(INDEXCIJFERS)},
            "disclosure": _disclosure(
                disclosure.CONFIGURATIE if disclosure_pad is None else Path(disclosure_pad),
                omgeving,
            ),
        },
        "parameters": json.loads(json.dumps(ruw, default=str)),
        "aggregatie": declaratie.als_dict() if declaratie else None,
        "versies": versies(),
        "aanbieders": aanbiedersset(ruwe_bestanden, omgeving),
        "git": git_stand(),
        "start": nu(),
        "einde": None,
    }
    manifest["run_id"] = run_id(manifest)
    return manifest


def run_id(manifest: dict) -> str:
    """First 12 hex of SHA-256 over the canonical JSON without times and raw location."""
    kern = {k: v for k, v in manifest.items() if k not in NIET_IN_RUN_ID}
    return hashlib.sha256(canoniek(kern).encode("utf-8")).hexdigest()[:12]


def schrijf_manifest(manifest: dict, pad: Path) -> None:
    """Write the manifest as readable JSON, atomically."""
    schrijf_tekst(pad, json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def lees_manifest(pad: Path) -> dict:
    try:
        return json.loads(Path(pad).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvoerFout(f"het runmanifest is niet te lezen ({exc}).", bestand=pad) from exc


AANBIEDERS = "aanbieders/"


def openbaar(manifest: dict) -> dict:
    """The manifest as it may travel with the reports: the providers' workbooks summarised as
    their number and one hash over all of them (their names and own hashes are internal),
    and no location of the raw folder."""
    uit = json.loads(json.dumps(manifest))
    raw = uit["invoer"]["raw"]
    werkmappen = {n: h for n, h in raw.items() if n.startswith(AANBIEDERS)}
    uit["invoer"]["raw"] = {n: h for n, h in raw.items() if not n.startswith(AANBIEDERS)}
    uit["invoer"]["aanbieders"] = {
        "aantal": len(werkmappen),
        "sha256": hashlib.sha256(canoniek(werkmappen).encode("utf-8")).hexdigest(),
    }
    uit.pop("raw", None)
    uit.pop("aanbieders", None)
    return uit


def voltooi(van: Path, naar: Path) -> dict:
    """Write the public manifest (see `openbaar`) of the start manifest `van` to `naar`, with
    the end time filled in."""
    manifest = openbaar(lees_manifest(van))
    manifest["einde"] = nu()
    schrijf_manifest(manifest, naar)
    return manifest
