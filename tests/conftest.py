"""Shared fixtures: the seed's ground truth and the year's parameters."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from kostprijs.config import laad_parameters

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
