"""Versions of what the inkooptafel received, and the check that a new version reveals nothing
by its difference with an earlier one.

Every inkooptafel report, and in a region every member's budget report (public once its
council has it), keeps its tables (as the export carries them) with the keyed hash of
the set of providers it covers (`herkomst.manifest.aanbiedersset`) as a concept in
`build/<jaar>/publicaties/concept/`. `kostprijs publiceer` (`make publiceer`) records the
concept as the version the inkooptafel got, under `publicaties/<set>/`. A new report whose set
differs from a published one by fewer than MINIMUM_AANBIEDERS providers (a late submission, a
withdrawn one) may not change a published figure: an average over n and n + 1 providers, or a
volume-weighted one, differs by what the one provider added, which its members know or can
solve. Then nothing is written and the message says which figure and why. A figure that stays
the same reveals nothing new.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.atomisch import schrijf_tekst
from kostprijs.fouten import KostprijsFout
from kostprijs.onderzoek.onthulling import MARKER, MINIMUM_AANBIEDERS

CONCEPT = "concept"
VERSIE = catalogus.VERSIE
TONEN = 10  # figures named in the message


class PublicatieFout(KostprijsFout):
    """A new version of the inkooptafel reports would reveal a provider's figures."""


def _cijfers(tabellen: list[dict]) -> dict[tuple, str]:
    """Every published number of a report: (sheet, row label, column) -> value. The row label
    is the row's text cells (a repeated label is numbered)."""
    uit = {}
    for t in tabellen:
        gezien: dict = {}
        for rij in t["rijen"]:
            label = " / ".join(
                str(v)
                for v, f in zip(rij, t["formaten"], strict=True)
                if f == "tekst" and v not in (None, MARKER)
            )
            gezien[label] = gezien.get(label, 0) + 1
            if gezien[label] > 1:
                label = f"{label} ({gezien[label]})"
            for kolom, waarde, formaat in zip(t["kolommen"], rij, t["formaten"], strict=True):
                if waarde not in (None, MARKER) and formaat != "tekst":
                    uit[(t.get("blad") or t["titel"], label, kolom)] = waarde
    return uit


def _lees(pad: Path):
    return json.loads(pad.read_text(encoding="utf-8"))


def gepubliceerd(map_: Path) -> list[tuple[Path, dict]]:
    """The versions the inkooptafel got: (folder, record), oldest first."""
    versies = [(p.parent, _lees(p)) for p in Path(map_).glob(f"*/{VERSIE}")]
    return sorted((v for v in versies if v[0].name != CONCEPT), key=lambda v: v[1]["gemaakt"])


def controleer(tabellen: list[dict], naam: str, aanbieders: dict | None, map_: Path) -> None:
    """Refuse a report that would reveal a provider by its difference with a published one."""
    if aanbieders is None:
        raise PublicatieFout(
            "het runmanifest legt niet vast welke aanbieders dit rapport dekt (er was geen "
            "sleutel toen het manifest werd gemaakt); het rapport voor de inkooptafel wordt niet "
            "gemaakt. Maak een sleutel met `kostprijs sleutel` en draai `make report` opnieuw."
        )
    leden, cijfers = set(aanbieders["leden"]), _cijfers(tabellen)
    for map_versie, versie in gepubliceerd(map_):
        verschil = len(leden ^ set(versie["leden"]))
        eerder = map_versie / f"{naam}.json"
        if verschil == 0 or verschil >= MINIMUM_AANBIEDERS or not eerder.exists():
            continue
        oud = _cijfers(_lees(eerder)["tabellen"])
        anders = [(k, oud[k], v) for k, v in cijfers.items() if k in oud and oud[k] != v]
        if not anders:
            continue
        regels = "\n".join(
            f"  - blad '{blad}', rij '{rij}', kolom '{kolom}': was {a}, nu {b}"
            for (blad, rij, kolom), a, b in anders[:TONEN]
        )
        meer = f"\n  (en nog {len(anders) - TONEN})" if len(anders) > TONEN else ""
        raise PublicatieFout(
            f"het rapport {naam} wordt niet gemaakt: de inkooptafel kreeg al een versie "
            f"({versie['gemaakt']}, {versie['aantal']} aanbieders), en dit rapport dekt "
            f"{verschil} aanbieder{'s' if verschil > 1 else ''} meer of minder. Het verschil "
            "tussen twee versies van een gemiddelde of totaal is dan het cijfer van die "
            f"aanbieder{'s' if verschil > 1 else ''}. Deze cijfers veranderen:\n"
            + regels
            + meer
            + f"\nMaak een nieuwe versie pas als minstens {MINIMUM_AANBIEDERS} inzendingen "
            "verschillen van elke gepubliceerde versie (zie README, 'Een tweede versie')."
        )


def lidrapport(map_: str) -> str:
    """The name, among the versions, of the budget report of the member in folder `map_`."""
    return f"{catalogus.GEMEENTEN}_{map_}"


def bewaar_concept(tabellen: list[dict], naam: str, aanbieders: dict, map_: Path) -> None:
    """Keep the report's tables as the concept of the next version."""
    inhoud = {"aanbieders": aanbieders, "tabellen": tabellen}
    schrijf_tekst(Path(map_) / CONCEPT / f"{naam}.json", json.dumps(inhoud, ensure_ascii=False))


def publiceer(map_: Path, namen: list[str]) -> Path:
    """Record the concept of the reports `namen` as the version the inkooptafel got."""
    concept = Path(map_) / CONCEPT
    inhoud = {}
    for naam in namen:
        pad = concept / f"{naam}.json"
        if not pad.exists():
            raise PublicatieFout(
                f"het rapport {naam} is nog niet gemaakt ({pad} ontbreekt); draai eerst "
                "`make report`."
            )
        inhoud[naam] = _lees(pad)
    sets = {i["aanbieders"]["set"] for i in inhoud.values()}
    if len(sets) != 1:
        raise PublicatieFout(
            "de rapporten voor de inkooptafel dekken niet allemaal dezelfde aanbieders; draai "
            "`make report` opnieuw en publiceer daarna."
        )
    aanbieders = next(iter(inhoud.values()))["aanbieders"]
    for naam, i in inhoud.items():
        controleer(i["tabellen"], naam, aanbieders, map_)
    doel = Path(map_) / aanbieders["set"][:16]
    for naam, i in inhoud.items():
        schrijf_tekst(doel / f"{naam}.json", json.dumps(i, ensure_ascii=False))
    record = {
        "set": aanbieders["set"],
        "leden": aanbieders["leden"],
        "aantal": len(aanbieders["leden"]),
        "gemaakt": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "rapporten": sorted(inhoud),
    }
    schrijf_tekst(doel / VERSIE, json.dumps(record, indent=1))
    return doel
