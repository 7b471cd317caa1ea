"""A finding: one problem in one submission, located and explained in Dutch."""

from __future__ import annotations

from dataclasses import dataclass

FOUT = "fout"
OPMERKING = "opmerking"


@dataclass(frozen=True, order=True)
class Bevinding:
    """One problem; `fout` rejects the submission, `opmerking` accepts it with a remark.

    `regel` names the validation rule behind it (schema.py), so that a plausibility finding
    can be told apart from other findings; it is not part of the output.
    """

    bestand: str
    blad: str
    cel: str
    veld: str
    melding: str
    ernst: str = FOUT
    gevonden: str = ""
    verwacht: str = ""
    regel: str = ""


class Weigering(Exception):
    """The file cannot be read safely or at all; carries the findings that say why."""

    def __init__(self, *bevindingen: Bevinding) -> None:
        self.bevindingen = bevindingen
        super().__init__("; ".join(b.melding for b in bevindingen))


def fout(bestand: str, melding: str, **plaats: str) -> Bevinding:
    return Bevinding(bestand=bestand, melding=melding, ernst=FOUT, **_plaats(plaats))


def opmerking(bestand: str, melding: str, **plaats: str) -> Bevinding:
    return Bevinding(bestand=bestand, melding=melding, ernst=OPMERKING, **_plaats(plaats))


def _plaats(plaats: dict[str, str]) -> dict[str, str]:
    return {k: plaats.get(k, "") for k in ("blad", "cel", "veld", "gevonden", "verwacht")}
