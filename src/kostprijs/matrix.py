"""The result-based funding matrix of a year's parameters (`resultaatfinanciering`).

Rows are resultaatgebieden with their sub-results (codes such as `5a`), columns the distance to
the result (zelfredzaamheid: e.g. bijna, beperkt, niet); each bought cell gets one tariff per
period or per trajectory (Inkoopplan Wmo-begeleiding 2019, regio Hart van Brabant; Notitie
uitgangspunten inkoop begeleiding 2016, Dalfsen). How the tariff is computed is declared here,
before the data: the statistic, how periods without care count, the small-cell threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from kostprijs.fouten import ConfiguratieFout
from kostprijs.geld import decimaal

STATISTIEKEN = ("gemiddelde", "mediaan", "getrimd_gemiddelde")
PER = ("periode", "traject")
ZONDER_ZORG = ("tellen_mee", "tellen_niet_mee")
SLEUTELS = {
    "per",
    "statistiek",
    "trim_aandeel",
    "perioden_zonder_zorg",
    "minimum_clienten",
    "eigen_bijdrage_plafond",
    "zelfredzaamheid",
    "resultaatgebieden",
    "niet_ingekocht",
}


@dataclass(frozen=True)
class Subresultaat:
    code: str  # "5a"
    omschrijving: str


@dataclass(frozen=True)
class Resultaatgebied:
    code: str  # "5"
    omschrijving: str
    subresultaten: tuple[Subresultaat, ...]


@dataclass(frozen=True)
class Resultaatmatrix:
    """The matrix and the declared method of its cell tariffs."""

    resultaatgebieden: tuple[Resultaatgebied, ...]
    zelfredzaamheid: tuple[tuple[str, str], ...]  # (code, omschrijving), in column order
    per: str = "periode"
    statistiek: str = "gemiddelde"
    trim_aandeel: Decimal = Decimal("0.1")
    perioden_zonder_zorg: str = "tellen_mee"
    minimum_clienten: int = 10
    eigen_bijdrage_plafond: Decimal | None = None  # euro per period
    niet_ingekocht: frozenset[tuple[str, str]] = frozenset()

    @property
    def subresultaten(self) -> dict[str, Resultaatgebied]:
        """Sub-result code -> its resultaatgebied."""
        return {s.code: g for g in self.resultaatgebieden for s in g.subresultaten}

    @property
    def zelfredzaamheden(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.zelfredzaamheid)

    def cellen(self) -> list[tuple[str, str]]:
        """Every bought cell (subresultaat, zelfredzaamheid), in matrix order."""
        return [
            (s.code, z)
            for g in self.resultaatgebieden
            for s in g.subresultaten
            for z in self.zelfredzaamheden
            if (s.code, z) not in self.niet_ingekocht
        ]

    def omschrijving(self, subresultaat: str) -> str:
        g = self.subresultaten[subresultaat]
        s = next(s for s in g.subresultaten if s.code == subresultaat)
        return f"{g.omschrijving}: {s.omschrijving}"


def lees_matrix(ruw: dict | None, bron: Path) -> Resultaatmatrix | None:
    """The `resultaatfinanciering` section, validated; None when the year has none."""
    if ruw is None:
        return None
    if not isinstance(ruw, dict):
        raise ConfiguratieFout(
            f"{bron.name}: resultaatfinanciering moet sleutels en waarden bevatten."
        )
    onbekend = sorted(set(ruw) - SLEUTELS)
    if onbekend:
        raise ConfiguratieFout(
            f"{bron.name}: onbekende sleutel(s) in resultaatfinanciering: {', '.join(onbekend)}. "
            f"Toegestaan: {', '.join(sorted(SLEUTELS))}."
        )
    keuzes = {
        "per": (ruw.get("per", "periode"), PER),
        "statistiek": (ruw.get("statistiek", "gemiddelde"), STATISTIEKEN),
        "perioden_zonder_zorg": (ruw.get("perioden_zonder_zorg", "tellen_mee"), ZONDER_ZORG),
    }
    for naam, (waarde, toegestaan) in keuzes.items():
        if waarde not in toegestaan:
            raise ConfiguratieFout(
                f"{bron.name}: resultaatfinanciering.{naam} is '{waarde}'; kies uit "
                f"{', '.join(toegestaan)}."
            )
    zelfredzaamheid = tuple(
        (str(z["code"]), str(z.get("omschrijving", z["code"])))
        for z in ruw.get("zelfredzaamheid") or ()
    )
    gebieden = tuple(
        Resultaatgebied(
            str(g["code"]),
            str(g["omschrijving"]),
            tuple(
                Subresultaat(str(s["code"]), str(s["omschrijving"]))
                for s in g.get("subresultaten") or ()
            ),
        )
        for g in ruw.get("resultaatgebieden") or ()
    )
    if not zelfredzaamheid or not gebieden or any(not g.subresultaten for g in gebieden):
        raise ConfiguratieFout(
            f"{bron.name}: resultaatfinanciering heeft 'zelfredzaamheid' (kolommen) en "
            "'resultaatgebieden' met elk hun 'subresultaten' nodig."
        )
    codes = [s.code for g in gebieden for s in g.subresultaten]
    dubbel = sorted({c for c in codes if codes.count(c) > 1})
    if dubbel or len({z for z, _ in zelfredzaamheid}) < len(zelfredzaamheid):
        raise ConfiguratieFout(
            f"{bron.name}: resultaatfinanciering: elke code mag één keer voorkomen "
            f"(dubbel: {', '.join(dubbel) or 'een zelfredzaamheid'})."
        )
    niet = set()
    for cel in ruw.get("niet_ingekocht") or ():
        sub, _, z = str(cel).partition(":")
        if sub not in codes or z not in {c for c, _ in zelfredzaamheid}:
            raise ConfiguratieFout(
                f"{bron.name}: resultaatfinanciering.niet_ingekocht: '{cel}' is geen cel; "
                "schrijf subresultaat:zelfredzaamheid, bijvoorbeeld '1a:bijna'."
            )
        niet.add((sub, z))
    minimum = int(ruw.get("minimum_clienten", 10))
    trim = decimaal(ruw.get("trim_aandeel", "0.1"))
    if minimum < 3 or not Decimal(0) <= trim < Decimal("0.5"):
        raise ConfiguratieFout(
            f"{bron.name}: resultaatfinanciering: minimum_clienten is minstens 3 en "
            "trim_aandeel ligt tussen 0 en 0,5."
        )
    plafond = ruw.get("eigen_bijdrage_plafond")
    return Resultaatmatrix(
        resultaatgebieden=gebieden,
        zelfredzaamheid=zelfredzaamheid,
        per=str(keuzes["per"][0]),
        statistiek=str(keuzes["statistiek"][0]),
        trim_aandeel=trim,
        perioden_zonder_zorg=str(keuzes["perioden_zonder_zorg"][0]),
        minimum_clienten=minimum,
        eigen_bijdrage_plafond=None if plafond is None else decimaal(plafond),
        niet_ingekocht=frozenset(niet),
    )
