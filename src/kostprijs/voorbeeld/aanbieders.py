"""Synthetic provider workbooks for the sample: 15 filled in through the template, 2 flawed.

Works for any catalogue. Figures vary per provider but are calibrated so that the cost price
computed from each provider's bouwstenen lies within about 10% of the sample's target cost
price of the product: staff hours per unit and the overhead mark-up are solved for that, all
other bouwstenen are drawn around realistic values. The cost price is computed by the
project's own formula (`kostprijs.kostprijs`), never a second copy of it. A product may be
offered by only a few providers (the sample description says so), so that disclosure control
has a cell to suppress. Deterministic: fixed seed, fixed timestamps, identical bytes.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

from kostprijs.onderzoek.per_aanbieder import (
    kostprijs_per_eenheid,
    loonkosten_per_fte,
    personeel_per_eenheid,
    productieve_uren,
    uurkosten,
)
from kostprijs.parameters import Jaarparameters, Product
from kostprijs.sjabloon.indeling import indeling, slug
from kostprijs.sjabloon.schrijven import schrijf_sjabloon

SEED = 2027_03
# functie_nr: (functie, schaal, jaarsalaris)
FUNCTIES = {
    1: ("Begeleider niveau 3", "FWG 35", 32_500),
    2: ("Begeleider niveau 4", "FWG 40", 36_800),
    3: ("Ambulant begeleider hbo", "FWG 45", 42_600),
    4: ("Gedragsdeskundige", "FWG 55", 55_400),
    5: ("Chauffeur", "FWG 20", 28_900),
}
# Share of a product's fte per function, by soort and rank of intensity within its family.
MIX = {
    "uur": ({1: 0.6, 2: 0.4}, {2: 0.7, 3: 0.3}, {3: 0.8, 4: 0.2}),
    "dagdeel": ({1: 0.8, 2: 0.2}, {1: 0.4, 2: 0.6}, {2: 0.6, 3: 0.3, 4: 0.1}),
    "vervoer": ({5: 1.0},),
    "etmaal": ({1: 0.5, 2: 0.5}, {2: 0.5, 3: 0.5}),
    "traject": ({3: 0.7, 4: 0.3},),
}
PERSONEEL_AANDEEL = 0.6  # share of the cost price that is staff cost, before the mark-up
EENHEDEN_PER_CLIENT = {"uur": 100, "dagdeel": 70, "vervoer": 70, "etmaal": 20, "traject": 1}

# (naam, grootteklasse, cao)
AANBIEDERS = (
    ("Zorggroep De Linde", "groot", "Gehandicaptenzorg"),
    ("Stichting Het Baken", "groot", "Gehandicaptenzorg"),
    ("Welzijnsgroep Oost", "groot", "Sociaal Werk"),
    ("Stichting Dagelijks Leven", "groot", "VVT"),
    ("Zorgcooperatie Rivierland", "groot", "Gehandicaptenzorg"),
    ("Begeleidingsdienst Noord", "middel", "Sociaal Werk"),
    ("Stichting De Brug", "middel", "Gehandicaptenzorg"),
    ("Ambulant Team Veldzicht", "middel", "Sociaal Werk"),
    ("Dagbesteding De Werkplaats", "middel", "Gehandicaptenzorg"),
    ("Stichting Meedoen", "middel", "Gehandicaptenzorg"),
    ("Praktijk Eigen Regie", "klein", "geen (zzp)"),
    ("Zorgboerderij De Hoeve", "klein", "Gehandicaptenzorg"),
    ("Begeleiding Op Maat", "klein", "Sociaal Werk"),
    ("Coaching Thuis", "klein", "geen (zzp)"),
    ("Atelier Zonnebloem", "klein", "Gehandicaptenzorg"),
)
GEBREKKIG = (
    ("Zorgboerderij De Klaver", "klein", "Gehandicaptenzorg"),
    ("Thuisbegeleiding Samen", "middel", "Sociaal Werk"),
)
TEAM = {"groot": (10, 40), "middel": (3, 10), "klein": (0.6, 2.5)}
AANBOD = {"groot": 0.95, "middel": 0.7, "klein": 0.45}  # chance a provider offers a product
MINIMUM_AANBIEDERS = 4


def _r(x: float, decimalen: int = 2) -> float:
    q = Decimal(1).scaleb(-decimalen)
    return float(Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP))


def _rang(p: Product, params: Jaarparameters) -> int:
    """Rank of the product's intensity within its family (0 for a product without one)."""
    if not p.familie:
        return 0
    leden = [q for q in params.catalogus if q.familie == p.familie]
    return leden.index(p)


