"""Indexation from the price year of the cost figures to the tariff year.

The published figures live in params/indexcijfers.yaml, one entry per year, with the rule the
VNG used that year. The figure for providers is the weighted provisional index of the year plus
a correction for last year's provisional figure against its final one (added, not multiplied);
the correction is a ratio in some years and a difference in others. All arithmetic is exact
(Decimal), rounded half up where the publication rounds. The chain from price year P to tariff
year T is the product of (1 + index) over P+1 .. T; a missing year is an error, never a 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

from kostprijs.bestanden import catalogus
from kostprijs.fouten import ConfiguratieFout
from kostprijs.geld import decimaal
from kostprijs.paden import PARAMS

INDEXCIJFERS = PARAMS / catalogus.INDEXCIJFERS
REGELS = ("verhouding", "verschil")
STATUSSEN = ("voorlopig", "definitief")
HONDERD = Decimal(100)


@dataclass(frozen=True)
class Onderdelen:
    """OVA and PPC of one year, in percent (4.94 = 4,94%)."""

    ova: Decimal
    ppc: Decimal


@dataclass(frozen=True)
class Indexcijfer:
    """One year's published index with its components, as in the data file."""

    jaar: int
    regel: str
    decimalen: int
    gewichten: Onderdelen
    voorlopig: Onderdelen
    vorig_voorlopig: Onderdelen
    vorig_definitief: Onderdelen
    gepubliceerd: Decimal
    status: str
    bron: str
    datum: dt.date | None = None

    def gewogen(self, cijfers: Onderdelen) -> Decimal:
        """Weighted OVA + PPC, rounded to the year's decimals."""
        return _rond(cijfers.ova * self.gewichten.ova + cijfers.ppc * self.gewichten.ppc, self)

    @property
    def correctie(self) -> Decimal:
        """Last year's final against provisional weighted figure, by the year's rule (percent)."""
        voorlopig = self.gewogen(self.vorig_voorlopig)
        definitief = self.gewogen(self.vorig_definitief)
        if self.regel == "verschil":
            return _rond(definitief - voorlopig, self)
        return _rond(((HONDERD + definitief) / (HONDERD + voorlopig) - 1) * HONDERD, self)

    @property
    def berekend(self) -> Decimal:
        """The figure for providers: weighted provisional + correction, on 2 decimals (percent)."""
        totaal = self.gewogen(self.voorlopig) + self.correctie
        return totaal.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def fractie(self) -> Decimal:
        """The published figure as a fraction (6.30% -> 0.063)."""
        return self.gepubliceerd / HONDERD


def _rond(waarde: Decimal, cijfer: Indexcijfer) -> Decimal:
    return waarde.quantize(Decimal(1).scaleb(-cijfer.decimalen), rounding=ROUND_HALF_UP)


