"""The validation rules of the submission tables, declared as pandera schemas.

Each rule is a named, vectorised pandera check over a whole table (all submissions at once,
so validation costs little per workbook). A failing row becomes a Bevinding that points at
the template cell behind it. `fout` rules reject a submission; `opmerking` rules flag an
unusual but possible value. The plausibility rules come from the year's parameters in two
tiers (plausibiliteit.py): outside the hard range, or a recognised slip, is a `fout`;
outside the soft range an `opmerking`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd
import pandera.pandas as pa

from kostprijs.inlezen.bevinding import FOUT, OPMERKING, Bevinding
from kostprijs.inlezen.inzending import Inzending
from kostprijs.inlezen.inzendingtabellen import FTE, als_float, veldnaam
from kostprijs.inlezen.plausibiliteit import VERGISSINGEN, Bereik, Veldgrenzen
from kostprijs.opmaak import invoergetal
from kostprijs.sjabloon.indeling import (
    BOUWSTEEN_KOLOMMEN,
    BOUWSTEEN_REGELS,
    GETALKOLOMMEN,
    NIET_PRODUCTIEF,
    PERSONEEL_KOLOMMEN,
    REALISATIE_KOLOMMEN,
    Indeling,
    slug,
)

HARD = "hard"
ZACHT = "zacht"
VERGISSING = "vergissing"

FRACTIES = tuple(k for k, soort in GETALKOLOMMEN.items() if soort == "fractie")
UREN_PER_JAAR = 8_784  # 366 x 24


@dataclass(frozen=True)
class Regel:
    """One check: `goed(df)` is True where a row passes; the cell pointed at is `kolom`.

    `details(rij)` adds placeholders for `melding` and `verwacht` that depend on the row.
    """

    naam: str
    kolom: str
    goed: Callable[[pd.DataFrame], pd.Series]
    melding: str
    verwacht: str
    ernst: str = FOUT
    details: Callable[[pd.Series], dict[str, str]] | None = None


def _verplicht(kolom: str, label: str, waar: Callable | None = None) -> Regel:
    return Regel(
        f"verplicht:{kolom}",
        kolom,
        lambda df: df[kolom].notna() | (~waar(df) if waar else False),
        f"{label} is niet ingevuld; dit is verplicht. Vul het in.",
        "een ingevulde waarde",
    )


def _minimaal(kolom: str, minimum: float = 0, strikt: bool = False) -> Regel:
    teken = "groter dan" if strikt else "minstens"
    return Regel(
        f"minimaal{'_strikt' if strikt else ''}:{kolom}",
        kolom,
        lambda df: df[kolom].isna() | ((df[kolom] > minimum) if strikt else (df[kolom] >= minimum)),
        f"{{waarde}} kan niet: de waarde moet {teken} {minimum:g} zijn. Vul een getal in dat "
        f"{teken} {minimum:g} is.",
        f"{teken} {minimum:g}",
    )


def _fractie_max(kolom: str) -> Regel:
    return Regel(
        f"fractie_max:{kolom}",
        kolom,
        lambda df: df[kolom].isna() | (df[kolom] <= 1),
        "{waarde} betekent {procent}. Bedoelt u {waarde}%? Typ het percentage met "
        "%-teken (de cel is als percentage opgemaakt).",
        "een percentage tussen 0% en 100%",
    )


def _bereiken(df: pd.DataFrame, grenzen: Veldgrenzen) -> list[Bereik]:
    """The range of each row: by the product's soort where the table has one."""
    if "soort" in df.columns:
        return [grenzen.voor(s) for s in df["soort"]]
    return [grenzen.standaard] * len(df)


def _grens(bereiken: list[Bereik], tier: str, kant: int) -> np.ndarray:
    return np.array([float(getattr(b, tier)[kant]) for b in bereiken], dtype=np.float64)