def aanbod(params: Jaarparameters, aantallen: Mapping[str, int], rng: random.Random) -> list[set]:
    """Which products each of the sample providers offers.

    Large providers offer most products, small ones few; every product has at least
    MINIMUM_AANBIEDERS providers, except where `aantallen` fixes the number.
    """
    aanbieders = AANBIEDERS + GEBREKKIG
    lijsten: list[set[str]] = [set() for _ in aanbieders]
    for p in params.catalogus:
        naam = p.productspecificatie
        if naam in aantallen:
            for i in range(min(aantallen[naam], len(AANBIEDERS))):
                lijsten[i].add(naam)
            continue
        gekozen = [
            i for i, (_, klasse, _) in enumerate(aanbieders) if rng.random() < AANBOD[klasse]
        ]
        for i in range(len(AANBIEDERS)):
            if len([j for j in gekozen if j < len(AANBIEDERS)]) >= MINIMUM_AANBIEDERS:
                break
            if i not in gekozen:
                gekozen.append(i)
        for i in gekozen:
            lijsten[i].add(naam)
    for lijst in lijsten:  # nobody offers nothing
        if not lijst:
            lijst.add(params.catalogus[0].productspecificatie)
    return lijsten


def _invulling(
    params: Jaarparameters,
    i: int,
    aanbieder: tuple,
    producten: set[str],
    doel: Mapping[str, Decimal],
    rng: random.Random,
) -> dict:
    naam, klasse, cao = aanbieder
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
    aangeboden = [p for p in params.catalogus if p.productspecificatie in producten]
    nodig = sorted({f for p in aangeboden for f in _mix(p, params)})
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
    for p in params.catalogus:
        w[f"aangeboden_{slug(p.productspecificatie)}"] = (
            "ja" if p.productspecificatie in producten else "nee"
        )
    for p in aangeboden:
        w |= _bouwstenen(p, params, w, klasse, float(doel[p.productspecificatie]), rng)
    return w


def _mix(p: Product, params: Jaarparameters) -> dict[int, float]:
    mixen = MIX[p.soort]
    return mixen[min(_rang(p, params), len(mixen) - 1)]


def _f(x: float) -> Fraction:
    return Fraction(Decimal(repr(x)))


def _bouwstenen(
    p: Product, params: Jaarparameters, w: dict, klasse: str, doel: float, rng: random.Random
) -> dict:
    s = f"bs_{slug(p.productspecificatie)}_"
    team = rng.uniform(*TEAM[klasse])
    uit: dict[str, object] = {}
    for f, aandeel in _mix(p, params).items():
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
    reis, opleiding = _r(rng.uniform(400, 1200), 0), _r(rng.uniform(300, 900), 0)
    uit |= {s + "reiskosten": reis, s + "opleidingskosten": opleiding}
    fte = {int(k[-2:]): v for k, v in uit.items() if "_fte_" in k}
    loon = {
        f: loonkosten_per_fte(
            w[f"functie_{f:02d}_jaarsalaris"],
            w[f"functie_{f:02d}_vakantiegeld"],
            w[f"functie_{f:02d}_eindejaarsuitkering"],
            w[f"functie_{f:02d}_ort"],
            w[f"functie_{f:02d}_werkgeverslasten"],
        )
        for f in fte
    }
    productief = productieve_uren(jaaruren, *uren.values())
    u = uurkosten([(fte[f], loon[f]) for f in fte], productief, reis + opleiding)
    doel = doel * rng.uniform(0.90, 1.10)
    extra: dict[str, float] = {}
    if p.soort == "dagdeel":
        extra = {
            "groepsgrootte": rng.choice((6, 7, 8)),
            "begeleiders": _r(1.1 + 0.25 * _rang(p, params), 2),
        }
    elif p.soort == "vervoer":
        extra = {"groepsgrootte": rng.choice((6, 7, 8))}
        uren_nodig = PERSONEEL_AANDEEL * doel * extra["groepsgrootte"] / float(u)
        extra["personeelsuren"] = _r(uren_nodig, 1) or 0.1
    elif p.soort == "etmaal":
        extra = {
            "bezettingsgraad": _r(rng.uniform(0.78, 0.92), 2),
            "voeding": _r(rng.uniform(7, 11)),
        }
        uren_nodig = PERSONEEL_AANDEEL * doel * extra["bezettingsgraad"] / float(u)
        extra["personeelsuren"] = _r(uren_nodig, 2) or 0.01
    elif p.soort == "traject":
        extra = {"personeelsuren": _r(PERSONEEL_AANDEEL * doel / float(u), 1) or 0.1}
    huisvesting = _r(doel * rng.uniform(0.01, 0.05)) if p.soort != "vervoer" else 0.0
    if p.soort == "etmaal":
        huisvesting = _r(doel * rng.uniform(0.08, 0.14))
    vast = {"materieel": _r(doel * rng.uniform(0.01, 0.03)), "huisvesting": huisvesting}
    if p.soort == "vervoer":
        vast["materieel"] = _r(doel * rng.uniform(0.10, 0.20))
    verplichtingen = _r(rng.uniform(0.01, 0.04), 3)
    indexering = _r(rng.uniform(0.025, 0.045), 3)
    risico = _r(rng.uniform(0.0, 0.03), 3)
    personeel = personeel_per_eenheid(
        p.soort,
        u,
        uren_per_eenheid=p.uren_per_eenheid,
        **{k: _f(v) for k, v in extra.items() if k in ("begeleiders", "groepsgrootte")},
        personeelsuren=_f(extra["personeelsuren"]) if "personeelsuren" in extra else None,
        bezettingsgraad=_f(extra["bezettingsgraad"]) if "bezettingsgraad" in extra else None,
    )
    # solve the overhead mark-up for the target, with the project's own formula at o = 0
    zonder = kostprijs_per_eenheid(
        personeel,
        conventie="op_kosten",
        opslag=verplichtingen,
        materieel=vast["materieel"],
        huisvesting=vast["huisvesting"],
        voeding=extra.get("voeding", 0),
        bezettingsgraad=_f(extra["bezettingsgraad"]) if p.soort == "etmaal" else None,
        indexering=indexering,
        risico=risico,
    )
    overhead = (doel - float(zonder)) / ((1 + indexering) * (1 + risico) * float(personeel))
    uit |= {s + k: v for k, v in (vast | extra).items()}
    uit |= {
        s + "overhead": _r(min(max(overhead, 0.06), 0.33), 3),
        s + "verplichtingen": verplichtingen,
        s + "indexering": indexering,
        s + "risico": risico,
    }
    uren_per_eenheid = float(personeel / u)
    volume = _r(
        sum(fte.values()) * float(productief) * rng.uniform(0.85, 0.95) / uren_per_eenheid, 0
    )
    r = f"real_{slug(p.productspecificatie)}_"
    uit |= {
        r + "volume": volume,
        r + "kosten": _r(volume * doel * rng.uniform(0.92, 1.08)),
        r + "clienten": max(
            1, round(volume / EENHEDEN_PER_CLIENT[p.soort] * rng.uniform(0.8, 1.2))
        ),
    }
    return uit


