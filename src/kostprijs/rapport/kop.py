"""The line at the top of every report: which run made it, when, and whether it is sample data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kostprijs.herkomst.manifest import lees_manifest
from kostprijs.opmaak import datum
from kostprijs.rapport.tabel import escape


def manifest_kop(pad: Path) -> str:
    """HTML line for the top of a report: 'Run <run_id> · <start date in Dutch>'."""
    pad = Path(pad)
    if not pad.exists():
        return (
            '<p class="kp-kop">Geen runmanifest: dit rapport is niet met '
            "<code>make report</code> gemaakt.</p>"
        )
    manifest = lees_manifest(pad)
    start = dt.datetime.fromisoformat(manifest["start"])
    kop = (
        f'<p class="kp-kop">Run <code>{escape(manifest["run_id"])}</code> · '
        f"{escape(datum(start))}</p>"
    )
    if manifest.get("scenario"):
        sc = manifest["scenario"]
        kop += (
            f'<p class="kp-synthetisch">Eigen scenario <strong>{escape(sc["naam"])}</strong>: '
            f"tarieven uit het bestand {escape(sc['tarieven']['bestand'])}. Dit is geen rapport "
            "van het kostprijsonderzoek; de officiële rapporten staan in de map inkooptafel.</p>"
        )
    if manifest.get("synthetisch"):
        kop += (
            '<p class="kp-synthetisch">Synthetische voorbeelddata: alle cijfers in dit rapport '
            "zijn verzonnen en gaan niet over echte aanbieders of cliënten.</p>"
        )
    return kop
