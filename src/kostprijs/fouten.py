"""Errors whose message a beleidsadviseur can act on: what, where and what to do (Dutch)."""

from __future__ import annotations

from pathlib import Path


class KostprijsFout(Exception):
    """Base class: an expected problem, reported in Dutch without a traceback."""

    exitcode = 1


class InvoerFout(KostprijsFout):
    """Bad input: names the file and, where known, sheet, cell or row, and what to do."""

    def __init__(
        self,
        melding: str,
        *,
        bestand: str | Path | None = None,
        blad: str | None = None,
        cel: str | None = None,
        rij: int | None = None,
        kolom: str | None = None,
        actie: str | None = None,
    ) -> None:
        self.melding = melding
        self.bestand = str(bestand) if bestand is not None else None
        self.blad = blad
        self.cel = cel
        self.rij = rij
        self.kolom = kolom
        self.actie = actie
        super().__init__(str(self))

    @property
    def plaats(self) -> str:
        """Where the problem is, e.g. 'indicaties.csv, rij 4, kolom tarief'."""
        delen = []
        if self.bestand:
            delen.append(Path(self.bestand).name)
        if self.blad:
            delen.append(f"blad '{self.blad}'")
        if self.cel:
            delen.append(f"cel {self.cel}")
        if self.rij is not None:
            delen.append(f"rij {self.rij}")
        if self.kolom:
            delen.append(f"kolom '{self.kolom}'")
        return ", ".join(delen)

    def __str__(self) -> str:
        tekst = f"{self.plaats}: {self.melding}" if self.plaats else self.melding
        if self.actie:
            tekst += f" {self.actie}"
        return tekst


class ConfiguratieFout(KostprijsFout):
    """A problem in the year's parameters or the local configuration."""

    exitcode = 2


class VerouderdeGegevens(KostprijsFout):
    """Processed data that do not belong to the inputs of this run, or that no step of the
    pipeline wrote and signed."""
