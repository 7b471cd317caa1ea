"""The provider cost-price template: its layout (one place for writer and reader) and writer.

Every input cell has an Excel defined name; ingestion finds cells by those names, so a
provider who inserts a row does not shift the data. The product catalogue comes from the
year's parameters.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from kostprijs.bestanden.atomisch import atomisch
from kostprijs.geld import decimaal
from kostprijs.parameters import Inleesparameters, Jaarparameters, inleesparameters

TOELICHTING, ALGEMEEN, PERSONEEL, BOUWSTENEN, REALISATIE = (
    "Toelichting",
    "Algemeen",
    "Personeel",
    "Bouwstenen",
    "Realisatie",
)
BLADEN = (TOELICHTING, ALGEMEEN, PERSONEEL, BOUWSTENEN, REALISATIE)
FUNCTIES = 10
GROOTTEKLASSEN = ("groot", "middel", "klein")
JA_NEE = ("ja", "nee")
SOORTEN_VELD = ("tekst", "getal", "fractie", "geheel", "keuze", "datum", "formule")
VAST_TIJDSTIP = (2026, 1, 1, 0, 0, 0)
TEKST_MAX = 200  # characters in a text cell, as the template's data validation allows
KVK = "aanbieder_kvk"  # the cell that identifies the provider

ALLE = frozenset({"uur", "dagdeel", "vervoer", "etmaal", "traject"})


@dataclass(frozen=True)
class Veld:
    """One named cell of the template."""

    naam: str
    blad: str
    cel: str
    label: str
    soort: str
    eenheid: str = ""
    verplicht: bool = False
    keuzes: tuple[str, ...] = ()
    kolom: str = ""
    product: str | None = None
    functie: int | None = None
    formule: str = ""


# (kolom, label, soort, eenheid, geldt voor soorten product)
BOUWSTEEN_REGELS: tuple[tuple[str, str, str, str, frozenset[str]], ...] = (
    ("jaaruren", "Jaaruren per fte (contracturen per jaar)", "getal", "uur", ALLE),
    ("verlof", "Verlof en feestdagen", "getal", "uur per fte", ALLE),
    ("ziekte", "Ziekteverzuim", "getal", "uur per fte", ALLE),
    ("scholing", "Scholing en training", "getal", "uur per fte", ALLE),
    ("overleg", "Teamoverleg, intervisie, supervisie", "getal", "uur per fte", ALLE),
    ("indirect", "Indirecte tijd en reistijd", "getal", "uur per fte", ALLE),
    ("productieve_uren", "Productieve uren per fte (berekend)", "formule", "uur per fte", ALLE),
    ("reiskosten", "Reiskosten", "getal", "euro per fte per jaar", ALLE),
    ("opleidingskosten", "Opleidingskosten", "getal", "euro per fte per jaar", ALLE),
    ("overhead", "Overhead (opslag op personeelskosten)", "fractie", "%", ALLE),
    (
        "verplichtingen",
        "Gemeentelijke verplichtingen: administratie, rapportage, declaratie (opslag)",
        "fractie",
        "%",
        ALLE,
    ),
    ("materieel", "Materiële kosten", "getal", "euro per eenheid", ALLE),
    ("huisvesting", "Huisvesting", "getal", "euro per eenheid", ALLE),
    (
        "groepsgrootte",
        "Groepsgrootte (deelnemers per groep, bij vervoer per rit)",
        "getal",
        "personen",
        frozenset({"dagdeel", "vervoer"}),
    ),
    ("begeleiders", "Begeleiders per groep", "getal", "personen", frozenset({"dagdeel"})),
    (
        "personeelsuren",
        "Personeelsuren per eenheid (etmaal: per plaats; vervoer: chauffeursuren; "
        "traject: uren per traject)",
        "getal",
        "uur",
        frozenset({"etmaal", "vervoer", "traject"}),
    ),
    ("bezettingsgraad", "Bezettingsgraad", "fractie", "%", frozenset({"etmaal"})),
    ("voeding", "Voeding", "getal", "euro per etmaal", frozenset({"etmaal"})),
    ("indexering", "Indexering tot het tariefjaar", "fractie", "%", ALLE),
    ("risico", "Risico en winst (opslag)", "fractie", "%", ALLE),
)
BOUWSTEEN_KOLOMMEN = tuple(b[0] for b in BOUWSTEEN_REGELS if b[2] != "formule")
NIET_PRODUCTIEF = ("verlof", "ziekte", "scholing", "overleg", "indirect")

# (kolom in personeel.csv, label, soort, eenheid, kolomletter)
_PERSONEEL = (
    ("functie", "Functie", "tekst", "", "B"),
    ("schaal", "Salarisschaal (CAO)", "tekst", "", "C"),
    ("jaarsalaris", "Bruto jaarsalaris per fte, zonder toeslagen", "getal", "euro", "D"),
    ("vakantiegeld", "Vakantiegeld", "fractie", "%", "E"),
    ("eindejaarsuitkering", "Eindejaarsuitkering", "fractie", "%", "F"),
    ("ort", "ORT en andere toeslagen", "fractie", "%", "G"),
    ("werkgeverslasten", "Werkgeverslasten (sociale lasten en pensioen)", "fractie", "%", "H"),
    ("loonkosten", "Loonkosten per fte (berekend)", "formule", "euro", "I"),
)
PERSONEEL_KOLOMMEN = tuple(p[0] for p in _PERSONEEL if p[2] != "formule")

_REALISATIE = (
    ("kosten", "Totale kosten toegerekend aan dit product", "getal", "euro", "D"),
    ("volume", "Geleverd volume", "getal", "eenheden", "E"),
    ("clienten", "Aantal cliënten", "geheel", "cliënten", "F"),
)
REALISATIE_KOLOMMEN = tuple(r[0] for r in _REALISATIE)
# The number columns of the personeel, bouwstenen and realisatie tables, with their soort
GETALKOLOMMEN = {
    k: s
    for k, _l, s, *_r in (*_PERSONEEL, *BOUWSTEEN_REGELS, *_REALISATIE)
    if s in ("getal", "fractie", "geheel")
}

_ALGEMEEN = (
    ("aanbieder_naam", "naam", "Naam van de organisatie", "tekst", True, ()),
    ("aanbieder_kvk", "kvk", "KvK-nummer (8 cijfers)", "tekst", True, ()),
    ("grootteklasse", "grootteklasse", "Grootteklasse", "keuze", True, GROOTTEKLASSEN),
    ("cao", "cao", "Toegepaste CAO", "tekst", True, ()),
    ("contact_naam", "contactpersoon", "Contactpersoon", "tekst", True, ()),
    ("contact_email", "email", "E-mailadres contactpersoon", "tekst", True, ()),
    ("contact_telefoon", "telefoon", "Telefoonnummer (niet verplicht)", "tekst", False, ()),
    ("invuldatum", "invuldatum", "Datum van invullen", "datum", True, ()),
)

PERSONEEL_EERSTE_RIJ = 7
BOUWSTENEN_EERSTE_KOLOM = 4  # D
REALISATIE_EERSTE_RIJ = 7
ALGEMEEN_PRODUCT_RIJ = 16


def slug(productspecificatie: str) -> str:
    """A name-safe key: 'OZL 1' -> 'ozl_1', 'Kortdurend verblijf' -> 'kortdurend_verblijf'."""
    return re.sub(r"[^a-z0-9]+", "_", productspecificatie.lower()).strip("_")


@dataclass(frozen=True, eq=False)  # identity hash: cheap as a cache key
class Indeling:
    """The whole template layout for one year's catalogue."""

    jaar: int
    versie: str
    producten: tuple[
        tuple[str, str, str, str], ...
    ]  # (productspecificatie, omschrijving, soort, eenheid)
    velden: tuple[Veld, ...]
    per_naam: dict[str, Veld] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "per_naam", {v.naam: v for v in self.velden})

    def veld(self, naam: str) -> Veld:
        return self.per_naam[naam]

    def bouwsteen(self, product: str, kolom: str) -> Veld | None:
        return self.per_naam.get(f"bs_{slug(product)}_{kolom}")

    def soort(self, product: str) -> str:
        return next(p[2] for p in self.producten if p[0] == product)


