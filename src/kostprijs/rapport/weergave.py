"""What a report notebook shows, as values: a table with its formats and title, a block of key
points, Markdown text, a figure. The report modules (`rapport/inhoud/`) build them; a notebook
only passes them to `toon`, one line per section.

    toon(kostprijzenrapport.deelname(r))
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from kostprijs.rapport import tabel
from kostprijs.rapport.start import start

__all__ = [
    "Html",
    "Kern",
    "Lijst",
    "Tabel",
    "start",
    "toon",
]  # a notebook's setup imports start and toon


@dataclass(frozen=True)
class Tabel:
    """A report table: shown in Dutch formats and carried to the Excel export (`tabel.toon`)."""

    df: pd.DataFrame
    formaten: dict = field(default_factory=dict)
    titel: str = ""
    voetnoot: str | None = None
    blad: str | None = None
    op_pagina: int | None = None
    belang: pd.Series | None = None
    breed: bool | None = None


@dataclass(frozen=True)
class Kern:
    """A highlighted block: a bold heading and either a list of points or one sentence."""

    kop: str
    punten: tuple[str, ...] = ()
    zin: str | None = None

    @property
    def html(self) -> str:
        inhoud = f" {tabel.escape(self.zin)}" if self.zin is not None else Lijst(self.punten).html
        return f'<div class="kp-kern"><strong>{tabel.escape(self.kop)}</strong>{inhoud}</div>'


@dataclass(frozen=True)
class Lijst:
    """A bulleted list of plain-text points."""

    punten: tuple[str, ...]

    @property
    def html(self) -> str:
        return "<ul>" + "".join(f"<li>{tabel.escape(p)}</li>" for p in self.punten) + "</ul>"


@dataclass(frozen=True)
class Voetnoot:
    """A note in small print under a table."""

    tekst: str

    @property
    def html(self) -> str:
        return f'<p class="kp-voetnoot">{tabel.escape(self.tekst)}</p>'


@dataclass(frozen=True)
class Html:
    """HTML the package built itself (provider text in it is escaped where it was made)."""

    inhoud: str


def toon(*dingen) -> None:
    """Display each of `dingen` in order: a Tabel, a Kern, a Lijst, a Voetnoot, Html, Markdown text (str), a
    figure, or a list of these; None shows nothing."""
    from IPython.display import HTML, Markdown, display

    for ding in dingen:
        if ding is None:
            continue
        if isinstance(ding, Tabel):
            tabel.toon(
                ding.df,
                ding.formaten,
                titel=ding.titel,
                voetnoot=ding.voetnoot,
                blad=ding.blad,
                op_pagina=ding.op_pagina,
                belang=ding.belang,
                breed=ding.breed,
            )
        elif isinstance(ding, Kern | Lijst | Voetnoot):
            display(HTML(ding.html))
        elif isinstance(ding, Html):
            display(HTML(ding.inhoud))
        elif isinstance(ding, str):
            display(Markdown(ding))
        elif isinstance(ding, Iterable) and not isinstance(ding, pd.DataFrame):
            toon(*ding)
        else:
            display(ding)
