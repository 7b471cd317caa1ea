"""Processed results on disk: open formats, a declared schema and a keyed signature.

Nothing in the processed folder is executable: a result is a record, a folder with

    velden.json         the scalar fields as typed canonical JSON, and per table its columns
    <veld>.parquet      one Parquet file per table (pyarrow), read back with a schema check
    handtekening.json   the SHA-256 of each file above and an HMAC-SHA256 over that list

The HMAC's key is derived from the project key (`kostprijs sleutel`, KOSTPRIJS_SLEUTEL), so
only someone holding the key can write a record that is read. A record is read only when its
signature holds, no file is missing or added, every field has the type the reader declares
and every table the columns its record lists; otherwise VerouderdeGegevens says which file
and what to do. Values come back exactly: cents as integers, Decimals as their text, shares
(Fractions) as "teller/noemer", dates in ISO form, categorical columns with their categories.

Inspect a table with `.venv/bin/python -c "import pandas; print(pandas.read_parquet(PAD))"`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.atomisch import atomische_map, sha256
from kostprijs.bestanden.canoniek import canoniek
from kostprijs.fouten import VerouderdeGegevens
from kostprijs.herkomst.pseudoniem import lees_sleutel

VELDEN, HANDTEKENING = catalogus.VELDEN, catalogus.HANDTEKENING
VERSIE = 1

# field types of a record's schema; "?" after a type: the field may be None
WAAR, GEHEEL, DECIMAAL, GETAL, TEKST, DATUM = (
    "waar",
    "geheel",
    "decimaal",
    "getal",
    "tekst",
    "datum",
)
TEKSTEN, GEHEEL_PER_TEKST, TEKST_PER_TEKST, TABEL = (
    "teksten",
    "geheel per tekst",
    "tekst per tekst",
    "tabel",
)

Schema = Mapping[str, str]


def mac_sleutel(sleutel: bytes | None = None) -> bytes:
    """The signing key: derived from the project key, never the project key itself."""
    sleutel = lees_sleutel() if sleutel is None else sleutel
    return hmac.new(sleutel, b"kostprijs:verwerkte gegevens", hashlib.sha256).digest()


def mac(inhoud, sleutel: bytes | None = None) -> str:
    """HMAC-SHA256 (hex) of the canonical JSON of `inhoud` with the signing key."""
    tekst = canoniek(inhoud).encode("utf-8")
    return hmac.new(mac_sleutel(sleutel), tekst, hashlib.sha256).hexdigest()


def klopt(inhoud, handtekening: object, sleutel: bytes | None = None) -> bool:
    """Whether `handtekening` is the HMAC of `inhoud` (compared in constant time)."""
    return isinstance(handtekening, str) and hmac.compare_digest(mac(inhoud, sleutel), handtekening)


# --- scalar fields -------------------------------------------------------------------------


def _is_geheel(w) -> bool:
    return isinstance(w, int | np.integer) and not isinstance(w, bool | np.bool_)


def _paren(paren: list) -> dict:
    uit = dict(paren)
    if len(uit) != len(paren):
        raise ValueError("a key occurs twice")
    return uit


_SCALAIR: dict[str, tuple[Callable[[object], bool], Callable, Callable]] = {
    # type: (accepts a value, to JSON, from JSON)
    WAAR: (lambda w: isinstance(w, bool | np.bool_), bool, bool),
    GEHEEL: (_is_geheel, int, int),
    DECIMAAL: (lambda w: isinstance(w, Decimal) and w.is_finite(), str, Decimal),
    GETAL: (lambda w: isinstance(w, float | np.floating), lambda w: repr(float(w)), float),
    TEKST: (lambda w: isinstance(w, str), str, str),
    DATUM: (
        lambda w: isinstance(w, dt.date) and not isinstance(w, dt.datetime),
        dt.date.isoformat,
        dt.date.fromisoformat,
    ),
    TEKSTEN: (
        lambda w: isinstance(w, list | tuple) and all(isinstance(x, str) for x in w),
        list,
        list,
    ),
    GEHEEL_PER_TEKST: (
        lambda w: (
            isinstance(w, Mapping)
            and all(isinstance(k, str) and _is_geheel(v) for k, v in w.items())
        ),
        lambda w: [[k, int(v)] for k, v in w.items()],  # pairs: the order is kept
        _paren,
    ),
    TEKST_PER_TEKST: (
        lambda w: (
            isinstance(w, Mapping)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in w.items())
        ),
        lambda w: [[k, v] for k, v in w.items()],
        _paren,
    ),
}
_JSON = {  # the JSON type each scalar type is stored as
    WAAR: bool,
    GEHEEL: int,
    DECIMAAL: str,
    GETAL: str,
    TEKST: str,
    DATUM: str,
    TEKSTEN: list,
    GEHEEL_PER_TEKST: list,
    TEKST_PER_TEKST: list,
}


def _basis(soort: str) -> tuple[str, bool]:
    """The type without '?', and whether None is allowed."""
    return soort.removesuffix("?"), soort.endswith("?")


# --- table columns -------------------------------------------------------------------------
# Object columns hold one Python type each (None allowed); each is stored as an Arrow type
# and read back by a fixed conversion, never by naming a class in the file.


def _lijst_geheel(w) -> bool:
    return isinstance(w, list | tuple) and all(_is_geheel(x) for x in w)


_OBJECTKOLOM: dict[str, tuple[Callable[[object], bool], pa.DataType, Callable, Callable]] = {
    # type: (accepts a value, Arrow type, to Arrow, from Arrow); first match wins
    "tekst": (lambda w: isinstance(w, str), pa.string(), None, None),
    "geheel": (_is_geheel, pa.int64(), int, int),
    "waar": (lambda w: isinstance(w, bool | np.bool_), pa.bool_(), bool, bool),
    "getal": (lambda w: isinstance(w, float | np.floating), pa.float64(), float, float),
    "decimaal": (
        lambda w: isinstance(w, Decimal) and w.is_finite(),
        pa.string(),
        str,
        Decimal,
    ),
    "breuk": (lambda w: isinstance(w, Fraction), pa.string(), str, Fraction),
    "datum": (
        lambda w: isinstance(w, dt.date) and not isinstance(w, dt.datetime),
        pa.date32(),
        None,
        None,
    ),
    "lijst geheel": (
        _lijst_geheel,
        pa.list_(pa.int64()),
        lambda w: [int(x) for x in w],
        lambda w: [int(x) for x in w],
    ),
}


def _objectsoort(kolom: pd.Series) -> str:
    # text only (the common case, millions of cells at national scale) is recognised at C
    # speed; pandas counts None, NaN and NaT alike as missing, so those go the slow way
    if pd.api.types.infer_dtype(kolom, skipna=True) == "string" and not kolom.isna().any():
        return "tekst"
    waarden = [w for w in kolom.tolist() if w is not None]
    if not waarden:
        return "leeg"
    for soort, (past, *_) in _OBJECTKOLOM.items():
        if all(past(w) for w in waarden):
            return soort
    soorten = sorted({type(w).__name__ for w in waarden})
    raise TypeError(f"column {kolom.name!r} mixes or holds unsupported types: {soorten}")


def _kolom_naar_arrow(kolom: pd.Series) -> tuple[dict, pa.Array]:
    """The column's description for velden.json and its Arrow array."""
    dtype = kolom.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        categorieen = dtype.categories.tolist()
        if not all(isinstance(c, str) for c in categorieen):
            raise TypeError(f"column {kolom.name!r}: only text categories are stored")
        beschrijving = {"soort": "categorie", "categorieen": categorieen, "geordend": dtype.ordered}
        return beschrijving, pa.array(kolom.array)
    if isinstance(dtype, np.dtype) and dtype.kind in "iufbM":
        return {"soort": f"numpy {dtype.name}"}, pa.array(kolom.to_numpy())
    if not pd.api.types.is_object_dtype(dtype):
        raise TypeError(f"column {kolom.name!r}: dtype {dtype} is not stored")
    soort = _objectsoort(kolom)
    if soort == "leeg":
        return {"soort": soort}, pa.nulls(len(kolom))
    _, arrowtype, naar, _ = _OBJECTKOLOM[soort]
    if soort == "tekst":
        return {"soort": soort}, pa.array(kolom.to_numpy(), type=arrowtype, from_pandas=False)
    waarden = kolom.tolist()
    if naar is not None:  # text and dates go to Arrow as they are
        waarden = [None if w is None else naar(w) for w in waarden]
    return {"soort": soort}, pa.array(waarden, type=arrowtype)


