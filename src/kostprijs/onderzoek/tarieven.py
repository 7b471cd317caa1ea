"""Tariff comparison: current tariffs against average cost prices (its Dutch summary is
`rapport.teksten.vergelijkingsteksten`).

Amounts are Decimals in euros with at most two decimals. `verschil` is exact (a difference
of cents); `verschil_pct` is rounded half up to one decimal for display only: every rule
compares the exact ratio `verschil / huidig_tarief` with its threshold.

A tariff line is a product, or a variant of one (a distance band): a variant's cost price is
the product's cost price x the variant's factor from the catalogue. Products that differ only
in intensity are grouped by the catalogue's `familie` and `intensiteit` fields (never by
their names) for the family bullets ("Kostprijs AB 1, 2 omhoog, AB 3 omlaag").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd

from kostprijs.bestanden.getallen import getal
from kostprijs.fouten import InvoerFout
from kostprijs.geld import CENT, afronden_op_centen
from kostprijs.gemeentedata.tabellezer import lees_tabel
from kostprijs.parameters import Product
from kostprijs.tarieflijst import regelnaam

KOLOMMEN = [
    "regel",
    "productspecificatie",
    "variant",
    "huidig_tarief",
    "kostprijs",
    "verschil",
    "verschil_pct",
    "richting",
    "familie",
    "intensiteit",
]
OMHOOG, OMLAAG, GELIJK, NIEUW, GEEN_KOSTPRIJS = (
    "omhoog",
    "omlaag",
    "gelijk",
    "nieuw",
    "geen kostprijs",
)
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


@dataclass(frozen=True)
class _Regel:
    """A tariff line of the comparison: product, variant, its cost-price factor and family."""

    productspecificatie: str
    variant: str = ""
    factor: Decimal = Decimal(1)
    familie: str | None = None
    intensiteit: str | None = None

    @property
    def naam(self) -> str:
        return regelnaam(self.productspecificatie, self.variant)


def _regels(catalogus: Sequence[Product], namen: Iterable[str]) -> list[_Regel]:
    """The tariff lines: the catalogue's in its order, then other product names as they come."""
    regels = []
    for p in catalogus:
        if p.varianten:
            regels += [_Regel(p.productspecificatie, v.naam, v.factor) for v in p.varianten]
        else:
            regels.append(_Regel(p.productspecificatie, "", Decimal(1), p.familie, p.intensiteit))
    bekend = {p.productspecificatie for p in catalogus}
    regels += [_Regel(n) for n in dict.fromkeys(namen) if n not in bekend]
    return regels


def vergelijk(
    tarieven: pd.DataFrame,
    kostprijzen: pd.DataFrame,
    tolerantie: Decimal,
    catalogus: Sequence[Product] = (),
) -> pd.DataFrame:
    """One row per tariff line and current tariff (a new line: one row without tariff).

    tarieven: productspecificatie, tarief (Decimal), optional variant; several rows per line
    allowed (ZIN tarieven only). kostprijzen: productspecificatie, kostprijs (Decimal; one per
    product). Returns KOLOMMEN; missing values are None. Order: the catalogue's, then other
    products with a cost price, then products that only have a tariff; tariffs ascending.
    """
    dubbel = kostprijzen["productspecificatie"].duplicated()
    if dubbel.any():
        raise ValueError(
            f"kostprijs dubbel voor {', '.join(kostprijzen.loc[dubbel, 'productspecificatie'])}"
        )
    kp = dict(zip(kostprijzen["productspecificatie"], kostprijzen["kostprijs"], strict=True))
    varianten = tarieven["variant"] if "variant" in tarieven else [""] * len(tarieven)
    per_regel: dict[tuple[str, str], list[Decimal]] = {}
    for product, variant, tarief in zip(
        tarieven["productspecificatie"], varianten, tarieven["tarief"], strict=True
    ):
        per_regel.setdefault((product, variant), []).append(tarief)
    namen = [*kp, *(p for p, _ in per_regel)]
    rijen = []
    for regel in _regels(catalogus, namen):
        basis = kp.get(regel.productspecificatie)
        kostprijs = None if basis is None else afronden_op_centen(basis * regel.factor)
        huidig = sorted(per_regel.get((regel.productspecificatie, regel.variant), []))
        if kostprijs is None and not huidig:
            continue
        for tarief in huidig or [None]:
            compleet = tarief is not None and kostprijs is not None
            rijen.append(
                {
                    "regel": regel.naam,
                    "productspecificatie": regel.productspecificatie,
                    "variant": regel.variant,
                    "huidig_tarief": tarief,
                    "kostprijs": kostprijs,
                    "verschil": kostprijs - tarief if compleet else None,
                    "verschil_pct": verschil_pct(tarief, kostprijs) if compleet else None,
                    "richting": richting(tarief, kostprijs, tolerantie),
                    "familie": regel.familie,
                    "intensiteit": regel.intensiteit,
                }
            )
    return pd.DataFrame(rijen, columns=KOLOMMEN)