def indeling(params: Jaarparameters) -> Indeling:
    """The template layout for the year's catalogue."""
    ip = inleesparameters(params)
    return _maak_indeling(
        params.jaar,
        ip.sjabloonversie,
        tuple(
            (p.productspecificatie, p.omschrijving, p.soort, p.eenheid) for p in params.catalogus
        ),
    )


@cache
def _maak_indeling(jaar: int, versie: str, producten) -> Indeling:
    velden = [
        Veld("sjabloon_jaar", TOELICHTING, "C3", "Sjabloonjaar", "geheel", verplicht=True),
        Veld(
            "sjabloon_versie", TOELICHTING, "C4", "Versie van het sjabloon", "tekst", verplicht=True
        ),
    ]
    for i, (naam, kolom, label, soort, verplicht, keuzes) in enumerate(_ALGEMEEN):
        velden.append(Veld(naam, ALGEMEEN, f"C{4 + i}", label, soort, "", verplicht, keuzes, kolom))
    for i, (product, *_rest) in enumerate(producten):
        velden.append(
            Veld(
                f"aangeboden_{slug(product)}",
                ALGEMEEN,
                f"E{ALGEMEEN_PRODUCT_RIJ + i}",
                f"Biedt u {product} aan?",
                "keuze",
                verplicht=True,
                keuzes=JA_NEE,
                kolom="aangeboden",
                product=product,
            )
        )
    for f in range(1, FUNCTIES + 1):
        rij = PERSONEEL_EERSTE_RIJ + f - 1
        for kolom, label, soort, eenheid, letter in _PERSONEEL:
            formule = f"D{rij}*(1+E{rij}+F{rij}+G{rij})*(1+H{rij})" if soort == "formule" else ""
            velden.append(
                Veld(
                    f"functie_{f:02d}_{kolom}",
                    PERSONEEL,
                    f"{letter}{rij}",
                    f"Functie {f}: {label}",
                    soort,
                    eenheid,
                    kolom=kolom,
                    functie=f,
                    formule=formule,
                )
            )
    rijen = _bouwsteenrijen()
    for i, (product, _oms, soort_product, _eenheid) in enumerate(producten):
        letter = get_column_letter(BOUWSTENEN_EERSTE_KOLOM + i)
        for f in range(1, FUNCTIES + 1):
            velden.append(
                Veld(
                    f"bs_{slug(product)}_fte_{f:02d}",
                    BOUWSTENEN,
                    f"{letter}{rijen[f'fte_{f:02d}']}",
                    f"{product}: fte van functie {f}",
                    "getal",
                    "fte",
                    kolom="fte",
                    product=product,
                    functie=f,
                )
            )
        for kolom, label, soort, eenheid, geldt in BOUWSTEEN_REGELS:
            if soort_product not in geldt:
                continue
            formule = ""
            if soort == "formule":
                r = {k: f"{letter}{rijen[k]}" for k in ("jaaruren", *NIET_PRODUCTIEF)}
                formule = r["jaaruren"] + "".join(f"-{r[k]}" for k in NIET_PRODUCTIEF)
            velden.append(
                Veld(
                    f"bs_{slug(product)}_{kolom}",
                    BOUWSTENEN,
                    f"{letter}{rijen[kolom]}",
                    f"{product}: {label}",
                    soort,
                    eenheid,
                    verplicht=soort != "formule",
                    kolom=kolom,
                    product=product,
                    formule=formule,
                )
            )
    for i, (product, *_rest) in enumerate(producten):
        rij = REALISATIE_EERSTE_RIJ + i
        for kolom, label, soort, eenheid, letter in _REALISATIE:
            velden.append(
                Veld(
                    f"real_{slug(product)}_{kolom}",
                    REALISATIE,
                    f"{letter}{rij}",
                    f"{product}: {label}",
                    soort,
                    eenheid,
                    kolom=kolom,
                    product=product,
                )
            )
    return Indeling(jaar, versie, tuple(producten), tuple(velden))


