"""Reading the municipality's tables (.csv or .xlsx): one reader for every caller.

CSV comes as Dutch Excel writes it (`;`, decimal comma), internationally (`,`, decimal point)
or tab-separated (the column's cells settle the decimal sign, see `bestanden.getallen`); in
UTF-8 with or without BOM, or cp1252. Title lines above the header and a total line below
the data are recognised, left out and reported; column names are mapped by the declared
aliases of `kolommen`, and every column not used is named. The findings are in
`attrs["bevindingen"]` (Dutch sentences), for `kostprijs controleer` and the reports.
Every problem is an InvoerFout naming the file and row.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from kostprijs.codering import codeer
from kostprijs.fouten import InvoerFout
from kostprijs.gemeentedata import kolommen as kolomnamen

DEEL = 500_000  # rows per part when a large table is read in parts
BLOK = 1 << 24  # bytes per block when a file is scanned
KOP_REGELS = 20  # lines searched for the header (title lines above it)
SCHEIDINGEN = (";", "\t", ",")
STAART = 5  # last rows of a part searched for a total line
_NIET_ASCII = re.compile(r"[^\x00-\x7f]")
_TOTAAL = re.compile(r"^\s*(sub)?total(en|s)?\b|^\s*(sub)?totaal\b", re.I)


def lees_tabel(
    pad: Path, kolommen: list[str], optioneel: tuple[str, ...] = (), *, aliassen=None
) -> pd.DataFrame:
    """Read a .csv or .xlsx table as text cells, check the required columns, add `_rij`.

    Columns in `optioneel` are kept when present and are empty text otherwise; `aliassen`
    adds the municipality's own column names (`kolommen.eigen_aliassen`).

    `_rij` is the row number as the user sees it (the first line of the file = row 1). Cells
    keep their text; `bestanden.getallen` converts them with the file's convention (stored in
    `df.attrs["decimaalkomma"]`: True, False, or None for a tab). In .xlsx, typed numbers are
    turned into Dutch text, so the convention is the decimal comma.
    """
    bevindingen: list[str] = []
    (df,) = lees_tabel_in_delen(
        pad, kolommen, optioneel, regels=None, bevindingen=bevindingen, aliassen=aliassen
    )
    df.attrs["bevindingen"] = bevindingen
    return df


def lees_tabel_in_delen(
    pad: Path,
    kolommen: list[str],
    optioneel: tuple[str, ...] = (),
    regels: int | None = DEEL,
    *,
    bevindingen: list[str] | None = None,
    aliassen: dict[str, tuple[str, ...]] | None = None,
) -> Iterator[pd.DataFrame]:
    """`lees_tabel` in consecutive parts of at most `regels` rows (None: one part), so a file
    of millions of rows never sits in memory as text. Each part has the attrs and `_rij` that
    `lees_tabel` gives; a part without data is skipped. An .xlsx file is one part.

    The findings of the whole file are appended to `bevindingen` as they are found (the
    total line at the end only once the last part is read)."""
    pad = Path(pad)
    bevindingen = [] if bevindingen is None else bevindingen
    if not pad.exists():
        raise InvoerFout(
            "het bestand bestaat niet.", bestand=pad, actie="Controleer de bestandsnaam."
        )
    soort = pad.suffix.lower()
    vereist = list(kolommen)
    if soort == ".csv":
        codering, scheiding, kop, witruimte = _csv_kenmerken(pad, vereist, aliassen)
        komma = {";": True, ",": False, "\t": None}[scheiding]
        delen = _csv_delen(pad, codering, scheiding, regels, kop)
    elif soort == ".xlsx":
        df, kop = _lees_xlsx(pad, vereist, aliassen)
        delen, komma, witruimte = iter([df]), True, True
    else:
        raise InvoerFout(
            f"bestandstype '{soort or '(geen)'}' wordt niet ondersteund.",
            bestand=pad,
            actie="Lever een .csv- of .xlsx-bestand aan.",
        )
    if kop:
        titels = "; ".join(f"'{t}'" for t in kop if t)
        regels_tekst = "regel 1" if len(kop) == 1 else f"regels 1-{len(kop)}"
        bevindingen.append(
            f"{pad.name}: {regels_tekst} boven de kolomnamen overgeslagen (titel): {titels}."
        )
    eerste_rij, gevonden, koppeling = len(kop) + 2, False, None
    for deel in delen:
        n = len(deel)
        if koppeling is None:
            koppeling = _koppeling(
                deel, pad, kolommen, optioneel, bevindingen, len(kop) + 1, aliassen
            )
        deel, eerste = _als_tabel(
            deel, pad, koppeling, kolommen, optioneel, komma, witruimte, eerste_rij
        )
        deel = _zonder_totaal(deel, eerste, pad, bevindingen)
        deel.attrs["xlsx"] = soort == ".xlsx"
        eerste_rij += n
        if len(deel):
            gevonden = True
            deel.attrs["bevindingen"] = list(bevindingen)
            yield deel
    if not gevonden:
        raise InvoerFout("het bestand bevat geen gegevens.", bestand=pad)


def _koppeling(
    df: pd.DataFrame,
    pad: Path,
    kolommen: list[str],
    optioneel: tuple[str, ...],
    bevindingen: list[str],
    koprij: int,
    aliassen: dict[str, tuple[str, ...]] | None,
) -> dict[str, str]:
    """{header in the file: canonical name}; InvoerFout when a required column is missing."""
    koppen = [str(k) for k in df.columns]
    koppeling, niet_gebruikt = kolomnamen.koppel(koppen, [*kolommen, *optioneel], aliassen)
    bevindingen.extend(f"{pad.name}: {b}" for b in niet_gebruikt)
    ontbrekend = [k for k in kolommen if k not in koppeling.values()]
    if ontbrekend:
        raise InvoerFout(
            f"kolom(men) {', '.join(repr(k) for k in ontbrekend)} ontbreken "
            f"(gevonden: {', '.join(repr(k) for k in koppen) or 'geen'}).",
            bestand=pad,
            rij=koprij,
            actie=f"Zet in de rij met kolomnamen {', '.join(kolommen)} (zie docs/gegevens.md).",
        )
    return koppeling


class Codeboek:
    """Integer codes for the distinct texts of a column read in parts: code i is the i-th
    distinct text seen (`waarden`). Keeps a column of millions of rows as integers."""

    def __init__(self) -> None:
        self._waarden = pd.Index([], dtype=object)

    def codes(self, kolom: pd.Series) -> np.ndarray:
        """The codes of a part's column (int64)."""
        codes, uniek = codeer(kolom.to_numpy())
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
    codes, uniek = codeer(np.asarray(cellen, dtype=object))
    return np.asarray([functie(w) for w in uniek], dtype=object)[codes]


