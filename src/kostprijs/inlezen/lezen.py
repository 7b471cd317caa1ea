"""Reading one checked workbook: its structure, named cells and formulas (the value of each
cell by its declared type: `celwaarden`).

python-calamine reads the values (fast, cached values of formulas included) and merged
cells; the defined names, which cells hold a formula or a formula error (calamine returns
those as empty cells), and which sheets, rows and columns are hidden come from the workbook
XML that `open_veilig` already read and checked (no DTD, bounded size). openpyxl, even in
read-only mode, took 25-60 ms per workbook for that, several times the whole budget of the
benchmark. The structure is checked against the template: names at the template's cells,
the fixed labels in place, no hidden or copied sheets, no figures outside the input area.
Each cell is interpreted by the type the template declares for it; every problem becomes a
Bevinding, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from python_calamine import CalamineWorkbook

from kostprijs.geld import decimaal
from kostprijs.inlezen.bevinding import FOUT, Bevinding, Weigering, fout, opmerking
from kostprijs.inlezen.celwaarden import als_tekst, foutwaarde, interpreteer, kort, verwacht_bij
from kostprijs.inlezen.inzending import Inzending
from kostprijs.inlezen.openen import Archief
from kostprijs.opmaak import invoergetal
from kostprijs.sjabloon.formules import bereken_formules
from kostprijs.sjabloon.indeling import (
    ALGEMEEN,
    ALGEMEEN_PRODUCT_RIJ,
    BLADEN,
    BOUWSTENEN,
    BOUWSTENEN_EERSTE_KOLOM,
    FUNCTIES,
    PERSONEEL,
    PERSONEEL_EERSTE_RIJ,
    REALISATIE,
    REALISATIE_EERSTE_RIJ,
    TOELICHTING,
    Indeling,
    Veld,
    vaste_teksten,
)


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
    bladnamen = list(cwb.sheet_names)
    if not any(b in bladnamen for b in BLADEN):
        raise Weigering(
            fout(
                inz.bestand,
                "Geen enkel blad van het kostprijssjabloon gevonden; dit is niet het sjabloon. "
                "Vul het kostprijssjabloon van de gemeente in en stuur dat in.",
                gevonden=", ".join(f"'{n}'" for n in bladnamen) or "geen bladen",
                verwacht=", ".join(BLADEN),
            )
        )
    bladen = {naam: _Blad.lees(cwb, naam, naam in BLADEN) for naam in bladnamen}
    aanwezig = _controleer_bladen(bladen, archief, ind, inz)
    _plaats_cellen(ind, archief, aanwezig, inz)
    _controleer_teksten(ind, bladen, aanwezig, inz)
    _extra_cijfers(ind, bladen, aanwezig, inz)
    rauw = _waarden(bladen, inz)
    _controleer_verborgen(ind, archief, rauw, inz)
    foutcellen = _foutwaarden(ind, archief, inz)
    formules = archief.formules
    cellen = inz.cellen
    for v in ind.velden:
        plek = cellen.get(v.naam)
        if plek is None or v.soort == "formule" or v.naam in foutcellen:
            continue
        waarde = rauw.get(v.naam, "")
        if (waarde == "" or waarde is None) and plek not in formules:
            continue  # an empty input cell without formula: nothing to read or report
        interpreteer(v, waarde, formules, inz)
    _controleer_formules(ind, formules, rauw, foutcellen, inz)
    return inz


@dataclass
class _Blad:
    """The values of one sheet as rows from A1 (python-calamine), and its merged ranges."""

    rijen: list[list]
    samengevoegd: list

    @classmethod
    def lees(cls, cwb: CalamineWorkbook, naam: str, sjabloon: bool) -> _Blad:
        """The sheet's values; an extra sheet calamine cannot read (a dialog or macro
        sheet, say) counts as empty, a template sheet's failure rejects the workbook."""
        try:
            sheet = cwb.get_sheet_by_name(naam)
            return cls(sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges or [])
        except Exception:  # calamine raises its own types
            if sjabloon:
                raise
            return cls([], [])

    def cel(self, r: int, k: int) -> object:
        """The value at 0-based row r, column k ("" when outside the data)."""
        return self.rijen[r][k] if r < len(self.rijen) and k < len(self.rijen[r]) else ""