@cache
def _bouwsteenrijen() -> dict[str, int]:
    """Row of each line of the Bouwstenen sheet (sections have a heading row)."""
    rijen, rij = {}, 9
    for f in range(1, FUNCTIES + 1):
        rijen[f"fte_{f:02d}"] = rij
        rij += 1
    rij += 1  # heading: uren
    for kolom, *_ in BOUWSTEEN_REGELS:
        if kolom == "reiskosten":
            rij += 1  # heading: kosten
        if kolom == "groepsgrootte":
            rij += 1  # heading: productafhankelijk
        rijen[kolom] = rij
        rij += 1
    return rijen


def bereken_formules(ind: Indeling, waarden: dict[str, Decimal | None]) -> dict[str, Decimal]:
    """The value each formula cell should show, from the input values (None when incomplete)."""
    uit: dict[str, Decimal] = {}
    for v in ind.velden:
        if v.soort != "formule":
            continue
        if v.blad == PERSONEEL:
            p = f"functie_{v.functie:02d}_"
            d = [waarden.get(p + k) for k in PERSONEEL_KOLOMMEN[2:]]
            if all(isinstance(x, Decimal) for x in d):
                uit[v.naam] = d[0] * (1 + d[1] + d[2] + d[3]) * (1 + d[4])
        else:
            p = f"bs_{slug(v.product)}_"
            d = [waarden.get(p + k) for k in ("jaaruren", *NIET_PRODUCTIEF)]
            if all(isinstance(x, Decimal) for x in d):
                uit[v.naam] = d[0] - sum(d[1:])
    return uit


# --- writing -------------------------------------------------------------------------------

