"""Reading the municipality's tables (.csv or .xlsx): indicaties, tarieven, realisatie.

CSV comes in two conventions: Dutch Excel (`;`, decimal comma) and international
(`,`, decimal point). The separator decides how numbers are read, so "1,5" and "1.5"
are never guessed at. Every problem is an InvoerFout naming the file and row.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.dtypes import StringDType

from kostprijs.fouten import InvoerFout
from kostprijs.geld import decimaal

_NL_GETAL = r"[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?"
_INT_GETAL = r"[+-]?\d+(\.\d+)?"
DEEL = 500_000  # rows per part when a large table is read in parts
BLOK = 1 << 24  # bytes per block when a file is scanned


def lees_tabel(pad: Path, kolommen: list[str], optioneel: tuple[str, ...] = ()) -> pd.DataFrame:
    """Read a .csv or .xlsx table as text cells, check the required columns, add `_rij`.

    Columns in `optioneel` are kept when present and are empty text otherwise.

    `_rij` is the row number as the user sees it (header = row 1). Cells keep their text;
    `getal` converts them with the file's convention (stored in `df.attrs["decimaalkomma"]`).
    In .xlsx, typed numbers are turned into Dutch text, so the convention is the decimal comma.
    """
    (df,) = lees_tabel_in_delen(pad, kolommen, optioneel, regels=None)
    return df


def lees_tabel_in_delen(
    pad: Path, kolommen: list[str], optioneel: tuple[str, ...] = (), regels: int | None = DEEL
) -> Iterator[pd.DataFrame]:
    """`lees_tabel` in consecutive parts of at most `regels` rows (None: one part), so a file
    of millions of rows never sits in memory as text. Each part has the attrs and `_rij` that
    `lees_tabel` gives; a part without data is skipped. An .xlsx file is one part."""
    pad = Path(pad)
    if not pad.exists():
        raise InvoerFout(
            "het bestand bestaat niet.", bestand=pad, actie="Controleer de bestandsnaam."
        )
    soort = pad.suffix.lower()
    if soort == ".csv":
        codering, komma, witruimte = _csv_kenmerken(pad)
        delen = _csv_delen(pad, codering, komma, regels)
    elif soort == ".xlsx":
        delen, komma, witruimte = iter([_lees_xlsx(pad)]), True, True
    else:
        raise InvoerFout(
            f"bestandstype '{soort or '(geen)'}' wordt niet ondersteund.",
            bestand=pad,
            actie="Lever een .csv- of .xlsx-bestand aan.",
        )
    eerste_rij, gevonden = 2, False
    for deel in delen:
        n = len(deel)
        deel = _als_tabel(deel, pad, kolommen, optioneel, komma, witruimte, eerste_rij)
        eerste_rij += n
        if len(deel):
            gevonden = True
            yield deel
    if not gevonden:
        raise InvoerFout("het bestand bevat geen gegevens.", bestand=pad)


class Codeboek:
    """Integer codes for the distinct texts of a column read in parts: code i is the i-th
    distinct text seen (`waarden`). Keeps a column of millions of rows as integers."""

    def __init__(self) -> None:
        self._waarden = pd.Index([], dtype=object)

    def codes(self, kolom: pd.Series) -> np.ndarray:
        """The codes of a part's column (int64)."""
        codes, uniek = pd.factorize(kolom.to_numpy(), sort=False)
        plek = self._waarden.get_indexer(uniek).astype(np.int64)
        nieuw = plek < 0
        if nieuw.any():
            plek[nieuw] = len(self._waarden) + np.arange(int(nieuw.sum()))
            self._waarden = self._waarden.append(pd.Index(uniek[nieuw], dtype=object))
        return plek[codes]

    @property
    def waarden(self) -> np.ndarray:
        return self._waarden.to_numpy(dtype=object)


def per_waarde(cellen, functie) -> np.ndarray:
    """`functie` applied once to each distinct cell, spread over the rows (object array): text
    rules on millions of rows with few distinct values."""
    codes, uniek = pd.factorize(np.asarray(cellen, dtype=object), use_na_sentinel=False)
    return np.asarray([functie(w) for w in uniek], dtype=object)[codes]


def vaste_codes(kolom: pd.Series, waarden: list[str]) -> np.ndarray:
    """The position of each cell among `waarden` (int16; -1 for a text not among them)."""
    return pd.Categorical(kolom.to_numpy(), categories=waarden).codes.astype(np.int16)