def _controleer_bladen(
    bladen: dict[str, _Blad], archief: Archief, ind: Indeling, inz: Inzending
) -> set[str]:
    """Missing, renamed, copied and hidden sheets; returns the template sheets present."""
    onbekend = [n for n in bladen if n not in BLADEN]
    ontbrekend = [b for b in BLADEN if b not in bladen]
    kopie_van = {n: _lijkt_op(ind, bladen[n]) for n in onbekend}
    for blad in ontbrekend:
        hernoemd = [n for n, b in kopie_van.items() if b == blad]
        if hernoemd:
            hint = (
                f" Het blad '{hernoemd[0]}' lijkt het blad '{blad}' onder een andere naam: "
                f"geef het de naam '{blad}' terug."
            )
        elif onbekend:
            hint = f" Is het hernoemd naar {', '.join(repr(n) for n in onbekend)}?"
        else:
            hint = ""
        inz.bevindingen.append(
            fout(
                inz.bestand,
                f"Het blad '{blad}' ontbreekt.{hint} Gebruik de bladnamen van het sjabloon; "
                "de cijfers van dit blad zijn niet gelezen.",
                blad=blad,
                gevonden="blad ontbreekt",
                verwacht=f"blad '{blad}'",
            )
        )
    for naam in onbekend:
        verborgen = archief.zichtbaarheid.get(naam, "visible") != "visible"
        origineel = kopie_van[naam]
        if origineel is not None and origineel not in ontbrekend:
            inz.bevindingen.append(
                fout(
                    inz.bestand,
                    f"Het {'verborgen ' if verborgen else ''}blad '{naam}' lijkt een kopie van "
                    f"het blad '{origineel}'. In welk blad staan uw cijfers? Alleen het blad "
                    f"'{origineel}' wordt gelezen. Zet uw cijfers daarin, verwijder het blad "
                    f"'{naam}' en stuur het bestand opnieuw in.",
                    blad=naam,
                    gevonden=f"kopie van blad '{origineel}'",
                    verwacht=f"alleen het blad '{origineel}'",
                )
            )
        elif origineel is None:
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
        stand = archief.zichtbaarheid.get(blad, "visible")
        if blad not in bladen or stand == "visible":
            continue
        zeer = stand == "veryHidden"
        hoe = (
            "Dit blad is 'zeer verborgen' en alleen met een macro zichtbaar te maken: neem uw "
            "cijfers over in een nieuwe kopie van het sjabloon."
            if zeer
            else "Maak het zichtbaar (rechtsklik op een bladtab > Zichtbaar maken)."
        )
        if blad == TOELICHTING:
            inz.bevindingen.append(
                opmerking(
                    inz.bestand,
                    f"Het blad '{blad}' is verborgen; het is toch ingelezen. {hoe}",
                    blad=blad,
                    gevonden=stand,
                    verwacht="zichtbaar",
                )
            )
            continue
        inz.bevindingen.append(
            fout(
                inz.bestand,
                f"Het blad '{blad}' is verborgen. Wie het bestand opent, ziet deze cijfers niet; "
                f"ze kunnen verouderd zijn. {hoe} Controleer daarna de cijfers en stuur het "
                "bestand opnieuw in.",
                blad=blad,
                gevonden="verborgen blad" if not zeer else "zeer verborgen blad",
                verwacht="zichtbaar",
            )
        )
    return {b for b in BLADEN if b in bladen}


@cache
def _teksten(ind: Indeling) -> dict[str, tuple[tuple[int, int, str, str], ...]]:
    """Per data sheet: (row, column, cell, normalised text) of the template's fixed labels."""
    per_blad: dict[str, list] = {}
    for (blad, cel), tekst in vaste_teksten(ind).items():
        r, k = _rij_kolom(cel)
        per_blad.setdefault(blad, []).append((r, k, cel, _label(tekst)))
    return {b: tuple(sorted(t)) for b, t in per_blad.items()}  # top to bottom


def _label(waarde: object) -> str:
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return " ".join(str(waarde or "").split())


def _lijkt_op(ind: Indeling, blad: _Blad) -> str | None:
    """The template sheet whose fixed labels a sheet mostly carries (a copy or a renamed
    sheet), or None."""
    beste, score = None, 0.5
    for naam, teksten in _teksten(ind).items():
        gelijk = sum(_label(blad.cel(r, k)) == t for r, k, _c, t in teksten) / len(teksten)
        if gelijk >= score:
            beste, score = naam, gelijk
    return beste


