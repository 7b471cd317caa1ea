"""Step `rekenblad`: the what-if workbook for the inkooptafel, with aggregated volumes and live
formulas, from the saved budget impact (`kostprijs rekenblad`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from kostprijs.budget.rekenbladvolumes import invoer
from kostprijs.budget.uitkomst import lees_budgetimpact
from kostprijs.fouten import KostprijsFout
from kostprijs.herkomst.manifest import lees_manifest
from kostprijs.opmaak import datum
from kostprijs.paden import processed_map
from kostprijs.parameters import laad_parameters
from kostprijs.rapport.rekenblad import schrijf_rekenblad, schrijf_zonder_scenario
from kostprijs.rapport.rekenbladteksten import zonder_scenario


def draai(
    jaar: int, manifest: str | Path, uit: str | Path, processed: str | Path | None = None
) -> str:
    """Write the rekenblad of the run `manifest` to `uit`; what was written."""
    params = laad_parameters(jaar)
    uitkomst = lees_budgetimpact(processed_map(jaar, processed or ""))
    if uitkomst is None:
        raise KostprijsFout(
            "De budgetimpact van dit jaar is nog niet berekend: draai eerst "
            f"`kostprijs budgetimpact --jaar {jaar}` (of `make report`)."
        )
    m = lees_manifest(Path(manifest))
    start = datum(dt.datetime.fromisoformat(m["start"]))
    gegevens = invoer(params, uitkomst.rekenblad, m["run_id"], start)
    if gegevens is None:
        tekst = zonder_scenario(params.scenarios.namen, uitkomst.rekenblad_weggelaten)
        herkomst = f"Uit run {m['run_id']}, {start}"
        schrijf_zonder_scenario(params.gemeente, params.jaar, herkomst, tekst, Path(uit))
        return f"Rekenblad zonder cijfers geschreven: {uit}. {tekst}"
    if m.get("synthetisch"):
        gegevens = dataclasses.replace(gegevens, synthetisch=True)
    schrijf_rekenblad(gegevens, Path(uit))
    return f"Rekenblad geschreven: {uit}"
