"""The tariff comparison in Dutch summary bullets, derived by rule."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

import pandas as pd

from kostprijs.onderzoek.tarieven import GELIJK, NIEUW, Tarieflijn, tarieflijnen
from kostprijs.opmaak import euro, in_zin, opsomming, procent
from kostprijs.parameters import Jaarparameters, Kostprijsparameters


def bij_onderzoek(onderzoek, params: Jaarparameters) -> list[str]:
    """The bullets of a research's comparison, over the lines the inkooptafel may see."""
    return uitkomsten(onderzoek.zichtbare_vergelijking, params.kostprijs)


def _procent(ratio: Decimal) -> str:
    return procent(ratio, 1, teken=True)


def uitkomsten(vergelijking: pd.DataFrame, params: Kostprijsparameters) -> list[str]:
    """Dutch summary bullets derived by rule from a `vergelijk` table and the thresholds.

    Rules, in this order: direction per product family; little difference between
    consecutive intensities of a family (< weinig_verschil); one cost price where there are
    several current tariffs; strong rise (>= forse_stijging) and fall (>= forse_daling);
    direction of any other product; new products; products without a cost price.
    """
    producten = tarieflijnen(vergelijking)
    families: dict[str, list[tuple[str, Tarieflijn]]] = {}
    for p in producten:  # in catalogue order, which is the order of intensity
        if p.familie and p.enkel:
            families.setdefault(p.familie, []).append((p.intensiteit, p))
    families = {f: leden for f, leden in families.items() if len(leden) > 1}
    in_familie = {p.naam for leden in families.values() for _, p in leden}
    bullets = []

    for familie, leden in families.items():
        segmenten: list[tuple[str, list[str]]] = []
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
        reeksen: list[list[str]] = []
        for (i1, p1), (i2, p2) in pairwise(leden):
            if abs(p2.kostprijs - p1.kostprijs) < params.weinig_verschil * p1.kostprijs:
                if reeksen and reeksen[-1][-1] == i1:
                    reeksen[-1].append(i2)
                else:
                    reeksen.append([i1, i2])
        bullets += [f"Weinig verschil {familie} {opsomming(map(str, r), '&')}" for r in reeksen]

    for p in producten:
        if p.kostprijs is not None and len(p.tarieven) > 1:
            bullets.append(
                f"Eén kostprijs voor {in_zin(p.naam)}: {euro(p.kostprijs)} tegenover "
                f"nu {len(p.tarieven)} tarieven ({opsomming(map(euro, p.tarieven))})"
            )

    enkel = [p for p in producten if p.enkel]
    forse_stijging = [p for p in enkel if p.ratio >= params.forse_stijging]
    forse_daling = [p for p in enkel if -p.ratio >= params.forse_daling]
    for woord, groep in (("stijging", forse_stijging), ("daling", forse_daling)):
        if groep:
            bullets.append(
                f"Forse {woord} kostprijs "
                + opsomming(f"{in_zin(p.naam)} ({_procent(p.ratio)})" for p in groep)
            )

    genoemd = in_familie | {p.naam for p in forse_stijging + forse_daling}
    for p in enkel:
        if p.naam not in genoemd:
            pct = f" ({_procent(p.ratio)})" if p.richting != GELIJK else ""
            bullets.append(f"Kostprijs {in_zin(p.naam)} {p.richting}{pct}")

    nieuw = [p for p in producten if p.richting == NIEUW]
    if nieuw:
        bullets.append(
            "Nieuw, nog zonder huidig tarief: "
            + opsomming(f"{in_zin(p.naam)} (kostprijs {euro(p.kostprijs)})" for p in nieuw)
        )
    zonder = [p for p in producten if p.kostprijs is None]
    if zonder:
        bullets.append("Geen kostprijs berekend voor " + opsomming(in_zin(p.naam) for p in zonder))
    return bullets
