"""Step `gemeenten`: a region's budget report per member municipality, for its council
(`kostprijs gemeenterapporten`): reports/<jaar>/gemeenten/<gemeente>/budget.html and .xlsx.

Each report is notebook 07 executed for one member (in this process, one shell for all of
them: `rapport.notebooks.Procesuitvoerder`), on the saved budget impact of the run `manifest`,
and rendered like the other reports; the executed notebooks stay in build/<jaar>/gemeenten/. All members' reports appear together or not
at all: they are written into a new folder that replaces the old one when every member is done.
"""

from __future__ import annotations

import functools
import os
from multiprocessing import get_context
from pathlib import Path

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.atomisch import atomische_map, schrijf_tekst
from kostprijs.fouten import ConfiguratieFout
from kostprijs.herkomst.keten import controleer_keten
from kostprijs.herkomst.manifest import lees_manifest
from kostprijs.paden import NOTEBOOKS, processed_map, raw_map
from kostprijs.parameters import laad_parameters
from kostprijs.publicatie.versies import bewaar_concept, controleer, lidrapport
from kostprijs.rapport.export import schrijf_excel, tabellen
from kostprijs.rapport.html import naar_html
from kostprijs.rapport.notebooks import Procesuitvoerder
from kostprijs.rapport.start import gedeeld

NOTEBOOK = "07_gemeentebudget"
RAPPORT = "budget"  # reports/<jaar>/gemeenten/<gemeente>/budget.html
MAX_WERKERS = 4  # processes for the members' reports (each reads the run's records once)


def draai(
    jaar: int,
    manifest: str | Path,
    uit: str | Path,
    lijst: str | Path,
    raw: str | Path | None = None,
    processed: str | Path | None = None,
) -> str:
    """Write every member's report into the folder `uit`, and their list to `lijst`."""
    params = laad_parameters(jaar)
    if params.regio is None:
        raise ConfiguratieFout(
            f"{params.bron.name} heeft geen sectie regio: er zijn geen rapporten per gemeente "
            "te maken (zie docs/regio.md)."
        )
    raw_, processed_ = raw_map(jaar, raw or ""), processed_map(jaar, processed or "")
    m = lees_manifest(Path(manifest))
    controleer_keten(processed_, m, raw_)
    uit, werk = Path(uit), Path(lijst).parent / catalogus.GEMEENTEN
    publicaties = Path(lijst).parent / catalogus.PUBLICATIES
    with atomische_map(uit) as nieuw:
        gecontroleerd = _schrijf_rapporten(
            params, m, raw_, processed_, Path(manifest), (werk, publicaties), nieuw
        )
    for naam, tabellen_ in gecontroleerd:  # the next version's concept, once all are written
        bewaar_concept(tabellen_, naam, m.get("aanbieders"), publicaties)
    regels = [f"{g.naam} ({g.cbs}): {uit / g.map / RAPPORT}.html" for g in params.regio.gemeenten]
    schrijf_tekst(lijst, "\n".join(regels) + "\n")
    return (
        f"Budgetrapporten van {len(regels)} gemeenten van {params.regio.naam} geschreven in {uit}/"
    )


def _schrijf_rapporten(params, m, raw: Path, processed: Path, manifest: Path, mappen, uit):
    """Every member's notebook executed into the working folder and rendered into
    `uit`/<gemeente>/, the members shared over a few worker processes (at national scale,
    hundreds of members). Each report is first checked against the published versions (in the
    folder of publications, as the inkooptafel's): a refusal leaves no member's report. The
    members' report names and tables."""
    werk, publicaties = mappen
    werk.mkdir(parents=True, exist_ok=True)
    leden = list(params.regio.gemeenten)
    n = max(1, min(os.cpu_count() or 1, MAX_WERKERS, len(leden) // 4))
    taak = functools.partial(
        _schrijf_deel,
        jaar=params.jaar,
        run_id=m["run_id"],
        aanbieders=m.get("aanbieders"),
        paden=(raw.resolve(), processed.resolve(), manifest.resolve(), werk, publicaties, uit),
    )
    if n == 1:
        return taak(leden)
    with get_context("fork").Pool(n) as pool:
        return [x for deel in pool.map(taak, [leden[i::n] for i in range(n)]) for x in deel]


def _schrijf_deel(leden, *, jaar: int, run_id: str, aanbieders, paden) -> list:
    raw, processed, manifest, werk, publicaties, uit = paden
    gecontroleerd = []
    uitvoerder = Procesuitvoerder()
    with gedeeld():  # the run's records are read once per process, for all its members
        for g in leden:
            nb = uitvoerder.voer_uit(
                NOTEBOOKS / f"{NOTEBOOK}.ipynb",
                werk / f"{g.map}.ipynb",
                run_id=run_id,
                jaar=jaar,
                raw=raw,
                processed=processed,
                manifest=manifest,
                gemeente=g.naam,
            )
            tabellen_ = tabellen(nb)
            controleer(tabellen_, lidrapport(g.map), aanbieders, publicaties)
            gecontroleerd.append((lidrapport(g.map), tabellen_))
            (uit / g.map).mkdir()
            schrijf_tekst(uit / g.map / f"{RAPPORT}.html", naar_html(nb))
            schrijf_excel(nb, uit / g.map / f"{RAPPORT}.xlsx")
    return gecontroleerd
