"""The reports: which notebook makes which report, and for whom.

`inkooptafel` reports go to the procurement table and carry aggregates only, under disclosure
control; `intern` reports stay with the municipality. The Makefile reads this register (with
the plain `python3`, before any package is installed: this module uses the standard library
only), and a test checks that every inkooptafel report passes disclosure control.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

INKOOPTAFEL, INTERN = "inkooptafel", "intern"
PARAMS = Path(__file__).resolve().parents[3] / "params"


@dataclass(frozen=True)
class Rapportdefinitie:
    notebook: str  # stem of notebooks/<notebook>.ipynb
    doelgroep: str  # INKOOPTAFEL or INTERN
    naam: str  # reports/<jaar>/<doelgroep>/<naam>.html and .xlsx
    alleen_met: str | None = None  # made only for a year whose parameters have this section


RAPPORTEN = (
    Rapportdefinitie("01_aanbieders", INTERN, "aanbieders"),
    Rapportdefinitie("02_kostprijzen", INKOOPTAFEL, "kostprijzen"),
    Rapportdefinitie("03_tarieven", INKOOPTAFEL, "tarieven"),
    Rapportdefinitie("04_budget", INKOOPTAFEL, "budget"),
    Rapportdefinitie("05_samenvatting", INKOOPTAFEL, "samenvatting"),
    Rapportdefinitie(
        "06_resultaattarieven", INKOOPTAFEL, "resultaattarieven", "resultaatfinanciering"
    ),
)


def rapporten(jaar: int, params: Path = PARAMS) -> tuple[Rapportdefinitie, ...]:
    """The reports of `jaar`: those without a condition, and those whose section is a key at
    the top of params/<jaar>.yaml (read as text: this module needs no YAML parser)."""
    pad = params / f"{jaar}.yaml"
    tekst = pad.read_text(encoding="utf-8") if pad.exists() else ""
    return tuple(
        r
        for r in RAPPORTEN
        if r.alleen_met is None or re.search(rf"^{re.escape(r.alleen_met)}:", tekst, re.M)
    )


if __name__ == "__main__":  # for the Makefile: "notebook:doelgroep:naam" per report of a year
    print(" ".join(f"{r.notebook}:{r.doelgroep}:{r.naam}" for r in rapporten(int(sys.argv[1]))))
