"""Builders of provider workbooks for tests: one hand-written valid submission, and the
bad and hostile variants of it, generated cheaply in a temporary folder."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl

from kostprijs.sjabloon.schrijven import schrijf_sjabloon

# One small provider offering OZL 1 (uur) and OMD 1 (dagdeel), figures typed by hand.
GOED: dict[str, object] = {
    "aanbieder_naam": "Testzorg B.V.",
    "aanbieder_kvk": "12345678",
    "grootteklasse": "klein",
    "cao": "Gehandicaptenzorg",
    "contact_naam": "T. Tester",
    "contact_email": "t.tester@testzorg.example",
    "invuldatum": datetime(2026, 9, 15),
    "aangeboden_ozl_1": "ja",
    "aangeboden_ozl_2": "nee",
    "aangeboden_ozl_3": "nee",
    "aangeboden_omd_1": "ja",
    "aangeboden_omd_2": "nee",
    "aangeboden_omd_3": "nee",
    "aangeboden_vervoer": "nee",
    "aangeboden_kortdurend_verblijf": "nee",
    "aangeboden_kortdurend_verblijf_extra": "nee",
    "functie_01_functie": "Begeleider niveau 3",
    "functie_01_schaal": "FWG 35",
    "functie_01_jaarsalaris": 33000,
    "functie_01_vakantiegeld": 0.08,
    "functie_01_eindejaarsuitkering": 0.0833,
    "functie_01_ort": 0.02,
    "functie_01_werkgeverslasten": 0.25,
    "bs_ozl_1_fte_01": 1.5,
    "bs_ozl_1_jaaruren": 1872,
    "bs_ozl_1_verlof": 210,
    "bs_ozl_1_ziekte": 100,
    "bs_ozl_1_scholing": 40,
    "bs_ozl_1_overleg": 80,
    "bs_ozl_1_indirect": 150,
    "bs_ozl_1_reiskosten": 900,
    "bs_ozl_1_opleidingskosten": 600,
    "bs_ozl_1_overhead": 0.12,
    "bs_ozl_1_verplichtingen": 0.02,
    "bs_ozl_1_materieel": 0.5,
    "bs_ozl_1_huisvesting": 1.25,
    "bs_ozl_1_indexering": 0.03,
    "bs_ozl_1_risico": 0.01,
    "bs_omd_1_fte_01": 1,
    "bs_omd_1_jaaruren": 1872,
    "bs_omd_1_verlof": 210,
    "bs_omd_1_ziekte": 100,
    "bs_omd_1_scholing": 40,
    "bs_omd_1_overleg": 80,
    "bs_omd_1_indirect": 100,
    "bs_omd_1_reiskosten": 300,
    "bs_omd_1_opleidingskosten": 600,
    "bs_omd_1_overhead": 0.15,
    "bs_omd_1_verplichtingen": 0.02,
    "bs_omd_1_materieel": 2,
    "bs_omd_1_huisvesting": 3,
    "bs_omd_1_groepsgrootte": 6,
    "bs_omd_1_begeleiders": 1,
    "bs_omd_1_indexering": 0.03,
    "bs_omd_1_risico": 0.01,
    "real_ozl_1_kosten": 61250.5,
    "real_ozl_1_volume": 1240,
    "real_ozl_1_clienten": 12,
}


def goed(params, pad: Path, **wijzig) -> Path:
    """The valid submission with some cells changed (None empties a cell).

    Unless given, the KvK number is derived from the file name, so that every fixture is
    a different provider.
    """
    kvk = str(10_000_000 + int(hashlib.sha256(pad.name.encode()).hexdigest(), 16) % 89_999_999)
    invulling = {k: v for k, v in (GOED | {"aanbieder_kvk": kvk} | wijzig).items() if v is not None}
    return schrijf_sjabloon(params, pad, invulling)


def met_openpyxl(params, pad: Path, bewerk) -> Path:
    """The valid submission, opened, edited and saved with openpyxl (formulas lose values)."""
    goed(params, pad)
    wb = openpyxl.load_workbook(pad)
    bewerk(wb)
    wb.save(pad)
    return pad


def zip_vervang(bron: Path, pad: Path, vervang: dict[str, bytes], *, niveau: int = 6) -> Path:
    """A copy of `bron` with zip entries replaced or added."""
    with zipfile.ZipFile(bron) as zin, zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename not in vervang:
                zout.writestr(info, zin.read(info))
        for naam, data in vervang.items():
            zout.writestr(naam, data, compresslevel=niveau)
    return pad


def zip_met_groot_onderdeel(bron: Path, pad: Path, naam: str, megabytes: int) -> Path:
    """A copy of `bron` plus an entry of `megabytes` MB of spaces, streamed (cheap)."""
    with zipfile.ZipFile(bron) as zin, zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
        blok = b" " * (1 << 20)
        info = zipfile.ZipInfo(naam)
        info.compress_type = zipfile.ZIP_DEFLATED
        with zout.open(info, "w", force_zip64=True) as f:
            for _ in range(megabytes):
                f.write(blok)
    return pad


def miljoen_rijen() -> bytes:
    """A worksheet with data in row 1 and row 1,000,000 (a million-row used range)."""
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="A1:B1000000"/><sheetData>'
        b'<row r="1"><c r="A1"><v>1</v></c></row>'
        b'<row r="1000000"><c r="B1000000"><v>2</v></c></row>'
        b"</sheetData></worksheet>"
    )


def xml_bom() -> bytes:
    """A 'billion laughs' workbook.xml."""
    entiteiten = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    return (
        '<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY l0 "lol">'
        + entiteiten
        + ']><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheets><sheet name="&l9;" sheetId="1"/></sheets></workbook>'
    ).encode()


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


OLE_KOP = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def opmaak_onderaan(bron: Path, pad: Path, blad: str = "xl/worksheets/sheet5.xml") -> Path:
    """A copy of `bron` with one formatted, empty cell at XFD1048576, as Excel writes it
    when a whole column or row was formatted: harmless, there is no value."""
    with zipfile.ZipFile(bron) as z:
        xml = z.read(blad)
    leeg = b'<row r="1048576" s="1" customFormat="1"><c r="XFD1048576" s="1"/></row>'
    xml = xml.replace(b"</sheetData>", leeg + b"</sheetData>")
    return zip_vervang(bron, pad, {blad: xml})


# A rejection says what fixes it: one of these verbs, addressed to the provider
ACTIE = re.compile(
    r"\b(vul|typ|gebruik|stuur|sla|zet|verwijder|maak|kort|controleer|kies|open|herstel|geef|"
    r"neem)\b",
    re.IGNORECASE,
)


def zonder_actie(bevindingen) -> list[str]:
    """The messages of rejections (ernst 'fout') that do not say what to do."""
    fouten = bevindingen[bevindingen["ernst"] == "fout"]["melding"]
    return sorted({m for m in fouten if not ACTIE.search(m)})