def _vergissingen(df: pd.DataFrame, kolom: str, grenzen: Veldgrenzen) -> pd.Series:
    """Per row, the name of the slip that explains the value, or "" (also for empty cells)."""
    s = df[kolom]
    bereiken = _bereiken(df, grenzen)
    buiten = s.notna() & ~s.between(_grens(bereiken, ZACHT, 0), _grens(bereiken, ZACHT, 1))
    uit = pd.Series("", index=df.index, dtype=object)
    for i in np.flatnonzero(buiten.to_numpy()):
        gevonden = bereiken[i].vergissing(Decimal(repr(float(s.iat[i]))))
        uit.iat[i] = gevonden[0] if gevonden else ""
    return uit


def regels_plausibel(kolom: str, grenzen: Veldgrenzen, waar: Callable | None = None) -> list[Regel]:
    """The slip rules (one per slip, in the order listed), the hard and the soft range."""
    fractie = GETALKOLOMMEN[kolom] == "fractie"

    def geldt(df: pd.DataFrame) -> pd.Series:
        return df[kolom].notna() & (waar(df) if waar else True)

    def details(rij: pd.Series) -> dict[str, str]:
        b = grenzen.voor(rij.get("soort"))
        uit = {HARD: _bereik_tekst(b.hard, fractie), ZACHT: _bereik_tekst(b.zacht, fractie)}
        waarde = rij.get(kolom)
        gevonden = b.vergissing(waarde) if isinstance(waarde, Decimal) else None
        if gevonden:
            uit["gecorrigeerd"] = _procent(gevonden[1]) if fractie else _nl(gevonden[1])
        return uit

    namen = dict.fromkeys(v for b in grenzen.alle for v in b.vergissingen)
    regels = [
        Regel(
            f"{VERGISSING}:{kolom}:{naam}",
            kolom,
            lambda df, naam=naam: ~(geldt(df) & (_vergissingen(df, kolom, grenzen) == naam)),
            VERGISSINGEN[naam].melding,
            "gangbaar: {zacht}",
            FOUT,
            details,
        )
        for naam in namen
    ]

    def binnen(tier: str) -> Callable[[pd.DataFrame], pd.Series]:
        def goed(df: pd.DataFrame) -> pd.Series:
            b = _bereiken(df, grenzen)
            return ~geldt(df) | df[kolom].between(_grens(b, tier, 0), _grens(b, tier, 1))

        return goed

    regels += [
        Regel(
            f"{HARD}:{kolom}",
            kolom,
            binnen(HARD),
            "{toon} kan niet kloppen: mogelijk is {hard}, gangbaar {zacht}. Controleer de "
            "eenheid en het decimaalteken. Klopt de waarde toch, neem dan contact op met de "
            "gemeente.",
            "mogelijk: {hard}",
            FOUT,
            details,
        ),
        Regel(
            f"{ZACHT}:{kolom}",
            kolom,
            binnen(ZACHT),
            "{toon} is ongebruikelijk (gangbaar is {zacht}). Controleer de waarde; licht haar "
            "toe als ze klopt.",
            "gangbaar: {zacht}",
            OPMERKING,
            details,
        ),
    ]
    return regels


def _bereik_tekst(paar: tuple[Decimal, Decimal], fractie: bool) -> str:
    toon = _procent if fractie else _nl
    return f"{toon(paar[0])} tot {toon(paar[1])}"


