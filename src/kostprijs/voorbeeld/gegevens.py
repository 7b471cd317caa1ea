"""Synthetic sample data for any catalogue: deterministic, fictitious, shaped like real inputs.

Nothing here is real. What the sample looks like (current tarieven, the cost prices the
sample providers calculate around, usage, how many clients have which product) comes from
`params/<jaar>.voorbeeld.yaml`; without that file, from plain defaults per unit, so
`kostprijs voorbeeld` works for a new catalogue before real data arrive. A fixed seed makes
every run write the same bytes. See docs/voorbeelddata.md.
"""

from __future__ import annotations

import datetime as dt
import math
import shutil
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.csvbestand import schrijf_csv_nl
from kostprijs.budget.model import periode_weken
from kostprijs.eenheden import FREQUENTIES, jaarfactor
from kostprijs.fouten import ConfiguratieFout, KostprijsFout
from kostprijs.geld import decimaal
from kostprijs.paden import PARAMS
from kostprijs.parameters import ZIN, Jaarparameters, Product
from kostprijs.resultaat.celrealisatie import bestandsnaam
from kostprijs.voorbeeld.aanbieders import AANBIEDERS, schrijf_voorbeeld_aanbieders

MARKERING = catalogus.SYNTHETISCH  # marks a raw folder as sample data; reports show a banner

# Defaults for a catalogue without a sample description: a plausible tarief per unit, and
# indications per week a consulent might hand out (a one-off product: 1).
STANDAARD_TARIEF = {
    "uur": Decimal("60.00"),
    "minuut": Decimal("1.00"),
    "dagdeel": Decimal("40.00"),
    "dag": Decimal("15.00"),
    "etmaal": Decimal("150.00"),
    "week": Decimal("250.00"),
    "maand": Decimal("900.00"),
    "traject": Decimal("1500.00"),
    "eenmalig": Decimal("1500.00"),
}
STANDAARD_OMVANG = {
    "uur": [1, 2, 3, 4],
    "minuut": [60, 90, 120],
    "dagdeel": [1, 2, 3, 4],
    "dag": [1, 2, 3],
    "etmaal": [0.25, 0.5],
    "week": [1],
    "maand": [0.25],
}
EXPORTS = ("gewoon", "iwmo")  # how the sample's client system exports
# iWmo eenheid codes of the sample's units (hours are exported in minutes, as iWmo does)
IWMO_EENHEID = {"uur": "01", "minuut": "01", "dagdeel": "16", "etmaal": "14"}
IWMO_EENHEID |= {"traject": "82", "eenmalig": "82"}
IWMO_FREQUENTIE = {"per week": "2", "per 4 weken": "3", "per maand": "4", "per jaar": "5"}
IWMO_FREQUENTIE["totaal"] = "6"
# Rounding step of realised volume per unit (quarter hours, whole dagdelen, ...).
STAP = {"uur": 0.25, "minuut": 5.0}


@dataclass(frozen=True)
class Voorbeeldproduct:
    """How one product appears in the sample."""

    tarieven: tuple[tuple[Decimal, Decimal | None, str], ...]  # tarief, aandeel, variant
    kostprijs: Decimal
    gebruik: float
    kans: float
    omvang: tuple[float, ...]
    aanbieders: int | None = None


@dataclass(frozen=True)
class Voorbeeld:
    """The sample description of a year."""

    clienten: int
    aandeel_bestaand: float
    aandeel_beeindigd: float
    frequentie: str
    startgetal: int
    producten: dict[str, Voorbeeldproduct] = field(default_factory=dict)
    export: str = "gewoon"  # or "iwmo": indications and realisation with iWmo codes
    leveringsvormen: dict[str, float] = field(default_factory=dict)  # pgb tier -> share
    gemeenten: dict[str, float] = field(default_factory=dict)  # a region: member -> share


def voorbeeld_pad(jaar: int) -> Path:
    return PARAMS / f"{jaar}{catalogus.VOORBEELDPARAMETERS}"


