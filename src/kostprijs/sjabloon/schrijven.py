"""Writing the provider template: sheets, defined names, fills, protection and validation.

The layout comes from `indeling`, the instructions' text from `toelichting`. The bytes are
reproducible: fixed timestamps, and the stored results of formula cells when a sample
submission fills the template in.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from kostprijs.bestanden.atomisch import atomisch
from kostprijs.bestanden.excel import VAST_TIJDSTIP, vaste_zip
from kostprijs.geld import decimaal
from kostprijs.parameters import Inleesparameters, Jaarparameters, inleesparameters
from kostprijs.sjabloon.formules import bereken_formules
from kostprijs.sjabloon.indeling import (
    ALGEMEEN,
    ALGEMEEN_PRODUCT_RIJ,
    BLADEN,
    BOUWSTEEN_REGELS,
    BOUWSTEEN_TUSSENKOPPEN,
    BOUWSTENEN,
    BOUWSTENEN_EERSTE_KOLOM,
    EMAIL,
    KVK,
    PERSONEEL,
    PERSONEEL_EERSTE_RIJ,
    PERSONEEL_REGELS,
    REALISATIE,
    REALISATIE_EERSTE_RIJ,
    REALISATIE_REGELS,
    TEKST_MAX,
    TOELICHTING,
    Indeling,
    Veld,
    bouwsteenrijen,
    indeling,
    vaste_teksten,
)
from kostprijs.sjabloon.toelichting import boekjaar, datum_nl, toelichting_regels

_KOP = Font(bold=True, size=14)
_VET = Font(bold=True)
_INVOER = PatternFill("solid", fgColor="FFF2CC")
_BEREKEND = PatternFill("solid", fgColor="E2EFDA")
_NVT = PatternFill("solid", fgColor="D9D9D9")
_OPEN = Protection(locked=False)
_FORMATEN = {
    "fractie": "0.0%",
    "getal": "#,##0.00",
    "geheel": "0",
    "datum": "dd-mm-yyyy",
    "tekst": "@",  # text: a KvK or telephone number keeps its leading zero
}
# Formula results: euros with two decimals, hours with one
_FORMULE_FORMATEN = {"euro": '"€" #,##0.00', "uur per fte": "#,##0.0"}
# Printed on A4: wide sheets landscape, every sheet fitted to the page width; the rows
# repeated on every page are the headings above the input cells
_LIGGEND = {PERSONEEL, BOUWSTENEN, REALISATIE}
_TITELRIJEN = {
    PERSONEEL: f"{PERSONEEL_EERSTE_RIJ - 1}:{PERSONEEL_EERSTE_RIJ - 1}",
    BOUWSTENEN: "4:6",
    REALISATIE: f"{REALISATIE_EERSTE_RIJ - 1}:{REALISATIE_EERSTE_RIJ - 1}",
}
_PRODUCTEN_PER_PAGINA = 8  # Bouwstenen: product columns per printed page width
_REGELHOOGTE = 15.0  # points per line of 11-point text
_STANDAARDBREEDTE = 8.43  # Excel's default column width, in characters


def schrijf_sjabloon(
    params: Jaarparameters, pad: str | Path, invulling: dict[str, object] | None = None
) -> Path:
    """Write the year's template to `pad` atomically; `invulling` fills named cells (sample).

    The bytes are reproducible: fixed timestamps in the archive and its metadata, and the
    values of formula cells stored as Excel would store them when `invulling` is given.
    """
    ind = indeling(params)
    ip = inleesparameters(params)
    wb = Workbook()
    wb.remove(wb.active)
    for blad in BLADEN:
        wb.create_sheet(blad)
    _toelichting(wb[TOELICHTING], ind, ip, params)
    _algemeen(wb[ALGEMEEN], ind)
    _personeel(wb[PERSONEEL])
    _bouwstenen(wb[BOUWSTENEN], ind)
    _realisatie(wb[REALISATIE], params)
    for (blad, cel), tekst in vaste_teksten(ind).items():
        wb[blad][cel] = tekst
    _invoercellen(wb, ind)
    for naam, waarde in (invulling or {}).items():
        v = ind.veld(naam)
        wb[v.blad][v.cel] = waarde
    for ws in wb.worksheets:
        _rijhoogtes(ws)
        _afdrukken(ws, ind)
        ws.protection.sheet = True
        ws.protection.formatCells = False
        ws.protection.formatColumns = False
    wb.properties.creator = "kostprijs"
    wb.properties.title = f"Kostprijssjabloon Wmo-begeleiding {ind.jaar}"
    wb.properties.created = VAST_TIJDSTIP
    buffer = io.BytesIO()
    wb.save(buffer)
    cache: dict[str, Decimal] = {}
    if invulling:
        cache = bereken_formules(
            ind,
            {
                k: decimaal(w)
                for k, w in invulling.items()
                if isinstance(w, int | float | Decimal) and not isinstance(w, bool)
            },
        )
    pad = Path(pad)
    with atomisch(pad) as tmp:
        tmp.write_bytes(_met_uitkomsten(buffer.getvalue(), ind, cache))
    return pad


def _toelichting(ws, ind: Indeling, ip: Inleesparameters, params: Jaarparameters) -> None:
    ws.column_dimensions["A"].width = 3
    ws.column_dimensions["B"].width = 34
    ws.column_dimensions["C"].width = 100
    ws["B1"] = f"Kostprijssjabloon Wmo-begeleiding, tariefjaar {ind.jaar}"
    ws["B1"].font = _KOP
    ws["B3"], ws["C3"] = "Sjabloonjaar", ind.jaar
    ws["B4"], ws["C4"] = "Versie van het sjabloon", ind.versie
    ws["B5"], ws["C5"] = "Contact", ip.contact
    ws["B6"], ws["C6"] = "Inleveren uiterlijk", datum_nl(ip.inleverdatum)
    ws["B7"], ws["C7"] = "Boekjaar van de cijfers", boekjaar(params)
    for c in ("C3", "C4", "C7"):
        ws[c].alignment = Alignment(horizontal="left")
    regels = toelichting_regels(ind, params)
    for i, (kop, tekst) in enumerate(regels, start=9):
        ws[f"B{i}"] = kop
        ws[f"C{i}"] = tekst
        ws[f"C{i}"].alignment = Alignment(wrap_text=True, vertical="top")
        ws[f"B{i}"].alignment = Alignment(wrap_text=True, vertical="top")
        if not tekst:
            ws[f"B{i}"].font = _VET


def _algemeen(ws, ind: Indeling) -> None:
    ws.column_dimensions["B"].width = 34
    ws.column_dimensions["C"].width = 48
    ws.column_dimensions["D"].width = 12
    ws.column_dimensions["E"].width = 22
    ws["B1"] = "Algemene gegevens"
    ws["B1"].font = _KOP
    kop = ALGEMEEN_PRODUCT_RIJ - 1
    ws[f"B{kop - 1}"].font = _VET
    for letter in "BCDE":
        ws[f"{letter}{kop}"].font = _VET


def _personeel(ws) -> None:
    ws["B1"] = "Personeel per functie"
    ws["B1"].font = _KOP
    ws["B3"] = (
        "Bedragen per fte per jaar; percentages als percentage van het jaarsalaris (werkgeverslasten: van het salaris inclusief toeslagen)."
    )
    rij = PERSONEEL_EERSTE_RIJ - 1
    for *_rest, letter in PERSONEEL_REGELS:
        ws[f"{letter}{rij}"].font = _VET
        ws[f"{letter}{rij}"].alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[letter].width = 20
    ws.column_dimensions["B"].width = 30


def _bouwstenen(ws, ind: Indeling) -> None:
    ws["B1"] = "Bouwstenen van de kostprijs per product"
    ws["B1"].font = _KOP
    ws["B2"] = "Alleen de kolommen van producten die u aanbiedt (blad Algemeen) invullen."
    ws.column_dimensions["B"].width = 58
    ws.column_dimensions["C"].width = 20
    rijen = bouwsteenrijen()
    for k in BOUWSTEEN_TUSSENKOPPEN:
        ws[f"B{rijen[k] - 1}"].font = _VET
    for i, (_product, _omschrijving, soort, _eenheid) in enumerate(ind.producten):
        letter = get_column_letter(BOUWSTENEN_EERSTE_KOLOM + i)
        ws.column_dimensions[letter].width = 15
        ws[f"{letter}4"].font = _VET
        ws[f"{letter}5"].alignment = Alignment(wrap_text=True, vertical="top")
        for kolom, _label, _s, _e, geldt in BOUWSTEEN_REGELS:
            if soort not in geldt:
                ws[f"{letter}{rijen[kolom]}"].fill = _NVT


def _realisatie(ws, params: Jaarparameters) -> None:
    ws["B1"] = f"Realisatie {boekjaar(params)} per product"
    ws["B1"].font = _KOP
    ws["B3"] = (
        "Werkelijke kosten, geleverd volume (in de eenheid van het product) en aantal cliënten."
    )
    rij = REALISATIE_EERSTE_RIJ - 1
    for *_rest, letter in REALISATIE_REGELS:
        ws.column_dimensions[letter].width = 22
    ws.column_dimensions["C"].width = 16
    for c in "BCDEF":
        ws[f"{c}{rij}"].font = _VET
        ws[f"{c}{rij}"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["B"].width = 28


def _invoercellen(wb: Workbook, ind: Indeling) -> None:
    """Defined names, fill, protection, number format, validation and input message of the
    named cells (one validation per cell: each has its own input message)."""
    for v in ind.velden:
        ws = wb[v.blad]
        cel = ws[v.cel]
        wb.defined_names[v.naam] = DefinedName(
            v.naam, attr_text=f"{_blad_ref(v.blad)}!{_absoluut(v.cel)}"
        )
        if v.soort in _FORMATEN:
            cel.number_format = _FORMATEN[v.soort]
        if v.blad == TOELICHTING:
            continue
        if v.soort == "formule":
            cel.value = f"={v.formule}"
            cel.fill = _BEREKEND
            cel.number_format = _FORMULE_FORMATEN[v.eenheid]
            continue
        cel.fill = _INVOER
        cel.protection = _OPEN
        dv = _validatie(v)
        dv.promptTitle = (v.product or (f"Functie {v.functie}" if v.functie else v.blad))[:32]
        dv.prompt = f"{v.label}. {_hint(v)}"[:255]
        dv.showInputMessage = True
        dv.add(v.cel)
        ws.add_data_validation(dv)


def _hint(v: Veld) -> str:
    """What to type in a cell, in the words of the template's instructions."""
    if v.naam == KVK:
        return "De 8 cijfers uit het Handelsregister; een voorloopnul blijft staan."
    if v.naam == EMAIL:
        return "Het e-mailadres voor vragen over deze inzending."
    if v.soort == "fractie":
        return "Typ het procentteken erbij, bijvoorbeeld 20%. Zonder procentteken wordt 20 in LibreOffice 2000%."
    if v.soort == "keuze":
        return f"Kies uit de lijst: {' of '.join(v.keuzes)}."
    if v.soort == "datum":
        return "Een datum, bijvoorbeeld 15-09-2026."
    if v.soort == "geheel":
        return "Een geheel getal, 0 of meer."
    if v.soort == "getal" and v.kolom == "fte":
        return "Aantal fte van deze functie voor dit product, bijvoorbeeld 2,5. Leeg of 0 als de functie niet wordt ingezet."
    if v.soort == "getal":
        eenheid = f" in {v.eenheid}" if v.eenheid else ""
        return f"Een getal{eenheid}, zonder euroteken of tekst. Vul 0 in als er geen kosten zijn."
    return f"Tekst, hooguit {TEKST_MAX} tekens."