def regels_algemeen(ind: Indeling) -> list[Regel]:
    regels = [
        _verplicht(v.naam, v.label)
        for v in ind.velden
        if v.verplicht and (v.blad == "Algemeen" or v.naam.startswith("sjabloon_"))
    ]
    regels += [
        Regel(
            "jaar",
            "sjabloon_jaar",
            lambda df: df["sjabloon_jaar"].isna() | (df["sjabloon_jaar"] == ind.jaar),
            f"Dit is het sjabloon voor {{waarde}}; gebruik het sjabloon voor {ind.jaar}.",
            f"sjabloon {ind.jaar}",
        ),
        Regel(
            "prijsjaar",
            "sjabloon_prijsjaar",
            lambda df: (
                df["sjabloon_prijsjaar"].isna() | (df["sjabloon_prijsjaar"] == ind.prijsjaar)
            ),
            f"De cijfers in deze werkmap zijn van boekjaar {{waarde}}; de gemeente vraagt de "
            f"werkelijke cijfers van boekjaar {ind.prijsjaar}. Gebruik het sjabloon van de gemeente "
            "en vul de cijfers van dat jaar in.",
            f"boekjaar {ind.prijsjaar}",
        ),
        Regel(
            "versie",
            "sjabloon_versie",
            lambda df: df["sjabloon_versie"].isna() | (df["sjabloon_versie"] == ind.versie),
            f"Versie {{waarde}} van het sjabloon is verouderd; gebruik versie {ind.versie}.",
            f"versie {ind.versie}",
        ),
        Regel(
            "kvk",
            "aanbieder_kvk",
            lambda df: (
                df["aanbieder_kvk"].isna() | df["aanbieder_kvk"].astype(str).str.fullmatch(r"\d{8}")
            ),
            "'{waarde}' is geen geldig KvK-nummer: een KvK-nummer heeft precies 8 cijfers. "
            "Begint uw nummer met een 0, typ die dan ook (in een ouder sjabloon met een "
            "apostrof ervoor: '01234567).",
            "8 cijfers",
        ),
        Regel(
            "email",
            "contact_email",
            lambda df: (
                df["contact_email"].isna()
                | df["contact_email"].astype(str).str.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+")
            ),
            "'{waarde}' is geen geldig e-mailadres. Vul het e-mailadres van de contactpersoon "
            "in, zoals naam@organisatie.nl.",
            "naam@organisatie.nl",
        ),
        Regel(
            "invuldatum",
            "invuldatum",
            lambda df: df["invuldatum"].map(
                lambda d: not hasattr(d, "year") or ind.jaar - 2 <= d.year <= ind.jaar
            ),
            "De datum van invullen {waarde} ligt niet in de verwachte periode. Controleer de "
            "datum.",
            f"een datum in {ind.jaar - 2}-{ind.jaar}",
            OPMERKING,
        ),
    ]
    aangeboden = [f"aangeboden_{slug(p[0])}" for p in ind.producten]
    regels.append(
        Regel(
            "aangeboden",
            aangeboden[0],
            lambda df: (df[aangeboden] == "ja").any(axis=1) | df[aangeboden].isna().any(axis=1),
            "U biedt geen enkel product aan (overal 'nee'); er valt niets te berekenen. Zet "
            "'ja' bij de producten die u levert (blad Algemeen).",
            "minstens één product met 'ja'",
        )
    )
    return regels


def regels_personeel(plaus: dict[str, Veldgrenzen]) -> list[Regel]:
    labels = {
        "functie": "De naam van de functie",
        "schaal": "De salarisschaal",
        "jaarsalaris": "Het jaarsalaris",
        "vakantiegeld": "Het vakantiegeld",
        "eindejaarsuitkering": "De eindejaarsuitkering",
        "ort": "ORT en toeslagen (0% als die er niet zijn)",
        "werkgeverslasten": "De werkgeverslasten",
    }
    regels = [_verplicht(k, v) for k, v in labels.items()]
    regels.append(_minimaal("jaarsalaris", 0, strikt=True))
    for k in ("vakantiegeld", "eindejaarsuitkering", "ort", "werkgeverslasten"):
        regels.append(_minimaal(k))
    for k in ("jaarsalaris", "vakantiegeld", "eindejaarsuitkering", "ort", "werkgeverslasten"):
        regels += regels_plausibel(k, plaus[k])
    regels += [_fractie_max(k) for k in FRACTIES if k in labels]
    return regels


