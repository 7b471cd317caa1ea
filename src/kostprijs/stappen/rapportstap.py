"""Step `rapporten`: every report of the year (`kostprijs rapporten`), from its notebook:
reports/<jaar>/<doelgroep>/<naam>.html (no code, offline) and .xlsx (its tables).

The notebooks of the register (`rapport.register`) are executed one after another in this
process, in one IPython shell (`rapport.notebooks.Procesuitvoerder`: no kernel to start per
notebook, the run's records read once), on the records of the run `manifest` after the check
of the provenance chain; the executed notebooks stay in build/<jaar>/ as the audit trail. An
inkooptafel report must pass the check against what the inkooptafel already received
(`publicatie.versies`). The reports are written only when every notebook ran and every check
passed: a failure leaves the previous reports as they were.
"""

from __future__ import annotations

from pathlib import Path

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.atomisch import atomisch, schrijf_tekst
from kostprijs.herkomst.keten import controleer_keten
from kostprijs.herkomst.manifest import lees_manifest
from kostprijs.paden import NOTEBOOKS, processed_map, raw_map
from kostprijs.publicatie.versies import bewaar_concept, controleer
from kostprijs.rapport.export import schrijf_excel, tabellen
from kostprijs.rapport.html import naar_html
from kostprijs.rapport.notebooks import Procesuitvoerder
from kostprijs.rapport.register import INKOOPTAFEL, rapporten
from kostprijs.rapport.start import gedeeld


def draai(
    jaar: int,
    manifest: str | Path,
    build: str | Path,
    uit: str | Path,
    lijst: str | Path,
    raw: str | Path | None = None,
    processed: str | Path | None = None,
) -> str:
    """Execute every report notebook into `build`, write the reports under `uit` and their
    list to `lijst`."""
    raw_, processed_ = raw_map(jaar, raw or ""), processed_map(jaar, processed or "")
    m = lees_manifest(Path(manifest))
    controleer_keten(processed_, m, raw_)
    build, uit = Path(build), Path(uit)
    publicaties = build / catalogus.PUBLICATIES
    uitvoerder = Procesuitvoerder()
    klaar = []
    with gedeeld():  # the run's records are read once, for all notebooks
        for r in rapporten(jaar):
            nb = uitvoerder.voer_uit(
                NOTEBOOKS / f"{r.notebook}.ipynb",
                build / f"{r.notebook}.ipynb",
                run_id=m["run_id"],
                jaar=jaar,
                raw=raw_.resolve(),
                processed=processed_.resolve(),
                manifest=Path(manifest).resolve(),
            )
            if r.doelgroep == INKOOPTAFEL:
                controleer(tabellen(nb), r.naam, m.get("aanbieders"), publicaties)
            klaar.append((r, nb))
    regels = []
    for r, nb in klaar:
        if r.doelgroep == INKOOPTAFEL:
            bewaar_concept(tabellen(nb), r.naam, m.get("aanbieders"), publicaties)
        pad = uit / r.doelgroep / r.naam
        with atomisch(pad.with_suffix(".html")) as html, atomisch(pad.with_suffix(".xlsx")) as xlsx:
            schrijf_tekst(html, naar_html(nb))
            schrijf_excel(nb, xlsx)
        regels.append(f"{r.doelgroep}/{r.naam}: {pad}.html, {pad}.xlsx")
    schrijf_tekst(lijst, "\n".join(regels) + "\n")
    return f"{len(regels)} rapporten geschreven in {uit}/"
