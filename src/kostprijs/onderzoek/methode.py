"""The cost-price method as declared in the parameters, recorded before the submissions.

A reële prijs is normative, and the statistic must be chosen before the data are seen: tariffs
were annulled when a weighted mean was swapped for the median after the results came in
(CBb 14-7-2016, ECLI:NL:CBB:2016:180). `kostprijs vastleggen` records the declaration with its
SHA-256 before ingestion; every report says when the method was (or may have been) changed
after submissions existed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.atomisch import schrijf_tekst
from kostprijs.bestanden.canoniek import canoniek
from kostprijs.bestanden.csvbestand import lees_tabel
from kostprijs.fouten import InvoerFout
from kostprijs.opmaak import datum
from kostprijs.parameters import Kostprijsparameters

METHODE_NAMEN = {
    "gemiddelde": "gemiddelde",
    "gewogen_gemiddelde": "gewogen gemiddelde (naar geleverd volume)",
    "mediaan": "mediaan",
    "getrimd_gemiddelde": "getrimd gemiddelde",
}


@dataclass(frozen=True)
class Declaratie:
    """The method as declared in the parameters, with its date."""

    aggregatie: str
    trim_aandeel: Decimal
    opslag: str
    declaratiedatum: date | None

    @classmethod
    def uit_parameters(cls, params: Kostprijsparameters) -> Declaratie:
        return cls(params.aggregatie, params.trim_aandeel, params.opslag, params.declaratiedatum)

    def canoniek(self) -> str:
        """Sorted-key JSON without spaces; numbers as plain normalised text ('0.1')."""
        inhoud = {
            "aggregatie": self.aggregatie,
            "declaratiedatum": self.declaratiedatum.isoformat() if self.declaratiedatum else None,
            "opslag": self.opslag,
            "trim_aandeel": format(self.trim_aandeel.normalize(), "f"),
        }
        return canoniek(inhoud)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.canoniek().encode("utf-8")).hexdigest()

    @property
    def omschrijving(self) -> str:
        """Dutch one-liner for reports, e.g. 'getrimd gemiddelde (10% aan elke kant)'."""
        tekst = METHODE_NAMEN[self.aggregatie]
        if self.aggregatie == "getrimd_gemiddelde":
            tekst += (
                f" ({format(self.trim_aandeel * 100, 'f').rstrip('0').rstrip('.')}% aan elke kant)"
            )
        datum_ = datum(self.declaratiedatum) if self.declaratiedatum else "onbekend"
        return f"{tekst}; overhead {self.opslag.replace('_', ' ')}; vastgelegd op {datum_}"

    def als_dict(self) -> dict:
        return {**json.loads(self.canoniek()), "sha256": self.sha256}


def schrijf_declaratie(pad: Path, declaratie: Declaratie) -> None:
    """Record the declaration before ingestion (`kostprijs vastleggen`), so a later change
    can be detected."""
    schrijf_tekst(pad, json.dumps(declaratie.als_dict(), indent=2, sort_keys=True) + "\n")


def lees_vastgelegde_hash(pad: Path) -> str | None:
    """The hash recorded by `schrijf_declaratie`, or None when nothing was recorded."""
    pad = Path(pad)
    if not pad.exists():
        return None
    try:
        return str(json.loads(pad.read_text(encoding="utf-8"))["sha256"])
    except (ValueError, KeyError, TypeError) as exc:
        raise InvoerFout("de vastgelegde methode is onleesbaar.", bestand=pad) from exc


def methode_gewijzigd(
    declaratie: Declaratie, inzenddata: Iterable[date], vastgelegde_hash: str | None = None
) -> list[str]:
    """Dutch warnings for reports; empty when the method demonstrably came first.

    inzenddata: receipt or fill-in dates of the submissions. vastgelegde_hash: the hash
    recorded when the submissions were read.
    """
    meldingen = []
    data = sorted(inzenddata)
    if declaratie.declaratiedatum is None:
        meldingen.append(
            "De methode heeft geen declaratiedatum; niet aantoonbaar is dat zij is "
            "vastgelegd voordat de inzendingen binnen waren."
        )
    elif data and declaratie.declaratiedatum > data[0]:
        meldingen.append(
            f"De methode is vastgelegd op {datum(declaratie.declaratiedatum)}, "
            f"na de eerste inzending ({datum(data[0])}). De methode is dus mogelijk "
            "gekozen of gewijzigd nadat cijfers bekend waren."
        )
    if vastgelegde_hash is not None and vastgelegde_hash != declaratie.sha256:
        meldingen.append(
            "De methode wijkt af van de methode die vóór het inlezen van de inzendingen "
            f"was vastgelegd (vastgelegd {vastgelegde_hash[:12]}, nu {declaratie.sha256[:12]})."
        )
    return meldingen


def controleer_methode(map_: Path, params: Kostprijsparameters, vastlegging: Path) -> list[str]:
    """`methode_gewijzigd` for a processed folder (invuldatum from aanbieders.csv) against the
    declaration recorded before ingestion in `vastlegging` (see `kostprijs vastleggen`)."""
    aanbieders = lees_tabel(Path(map_) / catalogus.AANBIEDERS)
    data = [date.fromisoformat(d) for d in aanbieders["invuldatum"] if d]
    vastgelegd = lees_vastgelegde_hash(vastlegging)
    meldingen = methode_gewijzigd(Declaratie.uit_parameters(params), data, vastgelegd)
    if vastgelegd is None:
        meldingen.append(
            f"De methode is niet vastgelegd ({Path(vastlegging).name} ontbreekt); "
            "niet aantoonbaar is dat zij vóór de inzendingen vaststond."
        )
    return meldingen
