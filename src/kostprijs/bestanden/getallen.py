"""Dutch numbers and dates in the municipality's tables: one parser for every reader.

A table's convention comes from its separator: `;` (and .xlsx) means the decimal comma,
`,` the decimal point, and a tab says nothing, so each column settles it from its own cells.
A number such as "13.250" where the comma is the decimal sign may be 13250 (a thousands
separator) or 13,25 typed with a point: it is refused with file, row and column unless the
column's other cells settle it ("1.250,5" or "1.250.000" prove thousands separators).

Dates are 'dd-mm-jjjj' (also with / or .), ISO 'jjjj-mm-dd' (optionally with a time), or, in
an .xlsx file, an Excel serial number.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import numpy as np
import pandas as pd
from numpy.dtypes import StringDType

from kostprijs.codering import codeer
from kostprijs.fouten import InvoerFout
from kostprijs.geld import decimaal

_NL_GETAL = r"[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?"
_INT_GETAL = r"[+-]?\d+(\.\d+)?"
# one group of three digits after a single point, no comma: "13.250"
_EEN_GROEP = re.compile(r"[+-]?\d{1,3}\.\d{3}")
# proof of thousands separators: a point group with a decimal comma, or several point groups
_DUIZENDTALLEN = re.compile(r"[+-]?\d{1,3}(\.\d{3})+,\d+|[+-]?\d{1,3}(\.\d{3}){2,}(,\d+)?")
# proof of a decimal point: a point not followed by exactly three digits
_DECIMAALPUNT = re.compile(r"[+-]?\d*\.(\d{1,2}|\d{4,})")
EXCEL_NUL = dt.date(1899, 12, 30)  # day 0 of Excel's serial dates (1900 system)


def rijfout(df: pd.DataFrame, fout: np.ndarray, kolom: str, melding, actie: str | None = None):
    """An InvoerFout for the rows where `fout` is True: the first one named in full, the
    others counted with their row numbers (at most five), so one run shows them all.

    `melding(i)` gives the Dutch message for position i. A table of several files (iWmo
    messages) names each row's own file (column `_bestand`).
    """
    posities = np.flatnonzero(fout)
    rijen = df["_rij"].to_numpy()
    i = int(posities[0])
    tekst = melding(i)
    if len(posities) > 1:
        andere = ", ".join(str(int(rijen[j])) for j in posities[1:6])
        meer = " ..." if len(posities) > 6 else ""
        tekst += f" Hetzelfde in nog {len(posities) - 1} rij(en): {andere}{meer}."
    bestand = df["_bestand"].iat[i] if "_bestand" in df.columns else df.attrs.get("bestand")
    return InvoerFout(tekst, bestand=bestand, rij=int(rijen[i]), kolom=kolom, actie=actie)


def _schoon(cellen) -> pd.Series:
    return (
        pd.Series(np.asarray(cellen, dtype=object), dtype=object)
        .str.replace("\u00a0", "", regex=False)
        .str.replace("€", "", regex=False)
        .str.strip()
    )


def conventie(df: pd.DataFrame, kolom: str, uniek: np.ndarray | None = None) -> bool:
    """Whether the column is read with the decimal comma. InvoerFout names the rows with a
    number that the file's convention and the column's other cells leave ambiguous.

    `uniek`: the column's distinct cells, when the caller has them already.
    """
    komma = df.attrs.get("decimaalkomma", False)
    if komma is False:
        return False  # the separator says decimal point: "13.250" is 13,25
    cellen = _schoon(pd.unique(df[kolom].to_numpy()) if uniek is None else uniek)
    met_punt = cellen[cellen.str.contains(".", regex=False)]
    if komma is None:  # a tab: the cells decide
        komma = bool(cellen.str.contains(",", regex=False).any())
        if not komma and met_punt.empty:
            return False
        if not komma and met_punt.str.fullmatch(_DUIZENDTALLEN).any():
            komma = True
    if met_punt.empty:
        return komma
    if komma:
        zeker = bool(met_punt.str.fullmatch(_DUIZENDTALLEN).any())
    else:
        zeker = bool(met_punt.str.fullmatch(_DECIMAALPUNT).any())
    if not zeker:
        een_groep = met_punt[met_punt.str.fullmatch(_EEN_GROEP)]
        # "0.000" reads as 0 either way: not ambiguous
        dubbel = set(een_groep[een_groep.str.strip("+-0.") != ""])
        if dubbel:
            _weiger_dubbelzinnig(df, kolom, dubbel)
    return komma


def _weiger_dubbelzinnig(df: pd.DataFrame, kolom: str, dubbel: set[str]) -> None:
    fout = _schoon(df[kolom].to_numpy()).isin(dubbel).to_numpy()

    def melding(i: int) -> str:
        tekst = _schoon([df[kolom].iat[i]]).iat[0]
        duizend = tekst.replace(".", "")
        deel = tekst.replace(".", ",")
        return (
            f"'{tekst}' is dubbelzinnig: {duizend} (punt als scheiding van duizendtallen) of "
            f"{deel} (punt als decimaalteken); de andere getallen in de kolom beslissen het niet."
        )

    raise rijfout(
        df,
        fout,
        kolom,
        melding,
        "Schrijf het getal zonder punt (13250) of met een decimaalkomma (13,25).",
    )


def _getaltekst(df: pd.DataFrame, kolom: str, komma: bool) -> pd.Series:
    """The column's numbers as text with a decimal point; InvoerFout names every row that is
    not a number in the convention `komma`."""
    tekst = _schoon(df[kolom].to_numpy())
    tekst.index = df.index
    geldig = tekst.str.fullmatch(_NL_GETAL if komma else _INT_GETAL).to_numpy(dtype=bool)
    if not geldig.all():
        verwacht = "bijvoorbeeld 1,5" if komma else "bijvoorbeeld 1.5"
        raise rijfout(
            df, ~geldig, kolom, lambda i: f"'{df[kolom].iat[i]}' is geen geldig getal ({verwacht})."
        )
    if komma:
        tekst = tekst.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    return tekst


def getal(df: pd.DataFrame, kolom: str, *, minimum: Decimal | None = None) -> list[Decimal]:
    """The column as exact Decimals in the file's convention; InvoerFout names the row."""
    tekst = _getaltekst(df, kolom, conventie(df, kolom))
    waarden = [Decimal(t) for t in tekst]
    if minimum is not None:
        for i, waarde in enumerate(waarden):
            if waarde < minimum:
                raise InvoerFout(
                    f"{df[kolom].iat[i]} is kleiner dan {minimum}; vul {minimum} of meer in.",
                    bestand=df.attrs.get("bestand"),
                    rij=int(df["_rij"].iat[i]),
                    kolom=kolom,
                )
    return waarden


