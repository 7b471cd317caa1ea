"""Step `controleer`: the parameters and every raw input checked up front, one list of all
problems (`kostprijs controleer`). The municipality's data it read and checked are saved as
signed records (`budget.gemeenterecord`) for the budget and result steps; they replace the
previous ones only when every check passed."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.atomisch import schrijf_tekst, vervang_map
from kostprijs.budget import gemeenterecord
from kostprijs.herkomst.keten import leg_stap_vast
from kostprijs.invoercontrole import controleer_invoer
from kostprijs.paden import processed_map, raw_map
from kostprijs.parameters import laad_parameters


def draai(
    jaar: int,
    raw: str | Path | None = None,
    uit: str | Path | None = None,
    processed: str | Path | None = None,
) -> str:
    """The report of the check of `jaar`'s raw folder, also written to `uit` when given. With
    `processed` (the pipeline) the data read are kept there as records; without it the check
    writes nothing else, so checking another export never replaces the year's records."""
    params = laad_parameters(jaar)
    raw_ = raw_map(jaar, raw or "")
    if processed is None:
        verslag = controleer_invoer(params, raw_)
    else:
        verslag = _controleer_en_bewaar(params, raw_, processed_map(jaar, processed))
    if uit:
        schrijf_tekst(Path(uit), verslag + "\n")
    return verslag


def _controleer_en_bewaar(params, raw: Path, processed: Path) -> str:
    """The check, with the records written to a working folder in `processed` and moved into
    place only when every check passed."""
    processed.mkdir(parents=True, exist_ok=True)
    werk = Path(tempfile.mkdtemp(prefix=".controleer.", dir=processed))
    try:

        def bewaar(soort: str, gelezen) -> None:
            if soort == "gegevens":
                gemeenterecord.schrijf_gegevens(werk, gelezen, raw)
            else:
                gemeenterecord.schrijf_cellen(werk, gelezen, raw)

        verslag = controleer_invoer(params, raw, bewaar)
        paden = [p for n in _records(params) for p in _verplaats(werk, processed, n)]
        if params.resultaat is None:  # a year without a result matrix (any more)
            shutil.rmtree(processed / gemeenterecord.CELLEN, ignore_errors=True)
        bronnen = [
            catalogus.indicatiebron(raw),
            catalogus.realisatiebron(raw, params.realisatiejaar),
            raw / catalogus.REALISATIE_BEVESTIGINGEN,
        ]
        if params.resultaat is not None:
            bronnen.append(catalogus.cellenbron(raw, params.realisatiejaar))
        ruw = sorted({p for b in bronnen if b.exists() for p in catalogus.bestanden(b)})
        leg_stap_vast(params.bron, raw, processed, gemeenterecord.STAP, paden, ruw, [])
    finally:
        shutil.rmtree(werk, ignore_errors=True)
    return verslag


def _records(params) -> list[str]:
    namen = [gemeenterecord.GEGEVENS]
    return namen + ([gemeenterecord.CELLEN] if params.resultaat is not None else [])


def _verplaats(werk: Path, processed: Path, naam: str) -> list[Path]:
    """Move the record `naam` from `werk` into `processed` (replacing the previous one)."""
    doel = processed / naam
    vervang_map(werk / naam, doel)
    return sorted(doel.iterdir())
