"""Section `regio`: municipalities that buy together, with one research and one tariff list,
and a budget impact for each council.

Without the section the research is for the one `gemeente` of the file, as before. With it,
the municipality's tables carry a column `gemeente` (the name or the CBS gemeentecode of the
member), and every budget figure is computed per member and for the region.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kostprijs.fouten import ConfiguratieFout
from kostprijs.parameters.sleutels import onbekend

CBS_CODE = re.compile(r"^(?:GM)?(\d{1,4})$", re.IGNORECASE)


@dataclass(frozen=True)
class Gemeente:
    """A member of the region: its name in the reports and its CBS gemeentecode (GM0855)."""

    naam: str
    cbs: str

    @property
    def map(self) -> str:
        """Its folder under reports/<jaar>/gemeenten/: the name, lower case, no accents or
        spaces (``Gilze en Rijen`` -> ``gilze-en-rijen``)."""
        return _map(self.naam)


@dataclass(frozen=True)
class Regio:
    """The region's name and its members, in the order of the parameter file."""

    naam: str
    gemeenten: tuple[Gemeente, ...]
    minimum_clienten: int = 10  # a published amount per member covers at least this many

    def plek(self, waarde: str) -> int | None:
        """The position of the member that `waarde` names (its name, without case or accents,
        or its CBS code with or without GM and leading zeros); None when it names none.

        >>> r = Regio("R", (Gemeente("Loon op Zand", "GM0809"), Gemeente("Tilburg", "GM0855")))
        >>> r.plek("loon op zand"), r.plek("855"), r.plek("GM0855"), r.plek("Breda")
        (0, 1, 1, None)
        """
        return self._plekken.get(_sleutel(waarde))

    @functools.cached_property
    def _plekken(self) -> dict[str, int]:  # once per region: read for every distinct cell
        plekken = {}
        for i, g in enumerate(self.gemeenten):
            plekken[_sleutel(g.naam)] = i
            plekken[_sleutel(g.cbs)] = i
        return plekken

    @property
    def namen(self) -> tuple[str, ...]:
        return tuple(g.naam for g in self.gemeenten)


def _sleutel(waarde: str) -> str:
    tekst = unicodedata.normalize("NFKD", str(waarde)).encode("ascii", "ignore").decode()
    tekst = re.sub(r"[\s\-_'.]+", "", tekst).lower()
    code = CBS_CODE.match(tekst)
    return f"gm{int(code.group(1)):04d}" if code else tekst


def _map(naam: str) -> str:
    tekst = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", tekst).strip("-")


def cbs_code(waarde, bron: Path, naam: str) -> str:
    """The CBS gemeentecode as GM plus four digits.

    >>> cbs_code("855", Path("p.yaml"), "Tilburg"), cbs_code("gm0784", Path("p.yaml"), "x")
    ('GM0855', 'GM0784')
    """
    code = CBS_CODE.match(str(waarde).strip())
    # YAML reads cbs: 0344 as the octal number 228: only a quoted code is certain
    if not isinstance(waarde, str) or not code:
        raise ConfiguratieFout(
            f"{bron.name}: regio.gemeenten: de CBS-code van {naam} is '{waarde}'; een "
            "gemeentecode is GM met vier cijfers, bijvoorbeeld GM0855 (zet hem tussen "
            'aanhalingstekens: "GM0855").'
        )
    return f"GM{int(code.group(1)):04d}"


def lees_regio(ruw, bron: Path, gemeente: str) -> Regio | None:
    """The section `regio`, or None without it."""
    if ruw is None:
        return None
    onbekend(ruw, {"naam", "gemeenten", "minimum_clienten"}, "regio", bron)
    naam = str(ruw.get("naam") or gemeente).strip()
    minimum = ruw.get("minimum_clienten", 10)
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 3:
        raise ConfiguratieFout(
            f"{bron.name}: regio.minimum_clienten is '{minimum}'; het is een geheel getal van "
            "minstens 3 (het aantal cliënten dat een gepubliceerd bedrag per gemeente minstens "
            "telt), bijvoorbeeld 10."
        )
    leden = ruw.get("gemeenten")
    if not isinstance(leden, list) or len(leden) < 2:
        raise ConfiguratieFout(
            f"{bron.name}: regio.gemeenten moet een lijst van minstens twee gemeenten zijn, elk "
            'met naam en cbs, bijvoorbeeld - {naam: Tilburg, cbs: "GM0855"}. Koopt één '
            "gemeente in, laat de sectie regio dan weg."
        )
    gemeenten = []
    for lid in leden:
        onbekend(lid, {"naam", "cbs"}, "regio.gemeenten", bron)
        lid_naam = str(lid.get("naam") or "").strip()
        if not lid_naam or "cbs" not in lid:
            raise ConfiguratieFout(
                f"{bron.name}: regio.gemeenten: elke gemeente heeft een naam en een cbs-code "
                f"(gevonden: {lid})."
            )
        gemeenten.append(Gemeente(lid_naam, cbs_code(lid["cbs"], bron, lid_naam)))
    for wat, waarden in (
        ("naam", [_sleutel(g.naam) for g in gemeenten]),
        ("cbs-code", [g.cbs for g in gemeenten]),
        ("map", [g.map for g in gemeenten]),
    ):
        dubbel = sorted({w for w in waarden if waarden.count(w) > 1})
        if dubbel:
            raise ConfiguratieFout(
                f"{bron.name}: regio.gemeenten: twee gemeenten hebben dezelfde {wat} "
                f"({', '.join(dubbel)}); elke gemeente staat één keer in de lijst."
            )
    return Regio(naam, tuple(gemeenten), minimum)
