"""The Berekening sheet of the what-if workbook: live formulas in whole cents.

Every intermediate is an integer below 2^53, so floating point is exact and each ROUND
rounds exactly what `kostprijs.budget.wat_als` rounds (half up, away from zero):

- gebruiksfactor, index and wijziging as integers of 0,01%: ROUND(x*10000,0);
- volume x gebruiksfactor + volume eenmalig as an integer W of 1/10.000.000 unit;
- amount in cents = INT(W/10^7)*t + ROUND((W - INT(W/10^7)*10^7)*t/10^7,0).
"""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from kostprijs.bestanden.injectie import onschadelijk
from kostprijs.budget.wat_als import Rekenbladinvoer
from kostprijs.rapport.rekenbladindeling import (
    BEREKENINGKOP,
    EURO,
    PROCENT,
    TARIEFKOP,
    VET,
    VOLUME,
    Rekenbladindeling,
    kopcel,
    kophoogte,
)
from kostprijs.rapport.rekenbladteksten import NIET_OPENBAAR

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


def berekening(ws, invoer: Rekenbladinvoer, ind: Rekenbladindeling) -> None:
    for k, (tekst, breedte) in enumerate(_BEREKENING_KOPPEN, start=1):
        kopcel(ws.cell(BEREKENINGKOP, k), tekst)
        ws.column_dimensions[get_column_letter(k)].width = breedte
    kophoogte(ws, BEREKENINGKOP)
    for c in _HULP:
        ws.column_dimensions[c].hidden = True
    y = len(invoer.indexjaren)
    index = "*".join(f"(10000+ROUND(Invoer!{c}*10000,0))" for c in ind.index.values()) or "1"
    ws["A3"], ws["D3"] = "Scenario", "=gekozen_scenario"
    ws["A4"], ws["D4"] = "Gebruiksfactor (afgerond op 0,01%)", "=N4/10000"
    ws["A5"], ws["D5"] = "Indexfactor huidig tarief", f"=N5/10^{4 * y}"
    ws["N4"], ws["N5"] = "=ROUND(gebruiksfactor*10000,0)", f"={index}"
    ws["D4"].number_format, ws["D5"].number_format = PROCENT, "0.00000000"
    eerste = BEREKENINGKOP + 1
    laatste = eerste + len(invoer.regels) - 1
    for i, r in enumerate(invoer.regels):
        rij, t = eerste + i, TARIEFKOP + 1 + i
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
        ws[f"A{rij}"].font = VET
    for c in "JKL":
        ws[f"{c}{tot}"].font = VET
    ws.freeze_panes = f"B{eerste}"


def _bedrag(rij: int, tarief: str) -> str:
    """Cents of volume x tarief, half up, in parts that each stay exact in floating point."""
    heel = f"INT(N{rij}/10^7)"
    return f"={heel}*{tarief}{rij}+ROUND((N{rij}-{heel}*10^7)*{tarief}{rij}/10^7,0)"