def _arrowtype(beschrijving: Mapping) -> pa.DataType | None:
    """The Arrow type a described column must have (None: a dictionary of text)."""
    soort = beschrijving["soort"]
    if soort == "categorie":
        return None
    if soort == "leeg":
        return pa.null()
    if soort.startswith("numpy "):
        dtype = np.dtype(soort.removeprefix("numpy "))
        if dtype.kind not in "iufbM":
            raise ValueError(f"column {beschrijving['naam']}: {soort}")
        return pa.from_numpy_dtype(dtype)
    return _OBJECTKOLOM[soort][1]


def _kolom_uit_arrow(beschrijving: Mapping, kolom: pa.ChunkedArray, naam: str) -> pd.Series:
    soort = beschrijving["soort"]
    if soort == "categorie":
        waarden = kolom.to_pandas()
        dtype = pd.CategoricalDtype(beschrijving["categorieen"], ordered=beschrijving["geordend"])
        uit = pd.Series(pd.Categorical(waarden, dtype=dtype), name=naam)
        if int(uit.isna().sum()) != int(waarden.isna().sum()):
            raise ValueError(f"column {naam}: a value outside its categories")
        return uit
    if soort.startswith("numpy ") or soort in ("datum", "tekst"):  # as Arrow converts them
        return kolom.to_pandas().rename(naam)
    if soort == "leeg":
        return pd.Series([None] * len(kolom), dtype=object, name=naam)
    terug = _OBJECTKOLOM[soort][3]
    waarden = [None if w is None else terug(w) for w in kolom.to_pylist()]
    return pd.Series(waarden, dtype=object, name=naam)


