"""The what-if workbook (rekenblad) for the beleidsadviseur and the inkooptafel.

Four sheets: Uitleg, Invoer (the only unlocked cells), Tarieven and Berekening (live
formulas). The formulas compute in whole cents and integers, so they are exact in floating
point and give what `kostprijs.budget.wat_als.wat_als` gives, to the cent:

- gebruiksfactor, index and wijziging as integers of 0,01%: ROUND(x*10000,0);
- volume x gebruiksfactor as an integer W of 1/10.000.000 unit;
- amount in cents = INT(W/1E7)*t + ROUND(MOD-part*t/1E7,0): each product stays below 2^53.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from kostprijs.bestanden.atomisch import atomisch
from kostprijs.bestanden.excel import NUMMERFORMATEN, VAST_TIJDSTIP, vaste_zip
from kostprijs.bestanden.injectie import onschadelijk
from kostprijs.budget.wat_als import Rekenbladinvoer
from kostprijs.rapport.rekenbladteksten import NIET_OPENBAAR, invoerbericht, uitleg

UITLEG, INVOER, TARIEVEN, BEREKENING = "Uitleg", "Invoer", "Tarieven", "Berekening"
EURO, PROCENT, VOLUME = NUMMERFORMATEN["euro"], "0.00%", "#,##0.000"
_KOP, _VET = Font(bold=True, size=14), Font(bold=True)
_INVOER = PatternFill("solid", fgColor="FFF2CC")
_KOPVULLING = PatternFill("solid", fgColor="EEF3F8")
_OPEN = Protection(locked=False)
_EERSTE_TARIEF = 6  # Tarieven: first line row; scenario names in row 5 from column D
_EERSTE_BEREKENING = 8  # Berekening: first line row, header in row 7


@dataclass(frozen=True)
class Rekenbladindeling:
    """Where things are: input cells on Invoer, results on Berekening (for tests and users)."""

    scenario: str
    gebruiksfactor: str
    index: dict[int, str]  # jaar -> cell
    eigen_tarief: dict[str, str]  # regel -> cell
    wijziging: dict[str, str]
    bedrag: dict[str, str]  # regel -> cell on Berekening (euros)
    huidig_bedrag: dict[str, str]
    totaal: str
    huidig_totaal: str
    verschil: str

    @property
    def invoercellen(self) -> set[str]:
        return {
            self.scenario,
            self.gebruiksfactor,
            *self.index.values(),
            *self.eigen_tarief.values(),
            *self.wijziging.values(),
        }


def indeling(invoer: Rekenbladinvoer) -> Rekenbladindeling:
    """The cell addresses of this invoer's workbook."""
    n = len(invoer.regels)
    tabel = 11 + len(invoer.indexjaren)  # Invoer: first line row
    rijen = {r.regel: tabel + i for i, r in enumerate(invoer.regels)}
    ber = {r.regel: _EERSTE_BEREKENING + i for i, r in enumerate(invoer.regels)}
    totaal = _EERSTE_BEREKENING + n + 2
    return Rekenbladindeling(
        scenario="B5",
        gebruiksfactor="B6",
        index={j: f"B{9 + i}" for i, (j, _f) in enumerate(invoer.indexjaren)},
        eigen_tarief={k: f"D{r}" for k, r in rijen.items()},
        wijziging={k: f"E{r}" for k, r in rijen.items()},
        bedrag={k: f"J{r}" for k, r in ber.items()},
        huidig_bedrag={k: f"K{r}" for k, r in ber.items()},
        totaal=f"J{totaal}",
        huidig_totaal=f"K{totaal}",
        verschil=f"L{totaal}",
    )


def schrijf_rekenblad(invoer: Rekenbladinvoer, pad: Path) -> None:
    """Write the what-if workbook to `pad`, atomically and reproducibly."""
    ind = indeling(invoer)
    wb = Workbook()
    wb.remove(wb.active)
    for naam in (UITLEG, INVOER, TARIEVEN, BEREKENING):
        ws = wb.create_sheet(naam)
        ws["A1"] = onschadelijk(_titel(invoer, naam))
        ws["A1"].font = _KOP
        ws["A2"] = onschadelijk(f"Uit run {invoer.run_id}, {invoer.datum}")
    _uitleg(wb[UITLEG], invoer)
    _invoer(wb, invoer, ind)
    _tarieven(wb[TARIEVEN], invoer)
    _berekening(wb[BEREKENING], invoer, ind)
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
        ws[f"A{i}"].font = _VET
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
    ws["A8"].font = _VET
    _valideer(ws, ind.scenario, DataValidation(type="list", formula1=namen), "scenario")
    _valideer(ws, ind.gebruiksfactor, _tussen(0, 1), "gebruiksfactor")
    for j, cel in ind.index.items():
        _valideer(ws, cel, _tussen(-0.5, 0.5), "index", j)
    kop = int(next(iter(ind.eigen_tarief.values()), "D12")[1:]) - 1
    for letter, tekst in zip(
        "ABCDEF",
        ("Regel", "Eenheid", "Tarief in scenario", "Eigen tarief", "Wijziging", "Gebruikt tarief"),
        strict=True,
    ):
        _kopcel(ws[f"{letter}{kop}"], tekst)
    _kophoogte(ws, kop)
    for i, r in enumerate(invoer.regels):
        rij, ber = kop + 1 + i, _EERSTE_BEREKENING + i
        ws[f"A{rij}"], ws[f"B{rij}"] = onschadelijk(r.regel), onschadelijk(r.eenheid)
        t = _EERSTE_TARIEF + i
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
    return f"Tarieven!$D$5:${laatste}$5"


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


