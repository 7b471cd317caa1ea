"""Content fingerprints of the pipeline's steps, for the Makefile: reruns keyed by content.

Make compares modification times, and those lie: a corrected workbook unpacked with its old
timestamp, a file that disappeared, a changed p. So at the start of every `make`, this script
computes per step a SHA-256 over the content of everything the step reads, and rewrites the
step's stamp file `<stappen>/<stap>.vinger` only when that fingerprint changed. The Makefile
lets each step depend on its stamp, so a step reruns exactly when something it reads changed,
whatever the timestamps, and `make -n` tells the truth.

What a step reads: files of the raw folder, the year's parameters, the recorded method, the
confidential p and the pseudonymisation key (both as an HMAC with the key, never as such; the
key also signs every step's output),
the installed package versions (requirements.lock) and its code: the transitive closure of
the `kostprijs` modules its entry module (or notebook) imports, found with `ast`, plus the
package data it uses. What each step reads is declared in `kostprijs.stappen.stappenregister`.

Standard library only: it runs with the plain `python3`, before .venv exists.

    python3 src/kostprijs/herkomst/vingerafdruk.py --jaar 2027 --raw data/raw/2027 \
        --stappen build/2027/stappen
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import hmac
import json
import sys
from dataclasses import replace
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[2]
PROJECT = SRC.parent
sys.path.insert(0, str(SRC))

from kostprijs.bestanden import catalogus  # noqa: E402
from kostprijs.bestanden.geheimen import lees_geheim  # noqa: E402
from kostprijs.stappen.stappenregister import STAPPENLIJST, Stap  # noqa: E402

SLEUTEL_VARIABELE, SLEUTEL_BESTAND = "KOSTPRIJS_SLEUTEL", PROJECT / ".kostprijs" / "sleutel"
P_VARIABELE, P_BESTAND = "KOSTPRIJS_P", PROJECT / ".kostprijs" / catalogus.DISCLOSURE_CONFIGURATIE
ALTIJD = ("kostprijs/__init__.py", "kostprijs/__main__.py", "kostprijs/cli.py")


def stappen(jaar: int) -> dict[str, Stap]:
    """The declared steps by the name of their stamp."""
    return {
        s.naam: replace(s, extra=tuple(e.format(jaar=jaar) for e in s.extra)) for s in STAPPENLIJST
    }


# --- code ----------------------------------------------------------------------------------


def _bestand(module: str) -> Path | None:
    pad = SRC.joinpath(*module.split("."))
    for kandidaat in (pad.with_suffix(".py"), pad / "__init__.py"):
        if kandidaat.exists():
            return kandidaat
    return None


@cache
def _importen_van(pad: Path) -> frozenset[str]:
    return frozenset(_importen(pad.read_text(encoding="utf-8")))


def _importen(bron: str) -> set[str]:
    """Every kostprijs module an (ast of) source imports, anywhere in it."""
    uit = set()
    for knoop in ast.walk(ast.parse(bron)):
        if isinstance(knoop, ast.Import):
            uit |= {a.name for a in knoop.names if a.name.split(".")[0] == "kostprijs"}
        elif isinstance(knoop, ast.ImportFrom) and knoop.module and knoop.level == 0:
            if knoop.module.split(".")[0] != "kostprijs":
                continue
            uit.add(knoop.module)
            uit |= {f"{knoop.module}.{a.name}" for a in knoop.names}  # submodules
    return uit


def code(modules: set[str]) -> list[Path]:
    """The files of the transitive import closure of `modules`, with their packages."""
    gezien: set[Path] = set()
    te_doen = list(modules)
    while te_doen:
        module = te_doen.pop()
        delen = module.split(".")
        for i in range(1, len(delen) + 1):
            pad = _bestand(".".join(delen[:i]))
            if pad is None or pad in gezien:
                continue
            gezien.add(pad)
            te_doen += sorted(_importen_van(pad))
    return sorted(gezien)


def notebookcode(notebook: Path) -> set[str]:
    cellen = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    bron = "\n".join("".join(c["source"]) for c in cellen if c["cell_type"] == "code")
    return _importen(bron)


# --- fingerprint ---------------------------------------------------------------------------


def _sha256(pad: Path) -> str:
    h = hashlib.sha256()
    with open(pad, "rb") as f:
        for blok in iter(lambda: f.read(1 << 20), b""):
            h.update(blok)
    return h.hexdigest()


class Hashes:
    """File hashes, remembered across runs by (size, modification time, inode): a file whose
    size, time and inode all stayed the same is read again only when they differ."""

    def __init__(self, cache: Path) -> None:
        self.pad = cache
        try:
            self.oud = json.loads(cache.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.oud = {}
        self.nieuw: dict[str, list] = {}

    def __call__(self, pad: Path) -> str:
        s = pad.stat()
        sleutel, kenmerk = str(pad.resolve()), [s.st_size, s.st_mtime_ns, s.st_ino]
        vorig = self.oud.get(sleutel)
        digest = vorig[3] if vorig and vorig[:3] == kenmerk else _sha256(pad)
        self.nieuw[sleutel] = [*kenmerk, digest]
        return digest

    def bewaar(self) -> None:
        _schrijf_als_anders(self.pad, json.dumps(self.nieuw, sort_keys=True))


def _schrijf_als_anders(pad: Path, tekst: str) -> None:
    """Write `tekst` only when the file does not already hold it (keeps its time otherwise)."""
    try:
        if pad.read_text(encoding="utf-8") == tekst:
            return
    except OSError:
        pass
    tijdelijk = pad.with_name(f".{pad.name}.tmp")
    tijdelijk.write_text(tekst, encoding="utf-8")
    tijdelijk.replace(pad)


def _geheimen() -> list[str]:
    """The key's identity and p, each as an HMAC with the key (nothing without a key)."""
    sleutel = lees_geheim(SLEUTEL_VARIABELE, SLEUTEL_BESTAND)
    if sleutel is None:
        return ["sleutel: geen"]
    try:
        k = bytes.fromhex(sleutel.tekst.strip())
    except ValueError:
        return ["sleutel: onleesbaar"]
    p = lees_geheim(P_VARIABELE, P_BESTAND)
    regels = ["sleutel " + hmac.new(k, b"kostprijs:sleutel", hashlib.sha256).hexdigest()]
    if p is not None:
        regels.append("p " + hmac.new(k, p.tekst.encode("utf-8"), hashlib.sha256).hexdigest())
    return regels


