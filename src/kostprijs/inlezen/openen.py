"""Opening an untrusted workbook safely: file-type sniffing and caps before any parsing.

Nothing here parses a spreadsheet. It decides from the bytes what the file is, refuses
encrypted, legacy, foreign and oversized files, and checks the zip archive (entry count,
declared and actual uncompressed size, compression ratio, DTDs, rows per sheet) so that
calamine (and openpyxl, where used) only ever see a bounded .xlsx without DTDs.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl.xml

from kostprijs.inlezen.bevinding import Bevinding, Weigering, fout, opmerking
from kostprijs.opmaak import getal
from kostprijs.parameters import Inleesparameters

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
MB = 1 << 20
OPNIEUW = (  # what fixes a file that is not a usable workbook
    " Open het sjabloon in Excel of LibreOffice, sla het op als Excel-werkmap (.xlsx) en "
    "stuur het opnieuw in."
)
# A cell that holds something (a value, formula or inline string); a cell with formatting
# only is self-closing or empty and does not count for the sheet's extent.
_CEL_MET_INHOUD = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*?(?<!/)>\s*<(?:v|f|is)\b')
_RIJ_TAG = re.compile(rb"<row\b([^>]*)>")
_KOLOM_TAG = re.compile(rb"<col\b([^>]*)>")
_VERBORGEN = re.compile(rb'\bhidden\s*=\s*"(?:1|true)"')
# A cell whose value is a formula error (t="e"), e.g. <c r="D20" t="e"><f>1/0</f><v>#DIV/0!</v></c>
_FOUTCEL = re.compile(rb'<c\b([^>]*\bt="e"[^>]*)>(.*?)</c>', re.S)
_WAARDE = re.compile(rb"<v>([^<]*)</v>")
_REF = re.compile(rb'\br="([A-Z]{1,3}\d+)"')
_BLAD = re.compile(rb"<(?:\w+:)?sheet\s([^>]*?)/?>")
_GEDEFINIEERD = re.compile(rb"<(?:\w+:)?definedName\s([^>]*)>([^<]*)</(?:\w+:)?definedName>")
_RELATIE = re.compile(rb"<(?:\w+:)?Relationship\s([^>]*?)/?>")
_NAAMATTRIBUUT = re.compile(rb'\bname\s*=\s*"([^"]*)"')
_ATTRIBUUT = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')
# A formula cell: <f> is the first child of <c> (CT_Cell); a shared formula may be <f .../>.
_FORMULE = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3}\d+)"[^>/]*>\s*<f\b[^>]*?(?:/>|>([^<]*)</f>)')
_NAAM = re.compile(r"(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)")
# Fast paths for the common, plain forms; used only when they provably cover every element
# (see _namen and _formules), otherwise the general patterns above decide.
_GEDEFINIEERD_KAAL = re.compile(
    rb'<definedName name="([^"&<>]*)">'
    rb"(?:'([^'&<>]+)'|([A-Za-z0-9_][^'!&<>]*))!\$?([A-Z]{1,3})\$?([0-9]+)</definedName>"
)
_CEL_FORMULE = re.compile(rb"<c\b([^>]*)>\s*<f\b[^>]*?(?:/>|>([^<]*)</f>)")
_CEL_REF = re.compile(rb'\br="([A-Z]{1,3}\d+)"[^>/]*\Z')


def controleer_defusedxml() -> None:
    """Refuse to run when openpyxl would parse XML without defusedxml (XML bombs)."""
    if not openpyxl.xml.DEFUSEDXML:
        raise RuntimeError(
            "openpyxl gebruikt defusedxml niet; installeer defusedxml voordat u inleest."
        )


def is_slotbestand(pad: Path) -> bool:
    """An Excel/LibreOffice lock file (~$x.xlsx, .~lock.x#) or another hidden file."""
    return pad.name.startswith(("~$", "."))


@dataclass
class Archief:
    """What the safety checks learned about a workbook that may be parsed."""

    bladen: dict[str, str] = field(default_factory=dict)  # sheet name -> part in the zip
    rijen: dict[str, int] = field(default_factory=dict)  # sheet name -> last row with content
    namen: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (sheet, cell)
    formules: dict[tuple[str, str], str] = field(default_factory=dict)  # (sheet, cell) -> text
    opmerkingen: list[Bevinding] = field(default_factory=list)
    # name -> the sheet it names, for names that point at a deleted cell (#REF!)
    kapotte_namen: dict[str, str] = field(default_factory=dict)
    zichtbaarheid: dict[str, str] = field(
        default_factory=dict
    )  # sheet -> visible/hidden/veryHidden
    verborgen_rijen: dict[str, set[int]] = field(default_factory=dict)  # sheet -> row numbers
    verborgen_kolommen: dict[str, set[int]] = field(default_factory=dict)  # sheet -> col numbers
    foutwaarden: dict[tuple[str, str], str] = field(
        default_factory=dict
    )  # (sheet, cell) -> #DIV/0!


def open_veilig(pad: Path, ip: Inleesparameters) -> Archief:
    """Check `pad` without parsing it as a spreadsheet; Weigering if it must not be read."""
    naam = pad.name
    grootte = pad.stat().st_size
    if grootte == 0:
        raise Weigering(
            fout(naam, "Het bestand is leeg (0 bytes)." + OPNIEUW, verwacht="ingevuld sjabloon")
        )
    if grootte > ip.max_bestand_mb * MB:
        raise Weigering(
            fout(
                naam,
                f"Het bestand is te groot ({grootte / MB:.1f} MB); het sjabloon is veel kleiner. "
                "Verwijder afbeeldingen en bladen die niet in het sjabloon staan, of vul een "
                "nieuwe kopie van het sjabloon in, en stuur het opnieuw in.",
                gevonden=f"{grootte / MB:.1f} MB",
                verwacht=f"hooguit {ip.max_bestand_mb} MB",
            )
        )
    with open(pad, "rb") as f:
        kop = f.read(8)
    if kop.startswith(OLE):
        raise Weigering(_ole(pad))
    if not kop.startswith(ZIP):
        raise Weigering(_geen_zip(pad, kop))
    try:
        with zipfile.ZipFile(pad) as zf:
            return _archief(zf, naam, ip)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise Weigering(
            fout(
                naam,
                "Het bestand is beschadigd: het is geen geldige Excel-werkmap." + OPNIEUW,
                verwacht="een .xlsx-bestand opgeslagen met Excel of LibreOffice",
            )
        ) from exc


def _ole(pad: Path) -> Bevinding:
    inhoud = pad.read_bytes()
    if "EncryptionInfo".encode("utf-16-le") in inhoud:
        return fout(
            pad.name,
            "Het bestand is met een wachtwoord versleuteld en kan niet worden gelezen. Sla het "
            "op zonder wachtwoord (Excel: Bestand > Info > Werkmap beveiligen > Versleutelen "
            "met wachtwoord, maak het wachtwoord leeg; LibreOffice: Opslaan als, zonder "
            "wachtwoord) en stuur het opnieuw in.",
            gevonden="versleuteld bestand",
            verwacht="een .xlsx zonder wachtwoord",
        )
    return fout(
        pad.name,
        "Het bestand heeft het oude Excel-formaat (.xls, Excel 97-2003)." + OPNIEUW,
        gevonden="oud Excel-formaat",
        verwacht="het sjabloon opgeslagen als .xlsx",
    )


def _geen_zip(pad: Path, kop: bytes) -> Bevinding:
    with open(pad, "rb") as f:
        begin = f.read(4096)
    if kop.startswith(b"%PDF"):
        soort = "een PDF-bestand"
    elif b"\x00" not in begin and _is_tekst(begin):
        soort = "een tekstbestand (bijvoorbeeld CSV)"
    else:
        soort = "een bestand van onbekend soort"
    return fout(
        pad.name,
        f"Het bestand is {soort}, geen Excel-werkmap." + OPNIEUW,
        gevonden=soort,
        verwacht="het ingevulde sjabloon als .xlsx",
    )


def _is_tekst(begin: bytes) -> bool:
    try:
        begin.decode("utf-8")
    except UnicodeDecodeError:
        try:
            begin.decode("cp1252")
        except UnicodeDecodeError:
            return False
    return sum(b < 9 or 13 < b < 32 for b in begin) == 0


def _archief(zf: zipfile.ZipFile, naam: str, ip: Inleesparameters) -> Archief:
    infos = zf.infolist()
    namen = {i.filename for i in infos}
    if len(infos) > ip.max_onderdelen:
        raise Weigering(
            fout(
                naam,
                f"Het archief bevat {len(infos)} onderdelen; dat is verdacht veel." + OPNIEUW,
                gevonden=str(len(infos)),
                verwacht=f"hooguit {ip.max_onderdelen}",
            )
        )
    if "word/document.xml" in namen or "ppt/presentation.xml" in namen:
        soort = "een Word-document" if "word/document.xml" in namen else "een PowerPoint-bestand"
        raise Weigering(
            fout(
                naam,
                f"Het bestand is {soort} met een Excel-extensie." + OPNIEUW,
                gevonden=soort,
                verwacht="het ingevulde sjabloon als .xlsx",
            )
        )
    if "xl/workbook.xml" not in namen:
        raise Weigering(_geen_werkmap(zf, naam, namen))
    totaal = sum(i.file_size for i in infos)
    if totaal > ip.max_uitgepakt_mb * MB:
        raise Weigering(
            fout(
                naam,
                f"Uitgepakt is het bestand {totaal / MB:.0f} MB (mogelijk een zip-bom); "
                "het is niet geopend." + OPNIEUW,
                gevonden=f"{totaal / MB:.0f} MB uitgepakt",
                verwacht=f"hooguit {ip.max_uitgepakt_mb} MB",
            )
        )
    for i in infos:
        verhouding = i.file_size / max(i.compress_size, 1)
        if i.file_size > MB and verhouding > ip.max_compressieverhouding:
            raise Weigering(
                fout(
                    naam,
                    f"Onderdeel {i.filename} is {verhouding:.0f} keer samengeperst "
                    "(mogelijk een zip-bom); het bestand is niet geopend." + OPNIEUW,
                    gevonden=f"compressieverhouding {verhouding:.0f}",
                    verwacht=f"hooguit {ip.max_compressieverhouding}",
                )
            )
    archief = Archief()
    if "xl/vbaProject.bin" in namen or any(n.startswith("xl/macrosheets/") for n in namen):
        archief.opmerkingen.append(
            opmerking(
                naam,
                "Het bestand bevat macro's. Die zijn niet uitgevoerd en genegeerd; "
                "lever voortaan een .xlsx zonder macro's aan.",
                gevonden="macro's (VBA)",
                verwacht=".xlsx zonder macro's",
            )
        )
    koppelingen = sorted(
        n for n in namen if n.startswith("xl/externalLinks/") and n.endswith(".xml")
    )
    if koppelingen:
        archief.opmerkingen.append(
            opmerking(
                naam,
                f"Het bestand bevat {len(koppelingen)} koppeling(en) naar andere bestanden. "
                "Die zijn niet gevolgd; alleen de opgeslagen waarden zijn gelezen. "
                "Vervang koppelingen door waarden.",
                gevonden="externe koppelingen",
                verwacht="geen koppelingen",
            )
        )
    inhoud = {}
    for i in infos:
        if i.filename.endswith((".xml", ".rels")):  # the parts a parser reads
            data = _lees(zf, i, naam)
            if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                raise Weigering(
                    fout(
                        naam,
                        f"Onderdeel {i.filename} bevat een DOCTYPE- of ENTITY-declaratie "
                        "(mogelijke XML-bom); het bestand is niet geopend." + OPNIEUW,
                        gevonden="DOCTYPE/ENTITY",
                        verwacht="een gewone Excel-werkmap",
                    )
                )
            if i.filename in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
                inhoud[i.filename] = data
            if i.filename.startswith("xl/worksheets/"):
                inhoud[i.filename] = data
    archief.bladen, archief.namen, archief.zichtbaarheid = _bladen_en_namen(inhoud, naam)
    archief.kapotte_namen = _kapotte_namen(inhoud["xl/workbook.xml"])
    for blad, deel in archief.bladen.items():
        data = inhoud.get(deel, b"")
        for cel, formule in _formules(data):
            archief.formules[(blad, cel.decode())] = html.unescape(
                formule.decode("utf-8", "replace")
            )
        inhoud_cellen = _CEL_MET_INHOUD.findall(data)
        rijen = max((int(r) for _, r in inhoud_cellen), default=0)
        kolommen = max(map(_kolomnummer, {k for k, _ in inhoud_cellen}), default=0)
        archief.rijen[blad] = rijen
        if rijen > ip.max_rijen or kolommen > ip.max_kolommen:
            raise Weigering(_te_groot(naam, blad, rijen, kolommen, ip))
        if b"hidden" in data:
            archief.verborgen_rijen[blad], archief.verborgen_kolommen[blad] = _verborgen(data)
        if b't="e"' in data:
            for attributen, cel_inhoud in _FOUTCEL.findall(data):
                ref, waarde = _REF.search(attributen), _WAARDE.search(cel_inhoud)
                if ref and waarde:
                    archief.foutwaarden[(blad, ref.group(1).decode())] = html.unescape(
                        waarde.group(1).decode("utf-8", "replace")
                    )
    return archief


def _te_groot(naam: str, blad: str, rijen: int, kolommen: int, ip: Inleesparameters) -> Bevinding:
    buiten = f"rij {ip.max_rijen + 1}" if rijen > ip.max_rijen else f"kolom {ip.max_kolommen + 1}"
    return fout(
        naam,
        f"Blad '{blad}' loopt tot rij {getal(rijen, 0)} en kolom {getal(kolommen, 0)}"
        + "; het sjabloon is veel kleiner. Het bestand is niet ingelezen. Er staan waarden "
        f"ver buiten het sjabloon (vanaf {buiten}). Verwijder die: selecteer de rijen en "
        "kolommen onder en rechts van het sjabloon, kies Start > Wissen > Alles wissen "
        "(LibreOffice: Blad > Cellen verwijderen), sla het bestand op en stuur het opnieuw in.",
        blad=blad,
        gevonden=f"waarden tot rij {rijen}, kolom {kolommen}",
        verwacht=f"hooguit {ip.max_rijen} rijen en {ip.max_kolommen} kolommen",
    )


def _verborgen(data: bytes) -> tuple[set[int], set[int]]:
    """Row and column numbers the worksheet XML marks hidden (hidden="1" or "true")."""
    rijen = set()
    for m in _RIJ_TAG.finditer(data):
        if _VERBORGEN.search(m.group(1)):
            r = re.search(rb'\br="(\d+)"', m.group(1))
            if r:
                rijen.add(int(r.group(1)))
    kolommen = set()
    for m in _KOLOM_TAG.finditer(data):
        if _VERBORGEN.search(m.group(1)):
            a = _attributen(m.group(1))
            try:
                van, tot = int(a.get("min", 0)), int(a.get("max", 0))
            except ValueError:
                continue
            kolommen.update(range(van, min(tot, van + 16384) + 1))
    return rijen, kolommen


def _geen_werkmap(zf: zipfile.ZipFile, naam: str, namen: set[str]) -> Bevinding:
    """The finding for a zip archive without an Excel workbook (OpenDocument gets advice)."""
    soort = b""
    if "mimetype" in namen:
        info = zf.getinfo("mimetype")
        if info.file_size < 200:
            soort = zf.read(info).strip()
    if soort == b"application/vnd.oasis.opendocument.spreadsheet":
        return fout(
            naam,
            "Het bestand is een OpenDocument-rekenblad (.ods), geen Excel-werkmap. Open het in "
            "LibreOffice, kies Bestand > Opslaan als, kies als bestandstype 'Excel 2007-365 "
            "(.xlsx)' en stuur dat bestand in.",
            gevonden="OpenDocument-rekenblad (.ods)",
            verwacht="het ingevulde sjabloon als .xlsx",
        )
    if soort.startswith(b"application/vnd.oasis.opendocument"):
        return fout(
            naam,
            "Het bestand is een OpenDocument-bestand (bijvoorbeeld een tekstdocument), geen "
            "Excel-werkmap. Vul het sjabloon in en sla het op als .xlsx.",
            gevonden=soort.decode("ascii", "replace"),
            verwacht="het ingevulde sjabloon als .xlsx",
        )
    return fout(
        naam,
        "Het zip-bestand bevat geen Excel-werkmap." + OPNIEUW,
        verwacht="het ingevulde sjabloon als .xlsx",
    )


def _lees(zf: zipfile.ZipFile, info: zipfile.ZipInfo, naam: str) -> bytes:
    """The entry's bytes; zipfile stops at the declared size and checks the CRC."""
    try:
        with zf.open(info) as f:
            return f.read(info.file_size + 1)
    except (zipfile.BadZipFile, RuntimeError, OSError) as exc:
        vergrendeld = info.flag_bits & 0x1
        raise Weigering(
            fout(
                naam,
                (
                    "Het bestand is versleuteld."
                    if vergrendeld
                    else f"Onderdeel {info.filename} is beschadigd."
                )
                + OPNIEUW,
                verwacht="een .xlsx-bestand opgeslagen met Excel of LibreOffice",
            )
        ) from exc


def _bladen_en_namen(inhoud: dict[str, bytes], naam: str) -> tuple[dict, dict, dict]:
    """Sheet name -> worksheet part, defined name -> (sheet, cell), and sheet name -> state
    ("visible", "hidden" or "veryHidden"; Excel leaves the attribute out when visible),
    from workbook.xml.

    A scan with linear regular expressions over XML already checked to hold no DTD (so no
    entity can expand); names that refer to a range or a formula are left out.
    """
    if "xl/workbook.xml" not in inhoud:
        raise Weigering(
            fout(naam, "De werkmap is onleesbaar (xl/workbook.xml ontbreekt)." + OPNIEUW)
        )
    doelen = {}
    for m in _RELATIE.finditer(inhoud.get("xl/_rels/workbook.xml.rels", b"")):
        a = _attributen(m.group(1))
        doel = a.get("Target", "")
        doelen[a.get("Id")] = (
            doel.lstrip("/")
            if doel.startswith("/")
            else posixpath.normpath(posixpath.join("xl", doel))
        )
    wb = inhoud["xl/workbook.xml"]
    bladen, zichtbaarheid = {}, {}
    for m in _BLAD.finditer(wb):
        a = _attributen(m.group(1))
        rid = next((v for k, v in a.items() if k.endswith(":id")), None)
        bladen[a.get("name", "")] = doelen.get(rid, "")
        zichtbaarheid[a.get("name", "")] = a.get("state", "visible")
    return bladen, _namen(wb), zichtbaarheid


def _formules(data: bytes) -> list[tuple[bytes, bytes]]:
    """(cell, formula text) of every formula cell, as _FORMULE finds them.

    A cheaper pattern first finds each <c> whose first child is <f>; when every such cell
    has the reference _FORMULE requires, both give the same list, else _FORMULE decides.
    """
    uit = []
    for attributen, formule in _CEL_FORMULE.findall(data):
        ref = _CEL_REF.search(attributen)
        if ref is None:
            return _FORMULE.findall(data)
        uit.append((ref.group(1), formule))
    return uit


def _namen(wb: bytes) -> dict[str, tuple[str, str]]:
    """Defined name -> (sheet, cell) for names that refer to one cell, workbook scope."""
    kaal = _GEDEFINIEERD_KAAL.findall(wb)
    elementen = wb.count(b"definedName") - wb.count(b"definedNames")
    if elementen == 2 * len(kaal) and b"localSheetId" not in wb:
        # Every <definedName> element is a plain one (no entities, prefix, other
        # attributes or surrounding space): the general scan below would give the same.
        return {
            naam.decode(): (
                (citaat or blad).decode("utf-8", "replace"),
                (kolom + rij).decode(),
            )
            for naam, citaat, blad, kolom, rij in kaal
        }
    namen = {}
    for m in _GEDEFINIEERD.finditer(wb):
        attributen, tekst = m.group(1), m.group(2).decode("utf-8", "replace")
        ref = _NAAM.fullmatch((html.unescape(tekst) if "&" in tekst else tekst).strip())
        naam_ = _NAAMATTRIBUUT.search(attributen)
        if ref and naam_ and b"localSheetId" not in attributen:
            blad = (ref.group(1) or ref.group(2)).replace("''", "'")
            namen[html.unescape(naam_.group(1).decode())] = (blad, ref.group(3) + ref.group(4))
    return namen


def _kapotte_namen(wb: bytes) -> dict[str, str]:
    """Names whose reference Excel or LibreOffice replaced by #REF! (a deleted row, column
    or sheet), with the sheet named in the reference ("" when none is left)."""
    if b"#REF!" not in wb:
        return {}
    kapot = {}
    for m in _GEDEFINIEERD.finditer(wb):
        tekst = html.unescape(m.group(2).decode("utf-8", "replace")).strip()
        naam_ = _NAAMATTRIBUUT.search(m.group(1))
        if naam_ and "#REF!" in tekst and b"localSheetId" not in m.group(1):
            blad = tekst.split("!", 1)[0] if tekst.count("!") > 1 else ""
            kapot[html.unescape(naam_.group(1).decode())] = blad.strip("'").replace("''", "'")
    return kapot


def _attributen(tekst: bytes) -> dict[str, str]:
    return {
        k.decode(): html.unescape(v.decode("utf-8", "replace"))
        for k, v in _ATTRIBUUT.findall(tekst)
    }


def _kolomnummer(letters: bytes) -> int:
    n = 0
    for c in letters:
        n = n * 26 + c - 64
    return n
