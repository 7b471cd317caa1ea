"""The realisation linked to the cells of the beschikking (resultaatgebied x zelfredzaamheid):
the raw file, read in parts and checked against the year's matrix."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.getallen import geschaalde_kolom, rijfout
from kostprijs.budget.invoer import periode_kolom
from kostprijs.fouten import InvoerFout
from kostprijs.gemeentedata import gemeentekolom
from kostprijs.gemeentedata.clientnummers import normaliseer
from kostprijs.gemeentedata.kolommen import eigen_aliassen
from kostprijs.gemeentedata.tabellezer import Codeboek, lees_tabel_in_delen, per_waarde, vaste_codes
from kostprijs.matrix import Resultaatmatrix
from kostprijs.parameters import Jaarparameters

KOLOMMEN = ["client", "resultaatgebied", "zelfredzaamheid", "productspecificatie", "geleverd"]
OPTIONEEL = ("periode", "begin", "einde", "aanbieder")


def bestandsnaam(params: Jaarparameters) -> str:
    """The raw file with the realisation linked to the cells of the beschikking."""
    return f"{catalogus.celrealisatie(params.realisatiejaar)}{catalogus.SOORTEN[0]}"


def lees_celrealisatie(pad: Path, params: Jaarparameters, per: str | None = None) -> pd.DataFrame:
    """The realisation with cells, validated and read in parts so that millions of lines stay
    small: client (int64 codes; the identifiers are in `attrs["clienten"]`), subresultaat,
    zelfredzaamheid, productspecificatie, aanbieder (categorical), periode (int16; 0 when
    absent), traject (int64 codes of the begin date when the tariff is per trajectory, else 0),
    geleverd_milli (int64). A region: gemeente (int16, the member's position), and the client
    code is member x `attrs["per_lid"]` + the client's own code: a client per member."""
    matrix = resultaatmatrix(params)
    per = per or matrix.per
    clienten, trajecten, aanbieders = Codeboek(), Codeboek(), Codeboek()
    subs, producten = list(matrix.subresultaten), list(params.productspecificaties)
    zelfredzaamheden = list(matrix.zelfredzaamheden)
    delen: list[dict[str, np.ndarray]] = []
    met_periode = per == "periode"  # once one row has a period, every row needs one
    zonder_periode: int | None = None  # the first row without one, while none had one
    for df in lees_tabel_in_delen(
        pad,
        KOLOMMEN,
        optioneel=OPTIONEEL + gemeentekolom.optioneel(params.regio),
        aliassen=eigen_aliassen(params),
    ):
        sub, zr = _controleer_cellen(df, params, matrix)
        gemeente = gemeentekolom.gemeente_codes(df, params.regio)
        geleverd = geschaalde_kolom(df, "geleverd", 3)
        met_periode = met_periode or bool((df["periode"] != "").any())
        if met_periode:
            if zonder_periode is not None:
                raise InvoerFout(
                    "de periode ontbreekt.",
                    bestand=pad,
                    rij=zonder_periode,
                    kolom="periode",
                    actie="Vul per regel de facturatieperiode in (1, 2, ...).",
                )
            periode = _periode(df, params)
        else:
            periode = np.zeros(len(df), dtype=np.int64)
            zonder_periode = zonder_periode or int(df["_rij"].iat[0])
        delen.append(
            {
                "client": clienten.codes(df["client"]),
                "subresultaat": vaste_codes(sub, subs),
                "zelfredzaamheid": vaste_codes(zr, zelfredzaamheden),
                "productspecificatie": vaste_codes(df["productspecificatie"], producten),
                "aanbieder": aanbieders.codes(df["aanbieder"]),
                "periode": periode.astype(np.int16),
                "traject": trajecten.codes(df["begin"])
                if per == "traject"
                else np.zeros(len(df), dtype=np.int8),
                "geleverd_milli": geleverd,
                **({} if gemeente is None else {"gemeente": gemeente}),
            }
        )
        attrs = dict(df.attrs)
    kolommen = {k: np.concatenate([d.pop(k) for d in delen]) for k in list(delen[0])}
    namen = {
        "subresultaat": subs,
        "zelfredzaamheid": zelfredzaamheden,
        "productspecificatie": producten,
    }
    for kolom, waarden in namen.items():
        kolommen[kolom] = pd.Categorical.from_codes(kolommen[kolom], waarden)
    kolommen["aanbieder"] = _als_categorie(kolommen["aanbieder"], aanbieders.waarden)
    # client numbers as in every other file: 88890842 and 088890842 are one client
    codes, uniek = pd.factorize(normaliseer(clienten.waarden)[0])
    kolommen["client"] = codes.astype(np.int64)[kolommen["client"]]
    if "gemeente" in kolommen:  # a region: a client per member, as in the budget model
        kolommen["client"] += kolommen["gemeente"].astype(np.int64) * len(uniek)
    uit = pd.DataFrame(kolommen, copy=False)
    uit.attrs = {**attrs, "clienten": np.asarray(uniek, dtype=object), "per_lid": len(uniek)}
    return uit


def _als_categorie(codes: np.ndarray, waarden: np.ndarray) -> pd.Categorical:
    """Codes into `waarden` as a categorical with its categories sorted."""
    volgorde = np.argsort(waarden.astype(str), kind="stable")
    nieuw = np.empty(len(volgorde), dtype=np.int64)
    nieuw[volgorde] = np.arange(len(volgorde))
    return pd.Categorical.from_codes(nieuw[codes], waarden[volgorde])


def _controleer_cellen(
    df: pd.DataFrame, params: Jaarparameters, matrix: Resultaatmatrix
) -> tuple[pd.Series, pd.Series]:
    """The checks of one part's cells and products; returns subresultaat and zelfredzaamheid
    as the matrix names them."""
    leeg = (df[["client", "resultaatgebied", "zelfredzaamheid", "productspecificatie"]] == "").any(
        axis=1
    )
    if leeg.any():
        raise rijfout(df, leeg.to_numpy(), "client", lambda i: "een verplichte kolom is leeg.")
    sub = pd.Series(per_waarde(df["resultaatgebied"], lambda t: t.lower().replace(" ", "")))
    onbekend = ~sub.isin(list(matrix.subresultaten))
    if onbekend.any():
        raise rijfout(
            df,
            onbekend.to_numpy(),
            "resultaatgebied",
            lambda i: f"onbekend resultaatgebied '{df['resultaatgebied'].iat[i]}'.",
            f"Gebruik de code van het subresultaat: {', '.join(matrix.subresultaten)}.",
        )
    namen = {o.lower(): c for c, o in matrix.zelfredzaamheid} | {
        c.lower(): c for c in matrix.zelfredzaamheden
    }
    zr = pd.Series(per_waarde(df["zelfredzaamheid"], lambda t: namen.get(t.lower())))
    if zr.isna().any():
        raise rijfout(
            df,
            zr.isna().to_numpy(),
            "zelfredzaamheid",
            lambda i: f"onbekende zelfredzaamheid '{df['zelfredzaamheid'].iat[i]}'.",
            f"Kies uit: {', '.join(matrix.zelfredzaamheden)}.",
        )
    niet = np.zeros(len(df), dtype=bool)
    for s_, z in matrix.niet_ingekocht:
        niet |= (sub.to_numpy() == s_) & (zr.to_numpy() == z)
    if niet.any():
        raise rijfout(
            df,
            niet,
            "zelfredzaamheid",
            lambda i: f"de cel {sub.iat[i]} × {zr.iat[i]} wordt niet ingekocht.",
            "Controleer de beschikking of de lijst niet_ingekocht in de parameters.",
        )
    fout = ~df["productspecificatie"].isin(list(params.productspecificaties))
    if fout.any():
        raise rijfout(
            df,
            fout.to_numpy(),
            "productspecificatie",
            lambda i: f"onbekende productspecificatie '{df['productspecificatie'].iat[i]}'.",
            f"Kies uit: {', '.join(params.productspecificaties)}.",
        )
    return sub, zr


def _periode(df: pd.DataFrame, params: Jaarparameters) -> np.ndarray:
    """The part's periods, each filled in and within the year."""
    if (df["periode"] == "").any():
        raise rijfout(
            df,
            (df["periode"] == "").to_numpy(),
            "periode",
            lambda i: "de periode ontbreekt.",
            "Vul per regel de facturatieperiode in (1, 2, ...).",
        )
    return periode_kolom(df, params.budget.perioden_per_jaar)


def resultaatmatrix(params: Jaarparameters) -> Resultaatmatrix:
    """The year's result matrix; InvoerFout when the parameters describe none."""
    if params.resultaat is None:
        raise InvoerFout(
            f"de parameters van {params.jaar} hebben geen sectie 'resultaatfinanciering'.",
            actie="Beschrijf de matrix in params/<jaar>.yaml (zie docs/aannames.md).",
        )
    return params.resultaat