_KOP = Font(bold=True, size=14)
_VET = Font(bold=True)
_INVOER = PatternFill("solid", fgColor="FFF2CC")
_BEREKEND = PatternFill("solid", fgColor="E2EFDA")
_NVT = PatternFill("solid", fgColor="D9D9D9")
_OPEN = Protection(locked=False)
_FORMATEN = {
    "fractie": "0.0%",
    "getal": "#,##0.00",
    "geheel": "0",
    "datum": "dd-mm-yyyy",
    "tekst": "@",  # text: a KvK or telephone number keeps its leading zero
}


def schrijf_sjabloon(
    params: Jaarparameters, pad: str | Path, invulling: dict[str, object] | None = None
) -> Path:
    """Write the year's template to `pad` atomically; `invulling` fills named cells (sample).

    The bytes are reproducible: fixed timestamps in the archive and its metadata, and the
    values of formula cells stored as Excel would store them when `invulling` is given.
    """
    ind = indeling(params)
    ip = inleesparameters(params)
    wb = Workbook()
    wb.remove(wb.active)
    for blad in BLADEN:
        wb.create_sheet(blad)
    _toelichting(wb[TOELICHTING], ind, ip, params)
    _algemeen(wb[ALGEMEEN], ind)
    _personeel(wb[PERSONEEL])
    _bouwstenen(wb[BOUWSTENEN], ind)
    _realisatie(wb[REALISATIE], params)
    for (blad, cel), tekst in vaste_teksten(ind).items():
        wb[blad][cel] = tekst
    _invoercellen(wb, ind)
    for naam, waarde in (invulling or {}).items():
        v = ind.veld(naam)
        wb[v.blad][v.cel] = waarde
    for ws in wb.worksheets:
        ws.protection.sheet = True
        ws.protection.formatCells = False
        ws.protection.formatColumns = False
    wb.properties.creator = "kostprijs"
    wb.properties.title = f"Kostprijssjabloon Wmo-begeleiding {ind.jaar}"
    wb.properties.created = datetime(*VAST_TIJDSTIP)
    buffer = io.BytesIO()
    wb.save(buffer)
    cache: dict[str, Decimal] = {}
    if invulling:
        cache = bereken_formules(
            ind,
            {
                k: decimaal(w)
                for k, w in invulling.items()
                if isinstance(w, int | float | Decimal) and not isinstance(w, bool)
            },
        )
    pad = Path(pad)
    with atomisch(pad) as tmp:
        tmp.write_bytes(_vastzetten(buffer.getvalue(), ind, cache))
    return pad