def _validatie(v: Veld) -> DataValidation:
    cel = v.cel
    if v.naam == KVK:
        dv = DataValidation(
            type="custom",
            formula1=f'AND(LEN({cel})=8,ISNUMBER(VALUE({cel})),ISERROR(SEARCH("e",{cel})),'
            f'ISERROR(FIND(".",{cel})),ISERROR(FIND(",",{cel})))',
            allow_blank=True,
        )
        dv.error = "Een KvK-nummer bestaat uit precies 8 cijfers, zonder spaties of punten."
    elif v.naam == EMAIL:
        dv = DataValidation(
            type="custom",
            formula1=f'AND(LEN({cel})<={TEKST_MAX},ISNUMBER(FIND(".",{cel},FIND("@",{cel}))))',
            allow_blank=True,
        )
        dv.error = "Vul een e-mailadres in, zoals naam@organisatie.nl."
    elif v.soort == "keuze":
        dv = DataValidation(type="list", formula1=f'"{",".join(v.keuzes)}"', allow_blank=True)
        dv.error = f"Kies uit: {', '.join(v.keuzes)}."
    elif v.soort == "fractie":
        dv = DataValidation(
            type="decimal", operator="between", formula1="0", formula2="1", allow_blank=True
        )
        dv.error = "Vul een percentage in tussen 0% en 100%, met procentteken: bijvoorbeeld 20%."
    elif v.soort == "geheel":
        dv = DataValidation(
            type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True
        )
        dv.error = "Vul een geheel getal in (0 of meer)."
    elif v.soort == "getal":
        dv = DataValidation(
            type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True
        )
        dv.error = "Vul een getal in (0 of meer), zonder tekst of euroteken."
    elif v.soort == "datum":
        dv = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True)
        dv.error = "Vul een datum in, bijvoorbeeld 15-09-2026."
    else:
        dv = DataValidation(
            type="textLength",
            operator="lessThanOrEqual",
            formula1=str(TEKST_MAX),
            allow_blank=True,
        )
        dv.error = f"Hooguit {TEKST_MAX} tekens."
    dv.errorTitle = "Ongeldige invoer"
    dv.showErrorMessage = True
    return dv


