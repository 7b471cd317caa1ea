"""Step `kostprijzen`: cost price per provider, average per product, disclosure and the
proposed tarieven (`kostprijs kostprijzen`)."""

from __future__ import annotations

import sys
from pathlib import Path

from kostprijs.herkomst.keten import vastleggen
from kostprijs.onderzoek.kostprijsonderzoek import (
    bereken_onderzoek,
    gelezen_bestanden,
    schrijf_kostprijzen,
)
from kostprijs.onderzoek.onderzoeksrecord import schrijf_onderzoek
from kostprijs.paden import processed_map, raw_map
from kostprijs.parameters import laad_parameters
from kostprijs.rapport.teksten.methodeteksten import waarschuwingen


def draai(jaar: int, raw: str | Path | None = None, processed: str | Path | None = None) -> str:
    """Compute the research from the ingested tables, write its files and record the step;
    what was written. Warnings about the method go to stderr."""
    params = laad_parameters(jaar)
    processed, raw = processed_map(jaar, processed or ""), raw_map(jaar, raw or "")
    onderzoek = bereken_onderzoek(params, processed, raw)
    for waarschuwing in waarschuwingen(onderzoek.methodecontrole):
        print(f"Let op: {waarschuwing}", file=sys.stderr)
    paden = schrijf_kostprijzen(onderzoek, processed) + schrijf_onderzoek(onderzoek, processed)
    vastleggen(processed, "kostprijzen", gelezen_bestanden(params, processed, raw), paden)
    return (
        f"Kostprijzen van {onderzoek.deelname['meegeteld']} aanbieders berekend "
        f"({params.kostprijs.aggregatie}); geschreven: "
        + ", ".join(dict.fromkeys(p.relative_to(processed).parts[0] for p in paden))
    )
