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
    "procent_exact": "0.00####%",  # an index with every decimal it has
    "geheel": "#,##0",
    "getal": "#,##0.###",
}
_KOP = PatternFill("solid", fgColor="EEF3F8")


@dataclass(frozen=True)
class Blad:
    """One sheet: column headers, a format per column (a key of NUMMERFORMATEN, or "tekst";
    or a list with a format per row, for a column of mixed values) and the rows; optionally a
    title above and a footnote below."""

    naam: str
    kolommen: list[str]
    formaten: list[str | list[str]]
    rijen: list[list]
    titel: str | None = None
    voetnoot: str | None = None


MAX_BLADNAAM = 31  # Excel's limit


def bladnaam(naam: str, gebruikt: set[str]) -> str:
    """A valid, unique sheet name: the given name whole (characters Excel forbids become
    spaces), numbered when already in `gebruikt`. A name over 31 characters is an error: a
    sheet name is chosen, never cut mid-phrase."""
    basis = re.sub(r"[\[\]\*\?/\\:]", " ", naam).strip(" '") or "tabel"
    if len(basis) > MAX_BLADNAAM:
        raise ValueError(f"bladnaam langer dan {MAX_BLADNAAM} tekens: {basis!r}")
    kort = basis if len(basis) <= MAX_BLADNAAM - 4 else basis[: MAX_BLADNAAM - 4].rsplit(" ", 1)[0]
    uit, i = basis, 2
    while uit.lower() in gebruikt:
        uit, i = f"{kort} ({i})", i + 1
    gebruikt.add(uit.lower())
    return uit


def _breedte(kop: str, waarden: list, formaat) -> float:
    """A column width that fits the header's longest word and the longest value (as Excel
    shows it, roughly), between 8 and 60 characters; longer text wraps."""
    langste_woord = max((len(w) for w in str(kop).split()), default=0)
    lengtes = [
        len(str(v)) + (4 if formaat != "tekst" and not isinstance(v, str) else 0)
        for v in waarden
        if v is not None
    ]
    return float(max(8, min(60, max([langste_woord, *lengtes]) + 2)))


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
        per_cel = [
            [f[r] if isinstance(f, list) else f for f in b.formaten] for r in range(len(b.rijen))
        ]
        for r, (rij, formaten) in enumerate(zip(b.rijen, per_cel, strict=True), start=kop + 1):
            for k, (v, f) in enumerate(zip(rij, formaten, strict=True), start=1):
                cel = blad.cell(row=r, column=k, value=_waarde(v, f))  # O(1), unlike blad[r]
                if f in NUMMERFORMATEN and not isinstance(cel.value, str):
                    cel.number_format = NUMMERFORMATEN[f]
                elif isinstance(cel.value, str) and len(cel.value) > 60:
                    cel.alignment = Alignment(wrap_text=True, vertical="top")
        for kolom, (kop_, formaat) in enumerate(zip(b.kolommen, b.formaten, strict=True), start=1):
            waarden = [rij[kolom - 1] for rij in b.rijen]
            blad.column_dimensions[get_column_letter(kolom)].width = _breedte(
                kop_, waarden, formaat
            )
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
