"""The budget report of one member of a region, for its council
(reports/<jaar>/gemeenten/<gemeente>/budget.html): the region's tarieven on the member's own
indications and realisation, under the region's disclosure control
(`publicatie.gemeentecijfers`), and the region's table per member (in the region's report)."""

from __future__ import annotations

from decimal import Decimal

from kostprijs.fouten import ConfiguratieFout
from kostprijs.onderzoek.onthulling import MARKER
from kostprijs.opmaak import euro, procent
from kostprijs.publicatie import gemeentecijfers, scenariocijfers
from kostprijs.rapport import teksten
from kostprijs.rapport.start import Rapport
from kostprijs.rapport.teksten import gemeenteteksten
from kostprijs.rapport.weergave import Html, Kern, Tabel, Voetnoot


def _lid(r: Rapport, gemeente: str) -> str:
    regio = r.params.regio
    if regio is not None and not gemeente:  # in JupyterLab: the first member
        return regio.gemeenten[0].naam
    if regio is None or regio.plek(gemeente) is None:
        leden = ", ".join(regio.namen) if regio else "geen: de parameters hebben geen regio"
        raise ConfiguratieFout(
            f"'{gemeente}' is geen gemeente van de regio in {r.params.bron.name} (gemeenten: "
            f"{leden}). Geef de naam zoals in de sectie regio staat."
        )
    return regio.gemeenten[regio.plek(gemeente)].naam


def _x_tabel(r: Rapport, df, formaten: dict, titel: str, blad: str) -> Tabel:
    """A table per member; with hidden cells, the note says why they are hidden."""
    verborgen = (df.astype(object) == MARKER).any(axis=None)
    voetnoot = gemeenteteksten.voetnoot_x(r.gemeenten.minimum_clienten) if verborgen else None
    return Tabel(df, formaten, titel=titel, voetnoot=voetnoot, blad=blad)


def _toont(r: Rapport, gemeente: str) -> bool:
    return r.gemeenten.toont(_lid(r, gemeente))


def kop(r: Rapport, gemeente: str) -> list:
    naam, p = _lid(r, gemeente), r.params
    uit = [
        f"# Budgetimpact {r.jaar}: {naam}\n\n"
        + gemeenteteksten.inleiding(naam, p.regio.naam, len(p.regio.gemeenten), r.jaar)
        + " "
        + teksten.bekostiging(p),
        Html(r.kop),
    ]
    if not _toont(r, naam):
        reden = r.gemeenten.verborgen[naam]
        return [
            *uit,
            Kern(
                "Kern",
                zin=gemeenteteksten.verborgen(naam, reden, r.gemeenten.minimum_clienten, r.jaar),
            ),
        ]
    g = gemeentecijfers.rij(r.budget, naam)
    punten = gemeenteteksten.kern(
        int(g["clienten"]),
        r.jaar,
        None
        if r.geheim or gemeentecijfers.basis_geheim(r.budget, r.verborgen)
        else (int(g["nieuw_alle_centen"]), int(g["huidig_basis_centen"])),
        None if naam in r.gemeenten.bestaand_verborgen else int(g["realisatie_centen"]),
        p.realisatiejaar,
        bool(r.budget.nieuwe_producten),
    )
    return [*uit, Kern("Kern", tuple(punten))]


def kosten(r: Rapport, gemeente: str) -> list | None:
    naam = _lid(r, gemeente)
    if not _toont(r, naam):
        return None
    tabel = gemeentecijfers.kosten_tabel(
        r.budget,
        naam,
        r.params.realisatiejaar,
        r.geheim,
        r.gemeenten,
        r.params.budget.weken_per_jaar,
    )
    return [
        "## Kosten per jaar",
        gemeenteteksten.kosten(teksten.gebruiksfactor(r.params), r.params.realisatiejaar),
        _x_tabel(
            r,
            tabel,
            {k: "centen_heel" for k in tabel.columns[1:]},
            "Kosten per jaar",
            "Kosten per jaar",
        ),
    ]


def scenarios(r: Rapport, gemeente: str) -> list | None:
    naam = _lid(r, gemeente)
    if not _toont(r, naam):
        return None
    geheim = scenariocijfers.geheime_scenarios(r.budget, r.verborgen)
    return [
        "## Tariefscenario's",
        "De scenario's van de regio, met de indicaties van deze gemeente.",
        Tabel(
            gemeentecijfers.scenario_tabel(
                r.budget, naam, geheim, gemeentecijfers.basis_geheim(r.budget, r.verborgen)
            ),
            scenariocijfers.FORMATEN,
            titel="Kosten per jaar per scenario",
            blad="Scenario's",
        ),
    ]


