"""What the template's formula cells should show, by the project's own cost-price formulas.

Ingestion compares a formula cell's stored result (or a number typed over it) with this,
and the sample writes it as the stored result; both use `onderzoek.per_aanbieder`, the one
implementation of loonkosten per fte and productieve uren.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from kostprijs.onderzoek.per_aanbieder import loonkosten_per_fte, uren_na_aftrek
from kostprijs.sjabloon.indeling import (
    NIET_PRODUCTIEF,
    PERSONEEL,
    PERSONEEL_KOLOMMEN,
    Indeling,
    slug,
)


def _decimaal(waarde: Fraction) -> Decimal:
    return Decimal(waarde.numerator) / Decimal(waarde.denominator)


def bereken_formules(ind: Indeling, waarden: dict[str, Decimal | None]) -> dict[str, Decimal]:
    """The value of each formula cell whose inputs are all filled in."""
    uit: dict[str, Decimal] = {}
    for v in ind.velden:
        if v.soort != "formule":
            continue
        if v.blad == PERSONEEL:
            p = f"functie_{v.functie:02d}_"
            d = [waarden.get(p + k) for k in PERSONEEL_KOLOMMEN[2:]]
            if all(isinstance(x, Decimal) for x in d):
                uit[v.naam] = _decimaal(loonkosten_per_fte(*d))
        else:
            p = f"bs_{slug(v.product)}_"
            d = [waarden.get(p + k) for k in ("jaaruren", *NIET_PRODUCTIEF)]
            if all(isinstance(x, Decimal) for x in d):
                uit[v.naam] = _decimaal(uren_na_aftrek(*d))
    return uit
