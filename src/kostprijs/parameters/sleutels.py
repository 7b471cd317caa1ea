"""Unknown keys in a section of the parameters are an error, so a typo never silently falls
back to a default."""

from __future__ import annotations

from pathlib import Path

from kostprijs.fouten import ConfiguratieFout


def onbekend(gegeven, bekend: set[str], waar: str, bron: Path) -> None:
    """ConfiguratieFout when `gegeven` is no mapping or has a key outside `bekend`."""
    if not isinstance(gegeven, dict):
        raise ConfiguratieFout(f"{bron.name}: {waar} moet een lijst van sleutels en waarden zijn.")
    onbekend = sorted(set(gegeven) - bekend)
    if onbekend:
        raise ConfiguratieFout(
            f"{bron.name}: onbekende sleutel(s) in {waar}: {', '.join(map(str, onbekend))}. "
            f"Toegestaan: {', '.join(sorted(bekend))}."
        )