def lees_indexcijfers(pad: Path = INDEXCIJFERS) -> dict[int, Indexcijfer]:
    """Every year of the data file, checked: each published figure must follow from its parts."""
    if not pad.exists():
        raise ConfiguratieFout(
            f"Het bestand met indexcijfers {pad} ontbreekt. Het hoort in de repository; "
            "haal het terug met `git checkout -- params/indexcijfers.yaml`."
        )
    try:
        ruw = yaml.safe_load(pad.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfiguratieFout(f"{pad.name} is geen geldig YAML-bestand: {exc}") from exc
    cijfers = {}
    for jaar, blok in (ruw.get("jaren") or {}).items():
        cijfer = _cijfer(int(jaar), blok, pad)
        if abs(cijfer.berekend - cijfer.gepubliceerd) > Decimal("0.01"):
            raise ConfiguratieFout(
                f"{pad.name}, jaar {jaar}: uit de onderdelen volgt {cijfer.berekend}%, "
                f"gepubliceerd is {cijfer.gepubliceerd}%. Controleer de cijfers, de regel "
                f"('{cijfer.regel}') en de decimalen ({cijfer.decimalen}) met de VNG-tabel."
            )
        cijfers[cijfer.jaar] = cijfer
    return dict(sorted(cijfers.items()))


def _cijfer(jaar: int, blok, pad: Path) -> Indexcijfer:
    waar = f"{pad.name}, jaar {jaar}"
    try:
        vorig = blok["vorig_jaar"]
        cijfer = Indexcijfer(
            jaar=jaar,
            regel=str(blok["regel"]),
            decimalen=int(blok["decimalen"]),
            gewichten=_onderdelen(blok["gewichten"]),
            voorlopig=_onderdelen(blok["voorlopig"]),
            vorig_voorlopig=_onderdelen(vorig["voorlopig"]),
            vorig_definitief=_onderdelen(vorig["definitief"]),
            gepubliceerd=decimaal(blok["gepubliceerd"]),
            status=str(blok.get("status", "voorlopig")),
            bron=str(blok["bron"]),
            datum=blok.get("datum"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfiguratieFout(
            f"{waar}: ontbrekende of ongeldige waarde ({exc}). Elk jaar heeft regel, decimalen, "
            "gewichten, voorlopig, vorig_jaar (voorlopig en definitief), gepubliceerd en bron."
        ) from exc
    if cijfer.regel not in REGELS:
        raise ConfiguratieFout(f"{waar}: regel '{cijfer.regel}'; kies uit {', '.join(REGELS)}.")
    if cijfer.status not in STATUSSEN:
        raise ConfiguratieFout(
            f"{waar}: status '{cijfer.status}'; kies uit {', '.join(STATUSSEN)}."
        )
    if cijfer.gewichten.ova + cijfer.gewichten.ppc != 1:
        raise ConfiguratieFout(f"{waar}: de gewichten van OVA en PPC tellen niet op tot 1.")
    if cijfer.datum is not None and not isinstance(cijfer.datum, dt.date):
        raise ConfiguratieFout(f"{waar}: datum '{cijfer.datum}' is geen datum (JJJJ-MM-DD).")
    return cijfer


def _onderdelen(ruw) -> Onderdelen:
    return Onderdelen(ova=decimaal(ruw["ova"]), ppc=decimaal(ruw["ppc"]))


METHODEN = ("vng", "vast", "geen")


@dataclass(frozen=True)
class Indexatiekeuze:
    """How the year's parameters go from the price year to the tariff year.

    vng: the published figures of params/indexcijfers.yaml; vast: a fraction per year with a
    reason (a cao wage increase, say); geen: no indexation, with the reason the report prints.
    """

    methode: str = "geen"
    percentages: tuple[tuple[int, Decimal], ...] = ()  # (jaar, fractie): 0.035 = 3,5%
    reden: str = ""


@dataclass(frozen=True)
class Indexstap:
    """One year of the chain: its index as a fraction, where it comes from, and whether the
    figure is still provisional."""

    jaar: int
    fractie: Decimal
    bron: str
    voorlopig: bool = False


@dataclass(frozen=True)
class Indexketen:
    """From the price year of the cost figures to the tariff year: one step per year between."""

    prijsjaar: int
    tariefjaar: int
    methode: str
    stappen: tuple[Indexstap, ...]
    reden: str = ""

    @property
    def factor(self) -> Decimal:
        """Product of (1 + index) over the years after the price year up to the tariff year."""
        uit = Decimal(1)
        for stap in self.stappen:
            uit *= 1 + stap.fractie
        return uit

    @property
    def voorlopig(self) -> tuple[int, ...]:
        """The years whose figure is still provisional."""
        return tuple(s.jaar for s in self.stappen if s.voorlopig)


def indexketen(
    prijsjaar: int,
    tariefjaar: int,
    cijfers: dict[int, Indexcijfer] | None = None,
    keuze: Indexatiekeuze = Indexatiekeuze("vng"),
) -> Indexketen:
    """The chain from `prijsjaar` to `tariefjaar` by the chosen method; a missing year stops."""
    if prijsjaar > tariefjaar:
        raise ConfiguratieFout(
            f"Het prijsjaar van de kostprijzen ({prijsjaar}) ligt na het tariefjaar ({tariefjaar})."
        )
    jaren = range(prijsjaar + 1, tariefjaar + 1)
    if keuze.methode == "geen":
        return Indexketen(prijsjaar, tariefjaar, "geen", (), keuze.reden)
    if keuze.methode == "vast":
        vast = dict(keuze.percentages)
        _ontbreekt(prijsjaar, tariefjaar, [j for j in jaren if j not in vast], "vast")
        stappen = tuple(Indexstap(j, vast[j], "vast percentage (parameters)") for j in jaren)
        return Indexketen(prijsjaar, tariefjaar, "vast", stappen, keuze.reden)
    cijfers = lees_indexcijfers() if cijfers is None else cijfers
    _ontbreekt(prijsjaar, tariefjaar, [j for j in jaren if j not in cijfers], "vng")
    stappen = tuple(
        Indexstap(j, cijfers[j].fractie, cijfers[j].bron, cijfers[j].status == "voorlopig")
        for j in jaren
    )
    return Indexketen(prijsjaar, tariefjaar, "vng", stappen)


def _ontbreekt(prijsjaar: int, tariefjaar: int, jaren: list[int], methode: str) -> None:
    if not jaren:
        return
    waar = (
        f"{INDEXCIJFERS.relative_to(PARAMS.parent)}: de VNG-tabel van dat jaar, met "
        "`status: voorlopig` zolang het cijfer nog niet definitief is"
        if methode == "vng"
        else "de parameters, onder kostprijs.indexatie.percentages"
    )
    raise ConfiguratieFout(
        f"Voor de indexatie van prijsjaar {prijsjaar} naar tariefjaar {tariefjaar} ontbreekt "
        f"het indexcijfer van {', '.join(map(str, jaren))}. Zet het in {waar}."
    )


def lees_indexatiekeuze(ruw) -> Indexatiekeuze:
    """The `kostprijs.indexatie` section of the parameters, checked (Dutch messages)."""
    voorbeeld = (
        "Schrijf bijvoorbeeld 'indexatie: {methode: vng}', of 'indexatie: {methode: vast, "
        "percentages: {2026: 0.035}, reden: cao-loonstijging}', of 'indexatie: {methode: geen, "
        "reden: ...}' (zie docs/kostprijsmethode.md)."
    )
    if not isinstance(ruw, dict):
        raise ConfiguratieFout(
            f"indexatie is een keuze van methode, niet één getal ({ruw!r}): een vergeten 0 zou "
            f"de kostprijzen stil op het prijspeil van het boekjaar laten. {voorbeeld}"
        )
    onbekend = sorted(set(ruw) - {"methode", "percentages", "reden"})
    if onbekend:
        raise ConfiguratieFout(f"indexatie kent {', '.join(onbekend)} niet. {voorbeeld}")
    methode = str(ruw.get("methode", ""))
    if methode not in METHODEN:
        raise ConfiguratieFout(
            f"indexatie.methode '{methode}'; kies uit {', '.join(METHODEN)}. {voorbeeld}"
        )
    reden = str(ruw.get("reden") or "").strip()
    if methode in ("vast", "geen") and not reden:
        raise ConfiguratieFout(
            f"indexatie.methode {methode} vraagt een reden (die staat in het rapport)."
        )
    percentages = ruw.get("percentages") or {}
    if methode != "vast" and percentages:
        raise ConfiguratieFout("indexatie.percentages horen alleen bij methode vast.")
    if not isinstance(percentages, dict):
        raise ConfiguratieFout(f"indexatie.percentages geeft per jaar een fractie. {voorbeeld}")
    vast = tuple(sorted((int(j), decimaal(f)) for j, f in percentages.items()))
    for jaar, fractie in vast:
        if not Decimal("-0.5") < fractie < Decimal("0.5"):
            raise ConfiguratieFout(
                f"indexatie.percentages {jaar}: {fractie} moet groter dan -0.5 en kleiner dan "
                "0.5 zijn (een fractie: 3,5% schrijft u als 0.035)."
            )
    return Indexatiekeuze(methode, vast, reden)
