"""Step `inlezen`: every provider workbook read and checked (`kostprijs inlezen`)."""

from __future__ import annotations

from pathlib import Path

from kostprijs.fouten import KostprijsFout
from kostprijs.inlezen import lees_map
from kostprijs.inlezen.pijplijn import standaard_bevestigingen
from kostprijs.paden import DATA_PROCESSED, DATA_RAW
from kostprijs.parameters import laad_parameters
from kostprijs.rapport.teksten.inleesteksten import samenvatting


def draai(
    jaar: int,
    map_: str | Path | None = None,
    uit: str | Path | None = None,
    *,
    stil: bool = False,
    bevestigingen: str | Path | None = None,
) -> str:
    """Read the workbooks of `map_` (default data/raw/<jaar>/aanbieders) into `uit` (default
    data/processed/<jaar>); the summary. KostprijsFout when not one workbook could be used:
    the overview of the submissions is written all the same."""
    params = laad_parameters(jaar)
    map_ = Path(map_) if map_ else DATA_RAW / str(jaar) / "aanbieders"
    uit = Path(uit) if uit else DATA_PROCESSED / str(jaar)
    bevestigingen = Path(bevestigingen) if bevestigingen else standaard_bevestigingen(map_)
    resultaat = lees_map(params, map_, uit, voortgang=not stil, bevestigingen=bevestigingen)
    tekst = samenvatting(resultaat)
    if resultaat.verwerkt == 0:
        print(tekst)
        raise KostprijsFout("geen enkele inzending kon worden verwerkt.")
    return tekst
