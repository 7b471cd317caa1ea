"""The tau-argus style audit of a published result-matrix workbook: the attacker's linear
system of published totals, shares (with their rounding), tariffs x units and the combined
row, with the hidden values as non-negative unknowns; each hidden value's feasible interval
by exact linear programming (lp_exact). Reads the workbook only; the true values come from
`waar(cel, product=None)` (euros as Fractions) to compare with."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pandas as pd
from lp_exact import interval

SAMEN = "kleine cellen samen"
HALVE_CENT = Fraction(1, 200)
HALVE_PROMILLE = Fraction(1, 2000)  # shares are published to 0,1%


def lees_werkmap(pad: Path) -> dict[str, pd.DataFrame]:
    """Every sheet of an exported report: title in row 1, header in row 2."""
    boek = openpyxl.load_workbook(pad, read_only=True)
    uit = {}
    for blad in boek.worksheets:
        rijen = [r for r in blad.values if any(v is not None for v in r)]
        if len(rijen) >= 2:
            uit[blad.title] = pd.DataFrame(rijen[2:], columns=rijen[1])
    return uit


def breuk(v) -> Fraction:
    return Fraction(Decimal(str(v)))


def beschermd(laag, hoog, waarde: Fraction, p: Decimal) -> bool:
    marge = waarde * Fraction(p) / 100
    return (laag is None or laag <= waarde - marge) and (hoog is None or hoog >= waarde + marge)


def _naam(cel) -> str:
    return f"{cel[0]} × {cel[1]}"


def cellen_samen(bladen: dict[str, pd.DataFrame]) -> list[tuple[str, str]]:
    kosten = set(bladen["Kosten per cel"]["Cel"])
    m = bladen["Matrix"]
    return [c for c in zip(m["Cel"], m["Zelfredzaamheid"], strict=True) if _naam(c) not in kosten]


def audit_samen(bladen, waar: Callable, p: Decimal) -> list:
    """The cells of the combined row: K (cost) and E (units) per cell unknown; the row gives
    sum K and sum tariff x E; a shown own-cell tariff t bounds (t -/+ 1/2 cent) E. Returns the
    cells whose K is not kept p% either side (empty: the audit passes)."""
    kosten = bladen["Kosten per cel"].set_index("Cel")
    matrix = bladen["Matrix"].set_index(["Cel", "Zelfredzaamheid"])
    samen = cellen_samen(bladen)
    if not samen:
        return []
    rij = next(k for k in kosten.index if k.endswith(SAMEN))
    tariefkolom = next(k for k in matrix.columns if k in ("Tarief per periode", "Trajectprijs"))
    n = 2 * len(samen)  # K_i at 2i, E_i at 2i + 1
    a_eq = [[1 if j % 2 == 0 else 0 for j in range(n)]]
    b_eq = [breuk(kosten.loc[rij, "Realisatie tegen kostprijs"])]
    tarief = {c: matrix.loc[c, tariefkolom] for c in samen}
    tarief = {c: None if t == "x" or pd.isna(t) else breuk(t) for c, t in tarief.items()}
    if all(t is not None for t in tarief.values()):
        a_eq.append([tarief[samen[j // 2]] if j % 2 else 0 for j in range(n)])
        b_eq.append(breuk(kosten.loc[rij, "Met de celtarieven"]))
    a_ub, b_ub = [], []
    for i, c in enumerate(samen):
        if tarief[c] is None or matrix.loc[c, "Bron"] != "eigen cel":
            continue
        for teken, grens in ((1, tarief[c] + HALVE_CENT), (-1, tarief[c] - HALVE_CENT)):
            r = [0] * n
            r[2 * i], r[2 * i + 1] = teken, -teken * grens
            a_ub.append(r)
            b_ub.append(0)
    fout = []
    for i, c in enumerate(samen):
        laag, hoog = interval(2 * i, n, a_eq=a_eq, b_eq=b_eq, a_ub=a_ub, b_ub=b_ub)
        if not beschermd(laag, hoog, waar(c), p):
            fout.append((c, laag, hoog, waar(c)))
    return fout


def audit_aandelen(bladen, waar: Callable, p: Decimal) -> list:
    """Per shown cell: the shown parts x_q and the rest r (hidden product, unsafe parts) with
    sum = the cell's cost and (s_q -/+ 0,05%) x sum(shown) bounding x_q. Returns the cells whose
    rest is not kept p% either side."""
    kosten = bladen["Kosten per cel"].set_index("Cel")
    fout = []
    for r in bladen["Aandelen"].to_dict("records"):
        cel = (r.pop("Cel"), r.pop("Zelfredzaamheid"))
        delen = {q: breuk(v) for q, v in r.items() if pd.notna(v)}
        rest = waar(cel) - sum(waar(cel, q) for q in delen)
        if not rest:
            continue
        n = len(delen) + 1  # the rest last
        a_ub, b_ub = [], []
        for i, s in enumerate(delen.values()):
            for teken, grens in ((1, s + HALVE_PROMILLE), (-1, s - HALVE_PROMILLE)):
                rij = [-teken * grens] * (n - 1) + [0]
                rij[i] += teken
                a_ub.append(rij)
                b_ub.append(0)
        k = breuk(kosten.loc[_naam(cel), "Realisatie tegen kostprijs"])
        laag, hoog = interval(n - 1, n, a_eq=[[1] * n], b_eq=[k], a_ub=a_ub, b_ub=b_ub)
        if not beschermd(laag, hoog, rest, p):
            fout.append((cel, laag, hoog, rest))
    return fout


def waarheid(uitkomst) -> Callable:
    """waar(cel, product=None): the true realised cost (euros) of a cell or of a product in it."""
    b = uitkomst.bijdragen

    def waar(cel, product=None) -> Fraction:
        sel = b[(b["subresultaat"] == cel[0]) & (b["zelfredzaamheid"] == cel[1])]
        if product:
            sel = sel[sel["productspecificatie"] == product]
        return Fraction(int(sel["kosten_centen"].sum()), 100)

    return waar
