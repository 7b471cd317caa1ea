"""Local secrets (the pseudonymisation key, the p of the p% rule): never in git, never in a
report. Each comes from an environment variable when that is set, else from a file under
`.kostprijs/` (git-ignored)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Geheim:
    """A secret's raw text and where it came from."""

    tekst: str
    bron: str  # Dutch, for messages: "omgevingsvariabele X" or the file's path
    uit_bestand: bool


def lees_geheim(
    variabele: str, bestand: Path, omgeving: Mapping[str, str] | None = None
) -> Geheim | None:
    """The environment variable when it is set (not blank), else the file, else None."""
    omgeving = os.environ if omgeving is None else omgeving
    if omgeving.get(variabele, "").strip():
        return Geheim(omgeving[variabele], f"omgevingsvariabele {variabele}", False)
    if Path(bestand).exists():
        return Geheim(
            Path(bestand).read_text(encoding="utf-8", errors="replace"), str(bestand), True
        )
    return None
