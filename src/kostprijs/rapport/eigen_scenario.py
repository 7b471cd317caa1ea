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


_TEKENS = re.compile(r"[^\W_]|[ %+\-.,()&]")  # letters, digits and these: safe in every text
MAX_LENGTE = 80


def mapnaam(naam: str) -> str:
    """A scenario's folder: its name in lower case, every other character a hyphen. A name
    with other characters than letters, digits, spaces and % + - . , ( ) & is refused: it is
    printed in Markdown, HTML and a make command.

    >>> mapnaam("Min 2% op OZL")
    'min-2-op-ozl'
    """
    vreemd = sorted({t for t in naam if not _TEKENS.fullmatch(t)})
    if vreemd or len(naam) > MAX_LENGTE:
        raise ConfiguratieFout(
            f"De scenarionaam '{naam}' "
            + (
                f"bevat {' '.join(repr(t) for t in vreemd)}"
                if vreemd
                else f"is langer dan {MAX_LENGTE} tekens"
            )
            + ". Gebruik letters, cijfers, spaties en % + - . , ( ) &, bijvoorbeeld "
            'NAAM="Tarieven min 2%".'
        )
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

    map_ = mapnaam(naam)  # a name that cannot be used is refused before anything runs
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
    werk = Path(build) / MAP / map_
    doel = Path(reports) / MAP / map_
    _niet_van_een_ander(doel, naam)
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


def _niet_van_een_ander(doel: Path, naam: str) -> None:
    """Refuse to overwrite the folder of another scenario whose name gives the same folder."""
    pad = doel / catalogus.MANIFEST
    if not pad.exists():
        return
    ander = lees_manifest(pad).get("scenario", {}).get("naam")
    if ander != naam:
        raise ConfiguratieFout(
            f"De map {doel} hoort al bij het scenario '{ander}'; '{naam}' krijgt dezelfde "
            "mapnaam en zou het overschrijven. Kies een andere naam, of verwijder eerst die map "
            "als het oude scenario weg mag."
        )