def vaste_codes(kolom: pd.Series, waarden: list[str]) -> np.ndarray:
    """The position of each cell among `waarden` (int16; -1 for a text not among them)."""
    return pd.Categorical(kolom.to_numpy(), categories=waarden).codes.astype(np.int16)


def _als_tabel(
    df: pd.DataFrame,
    pad: Path,
    koppeling: dict[str, str],
    kolommen: list[str],
    optioneel: tuple[str, ...],
    komma: bool | None,
    witruimte: bool,
    eerste_rij: int,
) -> tuple[pd.DataFrame, np.ndarray]:
    """One part as `lees_tabel` returns it: the canonical columns as stripped text, `_rij`
    from `eerste_rij`, rows without any value in the named columns dropped; and the file's
    first column in the part's last (at most STAART) rows, to find a total line."""
    koppen = [str(k).strip() for k in df.columns]
    staart = min(len(df), STAART)
    eerste_kolom = df.iloc[len(df) - staart :, 0].astype(str).str.strip().to_numpy()
    op_naam = {naam: df.iloc[:, koppen.index(kop)].to_numpy() for kop, naam in koppeling.items()}
    namen = kolommen + list(optioneel)
    leeg = np.full(len(df), "", object)  # one array for every absent column: never written to
    cellen = {k: op_naam.get(k, leeg) for k in namen}
    if witruimte:
        cellen = {k: pd.Series(v, dtype=object).str.strip().to_numpy() for k, v in cellen.items()}
    cellen["_rij"] = np.arange(eerste_rij, eerste_rij + len(df), dtype=np.int64)
    gevuld = np.zeros(len(df), dtype=bool)
    for k in namen:
        if k in op_naam:
            gevuld |= cellen[k] != ""
    cellen["_eerste"] = np.concatenate([np.full(len(df) - staart, "", object), eerste_kolom])
    if not gevuld.all():
        cellen = {k: v[gevuld] for k, v in cellen.items()}
    eerste = cellen.pop("_eerste")
    uit = pd.DataFrame(cellen, copy=False)
    uit.attrs["bestand"] = str(pad)
    uit.attrs["decimaalkomma"] = komma
    uit.attrs["kolommen"] = sorted(set(koppeling.values()))
    return uit, eerste[len(eerste) - min(len(eerste), STAART) :]


