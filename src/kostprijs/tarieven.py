"""Tariff comparison: current tariffs against average cost prices, and its Dutch summary.

Amounts are Decimals in euros with at most two decimals. `verschil` is exact (a difference
of cents); `verschil_pct` is rounded half up to one decimal for display only: every rule
compares the exact ratio `verschil / huidig_tarief` with its threshold.

Products of one family differ only by a trailing intensity number ("OZL 1", "OZL 2"); the
family bullets ("Kostprijs OZL 1, 2 omhoog, OZL 3 omlaag") group them by that name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

import pandas as pd
from babel.numbers import format_currency, format_decimal

from kostprijs.config import Kostprijsparameters
from kostprijs.geld import afronden_op_centen

KOLOMMEN = [
    "productspecificatie",
    "huidig_tarief",
    "kostprijs",
    "verschil",
    "verschil_pct",
    "richting",
]
OMHOOG, OMLAAG, GELIJK, NIEUW, GEEN_KOSTPRIJS = (
    "omhoog",
    "omlaag",
    "gelijk",
    "nieuw",
    "geen kostprijs",
)
_FAMILIE = re.compile(r"^(?P<familie>.*\S)\s+(?P<intensiteit>\d+)$")
_TIENDE = Decimal("0.1")


def richting(huidig_tarief: Decimal | None, kostprijs: Decimal | None, tolerantie: Decimal) -> str:
    """omhoog / omlaag / gelijk (|verschil| <= tolerantie x tarief), nieuw, or geen kostprijs."""
    if kostprijs is None:
        return GEEN_KOSTPRIJS
    if huidig_tarief is None:
        return NIEUW
    verschil = kostprijs - huidig_tarief
    if abs(verschil) <= tolerantie * huidig_tarief:
        return GELIJK
    return OMHOOG if verschil > 0 else OMLAAG


def verschil_pct(huidig_tarief: Decimal, kostprijs: Decimal) -> Decimal:
    """(kostprijs - tarief) / tarief in percent, rounded half up to one decimal."""
    return (100 * (kostprijs - huidig_tarief) / huidig_tarief).quantize(
        _TIENDE, rounding=ROUND_HALF_UP
    )


def vergelijk(
    tarieven: pd.DataFrame, kostprijzen: pd.DataFrame, tolerantie: Decimal
) -> pd.DataFrame:
    """One row per product and current tariff (a new product: one row without tariff).

    tarieven: productspecificatie, tarief (Decimal; several rows per product allowed).
    kostprijzen: productspecificatie, kostprijs (Decimal; one row per product).
    Returns KOLOMMEN; missing values are None. Order: the cost prices' order, then
    products that only have a tariff; tariffs ascending within a product.
    """
    dubbel = kostprijzen["productspecificatie"].duplicated()
    if dubbel.any():
        raise ValueError(
            f"kostprijs dubbel voor {', '.join(kostprijzen.loc[dubbel, 'productspecificatie'])}"
        )
    kp = dict(zip(kostprijzen["productspecificatie"], kostprijzen["kostprijs"], strict=True))
    per_product: dict[str, list[Decimal]] = {}
    for product, tarief in zip(tarieven["productspecificatie"], tarieven["tarief"], strict=True):
        per_product.setdefault(product, []).append(tarief)
    producten = list(kp) + [p for p in per_product if p not in kp]
    rijen = []
    for product in producten:
        kostprijs = kp.get(product)
        for tarief in sorted(per_product.get(product, [])) or [None]:
            compleet = tarief is not None and kostprijs is not None
            rijen.append(
                {
                    "productspecificatie": product,
                    "huidig_tarief": tarief,
                    "kostprijs": kostprijs,
                    "verschil": kostprijs - tarief if compleet else None,
                    "verschil_pct": verschil_pct(tarief, kostprijs) if compleet else None,
                    "richting": richting(tarief, kostprijs, tolerantie),
                }
            )
    return pd.DataFrame(rijen, columns=KOLOMMEN)


def voorgestelde_tarieven(kostprijzen: pd.DataFrame, indexatie: Decimal) -> pd.DataFrame:
    """Proposed tariff per product: kostprijs x (1 + indexatie), rounded half up to the cent.

    Returns productspecificatie, kostprijs, indexatie, voorgesteld_tarief.
    """
    uit = kostprijzen[["productspecificatie", "kostprijs"]].copy()
    uit["indexatie"] = indexatie
    uit["voorgesteld_tarief"] = [afronden_op_centen(k * (1 + indexatie)) for k in uit["kostprijs"]]
    return uit.reset_index(drop=True)


# --- summary bullets ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Product:
    naam: str
    kostprijs: Decimal | None
    tarieven: tuple[Decimal, ...]
    richting: str

    @property
    def enkel(self) -> bool:
        """One current tariff and a cost price: a plain comparison."""
        return len(self.tarieven) == 1 and self.kostprijs is not None

    @property
    def ratio(self) -> Decimal:
        return (self.kostprijs - self.tarieven[0]) / self.tarieven[0]

    @property
    def familie(self) -> tuple[str, int] | None:
        m = _FAMILIE.match(self.naam)
        return (m["familie"], int(m["intensiteit"])) if m else None


def _producten(vergelijking: pd.DataFrame) -> list[_Product]:
    producten = []
    for naam, groep in vergelijking.groupby("productspecificatie", sort=False):
        tarieven = tuple(t for t in groep["huidig_tarief"] if t is not None)
        producten.append(
            _Product(naam, groep["kostprijs"].iloc[0], tarieven, groep["richting"].iloc[0])
        )
    return producten


def _euro(bedrag: Decimal) -> str:
    return format_currency(bedrag, "EUR", locale="nl_NL")


def _pct(ratio: Decimal) -> str:
    pct = (100 * ratio).quantize(_TIENDE, rounding=ROUND_HALF_UP)
    return format_decimal(pct, format="+#,##0.0;-#,##0.0", locale="nl_NL") + "%"


def _in_zin(naam: str) -> str:
    """'Kortdurend verblijf' -> 'kortdurend verblijf' inside a sentence; 'OZL 1' unchanged."""
    return naam[0].lower() + naam[1:] if len(naam) > 1 and naam[1].islower() else naam


def _opsomming(delen: Iterable[str], laatste: str = "en") -> str:
    delen = list(delen)
    return delen[0] if len(delen) == 1 else f"{', '.join(delen[:-1])} {laatste} {delen[-1]}"


def uitkomsten(vergelijking: pd.DataFrame, params: Kostprijsparameters) -> list[str]:
    """Dutch summary bullets derived by rule from a `vergelijk` table and the thresholds.

    Rules, in this order: direction per product family; little difference between
    consecutive intensities of a family (< weinig_verschil); one cost price where there are
    several current tariffs; strong rise (>= forse_stijging) and fall (>= forse_daling);
    direction of any other product; new products; products without a cost price.
    """
    producten = _producten(vergelijking)
    families: dict[str, list[tuple[int, _Product]]] = {}
    for p in producten:
        if p.familie and p.enkel:
            families.setdefault(p.familie[0], []).append((p.familie[1], p))
    families = {f: sorted(leden) for f, leden in families.items() if len(leden) > 1}
    in_familie = {p.naam for leden in families.values() for _, p in leden}
    bullets = []

    for familie, leden in families.items():
        segmenten: list[tuple[str, list[int]]] = []
        for intensiteit, p in leden:
            if segmenten and segmenten[-1][0] == p.richting:
                segmenten[-1][1].append(intensiteit)
            else:
                segmenten.append((p.richting, [intensiteit]))
        bullets.append(
            "Kostprijs "
            + ", ".join(f"{familie} {', '.join(map(str, i))} {r}" for r, i in segmenten)
        )

    for familie, leden in families.items():
        reeksen: list[list[int]] = []
        for (i1, p1), (i2, p2) in pairwise(leden):
            if abs(p2.kostprijs - p1.kostprijs) < params.weinig_verschil * p1.kostprijs:
                if reeksen and reeksen[-1][-1] == i1:
                    reeksen[-1].append(i2)
                else:
                    reeksen.append([i1, i2])
        bullets += [f"Weinig verschil {familie} {_opsomming(map(str, r), '&')}" for r in reeksen]

    for p in producten:
        if p.kostprijs is not None and len(p.tarieven) > 1:
            bullets.append(
                f"Eén kostprijs voor {_in_zin(p.naam)}: {_euro(p.kostprijs)} tegenover "
                f"nu {len(p.tarieven)} tarieven ({_opsomming(map(_euro, p.tarieven))})"
            )

    enkel = [p for p in producten if p.enkel]
    forse_stijging = [p for p in enkel if p.ratio >= params.forse_stijging]
    forse_daling = [p for p in enkel if -p.ratio >= params.forse_daling]
    for woord, groep in (("stijging", forse_stijging), ("daling", forse_daling)):
        if groep:
            bullets.append(
                f"Forse {woord} kostprijs "
                + _opsomming(f"{_in_zin(p.naam)} ({_pct(p.ratio)})" for p in groep)
            )

    genoemd = in_familie | {p.naam for p in forse_stijging + forse_daling}
    for p in enkel:
        if p.naam not in genoemd:
            pct = f" ({_pct(p.ratio)})" if p.richting != GELIJK else ""
            bullets.append(f"Kostprijs {_in_zin(p.naam)} {p.richting}{pct}")

    nieuw = [p for p in producten if p.richting == NIEUW]
    if nieuw:
        bullets.append(
            "Nieuw, nog zonder huidig tarief: "
            + _opsomming(f"{_in_zin(p.naam)} (kostprijs {_euro(p.kostprijs)})" for p in nieuw)
        )
    zonder = [p for p in producten if p.kostprijs is None]
    if zonder:
        bullets.append(
            "Geen kostprijs berekend voor " + _opsomming(_in_zin(p.naam) for p in zonder)
        )
    return bullets
