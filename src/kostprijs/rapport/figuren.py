"""Figures for the reports, with Dutch number formats on the axes."""

from __future__ import annotations

from decimal import Decimal

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullFormatter

from kostprijs.onderzoek.onthulling import MARKER
from kostprijs.onderzoek.tarieven import tarieflijnen
from kostprijs.opmaak import euro, getal, procent

KLEUREN = ["#1f4e79", "#c55a11", "#7f7f7f", "#548235"]


def _stijl() -> None:
    sns.set_theme(style="whitegrid", palette=KLEUREN, font="DejaVu Sans")


def _miljoenen(centen: float, _pos=None) -> str:
    """Axis label for an amount in cents: '€ 15,4 mln'."""
    return f"€ {getal(centen / 100 / 1e6, 1)} mln"


def gevoeligheid_figuur(
    tabel: pd.DataFrame,
    scenarios: list[str],
    realisatie_centen: int,
    realisatie_label: str,
    huidige_factor: Decimal,
    neutrale_factor: Decimal | None,
) -> Figure:
    """Jaartotaal against the gebruiksfactor per scenario, with last year's spending."""
    _stijl()
    fig, ax = plt.subplots(figsize=(8, 4.5))
    x = tabel["gebruiksfactor"].astype(float)
    for naam in scenarios:
        ax.plot(x, tabel[naam].astype(float), marker="o", label=naam)
    ax.axhline(realisatie_centen, color=KLEUREN[2], linestyle="--", label=realisatie_label)
    ax.axvline(float(huidige_factor), color="#999999", linewidth=1)
    if neutrale_factor is not None:
        ax.plot(
            [float(neutrale_factor)],
            [realisatie_centen],
            "D",
            color=KLEUREN[3],
            label=f"budgetneutraal: {procent(neutrale_factor, 1)}",
        )
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: procent(v, 0)))
    ax.yaxis.set_major_formatter(FuncFormatter(_miljoenen))
    ax.set_xlabel("gebruiksfactor")
    ax.set_ylabel("kosten per jaar")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize=9, frameon=False)
    fig.tight_layout()
    return fig


def gebruiksfactor_figuur(tabel: pd.DataFrame, norm: Decimal) -> Figure:
    """Empirical usage factor per product against the norm."""
    _stijl()
    fig, ax = plt.subplots(figsize=(8, 4))
    sns.barplot(data=tabel, y="productspecificatie", x="gebruiksfactor", color=KLEUREN[0], ax=ax)
    ax.axvline(float(norm), color=KLEUREN[1], linestyle="--", label=f"norm {procent(norm, 0)}")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: procent(v, 0)))
    ax.set_xlabel("gerealiseerd deel van de indicatie")
    ax.set_ylabel("")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2, frameon=False)
    fig.tight_layout()
    return fig


def kostprijzen_per_aanbieder_figuur(per_aanbieder: pd.DataFrame) -> Figure:
    """Each provider's cost price per product as a point (internal reports only).

    No random jitter, so the same data give the same image.
    """
    _stijl()
    punten = per_aanbieder.dropna(subset=["kostprijs_bouwstenen"])
    punten = punten.assign(kostprijs=punten["kostprijs_bouwstenen"].astype(float))
    fig, ax = plt.subplots(figsize=(8, 5))
    sns.stripplot(
        data=punten,
        y="productspecificatie",
        x="kostprijs",
        ax=ax,
        color=KLEUREN[0],
        size=6,
        jitter=False,
        alpha=0.7,
    )
    ax.set_xscale("log")
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"€ {getal(v, 0)}"))
    ax.set_xlabel("kostprijs per eenheid (logaritmische schaal)")
    ax.set_ylabel("")
    ax.set_title("Kostprijs per aanbieder (intern)")
    fig.tight_layout()
    return fig


def gemiddelde_kostprijzen_figuur(publiek: pd.DataFrame) -> Figure:
    """Average cost price per product (inkooptafel): bars, suppressed products left out."""
    _stijl()
    zichtbaar = publiek[publiek["kostprijs"] != MARKER]
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(zichtbaar) + 1.2))
    y = list(range(len(zichtbaar)))[::-1]
    ax.barh(y, [float(v) for v in zichtbaar["kostprijs"]], color=KLEUREN[0])
    ax.set_yticks(y, zichtbaar["productspecificatie"])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"€ {getal(v, 0)}"))
    ax.set_xlabel("gemiddelde kostprijs per eenheid")
    ax.set_title("Gemiddelde kostprijs per product")
    fig.tight_layout()
    return fig


def vergelijking_figuur(vergelijking: pd.DataFrame, ax=None):
    """Horizontal bars of the cost price per product, current tariffs as black markers.

    Aggregates only (fit for the inkooptafel). Returns the matplotlib Axes; the caller
    shows or saves the figure (no backend is forced).
    """
    producten = tarieflijnen(vergelijking)
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
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: euro(Decimal(round(x)))[:-3]))
    ax.set_xlabel("euro per eenheid")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
    return ax
