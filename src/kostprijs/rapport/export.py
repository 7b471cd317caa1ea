"""Excel export of a report: every table of the executed notebook as a sheet.

Written by the project's one workbook writer (`bestanden.excel`): numbers as numbers with
Dutch display formats, the report's own headers, the same bytes for the same content.
"""

from __future__ import annotations

import json
from pathlib import Path

from kostprijs.bestanden.excel import Blad, bladnaam, schrijf_werkboek
from kostprijs.rapport.mime import TABEL


def tabellen(notebook: dict) -> list[dict]:
    """The report tables in the order the notebook (its JSON as a dict) shows them."""
    return [
        uitvoer["data"][TABEL]
        for cel in notebook["cells"]
        if cel["cell_type"] == "code"
        for uitvoer in cel.get("outputs", [])
        if TABEL in uitvoer.get("data", {})
    ]


def bladen(tabellen_: list[dict]) -> list[Blad]:
    """One sheet per report table: its title above, its footnote below."""
    gebruikt: set[str] = set()
    return [
        Blad(
            bladnaam(t.get("blad") or t["titel"], gebruikt),
            t["kolommen"],
            t["formaten"],
            t["rijen"],
            titel=t["titel"],
            voetnoot=t.get("voetnoot"),
        )
        for t in tabellen_
    ]


def schrijf_excel(notebook: Path | dict, uit: Path) -> None:
    """Write the workbook of all tables in the executed `notebook`, atomically, reproducibly."""
    # plain JSON: nbformat's schema validation costs more import time than the whole export
    if not isinstance(notebook, dict):  # a path (a notebook in memory is a dict already)
        notebook = json.loads(Path(notebook).read_text(encoding="utf-8"))
    schrijf_werkboek(bladen(tabellen(notebook)), uit)