def gevoeligheid(r: Rapport, gemeente: str) -> list | None:
    naam = _lid(r, gemeente)
    if not _toont(r, naam):
        return None
    tabel = gemeentecijfers.gevoeligheid_tabel(r.budget, naam, r.geheim)
    return [
        "## Gevoeligheid voor de gebruiksfactor",
        Tabel(
            tabel.rename(columns={"gebruiksfactor": "Gebruiksfactor"}),
            {
                "Gebruiksfactor": "procent",
                "nieuwe tarieven": "centen_heel",
                "huidige tarieven": "centen_heel",
            },
            titel="Kosten per jaar bij verschillende gebruiksfactoren",
            blad="Gevoeligheid",
        ),
    ]


def gebruik(r: Rapport, gemeente: str) -> list | None:
    naam, p = _lid(r, gemeente), r.params
    if not _toont(r, naam):
        return None
    g = gemeentecijfers.rij(r.budget, naam)
    if naam in r.gemeenten.bestaand_verborgen:
        return [
            "## Werkelijk gebruik",
            gemeenteteksten.gebruik_verborgen(r.gemeenten.minimum_clienten, p.realisatiejaar),
        ]
    gemeten = float(g["gebruiksfactor_gewogen"])
    if gemeten != gemeten:  # no realisation of existing clients
        return ["## Werkelijk gebruik", gemeenteteksten.geen_realisatie(p.realisatiejaar)]
    uit = [
        "## Werkelijk gebruik",
        gemeenteteksten.gebruik(
            procent(Decimal(repr(gemeten)), 1), teksten.gebruiksfactor(p), p.realisatiejaar
        ),
    ]
    if p.bekostiging.periodebudget and not r.geheim:
        uit.append(
            gemeenteteksten.overgang(
                euro(int(g["overgang_realisatie_budget"]) * 100, centen=True, heel=True),
                euro(int(g["overgang_indicatie_budget"]) * 100, centen=True, heel=True),
                p.budget.overgang_perioden,
            )
        )
    return uit


def producten(r: Rapport, gemeente: str) -> list | None:
    naam = _lid(r, gemeente)
    if not _toont(r, naam):
        return None
    return [
        "## Per product",
        gemeenteteksten.producten(r.gemeenten.minimum_clienten),
        _x_tabel(
            r,
            gemeentecijfers.product_tabel(r.budget, naam, r.gemeenten, r.verborgen),
            {"Cliënten": "geheel", "Bedrag per jaar, nieuwe tarieven": "centen_heel"},
            "Per product",
            "Per product",
        ),
    ]


def _per_gemeente_resultaat(r: Rapport):
    """The result step's figures per member, checked against the members of the parameters."""
    per = r.resultaat.per_gemeente
    if per is None or list(per["gemeente"]) != list(r.params.regio.namen):
        raise ConfiguratieFout(
            f"De resultaattarieven in {r.processed} zijn niet per gemeente van "
            f"{r.params.regio.naam} berekend (de gemeenten zijn veranderd, of de stap is "
            f"ouder). Draai `make report JAAR={r.jaar}` opnieuw."
        )
    return per


def celtarieven(r: Rapport, gemeente: str) -> list | None:
    """With a result matrix: what the member would pay under the region's cell tariffs."""
    naam = _lid(r, gemeente)
    if r.params.resultaat is None or not _toont(r, naam):
        return None
    tabel = gemeentecijfers.resultaattabel(
        _per_gemeente_resultaat(r), r.gemeenten, r.resultaatpublicatie.totaal_getoond
    )
    rij = tabel[tabel["Gemeente"] == naam]
    return [
        "## Resultaatfinanciering",
        gemeenteteksten.celtarieven(r.params.realisatiejaar),
        _x_tabel(r, rij, gemeentecijfers.RESULTAAT_FORMATEN, "Met de celtarieven", "Celtarieven"),
    ]


def regio(r: Rapport) -> list | None:
    """The region's table per member (in the region's budget report); None for one
    municipality."""
    if r.gemeenten is None:
        return None
    return [
        "## Per gemeente",
        gemeenteteksten.regio(r.gemeenten.minimum_clienten, r.jaar),
        _x_tabel(
            r,
            gemeentecijfers.regiotabel(r.budget, r.gemeenten, r.geheim, r.verborgen),
            gemeentecijfers.REGIO_FORMATEN,
            "Budgetimpact per gemeente",
            "Per gemeente",
        ),
        Voetnoot(gemeenteteksten.regio_voetnoot()),
    ]


def resultaat(r: Rapport) -> list | None:
    """A region: the cost of the result cells per member (in the region's report on result
    tariffs); None for one municipality."""
    if r.gemeenten is None:
        return None
    per = _per_gemeente_resultaat(r)
    return [
        "## Per gemeente",
        gemeenteteksten.resultaat(r.gemeenten.minimum_clienten),
        _x_tabel(
            r,
            gemeentecijfers.resultaattabel(per, r.gemeenten, r.resultaatpublicatie.totaal_getoond),
            gemeentecijfers.RESULTAAT_FORMATEN,
            "Kosten met de celtarieven per gemeente",
            "Per gemeente",
        ),
    ]