def _plaats_cellen(ind: Indeling, archief: Archief, aanwezig: set[str], inz: Inzending) -> None:
    """Where each named cell is read: by its defined name, which must point where the
    template has it; at the template's cell when the name is missing; nowhere when the
    name points at a deleted cell (#REF!) or the sheet is missing."""
    namen, kapot = archief.namen, archief.kapotte_namen
    if not any(v.naam in namen or v.naam in kapot for v in ind.velden):
        inz.bevindingen.append(
            fout(
                inz.bestand,
                "De werkmap bevat geen enkele naam van het sjabloon; de cellen zijn op hun "
                "standaardplaats gezocht. Gebruik het sjabloon van dit jaar.",
                gevonden="geen gedefinieerde namen",
                verwacht="het kostprijssjabloon",
            )
        )
    verplaatst: dict[str, list[tuple[Veld, tuple[str, str]]]] = {}
    verwijderd: dict[str, list[Veld]] = {}
    for v in ind.velden:
        if v.blad not in aanwezig:
            continue
        if v.naam in kapot:
            verwijderd.setdefault(v.blad, []).append(v)
            continue
        plek = namen.get(v.naam)
        if plek is None:
            inz.cellen[v.naam] = (v.blad, v.cel)
            if namen:
                inz.bevindingen.append(
                    opmerking(
                        inz.bestand,
                        "De naam van deze cel ontbreekt; de standaardplaats is gelezen.",
                        blad=v.blad,
                        cel=v.cel,
                        veld=v.naam,
                        verwacht=f"naam {v.naam}",
                    )
                )
            continue
        if plek != (v.blad, v.cel):
            verplaatst.setdefault(v.blad, []).append((v, plek))
            if plek[0] != v.blad:
                continue  # never read a template field from another sheet
        inz.cellen[v.naam] = plek
    nieuw = "Gebruik een nieuwe kopie van het sjabloon en neem uw cijfers daarin over."
    for blad, velden in verwijderd.items():
        v = velden[0]
        meer = f" (en nog {len(velden) - 1} namen)" if len(velden) > 1 else ""
        inz.bevindingen.append(
            fout(
                inz.bestand,
                f"Op dit blad verwijzen namen van het sjabloon naar een verwijderde cel (#REF!): "
                f"{v.naam}, in het sjabloon cel {v.cel}{meer}. Er is een rij, kolom of cel "
                f"verwijderd; de cijfers van dit blad zijn niet betrouwbaar te lezen. {nieuw}",
                blad=blad,
                cel=v.cel,
                veld=v.naam,
                gevonden="#REF!",
                verwacht=f"{v.naam} op {v.cel}",
            )
        )
    for blad, paren in verplaatst.items():
        uitleg = (
            "Er zijn cellen verplaatst of rijen of kolommen ingevoegd of verwijderd, of de "
            f"naam is gewijzigd; dan klopt niet meer wat er gelezen wordt. {nieuw}"
        )
        if len(paren) > 3:
            v, (b, c) = paren[0]
            inz.bevindingen.append(
                fout(
                    inz.bestand,
                    f"Op dit blad wijzen {len(paren)} namen naar een andere cel dan in het "
                    f"sjabloon, bijvoorbeeld {v.naam} naar {_plek(b, c, blad)} in plaats van "
                    f"{v.cel}. {uitleg}",
                    blad=blad,
                    cel=v.cel,
                    veld=v.naam,
                    gevonden=f"{v.naam} op {_plek(b, c, blad)}",
                    verwacht=f"{v.naam} op {v.cel}",
                )
            )
            continue
        for v, (b, c) in paren:
            inz.bevindingen.append(
                fout(
                    inz.bestand,
                    f"De naam {v.naam} wijst naar {_plek(b, c, blad)}, maar hoort bij cel "
                    f"{v.cel} van het sjabloon. {uitleg}",
                    blad=blad,
                    cel=v.cel,
                    veld=v.naam,
                    gevonden=f"{v.naam} op {_plek(b, c, blad)}",
                    verwacht=f"{v.naam} op {v.cel}",
                )
            )


def _plek(blad: str, cel: str, eigen: str) -> str:
    return cel if blad == eigen else f"blad '{blad}' cel {cel}"