def laad_voorbeeld(params: Jaarparameters, pad: Path | None = None) -> Voorbeeld:
    """The sample description for `params`' catalogue: the file, or defaults per unit."""
    pad = voorbeeld_pad(params.jaar) if pad is None else Path(pad)
    ruw = yaml.safe_load(pad.read_text(encoding="utf-8")) if pad.exists() else {}
    ruw = ruw or {}
    bekend = {
        "clienten",
        "aandeel_bestaand",
        "aandeel_beeindigd",
        "frequentie",
        "startgetal",
        "export",
    }
    onbekend = set(ruw) - bekend - {"producten", "leveringsvormen", "gemeenten"}
    if onbekend:
        raise ConfiguratieFout(f"{pad.name}: onbekende sleutel(s): {', '.join(sorted(onbekend))}.")
    frequentie = str(ruw.get("frequentie", "per week"))
    if frequentie not in FREQUENTIES or frequentie == "totaal":
        raise ConfiguratieFout(f"{pad.name}: frequentie '{frequentie}' kan niet in het voorbeeld.")
    export = str(ruw.get("export", "gewoon"))
    if export not in EXPORTS:
        raise ConfiguratieFout(
            f"{pad.name}: export '{export}' bestaat niet; kies uit {', '.join(EXPORTS)}."
        )
    per_product = ruw.get("producten") or {}
    vreemd = set(per_product) - set(params.productspecificaties)
    if vreemd:
        raise ConfiguratieFout(
            f"{pad.name}: {', '.join(sorted(vreemd))} staat niet in de catalogus van {params.jaar}."
        )
    producten = {
        p.productspecificatie: _product(
            p,
            per_product.get(p.productspecificatie) or {},
            pad,
            float(params.budget.gebruiksfactor),
        )
        for p in params.catalogus
    }
    vormen = {str(k): float(v) for k, v in (ruw.get("leveringsvormen") or {}).items()}
    vreemd = set(vormen) - {lv.naam for lv in params.leveringsvormen}
    if vreemd:
        raise ConfiguratieFout(
            f"{pad.name}: leveringsvorm(en) {', '.join(sorted(vreemd))} staan niet in de "
            "parameters."
        )
    gemeenten = {str(k): float(v) for k, v in (ruw.get("gemeenten") or {}).items()}
    leden = set(params.regio.namen) if params.regio else set()
    if set(gemeenten) != leden or (gemeenten and abs(sum(gemeenten.values()) - 1) > 1e-9):
        raise ConfiguratieFout(
            f"{pad.name}: gemeenten geeft per gemeente van de regio het deel van de cliënten "
            f"(samen 1); de regio heeft: {', '.join(sorted(leden)) or 'geen gemeenten'}."
        )
    return Voorbeeld(
        gemeenten=gemeenten,
        clienten=int(ruw.get("clienten", 2000)),
        aandeel_bestaand=float(ruw.get("aandeel_bestaand", 0.85)),
        aandeel_beeindigd=float(ruw.get("aandeel_beeindigd", 0.03)),
        frequentie=frequentie,
        startgetal=int(ruw.get("startgetal", 20171123)),
        producten=producten,
        leveringsvormen=vormen,
        export=export,
    )


def _product(p: Product, ruw: dict, pad: Path, gebruik: float) -> Voorbeeldproduct:
    onbekend = set(ruw) - {"tarieven", "kostprijs", "gebruik", "kans", "omvang", "aanbieders"}
    if onbekend:
        raise ConfiguratieFout(
            f"{pad.name}: onbekende sleutel(s) bij {p.productspecificatie}: "
            f"{', '.join(sorted(onbekend))}."
        )
    standaard = STANDAARD_TARIEF[p.eenheid]
    varianten = p.varianten or ()
    if "tarieven" in ruw:
        tarieven = []
        for t in ruw["tarieven"] or ():
            t = t if isinstance(t, dict) else {"tarief": t}
            aandeel = t.get("aandeel")
            tarieven.append(
                (
                    decimaal(t["tarief"]).quantize(Decimal("0.01")),
                    None if aandeel is None else decimaal(aandeel),
                    str(t.get("variant", "")),
                )
            )
    elif varianten:
        tarieven = [(standaard * v.factor, None, v.naam) for v in varianten]
    else:
        tarieven = [(standaard, None, "")]
    kostprijs = decimaal(ruw.get("kostprijs", standaard * Decimal("1.05")))
    omvang = ruw.get("omvang") or ([1] if p.eenmalig else STANDAARD_OMVANG.get(p.eenheid, [1]))
    return Voorbeeldproduct(
        tarieven=tuple(tarieven),
        kostprijs=kostprijs,
        gebruik=float(ruw.get("gebruik", 1.0 if p.eenmalig else gebruik)),
        kans=float(ruw.get("kans", 0.15)),
        omvang=tuple(float(x) for x in omvang),
        aanbieders=ruw.get("aanbieders"),
    )


