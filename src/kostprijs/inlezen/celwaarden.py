"""The value of one cell of a submission, by the type the template declares for it.

Numbers (also typed as text, with a decimal comma or a percent sign), whole numbers, choices,
dates (also as an Excel serial number or as text), texts (invisible characters removed) and
the KvK number (leading zeros restored). What cannot be used raises ValueError with a Dutch
message; what was read with a reinterpretation becomes a remark on the submission.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal

from kostprijs.geld import decimaal
from kostprijs.inlezen.bevinding import fout, opmerking
from kostprijs.inlezen.inzending import Inzending
from kostprijs.opmaak import invoergetal
from kostprijs.sjabloon.indeling import KVK, TEKST_MAX, Veld

_EXCEL_NUL = date(1899, 12, 30)
_TEKENS = str.maketrans("", "", "\u00a0 €")


FOUTWAARDEN = {
    "#DIV/0!": "deling door nul",
    "#N/A": "waarde niet beschikbaar",
    "#REF!": "verwijzing naar een verwijderde cel",
    "#VALUE!": "verkeerd soort waarde in een berekening",
    "#NAME?": "onbekende naam of functie in de formule",
    "#NUM!": "ongeldig getal in een berekening",
    "#NULL!": "ongeldig bereik in de formule",
}


def foutwaarde(code: str) -> str:
    """A formula error code named and explained in Dutch."""
    uitleg = FOUTWAARDEN.get(code.upper())
    return f"de foutwaarde {code} ({uitleg})" if uitleg else f"de foutwaarde {code}"


def kort(tekst: str, n: int = 60) -> str:
    """`tekst` cut to `n` characters (with an ellipsis) for a message."""
    return tekst if len(tekst) <= n else tekst[: n - 1] + "…"


def interpreteer(v: Veld, waarde: object, formules: dict, inz: Inzending) -> None:
    """The typed value of the named cell `v` into `inz.waarden`, or a finding why not."""
    blad, cel = inz.cellen[v.naam]
    formule = formules.get((blad, cel))
    if v.soort == "formule":
        return
    if formule is not None:
        extern = "[" in formule
        inz.bevindingen.append(
            opmerking(
                inz.bestand,
                "Deze invoercel bevat een formule"
                + (" die naar een ander bestand verwijst" if extern else "")
                + "; de opgeslagen waarde is gebruikt. Vul een waarde in.",
                gevonden=f"={formule.lstrip('=')}",
                verwacht="een ingevulde waarde",
                **inz.plaats(v.naam),
            )
        )
    if waarde == "" or waarde is None:
        return
    try:
        inz.waarden[v.naam] = _omzetten(v, waarde, inz)
    except ValueError as exc:
        inz.bevindingen.append(
            fout(
                inz.bestand,
                str(exc),
                gevonden=kort(als_tekst(waarde), 100),
                verwacht=verwacht_bij(v),
                **inz.plaats(v.naam),
            )
        )


def verwacht_bij(v: Veld) -> str:
    """What the cell `v` expects, in Dutch (the "verwacht" of a finding)."""
    return {
        "getal": "een getal (0 of meer)",
        "fractie": "een percentage, bijvoorbeeld 20%",
        "geheel": "een geheel getal",
        "keuze": "een van: " + ", ".join(v.keuzes),
        "datum": "een datum, bijvoorbeeld 15-09-2026",
        "tekst": "8 cijfers" if v.naam == KVK else f"tekst van hooguit {TEKST_MAX} tekens",
    }.get(v.soort, "")


def als_tekst(waarde: object) -> str:
    """A cell's value as the provider sees it (a whole float without ".0", a date as d-m-Y)."""
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    if isinstance(waarde, datetime | date):
        return waarde.strftime("%d-%m-%Y")
    return str(waarde)


def _omzetten(v: Veld, waarde: object, inz: Inzending) -> object:
    """The typed value of a cell; ValueError (Dutch) when it cannot be used."""
    if v.naam == KVK:
        return _kvk(v, waarde, inz)
    if v.soort == "tekst":
        tekst = zichtbaar(als_tekst(waarde))
        if len(tekst) > TEKST_MAX:
            raise ValueError(
                f"De tekst is {len(tekst)} tekens lang; het sjabloon staat hooguit {TEKST_MAX} "
                "tekens toe. Kort de tekst in."
            )
        return tekst or None
    if v.soort == "keuze":
        tekst = zichtbaar(als_tekst(waarde)).lower()
        if not tekst:
            return None
        if tekst not in v.keuzes:
            raise ValueError(f"'{kort(str(waarde))}' is geen geldige keuze.")
        return tekst
    if v.soort == "datum":
        return _datum(v, waarde, inz)
    getal = _getal(v, waarde, inz)
    if v.soort == "geheel" and getal != getal.to_integral_value():
        raise ValueError(f"{als_tekst(waarde)} is geen geheel getal.")
    return getal


def zichtbaar(tekst: str) -> str:
    """`tekst` without invisible characters (zero-width, control, BOM, soft hyphen, ...),
    with every kind of space (NBSP, tab, line break) as one plain space, stripped."""
    uit = []
    for c in tekst:
        categorie = unicodedata.category(c)
        if categorie.startswith("Z") or c in "\t\n\r\v\f":
            uit.append(" ")
        elif categorie not in ("Cc", "Cf", "Cs", "Co", "Cn"):
            uit.append(c)
    return " ".join("".join(uit).split())