def _toelichting(ws, ind: Indeling, ip: Inleesparameters, params: Jaarparameters) -> None:
    ws.column_dimensions["A"].width = 3
    ws.column_dimensions["B"].width = 34
    ws.column_dimensions["C"].width = 100
    ws["B1"] = f"Kostprijssjabloon Wmo-begeleiding, tariefjaar {ind.jaar}"
    ws["B1"].font = _KOP
    ws["B3"], ws["C3"] = "Sjabloonjaar", ind.jaar
    ws["B4"], ws["C4"] = "Versie van het sjabloon", ind.versie
    ws["B5"], ws["C5"] = "Contact", ip.contact
    ws["B6"], ws["C6"] = "Inleveren uiterlijk", _datum_nl(ip.inleverdatum)
    for c in ("C3", "C4"):
        ws[c].alignment = Alignment(horizontal="left")
    regels = [
        ("Zo vult u het sjabloon in", ""),
        (
            "Gele cellen",
            "Alleen de gele cellen vult u in. Groene cellen rekent het sjabloon zelf uit; grijze cellen zijn niet van toepassing.",
        ),
        (
            "Niet wijzigen",
            "Wijzig geen bladnamen, voeg geen bladen toe en verwijder geen rijen of kolommen. Laat formules staan.",
        ),
        ("Bedragen", "In euro's, zonder euroteken. Gebruik getallen, geen tekst."),
        (
            "Percentages",
            "Als percentage (bijv. 20%); de cel is al als percentage opgemaakt. Typ dus 20 of 20%, niet 0,2%.",
        ),
        (
            "Jaar van de cijfers",
            f"Vul de cijfers in van boekjaar {params.realisatiejaar} (realisatie) en uw begroting voor {ind.jaar} (bouwstenen).",
        ),
        (
            "Algemeen",
            "Gegevens van uw organisatie en welke producten u levert. Vul bij elk product ja of nee in.",
        ),
        (
            "Personeel",
            "Per functie (maximaal 10): salarisschaal volgens uw CAO, bruto jaarsalaris per fte zonder toeslagen, vakantiegeld, eindejaarsuitkering, ORT en toeslagen, werkgeverslasten.",
        ),
        (
            "Bouwstenen",
            "Per aangeboden product: de inzet per functie in fte, de jaaruren en niet-productieve uren per fte, en de opslagen en kosten per eenheid.",
        ),
        (
            "Realisatie",
            f"Per aangeboden product de werkelijke cijfers van {params.realisatiejaar}: kosten toegerekend aan het product, geleverd volume en aantal cliënten.",
        ),
        ("Rekenwijze", ""),
        (
            "Loonkosten per fte",
            "jaarsalaris × (1 + vakantiegeld + eindejaarsuitkering + ORT) × (1 + werkgeverslasten)",
        ),
        (
            "Productieve uren",
            "jaaruren − verlof − ziekte − scholing − overleg − indirecte tijd en reistijd",
        ),
        (
            "Uurkosten personeel",
            "(loonkosten + reiskosten + opleidingskosten) per fte, gewogen naar de fte per functie, gedeeld door de productieve uren",
        ),
        *_rekenwijze(params),
        (
            "Kostprijs",
            "(personeel × (1 + overhead + verplichtingen) + materieel + huisvesting + voeding) × (1 + indexering) × (1 + risico en winst)",
        ),
        (
            "Wettelijke elementen",
            "Het sjabloon bevat alle elementen van artikel 5.4, derde lid, Uitvoeringsbesluit Wmo 2015:",
        ),
        (
            "a. kosten beroepskracht",
            "Blad Personeel: salarisschaal en salaris volgens CAO, toeslagen, werkgeverslasten; blad Bouwstenen: fte per functie.",
        ),
        ("b. redelijke overhead", "Blad Bouwstenen: overhead."),
        (
            "c. niet-productieve uren",
            "Blad Bouwstenen: verlof, ziekte, scholing, overleg, indirecte tijd en reistijd.",
        ),
        (
            "d. reis- en opleidingskosten",
            "Blad Bouwstenen: reiskosten en opleidingskosten per fte.",
        ),
        ("e. indexering", "Blad Bouwstenen: indexering tot het tariefjaar."),
        (
            "f. gemeentelijke verplichtingen",
            "Blad Bouwstenen: administratie, rapportage en declaratie.",
        ),
        ("Definities", ""),
        ("fte", "Voltijdsbaan volgens uw CAO (de jaaruren per fte vult u zelf in)."),
        ("Eenheden", "; ".join(f"{p[0]}: per {p[3]}" for p in ind.producten)),
        (
            "Vertrouwelijk",
            "Uw cijfers worden alleen samengevoegd met die van andere aanbieders getoond; nooit afzonderlijk.",
        ),
    ]
    for i, (kop, tekst) in enumerate(regels, start=8):
        ws[f"B{i}"] = kop
        ws[f"C{i}"] = tekst
        ws[f"C{i}"].alignment = Alignment(wrap_text=True, vertical="top")
        ws[f"B{i}"].alignment = Alignment(vertical="top")
        if not tekst:
            ws[f"B{i}"].font = _VET


def _rekenwijze(params: Jaarparameters) -> list[tuple[str, str]]:
    """How the staff cost per unit is computed, for the soorten this catalogue has."""
    soorten = {p.soort for p in params.catalogus}
    eenheden = {p.eenheid for p in params.catalogus}
    uren = format(params.uren_per_dagdeel.normalize(), "f").replace(".", ",")
    regels = []
    if "uur" in soorten:
        regels.append(
            ("Per uur", "uurkosten" + (" (per minuut: ÷ 60)" if "minuut" in eenheden else ""))
        )
    if "dagdeel" in soorten:
        regels.append(
            (
                "Groepsproducten",
                "uurkosten × begeleiders per groep × uren per eenheid ÷ groepsgrootte"
                + (f" (een dagdeel is {uren} uur)" if "dagdeel" in eenheden else ""),
            )
        )
    if "etmaal" in soorten:
        regels.append(
            (
                "Per etmaal",
                "uurkosten × personeelsuren per etmaal ÷ bezettingsgraad; huisvesting ÷ "
                "bezettingsgraad; plus voeding",
            )
        )
    if "vervoer" in soorten:
        regels.append(
            (
                "Vervoer",
                "uurkosten × chauffeursuren per eenheid ÷ deelnemers per rit, plus materiële "
                "kosten (voertuig) per eenheid",
            )
        )
    if "traject" in soorten:
        regels.append(
            (
                "Trajecten en eenmalige producten",
                "uurkosten × personeelsuren per traject (of per week of maand), plus materiële "
                "kosten per eenheid",
            )
        )
    if params.kostprijs is None or params.kostprijs.opslag == "op_kosten":
        overhead = (
            "Een OPSLAG op de personeelskosten (× 1,20 bij 20%), niet een aandeel in de prijs. "
            "Dat geldt ook voor de gemeentelijke verplichtingen."
        )
    else:
        overhead = (
            "Een AANDEEL in de prijs (÷ 0,80 bij 20%), niet een opslag op de kosten. Dat geldt "
            "ook voor de gemeentelijke verplichtingen."
        )
    return [*regels, ("Overhead", overhead)]


