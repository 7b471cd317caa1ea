"""Every file name of the project, named once for every caller: the municipality's raw files
in data/raw/<jaar>/, what the steps write to data/processed/<jaar>/, build/ and reports/, and
the configuration beside the parameters. Nothing else spells a file name (a test checks).

A table may be a .csv or an .xlsx export (`indicaties.csv` or `indicaties.xlsx`, never both);
iWmo messages (WMO301 toewijzingen, WMO323 declaraties) sit as .xml files in `berichten/`.
Standard library only, so the fingerprinting of raw inputs can use it cheaply.
"""

from __future__ import annotations

import re
from pathlib import Path

from kostprijs.fouten import InvoerFout

SOORTEN = (".csv", ".xlsx")  # accepted table exports, in order of preference in messages
INDICATIES = "indicaties"
TARIEVEN_HUIDIG = "tarieven_huidig"
BERICHTEN = "berichten"  # folder of iWmo XML messages
BERICHT_SOORT = ".xml"
BERICHTCODES = {"WMO301": "414", "WMO323": "484"}  # toewijzing, declaratie (iWmo 3.2)
_CODE = re.compile(rb"BerichtCode>\s*(\d+)\s*<")
BEVESTIGINGEN = "bevestigingen.csv"  # confirmed plausibility findings of providers (raw, processed)
REALISATIE_BEVESTIGINGEN = "realisatie_bevestigingen.csv"  # confirmed realisation lines (raw)
SYNTHETISCH = "SYNTHETISCH.txt"  # marks a raw folder of synthetic sample data

# data/processed/<jaar>/, per step that writes it
INZENDINGEN = "inzendingen.csv"  # inlezen: one row per workbook, accepted or not
BEVINDINGEN = "bevindingen.csv"  # inlezen: every finding per workbook, sheet and cell
AANBIEDERS = "aanbieders.csv"  # inlezen: the accepted providers
PERSONEEL, INZET, BOUWSTENEN = "personeel.csv", "inzet.csv", "bouwstenen.csv"  # inlezen
REALISATIE_AANBIEDERS = "realisatie.csv"  # inlezen: the providers' realised volumes
KOSTPRIJZEN_AANBIEDERS = "kostprijzen_aanbieders.csv"  # kostprijzen (internal)
KOSTPRIJZEN_PRODUCT = "kostprijzen_product.csv"  # kostprijzen: the average per product
DISCLOSURE = "disclosure.csv"  # kostprijzen: the disclosure judgement per product
VOORSTEL = "tarieven_voorstel.csv"  # kostprijzen: the proposed tarieven
ONDERZOEK = "onderzoek"  # kostprijzen: the whole research, a signed record (folder)
BUDGETIMPACT, RESULTAATTARIEVEN = "budgetimpact", "resultaattarieven"  # signed records (folders)
# controleer: the municipality's data as read and checked, signed records (folders) that the
# budget and result steps read instead of the raw exports
GEMEENTEGEGEVENS, CELREALISATIE = "gemeentegegevens", "celrealisatie"
VELDEN, HANDTEKENING = "velden.json", "handtekening.json"  # inside a signed record

