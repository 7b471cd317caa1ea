"""The declared cost-price method in Dutch: its one-line description and the warnings of the
check on its recording (`onderzoek.methode`)."""

from __future__ import annotations

from kostprijs.onderzoek.methode import Declaratie, Methodecontrole
from kostprijs.opmaak import datum

METHODE_NAMEN = {
    "gemiddelde": "gemiddelde",
    "gewogen_gemiddelde": "gewogen gemiddelde (naar geleverd volume)",
    "mediaan": "mediaan",
    "getrimd_gemiddelde": "getrimd gemiddelde",
}


def omschrijving(d: Declaratie) -> str:
    """The method on one line, for reports.

    >>> from datetime import date
    >>> from decimal import Decimal
    >>> omschrijving(Declaratie("getrimd_gemiddelde", Decimal("0.10"), "per_uur", date(2026, 2, 1)))
    'getrimd gemiddelde (10% aan elke kant); overhead per uur; vastgelegd op 1 februari 2026'
    >>> omschrijving(Declaratie("mediaan", Decimal("0"), "opslag", None))
    'mediaan; overhead opslag; vastgelegd op onbekend'
    """
    tekst = METHODE_NAMEN[d.aggregatie]
    if d.aggregatie == "getrimd_gemiddelde":
        tekst += f" ({format(d.trim_aandeel * 100, 'f').rstrip('0').rstrip('.')}% aan elke kant)"
    datum_ = datum(d.declaratiedatum) if d.declaratiedatum else "onbekend"
    return f"{tekst}; overhead {d.opslag.replace('_', ' ')}; vastgelegd op {datum_}"


def waarschuwingen(c: Methodecontrole) -> list[str]:
    """A sentence per finding of the check; empty when the method demonstrably came first.

    >>> from datetime import date
    >>> c = Methodecontrole(date(2026, 3, 21), date(2026, 3, 20), "ab" * 32, "ab" * 32, "m.json")
    >>> waarschuwingen(c)  # doctest: +NORMALIZE_WHITESPACE
    ['De methode is vastgelegd op 21 maart 2026, na de eerste inzending (20 maart 2026). De
      methode is dus mogelijk gekozen of gewijzigd nadat cijfers bekend waren.']
    >>> waarschuwingen(Methodecontrole(date(2026, 2, 1), date(2026, 3, 20), "ab" * 32,
    ...                                "cd" * 32, "m.json"))  # doctest: +NORMALIZE_WHITESPACE
    ['De methode wijkt af van de methode die vóór het inlezen van de inzendingen was
      vastgelegd (vastgelegd abababababab, nu cdcdcdcdcdcd).']
    >>> waarschuwingen(Methodecontrole(None, None, None, "cd" * 32, "m.json"))
    ... # doctest: +NORMALIZE_WHITESPACE
    ['De methode heeft geen declaratiedatum; niet aantoonbaar is dat zij is vastgelegd voordat
      de inzendingen binnen waren.', 'De methode is niet vastgelegd (m.json ontbreekt); niet
      aantoonbaar is dat zij vóór de inzendingen vaststond.']
    """
    zinnen = []
    if c.zonder_datum:
        zinnen.append(
            "De methode heeft geen declaratiedatum; niet aantoonbaar is dat zij is "
            "vastgelegd voordat de inzendingen binnen waren."
        )
    elif c.na_eerste_inzending:
        zinnen.append(
            f"De methode is vastgelegd op {datum(c.declaratiedatum)}, "
            f"na de eerste inzending ({datum(c.eerste_inzending)}). De methode is dus mogelijk "
            "gekozen of gewijzigd nadat cijfers bekend waren."
        )
    if c.afwijkend:
        zinnen.append(
            "De methode wijkt af van de methode die vóór het inlezen van de inzendingen "
            f"was vastgelegd (vastgelegd {c.vastgelegde_hash[:12]}, nu {c.hash_nu[:12]})."
        )
    if c.niet_vastgelegd:
        zinnen.append(
            f"De methode is niet vastgelegd ({c.vastlegging} ontbreekt); "
            "niet aantoonbaar is dat zij vóór de inzendingen vaststond."
        )
    return zinnen
