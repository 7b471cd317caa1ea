"""Atomic output: a file appears complete or not at all."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomisch(pad: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside `pad`; on success it replaces `pad`, on error it is removed."""
    pad = Path(pad)
    pad.parent.mkdir(parents=True, exist_ok=True)
    fd, tijdelijk = tempfile.mkstemp(
        prefix=f".{pad.name}.", suffix=f".tmp{pad.suffix}", dir=pad.parent
    )
    os.close(fd)
    tijdelijk = Path(tijdelijk)
    try:
        yield tijdelijk
        os.chmod(tijdelijk, 0o644)
        os.replace(tijdelijk, pad)
    finally:
        tijdelijk.unlink(missing_ok=True)


@contextlib.contextmanager
def atomische_map(doel: str | Path) -> Iterator[Path]:
    """Yield a new empty folder beside `doel`; on success it replaces `doel` (readable by all,
    the old one removed), on error it is removed: a folder of outputs appears whole or not."""
    doel = Path(doel)
    doel.parent.mkdir(parents=True, exist_ok=True)
    nieuw = Path(tempfile.mkdtemp(prefix=f".{doel.name}.", dir=doel.parent))
    try:
        yield nieuw
        os.chmod(nieuw, 0o755)  # mkdtemp makes it the owner's only
        vervang_map(nieuw, doel)
    finally:
        shutil.rmtree(nieuw, ignore_errors=True)


def vervang_map(nieuw: Path, doel: Path) -> None:
    """Put the folder `nieuw` in the place of `doel` (the old one, if any, removed); both on
    the same file system, so `doel` is never half there."""
    oud = None
    if doel.exists():
        oud = Path(tempfile.mkdtemp(prefix=f".{doel.name}.oud.", dir=doel.parent))
        os.replace(doel, oud / doel.name)
    os.replace(nieuw, doel)
    if oud is not None:
        shutil.rmtree(oud)


def schrijf_tekst(pad: str | Path, tekst: str) -> None:
    """Write UTF-8 text atomically."""
    with atomisch(pad) as tmp:
        tmp.write_text(tekst, encoding="utf-8")


def sha256(pad: str | Path) -> str:
    """SHA-256 of a file's bytes, hex."""
    h = hashlib.sha256()
    with open(pad, "rb") as f:
        for blok in iter(lambda: f.read(1 << 20), b""):
            h.update(blok)
    return h.hexdigest()