# Every CSV table of data/processed/<jaar>/: the step that writes it and its columns, in order.
# One dialect for all (bestanden/csvbestand: schrijf_tabel, lees_tabel): UTF-8 without BOM, ",",
# a decimal point, each value as its exact text, empty for a missing value; the signed records
# above hold the rest. docs/gegevens.md describes each column.
TABELLEN = {
    INZENDINGEN: (
        "inlezen",
        (
            "bestand",
            "sha256",
            "aanbieder_id",
            "naam",
            "status",
            "telt_mee",
            "fouten",
            "opmerkingen",
            "reden",
            "terugkoppeling",
        ),
    ),
    BEVINDINGEN: (
        "inlezen",
        ("bestand", "ernst", "blad", "cel", "veld", "gevonden", "verwacht", "melding"),
    ),
    BEVESTIGINGEN: (
        "inlezen",
        (
            "kvk",
            "blad",
            "cel",
            "waarde",
            "reden",
            "status",
            "geldig",
            "toelichting",
            "bestand",
            "aanbieder_id",
            "veld",
            "productspecificatie",
            "kolom",
        ),
    ),
    AANBIEDERS: (
        "inlezen",
        (
            "aanbieder_id",
            "naam",
            "kvk",
            "grootteklasse",
            "cao",
            "contactpersoon",
            "email",
            "invuldatum",
            "bestand",
        ),
    ),
    PERSONEEL: (
        "inlezen",
        (
            "aanbieder_id",
            "functie_nr",
            "functie",
            "schaal",
            "jaarsalaris",
            "vakantiegeld",
            "eindejaarsuitkering",
            "ort",
            "werkgeverslasten",
        ),
    ),
    INZET: ("inlezen", ("aanbieder_id", "productspecificatie", "functie_nr", "fte")),
    BOUWSTENEN: (
        "inlezen",
        (
            "aanbieder_id",
            "productspecificatie",
            "soort",
            "eenheid",
            "jaaruren",
            "verlof",
            "ziekte",
            "scholing",
            "overleg",
            "indirect",
            "reiskosten",
            "opleidingskosten",
            "overhead",
            "verplichtingen",
            "materieel",
            "huisvesting",
            "indexering",
            "risico",
            "groepsgrootte",
            "begeleiders",
            "personeelsuren",
            "bezettingsgraad",
            "voeding",
        ),
    ),
    REALISATIE_AANBIEDERS: (
        "inlezen",
        ("aanbieder_id", "productspecificatie", "kosten", "volume", "clienten"),
    ),
    KOSTPRIJZEN_AANBIEDERS: (
        "kostprijzen",
        (
            "aanbieder_id",
            "productspecificatie",
            "soort",
            "kostprijs_bouwstenen",
            "kostprijs_werkelijk",
            "volume",
            "afwijking_pct",
            "signaal",
            "toelichting",
            "uitgesloten",
        ),
    ),
    KOSTPRIJZEN_PRODUCT: (
        "kostprijzen",
        (
            "productspecificatie",
            "methode",
            "n",
            "kostprijs",
            "p25",
            "p75",
            "volume",
            "p25_venster",
            "p75_venster",
            "statistiek_toonbaar",
            "spreiding_toonbaar",
        ),
    ),
    DISCLOSURE: ("kostprijzen", ("rij", "kolom", "n", "status", "reden")),
}


def kolommen(tabel: str) -> list[str]:
    """The declared columns of the processed table `tabel` (a name in TABELLEN), in order."""
    return list(TABELLEN[tabel][1])


# tarieven_voorstel.csv is the one exception: a tariff list in the convention of the
# municipality's own tarieven_huidig.csv (";", decimal comma), read by the same reader
# (tarieflijst.lees_tarieven), so that an adviser can open it in Excel and copy it for
# `make scenario`.

# build/<jaar>/ and reports/<jaar>/
MANIFEST = "manifest.json"  # the run manifest
VERSIE = "versie.json"  # a published version of the inkooptafel reports
HASHES = ".hashes.json"  # cache of raw file hashes, keyed by their times
GEMEENTEN = "gemeenten"  # a region: one folder per member (reports), its notebooks (build)
PUBLICATIES = "publicaties"  # build/<jaar>/: the versions the inkooptafel and councils got
GEMEENTELIJST = "gemeenten.txt"  # build/<jaar>/: the members' reports of the last run
RAPPORTLIJST = "rapporten.txt"  # build/<jaar>/: the reports of the last run

# params/ and .kostprijs/
INDEXCIJFERS = "indexcijfers.yaml"  # the published index figures
METHODE = ".methode.json"  # after the year: the declared aggregation method
VOORBEELDPARAMETERS = ".voorbeeld.yaml"  # after the year: the synthetic sample's settings
DISCLOSURE_CONFIGURATIE = "disclosure.yaml"  # p, confidential, never committed


def realisatie(jaar: int) -> str:
    """The stem of the realisation of `jaar`."""
    return f"realisatie_{jaar}"


def celrealisatie(jaar: int) -> str:
    """The stem of the realisation linked to the cells of the result matrix."""
    return f"realisatie_cellen_{jaar}"


def patronen(stam: str) -> tuple[str, ...]:
    """Glob patterns of every accepted export of the table `stam` ('realisatie_[0-9]*' too)."""
    return tuple(f"{stam}{soort}" for soort in SOORTEN)


BERICHT_PATRONEN = (f"{BERICHTEN}/**/*{BERICHT_SOORT}",)