def _zonder_totaal(
    df: pd.DataFrame, eerste: np.ndarray, pad: Path, bevindingen: list[str]
) -> pd.DataFrame:
    """The part without total lines ('Totaal', 'Subtotaal', 'Total' in the file's first
    column or the first canonical one, among the part's last STAART rows); each one is
    reported. A total line elsewhere is no valid row and refused by the row checks."""
    n = len(eerste)
    if not n:
        return df
    staart = df.iloc[len(df) - n :, 0].astype(str).to_numpy()
    totaal = np.zeros(len(df), dtype=bool)
    for kolom in (eerste, staart):
        totaal[len(df) - n :] |= pd.Series(kolom, dtype=str).str.match(_TOTAAL).to_numpy(bool)
    if not totaal.any():
        return df
    for i in np.flatnonzero(totaal):
        tekst = eerste[i - (len(df) - n)] or df.iloc[i, 0]
        bevindingen.append(
            f"{pad.name}: rij {int(df['_rij'].iat[i])} is een totaalregel ('{tekst}') "
            "en telt niet mee."
        )
    uit = df[~totaal].reset_index(drop=True)
    uit.attrs = df.attrs
    return uit


def _csv_kenmerken(
    pad: Path, vereist: list[str], aliassen=None
) -> tuple[str, str, list[str], bool]:
    """The file's encoding, separator, the title lines above the header, and whether any field
    may start or end with whitespace (stripping every cell is costly). One pass over the file
    in blocks of whole lines, so a large file is never in memory as a whole."""
    for codering in ("utf-8-sig", "cp1252"):
        try:
            scheiding, kop = _kop(pad, codering, vereist, aliassen)
            witruimte = _scan_csv(pad, codering, scheiding)
        except UnicodeDecodeError:
            continue
        return codering, scheiding, kop, witruimte
    raise InvoerFout("het bestand is geen leesbare tekst.", bestand=pad)


def _kop(pad: Path, codering: str, vereist: list[str], aliassen=None) -> tuple[str, list[str]]:
    """The separator and the title lines: the header is the first of the first lines that,
    split by a separator, names every required column. Without one, the first line is the
    header (its missing columns are then named)."""
    with open(pad, encoding=codering, newline="") as f:
        regels = [r.rstrip("\r\n") for _, r in zip(range(KOP_REGELS), f, strict=False)]
    if not any(r.strip() for r in regels):
        raise InvoerFout("het bestand is leeg.", bestand=pad)
    for i, regel in enumerate(regels):
        for scheiding in SCHEIDINGEN:
            if scheiding not in regel and len(vereist) > 1:
                continue
            koppen = next(csv.reader([regel], delimiter=scheiding), [])
            if all(kolomnamen.herkent(koppen, k, aliassen) for k in vereist):
                return scheiding, [r.strip().strip(";,\t").strip() for r in regels[:i]]
    eerste = regels[0]
    scheiding = max(SCHEIDINGEN, key=lambda s: (eerste.count(s), s == ";"))
    return scheiding, []


def _scan_csv(pad: Path, codering: str, scheiding: str) -> bool:
    decoder = codecs.getincrementaldecoder(codering)()
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
            if not witruimte:
                witruimte = _witruimte_aan_rand(tekst, scheiding)
            if not blok:
                return bool(witruimte)