def _getal(x: float) -> Decimal:
    return Decimal(format(x, "g"))


def maak_indicaties(
    rng: np.random.Generator, params: Jaarparameters, vb: Voorbeeld
) -> pd.DataFrame:
    """Fictitious clients with one or more indications each.

    Within a family a client gets at most one intensity; a transport product only goes with a
    group product (its omvang: the days of that group product); a product with variants gets
    one of them. Some clients' indications ended in the realisation year.
    """
    catalogus = params.catalogus
    groepen: dict[str, list[Product]] = {}
    for p in catalogus:
        if p.soort != "vervoer":
            groepen.setdefault(p.familie or p.productspecificatie, []).append(p)
    vervoer = [p for p in catalogus if p.soort == "vervoer"]
    rijen = []
    for i in range(1, vb.clienten + 1):
        client = f"K{i:05d}"
        gekozen: list[tuple[Product, float]] = []
        for leden in groepen.values():
            kansen = np.asarray([vb.producten[p.productspecificatie].kans for p in leden])
            if rng.random() < min(0.95, float(kansen.sum())):
                p = leden[int(rng.choice(len(leden), p=kansen / kansen.sum()))]
                gekozen.append((p, float(rng.choice(vb.producten[p.productspecificatie].omvang))))
        if not gekozen:
            p = max(
                (p for p in catalogus if p.soort != "vervoer"),
                key=lambda q: vb.producten[q.productspecificatie].kans,
            )
            gekozen.append((p, float(rng.choice(vb.producten[p.productspecificatie].omvang))))
        groep = next((g for g in gekozen if g[0].soort == "dagdeel"), None)
        if groep and vervoer:
            v = vervoer[int(rng.integers(len(vervoer)))]
            if rng.random() < vb.producten[v.productspecificatie].kans:
                dagen = math.ceil(groep[1] / 2) if groep[0].eenheid == "dagdeel" else groep[1]
                gekozen.append((v, float(dagen)))
        beeindigd = rng.random() < vb.aandeel_beeindigd
        for p, omvang in gekozen:
            variant = ""
            if p.varianten:
                variant = p.varianten[int(rng.integers(len(p.varianten)))].naam
            vorm = ZIN
            for naam, aandeel in vb.leveringsvormen.items():
                if params.leveringsvorm(naam).geldt_voor(p) and rng.random() < aandeel:
                    vorm = naam
                    break
            rijen.append((client, p, variant, omvang, beeindigd, vorm))
    return _indicatietabel(rijen, params, vb)


def _indicatietabel(rijen, params: Jaarparameters, vb: Voorbeeld) -> pd.DataFrame:
    einde = dt.date(params.realisatiejaar, 9, 30)
    tabel = pd.DataFrame(
        {
            "client": [r[0] for r in rijen],
            "productspecificatie": [r[1].productspecificatie for r in rijen],
            "variant": [r[2] for r in rijen],
            "leveringsvorm": [r[5] for r in rijen],
            "omvang": [_getal(r[3]) for r in rijen],
            "frequentie": ["totaal" if r[1].eenmalig else vb.frequentie for r in rijen],
            "einde": [einde.strftime("%d-%m-%Y") if r[4] else "" for r in rijen],
        }
    )
    for kolom, leeg in (("variant", ""), ("leveringsvorm", ZIN)):
        if (tabel[kolom] == leeg).all():
            tabel = tabel.drop(columns=kolom)
    if (tabel["frequentie"] == "per week").all():
        tabel = tabel.rename(columns={"omvang": "indicatie_per_week"}).drop(columns="frequentie")
    return tabel