def _datum_nl(iso: str) -> str:
    try:
        return date.fromisoformat(iso).strftime("%d-%m-%Y")
    except ValueError:
        return iso


def vaste_teksten(ind: Indeling) -> dict[tuple[str, str], str | int]:
    """The fixed labels of the four data sheets by (sheet, cell): row and column headings,
    product names and the function numbers. The writer puts them there; ingestion checks
    them, so that an inserted or deleted row or column is noticed even without names."""
    uit: dict[tuple[str, str], str | int] = {}
    for v in ind.velden:
        if v.blad == ALGEMEEN and v.product is None:
            uit[(ALGEMEEN, f"B{v.cel[1:]}")] = v.label
    kop = ALGEMEEN_PRODUCT_RIJ - 1
    uit[(ALGEMEEN, f"B{kop - 1}")] = "Aangeboden producten"
    for letter, tekst in zip("BCDE", _ALGEMEEN_KOPPEN, strict=True):
        uit[(ALGEMEEN, f"{letter}{kop}")] = tekst
    for i, (product, omschrijving, _soort, eenheid) in enumerate(ind.producten):
        rij = ALGEMEEN_PRODUCT_RIJ + i
        uit |= {
            (ALGEMEEN, f"{c}{rij}"): t
            for c, t in zip("BCD", (product, omschrijving, eenheid), strict=True)
        }
    for _kolom, label, _soort, eenheid, letter in _PERSONEEL:
        tekst = f"{label} ({eenheid})" if eenheid and eenheid != "%" else label
        uit[(PERSONEEL, f"{letter}{PERSONEEL_EERSTE_RIJ - 1}")] = tekst
    for f in range(1, FUNCTIES + 1):
        uit[(PERSONEEL, f"A{PERSONEEL_EERSTE_RIJ + f - 1}")] = f
    rijen = _bouwsteenrijen()
    uit |= {(BOUWSTENEN, f"B{r}"): t for r, t in zip((4, 5, 6), _BOUWSTEEN_KOPPEN, strict=True)}
    for kolom, tekst in _BOUWSTEEN_TUSSENKOPPEN.items():
        uit[(BOUWSTENEN, f"B{rijen[kolom] - 1}")] = tekst
    for f in range(1, FUNCTIES + 1):
        rij = rijen[f"fte_{f:02d}"]
        uit[(BOUWSTENEN, f"B{rij}")] = (
            f"Functie {f} (blad Personeel, rij {PERSONEEL_EERSTE_RIJ + f - 1})"
        )
        uit[(BOUWSTENEN, f"C{rij}")] = "fte"
    for kolom, label, _soort, eenheid, _geldt in BOUWSTEEN_REGELS:
        uit[(BOUWSTENEN, f"B{rijen[kolom]}")] = label
        uit[(BOUWSTENEN, f"C{rijen[kolom]}")] = eenheid
    for i, (product, omschrijving, _soort, eenheid) in enumerate(ind.producten):
        letter = get_column_letter(BOUWSTENEN_EERSTE_KOLOM + i)
        uit |= {
            (BOUWSTENEN, f"{letter}{r}"): t
            for r, t in zip((4, 5, 6), (product, omschrijving, eenheid), strict=True)
        }
    rij = REALISATIE_EERSTE_RIJ - 1
    uit[(REALISATIE, f"B{rij}")], uit[(REALISATIE, f"C{rij}")] = "Productspecificatie", "Eenheid"
    for _kolom, label, _soort, eenheid, letter in _REALISATIE:
        uit[(REALISATIE, f"{letter}{rij}")] = f"{label} ({eenheid})"
    for i, (product, _oms, _soort, eenheid) in enumerate(ind.producten):
        uit[(REALISATIE, f"B{REALISATIE_EERSTE_RIJ + i}")] = product
        uit[(REALISATIE, f"C{REALISATIE_EERSTE_RIJ + i}")] = eenheid
    return uit


