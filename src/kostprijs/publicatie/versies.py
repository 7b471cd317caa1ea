"""Versions of what the inkooptafel received, and the check that a new version reveals nothing
by its difference with an earlier one.

Every inkooptafel report is kept as published (its tables, as the export carries them) under
`build/<jaar>/publicaties/<set>/`, with the keyed hash of the set of providers it covers
(`herkomst.manifest.aanbiedersset`). A new version whose set differs from an earlier one by
fewer than MINIMUM_AANBIEDERS providers (a late submission, a withdrawn one) may not change a
published figure: an average over n and n + 1 providers, or a volume-weighted one, differs by
what the one provider added, which its members know or can solve. Then nothing is written and
the message says which figure and why. A figure that stays the same reveals nothing new.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from kostprijs.bestanden.atomisch import schrijf_tekst
from kostprijs.fouten import KostprijsFout
from kostprijs.onderzoek.onthulling import MARKER, MINIMUM_AANBIEDERS

VERSIE = "versie.json"
TONEN = 10  # figures named in the message


class PublicatieFout(KostprijsFout):
    """A new version of the inkooptafel reports would reveal a provider's figures."""


def _cijfers(tabellen: list[dict]) -> dict[tuple, str]:
    """Every published number of a report: (sheet, row label, column) -> value."""
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


def _versies(map_: Path):
    for pad in sorted(Path(map_).glob(f"*/{VERSIE}")):
        yield pad.parent, json.loads(pad.read_text(encoding="utf-8"))


def controleer_en_bewaar(tabellen: list[dict], naam: str, aanbieders: dict | None, map_: Path):
    """Refuse a version that would reveal a provider by difference; else keep it as published."""
    if aanbieders is None:
        raise PublicatieFout(
            "het runmanifest legt niet vast welke aanbieders dit rapport dekt (geen sleutel bij "
            "het maken van het manifest); het rapport voor de inkooptafel wordt niet gemaakt. "
            "Maak een sleutel met `kostprijs sleutel` en draai `make report` opnieuw."
        )
    nu, leden = aanbieders["set"], set(aanbieders["leden"])
    cijfers = _cijfers(tabellen)
    for map_versie, versie in _versies(map_):
        verschil = len(leden ^ set(versie["leden"]))
        eerder = map_versie / f"{naam}.json"
        if versie["set"] == nu or verschil >= MINIMUM_AANBIEDERS or not eerder.exists():
            continue
        oud = _cijfers(json.loads(eerder.read_text(encoding="utf-8")))
        anders = [(k, oud[k], v) for k, v in cijfers.items() if k in oud and oud[k] != v]
        if anders:
            regels = "\n".join(
                f"  - blad '{blad}', rij '{rij}', kolom '{kolom}': was {a}, nu {b}"
                for (blad, rij, kolom), a, b in anders[:TONEN]
            )
            meer = f"\n  (en nog {len(anders) - TONEN})" if len(anders) > TONEN else ""
            raise PublicatieFout(
                f"het rapport {naam} wordt niet gemaakt: de inkooptafel kreeg al een versie "
                f"({versie['gemaakt']}) met {versie['aantal']} aanbieders, en deze versie dekt "
                f"{verschil} aanbieder{'s' if verschil > 1 else ''} meer of minder. Het verschil "
                "tussen twee versies van een gemiddelde of totaal is dan het cijfer van die "
                "aanbieder(s). Deze cijfers veranderen:\n"
                + regels
                + meer
                + "\nPubliceer een nieuwe versie pas als minstens "
                f"{MINIMUM_AANBIEDERS} inzendingen verschillen (zie README, 'Een tweede versie')."
            )
    doel = Path(map_) / nu[:16]
    schrijf_tekst(doel / f"{naam}.json", json.dumps(tabellen, ensure_ascii=False, indent=1))
    schrijf_tekst(
        doel / VERSIE,
        json.dumps(
            {
                "set": nu,
                "leden": sorted(leden),
                "aantal": len(leden),
                "gemaakt": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            },
            indent=1,
        ),
    )
