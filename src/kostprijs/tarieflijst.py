"""Tariff lists: reading them (one reader for every command) and looking a tarief up.

A tariff line is keyed by productspecificatie, variant (a distance band, rolstoel; empty when
the product has none) and leveringsvorm (`zin`, or a pgb tier from the parameters). Units are
accepted as published ("per uur", "€ per dagdeel") and must match the catalogue.

A pgb tarief that a list does not give is derived from the ZIN tarief by the parameters'
rule (a percentage, or a fixed amount); a pgb tarief may be lower than, never higher than,
the ZIN tarief: a derived one is capped at it, and every line above it is reported by
`pgb_controle`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from kostprijs.bestanden.getallen import getal
from kostprijs.codering import codeer_rijen
from kostprijs.eenheden import normaliseer_eenheid
from kostprijs.fouten import InvoerFout
from kostprijs.geld import CENT, centen, rond_half_op
from kostprijs.gemeentedata.kolommen import eigen_aliassen
from kostprijs.gemeentedata.tabellezer import lees_tabel
from kostprijs.parameters import ZIN, Jaarparameters, Leveringsvorm

KOLOMMEN = ["productspecificatie", "eenheid", "tarief"]
OPTIONEEL = ("variant", "leveringsvorm", "aandeel")
MAX_TARIEF_CENTEN = 10_000_000  # EUR 100.000 per unit

Sleutel = tuple[str, str, str]  # productspecificatie, variant, leveringsvorm


def regelnaam(product: str, variant: str = "") -> str:
    """The display name of a tariff line: '<product> (<variant>)', or the product alone."""
    return f"{product} ({variant})" if variant else product


def _fout(df: pd.DataFrame, i: int, kolom: str, melding: str, actie: str | None = None):
    return InvoerFout(
        melding,
        bestand=df.attrs.get("bestand"),
        rij=int(df["_rij"].iat[i]),
        kolom=kolom,
        actie=actie,
    )


def lees_tarieven(pad: Path, params: Jaarparameters, *, meerdere: bool = False) -> pd.DataFrame:
    """A tariff list as productspecificatie, variant, leveringsvorm, eenheid, tarief (Decimal),
    tarief_centen, aandeel (Decimal or None).

    `meerdere`: a current list, where one line may have several tarieven (with an optional
    `aandeel` of the volume each) and an empty tarief means the product has no current tarief.
    """
    df = lees_tabel(pad, KOLOMMEN, optioneel=OPTIONEEL, aliassen=eigen_aliassen(params))
    if meerdere:
        df = df[df["tarief"] != ""].reset_index(drop=True)
        if df.empty:
            raise InvoerFout("het bestand bevat geen enkel tarief.", bestand=pad)
    df["leveringsvorm"] = df["leveringsvorm"].where(df["leveringsvorm"] != "", ZIN)
    producten = {p.productspecificatie: p for p in params.catalogus}
    vormen = {lv.naam for lv in params.leveringsvormen}
    for i, r in enumerate(df.itertuples()):
        product = producten.get(r.productspecificatie)
        if not r.productspecificatie:
            raise _fout(df, i, "productspecificatie", "de productspecificatie is leeg.")
        if product is None:
            raise _fout(
                df,
                i,
                "productspecificatie",
                f"onbekende productspecificatie '{r.productspecificatie}'.",
                f"Kies uit: {', '.join(producten)}.",
            )
        eenheid = normaliseer_eenheid(r.eenheid)
        if eenheid != product.eenheid:
            raise _fout(
                df,
                i,
                "eenheid",
                f"eenheid '{r.eenheid}' past niet bij {product.productspecificatie}; "
                f"de catalogus zegt '{product.eenheid}'.",
            )
        namen = [v.naam for v in product.varianten]
        if r.variant and r.variant not in namen:
            raise _fout(
                df,
                i,
                "variant",
                f"{product.productspecificatie} heeft geen variant '{r.variant}'.",
                f"Kies uit: {', '.join(namen)}." if namen else "Laat de variant leeg.",
            )
        if namen and not r.variant:
            raise _fout(
                df,
                i,
                "variant",
                f"{product.productspecificatie} heeft varianten; noem de variant van dit tarief.",
                f"Kies uit: {', '.join(namen)}.",
            )
        if r.leveringsvorm not in vormen:
            raise _fout(
                df,
                i,
                "leveringsvorm",
                f"onbekende leveringsvorm '{r.leveringsvorm}'.",
                f"Kies uit: {', '.join(sorted(vormen))} (zie leveringsvormen in de parameters).",
            )
    df["eenheid"] = [producten[p].eenheid for p in df["productspecificatie"]]
    tarieven = _bedragen(df)
    sleutel = ["productspecificatie", "variant", "leveringsvorm"]
    if meerdere:
        dubbel = df.assign(t=tarieven).duplicated([*sleutel, "t"])
        melding = "dit tarief staat er al voor deze regel."
    else:
        dubbel = df.duplicated(sleutel)
        melding = "voor deze regel staat er al een tarief."
    if dubbel.any():
        i = int(np.flatnonzero(dubbel.to_numpy())[0])
        gelijk = (df[sleutel] == df[sleutel].iloc[i]).all(axis=1).to_numpy()
        eerste = int(df["_rij"].to_numpy()[np.flatnonzero(gelijk)[0]])
        raise _fout(
            df, i, "tarief", f"{melding[:-1]} (rij {eerste}).", "Geef per product één tarief op."
        )
    uit = df[[*sleutel, "eenheid"]].copy()
    uit["tarief"] = tarieven
    uit["tarief_centen"] = [centen(t) for t in tarieven]
    gevuld = df["aandeel"] != ""
    aandelen = dict(
        zip(df.index[gevuld], getal(df[gevuld], "aandeel", minimum=Decimal(0)), strict=True)
    )
    uit["aandeel"] = [aandelen.get(i) for i in df.index]
    uit.attrs = dict(df.attrs)
    return uit


def _bedragen(df: pd.DataFrame) -> list[Decimal]:
    bedragen = getal(df, "tarief", minimum=Decimal(0))
    for i, b in enumerate(bedragen):
        if b == 0:
            raise _fout(df, i, "tarief", "een tarief van 0 kan niet; laat de rij weg.")
        if b != b.quantize(CENT):
            raise _fout(df, i, "tarief", f"{df['tarief'].iat[i]} heeft meer dan 2 decimalen.")
        if centen(b) > MAX_TARIEF_CENTEN:
            raise _fout(df, i, "tarief", f"{df['tarief'].iat[i]} is meer dan € 100.000.")
    return [b.quantize(CENT) for b in bedragen]


@dataclass(frozen=True)
class Tarieven:
    """One tarief in cents per tariff line (productspecificatie, variant, leveringsvorm).

    A plain product name as key means (name, "", "zin").
    """

    centen: Mapping[Sleutel, int]

    def __post_init__(self) -> None:
        genormaliseerd = {
            (k, "", ZIN) if isinstance(k, str) else tuple(k): int(c) for k, c in self.centen.items()
        }
        for sleutel, c in genormaliseerd.items():
            if not 0 <= c <= MAX_TARIEF_CENTEN:
                raise ValueError(f"tarief voor {sleutel[0]} ligt buiten 0 - 100.000 euro")
        object.__setattr__(self, "centen", genormaliseerd)

    def aangevuld_met(self, ander: Tarieven) -> Tarieven:
        """These tarieven, plus `ander`'s for lines that have none here (new products)."""
        return Tarieven({**ander.centen, **self.centen})

    def product(self, productspecificatie: str, variant: str = "") -> int | None:
        """The ZIN tarief of a product (variant), or None."""
        return self.centen.get((productspecificatie, variant, ZIN))

    def voor(self, regels: pd.DataFrame) -> np.ndarray:
        """The tarief in cents for each row; KeyError names the first line without a tarief.

        `regels` has productspecificatie and, optionally, variant and leveringsvorm.
        """
        n = len(regels)
        kolommen = [
            regels["productspecificatie"].to_numpy(),
            regels["variant"].to_numpy() if "variant" in regels else np.full(n, "", dtype=object),
            regels["leveringsvorm"].to_numpy()
            if "leveringsvorm" in regels
            else np.full(n, ZIN, dtype=object),
        ]
        index = pd.MultiIndex.from_tuples(list(self.centen), names=["p", "v", "l"])
        waarden = np.asarray(list(self.centen.values()), dtype=np.int64)
        plek = index.get_indexer(pd.MultiIndex.from_arrays(kolommen))
        if (plek < 0).any():
            i = int(np.flatnonzero(plek < 0)[0])
            raise KeyError(tuple(k[i] for k in kolommen))
        return waarden[plek]


