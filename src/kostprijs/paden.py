"""Every path of the project, anchored at the project root (never the working directory)."""

from __future__ import annotations

import os
from pathlib import Path

from kostprijs.bestanden import catalogus
from kostprijs.fouten import ConfiguratieFout


def _projectmap() -> Path:
    if "KOSTPRIJS_PROJECT" in os.environ:
        return Path(os.environ["KOSTPRIJS_PROJECT"]).resolve()
    kandidaat = Path(__file__).resolve().parents[2]
    return kandidaat if (kandidaat / "pyproject.toml").exists() else Path.cwd().resolve()


PROJECT = _projectmap()
PARAMS = PROJECT / "params"
DATA_RAW = PROJECT / "data" / "raw"
DATA_PROCESSED = PROJECT / "data" / "processed"
REPORTS = PROJECT / "reports"
BUILD = PROJECT / "build"
NOTEBOOKS = PROJECT / "notebooks"


def raw_map(jaar: int, raw: str | Path = "") -> Path:
    """The year's raw-data folder: `raw` when given (relative to the project), else data/raw/<jaar>."""
    return PROJECT / raw if raw else DATA_RAW / str(jaar)


def processed_map(jaar: int, processed: str | Path = "") -> Path:
    """The year's processed-data folder: `processed` when given, else data/processed/<jaar>."""
    return PROJECT / processed if processed else DATA_PROCESSED / str(jaar)


def parameters_pad(jaar: int) -> Path:
    return PARAMS / f"{jaar}.yaml"


def methode_pad(jaar: int) -> Path:
    """The declaration of the year's cost-price method, recorded before ingestion (committed)."""
    return PARAMS / f"{jaar}{catalogus.METHODE}"


def jaren() -> list[int]:
    """The years with a parameter file in params/, ascending."""
    return sorted(int(p.stem) for p in PARAMS.glob("*.yaml") if p.stem.isdigit())


def nieuwste_jaar() -> int:
    """The latest year with a parameter file in params/."""
    if not jaren():
        raise ConfiguratieFout(f"Er staat geen parameterbestand (<jaar>.yaml) in {PARAMS}.")
    return jaren()[-1]