def maak_realisatie(
    rng: np.random.Generator, indicaties: pd.DataFrame, params: Jaarparameters, vb: Voorbeeld
) -> pd.DataFrame:
    """Declared volume per existing client, line and facturatieperiode of the realisatiejaar."""
    perioden = params.budget.perioden_per_jaar
    if perioden == 13:
        weken = np.asarray(periode_weken(params.realisatiejaar, perioden), dtype=float)
    else:
        jaar = params.realisatiejaar
        weken = np.asarray(
            [
                ((dt.date(jaar + (m == 12), m % 12 + 1, 1) - dt.date(jaar, m, 1)).days) / 7
                for m in range(1, 13)
            ]
        )
    clienten = indicaties["client"].unique()
    bestaand = set(clienten[rng.random(len(clienten)) < vb.aandeel_bestaand])
    omvang = "indicatie_per_week" if "indicatie_per_week" in indicaties else "omvang"
    rijen = []
    for r in indicaties.to_dict("records"):
        if r["client"] not in bestaand:
            continue
        p = params.product(r["productspecificatie"])
        vp = vb.producten[p.productspecificatie]
        regel = (
            r["client"],
            p.productspecificatie,
            r.get("variant", ""),
            r.get("leveringsvorm", ZIN),
        )
        if p.eenmalig:
            if rng.random() < vp.gebruik:
                periode = int(rng.integers(1, perioden + 1))
                rijen.append((*regel, periode, r[omvang]))
            continue
        frequentie = r.get("frequentie", "per week")
        per_week = float(r[omvang]) * float(jaarfactor(frequentie, weken_per_jaar=52)) / 52
        stap = STAP.get(p.eenheid, 1.0)
        ruis = rng.lognormal(mean=-0.03, sigma=0.25, size=perioden)
        volume = np.round(per_week * weken * vp.gebruik * ruis / stap) * stap
        actief = perioden if not r["einde"] else round(perioden * 0.7)
        for periode, v in enumerate(volume[:actief], start=1):
            if v > 0:
                rijen.append((*regel, periode, _getal(v)))
    tabel = pd.DataFrame(
        rijen,
        columns=["client", "productspecificatie", "variant", "leveringsvorm", "periode", "volume"],
    )
    for kolom, leeg in (("variant", ""), ("leveringsvorm", ZIN)):
        if (tabel[kolom] == leeg).all():
            tabel = tabel.drop(columns=kolom)
    return tabel


def maak_celrealisatie(
    rng: np.random.Generator, realisatie: pd.DataFrame, params: Jaarparameters
) -> pd.DataFrame:
    """The realisation linked to cells of the result matrix: every client gets a cell of the
    beschikking (sub-results drawn with unequal weights, so some cells are small and need the
    fallback), one in five a second cell for part of its products; a provider per client."""
    matrix = params.resultaat
    subs = list(matrix.subresultaten)
    gewicht = np.array([1 / (i + 1) ** 1.3 for i in range(len(subs))])
    gewicht = rng.permutation(gewicht / gewicht.sum())
    zr = list(matrix.zelfredzaamheden)
    zr_gewicht = np.linspace(1.0, 0.6, len(zr))
    zr_gewicht /= zr_gewicht.sum()
    aanbieders = [naam for naam, *_ in AANBIEDERS]
    clienten = realisatie["client"].unique()

    def trek(n: int) -> list[tuple[str, str]]:
        cellen = []
        for s, z in zip(
            rng.choice(subs, n, p=gewicht), rng.choice(zr, n, p=zr_gewicht), strict=True
        ):
            cel = (str(s), str(z))
            cellen.append(cel if cel not in matrix.niet_ingekocht else (str(s), zr[0]))
        return cellen

    eerste, tweede = trek(len(clienten)), trek(len(clienten))
    twee = rng.random(len(clienten)) < 0.2
    aanbieder = rng.choice(aanbieders, len(clienten))
    index = {c: i for i, c in enumerate(clienten)}
    producten = {p: i for i, p in enumerate(params.productspecificaties)}
    rijen = []
    for r in realisatie.itertuples(index=False):
        i = index[r.client]
        cel = tweede[i] if twee[i] and producten[r.productspecificatie] % 2 else eerste[i]
        rijen.append(
            (r.client, cel[0], cel[1], r.periode, r.productspecificatie, r.volume, aanbieder[i])
        )
    return pd.DataFrame(
        rijen,
        columns=[
            "client",
            "resultaatgebied",
            "zelfredzaamheid",
            "periode",
            "productspecificatie",
            "geleverd",
            "aanbieder",
        ],
    )


