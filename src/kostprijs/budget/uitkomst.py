"""The budget impact as a pipeline step: computed once from the raw folder and the proposed
tarieven, saved in the processed folder, and read by every report that shows it.

The saved object holds only aggregates (totals, per-product use, quantiles of amounts per
period); client pseudonyms stay in the computation. It is a pickle of the project's own
output: it is read only after its SHA-256 matches the step's provenance record.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

from kostprijs.bestanden.atomisch import atomisch, sha256
from kostprijs.budget.impact import Budgetimpact, bereken_budgetimpact
from kostprijs.herkomst.keten import MAP, VerouderdeGegevens, raw_invoer, vastleggen
from kostprijs.onderzoek.kostprijsonderzoek import VOORSTEL
from kostprijs.parameters import Jaarparameters

BESTAND = "budgetimpact.pkl"
STAP = "budget"


def schrijf_budgetimpact(params: Jaarparameters, raw: Path, processed: Path) -> Budgetimpact:
    """Compute the budget impact at the proposed tarieven, save it and record the step."""
    raw, processed = Path(raw), Path(processed)
    uitkomst = bereken_budgetimpact(params, raw, processed / VOORSTEL)
    pad = processed / BESTAND
    with atomisch(pad) as tmp:
        tmp.write_bytes(pickle.dumps(uitkomst, protocol=5))
    invoer = raw_invoer(
        raw,
        [
            raw / "indicaties.csv",
            raw / "tarieven_huidig.csv",
            raw / f"realisatie_{params.realisatiejaar}.csv",
        ],
    )
    invoer[f"processed/{VOORSTEL}"] = processed / VOORSTEL
    invoer[f"params/{params.bron.name}"] = params.bron
    vastleggen(processed, STAP, invoer, [pad])
    return uitkomst


def lees_budgetimpact(processed: Path) -> Budgetimpact | None:
    """The saved budget impact, or None when the step has not run for this folder.

    VerouderdeGegevens when the file is not the one the step wrote."""
    processed = Path(processed)
    pad, record = processed / BESTAND, processed / MAP / f"{STAP}.json"
    if not pad.exists() or not record.exists():
        return None
    verwacht = json.loads(record.read_text(encoding="utf-8"))["uitvoer"].get(f"processed/{BESTAND}")
    if sha256(pad) != verwacht:
        raise VerouderdeGegevens(
            f"{pad.name} is gewijzigd nadat de budgetstap het schreef. Draai `make report` "
            "opnieuw; dat berekent de budgetimpact opnieuw."
        )
    return pickle.loads(pad.read_bytes())
