"""The budget impact and the result tariffs as pipeline steps: each computed once from the raw
folder and the processed cost prices, saved in the processed folder, and read by every report
that shows it.

The saved objects hold aggregates and integer client codes only; client identifiers and
pseudonyms stay in the computation. Each is a pickle of the project's own output: it is read
only after its SHA-256 matches the step's provenance record.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.atomisch import atomisch, sha256
from kostprijs.budget.impact import Budgetimpact, bereken_budgetimpact
from kostprijs.budget.resultaat import Resultaattarieven, bereken_uit_mappen
from kostprijs.herkomst.keten import MAP, VerouderdeGegevens, raw_invoer, vastleggen
from kostprijs.onderzoek.kostprijsonderzoek import VOORSTEL
from kostprijs.parameters import Jaarparameters

BESTAND, STAP = "budgetimpact.pkl", "budget"
RESULTAAT_BESTAND, RESULTAAT_STAP = "resultaattarieven.pkl", "resultaat"
KOSTPRIJZEN = "kostprijzen_product.csv"


def schrijf_budgetimpact(params: Jaarparameters, raw: Path, processed: Path) -> Budgetimpact:
    """Compute the budget impact at the proposed tarieven, save it and record the step."""
    raw, processed = Path(raw), Path(processed)
    uitkomst = bereken_budgetimpact(params, raw, processed / VOORSTEL)
    bronnen = (
        catalogus.indicatiebron(raw),
        catalogus.tarievenbron(raw),
        catalogus.realisatiebron(raw, params.realisatiejaar),
    )
    ruw = sorted({p for b in bronnen for p in catalogus.bestanden(b)})
    _bewaar(params, raw, processed, STAP, BESTAND, uitkomst, ruw, VOORSTEL)
    return uitkomst


def bewaar_resultaattarieven(
    params: Jaarparameters, raw: Path, processed: Path
) -> Resultaattarieven | None:
    """Compute the cell tariffs of the result matrix at the cost prices, save them and record
    the step. A year without a matrix saves None."""
    raw, processed = Path(raw), Path(processed)
    if params.resultaat is None:
        _bewaar(params, raw, processed, RESULTAAT_STAP, RESULTAAT_BESTAND, None, [], None)
        return None
    uitkomst = bereken_uit_mappen(params, raw, processed)
    ruw = [catalogus.cellenbron(raw, params.realisatiejaar)]
    _bewaar(params, raw, processed, RESULTAAT_STAP, RESULTAAT_BESTAND, uitkomst, ruw, KOSTPRIJZEN)
    return uitkomst


def _bewaar(params, raw, processed, stap, bestand, uitkomst, ruw, verwerkt) -> None:
    pad = processed / bestand
    with atomisch(pad) as tmp:
        tmp.write_bytes(pickle.dumps(uitkomst, protocol=5))
    invoer = raw_invoer(raw, [raw / naam for naam in ruw])  # absolute paths stay as they are
    if verwerkt:
        invoer[f"processed/{verwerkt}"] = processed / verwerkt
    invoer[f"params/{params.bron.name}"] = params.bron
    vastleggen(processed, stap, invoer, [pad])


def lees_budgetimpact(processed: Path) -> Budgetimpact | None:
    """The saved budget impact, or None when the step has not run for this folder.

    VerouderdeGegevens when the file is not the one the step wrote."""
    return _lees(Path(processed), STAP, BESTAND, "de budgetimpact")


def lees_resultaattarieven(processed: Path) -> Resultaattarieven | None:
    """The saved cell tariffs, or None when the step has not run for this folder (or the year
    has no result matrix). VerouderdeGegevens when the file is not the one the step wrote."""
    return _lees(Path(processed), RESULTAAT_STAP, RESULTAAT_BESTAND, "de resultaattarieven")


def _lees(processed: Path, stap: str, bestand: str, wat: str):
    pad, record = processed / bestand, processed / MAP / f"{stap}.json"
    if not pad.exists() or not record.exists():
        return None
    verwacht = json.loads(record.read_text(encoding="utf-8"))["uitvoer"].get(f"processed/{bestand}")
    if sha256(pad) != verwacht:
        raise VerouderdeGegevens(
            f"{pad.name} is gewijzigd nadat de stap '{stap}' het schreef. Draai `make report` "
            f"opnieuw; dat berekent {wat} opnieuw."
        )
    return pickle.loads(pad.read_bytes())
