"""The layout of the provider cost-price template: one place for its writer and its reader.

Every input cell has an Excel defined name, at a fixed cell; the fixed labels around them
(`vaste_teksten`) let ingestion notice a deleted or inserted row even without names. The
product catalogue comes from the year's parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from openpyxl.utils import get_column_letter

from kostprijs.parameters import Jaarparameters, inleesparameters

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
TEKST_MAX = 200  # characters in a text cell, as the template's data validation allows
KVK = "aanbieder_kvk"  # the cell that identifies the provider
EMAIL = "contact_email"

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
PERSONEEL_REGELS = (
    ("functie", "Functie", "tekst", "", "B"),
    ("schaal", "Salarisschaal (CAO)", "tekst", "", "C"),
    ("jaarsalaris", "Bruto jaarsalaris per fte, zonder toeslagen", "getal", "euro", "D"),
    ("vakantiegeld", "Vakantiegeld", "fractie", "%", "E"),
    ("eindejaarsuitkering", "Eindejaarsuitkering", "fractie", "%", "F"),
    ("ort", "ORT en andere toeslagen", "fractie", "%", "G"),
    ("werkgeverslasten", "Werkgeverslasten (sociale lasten en pensioen)", "fractie", "%", "H"),
    ("loonkosten", "Loonkosten per fte (berekend)", "formule", "euro", "I"),
)
PERSONEEL_KOLOMMEN = tuple(p[0] for p in PERSONEEL_REGELS if p[2] != "formule")

REALISATIE_REGELS = (
    ("kosten", "Totale kosten toegerekend aan dit product", "getal", "euro", "D"),
    ("volume", "Geleverd volume", "getal", "eenheden", "E"),
    ("clienten", "Aantal cliënten", "geheel", "cliënten", "F"),
)
REALISATIE_KOLOMMEN = tuple(r[0] for r in REALISATIE_REGELS)
# The number columns of the personeel, bouwstenen and realisatie tables, with their soort
GETALKOLOMMEN = {
    k: s
    for k, _l, s, *_r in (*PERSONEEL_REGELS, *BOUWSTEEN_REGELS, *REALISATIE_REGELS)
    if s in ("getal", "fractie", "geheel")
}

ALGEMEEN_REGELS = (
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
    """A name-safe key: 'AB 1' -> 'ab_1', 'Dagbesteding groep' -> 'dagbesteding_groep'."""
    return re.sub(r"[^a-z0-9]+", "_", productspecificatie.lower()).strip("_")


@dataclass(frozen=True, eq=False)  # identity hash: cheap as a cache key
class Indeling:
    """The whole template layout for one year's catalogue."""

    jaar: int
    versie: str
    prijsjaar: int  # the financial year whose actual figures the template asks for
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


def boekjaar(params: Jaarparameters) -> int:
    """The financial year whose actual figures the template asks for: the last year closed
    before the hand-in date (without a hand-in date: two years before the tariff year)."""
    inleverdatum = inleesparameters(params).inleverdatum
    if inleverdatum:
        return date.fromisoformat(inleverdatum).year - 1
    return params.jaar - 2


def indeling(params: Jaarparameters) -> Indeling:
    """The template layout for the year's catalogue."""
    ip = inleesparameters(params)
    return _maak_indeling(
        params.jaar,
        ip.sjabloonversie,
        boekjaar(params),
        tuple(
            (p.productspecificatie, p.omschrijving, p.soort, p.eenheid) for p in params.catalogus
        ),
    )


@cache
def _maak_indeling(jaar: int, versie: str, prijsjaar: int, producten) -> Indeling:
    velden = [
        Veld("sjabloon_jaar", TOELICHTING, "C3", "Sjabloonjaar", "geheel", verplicht=True),
        Veld("sjabloon_prijsjaar", TOELICHTING, "C7", "Boekjaar van de cijfers", "geheel"),
        Veld(
            "sjabloon_versie", TOELICHTING, "C4", "Versie van het sjabloon", "tekst", verplicht=True
        ),
    ]
    for i, (naam, kolom, label, soort, verplicht, keuzes) in enumerate(ALGEMEEN_REGELS):
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
        for kolom, label, soort, eenheid, letter in PERSONEEL_REGELS:
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
    rijen = bouwsteenrijen()
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
        for kolom, label, soort, eenheid, letter in REALISATIE_REGELS:
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
    return Indeling(jaar, versie, prijsjaar, tuple(producten), tuple(velden))


@cache
def bouwsteenrijen() -> dict[str, int]:
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
    for letter, tekst in zip("BCDE", ALGEMEEN_KOPPEN, strict=True):
        uit[(ALGEMEEN, f"{letter}{kop}")] = tekst
    for i, (product, omschrijving, _soort, eenheid) in enumerate(ind.producten):
        rij = ALGEMEEN_PRODUCT_RIJ + i
        uit |= {
            (ALGEMEEN, f"{c}{rij}"): t
            for c, t in zip("BCD", (product, omschrijving, eenheid), strict=True)
        }
    for _kolom, label, _soort, eenheid, letter in PERSONEEL_REGELS:
        tekst = f"{label} ({eenheid})" if eenheid and eenheid != "%" else label
        uit[(PERSONEEL, f"{letter}{PERSONEEL_EERSTE_RIJ - 1}")] = tekst
    for f in range(1, FUNCTIES + 1):
        uit[(PERSONEEL, f"A{PERSONEEL_EERSTE_RIJ + f - 1}")] = f
    rijen = bouwsteenrijen()
    uit |= {(BOUWSTENEN, f"B{r}"): t for r, t in zip((4, 5, 6), BOUWSTEEN_KOPPEN, strict=True)}
    for kolom, tekst in BOUWSTEEN_TUSSENKOPPEN.items():
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
    for _kolom, label, _soort, eenheid, letter in REALISATIE_REGELS:
        uit[(REALISATIE, f"{letter}{rij}")] = f"{label} ({eenheid})"
    for i, (product, _oms, _soort, eenheid) in enumerate(ind.producten):
        uit[(REALISATIE, f"B{REALISATIE_EERSTE_RIJ + i}")] = product
        uit[(REALISATIE, f"C{REALISATIE_EERSTE_RIJ + i}")] = eenheid
    return uit


ALGEMEEN_KOPPEN = ("Productspecificatie", "Omschrijving", "Eenheid", "Biedt u dit aan?")
BOUWSTEEN_KOPPEN = ("Productspecificatie", "Omschrijving", "Eenheid")
BOUWSTEEN_TUSSENKOPPEN = {  # heading above the row of this bouwsteen
    "fte_01": "Inzet personeel (fte per functie, zie blad Personeel)",
    "jaaruren": "Uren per fte per jaar",
    "reiskosten": "Kosten en opslagen",
    "groepsgrootte": "Alleen bij groeps-, vervoer-, verblijfs- en trajectproducten",
}
