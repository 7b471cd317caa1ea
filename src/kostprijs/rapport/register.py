"""The reports: which notebook makes which report, and for whom.

`inkooptafel` reports go to the procurement table and carry aggregates only, under disclosure
control; `intern` reports stay with the municipality. The Makefile reads this register (with
the plain `python3`, before any package is installed: this module uses the standard library
only), and a test checks that every inkooptafel report passes disclosure control.
"""

from __future__ import annotations

from dataclasses import dataclass

INKOOPTAFEL, INTERN = "inkooptafel", "intern"


@dataclass(frozen=True)
class Rapportdefinitie:
    notebook: str  # stem of notebooks/<notebook>.ipynb
    doelgroep: str  # INKOOPTAFEL or INTERN
    naam: str  # reports/<jaar>/<doelgroep>/<naam>.html and .xlsx


RAPPORTEN = (
    Rapportdefinitie("01_aanbieders", INTERN, "aanbieders"),
    Rapportdefinitie("02_kostprijzen", INKOOPTAFEL, "kostprijzen"),
    Rapportdefinitie("03_tarieven", INKOOPTAFEL, "tarieven"),
    Rapportdefinitie("04_budget", INKOOPTAFEL, "budget"),
    Rapportdefinitie("05_samenvatting", INKOOPTAFEL, "samenvatting"),
)


if __name__ == "__main__":  # for the Makefile: "notebook:doelgroep:naam" per report
    print(" ".join(f"{r.notebook}:{r.doelgroep}:{r.naam}" for r in RAPPORTEN))
