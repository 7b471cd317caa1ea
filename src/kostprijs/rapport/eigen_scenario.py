"""A tariff file of one's own as a named scenario: its budget report beside the official
reports, with a run id of its own.

    kostprijs scenario --jaar 2027 --tarieven mijn_tarieven.csv --naam "Min 2%"

writes reports/<jaar>/scenarios/<naam>/budget.html, budget.xlsx and manifest.json. The
scenario runs on the official run's processed data (which must still fit its manifest) and
its disclosure control; its manifest is the official one plus the scenario's name and the
tariff file's hash, so its run id differs from the official run's and from any other file.
"""

from __future__ import annotations

import contextlib
import copy
import re
from dataclasses import dataclass
from pathlib import Path

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.atomisch import atomisch, sha256
from kostprijs.fouten import ConfiguratieFout, InvoerFout
from kostprijs.herkomst.keten import controleer_keten
from kostprijs.herkomst.manifest import lees_manifest, nu, run_id, schrijf_manifest, voltooi
from kostprijs.paden import NOTEBOOKS
from kostprijs.parameters import laad_parameters
from kostprijs.rapport.register import RAPPORTEN
from kostprijs.tarieflijst import lees_tarieven

MAP = "scenarios"  # beside inkooptafel/ and intern/ in reports/<jaar>/ and build/<jaar>/
BUDGET = next(r for r in RAPPORTEN if r.naam == "budget")


def mapnaam(naam: str) -> str:
    """A scenario's folder: its name in lower case, every other character a hyphen.

    >>> mapnaam("Min 2% op OZL")
    'min-2-op-ozl'
    """
    uit = re.sub(r"[^a-z0-9]+", "-", naam.lower()).strip("-")
    if not uit:
        raise ConfiguratieFout(
            f"De scenarionaam '{naam}' bevat geen letter of cijfer; kies een naam als "
            "'Tarieven min 2%'."
        )
    return uit


def scenariomanifest(officieel: dict, naam: str, tarieven: Path) -> dict:
    """The official run's manifest plus the scenario: a run id of its own."""
    uit = copy.deepcopy(officieel)
    uit["scenario"] = {
        "naam": naam,
        "tarieven": {"bestand": Path(tarieven).name, "sha256": sha256(tarieven)},
    }
    uit["start"], uit["einde"] = nu(), None
    uit["run_id"] = run_id(uit)
    return uit


@dataclass(frozen=True)
class Scenariorapport:
    naam: str
    run_id: str
    html: Path
    xlsx: Path
    manifest: Path


def maak_scenario(
    jaar: int,
    tarieven: Path,
    naam: str,
    *,
    raw: Path,
    processed: Path,
    build: Path,
    reports: Path,
) -> Scenariorapport:
    """The budget report of the scenario `naam` (the tariff file `tarieven`), on the official
    run of `jaar` whose manifest is build/manifest.json."""
    from kostprijs.rapport.export import schrijf_excel
    from kostprijs.rapport.html import schrijf_html
    from kostprijs.rapport.notebooks import voer_notebook_uit

    tarieven = Path(tarieven).resolve()
    if not tarieven.is_file():
        raise InvoerFout(
            f"dit tarievenbestand bestaat niet (gezocht: {tarieven}).",
            bestand=tarieven,
            actie="Controleer het pad. Begin bijvoorbeeld met een kopie van "
            "data/processed/<jaar>/tarieven_voorstel.csv en pas daarin de tarieven aan.",
        )
    lees_tarieven(tarieven, laad_parameters(jaar))  # a bad file is refused before anything runs
    officieel_pad = Path(build) / catalogus.MANIFEST
    if not officieel_pad.exists():
        raise ConfiguratieFout(
            f"Er is nog geen run van {jaar} ({officieel_pad} ontbreekt). Een eigen scenario "
            f"rekent op de uitkomsten van het kostprijsonderzoek: draai eerst `make report "
            f"JAAR={jaar}`."
        )
    officieel = lees_manifest(officieel_pad)
    controleer_keten(Path(processed), officieel, Path(raw))
    manifest = scenariomanifest(officieel, naam, tarieven)
    map_ = mapnaam(naam)
    werk = Path(build) / MAP / map_
    doel = Path(reports) / MAP / map_
    start_manifest = werk / catalogus.MANIFEST
    schrijf_manifest(manifest, start_manifest)
    notebook = werk / f"{BUDGET.notebook}.ipynb"
    voer_notebook_uit(
        NOTEBOOKS / f"{BUDGET.notebook}.ipynb",
        notebook,
        run_id=manifest["run_id"],
        jaar=jaar,
        raw=Path(raw).resolve(),
        processed=Path(processed).resolve(),
        tarieven_nieuw=tarieven,
        manifest=start_manifest.resolve(),
        scenario=naam,
    )
    uit = Scenariorapport(
        naam,
        manifest["run_id"],
        doel / f"{BUDGET.naam}.html",
        doel / f"{BUDGET.naam}.xlsx",
        doel / catalogus.MANIFEST,
    )
    with contextlib.ExitStack() as stapel:  # the report's files appear together or not at all
        schrijf_html(notebook, stapel.enter_context(atomisch(uit.html)))
        schrijf_excel(notebook, stapel.enter_context(atomisch(uit.xlsx)))
    voltooi(start_manifest, uit.manifest)
    return uit
