"""Step `controleer`: the parameters and every raw input checked up front, one list of all
problems (`kostprijs controleer`)."""

from __future__ import annotations

from pathlib import Path

from kostprijs.bestanden.atomisch import schrijf_tekst
from kostprijs.invoercontrole import controleer_invoer
from kostprijs.paden import raw_map
from kostprijs.parameters import laad_parameters


def draai(jaar: int, raw: str | Path | None = None, uit: str | Path | None = None) -> str:
    """The report of the check of `jaar`'s raw folder, also written to `uit` when given."""
    verslag = controleer_invoer(laad_parameters(jaar), raw_map(jaar, raw or ""))
    if uit:
        schrijf_tekst(Path(uit), verslag + "\n")
    return verslag
