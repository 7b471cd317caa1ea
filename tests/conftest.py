"""Shared fixtures: the seed's ground truth and the year's parameters."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from kostprijs.parameters import laad_parameters

GRONDWAARHEID = Path(__file__).parent / "grondwaarheid"


def lees_grondwaarheid(naam: str) -> pd.DataFrame:
    """A ground-truth table with Dutch decimal commas read as Decimals."""
    df = pd.read_csv(GRONDWAARHEID / naam, sep=";", dtype=str, keep_default_na=False)
    for kolom in df.columns:
        if df[kolom].str.fullmatch(r"[\d,]*").all() and kolom != "productspecificatie":
            df[kolom] = [Decimal(v.replace(",", ".")) if v else None for v in df[kolom]]
    return df


@pytest.fixture(scope="session")
def params():
    return laad_parameters(2027)


@pytest.fixture(scope="session")
def seed_voorbeeld() -> pd.DataFrame:
    return lees_grondwaarheid("seed_rekenvoorbeeld.csv")


@pytest.fixture(scope="session")
def seed_totalen() -> pd.Series:
    return lees_grondwaarheid("seed_rekenvoorbeeld_totalen.csv").iloc[0]


def draai_pijplijn(
    basis: Path, raw: Path | None = None, timeout: int = 900, jaar: int = 2027
) -> dict[str, Path]:
    """`make report` for `jaar` into folders under `basis` (the real data/ and reports/
    untouched). Without `raw`, a fresh synthetic sample is written first. Returns the folders.
    """
    import os
    import subprocess

    from kostprijs.paden import PROJECT
    from kostprijs.parameters import laad_parameters
    from kostprijs.voorbeeld.gegevens import schrijf_voorbeeld

    mappen = {n: basis / n.lower() for n in ("RAW", "PROCESSED", "BUILD", "REPORTS")}
    if raw is None:
        schrijf_voorbeeld(laad_parameters(jaar), mappen["RAW"])
    else:
        mappen["RAW"] = raw
    omgeving = {**os.environ, "KOSTPRIJS_SLEUTEL": "5a" * 32}
    opdracht = ["make", "-C", str(PROJECT), "report", f"JAAR={jaar}"]
    opdracht += [f"{n}={pad}" for n, pad in mappen.items()]
    proces = subprocess.run(opdracht, env=omgeving, capture_output=True, text=True, timeout=timeout)
    assert proces.returncode == 0, proces.stdout[-3000:] + proces.stderr[-3000:]
    return mappen