def tabel(raw: Path, stam: str) -> Path | None:
    """The one export of table `stam` in `raw` (.csv or .xlsx), None when there is none.

    Two exports of the same table are refused: which one holds the truth is not for the
    reader to guess.
    """
    gevonden = [Path(raw) / f"{stam}{soort}" for soort in SOORTEN]
    gevonden = [p for p in gevonden if p.is_file()]
    if len(gevonden) > 1:
        raise InvoerFout(
            f"er staan twee bestanden voor dezelfde tabel: {' en '.join(p.name for p in gevonden)}.",
            bestand=gevonden[0],
            actie="Laat er één over (verwijder of hernoem het andere).",
        )
    return gevonden[0] if gevonden else None


def tabel_pad(raw: Path, stam: str) -> Path:
    """`tabel`, or the .csv name when there is none (so a message names what is missing)."""
    return tabel(raw, stam) or Path(raw) / f"{stam}{SOORTEN[0]}"


def berichten(raw: Path) -> list[Path]:
    """The iWmo XML messages in `raw`/berichten (sorted, so every run reads them alike)."""
    map_ = Path(raw) / BERICHTEN
    return sorted(map_.rglob(f"*{BERICHT_SOORT}")) if map_.is_dir() else []


def soort(pad: Path) -> str | None:
    """The message type of an XML file at a glance (its BerichtCode), without parsing it:
    None when it is no WMO301 or WMO323. Reading it parses and checks it in full."""
    with open(pad, "rb") as f:
        kop = f.read(4096)
    gevonden = _CODE.search(kop)
    code = gevonden.group(1).decode() if gevonden else None
    return next((naam for naam, c in BERICHTCODES.items() if c == code), None)


def bron(raw: Path, stam: str, bericht: str) -> Path:
    """Where table `stam` comes from: its .csv/.xlsx export, or the berichten folder when that
    holds messages of type `bericht` (WMO301 or WMO323). Both at once are refused; neither
    gives the .csv name, so the message about it names what is missing."""
    tabel_ = tabel(raw, stam)
    soorten = {p: soort(p) for p in berichten(raw)}
    onbekend = [p for p, s in soorten.items() if s is None]
    if onbekend:
        raise InvoerFout(
            f"dit bestand is geen iWmo-bericht dat gelezen wordt (WMO301 met BerichtCode "
            f"{BERICHTCODES['WMO301']} of WMO323 met {BERICHTCODES['WMO323']}).",
            bestand=onbekend[0],
            actie=f"Haal het uit {BERICHTEN}/; daar staan alleen toewijzingen en declaraties.",
        )
    met_bericht = [p for p, s in soorten.items() if s == bericht]
    if tabel_ is not None and met_bericht:
        raise InvoerFout(
            f"er staan twee bronnen voor dezelfde gegevens: {tabel_.name} en "
            f"{len(met_bericht)} {bericht}-bericht(en) in {BERICHTEN}/ "
            f"(bijvoorbeeld {met_bericht[0].name}).",
            bestand=tabel_,
            actie="Laat er één over, zodat niets dubbel telt.",
        )
    return Path(raw) / BERICHTEN if met_bericht else tabel_pad(raw, stam)


def indicatiebron(raw: Path) -> Path:
    """The indications: indicaties.csv/.xlsx, or the WMO301 messages in berichten/."""
    return bron(raw, INDICATIES, "WMO301")


def realisatiebron(raw: Path, jaar: int) -> Path:
    """The realisation of `jaar`: realisatie_<jaar>.csv/.xlsx, or the WMO323 messages."""
    return bron(raw, realisatie(jaar), "WMO323")


def tarievenbron(raw: Path) -> Path:
    """The current tariff list: tarieven_huidig.csv/.xlsx."""
    return tabel_pad(raw, TARIEVEN_HUIDIG)


def cellenbron(raw: Path, jaar: int) -> Path:
    """The realisation linked to the cells of the result matrix."""
    return tabel_pad(raw, celrealisatie(jaar))


def ruwe_patronen(jaar_patroon: str = "[0-9]*") -> dict[str, tuple[str, ...]]:
    """Glob patterns of the raw files per kind, for fingerprinting the inputs of a step."""
    return {
        "indicaties": (*patronen(INDICATIES), *BERICHT_PATRONEN),
        "tarieven": patronen(TARIEVEN_HUIDIG),
        "realisatie": (*patronen(realisatie(jaar_patroon)), *BERICHT_PATRONEN),
        "cellen": patronen(celrealisatie(jaar_patroon)),
    }


def bestanden(bron_: Path) -> list[Path]:
    """The files behind a source: the file itself, or the messages of a berichten folder."""
    bron_ = Path(bron_)
    return sorted(bron_.rglob(f"*{BERICHT_SOORT}")) if bron_.is_dir() else [bron_]
