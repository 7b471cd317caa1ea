"""iWmo as a dialect: the codelists for eenheid and frequentie, converted exactly to the
catalogue's unit and to the frequencies the budget model knows.

Eenheid (iWmo 3.2, WJ756): 01 minuut, 04 uur, 14 etmaal, 16 dagdeel, 82 stuks (output),
83 euro's, 84 stuks (inspanning). Frequentie (WMO757): 1 per dag, 2 per week, 4 per maand,
6 totaal binnen de geldigheidsduur; iWmo 2.x also 3 per vier weken and 5 per jaar. Codes
whose leading zero Excel dropped ('1' for 01) are read too; plain Dutch words as well.

Only conversions that are exact by definition are made: minutes and hours (x 60), and a
unit to itself. Anything else (minutes to dagdelen, euro's to hours) is refused with a Dutch
message: a budget in euro's is no volume, and a dagdeel is not a fixed number of minutes in
every catalogue.

>>> omrekening("01", "uur").factor
Fraction(1, 60)
>>> frequentie("1")
('per week', Fraction(7, 1))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

from kostprijs.bestanden.getallen import rijfout
from kostprijs.codering import codeer
from kostprijs.eenheden import FREQUENTIES, normaliseer_eenheid, normaliseer_frequentie
from kostprijs.gemeentedata.tabellezer import per_waarde
from kostprijs.parameters import Jaarparameters

EENHEID_CODES = {
    "01": "minuut",
    "04": "uur",
    "14": "etmaal",
    "16": "dagdeel",
    "82": "stuks",
    "83": "euro",
    "84": "stuks",
}
FREQUENTIE_CODES = {
    "1": "per dag",
    "2": "per week",
    "3": "per 4 weken",
    "4": "per maand",
    "5": "per jaar",
    "6": "totaal",
}
_MINUTEN = {"minuut": 60, "uur": 1}  # units per hour: the only exact conversion of time
_STUKS = ("traject", "eenmalig")  # catalogue units counted in pieces
_PER_DAG = ("per dag", "dag", "dagelijks", "p/d")


class OmrekenFout(ValueError):
    """A unit or frequency that cannot be converted exactly; the message is Dutch."""


@dataclass(frozen=True)
class Omrekening:
    """From a unit as exported to the catalogue's unit: volume in the catalogue's unit =
    volume x factor. `tekst` describes it for the report."""

    van: str  # as exported ('01', 'minuten', 'uur')
    eenheid: str  # what it means ('minuut')
    naar: str  # the catalogue's unit
    factor: Fraction

    @property
    def tekst(self) -> str:
        code = (
            f"eenheid {self.van} ({self.eenheid})"
            if self.van in EENHEID_CODES
            else (f"eenheid '{self.van}'")
        )
        if self.factor == 1:
            return f"{code} gelezen als {self.naar}"
        teken = f"÷ {1 / self.factor}" if self.factor < 1 else f"× {self.factor}"
        return f"{code} omgerekend naar {self.naar}: {teken}"


def eenheid(tekst: str) -> str:
    """An eenheid as exported (code or word) as a unit name ('minuut', 'stuks', 'euro');
    unknown text comes back normalised, so the caller can name it."""
    t = str(tekst).strip()
    if t.isdigit() and t.zfill(2) in EENHEID_CODES:
        return EENHEID_CODES[t.zfill(2)]
    woord = normaliseer_eenheid(t)
    return {"stuk": "stuks", "euro's": "euro", "euros": "euro", "eur": "euro"}.get(woord, woord)


def omrekening(tekst: str, naar: str) -> Omrekening:
    """The exact conversion of eenheid `tekst` to the catalogue unit `naar`; OmrekenFout
    (Dutch) when there is none."""
    van = eenheid(tekst)
    code = str(tekst).strip()
    code = code.zfill(2) if code.isdigit() else code
    if van == "euro":
        raise OmrekenFout(
            f"eenheid {code} (euro) is een budget in euro's, geen omvang in {naar}: het "
            f"budgetmodel rekent met de omvang in de eenheid van de catalogus ({naar}). Lever "
            f"de omvang in {naar} aan."
        )
    if van == naar or (van == "stuks" and naar in _STUKS):
        factor = Fraction(1)
    elif van in _MINUTEN and naar in _MINUTEN:
        factor = Fraction(_MINUTEN[naar], _MINUTEN[van])
    else:
        bekend = van in (*EENHEID_CODES.values(), *_MINUTEN, naar)
        raise OmrekenFout(
            f"eenheid '{code}' ({van}) kan niet exact worden omgerekend naar {naar}, de "
            f"eenheid van dit product in de catalogus. "
            + ("" if bekend else "Deze eenheid is onbekend. ")
            + f"Lever de omvang in {naar} aan (of in minuten/uren voor een uurproduct)."
        )
    return Omrekening(code, van, naar, factor)


def frequentie(tekst: str) -> tuple[str, Fraction]:
    """A frequency as exported (code or words) as one the budget model knows, with the factor
    on the volume: 'per dag' becomes per week x 7. Unknown text comes back normalised with
    factor 1, so the caller names it among FREQUENTIES."""
    t = str(tekst).strip()
    if t.isdigit() and t.lstrip("0") in FREQUENTIE_CODES:
        t = FREQUENTIE_CODES[t.lstrip("0")]
    woord = normaliseer_frequentie(t)
    if woord in _PER_DAG:
        return "per week", Fraction(7)
    woord = {"per vier weken": "per 4 weken", "totaal binnen geldigheidsduur": "totaal"}.get(
        woord, woord
    )
    return woord, Fraction(1)


def frequentie_tekst(tekst: str) -> str | None:
    """How a frequency as exported is read, for the report; None when it is read as is."""
    naam, factor = frequentie(tekst)
    t = str(tekst).strip()
    if factor != 1:
        bron = f"frequentie {t} (per dag)" if t.isdigit() else f"frequentie '{t}'"
        return f"{bron} omgerekend naar {naam}: × {factor}"
    if t.isdigit() and naam in FREQUENTIES:
        return f"frequentie {t} gelezen als {naam}"
    return None


def vul_productspecificatie(df: pd.DataFrame, params: Jaarparameters) -> None:
    """Fill the column productspecificatie from productcode where the code names one product
    of the catalogue (a product column holding a code counts as a productcode). InvoerFout
    names the rows whose code is unknown, covers several products, or contradicts the
    productspecificatie given."""
    per_code: dict[str, list[str]] = {}
    for p in params.catalogus:
        if p.productcode:
            per_code.setdefault(p.productcode.strip().upper(), []).append(p.productspecificatie)
    namen = set(params.productspecificaties)
    spec = df["productspecificatie"].to_numpy()
    code = df["productcode"].to_numpy()
    if not (code != "").any() and pd.Series(spec).isin(namen).all():
        return  # named products only: nothing to fill in
    code = np.asarray(per_waarde(code, lambda c: c.strip().upper()))
    als_code = per_waarde(spec, lambda s: s not in namen and s.strip().upper() in per_code)
    als_code = als_code.astype(bool) & (code == "")
    if als_code.any():
        code = np.where(als_code, per_waarde(spec, lambda s: s.strip().upper()), code)
        spec = np.where(als_code, "", spec)
    alleen_code = (spec == "") & (code != "")
    if alleen_code.any():
        onbekend = alleen_code & ~pd.Series(code).isin(list(per_code)).to_numpy()
        if onbekend.any():
            raise rijfout(
                df,
                onbekend,
                "productcode",
                lambda i: f"productcode '{code[i]}' staat niet in de catalogus.",
                f"Bekende codes: {', '.join(sorted(per_code))}.",
            )
        meer = alleen_code & per_waarde(code, lambda c: len(per_code.get(c, ())) > 1).astype(bool)
        if meer.any():

            def melding(i: int) -> str:
                namen_code = ", ".join(per_code[code[i]])
                return (
                    f"productcode '{code[i]}' hoort bij meer dan één product ({namen_code}); "
                    "aan de code alleen is niet te zien welk product bedoeld is."
                )

            raise rijfout(
                df,
                meer,
                "productcode",
                melding,
                "Vul de kolom productspecificatie in (de naam van het product in de catalogus).",
            )
        spec = np.where(alleen_code, per_waarde(code, lambda c: per_code.get(c, [""])[0]), spec)
    if (code != "").any():
        eigen = {p.productspecificatie: p.productcode.strip().upper() for p in params.catalogus}
        codes, uniek = paren(spec, code)
        slecht = [j for j, (s, c) in enumerate(uniek) if c and eigen.get(s, c) != c]
        if slecht:
            raise rijfout(
                df,
                np.isin(codes, slecht),
                "productcode",
                lambda i: (
                    f"productcode '{code[i]}' hoort niet bij {spec[i]} "
                    f"(in de catalogus: {eigen[spec[i]]})."
                ),
                "Controleer de productcode of de productspecificatie.",
            )
    df["productspecificatie"] = spec


def omgerekend(
    df: pd.DataFrame,
    kolom: str,
    milli: np.ndarray,
    naar: np.ndarray,
    omrekeningen: list[str],
    factor: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """The volume `milli` (1/1.000 of the exported unit in column `kolom`) in 1/1.000 of the
    catalogue unit `naar` (per row), exactly, times `factor` (teller, noemer per row, e.g. a
    frequency per dag as x 7). The exported unit is the column eenheid (empty: already the
    catalogue's). InvoerFout names the rows whose unit cannot be converted, or whose volume
    is no whole number of milli-units after conversion. Each conversion made is described
    in `omrekeningen`, with its number of rows."""
    van = df["eenheid"].to_numpy()
    teller = np.ones(len(df), dtype=np.int64) if factor is None else factor[0].copy()
    noemer = np.ones(len(df), dtype=np.int64) if factor is None else factor[1].copy()
    met = van != ""
    if met.any():
        codes, uniek = paren(van, naar)
        fouten: dict[int, str] = {}
        for j, (v, n) in enumerate(uniek):
            if not v:
                continue
            try:
                o = omrekening(v, n)
            except OmrekenFout as exc:
                fouten[j] = str(exc)
                continue
            rijen = codes == j
            teller[rijen] *= o.factor.numerator
            noemer[rijen] *= o.factor.denominator
            if o.factor != 1 or o.van in EENHEID_CODES:
                omrekeningen.append(f"{o.tekst} ({int(rijen.sum()):,} rijen)".replace(",", "."))
        if fouten:
            fout = np.isin(codes, list(fouten))
            raise rijfout(df, fout, "eenheid", lambda i: fouten[int(codes[i])])
    if (teller == 1).all() and (noemer == 1).all():
        return milli
    product = milli * teller
    rest = product % noemer
    if rest.any():

        def melding(i: int) -> str:
            exact = Fraction(int(milli[i]) * int(teller[i]), int(noemer[i]) * 1000)
            return (
                f"{df[kolom].iat[i]} {van[i] or ''} is omgerekend {float(exact):.6g} {naar[i]}: "
                "geen exact getal in duizendsten, dus niet zonder afronding te gebruiken."
            ).replace("  ", " ")

        raise rijfout(
            df,
            rest != 0,
            kolom,
            melding,
            f"Lever de omvang aan in {naar[int(np.flatnonzero(rest)[0])]} (of in veelvouden "
            "die exact om te rekenen zijn, zoals kwartieren).",
        )
    return product // noemer


def samengevat(omrekeningen: list[str]) -> list[str]:
    """One line per conversion ('... (n rijen)'), the rows of equal lines added up (a table
    read in parts, or '1' and '01' for one code)."""
    per_tekst: dict[str, int] = {}
    for regel in omrekeningen:
        tekst, _, aantal = regel.rpartition(" (")
        per_tekst[tekst] = per_tekst.get(tekst, 0) + int(aantal.split()[0].replace(".", ""))
    return [f"{t} ({n:,} rijen)".replace(",", ".") for t, n in per_tekst.items()]


def paren(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, list[tuple]]:
    """The distinct pairs of two columns: a code per row and the pairs (as `codeer` on the
    pairs would give, without building a tuple per row)."""
    ca, ua = codeer(np.asarray(a, dtype=object))
    cb, ub = codeer(np.asarray(b, dtype=object))
    codes, uniek = codeer(ca * len(ub) + cb)
    return codes, [(ua[k // len(ub)], ub[k % len(ub)]) for k in uniek]