def _als_tabel(
    df: pd.DataFrame,
    pad: Path,
    kolommen: list[str],
    optioneel: tuple[str, ...],
    komma: bool,
    witruimte: bool,
    eerste_rij: int,
) -> pd.DataFrame:
    """One part as `lees_tabel` returns it: the named columns as stripped text, `_rij` from
    `eerste_rij`, rows without any required value dropped."""
    df.columns = [str(k).strip().lower() for k in df.columns]
    gevonden = list(df.columns)
    ontbrekend = [k for k in kolommen if k not in df.columns]
    if ontbrekend:
        raise InvoerFout(
            f"kolom(men) {', '.join(repr(k) for k in ontbrekend)} ontbreken "
            f"(gevonden: {', '.join(repr(k) for k in df.columns) or 'geen'}).",
            bestand=pad,
            rij=1,
            actie=f"Zet in de eerste rij de kolomnamen {', '.join(kolommen)}.",
        )
    namen = kolommen + list(optioneel)
    cellen = {
        k: df[k].to_numpy() if k in df.columns else np.full(len(df), "", object) for k in namen
    }
    if witruimte:
        cellen = {k: pd.Series(v, dtype=object).str.strip().to_numpy() for k, v in cellen.items()}
    cellen["_rij"] = np.arange(eerste_rij, eerste_rij + len(df), dtype=np.int64)
    gevuld = np.zeros(len(df), dtype=bool)
    for k in kolommen:
        gevuld |= cellen[k] != ""
    if not gevuld.all():
        cellen = {k: v[gevuld] for k, v in cellen.items()}
    df = pd.DataFrame(cellen, copy=False)
    df.attrs["bestand"] = str(pad)
    df.attrs["decimaalkomma"] = komma
    df.attrs["kolommen"] = gevonden
    return df


def _csv_kenmerken(pad: Path) -> tuple[str, bool, bool]:
    """The file's encoding, whether it uses the decimal comma, and whether any field may start
    or end with whitespace (stripping every cell is costly). One pass over the file in blocks
    of whole lines, so a large file is never in memory as a whole."""
    for codering in ("utf-8-sig", "cp1252"):
        try:
            komma, witruimte = _scan_csv(pad, codering)
        except UnicodeDecodeError:
            continue
        return codering, komma, witruimte
    raise InvoerFout("het bestand is geen leesbare tekst.", bestand=pad)


def _scan_csv(pad: Path, codering: str) -> tuple[bool, bool]:
    decoder = codecs.getincrementaldecoder(codering)()
    komma: bool | None = None
    witruimte, rest = False, ""
    with open(pad, "rb") as f:
        while True:
            blok = f.read(BLOK)
            tekst = rest + decoder.decode(blok, final=not blok)
            if blok:  # keep the unfinished last line for the next block
                einde = tekst.rfind("\n") + 1
                tekst, rest = tekst[:einde], tekst[einde:]
            if blok and not tekst:
                continue  # no whole line yet
            if komma is None:  # the first lines
                eerste = tekst.splitlines()[0] if tekst.strip() else ""
                if not eerste:
                    raise InvoerFout("het bestand is leeg.", bestand=pad)
                komma = eerste.count(";") >= eerste.count(",")
            if not witruimte:
                witruimte = _witruimte_aan_rand(tekst, ";" if komma else ",")
            if not blok:
                return komma, bool(witruimte)


def _csv_delen(pad: Path, codering: str, komma: bool, regels: int | None) -> Iterator[pd.DataFrame]:
    try:
        lezer = pd.read_csv(
            pad,
            sep=";" if komma else ",",
            dtype=str,
            na_filter=False,  # every cell text, an empty one "" (never NaN)
            encoding=codering,
            chunksize=regels,
        )
        if regels is None:
            yield lezer
            return
        with lezer:
            yield from lezer
    except (pd.errors.ParserError, csv.Error) as exc:
        raise InvoerFout(f"het bestand is geen geldige CSV ({exc}).", bestand=pad) from exc


def _witruimte_aan_rand(tekst: str, scheiding: str) -> bool:
    """Whether a field of the CSV text may start or end with whitespace. It may say yes where
    no field does (then every cell is stripped), never the other way round.

    Plain ASCII text whose only whitespace is spaces and line ends is checked with a few
    substring searches; anything else with one regular expression."""
    if "\r" in tekst and tekst.count("\r") != tekst.count("\r\n"):
        return True  # a carriage return inside a field
    gewoon = tekst.isascii() and not any(c in tekst for c in "\t\x0b\x0c\x1c\x1d\x1e\x1f")
    if gewoon:
        randen = (f" {scheiding}", f"{scheiding} ", " \n", "\n ", " \r", ' "', '" ')
        return tekst.startswith(" ") or tekst.endswith(" ") or any(r in tekst for r in randen)
    spatie = r"[^\S\r\n]"  # any whitespace but a line break
    s = re.escape(scheiding)
    patroon = rf'(?:^|{s})"?{spatie}|{spatie}"?(?:{s}|\r?$)'
    return re.search(patroon, tekst, re.M) is not None


def _lees_xlsx(pad: Path) -> pd.DataFrame:
    try:
        df = pd.read_excel(pad, sheet_name=0, dtype=object, engine="calamine")
    except Exception as exc:  # calamine raises several types for damaged files
        raise InvoerFout(
            "het bestand is geen leesbaar Excel-bestand (.xlsx).",
            bestand=pad,
            actie="Open het in Excel en sla het opnieuw op als .xlsx.",
        ) from exc
    return df.map(_cel_tekst)


