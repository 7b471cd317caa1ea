"""Figures for the reports, with Dutch number formats on the axes and a Dutch alt text.

Each function returns a `Figuur`: the image and a sentence that says what it shows, with its
figures, for readers who cannot see it (screen readers, and the report's alt attribute).
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from decimal import Decimal

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from kostprijs.onderzoek.onthulling import MARKER
from kostprijs.onderzoek.tarieven import tarieflijnen
from kostprijs.opmaak import euro, getal, procent

KLEUREN = ["#1f4e79", "#c55a11", "#7f7f7f", "#548235"]


@dataclass(frozen=True)
class Figuur:
    """A report figure: the matplotlib figure and its Dutch alt text. Shown by `display`."""

    fig: Figure
    alt: str

    def __post_init__(self):
        plt.close(self.fig)  # shown once, through _repr_mimebundle_, not by the inline backend

    def png(self) -> bytes:
        buffer = io.BytesIO()
        self.fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight", metadata={})
        return buffer.getvalue()

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {"image/png": base64.b64encode(self.png()).decode("ascii"), "text/plain": self.alt}
        return data, {"image/png": {"alt": self.alt}}


def _opsomming(delen: list[str]) -> str:
    return "; ".join(delen) + "." if delen else "geen gegevens."


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
) -> Figuur:
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
    bij = tabel[tabel["gebruiksfactor"] == huidige_factor]
    waarden = [
        f"{naam} {euro(int(bij[naam].iloc[0]), centen=True, heel=True)}"
        for naam in scenarios
        if len(bij)
    ]
    alt = (
        f"Lijndiagram van de kosten per jaar bij een gebruiksfactor van "
        f"{procent(tabel['gebruiksfactor'].min(), 0)} tot {procent(tabel['gebruiksfactor'].max(), 0)}"
        f", voor {', '.join(scenarios)}. Bij {procent(huidige_factor, 0)}: "
        + (", ".join(waarden) if waarden else "niet berekend")
        + f". Stippellijn: {realisatie_label}, {euro(realisatie_centen, centen=True, heel=True)}."
        + (
            f" Budgetneutraal bij {procent(neutrale_factor, 1)}."
            if neutrale_factor is not None
            else ""
        )
    )
    return Figuur(fig, alt)


def gebruiksfactor_figuur(tabel: pd.DataFrame, norm: Decimal) -> Figuur:
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
    alt = (
        f"Staafdiagram van het gerealiseerde deel van de indicatie per product, met de norm van {procent(norm, 0)} als stippellijn: "
        + _opsomming(
            [f"{r.productspecificatie} {procent(r.gebruiksfactor, 1)}" for r in tabel.itertuples()]
        )
    )
    return Figuur(fig, alt)


def kostprijzen_per_aanbieder_figuur(per_aanbieder: pd.DataFrame) -> Figuur:
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
    # 1-2-5 steps in every decade, so a range within one decade still gets several labels
    ax.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"€ {getal(v, 0)}"))
    ax.set_xlabel("kostprijs per eenheid (logaritmische schaal)")
    ax.set_ylabel("")
    ax.set_title("Kostprijs per aanbieder (intern)")
    fig.tight_layout()
    per_product = punten.groupby("productspecificatie", sort=False)["kostprijs"]
    alt = (
        "Puntdiagram van de kostprijs per eenheid van elke aanbieder, per product "
        "(logaritmische schaal): "
        + _opsomming(
            [
                f"{p} {len(w)} aanbieders van € {getal(w.min(), 2)} tot € {getal(w.max(), 2)}"
                for p, w in per_product
            ]
        )
    )
    return Figuur(fig, alt)


def gemiddelde_kostprijzen_figuur(publiek: pd.DataFrame) -> Figuur:
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
    alt = "Staafdiagram van de gemiddelde kostprijs per eenheid per product: " + _opsomming(
        [f"{r.productspecificatie} {euro(r.kostprijs)}" for r in zichtbaar.itertuples()]
    )
    return Figuur(fig, alt)


def vergelijking_figuur(vergelijking: pd.DataFrame) -> Figuur:
    """Horizontal bars of the cost price per product, current tariffs as black markers.

    Aggregates only (fit for the inkooptafel).
    """
    _stijl()
    producten = tarieflijnen(vergelijking)
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(producten) + 1.6))
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
    ax.set_title("Gemiddelde kostprijs (balk) en huidig tarief (streep)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
    fig.tight_layout()
    delen = []
    for p in producten:
        kostprijs = (
            "kostprijs niet getoond" if p.kostprijs is None else f"kostprijs {euro(p.kostprijs)}"
        )
        tarief = (
            "geen huidig tarief"
            if not p.tarieven
            else "huidig tarief " + " en ".join(euro(t) for t in p.tarieven)
        )
        delen.append(f"{p.naam} {kostprijs}, {tarief}")
    alt = (
        "Staafdiagram van de gemiddelde kostprijs per product, met het huidige tarief als "
        "streep: " + _opsomming(delen)
    )
    return Figuur(fig, alt)


def resultaat_heatmap(waarden: pd.DataFrame, per: str) -> Figuur:
    """The result matrix as a heat map: sub-results in rows, zelfredzaamheid in columns, the
    tariff in each cell ('*' from a larger group, 'x' none, '-' not bought)."""
    _stijl()
    tabel = waarden.pivot(index="subresultaat", columns="zelfredzaamheid", values="tarief")
    tekens = waarden.pivot(index="subresultaat", columns="zelfredzaamheid", values="teken")
    rijen = list(dict.fromkeys(waarden["subresultaat"]))
    kolommen = list(dict.fromkeys(waarden["zelfredzaamheid"]))
    tabel, tekens = tabel.loc[rijen, kolommen], tekens.loc[rijen, kolommen]
    labels = tabel.copy().astype(object)
    for r in rijen:
        for k in kolommen:
            t, teken = tabel.loc[r, k], tekens.loc[r, k]
            labels.loc[r, k] = teken if pd.isna(t) else f"€ {getal(t, 0)}{teken}"
    fig, ax = plt.subplots(figsize=(6.5, 0.42 * len(rijen) + 1.6))
    sns.heatmap(
        tabel.astype(float),
        annot=labels.to_numpy(),
        fmt="",
        cmap="Blues",
        cbar_kws={"label": "tarief per periode" if per == "periode" else "trajectprijs"},
        linewidths=0.5,
        ax=ax,
    )
    ax.collections[0].colorbar.ax.yaxis.set_major_formatter(
        FuncFormatter(lambda v, _p: f"€ {getal(v, 0)}")
    )
    ax.set_xlabel("afstand tot het resultaat (zelfredzaamheid)")
    ax.set_ylabel("resultaatgebied")
    ax.tick_params(axis="y", rotation=0)
    fig.tight_layout()
    delen = [
        f"{r} {k}: "
        + (
            "niet ingekocht"
            if tekens.loc[r, k] == "-"
            else "geen tarief"
            if pd.isna(tabel.loc[r, k])
            else f"€ {getal(tabel.loc[r, k], 2)}"
            + (" (grotere groep)" if tekens.loc[r, k] == "*" else "")
        )
        for r in rijen
        for k in kolommen
    ]
    eenheid = "per periode" if per == "periode" else "per traject"
    return Figuur(
        fig,
        f"Heatmap van het tarief {eenheid} per cel van de resultaatmatrix: " + _opsomming(delen),
    )


def scenario_figuur(tabel: pd.DataFrame) -> Figuur:
    """Grouped horizontal bars: per product the change of each scenario's tarief against the
    current tarief. `tabel` as `publicatie.scenariocijfers.tarieven_tabel`; hidden tarieven,
    and products without one current tarief, are left out."""
    _stijl()
    bruikbaar = tabel[tabel["Huidig tarief"].map(lambda v: isinstance(v, int))]
    scenarios = [
        k for k in tabel.columns[2:] if bruikbaar[k].map(lambda v: isinstance(v, int)).any()
    ]
    producten = list(bruikbaar["Productspecificatie"])
    fig, ax = plt.subplots(figsize=(8, 0.2 * len(producten) * len(scenarios) + 1.6))
    hoogte = 0.8 / max(len(scenarios), 1)
    delen = []
    for j, naam in enumerate(scenarios):
        ys, xs = [], []
        for i, r in enumerate(bruikbaar.itertuples(index=False)):
            waarde = r[list(tabel.columns).index(naam)]
            if isinstance(waarde, int):
                ys.append(len(producten) - 1 - i + 0.4 - (j + 0.5) * hoogte)
                xs.append(waarde / r[1] - 1)
                delen.append(f"{r[0]} {naam} {procent(waarde / r[1] - 1, 1, teken=True)}")
        ax.barh(ys, xs, height=hoogte, label=naam, color=KLEUREN[j % len(KLEUREN)])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(range(len(producten))[::-1], producten)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: procent(v, 0)))
    ax.set_xlabel("wijziging tegenover het huidige tarief")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=9, frameon=False)
    fig.tight_layout()
    alt = (
        "Staafdiagram van de wijziging van het tarief per product en scenario tegenover het "
        "huidige tarief: " + _opsomming(delen)
    )
    return Figuur(fig, alt)


def index_figuur(tabel: pd.DataFrame, eigen_index) -> Figuur:
    """Jaartotaal against the index of the tariff year, per published column of
    `publicatie.scenariocijfers.indextabel`; a vertical line at the parameters' figure."""
    _stijl()
    fig, ax = plt.subplots(figsize=(8, 4))
    x = tabel["Indexatie tariefjaar"].astype(float)
    kolommen = [k for k in tabel.columns[1:] if not (tabel[k] == MARKER).any()]
    for k in kolommen:
        ax.plot(x, tabel[k].astype(float), marker="o", label=k)
    ax.axvline(float(eigen_index), color="#999999", linewidth=1)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: procent(v, 0)))
    ax.set_xlabel("indexatie van het tariefjaar")
    ax.set_ylabel("kosten per jaar")
    if kolommen:
        ax.yaxis.set_major_formatter(FuncFormatter(_miljoenen))
        ax.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize=9, frameon=False
        )
    else:
        ax.set_yticks([])
        ax.text(0.5, 0.5, "geen bedragen te tonen (x)", ha="center", va="center",
                transform=ax.transAxes)  # fmt: skip
    fig.tight_layout()
    delen = [
        f"{k} van {euro(int(tabel[k].iloc[0]), centen=True, heel=True)} bij "
        f"{procent(x.iloc[0], 0)} tot {euro(int(tabel[k].iloc[-1]), centen=True, heel=True)} "
        f"bij {procent(x.iloc[-1], 0)}"
        for k in kolommen
    ]
    alt = (
        "Lijndiagram van de kosten per jaar bij indexcijfers voor het tariefjaar van "
        f"{procent(x.min(), 0)} tot {procent(x.max(), 0)}: "
        + (_opsomming(delen) if delen else "geen bedragen te tonen (onthullingsbeheersing).")
    )
    return Figuur(fig, alt)
