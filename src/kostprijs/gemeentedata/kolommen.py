"""Column names as client systems write them, mapped to the canonical names by one declared
list of aliases.

A header is compared without case, accents, spaces, hyphens and underscores ('Cliëntnummer',
'clientnummer' and 'CLIENT_NUMMER' are one name). Where several columns of a file map to the
same canonical name, the one earliest in the alias list is used and the others are named as
not used. Every column that is neither used nor declared as ignored is named in the findings:
nothing is dropped without a word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from kostprijs.fouten import ConfiguratieFout

# canonical name -> aliases, most specific first (the canonical name itself always counts)
ALIASSEN: Mapping[str, tuple[str, ...]] = {
    "client": (
        "cliëntnummer",
        "clientnummer",
        "cliëntnr",
        "clientnr",
        "cliënt",
        "cliënt-id",
        "clientid",
        "bsn",
        "burgerservicenummer",
    ),
    "productspecificatie": ("product", "productnaam", "productomschrijving"),
    "productcode": ("product code", "code product"),
    "variant": (),
    "leveringsvorm": ("leveringsvorm",),
    "indicatie_per_week": ("indicatie per week", "omvang per week", "per week"),
    "omvang": ("volume", "aantal", "toegewezen volume"),
    "eenheid": ("eenheidcode", "eenheid code"),
    "frequentie": ("frequentiecode", "frequentie code"),
    "begin": ("begindatum", "ingangsdatum", "startdatum", "datum begin", "datum ingang"),
    "einde": ("einddatum", "datum einde", "datum eind"),
    "toewijzing": ("toewijzingnummer", "toewijzingsnummer", "beschikkingnummer"),
    "aanbieder": ("zorgaanbieder", "aanbiedernaam", "agb-code", "agb code", "agb"),
    "periode": ("facturatieperiode", "declaratieperiode"),
    "volume": ("geleverd volume", "geleverdvolume", "gedeclareerd volume", "aantal"),
    "geleverd": ("geleverd volume", "geleverdvolume"),
    "tarief": ("prijs", "producttarief", "tarief per eenheid"),
    "aandeel": (),
    "resultaatgebied": (),
    "zelfredzaamheid": (),
    "gemeente": ("gemeentenaam", "gemeentecode", "cbs-code", "cbscode", "woonplaats gemeente"),
}
# columns a client system exports that no reader needs: not named as unused
GENEGEERD = (
    "productcategorie",
    "categorie",
    "opmerking",
    "toelichting",
    "omschrijving",
    "regel",
    "regelnummer",
)


def sleutel(naam: str) -> str:
    """A header as compared: no accents, case, spaces, hyphens or underscores."""
    zonder = unicodedata.normalize("NFKD", str(naam))
    zonder = "".join(c for c in zonder if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]", "", zonder.lower())


def koppel(
    koppen: Iterable[str],
    namen: Iterable[str],
    extra: Mapping[str, Iterable[str]] | None = None,
) -> tuple[dict[str, str], list[str]]:
    """Map a file's headers to the canonical `namen` a reader uses.

    Returns {header as in the file: canonical name} for the used columns, and the findings
    ("kolom 'X' wordt niet gebruikt ...") for the other ones. `extra`: aliases a municipality
    declares in addition (canonical name -> aliases).
    """
    koppen = [str(k).strip() for k in koppen]
    op_sleutel: dict[str, list[str]] = {}
    for k in koppen:
        op_sleutel.setdefault(sleutel(k), []).append(k)
    gebruikt: dict[str, str] = {}
    bevindingen: list[str] = []
    for naam in namen:
        kandidaten = [naam, *ALIASSEN.get(naam, ()), *((extra or {}).get(naam, ()))]
        gevonden = [k for a in kandidaten for k in op_sleutel.get(sleutel(a), [])]
        gevonden = [k for k in dict.fromkeys(gevonden) if k not in gebruikt]
        if not gevonden:
            continue
        gebruikt[gevonden[0]] = naam
        for ander in gevonden[1:]:
            gebruikt.setdefault(ander, "")
            bevindingen.append(
                f"kolom '{ander}' wordt niet gebruikt: '{gevonden[0]}' geeft al de {naam}."
            )
    genegeerd = {sleutel(g) for g in GENEGEERD}
    for k in koppen:
        if k not in gebruikt and sleutel(k) not in genegeerd and k:
            bevindingen.append(f"kolom '{k}' wordt niet gebruikt.")
    return {k: n for k, n in gebruikt.items() if n}, bevindingen


def herkent(
    koppen: Iterable[str], naam: str, extra: Mapping[str, Iterable[str]] | None = None
) -> bool:
    """Whether one of `koppen` is the canonical `naam` or one of its aliases."""
    bekend = {sleutel(a) for a in (naam, *ALIASSEN.get(naam, ()), *(extra or {}).get(naam, ()))}
    return any(sleutel(k) in bekend for k in koppen)


def eigen_aliassen(params) -> dict[str, tuple[str, ...]]:
    """The aliases the municipality adds in its parameters (`lees_kolomaliassen`); none
    without parameters."""
    return dict(params.kolomaliassen) if params is not None else {}


def lees_kolomaliassen(sectie, bron: str) -> dict[str, tuple[str, ...]]:
    """The section `gemeentedata` of params/<jaar>.yaml: aliases a municipality adds,

        gemeentedata:
          kolommen:
            client: [Dossiernummer]
            omvang: [Toegekend aantal]

    ConfiguratieFout for an unknown canonical name or an alias that is no text."""
    sectie = sectie or {}
    if not isinstance(sectie, dict) or set(sectie) - {"kolommen"}:
        raise ConfiguratieFout(f"{bron}: 'gemeentedata' kent alleen de sleutel 'kolommen'.")
    kolommen = sectie.get("kolommen") or {}
    if not isinstance(kolommen, dict):
        raise ConfiguratieFout(f"{bron}: gemeentedata.kolommen: noem per kolomnaam een lijst.")
    onbekend = sorted(set(kolommen) - set(ALIASSEN))
    if onbekend:
        raise ConfiguratieFout(
            f"{bron}: gemeentedata.kolommen: onbekende kolom(men) {', '.join(onbekend)}; "
            f"kies uit {', '.join(ALIASSEN)}."
        )
    uit = {}
    for naam, aliassen in kolommen.items():
        lijst = [aliassen] if isinstance(aliassen, str) else aliassen
        if not isinstance(lijst, list) or not all(isinstance(a, str) and a.strip() for a in lijst):
            raise ConfiguratieFout(
                f"{bron}: gemeentedata.kolommen.{naam}: geef een lijst van kolomnamen."
            )
        uit[naam] = tuple(lijst)
    return uit