def _tabel_naar_parquet(df: pd.DataFrame, pad: Path, veld: str) -> dict:
    if not isinstance(df.index, pd.RangeIndex) or df.index.start != 0 or df.index.step != 1:
        raise TypeError(f"table {veld!r}: only a default RangeIndex is stored")
    namen = list(df.columns)
    if not all(isinstance(n, str) for n in namen) or len(set(namen)) != len(namen):
        raise TypeError(f"table {veld!r}: column names must be distinct texts")
    if df.attrs:
        raise TypeError(f"table {veld!r}: attrs are not stored")
    kolommen, arrays = [], []
    for i, naam in enumerate(namen):
        beschrijving, array = _kolom_naar_arrow(df.iloc[:, i])
        kolommen.append({"naam": naam, **beschrijving})
        arrays.append(array)
    pq.write_table(pa.table(arrays, names=namen) if namen else pa.table({}), pad)
    return {"soort": TABEL, "bestand": pad.name, "rijen": len(df), "kolommen": kolommen}


def _tabel_uit_parquet(pad: Path, beschrijving: Mapping) -> pd.DataFrame:
    bestand = pq.ParquetFile(pad)
    schema = bestand.schema_arrow
    kolommen = beschrijving["kolommen"]
    namen = [k["naam"] for k in kolommen]
    rijen = beschrijving["rijen"] if namen else 0  # a table without columns keeps no rows
    if schema.names != namen or bestand.metadata.num_rows != rijen:
        raise ValueError("columns or rows differ from velden.json")
    for k, veld in zip(kolommen, schema, strict=True):
        verwacht = _arrowtype(k)
        if verwacht is None:
            if not pa.types.is_dictionary(veld.type) or veld.type.value_type != pa.string():
                raise ValueError(f"column {k['naam']}: {veld.type}, expected a text dictionary")
        elif veld.type != verwacht:
            raise ValueError(f"column {k['naam']}: {veld.type}, expected {verwacht}")
    # one column at a time: only one column is ever held twice (Arrow and pandas), which at
    # millions of lines is the difference between the table's size and twice that
    delen = {}
    for k in kolommen:
        kolom = bestand.read(columns=[k["naam"]]).column(0)
        delen[k["naam"]] = _kolom_uit_arrow(k, kolom, k["naam"])
        del kolom
    return pd.DataFrame(delen, index=pd.RangeIndex(beschrijving["rijen"]), copy=False)


