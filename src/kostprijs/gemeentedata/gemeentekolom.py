"""The column `gemeente` of a region's tables: which member municipality a row is for.

A row names its municipality by name or CBS gemeentecode (`parameters.regio`); a row for a
municipality outside the region, or without one, is refused with file and row. A table of a
single municipality (no section regio) has no such column.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kostprijs.bestanden.getallen import rijfout
from kostprijs.fouten import InvoerFout
from kostprijs.gemeentedata.tabellezer import per_waarde
from kostprijs.parameters.regio import Regio

KOLOM = "gemeente"


def optioneel(regio: Regio | None) -> tuple[str, ...]:
    """The column to read besides a table's own: `gemeente` for a region."""
    return (KOLOM,) if regio is not None else ()


def gemeente_codes(df: pd.DataFrame, regio: Regio | None) -> np.ndarray | None:
    """Per row the position of its municipality in `regio.gemeenten` (int16); None for a
    single municipality. InvoerFout names the first row without a member of the region."""
    if regio is None:
        return None
    if KOLOM not in df.attrs.get("kolommen", ()):
        raise InvoerFout(
            f"kolom '{KOLOM}' ontbreekt: de parameters beschrijven {regio.naam}, een regio, dus elke "
            "rij zegt voor welke gemeente hij is.",
            bestand=df.attrs.get("bestand"),
            rij=1,
            actie="Zet een kolom gemeente in de eerste rij, met per rij de naam of de "
            f"CBS-code van de gemeente ({', '.join(regio.namen)}).",
        )
    plek = per_waarde(df[KOLOM].to_numpy(), lambda w: -1 if (i := regio.plek(w)) is None else i)
    plek = plek.astype(np.int16)
    buiten = plek < 0
    if buiten.any():
        waarden = df[KOLOM].to_numpy()
        raise rijfout(
            df,
            buiten,
            KOLOM,
            lambda i: (
                f"gemeente '{waarden[i]}' hoort niet bij {regio.naam}."
                if str(waarden[i]).strip()
                else "de gemeente ontbreekt."
            ),
            "Vul de naam of de CBS-code van een gemeente van de regio in ("
            + ", ".join(f"{g.naam} {g.cbs}" for g in regio.gemeenten)
            + "), of neem de rij niet op als de gemeente niet meedoet.",
        )
    return plek
