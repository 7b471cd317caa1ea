"""The worker processes that read provider workbooks: one bad or hostile workbook, even one
that crashes its worker, becomes a rejected submission and never stops the others."""

from __future__ import annotations

import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from pathlib import Path

from kostprijs.bestanden.atomisch import sha256
from kostprijs.inlezen.bevinding import Weigering, fout
from kostprijs.inlezen.inzending import Inzending
from kostprijs.inlezen.inzendingtabellen import rijen
from kostprijs.inlezen.lezen import lees_werkboek
from kostprijs.inlezen.openen import open_veilig
from kostprijs.parameters import Inleesparameters
from kostprijs.sjabloon.indeling import Indeling

_IND: Indeling | None = None
_IP: Inleesparameters | None = None


def _init(ind: Indeling, ip: Inleesparameters) -> None:
    global _IND, _IP
    _IND, _IP = ind, ip


def verwerk_bestand(pad: str) -> tuple[Inzending, str]:
    """Open, check and read one workbook; never raises (worker entry point)."""
    p = Path(pad)
    try:
        hash_ = sha256(p)
    except OSError as exc:
        return Inzending(
            p.name, bevindingen=[fout(p.name, f"Het bestand is niet te lezen ({exc.strerror}).")]
        ), ""
    try:
        archief = open_veilig(p, _IP)
        inzending = lees_werkboek(p, _IND, archief)
        inzending.rijen = rijen(inzending, _IND)
        return inzending, hash_
    except Weigering as w:
        return Inzending(p.name, bevindingen=list(w.bevindingen)), hash_
    except MemoryError:
        return Inzending(
            p.name, bevindingen=[fout(p.name, "Het bestand vraagt te veel geheugen om te lezen.")]
        ), hash_
    except Exception as exc:  # a reader bug must reject this file only, never stop the run
        return (
            Inzending(
                p.name,
                bevindingen=[
                    fout(
                        p.name,
                        f"Het bestand kon niet worden gelezen ({type(exc).__name__}: {exc}). "
                        "Sla het opnieuw op met Excel als .xlsx.",
                    )
                ],
            ),
            hash_,
        )


@cache
def _standaardcellen(ind: Indeling) -> dict[str, tuple[str, str]]:
    return {v.naam: (v.blad, v.cel) for v in ind.velden}


def _verwerk_in_werker(pad: str) -> tuple[Inzending, str, bool]:
    """verwerk_bestand, with the cell locations left out when they are the template's.

    Most workbooks keep every name at its template cell; their ~16 kB of locations, the
    largest part of what a worker sends back, are then restored by `_terug` instead.
    """
    inzending, hash_ = verwerk_bestand(pad)
    standaard = inzending.cellen == _standaardcellen(_IND)
    if standaard:
        inzending.cellen = {}
    return inzending, hash_, standaard


def _terug(r: tuple[Inzending, str, bool], ind: Indeling) -> tuple[Inzending, str]:
    inzending, hash_, standaard = r
    if standaard:
        inzending.cellen = dict(_standaardcellen(ind))
    return inzending, hash_


def _vastgelopen(pad: Path) -> tuple[Inzending, str]:
    return (
        Inzending(
            pad.name,
            bevindingen=[
                fout(
                    pad.name,
                    "Het lezen van dit bestand liet het leesproces vastlopen; het is niet verwerkt. "
                    "Sla het opnieuw op met Excel als .xlsx.",
                )
            ],
        ),
        "",
    )


def lees_parallel(
    paden: list[Path], ind: Indeling, ip: Inleesparameters, voortgang
) -> dict[Path, tuple[Inzending, str]]:
    """Every workbook of `paden` read in worker processes; after a worker crash, the files not
    yet read each alone, so that only the culprit is rejected."""
    uit: dict[Path, tuple[Inzending, str]] = {}
    werkers = max(1, min(ip.werkers, len(paden)))
    with ProcessPoolExecutor(werkers, initializer=_init, initargs=(ind, ip)) as ex:
        blok = max(1, min(16, len(paden) // (4 * werkers)))
        try:
            for p, r in zip(
                paden, ex.map(_verwerk_in_werker, map(str, paden), chunksize=blok), strict=True
            ):
                uit[p] = _terug(r, ind)
                voortgang(len(uit))
        except BrokenProcessPool:
            pass
    for p in paden:  # after a crash: each remaining file alone, so only the culprit fails
        if p in uit:
            continue
        with ProcessPoolExecutor(1, initializer=_init, initargs=(ind, ip)) as ex:
            try:
                uit[p] = _terug(ex.submit(_verwerk_in_werker, str(p)).result(), ind)
            except BrokenProcessPool:
                uit[p] = _vastgelopen(p)
        voortgang(len(uit))
    return uit


class Voortgang:
    """Progress on stderr for a run of 20 workbooks or more, at most once a second."""

    def __init__(self, totaal: int, toon: bool) -> None:
        self.totaal, self.toon, self.laatst = totaal, toon and totaal >= 20, 0.0

    def __call__(self, klaar: int) -> None:
        nu = time.monotonic()
        if self.toon and (nu - self.laatst >= 1 or klaar == self.totaal):
            self.laatst = nu
            einde = "\n" if klaar == self.totaal else ("\r" if sys.stderr.isatty() else "\n")
            print(
                f"Inlezen: {klaar}/{self.totaal} werkmappen", end=einde, file=sys.stderr, flush=True
            )
