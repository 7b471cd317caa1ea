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
from pathlib import Path

import pandas as pd
from babel.numbers import format_currency, format_decimal

from kostprijs.config import Kostprijsparameters
from kostprijs.fouten import InvoerFout
from kostprijs.geld import afronden_op_centen
from kostprijs.tabellen import getal, lees_tabel

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


# --- input files (kostprijs vergelijk) ------------------------------------------------------


def _fout(df: pd.DataFrame, i: int, kolom: str, melding: str) -> InvoerFout:
    return InvoerFout(
        melding, bestand=df.attrs.get("bestand"), rij=int(df["_rij"].iloc[i]), kolom=kolom
    )


def _bedragen(df: pd.DataFrame, kolom: str) -> list[Decimal]:
    """The column as euro amounts: > 0 and at most two decimals; errors name the row."""
    bedragen = getal(df, kolom, minimum=Decimal(0))
    for i, b in enumerate(bedragen):
        if b == 0:
            raise _fout(df, i, kolom, "een bedrag van 0 kan niet; laat de rij weg.")
        if b != b.quantize(Decimal("0.01")):
            tekst = df[kolom].iloc[i]
            raise _fout(df, i, kolom, f"{tekst} heeft meer dan 2 decimalen (hele centen).")
    return [b.quantize(Decimal("0.01")) for b in bedragen]


def _namen(df: pd.DataFrame) -> None:
    for i, naam in enumerate(df["productspecificatie"]):
        if not naam:
            raise _fout(df, i, "productspecificatie", "de productspecificatie is leeg.")


def lees_huidige_tarieven(pad: Path) -> pd.DataFrame:
    """tarieven file: productspecificatie, eenheid, tarief; several rows per product allowed.

    An empty tarief means: no current tariff (the row is left out). Returns
    productspecificatie, eenheid, tarief (Decimal), _rij.
    """
    df = lees_tabel(pad, ["productspecificatie", "eenheid", "tarief"])
    _namen(df)
    df = df[df["tarief"] != ""].reset_index(drop=True)
    tekst = list(df["tarief"])
    df["tarief"] = _bedragen(df, "tarief")
    eerste: dict[str, tuple[str, Decimal | None]] = {}
    gezien: set[tuple[str, Decimal]] = set()
    for i, (naam, eenheid, tarief) in enumerate(
        zip(df["productspecificatie"], df["eenheid"], df["tarief"], strict=True)
    ):
        if naam in eerste and eerste[naam][0] != eenheid:
            raise _fout(
                df,
                i,
                "eenheid",
                f"{naam} heeft hier eenheid '{eenheid}' en eerder '{eerste[naam][0]}'.",
            )
        if (naam, tarief) in gezien:
            raise _fout(df, i, "tarief", f"het tarief {tekst[i]} voor {naam} staat er al.")
        eerste.setdefault(naam, (eenheid, tarief))
        gezien.add((naam, tarief))
    return df


def lees_kostprijzen(pad: Path) -> pd.DataFrame:
    """kostprijzen file: productspecificatie, kostprijs (one row per product)."""
    df = lees_tabel(pad, ["productspecificatie", "kostprijs"])
    _namen(df)
    df["kostprijs"] = _bedragen(df, "kostprijs")
    dubbel = df["productspecificatie"].duplicated()
    if dubbel.any():
        i = int(dubbel.to_numpy().nonzero()[0][0])
        naam = df["productspecificatie"].iloc[i]
        raise _fout(
            df,
            i,
            "productspecificatie",
            f"{naam} staat er twee keer in; één kostprijs per product.",
        )
    return df


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


# --- plot -----------------------------------------------------------------------------------


def plot_vergelijking(vergelijking: pd.DataFrame, ax=None):
    """Horizontal bars of the cost price per product, current tariffs as black markers.

    Aggregates only (fit for the inkooptafel). Returns the matplotlib Axes; the caller
    shows or saves the figure (no backend is forced).
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    producten = _producten(vergelijking)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.45 * len(producten) + 1.2))
    y = list(range(len(producten)))[::-1]
    ax.barh(
        y,
        [float(p.kostprijs) if p.kostprijs is not None else 0 for p in producten],
        color="#7aa6c2",
        label="kostprijs",
    )
    tx = [(float(t), yi) for p, yi in zip(producten, y, strict=True) for t in p.tarieven]
    if tx:
        ax.scatter(
            [t for t, _ in tx],
            [yi for _, yi in tx],
            color="black",
            marker="|",
            s=300,
            label="huidig tarief",
            zorder=3,
        )
    ax.set_yticks(y, [p.naam for p in producten])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: _euro(Decimal(round(x)))[:-3]))
    ax.set_xlabel("euro per eenheid")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
    return ax
