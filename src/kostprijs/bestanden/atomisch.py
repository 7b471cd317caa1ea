"""Atomic output: a file appears complete or not at all."""

from __future__ import annotations

import contextlib
import hashlib
import os
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
