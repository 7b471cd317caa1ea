"""The what-if workbook (rekenblad) for the beleidsadviseur and the inkooptafel.

Four sheets: Uitleg; Invoer, whose input cells are the only unlocked cells; Tarieven; and
Berekening, whose live formulas (`rekenbladformules`) give what
`kostprijs.budget.wat_als.wat_als` gives, to the cent. Aggregates only: volumes per tariff
line, never a client, and an "x" where a tarief is not public.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from kostprijs.bestanden.atomisch import atomisch
from kostprijs.bestanden.excel import VAST_TIJDSTIP, vaste_zip
from kostprijs.bestanden.injectie import onschadelijk
from kostprijs.budget.wat_als import Rekenbladinvoer
from kostprijs.rapport.rekenbladformules import berekening
from kostprijs.rapport.rekenbladindeling import (
    BEREKENING,
    BEREKENINGKOP,
    EURO,
    INVOER,
    KOP,
    PROCENT,
    TARIEFKOP,
    TARIEVEN,
    UITLEG,
    VET,
    Rekenbladindeling,
    indeling,
    invoerkop,
    kopcel,
    kophoogte,
)
from kostprijs.rapport.rekenbladteksten import NIET_OPENBAAR, invoerbericht, uitleg

__all__ = [
    "BEREKENING",
    "INVOER",
    "TARIEVEN",
    "UITLEG",
    "indeling",
    "schrijf_rekenblad",
    "schrijf_zonder_scenario",
]
_INVOER = PatternFill("solid", fgColor="FFF2CC")
_OPEN = Protection(locked=False)


def schrijf_rekenblad(invoer: Rekenbladinvoer, pad: Path) -> None:
    """Write the what-if workbook to `pad`, atomically and reproducibly."""
    ind = indeling(invoer)
    wb = Workbook()
    wb.remove(wb.active)
    for naam in (UITLEG, INVOER, TARIEVEN, BEREKENING):
        ws = wb.create_sheet(naam)
        ws["A1"] = onschadelijk(_titel(invoer, naam))
        ws["A1"].font = KOP
        ws["A2"] = onschadelijk(f"Uit run {invoer.run_id}, {invoer.datum}")
    _uitleg(wb[UITLEG], invoer)
    _invoer(wb, invoer, ind)
    _tarieven(wb[TARIEVEN], invoer)
    berekening(wb[BEREKENING], invoer, ind)
    for ws in wb.worksheets:
        _afdrukken(ws, invoer)
        ws.protection.sheet = True  # no password: the formulas are protected from slips
        ws.protection.formatColumns = False
    wb.calculation.fullCalcOnLoad = True
    wb.properties.creator = "kostprijs"
    wb.properties.title = _titel(invoer, UITLEG)
    wb.properties.created = wb.properties.modified = VAST_TIJDSTIP
    buffer = io.BytesIO()
    wb.save(buffer)
    with atomisch(pad) as tmp:
        tmp.write_bytes(vaste_zip(buffer.getvalue()))


def schrijf_zonder_scenario(
    gemeente: str, tariefjaar: int, herkomst: str, uitleg_: str, pad: Path
) -> None:
    """Write a workbook of one Uitleg sheet that says why there are no figures this year."""
    wb = Workbook()
    ws = wb.active
    ws.title = UITLEG
    ws["A1"] = onschadelijk(f"Wat-als-rekenblad budgetimpact {gemeente}, tariefjaar {tariefjaar}")
    ws["A1"].font = KOP
    ws["A2"] = onschadelijk(herkomst)
    ws.column_dimensions["A"].width = 110
    ws["A4"] = onschadelijk(uitleg_)
    ws["A4"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[4].height = len(textwrap.wrap(uitleg_, 104)) * 15 + 3
    ws.protection.sheet = True
    wb.properties.creator = "kostprijs"
    wb.properties.created = wb.properties.modified = VAST_TIJDSTIP
    buffer = io.BytesIO()
    wb.save(buffer)
    with atomisch(pad) as tmp:
        tmp.write_bytes(vaste_zip(buffer.getvalue()))


def _titel(invoer: Rekenbladinvoer, blad: str) -> str:
    if blad == UITLEG:
        return f"Wat-als-rekenblad budgetimpact {invoer.gemeente}, tariefjaar {invoer.tariefjaar}"
    return {
        INVOER: "Invoer: kies en verander alleen de gele cellen",
        TARIEVEN: f"Tarieven per regel ({NIET_OPENBAAR} = niet openbaar)",
        BEREKENING: "Berekening van de budgetimpact per regel en in totaal",
    }[blad]


def _uitleg(ws, invoer: Rekenbladinvoer) -> None:
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 90
    for i, (kop, tekst) in enumerate(uitleg(invoer), start=4):
        ws[f"A{i}"], ws[f"B{i}"] = onschadelijk(kop), onschadelijk(tekst)
        ws[f"A{i}"].font = VET
        for c in "AB":
            ws[f"{c}{i}"].alignment = Alignment(wrap_text=True, vertical="top")
        regels = sum(max(len(textwrap.wrap(d, 84)), 1) for d in tekst.split("\n"))
        ws.row_dimensions[i].height = regels * 15 + 3


def _invoer(wb: Workbook, invoer: Rekenbladinvoer, ind: Rekenbladindeling) -> None:
    ws = wb[INVOER]
    for letter, breedte in zip("ABCDEF", (30, 12, 16, 16, 16, 16), strict=True):
        ws.column_dimensions[letter].width = breedte
    namen = _scenarionamen(invoer)
    vragen = [
        (ind.scenario, "Scenario", invoer.voorstel, "@"),
        (ind.gebruiksfactor, "Gebruiksfactor", float(invoer.gebruiksfactor), PROCENT),
    ]
    vragen += [(ind.index[j], f"Index {j}", float(f), PROCENT) for j, f in invoer.indexjaren]
    for cel, label, waarde, formaat in vragen:
        ws[f"A{cel[1:]}"] = label
        ws[cel] = onschadelijk(waarde)
        ws[cel].number_format = formaat
    ws["C5"] = onschadelijk(f"Voorstel: {invoer.voorstel}")
    ws["A8"] = "Indexatie van het huidige tarief" if invoer.indexjaren else "Geen indexatie"
    ws["A8"].font = VET
    _valideer(ws, ind.scenario, DataValidation(type="list", formula1=namen), "scenario")
    _valideer(ws, ind.gebruiksfactor, _tussen(0, 1), "gebruiksfactor")
    for j, cel in ind.index.items():
        _valideer(ws, cel, _tussen(-0.5, 0.5), "index", j)
    kop = invoerkop(invoer)
    for letter, tekst in zip(
        "ABCDEF",
        ("Regel", "Eenheid", "Tarief in scenario", "Eigen tarief", "Wijziging", "Gebruikt tarief"),
        strict=True,
    ):
        kopcel(ws[f"{letter}{kop}"], tekst)
    kophoogte(ws, kop)
    for i, r in enumerate(invoer.regels):
        rij, ber = kop + 1 + i, BEREKENINGKOP + 1 + i
        ws[f"A{rij}"], ws[f"B{rij}"] = onschadelijk(r.regel), onschadelijk(r.eenheid)
        t = TARIEFKOP + 1 + i
        laatste = get_column_letter(3 + len(invoer.scenarios))
        ws[f"C{rij}"] = (
            f"=INDEX(Tarieven!$D${t}:${laatste}${t},1,MATCH(gekozen_scenario,{namen},0))"
        )
        ws[f"F{rij}"] = f"=Berekening!H{ber}"
        for c in "CDF":
            ws[f"{c}{rij}"].number_format = EURO
        ws[f"C{rij}"].alignment = Alignment(horizontal="right")
        ws[f"E{rij}"].number_format = PROCENT
        e = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
        _valideer(ws, f"D{rij}", e, "eigen", r.eenheid)
        _valideer(ws, f"E{rij}", _tussen(-1, 1), "wijziging")
    wb.defined_names["gekozen_scenario"] = DefinedName(
        "gekozen_scenario", attr_text=f"Invoer!$B${ind.scenario[1:]}"
    )
    wb.defined_names["gebruiksfactor"] = DefinedName(
        "gebruiksfactor", attr_text=f"Invoer!$B${ind.gebruiksfactor[1:]}"
    )


def _scenarionamen(invoer: Rekenbladinvoer) -> str:
    laatste = get_column_letter(3 + len(invoer.scenarios))
    return f"Tarieven!$D${TARIEFKOP}:${laatste}${TARIEFKOP}"


def _tussen(laag: float, hoog: float) -> DataValidation:
    return DataValidation(
        type="decimal", operator="between", formula1=str(laag), formula2=str(hoog)
    )


def _valideer(ws, cel: str, dv: DataValidation, soort: str, extra=None) -> None:
    """Unlock, colour and validate one input cell, with its Dutch input and error message."""
    titel, bericht, fout = invoerbericht(soort, extra)
    ws[cel].fill = _INVOER
    ws[cel].protection = _OPEN
    dv.allow_blank = True
    dv.promptTitle, dv.prompt = titel[:32], bericht[:255]
    dv.errorTitle, dv.error = "Ongeldige invoer", fout[:255]
    dv.showInputMessage = dv.showErrorMessage = True
    dv.add(cel)
    ws.add_data_validation(dv)


def _tarieven(ws, invoer: Rekenbladinvoer) -> None:
    ws["A3"] = (
        f"{NIET_OPENBAAR}: het tarief van dit scenario is niet openbaar; gerekend wordt met "
        "het huidige tarief, geïndexeerd."
    )
    koppen = ["Regel", "Eenheid", "Huidig tarief", *invoer.scenarios]
    for k, tekst in enumerate(koppen, start=1):
        kopcel(ws.cell(TARIEFKOP, k), onschadelijk(tekst))
        ws.column_dimensions[get_column_letter(k)].width = 30 if k == 1 else 16
    kophoogte(ws, TARIEFKOP)
    for i, r in enumerate(invoer.regels):
        waarden = [r.regel, r.eenheid, r.huidig_centen]
        waarden += [r.scenario_centen[s] for s in invoer.scenarios]
        for k, w in enumerate(waarden, start=1):
            cel = ws.cell(TARIEFKOP + 1 + i, k)
            if k < 3:
                cel.value = onschadelijk(w)
            elif w is None:
                cel.value = NIET_OPENBAAR if k > 3 else "geen"
                cel.alignment = Alignment(horizontal="right")
            else:
                cel.value, cel.number_format = w / 100, EURO


def _afdrukken(ws, invoer: Rekenbladinvoer) -> None:
    """A4, fitted to the width, the table's header on every page; Berekening landscape."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if ws.title == BEREKENING else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    kop = {TARIEVEN: TARIEFKOP, BEREKENING: BEREKENINGKOP, INVOER: invoerkop(invoer)}.get(ws.title)
    if kop:
        ws.print_title_rows = f"{kop}:{kop}"
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.left.text = f"Wat-als-rekenblad {invoer.tariefjaar}, blad &A"
    ws.oddFooter.right.text = "pagina &P van &N"
