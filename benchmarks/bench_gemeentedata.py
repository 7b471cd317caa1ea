"""Benchmark: reading the municipality's own tables at national scale with the one reader
(`kostprijs.gemeentedata`), against a bare `pandas.read_csv` of the same files.

Writes 1.000.000 iWmo-coded indication rows (250.000 clients; Cliëntnummer, Productcode with
Product, Volume in minutes for hour products, Eenheid and Frequentie as iWmo codes,
Ingangsdatum, Einddatum) and about 11.000.000 realisation lines (per client, product and
facturatieperiode, volume in minutes, with Begindatum/Einddatum, 1% duplicated lines and 0,5%
credit lines), then reads each in a fresh process: `lees_indicaties` and
`lees_realisatie`, exactly, against `pd.read_csv(sep=";", decimal=",")`. Prints
seconds, peak memory (getrusage) and the ratio (goal: at most 3; every step under 60 s and
2 GiB). Takes some 4 minutes and 700 MB of disk in a temporary folder.

    .venv/bin/python benchmarks/bench_gemeentedata.py

Measured (7-12-2026, quiet machine, two runs): indications 1,5 s against 0,6 s and 0,5 s for
read_csv (2,4x and 3,0x; the bare read varies most), peak 378 MiB; realisation (11,2 million
lines) 11,9 s against 7,3 s (1,6x), peak 1.200 MiB against 2.008 MiB for read_csv.
"""

from __future__ import annotations

import datetime as dt
import resource
import sys
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path

import numpy as np
import pandas as pd

from kostprijs.budget.model import periode_weken
from kostprijs.parameters import laad_parameters

JAAR = 2027
CLIENTEN = 250_000
AANDEEL_BESTAAND = 0.85
DUBBEL, CREDIT = 0.01, 0.005
EENHEID = {"uur": "01", "dagdeel": "16", "etmaal": "14"}


def _producten(params):
    """Four products of the catalogue with an iWmo unit: two per hour (in minutes), one per
    dagdeel and one per etmaal."""
    per_eenheid = {e: [p for p in params.catalogus if p.eenheid == e] for e in EENHEID}
    return [*per_eenheid["uur"][:2], per_eenheid["dagdeel"][0], per_eenheid["etmaal"][0]]


def maak_indicaties(map_: Path) -> Path:
    params = laad_parameters(JAAR)
    producten = _producten(params)
    rng = np.random.default_rng(19)
    n = CLIENTEN * len(producten)
    client = np.char.add("K", np.repeat(np.arange(CLIENTEN), len(producten)).astype(str))
    product = np.tile(np.arange(len(producten)), CLIENTEN)
    eenheid = np.asarray([producten[i].eenheid for i in range(len(producten))])[product]
    # hours in whole quarters as minutes (15 to 240 a week), 1-4 dagdelen, 1 etmaal
    volume = np.where(eenheid == "uur", rng.integers(1, 17, n) * 15, rng.integers(1, 5, n))
    volume = np.where(eenheid == "etmaal", 1, volume)
    per_maand = rng.random(n) < 0.3
    frequentie = np.where(per_maand, "4", "2")
    volume = np.where(per_maand & (eenheid == "uur"), volume * 4, volume)
    einde = np.where(rng.random(n) < 0.05, "30-9-2026", "")
    indicaties = pd.DataFrame(
        {
            "Cliëntnummer": client,
            "Productcode": [producten[i].productcode for i in product],
            "Product": np.asarray([p.productspecificatie for p in producten])[product],
            "Volume": volume,
            "Eenheid": np.vectorize(EENHEID.get)(eenheid),
            "Frequentie": frequentie,
            "Ingangsdatum": "1-1-2025",
            "Einddatum": einde,
        }
    )
    pad_i = map_ / "indicaties.csv"
    indicaties.to_csv(pad_i, sep=";", index=False, encoding="utf-8-sig")
    return pad_i