def tarieven_uit_lijst(lijst: pd.DataFrame, params: Jaarparameters) -> Tarieven:
    """One tarief per line of a list (several: mean weighted by `aandeel`, to the cent), plus
    the pgb tarieven derived from the ZIN tarief where the list gives none."""
    per_regel: dict[Sleutel, int] = {}
    for sleutel, groep in lijst.groupby(
        ["productspecificatie", "variant", "leveringsvorm"], sort=True
    ):
        if len(groep) == 1:
            per_regel[sleutel] = int(groep["tarief_centen"].iat[0])
            continue
        aandelen = list(groep["aandeel"])
        if any(a is None for a in aandelen) or sum(aandelen) != 1:
            raise InvoerFout(
                f"{regelnaam(*sleutel[:2])} heeft {len(groep)} tarieven maar geen aandelen die "
                "samen 1 zijn.",
                bestand=lijst.attrs.get("bestand"),
                kolom="aandeel",
                actie="Vul per tarief in welk deel van het volume ertegen gedeclareerd werd "
                "(samen 1).",
            )
        gewogen = sum(t * a for t, a in zip(groep["tarief"], aandelen, strict=True))
        per_regel[sleutel] = centen(gewogen.quantize(CENT, rounding=ROUND_HALF_UP))
    return Tarieven({**afgeleide_pgb(per_regel, params), **per_regel})


