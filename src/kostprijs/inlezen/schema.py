"""The validation rules of the submission tables, declared as pandera schemas.

Each rule is a named, vectorised pandera check over a whole table (all submissions at once,
so validation costs little per workbook). A failing row becomes a Bevinding that points at
the template cell behind it. `fout` rules reject a submission; `opmerking` rules flag an
unusual but possible value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
import pandera.pandas as pa

from kostprijs.inlezen.bevinding import FOUT, OPMERKING, Bevinding
from kostprijs.inlezen.lezen import Inzending
from kostprijs.inlezen.tabellen import FTE, als_float, veldnaam
from kostprijs.sjabloon import BOUWSTEEN_KOLOMMEN, BOUWSTEEN_REGELS, NIET_PRODUCTIEF, Indeling, slug

# Plausible ranges: outside them a value is flagged (opmerking), not rejected.
PLAUSIBEL: dict[str, tuple[float, float]] = {
    "jaarsalaris": (20_000, 100_000),
    "vakantiegeld": (0.06, 0.10),
    "eindejaarsuitkering": (0.0, 0.10),
    "ort": (0.0, 0.25),
    "werkgeverslasten": (0.15, 0.45),
    "jaaruren": (1_500, 2_100),
    "verlof": (100, 350),
    "ziekte": (0, 250),
    "scholing": (0, 120),
    "overleg": (0, 200),
    "indirect": (0, 500),
    "reiskosten": (0, 5_000),
    "opleidingskosten": (0, 3_000),
    "overhead": (0.05, 0.35),
    "verplichtingen": (0.0, 0.10),
    "materieel": (0, 60),
    "huisvesting": (0, 80),
    "groepsgrootte": (2, 20),
    "begeleiders": (0.5, 4),
    "personeelsuren": (0.5, 24),
    "bezettingsgraad": (0.5, 1.0),
    "voeding": (0, 40),
    "indexering": (0.0, 0.10),
    "risico": (0.0, 0.05),
}
FRACTIES = (
    "vakantiegeld",
    "eindejaarsuitkering",
    "ort",
    "werkgeverslasten",
    "overhead",
    "verplichtingen",
    "bezettingsgraad",
    "indexering",
    "risico",
)
UREN_PER_JAAR = 8_784  # 366 x 24


@dataclass(frozen=True)
class Regel:
    """One check: `goed(df)` is True where a row passes; the cell pointed at is `kolom`."""

    naam: str
    kolom: str
    goed: Callable[[pd.DataFrame], pd.Series]
    melding: str
    verwacht: str
    ernst: str = FOUT


def _verplicht(kolom: str, label: str, waar: Callable | None = None) -> Regel:
    return Regel(
        f"verplicht:{kolom}",
        kolom,
        lambda df: df[kolom].notna() | (~waar(df) if waar else False),
        f"{label} is niet ingevuld; dit is verplicht.",
        "een ingevulde waarde",
    )


def _minimaal(kolom: str, minimum: float = 0, strikt: bool = False) -> Regel:
    teken = "groter dan" if strikt else "minstens"
    return Regel(
        f"minimaal{'_strikt' if strikt else ''}:{kolom}",
        kolom,
        lambda df: df[kolom].isna() | ((df[kolom] > minimum) if strikt else (df[kolom] >= minimum)),
        f"{{waarde}} kan niet: de waarde moet {teken} {minimum:g} zijn.",
        f"{teken} {minimum:g}",
    )


def _fractie(kolom: str) -> list[Regel]:
    lo, hi = PLAUSIBEL[kolom]
    regels = [
        Regel(
            f"fractie_max:{kolom}",
            kolom,
            lambda df: df[kolom].isna() | (df[kolom] <= 1),
            "{waarde} betekent {procent}. Bedoelt u {waarde}%? Typ het percentage met "
            "%-teken (de cel is als percentage opgemaakt).",
            "een percentage tussen 0% en 100%",
        ),
        _minimaal(kolom),
    ]
    if lo > 0:
        regels.append(
            Regel(
                f"factor100:{kolom}",
                kolom,
                lambda df: df[kolom].isna() | ~_factor100(df[kolom], lo, hi),
                "{procent} is onwaarschijnlijk laag; bedoelt u {honderdvoud}? Waarschijnlijk "
                "is het percentage als 0,.. in een procentcel getypt.",
                f"tussen {_pct(lo)} en {_pct(hi)}",
            )
        )
    return regels


def _factor100(s: pd.Series, lo: float, hi: float) -> pd.Series:
    return (s < lo) & (s * 100 >= lo) & (s * 100 <= hi)


def _plausibel(kolom: str, waar: Callable | None = None) -> Regel:
    lo, hi = PLAUSIBEL[kolom]
    fractie = kolom in FRACTIES

    def goed(df: pd.DataFrame) -> pd.Series:
        s = df[kolom]
        binnen = s.isna() | ((s >= lo) & (s <= hi))
        if fractie:  # already reported as an error
            binnen |= (s > 1) | _factor100(s, lo, hi)
        binnen |= s < 0
        return binnen | (~waar(df) if waar else False)

    bereik = f"{_pct(lo)} tot {_pct(hi)}" if fractie else f"{lo:n} tot {hi:n}"
    return Regel(
        f"plausibel:{kolom}",
        kolom,
        goed,
        f"{{toon}} is ongebruikelijk (gangbaar is {bereik}). Controleer de waarde; "
        "licht haar toe als ze klopt.",
        bereik,
        OPMERKING,
    )


def _pct(x: float) -> str:
    return f"{x * 100:g}%".replace(".", ",")


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
            "'{waarde}' is geen geldig KvK-nummer.",
            "8 cijfers",
        ),
        Regel(
            "email",
            "contact_email",
            lambda df: (
                df["contact_email"].isna()
                | df["contact_email"].astype(str).str.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+")
            ),
            "'{waarde}' is geen geldig e-mailadres.",
            "naam@organisatie.nl",
        ),
        Regel(
            "invuldatum",
            "invuldatum",
            lambda df: df["invuldatum"].map(
                lambda d: not hasattr(d, "year") or ind.jaar - 2 <= d.year <= ind.jaar
            ),
            "De datum van invullen {waarde} ligt niet in de verwachte periode.",
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
            "U biedt geen enkel product aan (overal 'nee'); er valt niets te berekenen.",
            "minstens één product met 'ja'",
        )
    )
    return regels


def regels_personeel() -> list[Regel]:
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
    regels += [_minimaal("jaarsalaris", 0, strikt=True), _plausibel("jaarsalaris")]
    for k in ("vakantiegeld", "eindejaarsuitkering", "ort", "werkgeverslasten"):
        regels += [*_fractie(k), _plausibel(k)]
    return regels


def regels_bouwstenen(ind: Indeling) -> list[Regel]:
    regels: list[Regel] = []
    for kolom, label, soort, _eenheid, geldt in BOUWSTEEN_REGELS:
        if soort == "formule":
            continue
        waar = _soort_in(geldt)
        regels.append(_verplicht(kolom, label, waar))
        if soort == "fractie":
            regels += _fractie(kolom)
        else:
            strikt = kolom in ("jaaruren", "groepsgrootte", "begeleiders", "personeelsuren")
            regels.append(_minimaal(kolom, 0, strikt=strikt))
        regels.append(_plausibel(kolom, waar))
    regels += [
        _minimaal("fte_totaal", 0, strikt=True),
        _minimaal("bezettingsgraad", 0, strikt=True),
        *(_minimaal(k) for k in FTE),
        Regel(
            "maximaal:jaaruren",
            "jaaruren",
            lambda df: df["jaaruren"].isna() | (df["jaaruren"] <= UREN_PER_JAAR),
            f"{{waarde}} uur per jaar kan niet; een jaar heeft hooguit {UREN_PER_JAAR} uur.",
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
            "({jaaruren}); er blijven geen productieve uren over.",
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
    return regels


def _soort_in(soorten) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda df: df["soort"].isin(sorted(soorten))


def regels_realisatie() -> list[Regel]:
    labels = {"kosten": "De kosten", "volume": "Het volume", "clienten": "Het aantal cliënten"}
    regels = [_verplicht(k, v + " (de realisatie is deels ingevuld)") for k, v in labels.items()]
    regels += [_minimaal(k) for k in labels]
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
    tabellen: dict[str, pd.DataFrame], ind: Indeling, inzendingen: dict[str, Inzending]
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
        "algemeen": (regels_algemeen(ind), ["sjabloon_jaar"]),
        "personeel": (regels_personeel(), ["jaarsalaris", *FRACTIES[:4]]),
        "bouwstenen": (regels_bouwstenen(ind), [*BOUWSTEEN_KOLOMMEN, *FTE, "fte_totaal"]),
        "realisatie": (regels_realisatie(), ["kosten", "volume", "clienten"]),
    }
    bevindingen = []
    for tabel, (regels, getallen) in plan.items():
        df = tabellen[tabel]
        if df.empty:
            continue
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
    melding = r.melding.format(
        waarde=_nl(waarde),
        procent=_procent(waarde),
        honderdvoud=_procent(waarde * 100) if isinstance(waarde, Decimal) else "",
        toon=_procent(waarde) if r.kolom in FRACTIES else _nl(waarde),
        niet_productief=_nl(sum((rij.get(k) or Decimal(0)) for k in NIET_PRODUCTIEF)),
        jaaruren=_nl(rij.get("jaaruren")),
    )
    if "productspecificatie" in rij and tabel != "algemeen":
        melding = f"{rij['productspecificatie']}: {melding}"
    return Bevinding(
        bestand=inz.bestand,
        melding=melding,
        ernst=r.ernst,
        gevonden="leeg" if waarde is None else _nl(waarde),
        verwacht=r.verwacht,
        **inz.plaats(veld),
    )


def _nl(waarde) -> str:
    if waarde is None:
        return "leeg"
    if isinstance(waarde, Decimal):
        return format(waarde.normalize(), "f").replace(".", ",")
    if hasattr(waarde, "strftime"):
        return waarde.strftime("%d-%m-%Y")
    return str(waarde)


def _procent(waarde) -> str:
    if not isinstance(waarde, Decimal):
        return _nl(waarde)
    return f"{_nl(waarde * 100)}%"