def regels_bouwstenen(ind: Indeling, plaus: dict[str, Veldgrenzen]) -> list[Regel]:
    regels: list[Regel] = []
    invoer = [r for r in BOUWSTEEN_REGELS if r[2] != "formule"]
    for kolom, label, soort, _eenheid, geldt in invoer:
        regels.append(_verplicht(kolom, label, _soort_in(geldt)))
        strikt = kolom in ("jaaruren", "groepsgrootte", "begeleiders", "personeelsuren")
        regels.append(_minimaal(kolom, 0, strikt=strikt and soort != "fractie"))
    regels += [
        _minimaal("fte_totaal", 0, strikt=True),
        _minimaal("bezettingsgraad", 0, strikt=True),
        *(_minimaal(k) for k in FTE),
        Regel(
            "maximaal:jaaruren",
            "jaaruren",
            lambda df: df["jaaruren"].isna() | (df["jaaruren"] <= UREN_PER_JAAR),
            f"{{waarde}} uur per jaar kan niet; een jaar heeft hooguit {UREN_PER_JAAR} uur. "
            "Vul de contracturen van één fte per jaar in.",
            "ongeveer 1.500 tot 2.100 uur",
        ),
        Regel(
            "productief",
            "indirect",
            lambda df: (
                df[["jaaruren", *NIET_PRODUCTIEF]].isna().any(axis=1)
                | (df[list(NIET_PRODUCTIEF)].sum(axis=1) < df["jaaruren"])
            ),
            "De niet-productieve uren ({niet_productief}) zijn samen meer dan de jaaruren "
            "({jaaruren}); er blijven geen productieve uren over. Controleer de jaaruren en de "
            "niet-productieve uren: beide in uren per fte per jaar.",
            "niet-productieve uren samen minder dan de jaaruren",
        ),
        Regel(
            "productief_aandeel",
            "indirect",
            lambda df: (
                df[["jaaruren", *NIET_PRODUCTIEF]].isna().any(axis=1)
                | (df[list(NIET_PRODUCTIEF)].sum(axis=1) >= df["jaaruren"])
                | ((1 - df[list(NIET_PRODUCTIEF)].sum(axis=1) / df["jaaruren"]).between(0.45, 0.95))
            ),
            "Het aandeel productieve uren is ongebruikelijk ({niet_productief} van "
            "{jaaruren} uur niet-productief). Controleer de uren.",
            "45% tot 95% productieve uren",
            OPMERKING,
        ),
    ]
    for kolom, _label, _soort, _eenheid, geldt in invoer:
        regels += regels_plausibel(kolom, plaus[kolom], _soort_in(geldt))
    regels += [_fractie_max(kolom) for kolom, _l, soort, *_r in invoer if soort == "fractie"]
    return regels


def _soort_in(soorten) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda df: df["soort"].isin(sorted(soorten))


def regels_realisatie(plaus: dict[str, Veldgrenzen]) -> list[Regel]:
    labels = {"kosten": "De kosten", "volume": "Het volume", "clienten": "Het aantal cliënten"}
    regels = [_verplicht(k, v + " (de realisatie is deels ingevuld)") for k, v in labels.items()]
    regels += [_minimaal(k) for k in labels]
    regels += [r for k in labels if k in plaus for r in regels_plausibel(k, plaus[k])]
    regels.append(
        Regel(
            "volume_bij_kosten",
            "volume",
            lambda df: (
                df["kosten"].isna() | (df["kosten"] == 0) | (df["volume"] > 0) | df["volume"].isna()
            ),
            "Er zijn kosten opgegeven maar geen geleverd volume.",
            "een volume groter dan 0",
        )
    )
    return regels


def _schema(naam: str, regels: list[Regel]) -> pa.DataFrameSchema:
    # No row of these tables is entirely empty ("bestand" is always set), so pandera's
    # ignore_na (pass a row whose every column is NA) never applies; switching it off
    # spares an isna() over the whole table per check.
    return pa.DataFrameSchema(
        name=naam,
        checks=[pa.Check(r.goed, name=r.naam, ignore_na=False) for r in regels],
        strict=False,
    )