def _csv_delen(
    pad: Path, codering: str, scheiding: str, regels: int | None, kop: list[str]
) -> Iterator[pd.DataFrame]:
    try:
        lezer = pd.read_csv(
            pad,
            sep=scheiding,
            dtype=object,  # cells as the parser reads them: text (faster than dtype=str)
            na_filter=False,  # every cell text, an empty one "" (never NaN)
            encoding=codering,
            chunksize=regels,
            skiprows=len(kop),
            skip_blank_lines=False,
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

    Text whose only whitespace is spaces and line ends is checked on its bytes with numpy;
    anything else with one regular expression."""
    if "\r" in tekst and tekst.count("\r") != tekst.count("\r\n"):
        return True  # a carriage return inside a field
    if scheiding == "\t":
        scheiding_vrij = tekst.replace("\t", ";")
        return _witruimte_aan_rand(scheiding_vrij, ";")
    # non-ASCII letters (Cliëntnummer) are no whitespace: only non-ASCII spaces need the regex
    zonder_vreemde_spatie = tekst.isascii() or not any(
        c.isspace() for c in set(_NIET_ASCII.findall(tekst))
    )
    gewoon = zonder_vreemde_spatie and not any(c in tekst for c in "\t\x0b\x0c\x1c\x1d\x1e\x1f")
    if gewoon:  # a space next to a separator, line end or quote, found at C speed
        tekens = np.frombuffer(tekst.encode("utf-8"), dtype=np.uint8)
        spaties = np.flatnonzero(tekens == 32)
        if not len(spaties):
            return False
        if spaties[0] == 0 or spaties[-1] == len(tekens) - 1:
            return True
        rand = np.zeros(256, dtype=bool)
        rand[[ord(scheiding), 10, 13, 34]] = True
        return bool(rand[tekens[spaties - 1]].any() or rand[tekens[spaties + 1]].any())
    spatie = r"[^\S\r\n]"  # any whitespace but a line break
    s = re.escape(scheiding)
    patroon = rf'(?:^|{s})"?{spatie}|{spatie}"?(?:{s}|\r?$)'
    return re.search(patroon, tekst, re.M) is not None


def _lees_xlsx(pad: Path, vereist: list[str], aliassen=None) -> tuple[pd.DataFrame, list[str]]:
    """The first sheet as text cells, with the header found below any title lines."""
    try:
        ruw = pd.read_excel(pad, sheet_name=0, dtype=object, engine="calamine", header=None)
    except Exception as exc:  # calamine raises several types for damaged files
        raise InvoerFout(
            "het bestand is geen leesbaar Excel-bestand (.xlsx).",
            bestand=pad,
            actie="Open het in Excel en sla het opnieuw op als .xlsx.",
        ) from exc
    if ruw.empty:
        raise InvoerFout("het bestand bevat geen gegevens.", bestand=pad)
    ruw = ruw.map(_cel_tekst)
    kop = 0
    for i in range(min(KOP_REGELS, len(ruw))):
        koppen = list(ruw.iloc[i])
        if all(kolomnamen.herkent(koppen, k, aliassen) for k in vereist):
            kop = i
            break
    titels = [" ".join(c for c in ruw.iloc[i] if c).strip() for i in range(kop)]
    df = ruw.iloc[kop + 1 :].reset_index(drop=True)
    df.columns = [c or f"kolom {j + 1}" for j, c in enumerate(ruw.iloc[kop])]
    return df, titels


def _cel_tekst(waarde) -> str:
    if waarde is None or (isinstance(waarde, float) and pd.isna(waarde)):
        return ""
    if isinstance(waarde, bool):
        return str(waarde)
    if isinstance(waarde, int | float):
        # typed numbers become Dutch text, so one parser reads typed and text cells alike
        return (str(int(waarde)) if float(waarde).is_integer() else repr(waarde)).replace(".", ",")
    return str(waarde).strip()


def verslag(*tabellen: pd.DataFrame) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What reading the tables did, for `kostprijs controleer` and the budget report's method
    and data sections: the conversions ('indicaties.csv: eenheid 01 (minuut) omgerekend naar
    uur: ÷ 60 (12 rijen)') and the findings (title and total lines, unused columns)."""
    omrekeningen = tuple(
        f"{Path(t.attrs.get('bestand', '')).name}: {r}"
        for t in tabellen
        for r in t.attrs.get("omrekeningen", ())
    )
    bevindingen = tuple(r for t in tabellen for r in t.attrs.get("bevindingen", ()))
    return omrekeningen, bevindingen