def _iwmo(tabel: pd.DataFrame, params: Jaarparameters, kolom: str = "volume") -> pd.DataFrame:
    """`tabel` with the volume in `kolom` as iWmo exports it: an eenheid code beside it, hours
    in minutes (a whole number of minutes; else hours, code 04)."""
    eenheden = [params.product(p).eenheid for p in tabel["productspecificatie"]]
    volume, codes = [], []
    for v, eenheid in zip(tabel[kolom], eenheden, strict=True):
        code = IWMO_EENHEID.get(eenheid, "")
        if eenheid == "uur":
            minuten = Decimal(v) * 60
            code = "01" if minuten == minuten.to_integral_value() else "04"
            v = int(minuten) if code == "01" else Decimal(v)
        volume.append(v)
        codes.append(code)
    uit = tabel.copy()
    uit[kolom] = volume
    uit.insert(list(uit.columns).index(kolom) + 1, "eenheid", codes)
    return uit


def _indicaties_iwmo(tabel: pd.DataFrame, params: Jaarparameters) -> pd.DataFrame:
    """The indications as a client system with iWmo codes exports them: Cliëntnummer,
    Productcode (with the product's name only where a code covers several products), Volume,
    Eenheid and Frequentie as codes, Einddatum."""
    tabel = tabel.copy()
    if "indicatie_per_week" in tabel:
        tabel = tabel.rename(columns={"indicatie_per_week": "omvang"})
        tabel.insert(list(tabel.columns).index("omvang") + 1, "frequentie", "per week")
    tabel["frequentie"] = tabel["frequentie"].map(IWMO_FREQUENTIE)
    tabel = _iwmo(tabel, params, "omvang")
    codes = [p.productcode for p in params.catalogus]
    code = [params.product(p).productcode for p in tabel["productspecificatie"]]
    tabel.insert(1, "productcode", code)
    if len(set(codes)) < len(codes) or not all(codes):
        tabel = tabel.rename(columns={"productspecificatie": "product"})
    else:
        tabel = tabel.drop(columns="productspecificatie")
    namen = {"client": "Cliëntnummer", "productcode": "Productcode", "product": "Product"}
    namen |= {"omvang": "Volume", "eenheid": "Eenheid", "frequentie": "Frequentie"}
    namen |= {"einde": "Einddatum", "variant": "Variant", "leveringsvorm": "Leveringsvorm"}
    return tabel.rename(columns=namen)


def _tarieftabel(params: Jaarparameters, vb: Voorbeeld) -> pd.DataFrame:
    rijen = []
    for p in params.catalogus:
        for tarief, aandeel, variant in vb.producten[p.productspecificatie].tarieven:
            rijen.append(
                (
                    p.productspecificatie,
                    variant,
                    p.eenheid,
                    tarief,
                    "" if aandeel is None else aandeel,
                )
            )
        if not vb.producten[p.productspecificatie].tarieven:
            rijen.append((p.productspecificatie, "", p.eenheid, "", ""))
    tabel = pd.DataFrame(
        rijen, columns=["productspecificatie", "variant", "eenheid", "tarief", "aandeel"]
    )
    if not tabel["variant"].any():
        tabel = tabel.drop(columns="variant")
    if not (tabel["aandeel"] != "").any():
        tabel = tabel.drop(columns="aandeel")
    return tabel