def _cel_tekst(waarde) -> str:
    if waarde is None or (isinstance(waarde, float) and pd.isna(waarde)):
        return ""
    if isinstance(waarde, bool):
        return str(waarde)
    if isinstance(waarde, int | float):
        # typed numbers become Dutch text, so one parser reads typed and text cells alike
        return (str(int(waarde)) if float(waarde).is_integer() else repr(waarde)).replace(".", ",")
    return str(waarde)


def _getaltekst(df: pd.DataFrame, kolom: str) -> pd.Series:
    """The column's numbers as text with a decimal point, in the file's convention (decimal
    comma or point); InvoerFout names every row that is not a number."""
    komma = df.attrs.get("decimaalkomma", False)
    tekst = (
        df[kolom]
        .str.replace("\u00a0", "", regex=False)
        .str.replace("€", "", regex=False)
        .str.strip()
    )
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
    """The column as exact Decimals in the file's convention; InvoerFout names the row.

    Vectorised: the text is checked and normalised column-wise, as `lees_getal` does per cell.
    """
    tekst = _getaltekst(df, kolom)
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


def rijfout(df: pd.DataFrame, fout: np.ndarray, kolom: str, melding, actie: str | None = None):
    """An InvoerFout for the rows where `fout` is True: the first one named in full, the
    others counted with their row numbers (at most five), so one run shows them all.

    `melding(i)` gives the Dutch message for position i.
    """
    posities = np.flatnonzero(fout)
    rijen = df["_rij"].to_numpy()
    i = int(posities[0])
    tekst = melding(i)
    if len(posities) > 1:
        andere = ", ".join(str(int(rijen[j])) for j in posities[1:6])
        meer = " ..." if len(posities) > 6 else ""
        tekst += f" Hetzelfde in nog {len(posities) - 1} rij(en): {andere}{meer}."
    return InvoerFout(
        tekst, bestand=df.attrs.get("bestand"), rij=int(rijen[i]), kolom=kolom, actie=actie
    )


def geschaalde_kolom(
    df: pd.DataFrame, kolom: str, decimalen: int, *, minimum: int | None = 0
) -> np.ndarray:
    """The column as exact integers of 10**-decimalen (e.g. milli-units), vectorised: the
    common case is parsed once per distinct cell.

    Read in the file's convention (decimal comma or point); InvoerFout names the rows that are
    no number, have more decimals, or lie below `minimum` (in whole units).

    >>> df = pd.DataFrame({"x": ["1,5", "2", "0,125"], "_rij": [2, 3, 4]})
    >>> df.attrs["decimaalkomma"] = True
    >>> geschaalde_kolom(df, "x", 3).tolist()
    [1500, 2000, 125]
    """
    codes, uniek = pd.factorize(df[kolom].to_numpy(), use_na_sentinel=False)
    eenvoudig, waarden = _eenvoudig_geschaald(
        uniek, df.attrs.get("decimaalkomma", False), decimalen
    )
    eenvoudig, waarden = eenvoudig[codes], waarden[codes]
    if not eenvoudig.all():  # thousands separators, euro signs, errors: checked one by one
        rest = df[~eenvoudig]
        rest.attrs = df.attrs
        waarden[~eenvoudig] = _geschaald_met_controle(rest, kolom, decimalen)
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


def _geschaald_met_controle(df: pd.DataFrame, kolom: str, decimalen: int) -> np.ndarray:
    """The cells outside the common case, by the full rules: InvoerFout names the rows that
    are no number or have more decimals."""
    tekst = _getaltekst(df, kolom)
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


_DATUM_NL = r"(\d{1,2})-(\d{1,2})-(\d{4})"
_DATUM_ISO = r"(\d{4})-(\d{2})-(\d{2})(?: 00:00:00)?"


def datum_kolom(df: pd.DataFrame, kolom: str) -> pd.Series:
    """The column as datetime64 (NaT when empty); 'dd-mm-jjjj' or 'jjjj-mm-dd'.

    InvoerFout names the rows that hold something else or an impossible date.
    """
    tekst = df[kolom]  # stripped by lees_tabel
    if not (tekst.to_numpy() != "").any():
        return pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns]")
    nl = tekst.str.extract(f"^{_DATUM_NL}$").fillna("")
    iso = tekst.str.extract(f"^{_DATUM_ISO}$").fillna("")
    jaar = nl[2].where(nl[2] != "", iso[0])
    maand = nl[1].where(nl[1] != "", iso[1]).str.zfill(2)
    dag = nl[0].where(nl[0] != "", iso[2]).str.zfill(2)
    datums = pd.to_datetime(jaar + "-" + maand + "-" + dag, format="%Y-%m-%d", errors="coerce")
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