_ALGEMEEN_KOPPEN = ("Productspecificatie", "Omschrijving", "Eenheid", "Biedt u dit aan?")
_BOUWSTEEN_KOPPEN = ("Productspecificatie", "Omschrijving", "Eenheid")
_BOUWSTEEN_TUSSENKOPPEN = {  # heading above the row of this bouwsteen
    "fte_01": "Inzet personeel (fte per functie, zie blad Personeel)",
    "jaaruren": "Uren per fte per jaar",
    "reiskosten": "Kosten en opslagen",
    "groepsgrootte": "Alleen bij groeps-, vervoer-, verblijfs- en trajectproducten",
}


def _algemeen(ws, ind: Indeling) -> None:
    ws.column_dimensions["B"].width = 34
    ws.column_dimensions["C"].width = 48
    ws.column_dimensions["D"].width = 12
    ws.column_dimensions["E"].width = 22
    ws["B1"] = "Algemene gegevens"
    ws["B1"].font = _KOP
    kop = ALGEMEEN_PRODUCT_RIJ - 1
    ws[f"B{kop - 1}"].font = _VET
    for letter in "BCDE":
        ws[f"{letter}{kop}"].font = _VET


def _personeel(ws) -> None:
    ws["B1"] = "Personeel per functie"
    ws["B1"].font = _KOP
    ws["B3"] = (
        "Bedragen per fte per jaar; percentages als percentage van het jaarsalaris (werkgeverslasten: van het salaris inclusief toeslagen)."
    )
    rij = PERSONEEL_EERSTE_RIJ - 1
    for *_rest, letter in _PERSONEEL:
        ws[f"{letter}{rij}"].font = _VET
        ws[f"{letter}{rij}"].alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[letter].width = 16
    ws.column_dimensions["B"].width = 30


def _bouwstenen(ws, ind: Indeling) -> None:
    ws["B1"] = "Bouwstenen van de kostprijs per product"
    ws["B1"].font = _KOP
    ws["B2"] = "Alleen de kolommen van producten die u aanbiedt (blad Algemeen) invullen."
    ws.column_dimensions["B"].width = 58
    ws.column_dimensions["C"].width = 20
    rijen = _bouwsteenrijen()
    for k in _BOUWSTEEN_TUSSENKOPPEN:
        ws[f"B{rijen[k] - 1}"].font = _VET
    for i, (_product, _omschrijving, soort, _eenheid) in enumerate(ind.producten):
        letter = get_column_letter(BOUWSTENEN_EERSTE_KOLOM + i)
        ws.column_dimensions[letter].width = 15
        ws[f"{letter}4"].font = _VET
        ws[f"{letter}5"].alignment = Alignment(wrap_text=True, vertical="top")
        for kolom, _label, _s, _e, geldt in BOUWSTEEN_REGELS:
            if soort not in geldt:
                ws[f"{letter}{rijen[kolom]}"].fill = _NVT


def _realisatie(ws, params: Jaarparameters) -> None:
    ws["B1"] = f"Realisatie {params.realisatiejaar} per product"
    ws["B1"].font = _KOP
    ws["B3"] = (
        "Werkelijke kosten, geleverd volume (in de eenheid van het product) en aantal cliënten."
    )
    rij = REALISATIE_EERSTE_RIJ - 1
    for *_rest, letter in _REALISATIE:
        ws.column_dimensions[letter].width = 22
    for c in "BCDEF":
        ws[f"{c}{rij}"].font = _VET
        ws[f"{c}{rij}"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["B"].width = 28


def _invoercellen(wb: Workbook, ind: Indeling) -> None:
    """Defined names, fill, protection, number format and data validation of named cells."""
    validaties: dict[tuple[str, str], DataValidation] = {}
    for v in ind.velden:
        ws = wb[v.blad]
        cel = ws[v.cel]
        wb.defined_names[v.naam] = DefinedName(
            v.naam, attr_text=f"{_blad_ref(v.blad)}!{_absoluut(v.cel)}"
        )
        if v.soort in _FORMATEN:
            cel.number_format = _FORMATEN[v.soort]
        if v.blad == TOELICHTING:
            continue
        if v.soort == "formule":
            cel.value = f"={v.formule}"
            cel.fill = _BEREKEND
            continue
        cel.fill = _INVOER
        cel.protection = _OPEN
        sleutel = (v.blad, v.soort if v.soort != "keuze" else ",".join(v.keuzes))
        if sleutel not in validaties:
            validaties[sleutel] = _validatie(v)
            ws.add_data_validation(validaties[sleutel])
        validaties[sleutel].add(v.cel)


def _validatie(v: Veld) -> DataValidation:
    if v.soort == "keuze":
        dv = DataValidation(type="list", formula1=f'"{",".join(v.keuzes)}"', allow_blank=True)
        dv.error = f"Kies uit: {', '.join(v.keuzes)}."
    elif v.soort == "fractie":
        dv = DataValidation(
            type="decimal", operator="between", formula1="0", formula2="1", allow_blank=True
        )
        dv.error = "Vul een percentage in tussen 0% en 100%."
    elif v.soort == "geheel":
        dv = DataValidation(
            type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True
        )
        dv.error = "Vul een geheel getal in (0 of meer)."
    elif v.soort == "getal":
        dv = DataValidation(
            type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True
        )
        dv.error = "Vul een getal in (0 of meer), zonder tekst of euroteken."
    elif v.soort == "datum":
        dv = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True)
        dv.error = "Vul een datum in, bijvoorbeeld 15-09-2026."
    else:
        dv = DataValidation(
            type="textLength",
            operator="lessThanOrEqual",
            formula1=str(TEKST_MAX),
            allow_blank=True,
        )
        dv.error = f"Hooguit {TEKST_MAX} tekens."
    dv.errorTitle = "Ongeldige invoer"
    dv.showErrorMessage = True
    return dv