# --- records -------------------------------------------------------------------------------


def _weiger(pad: Path, wat: str, actie: str) -> VerouderdeGegevens:
    return VerouderdeGegevens(
        f"{pad}: {wat} Het bestand wordt niet gelezen: verwerkte gegevens worden alleen "
        f"gebruikt zoals een stap van deze pijplijn ze schreef en ondertekende. {actie}"
    )


def onderteken(map_: Path, namen: Iterable[str], sleutel: bytes | None = None) -> dict:
    """The signature of files in `map_`: each file's SHA-256 and an HMAC over that list."""
    bestanden = {naam: sha256(Path(map_) / naam) for naam in sorted(namen)}
    return {"bestanden": bestanden, "hmac_sha256": mac({"bestanden": bestanden}, sleutel)}


def schrijf_record(
    map_: Path,
    naam: str,
    schema: Schema,
    velden: Mapping[str, object] | None,
    sleutel: bytes | None = None,
) -> list[Path]:
    """Write the record `naam` (a folder in `map_`) with `velden` of the given schema, or an
    empty record for None; all or nothing. Returns the files written."""
    map_ = Path(map_)
    map_.mkdir(parents=True, exist_ok=True)
    sleutel = lees_sleutel() if sleutel is None else sleutel
    with atomische_map(map_ / naam) as tmp:
        inhoud = {"record": naam, "versie": VERSIE, "leeg": velden is None, "velden": {}}
        if velden is not None:
            if set(velden) != set(schema):
                raise TypeError(f"record {naam}: fields {sorted(set(velden) ^ set(schema))}")
            for veld, soort in sorted(schema.items()):
                inhoud["velden"][veld] = _veld_naar(tmp, veld, soort, velden[veld])
        (tmp / VELDEN).write_text(canoniek(inhoud) + "\n", encoding="utf-8")
        namen = sorted(p.name for p in tmp.iterdir())
        handtekening = onderteken(tmp, namen, sleutel)
        (tmp / HANDTEKENING).write_text(canoniek(handtekening) + "\n", encoding="utf-8")
        for p in tmp.iterdir():
            os.chmod(p, 0o644)
    return [map_ / naam / n for n in [*namen, HANDTEKENING]]


def _veld_naar(map_: Path, veld: str, soort: str, waarde) -> dict:
    basis, leeg_mag = _basis(soort)
    if waarde is None:
        if not leeg_mag:
            raise TypeError(f"field {veld!r} ({soort}) is None")
        return {"soort": soort, "waarde": None}
    if basis == TABEL:
        if not isinstance(waarde, pd.DataFrame):
            raise TypeError(f"field {veld!r} is not a table")
        return {**_tabel_naar_parquet(waarde, map_ / f"{veld}.parquet", veld), "soort": soort}
    past, naar, _ = _SCALAIR[basis]
    if not past(waarde):
        raise TypeError(f"field {veld!r}: {type(waarde).__name__} is not {soort}")
    return {"soort": soort, "waarde": naar(waarde)}


