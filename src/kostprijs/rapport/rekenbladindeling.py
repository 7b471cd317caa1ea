"""The layout of the what-if workbook: sheet names, cell addresses, formats and styles."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from openpyxl.styles import Alignment, Font, PatternFill

from kostprijs.bestanden.excel import NUMMERFORMATEN
from kostprijs.budget.wat_als import Rekenbladinvoer

UITLEG, INVOER, TARIEVEN, BEREKENING = "Uitleg", "Invoer", "Tarieven", "Berekening"
EURO, PROCENT, VOLUME = NUMMERFORMATEN["euro"], "0.00%", "#,##0.000"
KOP, VET = Font(bold=True, size=14), Font(bold=True)
_KOPVULLING = PatternFill("solid", fgColor="EEF3F8")
TARIEFKOP = 5  # Tarieven: header row, scenario names from column D
BEREKENINGKOP = 7  # Berekening: header row; the lines follow


def invoerkop(invoer: Rekenbladinvoer) -> int:
    """Invoer: the row of the table's header, below the index years."""
    return 10 + len(invoer.indexjaren)


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
    tabel = invoerkop(invoer) + 1  # Invoer: first line row
    rijen = {r.regel: tabel + i for i, r in enumerate(invoer.regels)}
    ber = {r.regel: (BEREKENINGKOP + 1) + i for i, r in enumerate(invoer.regels)}
    totaal = (BEREKENINGKOP + 1) + n + 2
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


def kopcel(cel, tekst: str) -> None:
    cel.value = tekst
    cel.font, cel.fill = VET, _KOPVULLING
    cel.alignment = Alignment(wrap_text=True, vertical="top")


def kophoogte(ws, rij: int) -> None:
    """The height of a header row whose texts wrap (LibreOffice does not compute it)."""
    regels = 1
    for cel in ws[rij]:
        if isinstance(cel.value, str):
            breedte = ws.column_dimensions[cel.column_letter].width or 8.43
            regels = max(regels, len(textwrap.wrap(cel.value, max(int(breedte / 1.1) - 1, 1))))
    ws.row_dimensions[rij].height = regels * 15 + 3