def _gebreken(w: dict, nummer: int, params: Jaarparameters) -> dict:
    """The deliberate mistakes of the two flawed sample workbooks, on products they offer."""
    w = dict(w)
    aangeboden = [
        slug(p.productspecificatie)
        for p in params.catalogus
        if w.get(f"aangeboden_{slug(p.productspecificatie)}") == "ja"
    ]
    eerste, laatste = aangeboden[0], aangeboden[-1]
    if nummer == 0:
        w["cao"] = None  # required field left empty
        w["functie_01_werkgeverslasten"] = 24.0  # 24 typed where 24% is meant
        w[f"bs_{eerste}_materieel"] = "1.250"  # ambiguous text
        w[f"bs_{laatste}_reiskosten"] = "850,50"  # decimal comma: accepted with a remark
    else:
        w[f"bs_{eerste}_indirect"] = 1_900  # non-productive hours above the annual hours
        w[f"bs_{laatste}_huisvesting"] = "n.v.t."  # text in a number cell
        w[f"real_{eerste}_kosten"] = "49,42"  # decimal comma: accepted with a remark
    return {k: v for k, v in w.items() if v is not None}


def schrijf_voorbeeld_aanbieders(
    params: Jaarparameters,
    map_: Path,
    doel: Mapping[str, Decimal],
    aantallen: Mapping[str, int] | None = None,
) -> list[Path]:
    """Write the 17 sample workbooks to `map_/aanbieders` and return their paths.

    doel: the cost price per product the providers calculate around; aantallen: products
    offered by a fixed number of providers.
    """
    indeling(params)  # validates the template parameters before anything is written
    uitmap = Path(map_) / "aanbieders"
    uitmap.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    lijsten = aanbod(params, aantallen or {}, rng)
    paden = []
    for i, aanbieder in enumerate(AANBIEDERS + GEBREKKIG):
        w = _invulling(params, i, aanbieder, lijsten[i], doel, rng)
        if i >= len(AANBIEDERS):
            w = _gebreken(w, i - len(AANBIEDERS), params)
        paden.append(schrijf_sjabloon(params, uitmap / f"{slug(aanbieder[0])}.xlsx", w))
    return paden
