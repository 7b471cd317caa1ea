"""Pseudonymised client identifiers: HMAC-SHA256 with a local key.

A plain hash of a BSN is reversed by brute force in about a minute; a keyed hash is not,
as long as the key stays secret. The key (hex) comes from the environment variable
KOSTPRIJS_SLEUTEL, else from `.kostprijs/sleutel` (git-ignored), made by `kostprijs sleutel`.
The same key always gives the same pseudonym, so indicaties and realisatie still join;
a new key gives new pseudonyms.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import tempfile
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from kostprijs.bestanden.geheimen import lees_geheim
from kostprijs.fouten import ConfiguratieFout
from kostprijs.paden import PROJECT

OMGEVINGSVARIABELE = "KOSTPRIJS_SLEUTEL"
SLEUTELBESTAND = PROJECT / ".kostprijs" / "sleutel"
SLEUTEL_BYTES = 32
MINIMUM_BYTES = 16
VOORVOEGSEL = "P-"
LENGTE = 16  # hex characters of the HMAC kept: 64 bits


def _uit_hex(tekst: str, bron: str) -> bytes:
    try:
        sleutel = bytes.fromhex(tekst.strip())
    except ValueError:
        raise ConfiguratieFout(
            f"De sleutel in {bron} is geen hexadecimale tekst. Maak een nieuwe met "
            "`kostprijs sleutel` (of `make report`)."
        ) from None
    if len(sleutel) < MINIMUM_BYTES:
        raise ConfiguratieFout(
            f"De sleutel in {bron} is te kort ({len(sleutel)} bytes); gebruik minstens "
            f"{MINIMUM_BYTES} bytes, bijvoorbeeld een sleutel van `kostprijs sleutel`."
        )
    return sleutel


def lees_sleutel(pad: Path | None = None, omgeving: Mapping[str, str] | None = None) -> bytes:
    """The pseudonymisation key: environment variable, else the local key file."""
    pad = SLEUTELBESTAND if pad is None else Path(pad)
    geheim = lees_geheim(OMGEVINGSVARIABELE, pad, omgeving)
    if geheim is not None:
        return _uit_hex(geheim.tekst, geheim.bron)
    raise ConfiguratieFout(
        "Er is geen sleutel om cliëntnummers te pseudonimiseren. Maak er één met "
        f"`kostprijs sleutel` (schrijft {pad}) of zet de omgevingsvariabele "
        f"{OMGEVINGSVARIABELE} (hexadecimaal). Gebruik elk jaar dezelfde sleutel."
    )


def maak_sleutel(pad: Path | None = None) -> Path:
    """Write a new random key file (mode 0600); never overwrites an existing one."""
    pad = SLEUTELBESTAND if pad is None else Path(pad)
    if pad.exists():
        raise ConfiguratieFout(
            f"Er staat al een sleutel in {pad}; die wordt nooit overschreven (andere sleutel = "
            "andere pseudoniemen). Verwijder hem alleen als u zeker weet dat niemand hem nodig heeft."
        )
    pad.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tijdelijk = tempfile.mkstemp(prefix=".sleutel.", dir=pad.parent)  # mode 0600
    try:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_hex(SLEUTEL_BYTES) + "\n")
        os.link(tijdelijk, pad)  # fails when pad appeared meanwhile: no overwrite, no race
    except FileExistsError:
        raise ConfiguratieFout(f"Er staat al een sleutel in {pad}; die blijft staan.") from None
    finally:
        os.unlink(tijdelijk)
    return pad


def pseudoniem(waarde: str, sleutel: bytes) -> str:
    """'P-' + the first LENGTE hex characters of HMAC-SHA256(key, identifier as UTF-8)."""
    digest = hmac.new(sleutel, str(waarde).encode("utf-8"), hashlib.sha256).hexdigest()
    return VOORVOEGSEL + digest[:LENGTE]


def pseudonimiseer(ids: pd.Series, sleutel: bytes | None = None) -> pd.Series:
    """Pseudonyms for a Series of identifiers: each distinct value hashed once."""
    sleutel = lees_sleutel() if sleutel is None else sleutel
    if ids.isna().any():
        raise ValueError("missing identifiers cannot be pseudonymised")
    codes, uniek = pd.factorize(ids, sort=False)
    # HMAC(k, m) = H((k ^ opad) + H((k ^ ipad) + m)): both keyed states are hashed once and
    # copied per identifier (a million identifiers in half the time of hmac.new each)
    blok = hashlib.sha256().block_size
    k = (hashlib.sha256(sleutel).digest() if len(sleutel) > blok else sleutel).ljust(blok, b"\0")
    binnen = hashlib.sha256(bytes(b ^ 0x36 for b in k))
    buiten = hashlib.sha256(bytes(b ^ 0x5C for b in k))

    def een(waarde) -> str:
        h = binnen.copy()
        h.update(str(waarde).encode("utf-8"))
        o = buiten.copy()
        o.update(h.digest())
        return VOORVOEGSEL + o.hexdigest()[:LENGTE]

    namen = np.asarray([een(w) for w in uniek], dtype=object)
    return pd.Series(namen[codes], index=ids.index, name=ids.name)
