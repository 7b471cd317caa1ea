"""Reading and checking the budget model's inputs: indicaties and realisatie.

Indications come as client systems export them: an omvang with a frequency (per week, per
4 weken, per maand, per jaar, or a total for the indication period between begin and einde),
optionally for a variant and a leveringsvorm. Every row is checked before anything is
computed; an InvoerFout names the file, the first bad row and column, and how many other rows
have the same problem (for the realisation, read in parts: within the part of the first bad
row). Parsing is vectorised: a million rows read in seconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from kostprijs.bestanden.getallen import datum_kolom, geschaalde_kolom, rijfout
from kostprijs.budget.model import INDICATIE_DECIMALEN, jaarvolume
from kostprijs.codering import codeer
from kostprijs.eenheden import FREQUENTIES
from kostprijs.fouten import InvoerFout
from kostprijs.geld import geschaald
from kostprijs.gemeentedata import berichten, gemeentekolom, iwmo
from kostprijs.gemeentedata.indicaties import blootstelling, controleer_overlap, loopt_op
from kostprijs.gemeentedata.kolommen import eigen_aliassen
from kostprijs.gemeentedata.tabellezer import (
    Codeboek,
    lees_tabel,
    lees_tabel_in_delen,
    vaste_codes,
)
from kostprijs.parameters import ZIN, Jaarparameters

# A week has 7 days and 168 hours: no indication can be more, whatever the parameters say.
MAX_PER_WEEK = {
    "uur": Decimal(168),
    "minuut": Decimal(10_080),
    "dagdeel": Decimal(14),
    "dag": Decimal(7),
    "etmaal": Decimal(7),
    "week": Decimal(1),
    "maand": Decimal(1),
}
INDICATIE_OPTIONEEL = (
    "productspecificatie",
    "productcode",
    "variant",
    "leveringsvorm",
    "indicatie_per_week",
    "omvang",
    "eenheid",
    "frequentie",
    "begin",
    "einde",
    "toewijzing",
    "aanbieder",
)
REALISATIE_KOLOMMEN = ["client", "periode", "volume"]
REALISATIE_OPTIONEEL = (
    "productspecificatie",
    "productcode",
    "variant",
    "leveringsvorm",
    "eenheid",
    "aanbieder",
)


def _controleer_leeg(df: pd.DataFrame, kolom: str) -> None:
    leeg = df[kolom].to_numpy() == ""
    if leeg.any():
        raise rijfout(df, leeg, kolom, lambda i: f"'{kolom}' is leeg.")


def _controleer_regels(df: pd.DataFrame, params: Jaarparameters) -> None:
    """Known product, variant (required where the product has them) and leveringsvorm."""
    producten = {p.productspecificatie: p for p in params.catalogus}
    onbekend = (~df["productspecificatie"].isin(list(producten))).to_numpy()
    if onbekend.any():
        raise rijfout(
            df,
            onbekend,
            "productspecificatie",
            lambda i: f"onbekende productspecificatie '{df['productspecificatie'].iat[i]}'.",
            f"Kies uit: {', '.join(producten)}.",
        )
    toegestaan = {
        (p.productspecificatie, v.naam) for p in params.catalogus for v in p.varianten
    } | {(p.productspecificatie, "") for p in params.catalogus if not p.varianten}
    paren = pd.MultiIndex.from_arrays([df["productspecificatie"], df["variant"]])
    fout = ~paren.isin(list(toegestaan))
    if fout.any():

        def melding(i: int) -> str:
            p = producten[df["productspecificatie"].iat[i]]
            namen = ", ".join(v.naam for v in p.varianten)
            if not p.varianten:
                return f"{p.productspecificatie} heeft geen varianten; laat 'variant' leeg."
            return f"{p.productspecificatie}: noem een van de varianten ({namen})."

        raise rijfout(df, fout, "variant", melding)
    vormen = [lv.naam for lv in params.leveringsvormen]
    onbekend = (~df["leveringsvorm"].isin(vormen)).to_numpy()
    if onbekend.any():
        raise rijfout(
            df,
            onbekend,
            "leveringsvorm",
            lambda i: f"onbekende leveringsvorm '{df['leveringsvorm'].iat[i]}'.",
            f"Kies uit: {', '.join(vormen)}.",
        )


def _kenmerken(df: pd.DataFrame, params: Jaarparameters) -> pd.DataFrame:
    """Per row: eenmalig, in_budget and eenheid, from the catalogue."""
    per_product = pd.DataFrame(
        {
            "eenmalig": [p.eenmalig for p in params.catalogus],
            "in_budget": [
                p.in_periodebudget and params.bekostiging.periodebudget for p in params.catalogus
            ],
            "eenheid": [p.eenheid for p in params.catalogus],
        },
        index=[p.productspecificatie for p in params.catalogus],
    )
    return per_product.reindex(df["productspecificatie"].to_numpy()).reset_index(drop=True)


def _product_kolom(df: pd.DataFrame, pad: Path, params: Jaarparameters) -> None:
    """productspecificatie from the column itself or from a productcode (iWmo)."""
    if not {"productspecificatie", "productcode"} & set(df.attrs["kolommen"]):
        raise InvoerFout(
            "kolom 'productspecificatie' (of 'productcode') ontbreekt "
            f"(gevonden: {', '.join(repr(k) for k in df.attrs['kolommen'])}).",
            bestand=pad,
            rij=int(df["_rij"].iat[0]) - 1,
            actie="Zet de naam van het product (of de productcode) in een kolom "
            "productspecificatie (zie docs/gegevens.md).",
        )
    iwmo.vul_productspecificatie(df, params)


def lees_indicaties(pad: Path, params: Jaarparameters) -> pd.DataFrame:
    """The indications, checked, with client, productspecificatie, variant, leveringsvorm,
    omvang_milli (int64, 1/1.000 of the catalogue's unit), frequentie, dagen (length of the
    indication period, 0 when unknown), begin, einde (datetime64, NaT when empty), eenmalig,
    in_budget, eenheid, lopend (not ended before the tariff year begins), toewijzing,
    aanbieder (text, empty when not given) and bron_rij (the row in the file).

    Columns: client, productspecificatie (or a productcode that names one product) and
    either indicatie_per_week, or omvang with frequentie; optionally eenheid (iWmo codes or
    words, converted exactly to the catalogue's unit), variant, leveringsvorm, begin, einde,
    toewijzing and aanbieder. `pad` may also be a folder of WMO301 messages. The findings of
    reading are in `attrs["bevindingen"]`, the conversions made in `attrs["omrekeningen"]`.
    """
    if Path(pad).is_dir():
        df = berichten.toewijzingen(Path(pad))
    else:
        df = lees_tabel(
            pad,
            ["client"],
            optioneel=INDICATIE_OPTIONEEL + gemeentekolom.optioneel(params.regio),
            aliassen=eigen_aliassen(params),
        )
    _product_kolom(df, Path(pad), params)
    omrekeningen: list[str] = []
    leveringsvorm = df["leveringsvorm"].to_numpy()
    df["leveringsvorm"] = _vervang(leveringsvorm, leveringsvorm == "", ZIN)
    kolommen = df.attrs["kolommen"]
    if "indicatie_per_week" not in kolommen and not {"omvang", "frequentie"} <= set(kolommen):
        raise InvoerFout(
            "de kolom 'indicatie_per_week' of de kolommen 'omvang' en 'frequentie' ontbreken.",
            bestand=pad,
            rij=1,
            actie="Zet in de eerste rij client, productspecificatie en indicatie_per_week (of "
            "omvang en frequentie).",
        )
    _controleer_leeg(df, "client")
    _controleer_regels(df, params)
    gemeente = gemeentekolom.gemeente_codes(df, params.regio)
    indicatie_per_week, omvang, frequentie = (
        df[k].to_numpy() for k in ("indicatie_per_week", "omvang", "frequentie")
    )
    per_week = indicatie_per_week != ""
    beide = per_week & ((omvang != "") | (frequentie != ""))
    if beide.any():
        raise rijfout(
            df,
            beide,
            "indicatie_per_week",
            lambda i: "vul óf indicatie_per_week óf omvang met frequentie in, niet beide.",
        )
    omvang = _vervang(omvang, per_week, indicatie_per_week)
    frequentie, freq_factor = _frequenties(_vervang(frequentie, per_week, "per week"), omrekeningen)
    leeg = omvang == ""
    if leeg.any():
        raise rijfout(
            df,
            leeg,
            "omvang",
            lambda i: "de omvang van de indicatie ontbreekt.",
            "Vul de kolom indicatie_per_week in, of omvang en frequentie.",
        )
    kenmerken = _kenmerken(df, params)
    eenmalig = kenmerken["eenmalig"].to_numpy(dtype=bool)
    frequentie = _vervang(frequentie, eenmalig & (frequentie == ""), "totaal")
    onbekend = ~pd.Series(frequentie).isin(FREQUENTIES).to_numpy()
    if onbekend.any():
        raise rijfout(
            df,
            onbekend,
            "frequentie",
            lambda i: f"onbekende frequentie '{frequentie[i]}'.",
            f"Kies uit: {', '.join(FREQUENTIES)}.",
        )
    # indicatie_per_week when every row has one (omvang then equals it), so the message names
    # the column the user filled in
    df["omvang"] = omvang
    bron = "indicatie_per_week" if per_week.all() else "omvang"
    milli = geschaalde_kolom(df, bron, INDICATIE_DECIMALEN)
    naar = kenmerken["eenheid"].to_numpy()
    milli = iwmo.omgerekend(df, bron, milli, naar, omrekeningen, freq_factor)
    begin, einde = datum_kolom(df, "begin"), datum_kolom(df, "einde")
    omgekeerd = (einde < begin).to_numpy()
    if omgekeerd.any():
        raise rijfout(df, omgekeerd, "einde", lambda i: "de einddatum ligt vóór de begindatum.")
    dagen = ((einde - begin).dt.days + 1).fillna(0).astype(np.int64).to_numpy()
    begin, einde = begin.to_numpy(), einde.to_numpy()
    zonder_periode = (frequentie == "totaal") & ~eenmalig & (dagen == 0)
    if zonder_periode.any():
        raise rijfout(
            df,
            zonder_periode,
            "frequentie",
            lambda i: "een totaal voor de indicatieperiode vraagt een begin- en einddatum.",
        )
    uit = pd.DataFrame(
        {
            "client": df["client"].to_numpy(),
            "productspecificatie": df["productspecificatie"].to_numpy(),
            "variant": df["variant"].to_numpy(),
            "leveringsvorm": df["leveringsvorm"].to_numpy(),
            "omvang_milli": milli,
            "frequentie": frequentie,
            "dagen": dagen,
            "begin": begin,
            "einde": einde,
            **{k: kenmerken[k].to_numpy() for k in kenmerken.columns},
            "toewijzing": df["toewijzing"].to_numpy(),
            "aanbieder": df["aanbieder"].to_numpy(),
            "bron_rij": df["_rij"].to_numpy(),
        },
        copy=False,  # new arrays or views of this function's own table: no copy needed
    )
    if gemeente is not None:
        uit["gemeente"] = gemeente
    uit.attrs = {**df.attrs, "omrekeningen": iwmo.samengevat(omrekeningen)}
    _controleer_per_week(uit, df, params)
    controleer_overlap(uit, df["_rij"].to_numpy(), pad)
    return met_perioden(uit, params.jaar)


def met_perioden(indicaties: pd.DataFrame, jaar: int) -> pd.DataFrame:
    """The indications with their exposure in the tariff year `jaar` (`dagen_in_jaar`,
    `dagen_jaar`), lopend (runs on some day of that year) and bij_start (runs on 1 January)."""
    uit = blootstelling(indicaties, jaar)
    uit["lopend"] = uit["dagen_in_jaar"].to_numpy() > 0
    uit["bij_start"] = loopt_op(uit, dt.date(jaar, 1, 1))
    return uit


def _frequenties(
    cellen: np.ndarray, omrekeningen: list[str]
) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """Frequencies as exported (words or iWmo codes) as the model's, with the factor on the
    volume per row (teller, noemer): 'per dag' is per week x 7."""
    codes, uniek = codeer(np.asarray(cellen, dtype=object))
    gelezen = [iwmo.frequentie(w) for w in uniek]
    for j, w in enumerate(uniek):
        tekst = iwmo.frequentie_tekst(w)
        if tekst:
            n = int((codes == j).sum())
            omrekeningen.append(f"{tekst} ({n:,} rijen)".replace(",", "."))
    namen = np.asarray([g[0] for g in gelezen], dtype=object)[codes]
    teller = np.asarray([g[1].numerator for g in gelezen], dtype=np.int64)[codes]
    noemer = np.asarray([g[1].denominator for g in gelezen], dtype=np.int64)[codes]
    return namen, (teller, noemer)


def _vervang(waarden: np.ndarray, waar: np.ndarray, door) -> np.ndarray:
    """`waarden` with `door` (one value, or an array like `waarden`) where `waar`; copies only
    when some but not all values change."""
    if not waar.any():
        return waarden
    if isinstance(door, np.ndarray):
        if waar.all():
            return door
        door = door[waar]
    uit = waarden.copy()
    uit[waar] = door
    return uit


def _controleer_per_week(uit: pd.DataFrame, df: pd.DataFrame, params: Jaarparameters) -> None:
    """An indication above the maximum per week of its unit is an input error."""
    w = params.budget.weken_per_jaar
    teller, noemer = jaarvolume(uit, w)
    maxima = {**MAX_PER_WEEK, **params.budget.max_per_week}
    codes, eenheden = codeer(uit["eenheid"].to_numpy())
    per_eenheid = [maxima.get(e) for e in eenheden]
    met_grens = np.array([g is not None for g in per_eenheid], dtype=bool)[codes]
    met_grens &= ~uit["eenmalig"].to_numpy(dtype=bool)
    if not met_grens.any():
        return
    grens_milli = np.array([int(g * 1000) if g is not None else 0 for g in per_eenheid])[codes]
    # per week = milli x teller / (noemer x w) > grens  <=>  milli x teller > grens x noemer x w
    te_veel = met_grens & (
        uit["omvang_milli"].to_numpy() * teller > grens_milli.astype(np.int64) * noemer * w
    )
    if te_veel.any():

        def melding(i: int) -> str:
            per_week = Decimal(int(uit["omvang_milli"].iat[i] * teller[i])) / Decimal(
                int(noemer[i] * w * 1000)
            )
            eenheid = uit["eenheid"].iat[i]
            return (
                f"{per_week.quantize(Decimal('0.01'))} {eenheid} per week kan niet; het maximum "
                f"is {maxima[eenheid]} per week. Is de eenheid of de frequentie verwisseld?"
            )

        raise rijfout(df, te_veel, "omvang", melding)


def indicaties_uit_waarden(
    rijen: Iterable[tuple[str, str, Decimal]],
    params: Jaarparameters,
    frequentie: str = "per week",
) -> pd.DataFrame:
    """Typed indications from (client, productspecificatie, omvang) tuples, as `lees_indicaties`."""
    rijen = list(rijen)
    df = pd.DataFrame(
        {
            "client": [r[0] for r in rijen],
            "productspecificatie": [r[1] for r in rijen],
            "variant": "",
            "leveringsvorm": ZIN,
            "omvang_milli": np.asarray(
                [geschaald(r[2], INDICATIE_DECIMALEN) for r in rijen], dtype=np.int64
            ),
            "frequentie": frequentie,
            "dagen": np.zeros(len(rijen), dtype=np.int64),
            "begin": pd.NaT,
            "einde": pd.NaT,
        }
    )
    uit = pd.concat([df, _kenmerken(df, params)], axis=1)
    uit["lopend"] = True
    uit["bij_start"] = True
    return uit


def periode_kolom(df: pd.DataFrame, perioden: int) -> np.ndarray:
    """The column periode as integers 1 to `perioden`; InvoerFout names the rows outside."""
    periode = geschaalde_kolom(df, "periode", 0, minimum=1)
    buiten = periode > perioden
    if buiten.any():
        raise rijfout(
            df,
            buiten,
            "periode",
            lambda i: f"periode {periode[i]} bestaat niet; kies 1 t/m {perioden}.",
        )
    return periode


def lees_realisatie(pad: Path, params: Jaarparameters) -> pd.DataFrame:
    """The realisation as read, before its checks against the indications: read in parts so
    that millions of lines stay small: client (int64 codes; the identifiers are in
    `attrs["clienten"]`, code i at position i), productspecificatie, variant, leveringsvorm
    (categorical), periode (int16), volume_milli (int64, 1/1.000 of the catalogue's unit;
    negative on a credit line, netted in gemeentedata.realisatie), in_budget, rij (the row in
    the file, int64) and, where the file has one, aanbieder (int codes; the names are in
    `attrs["aanbieders"]`).

    A productcode may stand in for the productspecificatie, an eenheid column (iWmo codes or
    words) gives the unit of the volume (minutes become hours where the catalogue says uur).
    `pad` may also be a folder of WMO323 messages."""
    clienten = Codeboek()
    producten = list(params.productspecificaties)
    varianten = sorted({v.naam for p in params.catalogus for v in p.varianten} | {""})
    vormen = [lv.naam for lv in params.leveringsvormen]
    per_product = _kenmerken(pd.DataFrame({"productspecificatie": producten}), params)
    in_budget = per_product["in_budget"]
    eenheden = per_product["eenheid"].to_numpy()
    perioden = params.budget.perioden_per_jaar
    delen: list[dict[str, np.ndarray]] = []
    bevindingen: list[str] = []
    omrekeningen: list[str] = []
    aanbieders = Codeboek()
    if Path(pad).is_dir():
        tabel = berichten.declaraties(Path(pad), params)
        bevindingen = tabel.attrs["bevindingen"]
        tabellen = iter([tabel])
    else:
        tabellen = lees_tabel_in_delen(
            pad,
            REALISATIE_KOLOMMEN,
            optioneel=REALISATIE_OPTIONEEL + gemeentekolom.optioneel(params.regio),
            bevindingen=bevindingen,
            aliassen=eigen_aliassen(params),
        )
    for df in tabellen:
        _product_kolom(df, Path(pad), params)
        df["leveringsvorm"] = df["leveringsvorm"].where(df["leveringsvorm"] != "", ZIN)
        _controleer_leeg(df, "client")
        _controleer_regels(df, params)
        gemeente = gemeentekolom.gemeente_codes(df, params.regio)
        periode = periode_kolom(df, perioden)
        product = vaste_codes(df["productspecificatie"], producten)
        volume = geschaalde_kolom(df, "volume", INDICATIE_DECIMALEN, minimum=None)
        volume = iwmo.omgerekend(df, "volume", volume, eenheden[product], omrekeningen)
        delen.append(
            {
                "client": clienten.codes(df["client"]),
                "productspecificatie": product,
                "variant": vaste_codes(df["variant"], varianten),
                "leveringsvorm": vaste_codes(df["leveringsvorm"], vormen),
                "periode": periode,
                "volume_milli": volume,  # negative: a credit line, netted in gemeentedata.realisatie
                "aanbieder": aanbieders.codes(df["aanbieder"]),
                "rij": df["_rij"].to_numpy(dtype=np.int64),
                **({} if gemeente is None else {"gemeente": gemeente}),
            }
        )
        attrs = dict(df.attrs)
    kolommen = {k: np.concatenate([d.pop(k) for d in delen]) for k in list(delen[0])}
    product = kolommen["productspecificatie"]
    uit = pd.DataFrame(
        {
            "client": kolommen["client"],
            "productspecificatie": pd.Categorical.from_codes(product, producten),
            "variant": pd.Categorical.from_codes(kolommen["variant"], varianten),
            "leveringsvorm": pd.Categorical.from_codes(kolommen["leveringsvorm"], vormen),
            "periode": kolommen["periode"].astype(np.int16),
            "volume_milli": kolommen["volume_milli"],
            "in_budget": in_budget.to_numpy(dtype=bool)[product],
            "rij": kolommen["rij"],
        },
        copy=False,
    )
    if "aanbieder" in attrs.get("kolommen", ()):
        uit["aanbieder"] = kolommen["aanbieder"]
    if "gemeente" in kolommen:
        uit["gemeente"] = kolommen["gemeente"]
    uit.attrs = {
        **attrs,
        "clienten": clienten.waarden,
        "aanbieders": aanbieders.waarden,
        "bevindingen": bevindingen,
        "omrekeningen": iwmo.samengevat(omrekeningen),
    }
    return uit
