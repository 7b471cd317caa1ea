"""Reading one checked workbook: named cells, sheet state, formulas and typed values.

python-calamine reads the values (fast, cached values of formulas included) and the sheet
state and merged cells; the defined names and which cells hold a formula come from the
workbook XML that `open_veilig` already read and checked (no DTD, bounded size). openpyxl,
even in read-only mode, took 25-60 ms per workbook for that, several times the whole
budget of the benchmark. Each cell is interpreted by the type the template declares for it; every problem
becomes a Bevinding, never an exception.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path

from python_calamine import CalamineWorkbook

from kostprijs.geld import decimaal
from kostprijs.inlezen.bevinding import FOUT, Bevinding, Weigering, fout, opmerking
from kostprijs.inlezen.openen import Archief
from kostprijs.sjabloon import BLADEN, Indeling, Veld, bereken_formules

_EXCEL_NUL = date(1899, 12, 30)
_TEKENS = str.maketrans("", "", "\u00a0 €")


@dataclass
class Inzending:
    """What one workbook holds: typed values per named cell, their locations, findings."""

    bestand: str
    waarden: dict[str, object] = field(default_factory=dict)
    cellen: dict[str, tuple[str, str]] = field(default_factory=dict)  # naam -> (blad, cel)
    bevindingen: list[Bevinding] = field(default_factory=list)
    rijen: dict[str, list[dict]] = field(default_factory=dict)  # table rows, see tabellen.py

    def plaats(self, naam: str) -> dict[str, str]:
        blad, cel = self.cellen.get(naam, ("", ""))
        return {"blad": blad, "cel": cel, "veld": naam}


def lees_werkboek(pad: Path, ind: Indeling, archief: Archief) -> Inzending:
    """Read the named cells of a workbook that passed `open_veilig`."""
    inz = Inzending(pad.name, bevindingen=list(archief.opmerkingen))
    try:
        cwb = CalamineWorkbook.from_path(str(pad))
    except Exception as exc:  # calamine raises its own types for damaged or encrypted files
        raise Weigering(
            fout(
                pad.name,
                f"Het bestand is geen leesbare Excel-werkmap ({type(exc).__name__}).",
                verwacht="het sjabloon opgeslagen als .xlsx met Excel of LibreOffice",
            )
        ) from exc
    aanwezig = _controleer_bladen(cwb, inz)
    formules, namen = archief.formules, archief.namen
    _plaats_cellen(ind, namen, aanwezig, inz)
    rauw = _waarden(cwb, inz, ind)
    cellen = inz.cellen
    for v in ind.velden:
        plek = cellen.get(v.naam)
        if plek is None or v.soort == "formule":
            continue
        waarde = rauw.get(v.naam, "")
        if (waarde == "" or waarde is None) and plek not in formules:
            continue  # an empty input cell without formula: nothing to read or report
        _interpreteer(v, waarde, formules, inz)
    _controleer_formules(ind, formules, rauw, inz)
    return inz


def _controleer_bladen(cwb: CalamineWorkbook, inz: Inzending) -> set[str]:
    meta = {m.name: str(m.visible) for m in cwb.sheets_metadata}
    onbekend = [n for n in meta if n not in BLADEN]
    ontbrekend = [b for b in BLADEN if b not in meta]
    if len(ontbrekend) == len(BLADEN):
        raise Weigering(
            fout(
                inz.bestand,
                "Geen enkel blad van het kostprijssjabloon gevonden; dit is niet het sjabloon.",
                gevonden=", ".join(f"'{n}'" for n in meta) or "geen bladen",
                verwacht=", ".join(BLADEN),
            )
        )
    for blad in ontbrekend:
        hint = f" Is het hernoemd naar {', '.join(repr(n) for n in onbekend)}?" if onbekend else ""
        inz.bevindingen.append(
            fout(
                inz.bestand,
                f"Het blad '{blad}' ontbreekt.{hint} Gebruik de bladnamen van het sjabloon.",
                blad=blad,
                gevonden="blad ontbreekt",
                verwacht=f"blad '{blad}'",
            )
        )
    for naam in onbekend:
        verborgen = "Hidden" in meta[naam]
        inz.bevindingen.append(
            opmerking(
                inz.bestand,
                f"Extra {'verborgen ' if verborgen else ''}blad '{naam}' is genegeerd.",
                blad=naam,
                gevonden="verborgen blad" if verborgen else "extra blad",
                verwacht="alleen de bladen van het sjabloon",
            )
        )
    for blad in BLADEN:
        if blad in meta and "Visible" not in meta[blad]:
            inz.bevindingen.append(
                opmerking(
                    inz.bestand,
                    f"Het blad '{blad}' is verborgen; het is toch ingelezen. Maak het weer zichtbaar.",
                    blad=blad,
                    gevonden="verborgen",
                    verwacht="zichtbaar",
                )
            )
    return {b for b in BLADEN if b in meta}


def _plaats_cellen(ind: Indeling, namen: dict, aanwezig: set[str], inz: Inzending) -> None:
    if not any(v.naam in namen for v in ind.velden):
        inz.bevindingen.append(
            fout(
                inz.bestand,
                "De werkmap bevat geen enkele naam van het sjabloon; de cellen zijn op hun "
                "standaardplaats gezocht. Gebruik het sjabloon van dit jaar.",
                gevonden="geen gedefinieerde namen",
                verwacht="het kostprijssjabloon",
            )
        )
    for v in ind.velden:
        blad, cel = namen.get(v.naam, (v.blad, v.cel))
        if blad not in aanwezig:
            continue
        inz.cellen[v.naam] = (blad, cel)
        if namen and v.naam not in namen:
            inz.bevindingen.append(
                opmerking(
                    inz.bestand,
                    "De naam van deze cel ontbreekt; de standaardplaats is gelezen.",
                    blad=blad,
                    cel=cel,
                    veld=v.naam,
                    verwacht=f"naam {v.naam}",
                )
            )


def _waarden(cwb: CalamineWorkbook, inz: Inzending, ind: Indeling) -> dict[str, object]:
    per_blad: dict[str, list[tuple[str, int, int]]] = {}
    for naam, (blad, cel) in inz.cellen.items():
        r, k = _rij_kolom(cel)
        per_blad.setdefault(blad, []).append((naam, r, k))
    rauw: dict[str, object] = {}
    for blad, cellen in per_blad.items():
        sheet = cwb.get_sheet_by_name(blad)
        rijen = sheet.to_python(skip_empty_area=False)
        for naam, r, k in cellen:
            rauw[naam] = rijen[r][k] if r < len(rijen) and k < len(rijen[r]) else ""
        _samengevoegd(sheet.merged_cell_ranges or [], cellen, blad, inz)
    return rauw


def _samengevoegd(bereiken, cellen, blad: str, inz: Inzending) -> None:
    for (r0, k0), (r1, k1) in bereiken:
        for naam, r, k in cellen:
            if r0 <= r <= r1 and k0 <= k <= k1:
                links_boven = f"{_letters(k0)}{r0 + 1}"
                bovenaan = (r, k) == (r0, k0)
                maker = opmerking if bovenaan else fout
                inz.bevindingen.append(
                    maker(
                        inz.bestand,
                        "Deze cel is samengevoegd met andere cellen"
                        + ("" if bovenaan else f"; de waarde staat alleen in {links_boven}")
                        + ". Maak het samenvoegen ongedaan.",
                        blad=blad,
                        cel=inz.cellen[naam][1],
                        veld=naam,
                        gevonden=f"samengevoegd {links_boven}:{_letters(k1)}{r1 + 1}",
                        verwacht="een losse cel",
                    )
                )


@cache
def _rij_kolom(cel: str) -> tuple[int, int]:
    m = re.fullmatch(r"([A-Z]{1,3})(\d+)", cel)
    kolom = 0
    for c in m.group(1):
        kolom = kolom * 26 + ord(c) - 64
    return int(m.group(2)) - 1, kolom - 1


def _letters(k: int) -> str:
    s, k = "", k + 1
    while k:
        k, r = divmod(k - 1, 26)
        s = chr(65 + r) + s
    return s


def _interpreteer(v: Veld, waarde: object, formules: dict, inz: Inzending) -> None:
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
                gevonden=_tekst(waarde),
                verwacht=_verwacht(v),
                **inz.plaats(v.naam),
            )
        )


def _verwacht(v: Veld) -> str:
    return {
        "getal": "een getal (0 of meer)",
        "fractie": "een percentage, bijvoorbeeld 20%",
        "geheel": "een geheel getal",
        "keuze": "een van: " + ", ".join(v.keuzes),
        "datum": "een datum, bijvoorbeeld 15-09-2026",
        "tekst": "tekst",
    }.get(v.soort, "")


def _tekst(waarde: object) -> str:
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    if isinstance(waarde, datetime | date):
        return waarde.strftime("%d-%m-%Y")
    return str(waarde)


def _omzetten(v: Veld, waarde: object, inz: Inzending) -> object:
    """The typed value of a cell; ValueError (Dutch) when it cannot be used."""
    if v.soort == "tekst":
        tekst = _tekst(waarde).strip()
        return tekst or None
    if v.soort == "keuze":
        tekst = _tekst(waarde).strip().lower()
        if tekst not in v.keuzes:
            raise ValueError(f"'{waarde}' is geen geldige keuze.")
        return tekst
    if v.soort == "datum":
        return _datum(v, waarde, inz)
    getal = _getal(v, waarde, inz)
    if v.soort == "geheel" and getal != getal.to_integral_value():
        raise ValueError(f"{_tekst(waarde)} is geen geheel getal.")
    return getal


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
                f"De datum staat als getal ({_tekst(waarde)}) in de cel; gelezen als "
                f"{gelezen:%d-%m-%Y}. Geef de cel de opmaak 'datum'.",
                gevonden=_tekst(waarde),
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
    raise ValueError(f"'{_tekst(waarde)}' is geen datum.")


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
    procent = v.soort == "fractie" and tekst.endswith("%")
    tekst = tekst.rstrip("%").strip() if procent else tekst
    getal, uitleg = _tekstgetal(tekst, str(waarde))
    if procent:
        getal /= 100
        uitleg = f"Het percentage staat als tekst in de cel; gelezen als {_nl(getal * 100)}%."
    inz.bevindingen.append(
        opmerking(
            inz.bestand,
            uitleg + " Vul getallen in als getal, niet als tekst.",
            gevonden=str(waarde),
            verwacht=_verwacht(v),
            **inz.plaats(v.naam),
        )
    )
    return getal


def _tekstgetal(tekst: str, origineel: str) -> tuple[Decimal, str]:
    """A number typed as text: decimal comma accepted, a lone thousands point is ambiguous."""
    if re.fullmatch(r"-?\d+", tekst):
        return Decimal(tekst), f"Het getal staat als tekst in de cel; gelezen als {tekst}."
    if re.fullmatch(r"-?\d+,\d+", tekst) or re.fullmatch(r"-?\d{1,3}(\.\d{3})+,\d+", tekst):
        getal = Decimal(tekst.replace(".", "").replace(",", "."))
        return getal, f"Tekst met decimale komma ('{origineel}') gelezen als {_nl(getal)}."
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", tekst):
        raise ValueError(
            f"'{origineel}' is dubbelzinnig: duizendtal of decimaal getal? "
            "Vul het getal in zonder punt, met een komma voor de decimalen."
        )
    if re.fullmatch(r"-?\d+\.\d+", tekst):
        getal = Decimal(tekst)
        return getal, f"Tekst met decimale punt ('{origineel}') gelezen als {_nl(getal)}."
    raise ValueError(f"'{origineel}' is tekst; hier hoort een getal.")


def _nl(getal: Decimal) -> str:
    return format(getal.normalize(), "f").replace(".", ",")


def _controleer_formules(ind: Indeling, formules: dict, rauw: dict, inz: Inzending) -> None:
    """Formula cells: still a formula, and with a stored value where it matters."""
    verwacht = bereken_formules(
        ind, {k: w for k, w in inz.waarden.items() if isinstance(w, Decimal)}
    )
    for v in ind.velden:
        if v.soort != "formule" or v.naam not in inz.cellen:
            continue
        blad, cel = inz.cellen[v.naam]
        waarde = rauw.get(v.naam, "")
        if (blad, cel) in formules:
            if (waarde == "" or waarde is None) and v.naam in verwacht:
                inz.bevindingen.append(
                    opmerking(
                        inz.bestand,
                        "De formule heeft geen opgeslagen uitkomst (het bestand is niet met "
                        "Excel of LibreOffice opgeslagen). De waarde is zelf berekend uit uw "
                        "invoer; open en bewaar het bestand in Excel.",
                        gevonden="formule zonder waarde",
                        verwacht=_nl(verwacht[v.naam].quantize(Decimal("0.01"))),
                        **inz.plaats(v.naam),
                    )
                )
            continue
        if waarde == "" or waarde is None:
            inz.bevindingen.append(
                fout(
                    inz.bestand,
                    "De formule van het sjabloon is gewist. Zet de formule terug.",
                    gevonden="lege cel",
                    verwacht=f"={v.formule}",
                    **inz.plaats(v.naam),
                )
            )
            continue
        try:
            getypt = decimaal(waarde)
        except ValueError:
            getypt = None
        klopt = (
            getypt is not None
            and v.naam in verwacht
            and abs(getypt - verwacht[v.naam]) <= Decimal("0.01")
        )
        inz.bevindingen.append(
            Bevinding(
                bestand=inz.bestand,
                melding="De formule is overschreven met een getal"
                + (
                    " (dat wel klopt met uw invoer)."
                    if klopt
                    else "; het getal klopt niet met uw invoer. Zet de formule terug."
                ),
                ernst="opmerking" if klopt else FOUT,
                gevonden=_tekst(waarde),
                verwacht=f"={v.formule}",
                **inz.plaats(v.naam),
            )
        )
