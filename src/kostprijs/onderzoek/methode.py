"""The cost-price method as declared in the parameters, recorded before the submissions.

A reële prijs is normative, and the statistic must be chosen before the data are seen: tariffs
were annulled when a weighted mean was swapped for the median after the results came in
(CBb 14-7-2016, ECLI:NL:CBB:2016:180). `kostprijs vastleggen` records the declaration with its
SHA-256 before ingestion; `controleer_methode` finds whether the method was (or may have been)
changed after submissions existed, and every report says so (`rapport.teksten.methodeteksten`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.atomisch import schrijf_tekst
from kostprijs.bestanden.canoniek import canoniek
from kostprijs.bestanden.csvbestand import lees_tabel
from kostprijs.fouten import InvoerFout
from kostprijs.parameters import Kostprijsparameters


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


@dataclass(frozen=True)
class Methodecontrole:
    """The facts on the recorded method: the report words them as warnings."""

    declaratiedatum: date | None
    eerste_inzending: date | None  # the earliest receipt or fill-in date of a submission
    vastgelegde_hash: str | None  # recorded before ingestion; None when nothing was recorded
    hash_nu: str  # the method in the parameters now
    vastlegging: str  # the name of the file that records it

    @property
    def zonder_datum(self) -> bool:
        return self.declaratiedatum is None

    @property
    def na_eerste_inzending(self) -> bool:
        """Declared after the first submission: possibly chosen once figures were known."""
        return None not in (self.declaratiedatum, self.eerste_inzending) and (
            self.declaratiedatum > self.eerste_inzending
        )

    @property
    def afwijkend(self) -> bool:
        """Not the method recorded before ingestion."""
        return self.vastgelegde_hash is not None and self.vastgelegde_hash != self.hash_nu

    @property
    def niet_vastgelegd(self) -> bool:
        return self.vastgelegde_hash is None

    @property
    def in_orde(self) -> bool:
        return not (
            self.zonder_datum or self.na_eerste_inzending or self.afwijkend or self.niet_vastgelegd
        )


def controleer_methode(
    map_: Path, params: Kostprijsparameters, vastlegging: Path
) -> Methodecontrole:
    """The check of the declared method for a processed folder (invuldatum from
    aanbieders.csv) against the declaration recorded before ingestion in `vastlegging` (see
    `kostprijs vastleggen`)."""
    aanbieders = lees_tabel(Path(map_) / catalogus.AANBIEDERS)
    data = sorted(date.fromisoformat(d) for d in aanbieders["invuldatum"] if d)
    declaratie = Declaratie.uit_parameters(params)
    return Methodecontrole(
        declaratie.declaratiedatum,
        data[0] if data else None,
        lees_vastgelegde_hash(vastlegging),
        declaratie.sha256,
        Path(vastlegging).name,
    )
