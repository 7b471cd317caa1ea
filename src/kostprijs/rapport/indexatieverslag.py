"""The indexation figures in Dutch: one year's figure from its parts, and the chain to a year."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from kostprijs.indexatie import Indexcijfer, Indexketen
from kostprijs.opmaak import datum, getal, procent_exact
from kostprijs.rapport.teksten.scenarioteksten import regel
from kostprijs.scenarios import KOSTPRIJS_GEINDEXEERD, Scenario

REGELTEKST = {
    "verhouding": "correctie als verhouding: (1 + definitief) / (1 + voorlopig) - 1",
    "verschil": "correctie als verschil: definitief - voorlopig",
}


def _pct(waarde: Decimal, decimalen: int) -> str:  # waarde in percent
    return f"{getal(waarde, decimalen)}%"


def cijferverslag(c: Indexcijfer) -> list[str]:
    """How the year's figure for providers follows from OVA, PPC and the correction.

    The percentages keep the decimals of the publication (4,96%, never 5,0%)."""
    d = c.decimalen
    g_ova, g_ppc = getal(c.gewichten.ova * 100, 0), getal(c.gewichten.ppc * 100, 0)
    vorig = c.jaar - 1
    return [
        f"Indexcijfer {c.jaar} voor aanbieders: {_pct(c.gepubliceerd, 2)} ({c.status})",
        f"  bron: {c.bron}" + (f", {datum(c.datum)}" if c.datum else ""),
        f"  weging: {g_ova}% OVA + {g_ppc}% PPC; {REGELTEKST[c.regel]}; "
        f"tussenuitkomsten op {d} decimalen",
        f"  voorlopig {vorig}: OVA {_pct(c.vorig_voorlopig.ova, 2)}, PPC "
        f"{_pct(c.vorig_voorlopig.ppc, 2)}, gewogen {_pct(c.gewogen(c.vorig_voorlopig), d)}",
        f"  definitief {vorig}: OVA {_pct(c.vorig_definitief.ova, 2)}, PPC "
        f"{_pct(c.vorig_definitief.ppc, 2)}, gewogen {_pct(c.gewogen(c.vorig_definitief), d)}",
        f"  correctie {vorig}: {_pct(c.correctie, d)}",
        f"  voorlopig {c.jaar}: OVA {_pct(c.voorlopig.ova, 2)}, PPC {_pct(c.voorlopig.ppc, 2)}, "
        f"gewogen {_pct(c.gewogen(c.voorlopig), d)}",
        f"  voor aanbieders: {_pct(c.gewogen(c.voorlopig), d)} + {_pct(c.correctie, d)} = "
        f"{_pct(c.berekend, 2)} (gepubliceerd {_pct(c.gepubliceerd, 2)})",
    ]


def ketenverslag(k: Indexketen) -> list[str]:
    """The chain from the price year of the cost figures to the tariff year and its factor."""
    if k.methode == "geen":
        return [f"Geen indexatie van prijsjaar {k.prijsjaar} naar {k.tariefjaar}: {k.reden}"]
    if not k.stappen:
        return [f"Prijsjaar {k.prijsjaar} = tariefjaar {k.tariefjaar}: geen indexatie nodig."]
    stappen = " × ".join(f"(1 + {_pct(s.fractie * 100, 2)})" for s in k.stappen)
    regels = [
        f"Van prijsjaar {k.prijsjaar} naar tariefjaar {k.tariefjaar}: {stappen} = "
        f"factor {getal(k.factor, 6)} ({_pct((k.factor - 1) * 100, 2)})",
        *(f"  {s.jaar}: {_pct(s.fractie * 100, 2)}, {s.bron}" for s in k.stappen),
    ]
    if k.voorlopig:
        regels.append(
            f"  let op: het cijfer van {', '.join(map(str, k.voorlopig))} is nog voorlopig"
        )
    return regels


def prijspeil(k: Indexketen) -> str:
    """The paragraph above the proposal: at which price level the cost prices are, and how
    they got to the tariff year (Markdown)."""
    kop = (
        f"De kostprijzen komen uit de werkelijke cijfers van boekjaar {k.prijsjaar} en staan dus "
        f"op het prijspeil van {k.prijsjaar}. "
    )
    if k.methode == "geen":
        return kop + f"Ze zijn **niet geïndexeerd** naar {k.tariefjaar}: {k.reden}."
    if not k.stappen:
        return kop + "Dat is het tariefjaar: er is geen indexatie nodig."
    hoe = {"vng": "de indexcijfers van de VNG", "vast": "vaste percentages"}[k.methode]
    tekst = (
        kop + f"Naar {k.tariefjaar} gaan ze met {hoe} (tabel hieronder): samen × "
        f"{getal(k.factor, 6)}, {procent_exact(k.factor - 1)}. Het voorgestelde tarief is de "
        "gemiddelde kostprijs maal die factor, één keer afgerond op centen (bij een variant: "
        "ook maal de factor van die variant)."
    )
    if k.methode == "vast":
        tekst += f" Reden voor vaste percentages: {k.reden}."
    if k.voorlopig:
        tekst += (
            f" **Het cijfer van {', '.join(map(str, k.voorlopig))} is nog voorlopig**; het "
            "definitieve cijfer kan het tarief nog veranderen."
        )
    return tekst


def indexatietabel(k: Indexketen) -> tuple[pd.DataFrame, dict]:
    """One row per year of the chain (index, status, source) and the factor at the bottom."""
    rijen = [
        (str(s.jaar), s.fractie, "voorlopig" if s.voorlopig else "vastgesteld", s.bron)
        for s in k.stappen
    ]
    rijen.append(
        (f"samen {k.prijsjaar} → {k.tariefjaar}", k.factor - 1, "", f"factor {getal(k.factor, 6)}")
    )
    tabel = pd.DataFrame(rijen, columns=["Jaar", "Indexatie", "Status", "Bron"], dtype=object)
    return tabel, {"Indexatie": "procent_exact"}


def voorstel_kort(k: Indexketen, scenario: Scenario | None = None) -> str:
    """The proposal and its price level in one line, for the first lines of a summary.

    >>> from decimal import Decimal
    >>> from kostprijs.indexatie import Indexketen, Indexstap
    >>> stap = Indexstap(2027, Decimal("0.0496"), "VNG")
    >>> voorstel_kort(Indexketen(2026, 2027, "vng", (stap,)))
    'Voorstel: de gemiddelde kostprijs (prijspeil 2026), geïndexeerd naar 2027 met de VNG-indexatie: samen 4,96%.'
    >>> voorstel_kort(Indexketen(2026, 2027, "vng", (stap,)), Scenario("Ingroei", "ingroeipad", Decimal("0.05")))
    'Voorstel: scenario Ingroei, naar de geïndexeerde kostprijs, maar hoogstens 5% boven of onder het huidige tarief geïndexeerd. De kostprijzen (prijspeil 2026) zijn geïndexeerd naar 2027 met de VNG-indexatie: samen 4,96%.'
    """
    peil = f"(prijspeil {k.prijsjaar})"
    if k.methode == "geen":
        keten = f"niet geïndexeerd naar {k.tariefjaar} ({k.reden})"
    else:
        hoe = {"vng": "de VNG-indexatie", "vast": "vaste percentages"}[k.methode]
        voorlopig = " (voorlopig)" if k.voorlopig else ""
        keten = f"geïndexeerd naar {k.tariefjaar} met {hoe}: samen {procent_exact(k.factor - 1)}{voorlopig}"
    if scenario is None or scenario.regel == KOSTPRIJS_GEINDEXEERD:
        if k.methode == "geen":
            return f"Voorstel: de gemiddelde kostprijs op prijspeil {k.prijsjaar}, {keten}."
        return f"Voorstel: de gemiddelde kostprijs {peil}, {keten}."
    kop = f"Voorstel: scenario {scenario.naam}, {regel(scenario, k.tariefjaar)}."
    if k.methode == "geen":
        return f"{kop} De kostprijzen {peil} zijn niet geïndexeerd ({k.reden})."
    return f"{kop} De kostprijzen {peil} zijn {keten}."


def vergelijking_uitleg(k: Indexketen) -> str:
    """What the comparison bullets compare: the cost price at its own price level, not the
    indexed proposal (whose change the tariff table shows).

    >>> from decimal import Decimal
    >>> from kostprijs.indexatie import Indexketen, Indexstap
    >>> vergelijking_uitleg(Indexketen(2025, 2027, "vast", (Indexstap(2026, Decimal("0.035"), "cao"),)))
    'De punten hieronder vergelijken de kostprijs op prijspeil 2025 met het huidige tarief; de tabellen tonen daarnaast het voorgestelde tarief voor 2027, geïndexeerd.'
    """
    if k.methode == "geen" or k.factor == 1:
        return (
            f"De punten hieronder vergelijken de kostprijs (prijspeil {k.prijsjaar}) met het "
            "huidige tarief."
        )
    return (
        f"De punten hieronder vergelijken de kostprijs op prijspeil {k.prijsjaar} met het huidige "
        f"tarief; de tabellen tonen daarnaast het voorgestelde tarief voor {k.tariefjaar}, "
        "geïndexeerd."
    )
