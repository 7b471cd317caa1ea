"""Writing the budget model's results for people: .xlsx with display formats, or Dutch .csv."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from kostprijs.bestanden.csvbestand import schrijf_csv_nl
from kostprijs.geld import naar_euro
from kostprijs.parameters import Jaarparameters


def regels_tabel(regels: pd.DataFrame, indicaties: pd.DataFrame) -> pd.DataFrame:
    """The `regels` sheet: one row per client and indication line."""
    tabel = pd.DataFrame(
        {
            "client": regels["client"],
            "productspecificatie": regels["productspecificatie"],
            "variant": regels["variant"],
            "leveringsvorm": regels["leveringsvorm"],
            "omvang": [Decimal(int(m)) / 1000 for m in indicaties["omvang_milli"]],
            "frequentie": indicaties["frequentie"].to_numpy(),
            "gebruik_per_jaar": regels["gebruik_per_jaar"].round(7),
            "tarief": [naar_euro(c) for c in regels["tarief_centen"]],
            "bedrag_per_jaar": [naar_euro(c) for c in regels["bedrag_per_jaar_centen"]],
        }
    )
    if not tabel["variant"].any():
        tabel = tabel.drop(columns="variant")
    return tabel


def clienten_tabel(clienten: pd.DataFrame, params: Jaarparameters) -> pd.DataFrame:
    """The `clienten` sheet: per client the amount per year and per period; under the
    periodebudget also the budget (= units of the budget code) and what is billed beside it.
    Amounts stay in cents (named in `attrs["centen"]`); the writers show them in euros."""
    tabel = {
        "client": clienten["client"],
        "bedrag_per_jaar": clienten["bedrag_per_jaar_centen"].to_numpy(dtype=np.int64),
        "bedrag_per_periode": clienten["bedrag_per_periode_centen"].to_numpy(dtype=np.int64),
    }
    if params.bekostiging.periodebudget:
        tabel["budget_per_periode"] = clienten["budget_per_periode"].astype(int)
        tabel["buiten_budget_per_jaar"] = clienten["buiten_budget_per_jaar_centen"].to_numpy(
            dtype=np.int64
        )
    uit = pd.DataFrame(tabel)
    uit.attrs["centen"] = [k for k in uit.columns if k.startswith(("bedrag", "buiten"))]
    return uit


def schrijf_budget(regels: Callable[[], pd.DataFrame], clienten: pd.DataFrame, pad: Path) -> None:
    """Write .xlsx (sheets regels and clienten) or .csv (clienten, Dutch convention), atomically.

    `regels` builds the regels sheet, only when it is written (it has a row per line)."""
    if pad.suffix.lower() == ".csv":
        schrijf_csv_nl(clienten, pad)
        return
    schrijf_xlsx({"regels": regels(), "clienten": clienten}, pad)


def schrijf_xlsx(tabellen: dict[str, pd.DataFrame], pad: Path) -> None:
    """Tables as sheets (the sheet name is the table's key), with numbers as numbers."""
    from kostprijs.bestanden.excel import Blad, schrijf_werkboek  # openpyxl: only for .xlsx

    tabellen = {naam: _in_euro(tabel) for naam, tabel in tabellen.items()}
    schrijf_werkboek(
        [
            Blad(
                naam,
                [str(k) for k in tabel.columns],
                [_formaat(tabel[k]) for k in tabel.columns],
                tabel.to_numpy().tolist(),
            )
            for naam, tabel in tabellen.items()
        ],
        pad,
    )


def _in_euro(tabel: pd.DataFrame) -> pd.DataFrame:
    """The table with its cents columns (`attrs["centen"]`) as Decimal euros."""
    centen = tabel.attrs.get("centen", ())
    if not centen:
        return tabel
    uit = tabel.copy()
    for k in centen:
        uit[k] = [naar_euro(c) for c in tabel[k]]
    return uit


def _formaat(reeks: pd.Series) -> str:
    naam = str(reeks.name)
    if naam.startswith(("bedrag", "tarief", "buiten_budget", "kostprijs", "verschil")) and not (
        naam.endswith("pct")
    ):
        return "euro"
    if naam.startswith(("budget", "aantal", "clienten")):
        return "geheel"
    if pd.api.types.is_numeric_dtype(reeks) or reeks.map(type).eq(Decimal).all():
        return "getal"
    return "tekst"


def matrixtabel(uitkomst) -> pd.DataFrame:
    """The `matrix` sheet of `kostprijs resultaattarieven`: one row per bought cell."""
    m = uitkomst.matrix
    return pd.DataFrame(
        {
            "resultaatgebied": m["subresultaat"],
            "zelfredzaamheid": m["zelfredzaamheid"],
            "n_clienten": m["n_clienten"].astype(int),
            "tarief": [None if t is None else naar_euro(t) for t in m["tarief_centen"]],
            "bron": m["bron"],
        }
    )


def schrijf_resultaattarieven(matrix: pd.DataFrame, toelichting: list[str], pad: Path) -> None:
    """Write .xlsx (sheets matrix and toelichting) or .csv (matrix, Dutch convention)."""
    if pad.suffix.lower() == ".csv":
        schrijf_csv_nl(matrix, pad)
        return
    schrijf_xlsx({"matrix": matrix, "toelichting": pd.DataFrame({"toelichting": toelichting})}, pad)
