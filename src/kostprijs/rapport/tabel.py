"""Report tables: shown as Dutch HTML in the notebook, carried as typed data for the Excel export.

`toon` displays one table. Its output holds two representations: text/html for the report and
a JSON bundle (MIME type in mime.py) with the typed values and column formats, from which
`kostprijs.rapport.export` builds the workbook. So the report and its export never disagree.
"""

from __future__ import annotations

import hashlib
import html
from decimal import Decimal

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from kostprijs import opmaak
from kostprijs.bestanden.excel import MAX_BLADNAAM
from kostprijs.geld import naar_euro as centen_naar_euro
from kostprijs.onderzoek.onthulling import MARKER, VOETNOOT
from kostprijs.rapport.mime import TABEL

# tables with this many columns or more are printed on a landscape A4 page
BREED_VANAF = 7

# format name -> (display function, how the value is stored for Excel)
FORMATEN = {
    "tekst": (str, "tekst"),
    "euro": (lambda v: opmaak.euro(v), "euro"),
    "euro_heel": (lambda v: opmaak.euro(v, heel=True), "euro_heel"),
    "centen": (lambda v: opmaak.euro(v, centen=True), "euro"),
    "centen_heel": (lambda v: opmaak.euro(v, centen=True, heel=True), "euro_heel"),
    "procent": (lambda v: opmaak.procent(v, 1), "procent"),
    "procent_teken": (lambda v: opmaak.procent(v, 1, teken=True), "procent"),
    "procent_2": (lambda v: opmaak.procent(v, 2), "procent"),
    "procent_exact": (lambda v: opmaak.procent_exact(Decimal(str(v))), "procent_exact"),
    # percentage points (14.1 means 14,1%), as kostprijs.py and tarieven.py compute them
    "procentpunten": (lambda v: opmaak.procent(Decimal(str(v)) / 100, 1, teken=True), "procent"),
    "geheel": (lambda v: opmaak.getal(v, 0), "geheel"),
    "getal": (lambda v: opmaak.getal(v), "getal"),
}


# column names of processed tables that do not read as Dutch words when capitalised
KOPJES = {"aanbieder_id": "Aanbieder", "kvk": "KvK-nummer", "naam": "Naam"}


def met_kopjes(df: pd.DataFrame) -> pd.DataFrame:
    """The table with readable Dutch column headers: 'aanbieder_id' -> 'Aanbieder',
    'telt_mee' -> 'Telt mee'."""
    return df.rename(columns=lambda k: KOPJES.get(k, k.replace("_", " ").capitalize()))


def _leeg(v) -> bool:
    return v is None or (not isinstance(v, str | list) and pd.isna(v))


# shares and ratios are exported as the report prints them (0,1% or 0,01%), never with more
# digits: the hidden digits of a share gave a suppressed figure back (docs/onthulling.md)
DECIMALEN = {"procent": 3, "procent_teken": 3, "procent_2": 4}


def _opslagwaarde(waarde, formaat: str):
    """The value as JSON for the export: numbers as text of an exact decimal, euros not cents,
    shares rounded as they are shown."""
    if _leeg(waarde) or isinstance(waarde, str):
        return None if _leeg(waarde) else waarde
    if formaat in ("centen", "centen_heel"):
        return str(centen_naar_euro(int(waarde)))
    if formaat in DECIMALEN:
        return str(opmaak.half_op(waarde, DECIMALEN[formaat]))
    if formaat == "procentpunten":
        return str(opmaak.half_op(Decimal(str(waarde)), 1) / 100)
    if formaat == "tekst":
        return str(waarde)
    return str(Decimal(str(waarde)))


def _per_rij(formaat, n: int) -> list[str]:
    """A column's format for each of its n rows (a list gives one per row)."""
    return list(formaat) if isinstance(formaat, list | tuple) else [formaat] * n


def opgemaakt(df: pd.DataFrame, formaten: dict) -> pd.DataFrame:
    """The table as Dutch display text; text cells (markers, labels) stay as they are."""
    uit = df.copy()
    for kolom in df.columns:
        uit[kolom] = [
            opmaak.ONTBREEKT if _leeg(v) else v if isinstance(v, str) else FORMATEN[f][0](v)
            for v, f in zip(df[kolom], _per_rij(formaten.get(kolom, "tekst"), len(df)), strict=True)
        ]
    return uit


