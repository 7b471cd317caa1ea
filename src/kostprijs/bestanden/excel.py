"""Writing workbooks: one writer for every .xlsx the project makes, one table of number
formats, and one fixed moment in the archive, so the same content gives the same bytes.

Numbers are stored as numbers with Dutch display formats; text passes the injection guard.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kostprijs.bestanden.atomisch import atomisch
from kostprijs.bestanden.injectie import geen_formules, onschadelijk

VAST_TIJDSTIP = datetime(2026, 1, 1)  # the moment every archive and workbook says it was made
NUMMERFORMATEN = {
    "euro": '"€" #,##0.00;"€" -#,##0.00',
    "euro_heel": '"€" #,##0;"€" -#,##0',
    "procent": "0.0%",
    "geheel": "#,##0",
    "getal": "#,##0.###",
}
_KOP = PatternFill("solid", fgColor="EEF3F8")


@dataclass(frozen=True)
class Blad:
    """One sheet: column headers, a format per column (a key of NUMMERFORMATEN, or "tekst")
    and the rows; optionally a title above and a footnote below."""

    naam: str
    kolommen: list[str]
    formaten: list[str]
    rijen: list[list]
    titel: str | None = None
    voetnoot: str | None = None


def bladnaam(titel: str, gebruikt: set[str]) -> str:
    """A sheet name for a title: Excel's 31 characters, cut at a word, unique in `gebruikt`."""
    basis = re.sub(r"[\[\]\*\?/\\:]", " ", titel).strip()
    if len(basis) > 28:
        basis = basis[:28].rsplit(" ", 1)[0]
    basis = basis.rstrip(" (,-") or "tabel"
    naam, i = basis, 2
    while naam.lower() in gebruikt:
        naam, i = f"{basis[:25]} ({i})", i + 1
    gebruikt.add(naam.lower())
    return naam


def _waarde(v, formaat: str):
    if v is None or formaat not in NUMMERFORMATEN:
        return onschadelijk(v)
    try:
        d = Decimal(str(v)) if isinstance(v, float) else Decimal(v)
    except ArithmeticError:
        return onschadelijk(v)  # a marker such as a suppressed cell stays text
    return int(d) if formaat in ("geheel", "euro_heel") and d == d.to_integral_value() else float(d)


def werkboek(bladen: list[Blad]) -> Workbook:
    """The workbook of these sheets (an empty list gives one sheet that says so)."""
    boek = Workbook()
    boek.remove(boek.active)
    for b in bladen:
        blad = boek.create_sheet(b.naam)
        if b.titel is not None:
            blad.append([onschadelijk(b.titel)])
            blad["A1"].font = Font(bold=True, size=12)
        blad.append([onschadelijk(k) for k in b.kolommen])
        kop = blad.max_row
        for cel in blad[kop]:
            cel.font = Font(bold=True)
            cel.fill = _KOP
            cel.alignment = Alignment(wrap_text=True, vertical="top")
        for rij in b.rijen:
            blad.append([_waarde(v, f) for v, f in zip(rij, b.formaten, strict=True)])
        for kolom, formaat in enumerate(b.formaten, start=1):
            letter = get_column_letter(kolom)
            blad.column_dimensions[letter].width = max(14, min(45, len(b.kolommen[kolom - 1]) + 2))
            if formaat in NUMMERFORMATEN:
                for (cel,) in blad.iter_rows(min_row=kop + 1, min_col=kolom, max_col=kolom):
                    cel.number_format = NUMMERFORMATEN[formaat]
        if b.voetnoot:
            blad.append([])
            blad.append([onschadelijk(b.voetnoot)])
        blad.freeze_panes = f"A{kop + 1}"
        geen_formules(blad)
    if not boek.sheetnames:
        boek.create_sheet("leeg").append(["Deze werkmap bevat geen tabellen."])
    boek.properties.creator = "kostprijs"
    boek.properties.created = boek.properties.modified = VAST_TIJDSTIP
    return boek


def schrijf_werkboek(bladen: list[Blad], pad: Path) -> None:
    """Write the sheets to `pad`, atomically and reproducibly."""
    buffer = io.BytesIO()
    werkboek(bladen).save(buffer)
    with atomisch(pad) as tmp:
        tmp.write_bytes(vaste_zip(buffer.getvalue()))


def vaste_zip(inhoud: bytes, aanpassing: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """The archive rewritten with VAST_TIJDSTIP on every entry and as the document's
    modification time (openpyxl stamps the save time there); `aanpassing(naam, inhoud)` may
    change an entry on the way (the template stores the results of its formulas)."""
    tijd = VAST_TIJDSTIP.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(inhoud)) as zin, zipfile.ZipFile(uit, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + tijd + rb"\g<2>",
                    data,
                )
            if aanpassing is not None:
                data = aanpassing(info.filename, data)
            nieuw = zipfile.ZipInfo(info.filename, date_time=VAST_TIJDSTIP.timetuple()[:6])
            nieuw.compress_type = zipfile.ZIP_DEFLATED
            nieuw.external_attr = 0o644 << 16
            zout.writestr(nieuw, data)
    return uit.getvalue()