def lees_getal(tekst: str, decimaalkomma: bool) -> Decimal | None:
    """Parse '1.234,56' / '49,42' (decimaalkomma) or '1234.56'; None when not a number."""
    tekst = tekst.strip().replace("\u00a0", "").replace("€", "").strip()
    if decimaalkomma:
        if not re.fullmatch(_NL_GETAL, tekst):
            return None
        tekst = tekst.replace(".", "").replace(",", ".")
    elif not re.fullmatch(_INT_GETAL, tekst):
        return None
    return decimaal(tekst)


def geschaalde_kolom(
    df: pd.DataFrame, kolom: str, decimalen: int, *, minimum: int | None = 0
) -> np.ndarray:
    """The column as exact integers of 10**-decimalen (e.g. milli-units), vectorised: the
    common case is parsed once per distinct cell.

    Read in the file's convention (decimal comma or point); InvoerFout names the rows that are
    no number, are ambiguous, have more decimals, or lie below `minimum` (in whole units).

    >>> df = pd.DataFrame({"x": ["1,5", "2", "0,125"], "_rij": [2, 3, 4]})
    >>> df.attrs["decimaalkomma"] = True
    >>> geschaalde_kolom(df, "x", 3).tolist()
    [1500, 2000, 125]
    """
    codes, uniek = codeer(df[kolom].to_numpy())
    komma = conventie(df, kolom, uniek)
    eenvoudig, waarden = _eenvoudig_geschaald(uniek, komma, decimalen)
    eenvoudig, waarden = eenvoudig[codes], waarden[codes]
    if not eenvoudig.all():  # thousands separators, euro signs, errors: checked one by one
        rest = df[~eenvoudig]
        rest.attrs = df.attrs
        waarden[~eenvoudig] = _geschaald_met_controle(rest, kolom, decimalen, komma)
    if minimum is not None:
        te_klein = waarden < minimum * 10**decimalen
        if te_klein.any():
            raise rijfout(
                df,
                te_klein,
                kolom,
                lambda i: f"{df[kolom].iat[i]} is kleiner dan {minimum}; vul {minimum} of meer in.",
            )
    return waarden