def valideer(
    tabellen: dict[str, pd.DataFrame],
    ind: Indeling,
    inzendingen: dict[str, Inzending],
    plaus: dict[str, Veldgrenzen],
) -> list[Bevinding]:
    """All rule failures of all submissions, as Bevindingen pointing at template cells.

    Each check of the table's pandera schema is run once over the whole table; its boolean
    output gives the failing rows directly, without pandera's failure-case report, which
    reshapes every column of every failing row and cost about a second per run.

    Order: errors before remarks, each in rule order, then row order. The caller keeps one
    error per cell and drops a remark on a cell that already has an error, so this order
    decides which finding a cell gets. (Pandera's report came in an unstable sort order,
    so that choice used to depend on how many other rows failed.)
    """
    plan = {
        "algemeen": (regels_algemeen(ind), ["sjabloon_jaar", "sjabloon_prijsjaar"]),
        "personeel": (
            regels_personeel(plaus),
            [k for k in PERSONEEL_KOLOMMEN if k in GETALKOLOMMEN],
        ),
        "bouwstenen": (regels_bouwstenen(ind, plaus), [*BOUWSTEEN_KOLOMMEN, *FTE, "fte_totaal"]),
        "realisatie": (regels_realisatie(plaus), list(REALISATIE_KOLOMMEN)),
    }
    bevindingen = []
    for tabel, (regels, getallen) in plan.items():
        df = tabellen[tabel]
        if df.empty:
            continue
        if tabel == "realisatie":  # ranges may depend on the product's soort
            df = df.assign(soort=[ind.soort(p) for p in df["productspecificatie"]])
        df_f = als_float(df, getallen)
        for regel, check in zip(regels, _schema(tabel, regels).checks, strict=True):
            try:
                uitslag = check(df_f).check_output
                if not uitslag.index.equals(df_f.index):
                    raise ValueError("de uitkomst hoort niet bij de rijen van de tabel")
                fout_ = ~uitslag.to_numpy(dtype=bool)
            except Exception as exc:
                raise RuntimeError(f"validatieregel {regel.naam} faalde: {exc!r}") from exc
            for index in df_f.index[fout_]:
                bevindingen.append(_bevinding(regel, tabel, df.loc[index], inzendingen))
    bevindingen.sort(key=lambda b: b.ernst != FOUT)  # stable
    return bevindingen


def _bevinding(
    r: Regel, tabel: str, rij: pd.Series, inzendingen: dict[str, Inzending]
) -> Bevinding:
    inz = inzendingen[rij["bestand"]]
    veld = veldnaam(tabel, r.kolom, rij)
    waarde = rij.get(r.kolom)
    velden = {
        "waarde": _nl(waarde),
        "procent": _procent(waarde),
        "toon": _procent(waarde) if r.kolom in FRACTIES else _nl(waarde),
        "niet_productief": _nl(sum((rij.get(k) or Decimal(0)) for k in NIET_PRODUCTIEF)),
        "jaaruren": _nl(rij.get("jaaruren")),
        **(r.details(rij) if r.details else {}),
    }
    melding = r.melding.format(**velden)
    if "productspecificatie" in rij and tabel != "algemeen":
        melding = f"{rij['productspecificatie']}: {melding}"
    return Bevinding(
        bestand=inz.bestand,
        melding=melding,
        ernst=r.ernst,
        gevonden="leeg" if waarde is None else _nl(waarde),
        verwacht=r.verwacht.format(**velden),
        regel=r.naam,
        **inz.plaats(veld),
    )


def _nl(waarde) -> str:
    if waarde is None:
        return "leeg"
    if isinstance(waarde, Decimal):
        return invoergetal(waarde)
    if hasattr(waarde, "strftime"):
        return waarde.strftime("%d-%m-%Y")
    return str(waarde)


def _procent(waarde) -> str:
    if not isinstance(waarde, Decimal):
        return _nl(waarde)
    return f"{_nl(waarde * 100)}%"