def bundel(
    df: pd.DataFrame,
    formaten: dict,
    titel: str,
    voetnoot: str | None = None,
    blad: str | None = None,
    op_pagina: int | None = None,
    belang=None,
    breed: bool | None = None,
) -> dict:
    """The display bundle of one table: text/html plus the typed JSON.

    `formaten` maps a column to a key of FORMATEN, or to a list of keys (one per row) for a
    column of mixed values. `blad` names the sheet in the export (at most 31 characters);
    without it the title does, if it is short enough.
    """
    onbekend = set(formaten) - set(df.columns)
    if onbekend:
        raise ValueError(f"formaten voor onbekende kolommen: {sorted(onbekend)}")
    blad = blad or titel
    if len(blad) > MAX_BLADNAAM:
        raise ValueError(
            f"geef de tabel '{titel}' een bladnaam van hoogstens {MAX_BLADNAAM} tekens"
        )
    per_kolom = {k: _per_rij(formaten.get(k, "tekst"), len(df)) for k in df.columns}
    tekst = [k for k in df.columns if set(per_kolom[k]) <= {"tekst"}]
    pagina, ingekort = df, op_pagina is not None and len(df) > op_pagina
    if ingekort:
        volgorde = np.arange(len(df))
        if belang is not None:  # the largest first; no value last; ties in table order
            sleutel = -pd.to_numeric(pd.Series(np.asarray(belang)), errors="coerce").fillna(-np.inf)
            volgorde = np.lexsort((volgorde, sleutel.to_numpy()))
        pagina = df.iloc[volgorde[:op_pagina]]
    if df.empty:
        html = f'<p class="kp-leeg"><strong>{escape(titel)}</strong>: geen.</p>'
    else:
        html = html_tabel(
            opgemaakt(pagina, formaten),
            bijschrift=titel,
            tekstkolommen=tekst,
            breed=len(df.columns) >= BREED_VANAF if breed is None else breed,
        ).to_html()
    if ingekort:
        n = opmaak.getal(op_pagina, 0)
        welke = f"de eerste {n}" if belang is None else f"de {n} met de grootste {belang.name}"
        html += (
            f'<p class="kp-voetnoot">Op deze pagina {escape(welke)} van '
            f"{opmaak.getal(len(df), 0)} rijen; de hele tabel staat in het Excel-bestand bij dit "
            f"rapport, blad '{escape(blad)}'.</p>"
        )
    if voetnoot:
        html += f'<p class="kp-voetnoot">{escape(voetnoot)}</p>'
    data = {
        "titel": titel,
        "blad": blad,
        "voetnoot": voetnoot,
        "kolommen": [str(k) for k in df.columns],
        "formaten": [
            [FORMATEN[f][1] for f in formaten[k]]
            if isinstance(formaten.get(k), list | tuple)
            else FORMATEN[formaten.get(k, "tekst")][1]
            for k in df.columns
        ],
        "rijen": [
            [_opslagwaarde(v, per_kolom[k][r]) for k, v in zip(df.columns, rij, strict=True)]
            for r, rij in enumerate(df.itertuples(index=False))
        ],
    }
    return {"text/html": html, TABEL: data}


def toon(
    df: pd.DataFrame,
    formaten: dict | None = None,
    *,
    titel: str,
    voetnoot: str | None = None,
    blad: str | None = None,
    op_pagina: int | None = None,
    belang=None,
    breed: bool | None = None,
) -> None:
    """Display a report table (and carry it to the Excel export, on sheet `blad`, default the
    title). A table with a suppressed cell gets the footnote that says why, whatever the
    notebook asks. A table longer than `op_pagina` rows shows that many on the page (the
    largest values of the Series `belang` first, named by its name, e.g. the largest
    deviations) and all of them in the export."""
    from IPython.display import display

    if voetnoot is None and (df.astype(object) == MARKER).any(axis=None):
        voetnoot = VOETNOOT
    display(bundel(df, formaten or {}, titel, voetnoot, blad, op_pagina, belang, breed), raw=True)


def escape(tekst: str) -> str:
    """Text made safe for HTML (provider-supplied text can carry markup)."""
    return html.escape(str(tekst), quote=True)


def html_tabel(
    df: pd.DataFrame, *, bijschrift: str | None = None, tekstkolommen=(), breed: bool = False
) -> Styler:
    """A display table: no index, text HTML-escaped (cells may hold provider-supplied text).
    A wide table (`breed`) is printed on a landscape page."""
    stijl = df.style.hide(axis="index").format(escape="html", na_rep=opmaak.ONTBREEKT)
    # a stable id instead of a random one, so the same table gives the same HTML
    stijl = stijl.set_uuid(hashlib.sha256(df.to_csv().encode()).hexdigest()[:8])
    stijl = stijl.set_table_attributes('class="kp-tabel kp-breed"' if breed else 'class="kp-tabel"')
    if tekstkolommen:
        stijl = stijl.set_properties(subset=list(tekstkolommen), **{"text-align": "left"})
    if bijschrift:
        stijl = stijl.set_caption(escape(bijschrift))
    return stijl
