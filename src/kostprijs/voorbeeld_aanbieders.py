"""Synthetic provider workbooks for the sample: 15 filled in through the template, 2 flawed.

Figures vary per provider but are calibrated so that the cost price computed from each
provider's bouwstenen lies within about 10% of the seed table (domain notes, section 2):
the overhead mark-up is solved for that, all other bouwstenen are drawn around realistic
values. Kortdurend verblijf extra has only two providers, so disclosure control has a cell
to suppress. Deterministic: fixed seed, fixed timestamps, identical bytes on every run.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from kostprijs.config import Jaarparameters
from kostprijs.sjabloon import indeling, schrijf_sjabloon, slug

SEED = 2027_03
DOEL = {  # seed table: gemiddelde kostprijs per eenheid
    "OZL 1": 49.42,
    "OZL 2": 52.86,
    "OZL 3": 62.30,
    "OMD 1": 33.97,
    "OMD 2": 46.89,
    "OMD 3": 60.31,
    "Vervoer": 13.08,
    "Kortdurend verblijf": 94.50,
    "Kortdurend verblijf extra": 188.28,
}
# functie_nr: (functie, schaal, jaarsalaris)
FUNCTIES = {
    1: ("Begeleider niveau 3", "FWG 35", 32_500),
    2: ("Begeleider niveau 4", "FWG 40", 36_800),
    3: ("Ambulant begeleider hbo", "FWG 45", 42_600),
    4: ("Gedragsdeskundige", "FWG 55", 55_400),
    5: ("Chauffeur", "FWG 20", 28_900),
}
MIX = {  # share of the product's fte per function
    "OZL 1": {1: 0.6, 2: 0.4},
    "OZL 2": {2: 0.7, 3: 0.3},
    "OZL 3": {3: 0.8, 4: 0.2},
    "OMD 1": {1: 0.8, 2: 0.2},
    "OMD 2": {1: 0.4, 2: 0.6},
    "OMD 3": {2: 0.6, 3: 0.3, 4: 0.1},
    "Vervoer": {5: 1.0},
    "Kortdurend verblijf": {1: 0.5, 2: 0.5},
    "Kortdurend verblijf extra": {2: 0.5, 3: 0.5},
}
UREN_PER_EENHEID = {"uur": 1.0, "dagdeel": 4.0}
EENHEDEN_PER_CLIENT = {"uur": 100, "dagdeel": 70, "vervoer": 70, "etmaal": 20}

# (naam, grootteklasse, cao, producten)
AANBIEDERS = (
    (
        "Zorggroep De Linde",
        "groot",
        "Gehandicaptenzorg",
        "OZL 1,OZL 2,OZL 3,OMD 1,OMD 2,OMD 3,Vervoer,Kortdurend verblijf,Kortdurend verblijf extra",
    ),
    (
        "Stichting Het Baken",
        "groot",
        "Gehandicaptenzorg",
        "OZL 1,OZL 2,OZL 3,OMD 1,OMD 2,OMD 3,Vervoer,Kortdurend verblijf",
    ),
    (
        "Welzijnsgroep Oost",
        "groot",
        "Sociaal Werk",
        "OZL 1,OZL 2,OZL 3,OMD 1,OMD 2,OMD 3,Vervoer,Kortdurend verblijf",
    ),
    (
        "Stichting Dagelijks Leven",
        "groot",
        "VVT",
        "OZL 1,OZL 2,OZL 3,OMD 1,OMD 2,OMD 3,Kortdurend verblijf,Kortdurend verblijf extra",
    ),
    (
        "Zorgcooperatie Rivierland",
        "groot",
        "Gehandicaptenzorg",
        "OZL 1,OZL 2,OZL 3,OMD 1,OMD 2,OMD 3,Vervoer,Kortdurend verblijf",
    ),
    ("Begeleidingsdienst Noord", "middel", "Sociaal Werk", "OZL 1,OZL 2,OZL 3,OMD 1,OMD 2,Vervoer"),
    (
        "Stichting De Brug",
        "middel",
        "Gehandicaptenzorg",
        "OZL 1,OZL 2,OZL 3,OMD 1,OMD 2,OMD 3,Vervoer",
    ),
    ("Ambulant Team Veldzicht", "middel", "Sociaal Werk", "OZL 1,OZL 2,OZL 3"),
    (
        "Dagbesteding De Werkplaats",
        "middel",
        "Gehandicaptenzorg",
        "OZL 1,OMD 1,OMD 2,OMD 3,Vervoer",
    ),
    (
        "Stichting Meedoen",
        "middel",
        "Gehandicaptenzorg",
        "OZL 1,OZL 2,OMD 1,OMD 2,OMD 3,Kortdurend verblijf",
    ),
    ("Praktijk Eigen Regie", "klein", "geen (zzp)", "OZL 1,OZL 2,OZL 3"),
    ("Zorgboerderij De Hoeve", "klein", "Gehandicaptenzorg", "OZL 1,OMD 1,OMD 2,OMD 3"),
    ("Begeleiding Op Maat", "klein", "Sociaal Werk", "OZL 1,OZL 2"),
    ("Coaching Thuis", "klein", "geen (zzp)", "OZL 1,OZL 2,OZL 3"),
    ("Atelier Zonnebloem", "klein", "Gehandicaptenzorg", "OMD 1,OMD 2,OMD 3"),
)
GEBREKKIG = (
    ("Zorgboerderij De Klaver", "klein", "Gehandicaptenzorg", "OZL 1,OMD 1,OMD 2"),
    ("Thuisbegeleiding Samen", "middel", "Sociaal Werk", "OZL 1,OZL 2,OZL 3"),
)
TEAM = {"groot": (10, 40), "middel": (3, 10), "klein": (0.6, 2.5)}


@dataclass(frozen=True)
class _Product:
    naam: str
    soort: str


def _r(x: float, decimalen: int = 2) -> float:
    q = Decimal(1).scaleb(-decimalen)
    return float(Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP))


def _invulling(params: Jaarparameters, i: int, aanbieder: tuple, rng: random.Random) -> dict:
    naam, klasse, cao, lijst = aanbieder
    producten = [_Product(p.productspecificatie, p.soort) for p in params.catalogus]
    aangeboden = set(lijst.split(","))
    w: dict[str, object] = {
        "aanbieder_naam": naam,
        "aanbieder_kvk": str(30_000_000 + 1_000 * (i + 1) + rng.randrange(1_000)),
        "grootteklasse": klasse,
        "cao": cao,
        "contact_naam": rng.choice(
            ("J. de Vries", "A. Jansen", "M. Bakker", "S. Visser", "R. Smit")
        ),
        "contact_email": f"kostprijs@{slug(naam).replace('_', '')}.example",
        "invuldatum": datetime(params.jaar - 1, 9, 1 + i),
    }
    nodig = sorted({f for p in aangeboden for f in MIX[p]})
    niveau = rng.uniform(0.95, 1.06)
    for f in nodig:
        functie, schaal, salaris = FUNCTIES[f]
        p = f"functie_{f:02d}_"
        w |= {
            p + "functie": functie,
            p + "schaal": schaal,
            p + "jaarsalaris": _r(salaris * niveau * rng.uniform(0.97, 1.03), 0),
            p + "vakantiegeld": 0.08,
            p + "eindejaarsuitkering": _r(rng.choice((0.0833, 0.083, 0.05)), 4),
            p + "ort": _r(rng.uniform(0.0, 0.04), 3),
            p + "werkgeverslasten": _r(rng.uniform(0.22, 0.30), 3),
        }
    for p in producten:
        w[f"aangeboden_{slug(p.naam)}"] = "ja" if p.naam in aangeboden else "nee"
        if p.naam in aangeboden:
            w |= _bouwstenen(p, w, klasse, rng)
    return w


def _bouwstenen(p: _Product, w: dict, klasse: str, rng: random.Random) -> dict:
    s = f"bs_{slug(p.naam)}_"
    team = rng.uniform(*TEAM[klasse])
    uit: dict[str, object] = {}
    for f, aandeel in MIX[p.naam].items():
        uit[f"{s}fte_{f:02d}"] = _r(team * aandeel, 1) or 0.1
    jaaruren = rng.choice((1836, 1872, 1878))
    uren = {
        "verlof": _r(jaaruren * rng.uniform(0.10, 0.12), 0),
        "ziekte": _r(jaaruren * rng.uniform(0.04, 0.07), 0),
        "scholing": rng.choice((24, 32, 40)),
        "overleg": rng.choice((60, 72, 80)),
        "indirect": _r(jaaruren * rng.uniform(0.06, 0.10), 0),
    }
    uit |= {s + "jaaruren": jaaruren} | {s + k: v for k, v in uren.items()}
    productief = jaaruren - sum(uren.values())
    reis, opleiding = _r(rng.uniform(400, 1200), 0), _r(rng.uniform(300, 900), 0)
    uit |= {s + "reiskosten": reis, s + "opleidingskosten": opleiding}
    fte = {int(k[-2:]): v for k, v in uit.items() if "_fte_" in k}
    loon = sum(
        fte[f]
        * (
            w[f"functie_{f:02d}_jaarsalaris"]
            * (
                1
                + w[f"functie_{f:02d}_vakantiegeld"]
                + w[f"functie_{f:02d}_eindejaarsuitkering"]
                + w[f"functie_{f:02d}_ort"]
            )
            * (1 + w[f"functie_{f:02d}_werkgeverslasten"])
            + reis
            + opleiding
        )
        for f in fte
    )
    uurkosten = loon / (sum(fte.values()) * productief)
    extra: dict[str, float] = {}
    if p.soort in UREN_PER_EENHEID:
        if p.soort == "dagdeel":
            extra = {
                "groepsgrootte": rng.choice((6, 7, 8)),
                "begeleiders": {"OMD 1": 1.1, "OMD 2": 1.4, "OMD 3": 1.6}[p.naam],
            }
            personeel = uurkosten * extra["begeleiders"] * 4 / extra["groepsgrootte"]
        else:
            personeel = uurkosten
        vast = {"materieel": _r(rng.uniform(0.3, 1.2)), "huisvesting": _r(rng.uniform(0.5, 2.5))}
    elif p.soort == "vervoer":
        extra = {
            "groepsgrootte": rng.choice((6, 7, 8)),
            "personeelsuren": _r(rng.uniform(1.6, 2.1), 1),
        }
        personeel = uurkosten * extra["personeelsuren"] / extra["groepsgrootte"]
        vast = {"materieel": _r(rng.uniform(1.5, 2.8)), "huisvesting": 0.0}
    else:
        uren_etmaal = 1.25 if p.naam == "Kortdurend verblijf" else 2.6
        extra = {
            "personeelsuren": _r(uren_etmaal * rng.uniform(0.9, 1.1), 2),
            "bezettingsgraad": _r(rng.uniform(0.78, 0.92), 2),
            "voeding": _r(rng.uniform(7, 11)),
        }
        personeel = uurkosten * extra["personeelsuren"] / extra["bezettingsgraad"]
        vast = {"materieel": _r(rng.uniform(1, 3)), "huisvesting": _r(rng.uniform(9, 15))}
    verplichtingen = _r(rng.uniform(0.01, 0.04), 3)
    indexering = _r(rng.uniform(0.025, 0.045), 3)
    risico = _r(rng.uniform(0.0, 0.03), 3)
    doel = DOEL[p.naam] * rng.uniform(0.90, 1.10) / ((1 + indexering) * (1 + risico))
    huisvesting = vast["huisvesting"] / extra.get("bezettingsgraad", 1)
    overhead = (
        (doel - vast["materieel"] - huisvesting - extra.get("voeding", 0)) / personeel
        - 1
        - verplichtingen
    )
    uit |= {s + k: v for k, v in (vast | extra).items()}
    uit |= {
        s + "overhead": _r(min(max(overhead, 0.06), 0.33), 3),
        s + "verplichtingen": verplichtingen,
        s + "indexering": indexering,
        s + "risico": risico,
    }
    kostprijs = DOEL[p.naam] * rng.uniform(0.92, 1.08)
    uren_per_eenheid = {
        "uur": 1.0,
        "dagdeel": extra.get("begeleiders", 1) * 4 / extra.get("groepsgrootte", 1),
        "vervoer": extra.get("personeelsuren", 1) / extra.get("groepsgrootte", 1),
        "etmaal": extra.get("personeelsuren", 1) / extra.get("bezettingsgraad", 1),
    }[p.soort]
    volume = _r(sum(fte.values()) * productief * rng.uniform(0.85, 0.95) / uren_per_eenheid, 0)
    r = f"real_{slug(p.naam)}_"
    uit |= {
        r + "volume": volume,
        r + "kosten": _r(volume * kostprijs),
        r + "clienten": max(
            1, round(volume / EENHEDEN_PER_CLIENT[p.soort] * rng.uniform(0.8, 1.2))
        ),
    }
    return uit


def _gebreken(w: dict, nummer: int) -> dict:
    """The deliberate mistakes of the two flawed sample workbooks."""
    w = dict(w)
    if nummer == 0:
        w["cao"] = None  # required field left empty
        w["functie_01_werkgeverslasten"] = 24.0  # 24 typed where 24% is meant
        w["bs_ozl_1_materieel"] = "1.250"  # ambiguous text
        w["bs_omd_1_reiskosten"] = "850,50"  # decimal comma: accepted with a remark
    else:
        w["bs_ozl_2_indirect"] = 1_900  # non-productive hours above the annual hours
        w["bs_ozl_1_huisvesting"] = "n.v.t."  # text in a number cell
        w["real_ozl_3_kosten"] = "49,42"  # decimal comma: accepted with a remark
    return {k: v for k, v in w.items() if v is not None}


def schrijf_voorbeeld_aanbieders(params: Jaarparameters, map_: Path) -> list[Path]:
    """Write the 17 sample workbooks to `map_/aanbieders` and return their paths."""
    indeling(params)  # validates the template parameters before anything is written
    doel = Path(map_) / "aanbieders"
    doel.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    paden = []
    for i, aanbieder in enumerate(AANBIEDERS + GEBREKKIG):
        w = _invulling(params, i, aanbieder, rng)
        if i >= len(AANBIEDERS):
            w = _gebreken(w, i - len(AANBIEDERS))
        paden.append(schrijf_sjabloon(params, doel / f"{slug(aanbieder[0])}.xlsx", w))
    return paden