def _kopcel(cel, tekst: str) -> None:
    cel.value = tekst
    cel.font, cel.fill = _VET, _KOPVULLING
    cel.alignment = Alignment(wrap_text=True, vertical="top")


def _kophoogte(ws, rij: int) -> None:
    """The height of a header row whose texts wrap (LibreOffice does not compute it)."""
    regels = 1
    for cel in ws[rij]:
        if isinstance(cel.value, str):
            breedte = ws.column_dimensions[cel.column_letter].width or 8.43
            regels = max(regels, len(textwrap.wrap(cel.value, max(int(breedte / 1.1) - 1, 1))))
    ws.row_dimensions[rij].height = regels * 15 + 3


def _tarieven(ws, invoer: Rekenbladinvoer) -> None:
    ws["A3"] = (
        f"{NIET_OPENBAAR}: het tarief van dit scenario is niet openbaar; gerekend wordt met "
        "het huidige tarief, geïndexeerd."
    )
    koppen = ["Regel", "Eenheid", "Huidig tarief", *invoer.scenarios]
    for k, tekst in enumerate(koppen, start=1):
        _kopcel(ws.cell(5, k), onschadelijk(tekst))
        ws.column_dimensions[get_column_letter(k)].width = 30 if k == 1 else 16
    _kophoogte(ws, 5)
    for i, r in enumerate(invoer.regels):
        waarden = [r.regel, r.eenheid, r.huidig_centen]
        waarden += [r.scenario_centen[s] for s in invoer.scenarios]
        for k, w in enumerate(waarden, start=1):
            cel = ws.cell(_EERSTE_TARIEF + i, k)
            if k < 3:
                cel.value = onschadelijk(w)
            elif w is None:
                cel.value = NIET_OPENBAAR if k > 3 else None
                cel.alignment = Alignment(horizontal="right")
            else:
                cel.value, cel.number_format = w / 100, EURO


_BEREKENING_KOPPEN = (
    ("Regel", 28),
    ("Eenheid", 10),
    ("Volume per jaar bij 100%", 13),
    ("Volume eenmalig", 11),
    ("Volume gerekend", 13),
    ("Huidig tarief", 11),
    ("Huidig tarief geïndexeerd", 12),
    ("Gebruikt tarief", 11),
    ("Herkomst tarief", 26),
    ("Bedrag", 15),
    ("Bedrag bij huidige tarieven", 15),
    ("Verschil", 15),
)
# Hidden helper columns, whole numbers: N volume in 1/10.000.000 unit; O huidig tarief,
# P huidig geïndexeerd, Q basistarief, R gebruikt tarief (cents); S and T amounts (cents)
_HULP = "NOPQRST"


