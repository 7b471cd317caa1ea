"""Excel export of a report: every table of the executed notebook as a sheet.

Numbers are stored as numbers with Dutch display formats; headers are the report's own.
The workbook's bytes do not depend on when it was written (fixed timestamps).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kostprijs.bestanden.atomisch import atomisch
from kostprijs.bestanden.injectie import geen_formules, onschadelijk
from kostprijs.rapport.mime import TABEL

NUMMERFORMATEN = {
    "euro": '"€" #,##0.00;"€" -#,##0.00',
    "euro_heel": '"€" #,##0;"€" -#,##0',
    "procent": "0.0%",
    "geheel": "#,##0",
    "getal": "#,##0.###",
}
VAST_TIJDSTIP = dt.datetime(2000, 1, 1)


def tabellen(notebook: dict) -> list[dict]:
    """The report tables in the order the notebook (its JSON as a dict) shows them."""
    return [
        uitvoer["data"][TABEL]
        for cel in notebook["cells"]
        if cel["cell_type"] == "code"
        for uitvoer in cel.get("outputs", [])
        if TABEL in uitvoer.get("data", {})
    ]


def _bladnaam(titel: str, gebruikt: set[str]) -> str:
    basis = re.sub(r"[\[\]\*\?/\\:]", " ", titel).strip()
    if len(basis) > 28:  # Excel allows 31 characters: cut at a word, not inside one
        basis = basis[:28].rsplit(" ", 1)[0]
    basis = basis.rstrip(" (,-") or "tabel"
    naam, i = basis, 2
    while naam.lower() in gebruikt:
        naam, i = f"{basis[:25]} ({i})", i + 1
    gebruikt.add(naam.lower())
    return naam


def werkboek(tabellen_: list[dict]) -> Workbook:
    boek = Workbook()
    boek.remove(boek.active)
    gebruikt: set[str] = set()
    for t in tabellen_:
        blad = boek.create_sheet(_bladnaam(t["titel"], gebruikt))
        blad.append([onschadelijk(t["titel"])])
        blad["A1"].font = Font(bold=True, size=12)
        blad.append([onschadelijk(k) for k in t["kolommen"]])
        for cel in blad[2]:
            cel.font = Font(bold=True)
            cel.fill = PatternFill("solid", fgColor="EEF3F8")
            cel.alignment = Alignment(wrap_text=True, vertical="top")
        for rij in t["rijen"]:
            blad.append([_waarde(v, f) for v, f in zip(rij, t["formaten"], strict=True)])
        for kolom, formaat in enumerate(t["formaten"], start=1):
            letter = get_column_letter(kolom)
            blad.column_dimensions[letter].width = max(
                14, min(45, len(t["kolommen"][kolom - 1]) + 2)
            )
            if formaat in NUMMERFORMATEN:
                for (cel,) in blad.iter_rows(min_row=3, min_col=kolom, max_col=kolom):
                    cel.number_format = NUMMERFORMATEN[formaat]
        if t.get("voetnoot"):
            blad.append([])
            blad.append([onschadelijk(t["voetnoot"])])
        blad.freeze_panes = "A3"
        geen_formules(blad)
    if not boek.sheetnames:
        boek.create_sheet("leeg").append(["Dit rapport bevat geen tabellen."])
    boek.properties.creator = "kostprijs"
    boek.properties.created = boek.properties.modified = VAST_TIJDSTIP
    return boek


def _waarde(v, formaat: str):
    if v is None or formaat == "tekst":
        return onschadelijk(v)
    try:
        d = Decimal(v)
    except ArithmeticError:
        return onschadelijk(v)  # a marker such as a suppressed cell stays text
    return int(d) if formaat in ("geheel", "euro_heel") and d == d.to_integral_value() else float(d)


def schrijf_excel(notebook: Path, uit: Path) -> None:
    """Write the workbook of all tables in the executed `notebook`, atomically, reproducibly."""
    buffer = io.BytesIO()
    # plain JSON: nbformat's schema validation costs more import time than the whole export
    werkboek(tabellen(json.loads(Path(notebook).read_text(encoding="utf-8")))).save(buffer)
    with atomisch(uit) as tmp:
        _vaste_zip(buffer.getvalue(), tmp)


def _vaste_zip(inhoud: bytes, pad: Path) -> None:
    """Rewrite the zip with fixed timestamps (entries and document properties), so equal
    content gives equal bytes."""
    with (
        zipfile.ZipFile(io.BytesIO(inhoud)) as bron,
        zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED) as doel,
    ):
        for info in bron.infolist():
            nieuw = zipfile.ZipInfo(info.filename, date_time=VAST_TIJDSTIP.timetuple()[:6])
            nieuw.compress_type = zipfile.ZIP_DEFLATED
            inhoud = bron.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                inhoud = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", inhoud
                )
            doel.writestr(nieuw, inhoud)