def _controleer_teksten(
    ind: Indeling, bladen: dict[str, _Blad], aanwezig: set[str], inz: Inzending
) -> None:
    """The template's fixed labels at their cells: one finding per sheet where they moved."""
    for blad, teksten in _teksten(ind).items():
        if blad not in aanwezig:
            continue
        anders = [
            (cel, _label(bladen[blad].cel(r, k)), tekst)
            for r, k, cel, tekst in teksten
            if _label(bladen[blad].cel(r, k)) != tekst
        ]
        if not anders:
            continue
        cel, gevonden, verwacht = anders[0]
        meer = f" (en nog {len(anders) - 1} andere vaste teksten)" if len(anders) > 1 else ""
        inz.bevindingen.append(
            fout(
                inz.bestand,
                f"De vaste teksten van het sjabloon staan niet meer op hun plaats: in {cel} "
                f"staat {_aangehaald(gevonden)}, het sjabloon heeft daar '{verwacht}'{meer}. "
                "Waarschijnlijk is een rij of kolom ingevoegd, verwijderd of verplaatst; dan "
                "worden verkeerde cellen gelezen. Gebruik een nieuwe kopie van het sjabloon en "
                "neem uw cijfers daarin over.",
                blad=blad,
                cel=cel,
                gevonden=kort(gevonden) or "leeg",
                verwacht=verwacht,
            )
        )


def _aangehaald(tekst: str) -> str:
    return f"'{kort(tekst)}'" if tekst else "niets"


def _extra_cijfers(
    ind: Indeling, bladen: dict[str, _Blad], aanwezig: set[str], inz: Inzending
) -> None:
    """Figures next to or below the template's input area (an extra product or function):
    not read, so the provider and the internal report are told which."""
    n = len(ind.producten)
    if BOUWSTENEN in aanwezig:
        blad = bladen[BOUWSTENEN]
        breedte = max((len(r) for r in blad.rijen), default=0)
        for k in range(BOUWSTENEN_EERSTE_KOLOM - 1 + n, breedte):
            cijfers = [blad.cel(r, k) for r in range(6, len(blad.rijen))]
            _meld_extra(
                inz, BOUWSTENEN, f"{_letters(k)}4", blad.cel(3, k), f"kolom {_letters(k)}", cijfers
            )
    rijgebieden = (
        (REALISATIE, REALISATIE_EERSTE_RIJ - 1 + n, range(3, 6)),  # D:F
        (ALGEMEEN, ALGEMEEN_PRODUCT_RIJ - 1 + n, range(1, 5)),  # B:E
        (PERSONEEL, PERSONEEL_EERSTE_RIJ - 1 + FUNCTIES, range(3, 8)),  # D:H
    )
    for naam, eerste, kolommen in rijgebieden:
        if naam not in aanwezig:
            continue
        blad = bladen[naam]
        for r in range(eerste, len(blad.rijen)):
            waarden = [blad.cel(r, k) for k in kolommen]
            _meld_extra(inz, naam, f"B{r + 1}", blad.cel(r, 1), f"rij {r + 1}", waarden)


def _meld_extra(
    inz: Inzending, blad: str, cel: str, kop: object, plaats: str, waarden: list
) -> None:
    ingevuld = [w for w in waarden if w not in ("", None)]
    if not ingevuld:
        return
    naam = _label(kop)
    wat = "product of functie" if blad != BOUWSTENEN else "product"
    inz.bevindingen.append(
        opmerking(
            inz.bestand,
            f"In {plaats} staan cijfers buiten het sjabloon"
            + (f", bij '{kort(naam)}'" if naam else "")
            + f": een {wat} dat niet in de catalogus van de gemeente staat. Deze cijfers zijn "
            "niet meegenomen. Levert u dit product? Neem dan contact op met de gemeente.",
            blad=blad,
            cel=cel,
            gevonden=f"{kort(naam) or plaats}: {len(ingevuld)} ingevulde cel(len)",
            verwacht="alleen de producten en functies van het sjabloon",
        )
    )


def _waarden(bladen: dict[str, _Blad], inz: Inzending) -> dict[str, object]:
    per_blad: dict[str, list[tuple[str, int, int]]] = {}
    for naam, (blad, cel) in inz.cellen.items():
        r, k = _rij_kolom(cel)
        per_blad.setdefault(blad, []).append((naam, r, k))
    rauw: dict[str, object] = {}
    for blad, cellen in per_blad.items():
        b = bladen[blad]
        for naam, r, k in cellen:
            rauw[naam] = b.cel(r, k)
        _samengevoegd(b.samengevoegd, cellen, blad, inz)
    return rauw