def _berekening(ws, invoer: Rekenbladinvoer, ind: Rekenbladindeling) -> None:
    for k, (tekst, breedte) in enumerate(_BEREKENING_KOPPEN, start=1):
        _kopcel(ws.cell(7, k), tekst)
        ws.column_dimensions[get_column_letter(k)].width = breedte
    _kophoogte(ws, 7)
    for c in _HULP:
        ws.column_dimensions[c].hidden = True
    y = len(invoer.indexjaren)
    index = "*".join(f"(10000+ROUND(Invoer!{c}*10000,0))" for c in ind.index.values()) or "1"
    ws["A3"], ws["D3"] = "Scenario", "=gekozen_scenario"
    ws["A4"], ws["D4"] = "Gebruiksfactor (afgerond op 0,01%)", "=N4/10000"
    ws["A5"], ws["D5"] = "Indexfactor huidig tarief", f"=N5/10^{4 * y}"
    ws["N4"], ws["N5"] = "=ROUND(gebruiksfactor*10000,0)", f"={index}"
    ws["D4"].number_format, ws["D5"].number_format = PROCENT, "0.00000000"
    eerste, laatste = _EERSTE_BEREKENING, _EERSTE_BEREKENING + len(invoer.regels) - 1
    for i, r in enumerate(invoer.regels):
        rij, t = eerste + i, _EERSTE_TARIEF + i
        inv = int(ind.eigen_tarief[r.regel][1:])
        eigen, wijz, scen = f"Invoer!D{inv}", f"Invoer!E{inv}", f"Invoer!C{inv}"
        waarden = {
            "A": onschadelijk(r.regel),
            "B": onschadelijk(r.eenheid),
            "C": float(r.volume),
            "D": float(r.volume_eenmalig),
            "E": f"=N{rij}/10^7",
            "F": f'=IF(ISNUMBER(Tarieven!C{t}),Tarieven!C{t},"geen")',
            "G": f'=IF(ISNUMBER(P{rij}),P{rij}/100,"")',
            "H": f"=R{rij}/100",
            "I": f'=IF(ISNUMBER({eigen}),"eigen tarief",IF(ISNUMBER({scen}),"scenario",'
            f'"huidig geïndexeerd ({NIET_OPENBAAR})")&IF(ISNUMBER({wijz})," + wijziging",""))',
            "J": f"=S{rij}/100",
            "K": f"=T{rij}/100",
            "L": f"=(S{rij}-T{rij})/100",
            "N": f"=ROUND(C{rij}*1000,0)*$N$4+ROUND(D{rij}*1000,0)*10000",
            "O": f"=IF(ISNUMBER(F{rij}),ROUND(F{rij}*100,0),0)",
            "P": f'=IF(ISNUMBER(F{rij}),ROUND(O{rij}*$N$5/10^{4 * y},0),"")',
            "Q": f"=IF(ISNUMBER({scen}),ROUND({scen}*100,0),P{rij})",
            "R": f"=IF(ISNUMBER({eigen}),ROUND({eigen}*100,0),IF(ISNUMBER({wijz}),"
            f"ROUND(Q{rij}*(10000+ROUND({wijz}*10000,0))/10000,0),Q{rij}))",
            "S": _bedrag(rij, "R"),
            "T": _bedrag(rij, "O"),
        }
        for c, w in waarden.items():
            ws[f"{c}{rij}"] = w
        for c in "CDE":
            ws[f"{c}{rij}"].number_format = VOLUME
        ws[f"E{rij}"].number_format = VOLUME + "####"  # all 7 decimals of volume x factor
        for c in "FGHJKL":
            ws[f"{c}{rij}"].number_format = EURO
            ws[f"{c}{rij}"].alignment = Alignment(horizontal="right")
    sub, corr, tot = laatste + 1, laatste + 2, laatste + 3
    ws[f"A{sub}"] = "Subtotaal van de regels"
    ws[f"S{sub}"], ws[f"T{sub}"] = f"=SUM(S{eerste}:S{laatste})", f"=SUM(T{eerste}:T{laatste})"
    ws[f"A{corr}"] = "Afrondingscorrectie (afronding per cliënt in het volledige model, vast)"
    ws[f"S{corr}"], ws[f"T{corr}"] = invoer.afronding_centen, invoer.afronding_huidig_centen
    ws[f"A{tot}"] = "Totaal"
    ws[f"S{tot}"], ws[f"T{tot}"] = f"=S{sub}+S{corr}", f"=T{sub}+T{corr}"
    for rij in (sub, corr, tot):
        ws[f"J{rij}"], ws[f"K{rij}"] = f"=S{rij}/100", f"=T{rij}/100"
        ws[f"L{rij}"] = f"=(S{rij}-T{rij})/100"
        for c in "JKL":
            ws[f"{c}{rij}"].number_format = EURO
        ws[f"A{rij}"].font = ws[f"J{tot}"].font = ws[f"K{tot}"].font = _VET
    ws[f"L{tot}"].font = _VET
    ws.freeze_panes = f"B{eerste}"


def _bedrag(rij: int, tarief: str) -> str:
    """Cents of volume x tarief, half up, in parts that each stay exact in floating point."""
    heel = f"INT(N{rij}/10^7)"
    return f"={heel}*{tarief}{rij}+ROUND((N{rij}-{heel}*10^7)*{tarief}{rij}/10^7,0)"


def _afdrukken(ws, invoer: Rekenbladinvoer) -> None:
    """A4, fitted to the width, the table's header on every page; Berekening landscape."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if ws.title == BEREKENING else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    kop = {TARIEVEN: 5, BEREKENING: 7, INVOER: 10 + len(invoer.indexjaren)}.get(ws.title)
    if kop:
        ws.print_title_rows = f"{kop}:{kop}"
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.left.text = f"Wat-als-rekenblad {invoer.tariefjaar}, blad &A"
    ws.oddFooter.right.text = "pagina &P van &N"