def _rijhoogtes(ws) -> None:
    """Explicit heights for rows with text longer than its column is wide.

    Such a cell wraps, and its row gets the height of its lines: LibreOffice does not compute
    the height of wrapped rows itself, and would print them over each other. A text that may
    run on into empty cells to its right (a title) is left alone.
    """
    for rij in ws.iter_rows():
        regels = 1
        for cel in rij:
            if not isinstance(cel.value, str) or cel.value.startswith("="):
                continue
            breedte = _breedte(ws, cel.column_letter)
            grootte = (cel.font.sz or 11) / 11
            tekens = max(int(breedte / grootte / (1.1 if cel.font.b else 1.0)) - 1, 1)
            nodig = _regels(cel.value, tekens)
            buur = ws.cell(cel.row, cel.column + 1).value
            if nodig == 1 or (buur is None and not cel.alignment.wrap_text):
                continue
            cel.alignment = Alignment(
                wrap_text=True,
                vertical="top",
                horizontal=cel.alignment.horizontal,
            )
            regels = max(regels, math.ceil(nodig * grootte))
        if regels > 1:
            ws.row_dimensions[rij[0].row].height = regels * _REGELHOOGTE + 3
            for cel in rij:  # the row's other texts at the top as well, beside the first line
                if cel.value is not None:
                    cel.alignment = Alignment(
                        wrap_text=cel.alignment.wrap_text,
                        vertical="top",
                        horizontal=cel.alignment.horizontal,
                    )