def _controleer_verborgen(ind: Indeling, archief: Archief, rauw: dict, inz: Inzending) -> None:
    """Hidden rows and columns that hold input cells: an error when one is filled in."""
    for blad in sorted({b for b, _ in inz.cellen.values()}):
        rijen = archief.verborgen_rijen.get(blad, set())
        kolommen = archief.verborgen_kolommen.get(blad, set())
        if not rijen and not kolommen:
            continue
        gebieden: dict[str, list[tuple[str, bool]]] = {}
        for v in ind.velden:
            if v.soort == "formule" or inz.cellen.get(v.naam, ("", ""))[0] != blad:
                continue
            cel = inz.cellen[v.naam][1]
            r, k = _rij_kolom(cel)
            ingevuld = rauw.get(v.naam) not in ("", None)
            if r + 1 in rijen:
                gebieden.setdefault(f"Rij {r + 1}", []).append((cel, ingevuld))
            if k + 1 in kolommen:
                gebieden.setdefault(f"Kolom {_letters(k)}", []).append((cel, ingevuld))
        for gebied, cellen in gebieden.items():
            gevuld = [c for c, i in cellen if i]
            hoe = (
                "Maak haar zichtbaar (selecteer de rijen of kolommen eromheen, rechtsklik > "
                "Zichtbaar maken)"
            )
            if gevuld:
                inz.bevindingen.append(
                    fout(
                        inz.bestand,
                        f"{gebied} is verborgen en bevat ingevulde cellen "
                        f"({', '.join(gevuld[:5])}{', ...' if len(gevuld) > 5 else ''}). "
                        "Verborgen cijfers ziet niemand die het bestand controleert; ze kunnen "
                        f"verouderd zijn. {hoe}, controleer de cijfers en stuur het bestand "
                        "opnieuw in.",
                        blad=blad,
                        cel=gevuld[0],
                        gevonden=f"{gebied.lower()} verborgen",
                        verwacht="zichtbaar",
                    )
                )
            else:
                inz.bevindingen.append(
                    opmerking(
                        inz.bestand,
                        f"{gebied} is verborgen; de invoercellen erin zijn leeg. {hoe}.",
                        blad=blad,
                        cel=cellen[0][0],
                        gevonden=f"{gebied.lower()} verborgen",
                        verwacht="zichtbaar",
                    )
                )


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


def _foutwaarden(ind: Indeling, archief: Archief, inz: Inzending) -> set[str]:
    """Named cells showing a formula error (#DIV/0!, ...): one error each, named; the
    names of those cells are returned, so nothing else is reported about them."""
    if not archief.foutwaarden:
        return set()
    uit = set()
    berekend: dict[tuple[str, str], list[Veld]] = {}  # (sheet, code) -> formula cells
    for v in ind.velden:
        plek = inz.cellen.get(v.naam)
        code = archief.foutwaarden.get(plek) if plek else None
        if code is None:
            continue
        uit.add(v.naam)
        if v.soort == "formule":
            berekend.setdefault((plek[0], code), []).append(v)
            continue
        formule = archief.formules.get(plek)
        inz.bevindingen.append(
            fout(
                inz.bestand,
                f"De cel toont {foutwaarde(code)}; dat is geen bruikbare waarde. Vul hier "
                "een getal of tekst in, of herstel de formule.",
                gevonden=code + (f" (={formule.lstrip('=')})" if formule else ""),
                verwacht=verwacht_bij(v) or "een waarde",
                **inz.plaats(v.naam),
            )
        )
    for (_blad, code), velden in berekend.items():
        cellen = [inz.cellen[v.naam][1] for v in velden]
        formule = archief.formules.get(inz.cellen[velden[0].naam], "")
        inz.bevindingen.append(
            fout(
                inz.bestand,
                f"{'De berekende cel' if len(cellen) == 1 else 'De berekende cellen'} "
                f"{', '.join(cellen)} {'toont' if len(cellen) == 1 else 'tonen'} "
                f"{foutwaarde(code)}: de formule van het sjabloon kan niet worden uitgerekend. "
                "Controleer de invoercellen die zij gebruikt; is er een rij of kolom "
                "verwijderd, gebruik dan een nieuwe kopie van het sjabloon.",
                gevonden=code + (f" (={formule.lstrip('=')})" if formule else ""),
                verwacht=f"={velden[0].formule}",
                **inz.plaats(velden[0].naam),
            )
        )
    return uit


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


def _controleer_formules(
    ind: Indeling, formules: dict, rauw: dict, foutcellen: set[str], inz: Inzending
) -> None:
    """Formula cells: still a formula, and with a stored value where it matters."""
    verwacht = bereken_formules(
        ind, {k: w for k, w in inz.waarden.items() if isinstance(w, Decimal)}
    )
    for v in ind.velden:
        if v.soort != "formule" or v.naam not in inz.cellen or v.naam in foutcellen:
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
                        verwacht=invoergetal(verwacht[v.naam].quantize(Decimal("0.01"))),
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
                gevonden=als_tekst(waarde),
                verwacht=f"={v.formule}",
                **inz.plaats(v.naam),
            )
        )
