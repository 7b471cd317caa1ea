"""Shared fixtures: the ground truth from the sources (`tests/grondwaarheid/`) and the year's
parameters."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from kostprijs.parameters import laad_parameters

GRONDWAARHEID = Path(__file__).parent / "grondwaarheid"
TEKSTKOLOMMEN = {"productspecificatie", "eenheid", "richting"}
GEDEELDE_RUNS = ("voorbeeldruns", "tweede_catalogus")


def pytest_xdist_make_scheduler(config, log):
    """`make test` runs on every core (pytest-xdist, --dist loadfile): the tests of one file stay
    together and in order on one worker (a notebook's cells build on each other), and every
    file that reads the shared pipeline runs goes to the same worker, which makes each run
    once (and runs the tests that rebuild them in order)."""
    from xdist.scheduler import LoadScopeScheduling

    hier = Path(__file__).parent
    gedeeld = {
        f"{hier.name}/{pad.name}"
        for pad in hier.glob("test_*.py")
        if any(naam in pad.read_text(encoding="utf-8") for naam in GEDEELDE_RUNS)
    }

    class PerBestand(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            bestand = nodeid.split("::", 1)[0]
            return "gedeelde-runs" if bestand in gedeeld else bestand

    return PerBestand(config, log)


def lees_grondwaarheid(naam: str) -> pd.DataFrame:
    """A ground-truth table with Dutch decimal commas read as Decimals (empty: None)."""
    df = pd.read_csv(GRONDWAARHEID / naam, sep=";", dtype=str, keep_default_na=False)
    for kolom in df.columns:
        if kolom not in TEKSTKOLOMMEN:
            df[kolom] = [Decimal(v.replace(",", ".")) if v else None for v in df[kolom]]
    return df


@pytest.fixture(scope="session")
def params():
    return laad_parameters(2027)


@pytest.fixture(scope="session")
def bron_kostprijzen() -> pd.DataFrame:
    """ "Resultaten gemiddelde kostprijs": per product its unit, current tariff (Vervoer has two
    rows, one per tariff) and average cost price."""
    return lees_grondwaarheid("resultaten_gemiddelde_kostprijs.csv")


@pytest.fixture(scope="session")
def bron_tarieven(bron_kostprijzen) -> pd.DataFrame:
    """The source's current tariffs: productspecificatie, eenheid, tarief."""
    met = bron_kostprijzen[bron_kostprijzen["huidig_tarief"].notna()]
    return met.rename(columns={"huidig_tarief": "tarief"})[
        ["productspecificatie", "eenheid", "tarief"]
    ].reset_index(drop=True)


@pytest.fixture(scope="session")
def bron_gemiddelden(bron_kostprijzen) -> pd.DataFrame:
    """The source's average cost price per product, once per product."""
    return (
        bron_kostprijzen.rename(columns={"gemiddelde_kostprijs": "kostprijs"})[
            ["productspecificatie", "kostprijs"]
        ]
        .drop_duplicates("productspecificatie")
        .reset_index(drop=True)
    )


@pytest.fixture(scope="session")
def handvergelijking() -> pd.DataFrame:
    """The comparison of the source's table worked out by hand: verschil and verschil_pct."""
    return lees_grondwaarheid("tariefvergelijking_handberekend.csv")


@pytest.fixture(scope="session")
def bron_uitkomsten() -> list[str]:
    """The source's "Uitkomsten" bullets as the report words them (with the figures)."""
    return (GRONDWAARHEID / "uitkomsten.txt").read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="session")
def voorbeeld_berekening() -> pd.DataFrame:
    return lees_grondwaarheid("voorbeeld_berekening.csv")


@pytest.fixture(scope="session")
def voorbeeld_totalen() -> pd.Series:
    return lees_grondwaarheid("voorbeeld_berekening_totalen.csv").iloc[0]


def schrijf_csv(df: pd.DataFrame, pad: Path, conventie: str) -> Path:
    """`df` as a CSV a municipality could send: `nl` (semicolons, decimal commas) or `int`."""
    scheiding, komma = (";", ",") if conventie == "nl" else (",", ".")
    regels = [scheiding.join(df.columns)]
    for rij in df.itertuples(index=False):
        regels.append(
            scheiding.join(
                "" if w is None else str(w).replace(".", komma) if isinstance(w, Decimal) else w
                for w in rij
            )
        )
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad


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


@pytest.fixture(scope="session")
def voorbeeldruns(tmp_path_factory) -> list[dict[str, Path]]:
    """Two `make report` runs of 2027 on fresh samples, shared by every test that only reads
    them (a whole run takes about a minute)."""
    return [draai_pijplijn(tmp_path_factory.mktemp(f"run{i}")) for i in (1, 2)]


@pytest.fixture(scope="session")
def tweede_catalogus(tmp_path_factory) -> dict[str, Path]:
    """`make report JAAR=2028`: another municipality's catalogue, on its own sample."""
    from kostprijs.voorbeeld.gegevens import schrijf_voorbeeld

    basis = tmp_path_factory.mktemp("tweede")
    schrijf_voorbeeld(laad_parameters(2028), basis / "raw")
    return draai_pijplijn(basis, raw=basis / "raw", jaar=2028)


@pytest.fixture(scope="session")
def regio_run(tmp_path_factory) -> dict[str, Path]:
    """`make report JAAR=2029`: a region of four municipalities, on its own sample."""
    from kostprijs.voorbeeld.gegevens import schrijf_voorbeeld

    basis = tmp_path_factory.mktemp("regio")
    schrijf_voorbeeld(laad_parameters(2029), basis / "raw")
    return draai_pijplijn(basis, raw=basis / "raw", jaar=2029)


def schrijf_kostprijzen_product(map_: Path, kostprijzen: dict[str, str]) -> None:
    """A hand-made kostprijzen_product.csv with the declared columns: the given cost price
    (text, '' for none) per product, every other column empty."""
    from kostprijs.bestanden import catalogus
    from kostprijs.bestanden.csvbestand import schrijf_tabel

    _, kolommen = catalogus.TABELLEN[catalogus.KOSTPRIJZEN_PRODUCT]
    rijen = [{"productspecificatie": p, "kostprijs": k} for p, k in kostprijzen.items()]
    tabel = pd.DataFrame(rijen, columns=list(kolommen)).fillna("")
    Path(map_).mkdir(parents=True, exist_ok=True)
    schrijf_tabel(tabel, Path(map_) / catalogus.KOSTPRIJZEN_PRODUCT)