def _blad_ref(blad: str) -> str:
    return f"'{blad}'" if not blad.isalnum() else blad


def _absoluut(cel: str) -> str:
    m = re.fullmatch(r"([A-Z]+)(\d+)", cel)
    return f"${m.group(1)}${m.group(2)}"


def _vastzetten(data: bytes, ind: Indeling, cache: dict[str, Decimal]) -> bytes:
    """Rewrite the archive with fixed timestamps and the stored values of formula cells."""
    bladbestand = {blad: f"xl/worksheets/sheet{i}.xml" for i, blad in enumerate(BLADEN, start=1)}
    per_bestand: dict[str, dict[str, Decimal]] = {}
    for naam, waarde in cache.items():
        v = ind.veld(naam)
        per_bestand.setdefault(bladbestand[v.blad], {})[v.cel] = waarde
    tijd = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*VAST_TIJDSTIP)
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(uit, "w") as zout:
        for info in zin.infolist():
            inhoud = zin.read(info)
            if info.filename == "docProps/core.xml":
                inhoud = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + tijd.encode() + rb"\g<2>",
                    inhoud,
                )
            for cel, waarde in per_bestand.get(info.filename, {}).items():
                tekst = _getal_xml(waarde).encode()
                inhoud = re.sub(
                    rb'(<c r="' + cel.encode() + rb'"[^>]*><f>[^<]*</f>)<v ?/>',
                    rb"\g<1><v>" + tekst + rb"</v>",
                    inhoud,
                )
            nieuw = zipfile.ZipInfo(info.filename, date_time=VAST_TIJDSTIP)
            nieuw.compress_type = zipfile.ZIP_DEFLATED
            nieuw.external_attr = 0o644 << 16
            zout.writestr(nieuw, inhoud)
    return uit.getvalue()


def _getal_xml(waarde: Decimal) -> str:
    """A number as Excel stores it: up to 15 significant digits, no exponent."""
    return repr(float(waarde))


def data_dictionary(ind: Indeling) -> str:
    """The data dictionary of the template's named cells, as Markdown (docs/sjabloon.md)."""
    regels = [
        f"# Data dictionary van het kostprijssjabloon (tariefjaar {ind.jaar}, versie {ind.versie})",
        "",
        "Gegenereerd door `kostprijs.sjabloon.data_dictionary` uit de parameters van het jaar;",
        "een test houdt dit bestand gelijk aan het sjabloon. Elke invoercel heeft een Excel-naam;",
        "`kostprijs inlezen` zoekt de cellen op die naam en controleert dat elke naam nog naar",
        "deze cel wijst. Soort: `tekst` (als tekst opgemaakt, hooguit "
        f"{TEKST_MAX} tekens), `getal` (0 of meer),",
        "`fractie` (percentage, 0-100%), `geheel` (geheel getal, 0 of meer), `keuze` (lijst),",
        "`datum`, `formule` (berekend, vergrendeld). Bouwstenen zijn verplicht voor elk",
        "aangeboden product; fte en realisatie zijn verplicht waar van toepassing (zie `docs/gegevens.md`).",
        "",
        "| naam | blad | cel | omschrijving | soort | eenheid | verplicht | keuzes / formule |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for v in ind.velden:
        extra = ", ".join(v.keuzes) if v.keuzes else (f"`={v.formule}`" if v.formule else "")
        regels.append(
            f"| `{v.naam}` | {v.blad} | {v.cel} | {v.label} | {v.soort} | {v.eenheid} | "
            f"{'ja' if v.verplicht else ''} | {extra} |"
        )
    return "\n".join(regels) + "\n"