def voorgestelde_tarieven(
    kostprijzen: pd.DataFrame, indexatie: Decimal, catalogus: Sequence[Product] = ()
) -> pd.DataFrame:
    """Proposed ZIN tariff per tariff line: kostprijs x factor x (1 + indexatie), rounded half
    up to the cent once.

    Returns regel (display name), productspecificatie, variant, kostprijs (of the line),
    indexatie, voorgesteld_tarief.
    """
    kp = dict(zip(kostprijzen["productspecificatie"], kostprijzen["kostprijs"], strict=True))
    rijen = []
    for regel in _regels(catalogus, kp):
        if regel.productspecificatie not in kp:
            continue
        basis = kp[regel.productspecificatie]
        rijen.append(
            {
                "regel": regel.naam,
                "productspecificatie": regel.productspecificatie,
                "variant": regel.variant,
                "kostprijs": afronden_op_centen(basis * regel.factor),
                "indexatie": indexatie,
                "voorgesteld_tarief": afronden_op_centen(basis * regel.factor * (1 + indexatie)),
            }
        )
    return pd.DataFrame(
        rijen,
        columns=[
            "regel",
            "productspecificatie",
            "variant",
            "kostprijs",
            "indexatie",
            "voorgesteld_tarief",
        ],
    )


# --- input files (kostprijs vergelijk) ------------------------------------------------------


def lees_kostprijzen(pad: Path, catalogus: Sequence[Product]) -> pd.DataFrame:
    """kostprijzen file: productspecificatie, kostprijs (one row per product of the catalogue)."""
    df = lees_tabel(pad, ["productspecificatie", "kostprijs"])
    bekend = [p.productspecificatie for p in catalogus]
    for i, naam in enumerate(df["productspecificatie"]):
        if naam not in bekend:
            raise InvoerFout(
                f"onbekende productspecificatie '{naam}'.",
                bestand=pad,
                rij=int(df["_rij"].iat[i]),
                kolom="productspecificatie",
                actie=f"Kies uit: {', '.join(bekend)}.",
            )
    bedragen = getal(df, "kostprijs", minimum=Decimal(0))
    for i, b in enumerate(bedragen):
        if b == 0 or b != b.quantize(CENT):
            raise InvoerFout(
                f"{df['kostprijs'].iat[i]} is geen bedrag in hele centen groter dan 0.",
                bestand=pad,
                rij=int(df["_rij"].iat[i]),
                kolom="kostprijs",
            )
    df["kostprijs"] = [b.quantize(CENT) for b in bedragen]
    dubbel = df["productspecificatie"].duplicated()
    if dubbel.any():
        i = int(dubbel.to_numpy().nonzero()[0][0])
        raise InvoerFout(
            f"{df['productspecificatie'].iat[i]} staat er twee keer in; één kostprijs per product.",
            bestand=pad,
            rij=int(df["_rij"].iat[i]),
            kolom="productspecificatie",
        )
    return df


# --- summary bullets ------------------------------------------------------------------------


@dataclass(frozen=True)
class Tarieflijn:
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

    familie: str | None = None
    intensiteit: str | None = None


def tarieflijnen(vergelijking: pd.DataFrame) -> list[Tarieflijn]:
    producten = []
    for naam, groep in vergelijking.groupby("regel", sort=False):
        tarieven = tuple(t for t in groep["huidig_tarief"] if t is not None)
        eerste = groep.iloc[0]
        producten.append(
            Tarieflijn(
                naam,
                eerste["kostprijs"],
                tarieven,
                eerste["richting"],
                eerste.get("familie"),
                eerste.get("intensiteit"),
            )
        )
    return producten