def _eenvoudig_geschaald(
    cellen: np.ndarray, decimaalkomma: bool, decimalen: int
) -> tuple[np.ndarray, np.ndarray]:
    """The common case at C speed: cells that are plain digits with at most one decimal
    separator of the file's convention, an optional sign and at most `decimalen` decimals.
    Returns which cells those are, and their values (0 elsewhere)."""
    tekst = np.strings.strip(np.asarray(cellen, dtype=StringDType()))
    cijfers = np.strings.isdecimal(tekst) & (np.strings.str_len(tekst) <= 12)
    if cijfers.all():  # whole numbers only, such as periods: one conversion
        return cijfers, tekst.astype(np.int64) * 10**decimalen
    negatief = np.strings.startswith(tekst, "-")
    romp = np.where(
        negatief | np.strings.startswith(tekst, "+"), np.strings.slice(tekst, 1, None), tekst
    )
    plek = np.strings.find(romp, "," if decimaalkomma else ".")
    met = plek >= 0
    heel = np.where(met, np.strings.slice(romp, 0, np.maximum(plek, 0)), romp)
    breuk = np.strings.rstrip(np.where(met, np.strings.slice(romp, plek + 1, None), ""), "0")
    eenvoudig = (
        np.strings.isdecimal(heel)
        & (~met | np.strings.isdecimal(np.where(met, np.strings.slice(romp, plek + 1, None), "")))
        & (np.strings.str_len(heel) <= 12)
        & (np.strings.str_len(breuk) <= decimalen)
    )
    heel = np.where(eenvoudig, heel, "0").astype(np.int64)
    rest = np.where(eenvoudig, np.strings.ljust(breuk, decimalen, "0"), "0")
    rest = rest.astype(np.int64) if decimalen else np.zeros(len(heel), np.int64)
    waarden = np.where(negatief, -1, 1) * (heel * 10**decimalen + rest)
    return eenvoudig, np.where(eenvoudig, waarden, 0).astype(np.int64)


def _geschaald_met_controle(
    df: pd.DataFrame, kolom: str, decimalen: int, komma: bool | None = None
) -> np.ndarray:
    """The cells outside the common case, by the full rules: InvoerFout names the rows that
    are no number, are ambiguous (checked here unless the caller gives the column's
    convention `komma`), or have more decimals."""
    komma = conventie(df, kolom) if komma is None else komma
    tekst = _getaltekst(df, kolom, komma)
    delen = tekst.str.extract(r"^([+-]?)(\d+)(?:\.(\d*))?$")
    breuk = delen[2].fillna("").str.rstrip("0")
    te_lang = (breuk.str.len() > decimalen).to_numpy() | (delen[1].str.len() > 12).to_numpy()
    if te_lang.any():
        raise rijfout(
            df,
            te_lang,
            kolom,
            lambda i: f"{df[kolom].iat[i]} heeft meer dan {decimalen} decimalen of is te groot.",
        )
    geheel = delen[1].astype(np.int64).to_numpy()
    rest = breuk.str.ljust(decimalen, "0").replace("", "0").astype(np.int64).to_numpy()
    teken = np.where(delen[0].to_numpy() == "-", -1, 1)
    return (teken * (geheel * 10**decimalen + rest)).astype(np.int64)


_DATUM_NL = r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})"
_DATUM_ISO = r"(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?"
_SERIEEL = r"\d{5}"  # an Excel serial number of 1927 to 2173


def datum_kolom(df: pd.DataFrame, kolom: str) -> pd.Series:
    """The column as datetime64 (NaT when empty); 'dd-mm-jjjj', 'jjjj-mm-dd', or in an .xlsx
    file an Excel serial number (`attrs["xlsx"]`). Each distinct cell is parsed once.

    InvoerFout names the rows that hold something else or an impossible date.
    """
    tekst = df[kolom]  # stripped by lees_tabel
    if not (tekst.to_numpy() != "").any():
        return pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns]")
    codes, uniek = codeer(tekst.to_numpy())
    waarden = _datums(pd.Series(uniek, dtype=object), bool(df.attrs.get("xlsx")))
    datums = pd.Series(waarden.to_numpy()[codes], index=df.index, dtype="datetime64[ns]")
    fout = ((tekst != "") & datums.isna()).to_numpy()
    if fout.any():
        raise rijfout(
            df,
            fout,
            kolom,
            lambda i: f"'{df[kolom].iat[i]}' is geen datum.",
            "Schrijf een datum als 31-12-2026 (dag-maand-jaar).",
        )
    return datums


def _datums(tekst: pd.Series, xlsx: bool) -> pd.Series:
    """Distinct cells as dates (NaT where none)."""
    nl = tekst.str.extract(f"^{_DATUM_NL}$").fillna("")
    iso = tekst.str.extract(f"^{_DATUM_ISO}$").fillna("")
    jaar = nl[2].where(nl[2] != "", iso[0])
    maand = nl[1].where(nl[1] != "", iso[1]).str.zfill(2)
    dag = nl[0].where(nl[0] != "", iso[2]).str.zfill(2)
    datums = pd.to_datetime(jaar + "-" + maand + "-" + dag, format="%Y-%m-%d", errors="coerce")
    if xlsx:
        serieel = tekst.str.fullmatch(_SERIEEL).to_numpy(dtype=bool)
        if serieel.any():
            dagen = pd.to_numeric(tekst.where(serieel, "0")).to_numpy(dtype=np.int64)
            uit_serie = pd.Timestamp(EXCEL_NUL) + pd.to_timedelta(dagen, unit="D")
            datums = datums.where(~serieel, pd.Series(uit_serie, index=tekst.index))
    return datums