def maak_realisatie(map_: Path) -> Path:
    params = laad_parameters(JAAR)
    producten = _producten(params)
    rng = np.random.default_rng(20)
    weken = periode_weken(params.realisatiejaar, params.budget.perioden_per_jaar)
    starts = [dt.date.fromisocalendar(params.realisatiejaar, 1 + 4 * i, 1) for i in range(13)]
    eindes = [s + dt.timedelta(weeks=w, days=-1) for s, w in zip(starts, weken, strict=True)]
    bestaand = np.flatnonzero(rng.random(CLIENTEN) < AANDEEL_BESTAAND)
    pad_r = map_ / f"realisatie_{params.realisatiejaar}.csv"
    with open(pad_r, "w", encoding="utf-8-sig", newline="") as f:
        f.write("client;productspecificatie;periode;volume;eenheid;begindatum;einddatum\n")
        for blok in np.array_split(bestaand, 20):
            c = np.repeat(blok, len(producten) * 13)
            pr = np.tile(np.repeat(np.arange(len(producten)), 13), len(blok))
            periode = np.tile(np.arange(1, 14), len(blok) * len(producten))
            e = np.asarray([p.eenheid for p in producten])[pr]
            v = np.where(e == "uur", rng.integers(0, 17, len(c)) * 15, rng.integers(0, 5, len(c)))
            dubbel = rng.random(len(c)) < DUBBEL
            credit = rng.random(len(c)) < CREDIT
            c, pr, periode, e = (
                np.concatenate([a, a[dubbel], a[credit]]) for a in (c, pr, periode, e)
            )
            v = np.concatenate([v, v[dubbel], -v[credit]])
            tabel = pd.DataFrame(
                {
                    "client": np.char.add("K", c.astype(str)),
                    "productspecificatie": np.asarray([p.productspecificatie for p in producten])[
                        pr
                    ],
                    "periode": periode,
                    "volume": v,
                    "eenheid": np.vectorize(EENHEID.get)(e),
                    "begindatum": np.asarray([s.strftime("%d-%m-%Y") for s in starts])[periode - 1],
                    "einddatum": np.asarray([s.strftime("%d-%m-%Y") for s in eindes])[periode - 1],
                }
            )
            tabel.to_csv(f, sep=";", index=False, header=False)
    return pad_r


def lees_indicaties_nieuw(pad: Path):
    from kostprijs.budget.invoer import lees_indicaties

    params = laad_parameters(JAAR)
    return lambda: len(lees_indicaties(pad, params))


def lees_realisatie_nieuw(pad: Path):
    from kostprijs.budget.invoer import lees_realisatie

    params = laad_parameters(JAAR)
    return lambda: len(lees_realisatie(pad, params))


def kaal(pad: Path):
    return lambda: len(pd.read_csv(pad, sep=";", decimal=","))


def _meet(naam: str, pad: Path) -> tuple[float, float, float, int]:
    lees = globals()[naam](pad)  # imports and parameters outside the measurement
    start, cpu = time.perf_counter(), time.process_time()
    rijen = lees()
    seconden, cpu = time.perf_counter() - start, time.process_time() - cpu
    return seconden, cpu, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, rijen


def _in_proces(functie, *args):
    """`functie(*args)` in a fresh process: its peak memory is its own (Linux keeps the
    parent's peak across exec), and the parent never holds the big tables."""
    with get_context("spawn").Pool(1) as pool:
        return pool.apply(functie, args)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        indicaties = _in_proces(maak_indicaties, Path(tmp))
        realisatie = _in_proces(maak_realisatie, Path(tmp))
        print(f"invoer geschreven in {time.perf_counter() - start:.0f} s")
        for titel, pad, naam in (
            ("indicaties (iWmo)", indicaties, "lees_indicaties_nieuw"),
            ("realisatie", realisatie, "lees_realisatie_nieuw"),
        ):
            nieuw = _in_proces(_meet, naam, pad)
            basis = _in_proces(_meet, "kaal", pad)
            print(f"{titel}: {nieuw[3]:,} rijen".replace(",", "."))
            for wat, m in (("lezer", nieuw), ("kale read_csv", basis)):
                print(f"  {wat:<15} {m[0]:>6.1f} s (cpu {m[1]:>5.1f} s)  piek {m[2]:>6.0f} MiB")
            print(
                f"  verhouding:     {nieuw[0] / basis[0]:>6.2f} x (cpu {nieuw[1] / basis[1]:.2f} x; "
                "doel: hoogstens 3)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
