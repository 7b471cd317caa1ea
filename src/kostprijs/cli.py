"""The `kostprijs` command: thin Dutch subcommands over the package.

Every expected problem ends as a Dutch message on stderr and a non-zero exit code,
never as a traceback, and never leaves a half-written output file.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from kostprijs.argumenten import NederlandseParser
from kostprijs.fouten import InvoerFout, KostprijsFout

# --- subcommands ---------------------------------------------------------------------------


def _voorbeeld(args: argparse.Namespace) -> int:
    from kostprijs.paden import DATA_RAW
    from kostprijs.parameters import laad_parameters
    from kostprijs.voorbeeld.gegevens import schrijf_voorbeeld

    params = laad_parameters(args.jaar)
    map_ = Path(args.map) if args.map else DATA_RAW / str(args.jaar)
    geschreven = schrijf_voorbeeld(params, map_)
    print(f"Synthetische voorbeelddata geschreven naar {map_} ({len(geschreven)} bestanden).")
    return 0


def _budget(args: argparse.Namespace) -> int:
    from kostprijs.budget.impact import begroot
    from kostprijs.budget.uitvoer import clienten_tabel, regels_tabel, schrijf_budget
    from kostprijs.paden import nieuwste_jaar
    from kostprijs.parameters import laad_parameters
    from kostprijs.rapport.teksten.budgetoverzicht import samenvatting

    params = laad_parameters(args.jaar or nieuwste_jaar())
    uit = Path(args.uit)
    if uit.suffix.lower() not in (".xlsx", ".csv"):
        raise InvoerFout("de uitvoer moet eindigen op .xlsx of .csv.", bestand=uit)
    gebruiksfactor = _factor(args.gebruiksfactor, params.budget) if args.gebruiksfactor else None
    if not args.jaar:
        print(
            f"Parameters van tariefjaar {params.jaar} ({params.bron.name}, het nieuwste); "
            "een ander jaar kiest u met --jaar."
        )
    b = begroot(params, Path(args.indicaties), Path(args.tarieven), gebruiksfactor)
    schrijf_budget(
        lambda: regels_tabel(b.regels, b.indicaties), clienten_tabel(b.clienten, params), uit
    )
    print(samenvatting(b, params, gebruiksfactor, Path(args.tarieven)))
    print(f"Geschreven: {uit}")
    return 0


def _vergelijk(args: argparse.Namespace) -> int:
    import pandas as pd

    from kostprijs.budget.uitvoer import schrijf_xlsx
    from kostprijs.fouten import ConfiguratieFout
    from kostprijs.onderzoek.tarieven import lees_kostprijzen, vergelijk
    from kostprijs.paden import nieuwste_jaar
    from kostprijs.parameters import ZIN, laad_parameters
    from kostprijs.rapport.teksten.vergelijkingsteksten import uitkomsten
    from kostprijs.tarieflijst import lees_tarieven

    params = laad_parameters(args.jaar or nieuwste_jaar())
    if params.kostprijs is None:
        raise ConfiguratieFout(f"{params.bron.name} mist de sectie 'kostprijs' met de drempels.")
    uit = Path(args.uit)
    if uit.suffix.lower() != ".xlsx":
        raise InvoerFout("de uitvoer moet eindigen op .xlsx.", bestand=uit)
    tarieven = lees_tarieven(Path(args.tarieven), params, meerdere=True)
    kostprijzen = lees_kostprijzen(Path(args.kostprijzen), params.catalogus)
    tabel = vergelijk(
        tarieven[tarieven["leveringsvorm"] == ZIN],
        kostprijzen,
        params.kostprijs.tolerantie_gelijk,
        params.catalogus,
    )
    bullets = uitkomsten(tabel, params.kostprijs)
    blad = tabel[["regel", "huidig_tarief", "kostprijs", "verschil", "verschil_pct", "richting"]]
    schrijf_xlsx(
        {
            "vergelijking": blad.rename(columns={"regel": "productspecificatie"}),
            "uitkomsten": pd.DataFrame({"uitkomst": bullets}),
        },
        uit,
    )
    print("Uitkomsten:")
    for bullet in bullets:
        print(f"- {bullet}")
    print(f"Geschreven: {uit}")
    return 0


def _resultaattarieven(args: argparse.Namespace) -> int:
    from kostprijs.budget.uitvoer import matrixtabel, schrijf_resultaattarieven
    from kostprijs.geld import centen
    from kostprijs.onderzoek.tarieven import lees_kostprijzen
    from kostprijs.paden import jaren
    from kostprijs.parameters import laad_parameters
    from kostprijs.rapport.teksten.resultaatteksten import toelichting
    from kostprijs.resultaat.celrealisatie import lees_celrealisatie
    from kostprijs.resultaat.celtarieven import bereken_resultaattarieven

    if args.jaar is None:
        met_matrix = [j for j in jaren() if laad_parameters(j).resultaat is not None]
        if not met_matrix:
            raise InvoerFout(
                "geen parameterbestand heeft een sectie 'resultaatfinanciering'.",
                actie="Beschrijf de matrix in params/<jaar>.yaml en geef --jaar op.",
            )
        args.jaar = met_matrix[-1]
    params = laad_parameters(args.jaar)
    uit = Path(args.uit)
    if uit.suffix.lower() not in (".xlsx", ".csv"):
        raise InvoerFout("de uitvoer moet eindigen op .xlsx of .csv.", bestand=uit)
    regels = lees_celrealisatie(Path(args.realisatie), params, args.per)
    regels.attrs.pop("clienten")  # the identifiers never travel with the lines
    kostprijzen = lees_kostprijzen(Path(args.kostprijzen), params.catalogus)
    gebruikt = set(regels["productspecificatie"].unique())
    ontbreekt = sorted(gebruikt - set(kostprijzen["productspecificatie"]))
    if ontbreekt:
        raise InvoerFout(
            f"geen kostprijs voor {', '.join(ontbreekt)}, dat in de realisatie staat.",
            bestand=Path(args.kostprijzen),
            actie="Geef voor elk product in de realisatie een kostprijs per eenheid.",
        )
    uitkomst = bereken_resultaattarieven(
        regels,
        {
            p: centen(k)
            for p, k in zip(
                kostprijzen["productspecificatie"], kostprijzen["kostprijs"], strict=True
            )
        },
        params.resultaat,
        params.budget.perioden_per_jaar,
        args.per,
    )
    schrijf_resultaattarieven(matrixtabel(uitkomst), toelichting(params, uitkomst), uit)
    zonder = int(uitkomst.matrix["tarief_centen"].isna().sum())
    print(
        f"{len(uitkomst.matrix)} cellen, {len(regels)} realisatieregels, "
        f"tarief per {uitkomst.per}"
        + (f"; {zonder} cel(len) zonder tarief (te weinig cliënten)" if zonder else "")
        + f". Geschreven: {uit}"
    )
    return 0


def _controleer(args: argparse.Namespace) -> int:
    from kostprijs.stappen import controlestap

    print(controlestap.draai(args.jaar, args.raw, args.uit, args.processed))
    return 0


def _factor(tekst: str, budget):

    from kostprijs.bestanden.getallen import lees_getal

    waarde = lees_getal(tekst, decimaalkomma="," in tekst)
    if waarde is None:
        raise InvoerFout(f"--gebruiksfactor '{tekst}' is geen getal; gebruik bijvoorbeeld 0.65.")
    dataclasses.replace(budget, gebruiksfactor=waarde)  # validates range and decimals
    return waarde


def _rapporten(args: argparse.Namespace) -> int:
    from kostprijs.stappen import rapportstap

    print(
        rapportstap.draai(
            args.jaar, args.manifest, args.build, args.uit, args.lijst, args.raw, args.processed
        )
    )
    return 0


def _scenario(args: argparse.Namespace) -> int:
    from kostprijs.paden import BUILD, REPORTS, processed_map, raw_map
    from kostprijs.rapport.eigen_scenario import maak_scenario

    naam = args.naam or Path(args.tarieven).stem.replace("_", " ")
    uit = maak_scenario(
        args.jaar,
        Path(args.tarieven),
        naam,
        raw=raw_map(args.jaar, args.raw or ""),
        processed=processed_map(args.jaar, args.processed or ""),
        build=Path(args.build) if args.build else BUILD / str(args.jaar),
        reports=Path(args.reports) if args.reports else REPORTS / str(args.jaar),
    )
    print(f"Eigen scenario '{naam}' (run {uit.run_id}): {uit.html}, {uit.xlsx}, {uit.manifest}")
    return 0


def _publiceer(args: argparse.Namespace) -> int:
    from kostprijs.bestanden.catalogus import PUBLICATIES
    from kostprijs.paden import BUILD
    from kostprijs.parameters import laad_parameters
    from kostprijs.publicatie.versies import lidrapport, publiceer
    from kostprijs.rapport.register import INKOOPTAFEL, rapporten

    map_ = Path(args.publicaties) if args.publicaties else BUILD / str(args.jaar) / PUBLICATIES
    namen = [r.naam for r in rapporten(args.jaar) if r.doelgroep == INKOOPTAFEL]
    regio = laad_parameters(args.jaar).regio
    namen += [lidrapport(g.map) for g in regio.gemeenten] if regio is not None else []
    doel = publiceer(map_, namen)
    print(f"Vastgelegd als de versie die de inkooptafel kreeg: {doel}")
    return 0


def _sjabloon(args: argparse.Namespace) -> int:
    from kostprijs.parameters import laad_parameters
    from kostprijs.sjabloon.schrijven import schrijf_sjabloon

    pad = schrijf_sjabloon(laad_parameters(args.jaar), Path(args.uit))
    print(f"Kostprijssjabloon {args.jaar} geschreven naar {pad}.")
    return 0


def _inlezen(args: argparse.Namespace) -> int:
    from kostprijs.stappen import inleesstap

    print(
        inleesstap.draai(
            args.jaar, args.map, args.uit, stil=args.stil, bevestigingen=args.bevestigingen
        )
    )
    return 0


def _kostprijzen(args: argparse.Namespace) -> int:
    from kostprijs.stappen import kostprijsstap

    print(kostprijsstap.draai(args.jaar, args.raw, args.processed))
    return 0


def _budgetimpact(args: argparse.Namespace) -> int:
    from kostprijs.stappen import budgetstap

    print(budgetstap.draai(args.jaar, args.raw, args.processed))
    return 0


def _rekenblad(args: argparse.Namespace) -> int:
    from kostprijs.stappen import rekenbladstap

    print(rekenbladstap.draai(args.jaar, args.manifest, args.uit, args.processed))
    return 0


def _gemeenterapporten(args: argparse.Namespace) -> int:
    from kostprijs.stappen import gemeentestap

    print(
        gemeentestap.draai(args.jaar, args.manifest, args.uit, args.lijst, args.raw, args.processed)
    )
    return 0


def _resultaatstap(args: argparse.Namespace) -> int:
    from kostprijs.stappen import resultaatstap

    print(resultaatstap.draai(args.jaar, args.raw, args.processed))
    return 0


def _vastleggen(args: argparse.Namespace) -> int:
    from kostprijs.onderzoek.methode import Declaratie, schrijf_declaratie
    from kostprijs.paden import methode_pad
    from kostprijs.parameters import laad_parameters
    from kostprijs.rapport.teksten.methodeteksten import omschrijving

    params = laad_parameters(args.jaar)
    pad = methode_pad(args.jaar)
    declaratie = Declaratie.uit_parameters(params.kostprijs)
    if pad.exists():
        raise KostprijsFout(
            f"{pad} bestaat al: de methode is al vastgelegd en wordt niet overschreven. Een "
            "wijziging na de inzendingen hoort zichtbaar te blijven in de rapporten."
        )
    schrijf_declaratie(pad, declaratie)
    print(
        f"Methode vastgelegd in {pad}: {omschrijving(declaratie)} (kenmerk {declaratie.sha256[:12]})."
    )
    print("Commit dit bestand vóór de inzendingen binnenkomen.")
    return 0


def _indexatie(args: argparse.Namespace) -> int:
    from kostprijs.fouten import ConfiguratieFout
    from kostprijs.indexatie import Indexatiekeuze, indexketen, lees_indexcijfers
    from kostprijs.paden import parameters_pad
    from kostprijs.parameters import laad_parameters
    from kostprijs.rapport.indexatieverslag import cijferverslag, ketenverslag
    from kostprijs.sjabloon.toelichting import boekjaar

    cijfers = lees_indexcijfers()
    heeft_params = parameters_pad(args.jaar).exists()
    if args.jaar not in cijfers and not heeft_params:
        jaren = ", ".join(map(str, cijfers)) or "geen"
        raise ConfiguratieFout(
            f"Voor {args.jaar} staat geen indexcijfer in params/indexcijfers.yaml en er is geen "
            f"params/{args.jaar}.yaml. Jaren met een cijfer: {jaren}."
        )
    if args.jaar in cijfers:
        print("\n".join(cijferverslag(cijfers[args.jaar])))
    else:
        print(f"Voor {args.jaar} staat (nog) geen indexcijfer in params/indexcijfers.yaml.")
    if heeft_params:
        params = laad_parameters(args.jaar)
        keuze = params.kostprijs.indexatie if params.kostprijs else None
        keten = indexketen(boekjaar(params), args.jaar, cijfers, keuze or Indexatiekeuze("vng"))
        print("\n".join(ketenverslag(keten)))
    return 0


def _sleutel(args: argparse.Namespace) -> int:
    from kostprijs.herkomst.pseudoniem import maak_sleutel

    pad = maak_sleutel()
    print(
        f"Nieuwe sleutel voor het pseudonimiseren van cliëntnummers geschreven naar {pad}.\n"
        "Deze sleutel hoort nooit in git (de map .kostprijs/ wordt genegeerd) en niet in een "
        "rapport. Maak een reservekopie buiten de repository, op een veilige plek: met een "
        "andere sleutel krijgen cliënten andere pseudoniemen."
    )
    return 0


def _manifest(args: argparse.Namespace) -> int:
    from kostprijs.stappen import manifeststap

    if args.voltooi:
        print(manifeststap.voltooi(args.voltooi, args.uit))
    elif args.jaar is None or args.raw is None:
        raise InvoerFout("geef --jaar en --raw (of --voltooi met het manifest van de start).")
    else:
        print(manifeststap.draai(args.jaar, args.raw, args.uit))
    return 0


def maak_parser() -> argparse.ArgumentParser:
    parser = NederlandseParser(
        prog="kostprijs",
        description="Reële kostprijs-onderzoek Wmo-begeleiding.",
    )
    sub = parser.add_subparsers(dest="opdracht", metavar="OPDRACHT", required=True)

    p = sub.add_parser("voorbeeld", help="schrijf synthetische voorbeelddata voor een jaar")
    p.add_argument("--jaar", type=int, required=True)
    p.add_argument("--map", help="doelmap (standaard data/raw/<jaar>); moet leeg of nieuw zijn")
    p.set_defaults(functie=_voorbeeld)

    p = sub.add_parser(
        "controleer", help="controleer parameters en ruwe gegevens voordat er iets berekend wordt"
    )
    p.add_argument("--jaar", type=int, required=True)
    p.add_argument("--raw", help="map met ruwe gegevens (standaard data/raw/<jaar>)")
    p.add_argument("--uit", help="schrijf het verslag ook naar dit bestand")
    p.add_argument(
        "--processed",
        help="bewaar de gelezen gemeentegegevens in deze map voor de volgende stappen (make "
        "report doet dat); zonder deze optie wordt alleen gecontroleerd",
    )
    p.set_defaults(functie=_controleer)

    p = sub.add_parser("budget", help="bereken het bedrag (en periodebudget) per cliënt")
    p.add_argument("--indicaties", required=True, help=".csv of .xlsx met indicaties")
    p.add_argument("--tarieven", required=True, help=".csv of .xlsx met tarieven")
    p.add_argument(
        "--gebruiksfactor", default=None, help="bijvoorbeeld 0.65 (standaard uit de parameters)"
    )
    p.add_argument(
        "--jaar", type=int, default=None, help="jaar van de parameters (standaard: nieuwste)"
    )
    p.add_argument("--uit", required=True, help="uitvoer: .xlsx (twee bladen) of .csv (cliënten)")
    p.set_defaults(functie=_budget)

    p = sub.add_parser("vergelijk", help="vergelijk huidige tarieven met kostprijzen")
    p.add_argument(
        "--tarieven", required=True, help=".csv of .xlsx: productspecificatie, eenheid, tarief"
    )
    p.add_argument(
        "--kostprijzen", required=True, help=".csv of .xlsx: productspecificatie, kostprijs"
    )
    p.add_argument(
        "--jaar", type=int, default=None, help="jaar van de parameters (standaard: nieuwste)"
    )
    p.add_argument("--uit", required=True, help="uitvoer: .xlsx (bladen vergelijking, uitkomsten)")
    p.set_defaults(functie=_vergelijk)

    p = sub.add_parser(
        "resultaattarieven", help="tarief per cel van de matrix resultaatgebied × zelfredzaamheid"
    )
    p.add_argument(
        "--realisatie",
        required=True,
        help=".csv of .xlsx: client, resultaatgebied, zelfredzaamheid, periode, "
        "productspecificatie, geleverd",
    )
    p.add_argument(
        "--kostprijzen", required=True, help=".csv of .xlsx: productspecificatie, kostprijs"
    )
    p.add_argument(
        "--jaar",
        type=int,
        default=None,
        help="jaar van de parameters (standaard: het nieuwste met een matrix)",
    )
    p.add_argument(
        "--per",
        choices=["periode", "traject"],
        default=None,
        help="tarief per periode of per traject (standaard uit de parameters)",
    )
    p.add_argument("--uit", required=True, help="uitvoer: .xlsx (matrix, toelichting) of .csv")
    p.set_defaults(functie=_resultaattarieven)

    p = sub.add_parser(
        "rapporten",
        help="voer de notebooks uit en schrijf de rapporten als HTML en .xlsx (voor make report)",
    )
    p.add_argument("--jaar", type=int, required=True)
    p.add_argument("--raw", required=True)
    p.add_argument(
        "--processed", help="map met verwerkte gegevens (standaard data/processed/<jaar>)"
    )
    p.add_argument("--manifest", required=True, help="runmanifest: de gegevens horen bij deze run")
    p.add_argument("--build", required=True, help="map voor de uitgevoerde notebooks")
    p.add_argument("--uit", required=True, help="map van de rapporten (reports/<jaar>)")
    p.add_argument("--lijst", required=True, help="bestand met de lijst van geschreven rapporten")
    p.set_defaults(functie=_rapporten)

    p = sub.add_parser(
        "rekenblad",
        help="schrijf het rekenblad (wat-als-werkmap) voor de inkooptafel uit de budgetimpact",
    )
    p.add_argument("--jaar", type=int, required=True)
    p.add_argument(
        "--processed", help="map met verwerkte gegevens (standaard data/processed/<jaar>)"
    )
    p.add_argument("--manifest", required=True, help="runmanifest: het rekenblad noemt de run")
    p.add_argument("--uit", required=True, help="doelbestand, bijvoorbeeld rekenblad.xlsx")
    p.set_defaults(functie=_rekenblad)

    p = sub.add_parser(
        "gemeenterapporten",
        help="een regio: schrijf het budgetrapport van elke gemeente (reports/<jaar>/gemeenten/)",
    )
    p.add_argument("--jaar", type=int, required=True)
    p.add_argument("--raw", help="map met ruwe gegevens (standaard data/raw/<jaar>)")
    p.add_argument(
        "--processed", help="map met verwerkte gegevens (standaard data/processed/<jaar>)"
    )
    p.add_argument("--manifest", required=True, help="runmanifest van de run")
    p.add_argument("--uit", required=True, help="doelmap, bijvoorbeeld reports/2029/gemeenten")
    p.add_argument("--lijst", required=True, help="lijst van de geschreven rapporten (build/)")
    p.set_defaults(functie=_gemeenterapporten)

    p = sub.add_parser(
        "publiceer",
        help="leg vast dat de rapporten voor de inkooptafel zijn verstuurd (een versie)",
    )
    p.add_argument("--jaar", type=int, required=True)
    p.add_argument("--publicaties", help="map met de versies (standaard build/<jaar>/publicaties)")
    p.set_defaults(functie=_publiceer)

    p = sub.add_parser(
        "scenario",
        help="budgetrapport van een eigen tarievenbestand, als benoemd scenario naast de rapporten",
    )
    p.add_argument("--jaar", type=int, required=True)
    p.add_argument("--tarieven", required=True, help=".csv of .xlsx met de eigen tarieven")
    p.add_argument("--naam", help="naam van het scenario (standaard de bestandsnaam)")
    p.add_argument("--raw", help="map met ruwe gegevens (standaard data/raw/<jaar>)")
    p.add_argument(
        "--processed", help="map met verwerkte gegevens (standaard data/processed/<jaar>)"
    )
    p.add_argument("--build", help="werkmap van de run (standaard build/<jaar>)")
    p.add_argument("--reports", help="rapportmap van het jaar (standaard reports/<jaar>)")
    p.set_defaults(functie=_scenario)

    p = sub.add_parser("sjabloon", help="schrijf het kostprijssjabloon voor aanbieders")
    p.add_argument("--jaar", type=int, required=True)
    p.add_argument("--uit", required=True, help="doelbestand, bijvoorbeeld sjabloon_2027.xlsx")
    p.set_defaults(functie=_sjabloon)

    p = sub.add_parser(
        "inlezen", help="lees en controleer de ingeleverde kostprijssjablonen van aanbieders"
    )
    p.add_argument("--jaar", type=int, required=True)
    p.add_argument("--map", help="map met de werkmappen (standaard data/raw/<jaar>/aanbieders)")
    p.add_argument("--uit", help="uitvoermap (standaard data/processed/<jaar>)")
    p.add_argument("--stil", action="store_true", help="geen voortgang tonen")
    p.add_argument(
        "--bevestigingen",
        metavar="PAD",
        help="door de gemeente bevestigde waarden (CSV: kvk;blad;cel;waarde;reden); "
        "standaard bevestigingen.csv naast de map met werkmappen, als die bestaat",
    )
    p.set_defaults(functie=_inlezen)

    p = sub.add_parser(
        "kostprijzen", help="bereken kostprijzen, gemiddelden en voorgestelde tarieven"
    )
    p.add_argument("--jaar", type=int, required=True)
    p.add_argument(
        "--processed", help="map met ingelezen gegevens (standaard data/processed/<jaar>)"
    )
    p.add_argument("--raw", help="map met ruwe gegevens (standaard data/raw/<jaar>)")
    p.set_defaults(functie=_kostprijzen)

    p = sub.add_parser(
        "budgetimpact",
        help="bereken de budgetimpact van de voorgestelde tarieven (voor de rapporten)",
    )
    p.add_argument("--jaar", type=int, required=True)
    p.add_argument(
        "--processed", help="map met verwerkte gegevens (standaard data/processed/<jaar>)"
    )
    p.add_argument("--raw", help="map met ruwe gegevens (standaard data/raw/<jaar>)")
    p.set_defaults(functie=_budgetimpact)

    p = sub.add_parser(
        "resultaatstap",
        help="bereken de resultaattarieven uit de realisatie met cellen en de kostprijzen "
        "(voor de rapporten)",
    )
    p.add_argument("--jaar", type=int, required=True)
    p.add_argument(
        "--processed", help="map met verwerkte gegevens (standaard data/processed/<jaar>)"
    )
    p.add_argument("--raw", help="map met ruwe gegevens (standaard data/raw/<jaar>)")
    p.set_defaults(functie=_resultaatstap)

    p = sub.add_parser(
        "vastleggen", help="leg de kostprijsmethode van een jaar vast, vóór de inzendingen"
    )
    p.add_argument("--jaar", type=int, required=True)
    p.set_defaults(functie=_vastleggen)

    p = sub.add_parser(
        "indexatie",
        help="toon het indexcijfer van een jaar met zijn onderdelen, en de keten naar dat jaar",
    )
    p.add_argument("--jaar", type=int, required=True)
    p.set_defaults(functie=_indexatie)

    p = sub.add_parser("sleutel", help="maak de sleutel voor het pseudonimiseren van cliëntnummers")
    p.set_defaults(functie=_sleutel)

    p = sub.add_parser("manifest", help="schrijf het runmanifest: invoer, parameters, versies")
    p.add_argument("--jaar", type=int)
    p.add_argument("--raw", help="map met ruwe gegevens")
    p.add_argument("--uit", required=True, help="doelbestand (.json)")
    p.add_argument("--voltooi", metavar="MANIFEST", help="kopieer dit manifest met de eindtijd")
    p.set_defaults(functie=_manifest)

    return parser


def main(argv: list[str] | None = None) -> int:
    parser = maak_parser()
    args = parser.parse_args(argv)
    try:
        return args.functie(args)
    except KostprijsFout as fout:
        print(f"Fout: {fout}", file=sys.stderr)
        return fout.exitcode
    except KeyboardInterrupt:
        print("Afgebroken; er is geen half geschreven uitvoer achtergebleven.", file=sys.stderr)
        return 130
