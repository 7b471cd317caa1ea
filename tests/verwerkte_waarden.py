"""The values of a processed folder, column by column, whatever the format they are stored in:
for a test that the restructuring of issue 22 changed no processed value.

Every table (a CSV file, or a Parquet table of a signed record) becomes, per column, a SHA-256
over its values as text (None and NaN as ''); every scalar field of a record its JSON text.
tarieven_voorstel.csv, a tariff list in the Dutch convention, is read as such (";", BOM).

    .venv/bin/python tests/verwerkte_waarden.py <processed folder> > tests/fixtures/<naam>.json
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
from pathlib import Path

import pandas as pd


def _tekst(waarde) -> str:
    if waarde is None or (isinstance(waarde, float) and math.isnan(waarde)):
        return ""
    if waarde is pd.NA or waarde is pd.NaT:
        return ""
    return str(waarde)


def _kolommen(tabel: pd.DataFrame) -> dict[str, str]:
    return {
        str(k): hashlib.sha256(
            "\x1f".join(_tekst(w) for w in tabel[k].tolist()).encode("utf-8")
        ).hexdigest()
        for k in tabel.columns
    }


def waarden(map_: Path) -> dict[str, object]:
    """Per table '<file or record/field>': its columns' digests and its row count."""
    from kostprijs.bestanden import catalogus
    from kostprijs.bestanden.verwerkt import VELDEN

    map_ = Path(map_)
    uit: dict[str, object] = {}
    for pad in sorted(map_.glob("*.csv")):
        nl = pad.name == catalogus.VOORSTEL
        tabel = pd.read_csv(
            pad,
            dtype=str,
            keep_default_na=False,
            sep=";" if nl else ",",
            encoding="utf-8-sig" if nl else "utf-8",
        )
        uit[pad.stem] = {"rijen": len(tabel), "kolommen": _kolommen(tabel)}
    for record in sorted(p for p in map_.iterdir() if (p / VELDEN).is_file()):
        velden = json.loads((record / VELDEN).read_text(encoding="utf-8"))["velden"]
        for naam, veld in sorted(velden.items()):
            sleutel = f"{record.name}/{naam}"
            if veld.get("bestand"):
                tabel = pd.read_parquet(record / veld["bestand"])
                uit[sleutel] = {"rijen": len(tabel), "kolommen": _kolommen(tabel)}
            else:
                uit[sleutel] = json.dumps(veld.get("waarde"), sort_keys=True, ensure_ascii=False)
    return uit


if __name__ == "__main__":
    print(json.dumps(waarden(Path(sys.argv[1])), indent=1, sort_keys=True))
