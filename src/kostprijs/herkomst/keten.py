"""The provenance chain: raw data -> ingestion -> cost prices -> budget impact and result
tariffs -> report.

Every processing step records, in `<processed>/herkomst/<stap>.json`, the SHA-256 of each
input it read and each output it wrote. Before a report is rendered, `controleer_keten`
checks that the processed data it shows were computed from exactly the inputs in the run
manifest: the same raw files (none added, removed or changed), the same parameters, each
step's inputs being the previous step's outputs, and no output changed since. If not, it
refuses with a Dutch message rather than show figures that belong to other inputs.

Each record is signed with an HMAC-SHA256 (`kostprijs.bestanden.verwerkt`, a key derived from
the project key), so the hashes it lists can be trusted: a record that was changed, or written
without the key, is refused, and so is any file in the processed folder that no step recorded
(a planted pickle, a file from another run).

Inputs are named by where they come from: `raw/<path in the raw folder>`,
`processed/<file>` or `params/<file>`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from kostprijs.bestanden.atomisch import schrijf_tekst, sha256
from kostprijs.bestanden.verwerkt import HANDTEKENING, klopt, lees_record, mac
from kostprijs.fouten import VerouderdeGegevens
from kostprijs.stappen.stappenregister import PROCESSED, STAPPENLIJST

MAP = "herkomst"
HMAC = "hmac_sha256"
# the steps that write to the processed folder record their provenance there, in order; each
# reads the outputs before it
STAPPEN = tuple(s.naam for s in STAPPENLIJST if s.doel.startswith(PROCESSED))


def vastleggen(
    processed: Path,
    stap: str,
    invoer: Mapping[str, Path],
    uitvoer: Iterable[Path],
    sleutel: bytes | None = None,
) -> Path:
    """Record, signed, what step `stap` read (name -> file) and wrote (files in `processed`)."""
    processed = Path(processed)
    record = {
        "stap": stap,
        "invoer": {naam: sha256(pad) for naam, pad in sorted(invoer.items())},
        "uitvoer": {
            f"processed/{Path(p).relative_to(processed).as_posix()}": sha256(p)
            for p in sorted(map(Path, uitvoer))
        },
    }
    record[HMAC] = mac(record, sleutel)
    pad = processed / MAP / f"{stap}.json"
    schrijf_tekst(pad, json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    return pad


def leg_stap_vast(
    parameters: Path,
    raw: Path,
    processed: Path,
    stap: str,
    uitvoer: Iterable[Path],
    ruw: Iterable[str | Path],
    verwerkt: Iterable[str],
) -> Path:
    """`vastleggen` for a step that read the files `ruw` (names in `raw`, or absolute paths),
    the processed files `verwerkt` (names in `processed`) and the parameter file."""
    invoer = raw_invoer(raw, [Path(raw) / naam for naam in ruw])
    invoer |= {f"processed/{naam}": Path(processed) / naam for naam in verwerkt}
    invoer[f"params/{Path(parameters).name}"] = Path(parameters)
    return vastleggen(processed, stap, invoer, uitvoer)


def raw_invoer(raw: Path, paden: Iterable[Path]) -> dict[str, Path]:
    """Raw files by their name in a record: 'raw/<path in the raw folder>'."""
    raw = Path(raw)
    return {f"raw/{Path(p).relative_to(raw).as_posix()}": Path(p) for p in paden}


OPNIEUW = "Draai `make report` opnieuw; dat berekent wat verouderd is opnieuw."


def _weiger(wat: str, actie: str = OPNIEUW) -> VerouderdeGegevens:
    return VerouderdeGegevens(
        f"De verwerkte gegevens horen niet bij de invoer van deze run: {wat}. Het rapport "
        f"wordt niet gemaakt, want het zou cijfers tonen die bij andere invoer horen. {actie}"
    )


def _wis(processed: Path) -> str:
    return (
        f"Verwijder de map {processed} en draai `make report` opnieuw; dat maakt alle "
        "verwerkte gegevens opnieuw uit de ruwe gegevens."
    )


def lees_stap(processed: Path, stap: str, sleutel: bytes | None = None) -> dict | None:
    """The record of step `stap` (None: not recorded), after checking its signature."""
    pad = Path(processed) / MAP / f"{stap}.json"
    if not pad.exists():
        return None
    try:
        record = json.loads(pad.read_text(encoding="utf-8"))
        handtekening = record.pop(HMAC)
    except (ValueError, KeyError, TypeError, AttributeError):
        record, handtekening = {}, None
    if not klopt(record, handtekening, sleutel):
        raise _weiger(
            f"{MAP}/{pad.name} is niet ondertekend met de sleutel van dit project, of gewijzigd "
            "nadat de stap het schreef",
            _wis(Path(processed)),
        )
    return record


def controleer_keten(processed: Path, manifest: Mapping, raw_map: Path | None = None) -> None:
    """VerouderdeGegevens unless every record fits the manifest and the files as they are;
    with `raw_map`, also the raw folder itself must still be what the manifest recorded."""
    processed = Path(processed)
    raw = manifest["invoer"]["raw"]
    if raw_map is not None:
        nu = {p.relative_to(raw_map).as_posix(): p for p in Path(raw_map).rglob("*") if p.is_file()}
        if set(nu) != set(raw):
            raise _weiger("er zijn ruwe bestanden bijgekomen of verdwenen sinds het runmanifest")
        for naam, pad in nu.items():
            if sha256(pad) != raw[naam]:
                raise _weiger(f"{naam} is gewijzigd sinds het runmanifest")
    parameters = manifest["invoer"]["parameters"]
    geschreven: dict[str, str] = {}
    for stap in STAPPEN:
        record = lees_stap(processed, stap)
        if record is None:
            raise _weiger(f"van de stap '{stap}' is niet vastgelegd wat zij las en schreef")
        for naam, digest in record["invoer"].items():
            soort, _, rest = naam.partition("/")
            if soort == "raw" and raw.get(rest) != digest:
                reden = "ontbreekt nu" if rest not in raw else "is gewijzigd"
                raise _weiger(f"{rest} {reden} sinds de stap '{stap}'")
            if (
                soort == "params"
                and rest == parameters["bestand"]
                and (digest != parameters["sha256"])
            ):
                raise _weiger(f"de parameters ({rest}) zijn gewijzigd sinds de stap '{stap}'")
            if soort == "processed" and geschreven.get(naam, digest) != digest:
                raise _weiger(f"{rest} is gewijzigd tussen de stappen")
        if stap == "inlezen":
            gelezen = {n[4:] for n in record["invoer"] if n.startswith("raw/aanbieders/")}
            nu = {n for n in raw if n.startswith("aanbieders/")}
            if gelezen != nu:
                verschil = sorted(gelezen ^ nu)
                raise _weiger(
                    f"de werkmappen van de aanbieders zijn veranderd sinds het inlezen "
                    f"({len(verschil)} bestand(en) toegevoegd of verwijderd)"
                )
        for naam, digest in record["uitvoer"].items():
            bestand = processed / naam.partition("/")[2]
            if not bestand.exists():
                raise _weiger(f"{naam.partition('/')[2]} ontbreekt", _wis(processed))
            if sha256(bestand) != digest:
                raise _weiger(
                    f"{naam.partition('/')[2]} is gewijzigd nadat de stap '{stap}' het schreef",
                    _wis(processed),
                )
            geschreven[naam] = digest
    vastgelegd = {n.partition("/")[2] for n in geschreven} | {f"{MAP}/{s}.json" for s in STAPPEN}
    for pad in sorted(processed.rglob("*")):
        naam = pad.relative_to(processed).as_posix()
        if not pad.is_dir() and naam not in vastgelegd:
            raise _weiger(
                f"{naam} staat in de map met verwerkte gegevens, maar geen stap heeft het "
                "geschreven; het wordt nooit gelezen",
                f"Verwijder {pad} (en zoek uit hoe het daar kwam) en draai `make report` opnieuw.",
            )


def lees_stapuitvoer(processed: Path, stap: str, naam: str, schema, wat: str, opdracht: str):
    """The fields of the signed record `naam` that step `stap` wrote (`schema`: its fields),
    or None when the step has not run for this folder. VerouderdeGegevens when the record is
    not the one the step wrote and signed; the message names `wat` and `kostprijs <opdracht>`."""
    processed = Path(processed)
    map_ = processed / naam
    record = lees_stap(processed, stap)
    if not map_.exists():  # the step has not written it (or the folder was removed)
        return None
    actie = (
        f"Verwijder de map {map_} en draai `make report` opnieuw (of `kostprijs {opdracht}`); "
        f"dat berekent {wat} opnieuw."
    )
    velden = lees_record(processed, naam, schema, actie)
    vastgelegd = (record or {}).get("uitvoer", {}).get(f"processed/{naam}/{HANDTEKENING}")
    if vastgelegd != sha256(map_ / HANDTEKENING):
        raise VerouderdeGegevens(
            f"{map_}: deze gegevens zijn niet wat de stap '{stap}' als laatste schreef (een map "
            f"uit een andere run?). Het wordt niet gelezen. {actie}"
        )
    return velden