def _breedte(ws, letter: str) -> float:
    return ws.column_dimensions[letter].width or _STANDAARDBREEDTE


def _regels(tekst: str, tekens: int) -> int:
    """Lines a text takes when wrapped at `tekens` characters (per paragraph)."""
    return sum(max(len(textwrap.wrap(deel, tekens)), 1) for deel in tekst.split("\n"))


def _afdrukken(ws, ind: Indeling) -> None:
    """A4, wide sheets landscape, fitted to the page width, headings on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if ws.title in _LIGGEND else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    breed = 1
    if ws.title == BOUWSTENEN:
        breed = math.ceil(len(ind.producten) / _PRODUCTEN_PER_PAGINA)
        ws.print_title_cols = "A:C"
    ws.page_setup.fitToWidth = breed
    ws.page_setup.fitToHeight = 0
    if ws.title in _TITELRIJEN:
        ws.print_title_rows = _TITELRIJEN[ws.title]
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.left.text = f"Kostprijssjabloon {ind.jaar}, blad &A"
    ws.oddFooter.right.text = "pagina &P van &N"


def _blad_ref(blad: str) -> str:
    return f"'{blad}'" if not blad.isalnum() else blad


def _absoluut(cel: str) -> str:
    m = re.fullmatch(r"([A-Z]+)(\d+)", cel)
    return f"${m.group(1)}${m.group(2)}"


def _met_uitkomsten(data: bytes, ind: Indeling, cache: dict[str, Decimal]) -> bytes:
    """The archive with fixed timestamps and the stored results of the formula cells."""
    bladbestand = {blad: f"xl/worksheets/sheet{i}.xml" for i, blad in enumerate(BLADEN, start=1)}
    per_bestand: dict[str, dict[str, Decimal]] = {}
    for naam, waarde in cache.items():
        v = ind.veld(naam)
        per_bestand.setdefault(bladbestand[v.blad], {})[v.cel] = waarde

    def uitkomsten(naam: str, inhoud: bytes) -> bytes:
        for cel, waarde in per_bestand.get(naam, {}).items():
            inhoud = re.sub(
                rb'(<c r="' + cel.encode() + rb'"[^>]*><f>[^<]*</f>)<v ?/>',
                rb"\g<1><v>" + _getal_xml(waarde).encode() + rb"</v>",
                inhoud,
            )
        return inhoud

    return vaste_zip(data, uitkomsten)


def _getal_xml(waarde: Decimal) -> str:
    """A number as Excel stores it: up to 15 significant digits, no exponent."""
    return repr(float(waarde))