def schrijf_voorbeeld(
    params: Jaarparameters, map_: Path, vb: Voorbeeld | None = None
) -> list[Path]:
    """Write the sample for `params.jaar` into `map_`, which must not hold any files yet.

    The folder is filled under a temporary name and renamed when complete, so an
    interrupted run leaves no half-filled raw-data folder.
    """
    map_ = Path(map_)
    if map_.exists() and any(map_.iterdir()):
        raise KostprijsFout(
            f"De map {map_} bestaat al en is niet leeg. Voorbeelddata worden nooit over "
            "ruwe data heen geschreven; kies een lege map."
        )
    vb = laad_voorbeeld(params) if vb is None else vb
    rng = np.random.default_rng(vb.startgetal + params.jaar)
    indicaties = maak_indicaties(rng, params, vb)
    realisatie = maak_realisatie(rng, indicaties, params, vb)
    if vb.export == "iwmo":
        indicaties, realisatie = _indicaties_iwmo(indicaties, params), _iwmo(realisatie, params)
    tabellen = {
        f"{catalogus.INDICATIES}.csv": indicaties,
        f"{catalogus.TARIEVEN_HUIDIG}.csv": _tarieftabel(params, vb),
        f"{catalogus.realisatie(params.realisatiejaar)}.csv": realisatie,
    }
    if params.resultaat is not None:
        # its own random stream, so the other files stay as they were
        celrng = np.random.default_rng(vb.startgetal + params.jaar + 1)
        tabellen[bestandsnaam(params)] = maak_celrealisatie(celrng, realisatie, params)
    if vb.gemeenten:
        _met_gemeente(tabellen, params, vb)
    map_.parent.mkdir(parents=True, exist_ok=True)
    tijdelijk = Path(tempfile.mkdtemp(prefix=f".{map_.name}.", dir=map_.parent))
    try:
        for naam, tabel in tabellen.items():
            schrijf_csv_nl(tabel, tijdelijk / naam)
        schrijf_voorbeeld_aanbieders(
            params,
            tijdelijk,
            {n: v.kostprijs for n, v in vb.producten.items()},
            {n: v.aanbieders for n, v in vb.producten.items() if v.aanbieders},
        )
        (tijdelijk / MARKERING).write_text(
            "Deze map bevat synthetische voorbeelddata, gemaakt door `kostprijs voorbeeld`.\n"
            "Niets hierin is echt. Rapporten op deze gegevens zeggen dat bovenaan.\n",
            encoding="utf-8",
        )
        if map_.exists():
            map_.rmdir()
        tijdelijk.rename(map_)
    finally:
        shutil.rmtree(tijdelijk, ignore_errors=True)
    return sorted(map_.rglob("*.*"))


def _met_gemeente(tabellen: dict[str, pd.DataFrame], params: Jaarparameters, vb: Voorbeeld) -> None:
    """A region's sample: every client drawn into a member by its share; the indications name
    the member, the other tables its CBS code (both are read), right after the client."""
    regio = params.regio
    rng = np.random.default_rng(vb.startgetal + params.jaar + 2)  # the other files stay
    eerste = next(iter(tabellen.values()))
    kolom = eerste.columns[0]
    clienten = eerste[kolom].unique()
    aandeel = np.asarray([vb.gemeenten[g] for g in regio.namen])
    plek = dict(zip(clienten, rng.choice(len(aandeel), len(clienten), p=aandeel), strict=True))
    for i, (naam, tabel) in enumerate(tabellen.items()):
        if naam.startswith(catalogus.TARIEVEN_HUIDIG):
            continue
        leden = [regio.gemeenten[plek[c]] for c in tabel[tabel.columns[0]]]
        waarden = [g.naam if i == 0 else g.cbs for g in leden]
        tabel.insert(1, "gemeente", waarden)