def afgeleide_pgb(zin: Mapping[Sleutel, int], params: Jaarparameters) -> dict[Sleutel, int]:
    """pgb tarieven from the ZIN tarieven by the parameters' rule, capped at the ZIN tarief."""
    uit: dict[Sleutel, int] = {}
    for (product, variant, vorm), c in zin.items():
        if vorm != ZIN:
            continue
        for lv in _pgb_vormen(params, product):
            uit[(product, variant, lv.naam)] = min(_volgens_regel(c, lv), c)
    return uit


def _pgb_vormen(params: Jaarparameters, product: str) -> list[Leveringsvorm]:
    """The delivery forms other than ZIN that apply to `product`."""
    p = params.product(product)
    return [lv for lv in params.leveringsvormen if lv.naam != ZIN and lv.geldt_voor(p)]


def _volgens_regel(zin_centen: int, lv: Leveringsvorm) -> int:
    """The pgb tarief in cents the parameters' rule gives for a ZIN tarief (before capping)."""
    if lv.percentage is not None:
        return int(rond_half_op(zin_centen * _tienduizendsten(lv.percentage), 10_000))
    return centen(lv.bedrag)


def _tienduizendsten(fractie: Decimal) -> int:
    waarde = fractie * 10_000
    if waarde != waarde.to_integral_value():
        raise ValueError(f"{fractie} heeft meer dan 4 decimalen")
    return int(waarde)


def pgb_controle(
    lijst: pd.DataFrame, params: Jaarparameters, tarieven: Tarieven | None = None
) -> pd.DataFrame:
    """Every pgb line against its ZIN tarief: regel, leveringsvorm, zin_centen, pgb_centen,
    regel_centen (what the parameters' rule gives) and boven_zin (not allowed).

    Lines come from the list where it gives them, else from the rule (before capping).
    """
    tarieven = tarieven or tarieven_uit_lijst(lijst, params)
    expliciet = {(r.productspecificatie, r.variant, r.leveringsvorm) for r in lijst.itertuples()}
    rijen = []
    for (product, variant, vorm), zin_c in sorted(tarieven.centen.items()):
        if vorm != ZIN:
            continue
        for lv in _pgb_vormen(params, product):
            regel = _volgens_regel(zin_c, lv)
            sleutel = (product, variant, lv.naam)
            pgb = tarieven.centen[sleutel] if sleutel in expliciet else regel
            rijen.append(
                {
                    "regel": regelnaam(product, variant),
                    "leveringsvorm": lv.naam,
                    "zin_centen": zin_c,
                    "pgb_centen": pgb,
                    "regel_centen": regel,
                    "uit_lijst": sleutel in expliciet,
                    "boven_zin": pgb > zin_c,
                }
            )
    return pd.DataFrame(
        rijen,
        columns=[
            "regel",
            "leveringsvorm",
            "zin_centen",
            "pgb_centen",
            "regel_centen",
            "uit_lijst",
            "boven_zin",
        ],
    )


def controleer_dekking(tarieven: Tarieven, regels: pd.DataFrame, bron: str) -> None:
    """InvoerFout naming every line in use (indicaties, realisatie) that has no tarief."""
    kolommen = [k for k in ("productspecificatie", "variant", "leveringsvorm") if k in regels]
    ontbrekend = []
    _, eerste = codeer_rijen(*(regels[k].to_numpy() for k in kolommen))
    for sleutel in regels[kolommen].iloc[eerste].itertuples(index=False):
        rij = pd.DataFrame([sleutel], columns=kolommen)
        try:
            tarieven.voor(rij)
        except KeyError as exc:
            product, variant, vorm = exc.args[0]
            ontbrekend.append(regelnaam(product, variant) + ("" if vorm == ZIN else f", {vorm}"))
    if ontbrekend:
        raise InvoerFout(
            f"geen tarief voor {', '.join(sorted(ontbrekend))}.",
            bestand=bron,
            actie="Vul voor elke productspecificatie (en variant) een tarief in.",
        )


def zin_regels(params: Jaarparameters) -> Iterable[tuple[str, str]]:
    """Every (productspecificatie, variant) of the catalogue, in catalogue order."""
    for p in params.catalogus:
        for v in p.varianten or ():
            yield p.productspecificatie, v.naam
        if not p.varianten:
            yield p.productspecificatie, ""
