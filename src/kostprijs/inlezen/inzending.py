"""One submission as read: typed values per named cell, their locations, the findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from kostprijs.inlezen.bevinding import Bevinding


@dataclass
class Inzending:
    """What one workbook holds: typed values per named cell, their locations, findings."""

    bestand: str
    waarden: dict[str, object] = field(default_factory=dict)
    cellen: dict[str, tuple[str, str]] = field(default_factory=dict)  # naam -> (blad, cel)
    bevindingen: list[Bevinding] = field(default_factory=list)
    rijen: dict[str, list[dict]] = field(default_factory=dict)  # table rows, see tabellen.py

    def plaats(self, naam: str) -> dict[str, str]:
        blad, cel = self.cellen.get(naam, ("", ""))
        return {"blad": blad, "cel": cel, "veld": naam}