def vingerafdruk(stap: Stap, jaar: int, raw: Path, hashes: Hashes) -> str:
    """The fingerprint of one step: SHA-256 over a sorted listing of what it reads."""
    regels = []
    modules = set(stap.code)
    for naam in stap.notebooks:
        nb = PROJECT / "notebooks" / f"{naam}.ipynb"
        regels.append(f"notebook {naam} {hashes(nb)}")
        modules |= notebookcode(nb)
    paden = set(code(modules)) | {SRC / a for a in ALTIJD if (SRC / a).exists()}
    for data in stap.data:
        paden |= {p for p in (SRC / "kostprijs" / data).rglob("*") if p.is_file()}
    regels += [f"code {p.relative_to(SRC).as_posix()} {hashes(p)}" for p in sorted(paden)]
    for patroon in stap.raw:
        for p in sorted(raw.glob(patroon)):
            if p.is_file():
                regels.append(f"raw {p.relative_to(raw).as_posix()} {hashes(p)}")
    for naam in stap.extra:
        p = PROJECT / naam
        regels.append(f"bestand {naam} {hashes(p) if p.exists() else 'ontbreekt'}")
    if stap.methode:
        p = PROJECT / "params" / f"{jaar}{catalogus.METHODE}"
        regels.append(f"methode {hashes(p) if p.exists() else 'ontbreekt'}")
    if stap.geheim or stap.sleutel:
        regels += _geheimen() if stap.geheim else _geheimen()[:1]
    regels.append(f"raw-map {raw.resolve()}")
    return hashlib.sha256("\n".join(sorted(set(regels))).encode("utf-8")).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jaar", type=int, required=True)
    parser.add_argument("--raw", required=True)
    parser.add_argument(
        "--stappen", required=True, help="map voor de stempels (build/<jaar>/stappen)"
    )
    args = parser.parse_args(argv)
    raw = (PROJECT / args.raw) if not Path(args.raw).is_absolute() else Path(args.raw)
    map_ = Path(args.stappen)
    map_.mkdir(parents=True, exist_ok=True)
    hashes = Hashes(map_ / catalogus.HASHES)
    for naam, stap in stappen(args.jaar).items():
        _schrijf_als_anders(
            map_ / f"{naam}.vinger", vingerafdruk(stap, args.jaar, raw, hashes) + "\n"
        )
    hashes.bewaar()
    return 0


if __name__ == "__main__":
    sys.exit(main())
