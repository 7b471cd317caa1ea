"""Average cost price per productspecificatie, with the method declared before ingestion.

The statistic is chosen in params/<jaar>.yaml (`kostprijs.aggregatie`, `trim_aandeel`,
`opslag`, `declaratiedatum`) before the submissions are seen (CBb 14-7-2016,
ECLI:NL:CBB:2016:180). The declaration is recorded with every result as its SHA-256 hash;
`onderzoek.methode` records and checks the declaration.

Statistics are computed exactly (fractions), over the providers' exact cost prices where the
table carries them (`<kolom>_exact`), and rounded once, half up to the cent:
mean; volume-weighted mean (sum kostprijs x volume / sum volume); median (mean of the two
middle values for even n); trimmed mean (floor(trim_aandeel x n) values dropped at each
end); P25 and P75 by linear interpolation between order statistics (position (n - 1) x q,
as numpy's default and Excel's KWARTIEL.INC). Outliers (internal only) lie outside
P25 - 1,5 x IQR or P75 + 1,5 x IQR (Tukey), computed for n >= 4; they are flagged, not
excluded: excluding them would change the declared method.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import pandas as pd

from kostprijs.geld import decimaal
from kostprijs.onderzoek.methode import Declaratie
from kostprijs.onderzoek.onthulling import VENSTER, onthulbaar, venster_kwantiel
from kostprijs.onderzoek.per_aanbieder import op_centen
from kostprijs.parameters import Kostprijsparameters

UITSCHIETER_FACTOR = Fraction(3, 2)


# --- statistics -----------------------------------------------------------------------------


def _fracties(waarden: Iterable) -> list[Fraction]:
    uit = [w if isinstance(w, Fraction) else Fraction(decimaal(w)) for w in waarden]
    if not uit:
        raise ValueError("geen waarden")
    return uit


def gemiddelde(waarden: Iterable) -> Fraction:
    x = _fracties(waarden)
    return sum(x) / len(x)


def gewogen_gemiddelde(waarden: Sequence, gewichten: Sequence) -> Fraction:
    x, g = _fracties(waarden), _fracties(gewichten)
    if len(x) != len(g) or any(w < 0 for w in g) or sum(g) == 0:
        raise ValueError("gewichten moeten even lang, niet negatief en niet allemaal 0 zijn")
    return sum(a * b for a, b in zip(x, g, strict=True)) / sum(g)


def kwantiel(waarden: Iterable, q) -> Fraction:
    """Linear interpolation at position (n - 1) x q of the sorted values."""
    x = sorted(_fracties(waarden))
    positie = (len(x) - 1) * Fraction(decimaal(q))
    i = math.floor(positie)
    if i == len(x) - 1:
        return x[i]
    return x[i] + (positie - i) * (x[i + 1] - x[i])


def mediaan(waarden: Iterable) -> Fraction:
    return kwantiel(waarden, Decimal("0.5"))


def getrimd_gemiddelde(waarden: Iterable, aandeel) -> Fraction:
    """Mean after dropping floor(aandeel x n) of the lowest and of the highest values."""
    x = sorted(_fracties(waarden))
    k = math.floor(len(x) * Fraction(decimaal(aandeel)))
    if not 0 <= 2 * k < len(x):
        raise ValueError("trimaandeel moet van 0 tot 0,5 liggen")
    return gemiddelde(x[k : len(x) - k])


# --- aggregation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Aggregatie:
    """Averages per product with what they rest on.

    per_product: productspecificatie, methode, n, kostprijs, p25, p75, volume (Decimals;
    None where n is 0). uitgesloten: aanbieder_id, productspecificatie, reden.
    uitschieters (internal only): aanbieder_id, productspecificatie, kostprijs,
    ondergrens, bovengrens. declaratie: the method with its hash.
    """

    per_product: pd.DataFrame
    uitgesloten: pd.DataFrame
    uitschieters: pd.DataFrame
    declaratie: Declaratie


def _statistiek(params: Kostprijsparameters, waarden: list[Fraction], volumes: list[Decimal]):
    if params.aggregatie == "gemiddelde":
        return gemiddelde(waarden)
    if params.aggregatie == "gewogen_gemiddelde":
        return gewogen_gemiddelde(waarden, volumes)
    if params.aggregatie == "mediaan":
        return mediaan(waarden)
    return getrimd_gemiddelde(waarden, params.trim_aandeel)


def publieke_spreiding(params: Kostprijsparameters, leden: list) -> dict:
    """What the inkooptafel may see of a product's spread (see disclosure.py).

    The window quantiles are weighted by volume when the declared statistic is; they are
    shown only for n >= 4 and when no provider could solve another's value from the
    statistic and both quantiles together. The statistic itself is an order statistic of
    fewer than 3 values for a median, and for a trimmed mean that keeps fewer than 3 values.
    """
    geordend = sorted(leden, key=lambda lid: lid[1])
    waarden = [w for _, w, _ in geordend]
    n = len(waarden)
    gewogen = params.aggregatie == "gewogen_gemiddelde"
    gewichten = [Fraction(v) for _, _, v in geordend] if gewogen else None
    p25, c25 = venster_kwantiel(waarden, gewichten, Fraction(1, 4))
    p75, c75 = venster_kwantiel(waarden, gewichten, Fraction(3, 4))
    if params.aggregatie == "gewogen_gemiddelde":
        totaal = sum(gewichten)
        statistiek = [g / totaal for g in gewichten]
    elif params.aggregatie == "getrimd_gemiddelde":
        k = math.floor(n * Fraction(decimaal(params.trim_aandeel)))
        statistiek = [Fraction(1, n - 2 * k) if k <= i < n - k else Fraction(0) for i in range(n)]
    else:
        statistiek = [Fraction(1, n)] * n
    toonbaar = params.aggregatie in ("gemiddelde", "gewogen_gemiddelde") or (
        params.aggregatie == "getrimd_gemiddelde" and sum(1 for c in statistiek if c) >= VENSTER
    )
    vergelijkingen = [c25, c75, *([statistiek] if toonbaar else [])]
    return {
        "p25_venster": op_centen(p25),
        "p75_venster": op_centen(p75),
        "statistiek_toonbaar": toonbaar,
        "spreiding_toonbaar": n > VENSTER and not onthulbaar(vergelijkingen),
    }


def aggregeer(
    kostprijzen: pd.DataFrame,
    params: Kostprijsparameters,
    *,
    kolom: str = "kostprijs_bouwstenen",
    producten: Sequence[str] | None = None,
) -> Aggregatie:
    """Average per product of the providers' cost prices with the declared method.

    kostprijzen: aanbieder_id, productspecificatie, `kolom` (Decimal or None), volume
    (Decimal or None) and optionally toelichting (why a cost price is missing) and
    uitgesloten (why a cost price must not count), as `kostprijs.kostprijzen_per_aanbieder`
    returns. producten: the catalogue order (products
    without any submission get n = 0); default: the order of first appearance.
    """
    gewogen = params.aggregatie == "gewogen_gemiddelde"
    per: dict[str, list[tuple[str, Fraction, Decimal]]] = {
        p: [] for p in (producten or dict.fromkeys(kostprijzen["productspecificatie"]))
    }
    uitgesloten = []
    for r in kostprijzen.itertuples():
        kostprijs = getattr(r, kolom)
        volume = r.volume
        # kept out by the cross-check with the actual costs (kostprijs.py)
        reden = getattr(r, "uitgesloten", "") or ""
        if not reden and (kostprijs is None or pd.isna(kostprijs)):
            reden = "geen kostprijs berekend"
            toelichting = getattr(r, "toelichting", "")
            if toelichting:
                reden += f" ({toelichting})"
        elif not reden and gewogen and (volume is None or pd.isna(volume) or volume <= 0):
            reden = "geen geleverd volume; dat is nodig voor het gewogen gemiddelde"
        if reden:
            uitgesloten.append((r.aanbieder_id, r.productspecificatie, reden))
            continue
        volume = Decimal(0) if volume is None or pd.isna(volume) else decimaal(volume)
        exact = getattr(r, f"{kolom}_exact", None)  # the unrounded price, where known
        waarde = exact if isinstance(exact, Fraction) else Fraction(decimaal(kostprijs))
        per.setdefault(r.productspecificatie, []).append((r.aanbieder_id, waarde, volume))

    rijen, uitschieters = [], []
    for product, leden in per.items():
        waarden = [w for _, w, _ in leden]
        rij = {
            "productspecificatie": product,
            "methode": params.aggregatie,
            "n": len(leden),
            "kostprijs": None,
            "p25": None,
            "p75": None,
            "volume": sum((v for _, _, v in leden), Decimal(0)),
            "p25_venster": None,
            "p75_venster": None,
            "statistiek_toonbaar": False,
            "spreiding_toonbaar": False,
        }
        if leden:
            p25, p75 = kwantiel(waarden, "0.25"), kwantiel(waarden, "0.75")
            rij.update(
                kostprijs=op_centen(_statistiek(params, waarden, [v for _, _, v in leden])),
                p25=op_centen(p25),
                p75=op_centen(p75),
                **publieke_spreiding(params, leden),
            )
            if len(leden) >= 4:
                onder = p25 - UITSCHIETER_FACTOR * (p75 - p25)
                boven = p75 + UITSCHIETER_FACTOR * (p75 - p25)
                uitschieters += [
                    (a, product, op_centen(w), op_centen(onder), op_centen(boven))
                    for a, w, _ in leden
                    if not onder <= w <= boven
                ]
        rijen.append(rij)
    return Aggregatie(
        per_product=pd.DataFrame(rijen),
        uitgesloten=pd.DataFrame(
            uitgesloten, columns=["aanbieder_id", "productspecificatie", "reden"]
        ),
        uitschieters=pd.DataFrame(
            uitschieters,
            columns=[
                "aanbieder_id",
                "productspecificatie",
                "kostprijs",
                "ondergrens",
                "bovengrens",
            ],
        ),
        declaratie=Declaratie.uit_parameters(params),
    )


def uitgesloten_inzendingen(inzendingen: pd.DataFrame) -> pd.DataFrame:
    """Submissions that do not count (inzendingen.csv, telt_mee = nee) with their reason.

    Returns bestand, aanbieder_id, reden (status and the first error, in Dutch).
    """
    niet = inzendingen[inzendingen["telt_mee"] != "ja"]
    return pd.DataFrame(
        {
            "bestand": niet["bestand"],
            "aanbieder_id": niet["aanbieder_id"],
            "reden": [
                f"{s}: {r}" if r else s for s, r in zip(niet["status"], niet["reden"], strict=True)
            ],
        }
    ).reset_index(drop=True)
