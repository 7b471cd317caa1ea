"""The indexation figures in Dutch: one year's figure from its parts, and the chain to a year."""

from __future__ import annotations

from decimal import Decimal

from kostprijs.indexatie import Indexcijfer, Indexketen
from kostprijs.opmaak import datum, getal

REGELTEKST = {
    "verhouding": "correctie als verhouding: (1 + definitief) / (1 + voorlopig) - 1",
    "verschil": "correctie als verschil: definitief - voorlopig",
}


def _pct(waarde: Decimal, decimalen: int) -> str:
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
