"""The municipality's data as the step `controleer` read and checked them, kept as signed
records in the processed folder: the budget and result steps read these instead of parsing
the raw exports (millions of lines at national scale) a second and third time.

Two records: `gemeentegegevens` (the indications, the realisation with its reason per line,
the pseudonyms and the counts of reading) and `celrealisatie` (the realisation with the cell
of the result matrix, for a year with one). Clients appear as integer codes and pseudonyms
only: the raw client numbers never reach the processed folder. A file named in a message
is stored relative to the raw folder, so the records do not depend on where that folder is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.verwerkt import GEHEEL, TABEL, TEKST, TEKSTEN, schrijf_record
from kostprijs.budget.impact import Gemeentegegevens
from kostprijs.fouten import VerouderdeGegevens
from kostprijs.herkomst.keten import lees_stapuitvoer

STAP, OPDRACHT = "controleer", "controleer"
GEGEVENS, CELLEN = catalogus.GEMEENTEGEGEVENS, catalogus.CELREALISATIE
GEGEVENS_SCHEMA = {
    "indicaties": TABEL,
    "indicaties_attrs": TEKST,
    "realisatie": TABEL,
    "realisatie_attrs": TEKST,
    "pseudoniemen": TABEL,
    "gemeente_van_client": f"{TABEL}?",
    "zonder_elfproef": GEHEEL,
    "gecrediteerd": GEHEEL,
    "ontdubbeld": GEHEEL,
    "omrekeningen": TEKSTEN,
    "bevindingen": TEKSTEN,
}
CELLEN_SCHEMA = {"regels": TABEL, "attrs": TEKST}
NIET_BEWAARD = ("clienten",)  # attrs with the raw identifiers: never written


def _attrs_naar(attrs: dict, raw: Path) -> str:
    uit = {k: v for k, v in attrs.items() if k not in NIET_BEWAARD}
    if uit.get("bestand"):
        pad = Path(uit["bestand"])
        if pad.is_relative_to(raw):
            uit["bestand"] = pad.relative_to(raw).as_posix()
            uit["in_raw"] = True
    return json.dumps(uit, sort_keys=True, ensure_ascii=False, default=list)


def _attrs_uit(tekst: str, raw: Path) -> dict:
    attrs = json.loads(tekst)
    if attrs.pop("in_raw", False):
        attrs["bestand"] = str(Path(raw) / attrs["bestand"])
    return attrs


def _zonder_attrs(df: pd.DataFrame) -> pd.DataFrame:
    """The same columns without attrs (a shallow view: no copy of millions of lines)."""
    uit = pd.DataFrame(df, copy=False)
    uit.attrs = {}
    return uit


def schrijf_gegevens(map_: Path, g: Gemeentegegevens, raw: Path) -> list[Path]:
    """Write `g` as the record `gemeentegegevens` in `map_`; the files written."""
    raw = Path(raw)
    ind, real = g.indicaties, g.realisatie
    velden = {
        "indicaties": _zonder_attrs(ind),
        "indicaties_attrs": _attrs_naar(ind.attrs, raw),
        "realisatie": _zonder_attrs(real),
        "realisatie_attrs": _attrs_naar(real.attrs, raw),
        "pseudoniemen": pd.DataFrame({"pseudoniem": g.pseudoniemen.astype(object)}),
        "gemeente_van_client": None
        if g.gemeente_van_client is None
        else pd.DataFrame({"gemeente": g.gemeente_van_client}),
        "zonder_elfproef": int(g.zonder_elfproef),
        "gecrediteerd": int(g.gecrediteerd),
        "ontdubbeld": int(g.ontdubbeld),
        "omrekeningen": list(g.omrekeningen),
        "bevindingen": list(g.bevindingen),
    }
    return schrijf_record(map_, GEGEVENS, GEGEVENS_SCHEMA, velden)


def schrijf_cellen(map_: Path, regels: pd.DataFrame, raw: Path) -> list[Path]:
    """Write the realisation with cells as the record `celrealisatie` in `map_`."""
    velden = {"regels": _zonder_attrs(regels), "attrs": _attrs_naar(regels.attrs, Path(raw))}
    return schrijf_record(map_, CELLEN, CELLEN_SCHEMA, velden)


def _lees(processed: Path, naam: str, schema, wat: str) -> dict:
    velden = lees_stapuitvoer(Path(processed), STAP, naam, schema, wat, OPDRACHT)
    if velden is None:
        raise VerouderdeGegevens(
            f"{Path(processed) / naam}: {wat} ontbreken; de stap '{STAP}' leest en controleert "
            f"ze uit de ruwe gegevens. Draai `make report` (of eerst `kostprijs {OPDRACHT}`)."
        )
    return velden


def lees_gegevens(processed: Path, raw: Path) -> Gemeentegegevens:
    """The municipality's data as the step `controleer` saved them for this processed folder;
    VerouderdeGegevens naming the step when they are missing or not the ones it wrote."""
    v = _lees(processed, GEGEVENS, GEGEVENS_SCHEMA, "de gelezen indicaties en realisatie")
    indicaties, realisatie = v["indicaties"], v["realisatie"]
    indicaties.attrs = _attrs_uit(v["indicaties_attrs"], raw)
    realisatie.attrs = _attrs_uit(v["realisatie_attrs"], raw)
    lid = v["gemeente_van_client"]
    return Gemeentegegevens(
        indicaties,
        realisatie,
        v["pseudoniemen"]["pseudoniem"].to_numpy(dtype=object),
        v["zonder_elfproef"],
        v["gecrediteerd"],
        v["ontdubbeld"],
        tuple(v["omrekeningen"]),
        tuple(v["bevindingen"]),
        None if lid is None else lid["gemeente"].to_numpy(),
    )


def lees_cellen(processed: Path, raw: Path) -> pd.DataFrame:
    """The realisation with cells as the step `controleer` saved it (see `lees_gegevens`)."""
    v = _lees(processed, CELLEN, CELLEN_SCHEMA, "de gelezen realisatie met cellen")
    regels = v["regels"]
    regels.attrs = _attrs_uit(v["attrs"], raw)
    return regels
