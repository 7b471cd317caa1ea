"""Step `budget`: the budget impact of the proposed tarieven and the tariff scenarios, from the
indications, the realisation and the current tarieven (`kostprijs budgetimpact`)."""

from __future__ import annotations

from pathlib import Path

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.verwerkt import HANDTEKENING, schrijf_record
from kostprijs.budget import gemeenterecord
from kostprijs.budget.impact import Budgetimpact, bereken_budgetimpact
from kostprijs.budget.uitkomst import BESTAND, BUDGET_SCHEMA, STAP, budget_naar_record
from kostprijs.herkomst.keten import leg_stap_vast
from kostprijs.onderzoek.kostprijsonderzoek import VOORSTEL, onderdrukte_producten
from kostprijs.opmaak import euro, getal
from kostprijs.paden import processed_map, raw_map
from kostprijs.parameters import Jaarparameters, laad_parameters


def draai(jaar: int, raw: str | Path | None = None, processed: str | Path | None = None) -> str:
    """Run the step for `jaar`; one Dutch line on what it computed and wrote."""
    uitkomst = schrijf(
        laad_parameters(jaar), raw_map(jaar, raw or ""), processed_map(jaar, processed or "")
    )
    return (
        f"Budgetimpact {jaar} berekend: {getal(uitkomst.aantal_clienten, 0)} cliënten, alle "
        f"cliënten {euro(uitkomst.nieuw_alle_centen, centen=True, heel=True)} per jaar met de "
        f"voorgestelde tarieven; geschreven: {BESTAND}"
    )


def schrijf(params: Jaarparameters, raw: Path, processed: Path) -> Budgetimpact:
    """Compute the budget impact at the proposed tarieven, save it and record the step."""
    raw, processed = Path(raw), Path(processed)
    # the cost-price step writes disclosure.csv beside the proposal; without it (no research
    # run) the rekenblad, built only after that step, is never made from this record
    verborgen = (
        onderdrukte_producten(processed)
        if (processed / catalogus.DISCLOSURE).exists()
        else frozenset()
    )
    gegevens = gemeenterecord.lees_gegevens(processed, raw)
    uitkomst = bereken_budgetimpact(
        params, raw, processed / VOORSTEL, verborgen=verborgen, gegevens=gegevens
    )
    ruw = sorted(catalogus.bestanden(catalogus.tarievenbron(raw)))
    paden = schrijf_record(processed, BESTAND, BUDGET_SCHEMA, budget_naar_record(uitkomst))
    gelezen = [VOORSTEL, f"{gemeenterecord.GEGEVENS}/{HANDTEKENING}"]
    leg_stap_vast(params.bron, raw, processed, STAP, paden, ruw, gelezen)
    return uitkomst
