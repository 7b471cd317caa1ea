"""iWmo 3.2 messages read into the same tables as the CSV exports: WMO301 (toewijzing, the
indications) and WMO323 (declaratie, the realisation), from data/raw/<jaar>/berichten/.

Parsed with defusedxml, so entities and DTDs are refused, never expanded. A malformed file, a
message of another type or release, or a missing element is refused per file with a Dutch
message. In messages, 'rij n' is the n-th ToegewezenProduct or Prestatie of the file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import numpy as np
import pandas as pd
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse

from kostprijs.bestanden import catalogus
from kostprijs.budget.model import periode_weken
from kostprijs.fouten import InvoerFout
from kostprijs.parameters import Jaarparameters

BASIS = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
NAAMRUIMTE = {  # message -> (namespace, BerichtCode)
    naam: (f"http://www.istandaarden.nl/iwmo/3_2/{naam.lower()}/schema", code)
    for naam, code in catalogus.BERICHTCODES.items()
}
_TEKST = (
    "client",
    "productspecificatie",
    "productcode",
    "variant",
    "leveringsvorm",
    "indicatie_per_week",
)


def _open(pad: Path, bericht: str) -> tuple[Element, str]:
    """The root of a message of type `bericht`, and its namespace; InvoerFout otherwise."""
    try:
        wortel = parse(str(pad), forbid_dtd=True).getroot()
    except DefusedXmlException as exc:
        raise InvoerFout(
            f"het bericht bevat een DTD of entiteiten ({type(exc).__name__}); die worden uit "
            "veiligheid niet gelezen.",
            bestand=pad,
            actie="Lever het bericht aan zoals het iWmo-berichtenverkeer het verstuurt.",
        ) from exc
    except ParseError as exc:
        raise InvoerFout(
            f"het bestand is geen geldige XML ({exc}).",
            bestand=pad,
            actie="Lever het bericht opnieuw aan.",
        ) from exc
    ns, code = NAAMRUIMTE[bericht]
    if wortel.tag != f"{{{ns}}}Bericht" or _tekst(wortel, ns, "Header/BerichtCode") != code:
        andere = ", ".join(f"{n} ({c})" for n, (_, c) in NAAMRUIMTE.items())
        raise InvoerFout(
            f"onbekend berichttype: '{wortel.tag}'; gelezen worden iWmo 3.2-berichten {andere}.",
            bestand=pad,
            actie=f"Haal het bestand uit {catalogus.BERICHTEN}/.",
        )
    return wortel, ns


def _zoek(element: Element, ns: str, pad: str) -> Element | None:
    """The element at `pad` (names separated by /), each in the message's or the basisschema's
    namespace."""
    for naam in pad.split("/"):
        if element is None:
            return None
        gevonden = element.find(f"{{{ns}}}{naam}")
        element = element.find(f"{{{BASIS}}}{naam}") if gevonden is None else gevonden
    return element


def _tekst(element: Element, ns: str, pad: str) -> str:
    gevonden = _zoek(element, ns, pad)
    return (gevonden.text or "").strip() if gevonden is not None else ""


def _verplicht(element: Element, ns: str, pad: str, bestand: Path, rij: int) -> str:
    waarde = _tekst(element, ns, pad)
    if not waarde:
        raise InvoerFout(
            f"het element {pad} ontbreekt of is leeg.",
            bestand=bestand,
            rij=rij,
            kolom=pad.rsplit("/", 1)[-1],
            actie="Lever een volledig iWmo 3.2-bericht aan.",
        )
    return waarde


def _kinderen(element: Element | None, ns: str, naam: str) -> list[Element]:
    if element is None:
        return []
    return element.findall(f"{{{ns}}}{naam}") + element.findall(f"{{{BASIS}}}{naam}")


def _als_tabel(rijen: list[dict], kolommen: list[str], map_: Path) -> pd.DataFrame:
    df = pd.DataFrame(rijen, columns=[*kolommen, "_rij", "_bestand"], dtype=object)
    for k in kolommen:
        df[k] = df[k].fillna("")
    df["_rij"] = df["_rij"].astype(np.int64)
    df.attrs.update(
        bestand=str(map_),
        decimaalkomma=False,
        kolommen=[k for k in kolommen if (df[k] != "").any()],
        bevindingen=[],
        xlsx=False,
    )
    return df


def toewijzingen(map_: Path) -> pd.DataFrame:
    """The ToegewezenProducten of every WMO301 message in `map_` as the text table that
    `lees_tabel` gives for an indications export (client, productcode, omvang, eenheid,
    frequentie, begin, einde, toewijzing, aanbieder, _rij, _bestand). A toewijzing with a
    Budget instead of an Omvang is refused: a budget is no volume."""
    kolommen = [
        *_TEKST,
        "omvang",
        "eenheid",
        "frequentie",
        "begin",
        "einde",
        "toewijzing",
        "aanbieder",
    ]
    rijen = []
    for pad in _berichten(map_, "WMO301"):
        wortel, ns = _open(pad, "WMO301")
        aanbieder = _tekst(wortel, ns, "Header/Ontvanger")
        client = _zoek(wortel, ns, "Client")
        bsn = _verplicht(wortel, ns, "Client/Bsn", pad, 0) if client is not None else ""
        producten = _kinderen(
            _zoek(wortel, ns, "Client/ToegewezenProducten"), ns, "ToegewezenProduct"
        )
        for n, tp in enumerate(producten, start=1):
            if _zoek(tp, ns, "Omvang") is None:
                raise InvoerFout(
                    "deze toewijzing heeft geen Omvang (volume, eenheid, frequentie), "
                    "bijvoorbeeld omdat ze een budget toewijst; die telt niet als indicatie.",
                    bestand=pad,
                    rij=n,
                    kolom="Omvang",
                    actie="Lever de indicatie met omvang aan, of laat dit bericht weg.",
                )
            rijen.append(
                {
                    "client": bsn,
                    "productcode": _verplicht(tp, ns, "Product/Code", pad, n),
                    "omvang": _verplicht(tp, ns, "Omvang/Volume", pad, n),
                    "eenheid": _verplicht(tp, ns, "Omvang/Eenheid", pad, n),
                    "frequentie": _verplicht(tp, ns, "Omvang/Frequentie", pad, n),
                    "begin": _verplicht(tp, ns, "Ingangsdatum", pad, n),
                    "einde": _tekst(tp, ns, "Einddatum"),
                    "toewijzing": _verplicht(tp, ns, "ToewijzingNummer", pad, n),
                    "aanbieder": aanbieder,
                    "_rij": n,
                    "_bestand": str(pad),
                }
            )
    return _als_tabel(rijen, kolommen, map_)


def declaraties(map_: Path, params: Jaarparameters) -> pd.DataFrame:
    """The Prestaties of every WMO323 message in `map_` as the text table of a realisation
    export (client, productcode, periode, volume, eenheid, toewijzing, aanbieder, _rij,
    _bestand). The periode is the facturatieperiode of the realisatiejaar in which the
    ProductPeriode lies; a Prestatie across two periods or outside the year is refused. A
    credit (DebetCredit C) has a negative volume."""
    kolommen = [*_TEKST, "periode", "volume", "eenheid", "toewijzing", "aanbieder"]
    jaar, perioden = params.realisatiejaar, params.budget.perioden_per_jaar
    rijen = []
    for pad in _berichten(map_, "WMO323"):
        wortel, ns = _open(pad, "WMO323")
        aanbieder = _tekst(wortel, ns, "Header/Afzender")
        n = 0
        for client in _kinderen(_zoek(wortel, ns, "Declaratie/Clienten"), ns, "Client"):
            for prestatie in _kinderen(_zoek(client, ns, "Prestaties"), ns, "Prestatie"):
                n += 1
                bsn = _verplicht(client, ns, "Bsn", pad, n)
                begin = _datum(
                    _verplicht(prestatie, ns, "ProductPeriode/Begindatum", pad, n), pad, n
                )
                einde = _datum(
                    _verplicht(prestatie, ns, "ProductPeriode/Einddatum", pad, n), pad, n
                )
                periode = periode_van(begin, jaar, perioden)
                if periode is None or periode != periode_van(einde, jaar, perioden):
                    raise InvoerFout(
                        f"de ProductPeriode {begin:%d-%m-%Y} t/m {einde:%d-%m-%Y} valt niet in "
                        f"één facturatieperiode van {jaar}.",
                        bestand=pad,
                        rij=n,
                        kolom="ProductPeriode",
                        actie="Lever een declaratie per facturatieperiode aan.",
                    )
                volume = _verplicht(prestatie, ns, "GeleverdVolume", pad, n)
                credit = _tekst(prestatie, ns, "IngediendBedrag/DebetCredit").upper() == "C"
                rijen.append(
                    {
                        "client": bsn,
                        "productcode": _verplicht(prestatie, ns, "ProductCode", pad, n),
                        "periode": str(periode),
                        "volume": f"-{volume}" if credit and not volume.startswith("-") else volume,
                        "eenheid": _verplicht(prestatie, ns, "Eenheid", pad, n),
                        "toewijzing": _tekst(prestatie, ns, "ToewijzingNummer"),
                        "aanbieder": aanbieder,
                        "_rij": n,
                        "_bestand": str(pad),
                    }
                )
    return _als_tabel(rijen, kolommen, map_)


def _berichten(map_: Path, bericht: str) -> list[Path]:
    """The message files of type `bericht` in `map_`; a file of no known type is refused."""
    paden = sorted(Path(map_).rglob(f"*{catalogus.BERICHT_SOORT}"))
    gekozen = []
    for pad in paden:
        gevonden = catalogus.soort(pad)
        if gevonden is None:
            _open(pad, bericht)  # names what is wrong with it
        if gevonden == bericht:
            gekozen.append(pad)
    if not gekozen:
        raise InvoerFout(
            f"de map bevat geen {bericht}-berichten.", bestand=map_, actie="Zie docs/gegevens.md."
        )
    return gekozen


def _datum(tekst: str, pad: Path, rij: int) -> dt.date:
    try:
        return dt.date.fromisoformat(tekst[:10])
    except ValueError:
        raise InvoerFout(f"'{tekst}' is geen datum (JJJJ-MM-DD).", bestand=pad, rij=rij) from None


def periode_van(datum: dt.date, jaar: int, perioden: int) -> int | None:
    """The facturatieperiode (1 to `perioden`) of `jaar` in which `datum` lies: the month
    with 12 periods, else periods of ISO weeks (4 each, the last one the rest); None when
    the date lies outside the year."""
    if perioden == 12:
        return datum.month if datum.year == jaar else None
    iso_jaar, week, _ = datum.isocalendar()
    if iso_jaar != jaar:
        return None
    grens = np.cumsum(periode_weken(jaar, perioden))
    return int(np.searchsorted(grens, week) + 1)