def _veld_uit(map_: Path, veld: str, soort: str, opgeslagen: Mapping):
    basis, leeg_mag = _basis(soort)
    if opgeslagen.get("soort") != soort:
        raise ValueError(f"field {veld}: type {opgeslagen.get('soort')}, expected {soort}")
    if basis == TABEL and "bestand" in opgeslagen:
        if opgeslagen["bestand"] != f"{veld}.parquet":
            raise ValueError(f"field {veld}: file {opgeslagen['bestand']}")
        return _tabel_uit_parquet(map_ / opgeslagen["bestand"], opgeslagen)
    waarde = opgeslagen["waarde"]
    if waarde is None:
        if not leeg_mag:
            raise ValueError(f"field {veld} is empty")
        return None
    if basis == TABEL:
        raise ValueError(f"field {veld}: a table without its file")
    json_type = _JSON[basis]
    if not isinstance(waarde, json_type) or (json_type is int and isinstance(waarde, bool)):
        raise ValueError(f"field {veld}: {type(waarde).__name__} is not {soort}")
    uit = _SCALAIR[basis][2](waarde)
    if not _SCALAIR[basis][0](uit):
        raise ValueError(f"field {veld}: not {soort}")
    return uit


def controleer_handtekening(map_: Path, actie: str, sleutel: bytes | None = None) -> dict[str, str]:
    """The files of the signed folder `map_` with their SHA-256, after checking the signature,
    the set of files and each file's hash; VerouderdeGegevens naming the file otherwise."""
    map_ = Path(map_)
    pad = map_ / HANDTEKENING
    if not pad.is_file():
        raise _weiger(pad, "de handtekening ontbreekt.", actie)
    try:
        handtekening = json.loads(pad.read_text(encoding="utf-8"))
        bestanden = handtekening["bestanden"]
        if not isinstance(bestanden, dict):
            raise ValueError
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise _weiger(pad, "de handtekening is onleesbaar.", actie) from None
    if not klopt({"bestanden": bestanden}, handtekening.get("hmac_sha256"), sleutel):
        raise _weiger(
            pad,
            "de handtekening klopt niet met de sleutel van dit project: de map is niet door "
            "deze pijplijn geschreven, met een andere sleutel, of de handtekening is gewijzigd.",
            actie,
        )
    aanwezig = {p.name for p in map_.iterdir()} - {HANDTEKENING}
    for naam in sorted(aanwezig - set(bestanden)):
        raise _weiger(map_ / naam, "dit bestand hoort niet bij de ondertekende gegevens.", actie)
    for naam in sorted(set(bestanden) - aanwezig):
        raise _weiger(map_ / naam, "dit ondertekende bestand ontbreekt.", actie)
    for naam, digest in sorted(bestanden.items()):
        if not (map_ / naam).is_file() or sha256(map_ / naam) != digest:
            raise _weiger(
                map_ / naam, "dit bestand is gewijzigd nadat het werd ondertekend.", actie
            )
    return bestanden


def lees_record(
    map_: Path, naam: str, schema: Schema, actie: str, sleutel: bytes | None = None
) -> dict[str, object] | None:
    """The fields of the record `naam` in `map_` (None: an empty record), after checking its
    signature and that every field has the type `schema` declares. `actie`: what to do when
    it is refused (Dutch)."""
    map_ = Path(map_) / naam
    sleutel = lees_sleutel() if sleutel is None else sleutel
    controleer_handtekening(map_, actie, sleutel)
    pad = map_ / VELDEN
    try:
        inhoud = json.loads(pad.read_text(encoding="utf-8"))
        if (inhoud["record"], inhoud["versie"]) != (naam, VERSIE):
            raise ValueError(f"record {inhoud['record']} version {inhoud['versie']}")
        if inhoud["leeg"]:
            return None
        opgeslagen = inhoud["velden"]
        if set(opgeslagen) != set(schema):
            raise ValueError(f"fields {sorted(set(opgeslagen) ^ set(schema))}")
        return {
            veld: _veld_uit(map_, veld, soort, opgeslagen[veld]) for veld, soort in schema.items()
        }
    except (ValueError, ArithmeticError, KeyError, TypeError, pa.ArrowException) as exc:
        raise _weiger(
            pad,
            f"de gegevens hebben niet de vorm die deze versie van kostprijs verwacht ({exc}).",
            actie,
        ) from None
