"""Step `resultaat`: the cell tariffs of the result matrix at the cost prices, also per
tariff scenario of the budget step (`kostprijs resultaatstap`)."""

from __future__ import annotations

from pathlib import Path

from kostprijs.bestanden.verwerkt import HANDTEKENING, schrijf_record
from kostprijs.budget import gemeenterecord
from kostprijs.budget.uitkomst import (
    BESTAND,
    KOSTPRIJZEN,
    RESULTAAT_BESTAND,
    RESULTAAT_SCHEMA,
    RESULTAAT_STAP,
    lees_budgetimpact,
    resultaat_naar_record,
    scenarioprijzen,
)
from kostprijs.herkomst.keten import leg_stap_vast
from kostprijs.opmaak import euro
from kostprijs.paden import processed_map, raw_map
from kostprijs.parameters import Jaarparameters, laad_parameters
from kostprijs.resultaat.celtarieven import Resultaattarieven, bereken_uit_mappen


def draai(jaar: int, raw: str | Path | None = None, processed: str | Path | None = None) -> str:
    """Run the step for `jaar`; one Dutch line on what it computed and wrote."""
    uitkomst = schrijf(
        laad_parameters(jaar), raw_map(jaar, raw or ""), processed_map(jaar, processed or "")
    )
    if uitkomst is None:
        return f"Geen resultaatmatrix in de parameters van {jaar}; geschreven: {RESULTAAT_BESTAND}"
    return (
        f"Resultaattarieven {jaar} berekend: {len(uitkomst.matrix)} cellen, met de "
        f"celtarieven {euro(uitkomst.tariefmodel_centen, centen=True, heel=True)}; "
        f"geschreven: {RESULTAAT_BESTAND}"
    )


def schrijf(params: Jaarparameters, raw: Path, processed: Path) -> Resultaattarieven | None:
    """Compute the cell tariffs of the result matrix at the cost prices, save them and record
    the step. A year without a matrix saves an empty record."""
    raw, processed = Path(raw), Path(processed)
    if params.resultaat is None:
        paden = schrijf_record(processed, RESULTAAT_BESTAND, RESULTAAT_SCHEMA, None)
        leg_stap_vast(params.bron, raw, processed, RESULTAAT_STAP, paden, [], [])
        return None
    budget = lees_budgetimpact(processed)  # the tariff scenarios, when the budget step ran
    prijzen = scenarioprijzen(budget) if budget is not None else None
    regels = gemeenterecord.lees_cellen(processed, raw)
    uitkomst = bereken_uit_mappen(params, raw, processed, prijzen, regels)
    velden = resultaat_naar_record(uitkomst)
    paden = schrijf_record(processed, RESULTAAT_BESTAND, RESULTAAT_SCHEMA, velden)
    verwerkt = [KOSTPRIJZEN, f"{gemeenterecord.CELLEN}/{HANDTEKENING}"]
    verwerkt += [f"{BESTAND}/{HANDTEKENING}"] if budget is not None else []
    leg_stap_vast(params.bron, raw, processed, RESULTAAT_STAP, paden, [], verwerkt)
    return uitkomst