def _kvk(v: Veld, waarde: object, inz: Inzending) -> str | None:
    """The KvK number as text of 8 digits where it can be restored; else the text as typed
    (the schema rejects it). Excel and LibreOffice turn 01234567 typed into a General cell
    into the number 1234567: the leading zeros are put back, with a remark."""
    getal = isinstance(waarde, int | float) and not isinstance(waarde, bool)
    if getal and float(waarde).is_integer() and 0 < waarde < 10**8:
        cijfers = str(int(waarde))
        if len(cijfers) < 8:
            hersteld = cijfers.zfill(8)
            inz.bevindingen.append(
                opmerking(
                    inz.bestand,
                    f"Het KvK-nummer staat als getal in de cel ({cijfers}); daarbij vallen "
                    f"voorloopnullen weg. Gelezen als {hersteld}. Klopt dat niet, vul het "
                    "nummer dan als tekst in (typ een apostrof ervoor: '01234567).",
                    gevonden=cijfers,
                    verwacht="8 cijfers",
                    **inz.plaats(v.naam),
                )
            )
            return hersteld
    tekst = zichtbaar(als_tekst(waarde))
    return tekst or None


def _datum(v: Veld, waarde: object, inz: Inzending) -> date:
    if isinstance(waarde, datetime):
        return waarde.date()
    if isinstance(waarde, date):
        return waarde
    if isinstance(waarde, int | float) and not isinstance(waarde, bool) and 1 <= waarde < 2958466:
        gelezen = _EXCEL_NUL + timedelta(days=int(waarde))
        inz.bevindingen.append(
            opmerking(
                inz.bestand,
                f"De datum staat als getal ({als_tekst(waarde)}) in de cel; gelezen als "
                f"{gelezen:%d-%m-%Y}. Geef de cel de opmaak 'datum'.",
                gevonden=als_tekst(waarde),
                verwacht="een datum",
                **inz.plaats(v.naam),
            )
        )
        return gelezen
    if isinstance(waarde, str):
        for formaat in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
            try:
                gelezen = datetime.strptime(waarde.strip(), formaat).date()
            except ValueError:
                continue
            inz.bevindingen.append(
                opmerking(
                    inz.bestand,
                    f"De datum staat als tekst in de cel; gelezen als {gelezen:%d-%m-%Y}.",
                    gevonden=waarde,
                    verwacht="een datum",
                    **inz.plaats(v.naam),
                )
            )
            return gelezen
    raise ValueError(f"'{als_tekst(waarde)}' is geen datum.")


def _getal(v: Veld, waarde: object, inz: Inzending) -> Decimal:
    if type(waarde) is float and math.isfinite(waarde):  # the usual case; as decimaal()
        return Decimal(repr(waarde))
    if isinstance(waarde, bool):
        raise ValueError("Een waar/onwaar-waarde in een getalcel.")
    if isinstance(waarde, datetime | date | timedelta):
        raise ValueError("Een datum of tijd in een getalcel.")
    if isinstance(waarde, int | float):
        try:
            return decimaal(waarde)
        except ValueError as exc:
            raise ValueError(f"'{waarde}' is geen eindig getal.") from exc
    tekst = str(waarde).translate(_TEKENS).strip()
    if tekst.upper() in FOUTWAARDEN:
        raise ValueError(
            f"De cel bevat {foutwaarde(tekst)} als tekst; hier hoort een getal. Vul een getal "
            "in (0 als er geen kosten zijn)."
        )
    procent = v.soort == "fractie" and tekst.endswith("%")
    tekst = tekst.rstrip("%").strip() if procent else tekst
    getal, uitleg = _tekstgetal(tekst, str(waarde))
    if procent:
        getal /= 100
        uitleg = (
            f"Het percentage staat als tekst in de cel; gelezen als {invoergetal(getal * 100)}%."
        )
    inz.bevindingen.append(
        opmerking(
            inz.bestand,
            uitleg + " Vul getallen in als getal, niet als tekst.",
            gevonden=str(waarde),
            verwacht=verwacht_bij(v),
            **inz.plaats(v.naam),
        )
    )
    return getal


def _tekstgetal(tekst: str, origineel: str) -> tuple[Decimal, str]:
    """A number typed as text: decimal comma accepted, a lone thousands point is ambiguous."""
    if re.fullmatch(r"-?\d+", tekst):
        return Decimal(tekst), f"Het getal staat als tekst in de cel; gelezen als {tekst}."
    if re.fullmatch(r"-?[1-9]\d{0,2}(,\d{3})+", tekst):
        duizend = tekst.replace(",", ".")
        raise ValueError(
            f"'{origineel}' is dubbelzinnig: bedoelt u {duizend} (met een komma tussen de "
            f"duizendtallen, zoals in het Engels) of {tekst} (met een decimale komma)? Vul "
            "het getal in als getal, zonder scheidingsteken tussen de duizendtallen."
        )
    if re.fullmatch(r"-?\d+,\d+", tekst) or re.fullmatch(r"-?\d{1,3}(\.\d{3})+,\d+", tekst):
        getal = Decimal(tekst.replace(".", "").replace(",", "."))
        return getal, f"Tekst met decimale komma ('{origineel}') gelezen als {invoergetal(getal)}."
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", tekst):
        raise ValueError(
            f"'{origineel}' is dubbelzinnig: duizendtal of decimaal getal? "
            "Vul het getal in zonder punt, met een komma voor de decimalen."
        )
    if re.fullmatch(r"-?\d+\.\d+", tekst):
        getal = Decimal(tekst)
        return getal, f"Tekst met decimale punt ('{origineel}') gelezen als {invoergetal(getal)}."
    raise ValueError(
        f"'{origineel}' is tekst; hier hoort een getal. Vul een getal in, zonder tekst of "
        "euroteken: 0 als er geen kosten zijn, of laat de cel leeg als u het product niet "
        "aanbiedt."
    )
