"""The budget impact of new tarieven for the municipality: everything the budget report shows.

Reads the year's raw folder (indicaties, huidige tarieven, realisatie of last year) and the
new tarieven, runs the budget model and returns the tables, all amounts in cents.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from kostprijs.budget import (
    Tarieven,
    bereken_clienten,
    bereken_regels,
    budgetneutrale_factor,
    controleer_tarieven,
    empirische_gebruiksfactor,
    gevoeligheid,
    iso_weken,
    jaartotaal_centen,
    overgang,
    realisatie_bedrag_centen,
)
from kostprijs.budget_invoer import (
    indicaties_uit_waarden,
    lees_indicaties,
    lees_realisatie,
    lees_tarieven,
    tarief_per_product,
)
from kostprijs.config import Jaarparameters
from kostprijs.disclosure import MARKER
from kostprijs.fouten import InvoerFout
from kostprijs.geld import centen
from kostprijs.pseudoniem import lees_sleutel, pseudonimiseer
from kostprijs.rapport import opmaak

# Seed 000/001, "Voorbeeld berekening": one client, three indicaties per week, and the
# tarieven the slides used (the gemiddelde kostprijzen).
REKENVOORBEELD = [("OZL 1", "5", "49.42"), ("OMD 3", "2", "60.31"), ("Vervoer", "1", "13.08")]

NIEUW = "nieuwe tarieven"
HUIDIG = "huidige tarieven"


@dataclass(frozen=True)
class Budgetimpact:
    """All results of the budget report; amounts in cents."""

    rekenvoorbeeld_regels: pd.DataFrame
    rekenvoorbeeld_client: pd.Series
    tarieven: pd.DataFrame
    totalen: pd.DataFrame
    gevoeligheid: pd.DataFrame
    realisatie_bestaand_centen: int
    budgetneutrale_factor: Decimal | None
    gebruiksfactoren: pd.DataFrame
    overgang: pd.DataFrame
    overgang_vergelijking: pd.DataFrame
    verdeling: pd.DataFrame
    gebruiksfactor_gewogen: float
    aantal_clienten: int
    aantal_bestaand: int
    weken_realisatiejaar: int
    perioden_per_jaar: int

    def rekenvoorbeeld_tabel(self) -> pd.DataFrame:
        """The seed's table: lines, then bedrag per jaar, per facturatieperiode and budget."""
        r, c = self.rekenvoorbeeld_regels, self.rekenvoorbeeld_client
        totalen = ["Bedrag per jaar", "Bedrag per facturatieperiode", "Budget"]
        return pd.DataFrame(
            {
                "Productspecificatie": [*r["productspecificatie"], *totalen],
                # the seed's table leaves these cells blank on the total rows
                "Indicatie per week": [*r["indicatie_per_week"], "", "", ""],
                "Per jaar & gebruik": [*r["per_jaar_en_gebruik"], "", "", ""],
                "Daadwerkelijk gebruik per jaar": [*r["gebruik_per_jaar"], "", "", ""],
                "Tarief": [*r["tarief_centen"], "", "", ""],
                "Budgetberekening": [
                    *r["bedrag_per_jaar_centen"],
                    c["bedrag_per_jaar_centen"],
                    c["bedrag_per_periode_centen"],
                    c["budget_per_periode"] * 100,
                ],
            }
        )

    def tarieven_tabel(self, verborgen: frozenset[str] = frozenset()) -> pd.DataFrame:
        """Current and new tarieven; the new one masked for products in `verborgen`."""
        t = self.tarieven
        huidig = [
            " / ".join(opmaak.euro(v, centen=True) for v in h) or "nieuw product"
            for h in t["huidig_centen"]
        ]
        return pd.DataFrame(
            {
                "Productspecificatie": t["productspecificatie"],
                "Eenheid": t["eenheid"],
                "Declaratie": t["productcode"],
                "Huidig tarief": huidig,
                "Nieuw tarief": [
                    MARKER if p in verborgen else c
                    for p, c in zip(t["productspecificatie"], t["nieuw_centen"], strict=True)
                ],
            }
        )

    def totalen_tabel(self) -> pd.DataFrame:
        t = self.totalen
        return pd.DataFrame(
            {
                "Scenario": t["scenario"],
                f"Alle cliënten (n = {opmaak.getal(self.aantal_clienten, 0)})": t[
                    "alle_clienten_centen"
                ],
                f"Bestaande cliënten (n = {opmaak.getal(self.aantal_bestaand, 0)})": t[
                    "bestaande_clienten_centen"
                ],
            }
        )

    def gebruiksfactoren_tabel(self) -> pd.DataFrame:
        g = self.gebruiksfactoren
        return pd.DataFrame(
            {
                "Productspecificatie": g["productspecificatie"],
                "Cliënten": g["clienten"],
                "Geïndiceerd volume": (g["geindiceerd_milli"] / 1000).round(0),
                "Gerealiseerd volume": (g["gerealiseerd_milli"] / 1000).round(0),
                "Gebruiksfactor": g["gebruiksfactor"].round(4),
            }
        )

    def overgang_tabel(self) -> pd.DataFrame:
        o = self.overgang_vergelijking
        return pd.DataFrame(
            {
                "Grondslag": o["grondslag"],
                "Cliënten": o["clienten"],
                "Som van de periodebudgetten": o["budget_per_periode_totaal"],
                "Per jaar": o["budget_per_periode_totaal"] * self.perioden_per_jaar,
            }
        )

    def verdeling_tabel(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "Deel van de cliënten met een lager budget": self.verdeling["kwantiel"],
                "Periodebudget": self.verdeling["budget_per_periode"],
            }
        )

    @property
    def nieuw_bestaand_centen(self) -> int:
        """Existing clients at the new tarieven and the gebruiksfactor, per year."""
        return int(self.totalen["bestaande_clienten_centen"].iat[0])

    @property
    def verschil_met_realisatie_centen(self) -> int:
        return self.nieuw_bestaand_centen - self.realisatie_bestaand_centen

    @property
    def verschil_met_realisatie_fractie(self) -> float:
        return self.verschil_met_realisatie_centen / self.realisatie_bestaand_centen


def rekenvoorbeeld(params: Jaarparameters) -> tuple[pd.DataFrame, pd.Series]:
    """The seed's worked example computed by the model: its lines and the client's totals."""
    indicaties = indicaties_uit_waarden(
        [("voorbeeld", product, Decimal(per_week)) for product, per_week, _ in REKENVOORBEELD]
    )
    tarieven = Tarieven({product: centen(tarief) for product, _, tarief in REKENVOORBEELD})
    regels = bereken_regels(indicaties, tarieven, params.budget)
    regels["indicatie_per_week"] = indicaties["indicatie_per_week"]
    factor = opmaak.procent(params.budget.gebruiksfactor, 0)
    regels["per_jaar_en_gebruik"] = f"{params.budget.weken_per_jaar} × {factor}"
    client = bereken_clienten(regels, params.budget, params.catalogus).iloc[0]
    return regels, client


def _lees_tarieven(
    pad: Path, params: Jaarparameters, *, meerdere: bool
) -> tuple[pd.DataFrame, Tarieven]:
    tabel = lees_tarieven(pad, params.catalogus, meerdere=meerdere)
    return tabel, tarief_per_product(tabel)


def bereken_budgetimpact(
    params: Jaarparameters, raw: Path, tarieven_nieuw: Path, *, sleutel: bytes | None = None
) -> Budgetimpact:
    """Run the budget model on the year's raw folder and the new tarieven.

    Client identifiers are pseudonymised right after reading (`sleutel`: default the local key).
    """
    raw = Path(raw)
    sleutel = lees_sleutel() if sleutel is None else sleutel
    realisatie_pad = raw / f"realisatie_{params.realisatiejaar}.csv"
    for pad in (
        raw / "indicaties.csv",
        raw / "tarieven_huidig.csv",
        realisatie_pad,
        tarieven_nieuw,
    ):
        if not Path(pad).exists():
            raise InvoerFout(
                "dit bestand ontbreekt.",
                bestand=pad,
                actie=f"Zet het in {raw} (zie docs/gegevens.md) of maak voorbeelddata met "
                "`kostprijs voorbeeld`.",
            )
    b = params.budget
    indicaties = lees_indicaties(raw / "indicaties.csv", params.catalogus)
    indicaties["client"] = pseudonimiseer(indicaties["client"], sleutel)
    huidig_tabel, huidig = _lees_tarieven(raw / "tarieven_huidig.csv", params, meerdere=True)
    nieuw_tabel, nieuw = _lees_tarieven(Path(tarieven_nieuw), params, meerdere=False)
    controleer_tarieven(nieuw, indicaties["productspecificatie"], str(tarieven_nieuw))
    # a new product has no current tarief: it counts at its new tarief in both scenarios
    huidig_aangevuld = huidig.aangevuld_met(nieuw)
    realisatie = lees_realisatie(realisatie_pad, params.catalogus, b.perioden_per_jaar)
    realisatie["client"] = pseudonimiseer(realisatie["client"], sleutel)
    controleer_tarieven(
        huidig_aangevuld, realisatie["productspecificatie"], str(raw / "tarieven_huidig.csv")
    )

    bestaand = indicaties[indicaties["client"].isin(realisatie["client"].unique())]
    scenarios = {NIEUW: nieuw, HUIDIG: huidig_aangevuld}
    clienten = {
        naam: bereken_clienten(bereken_regels(indicaties, t, b), b, params.catalogus)
        for naam, t in scenarios.items()
    }
    clienten_bestaand = {
        naam: bereken_clienten(bereken_regels(bestaand, t, b), b, params.catalogus)
        for naam, t in scenarios.items()
    }
    realisatie_centen = realisatie_bedrag_centen(realisatie, huidig_aangevuld)
    totalen = pd.DataFrame(
        {
            "scenario": [
                f"Indicaties × gebruiksfactor × {NIEUW}",
                f"Indicaties × gebruiksfactor × {HUIDIG}",
                f"Realisatie {params.realisatiejaar} × {HUIDIG}",
            ],
            "alle_clienten_centen": [
                jaartotaal_centen(clienten[NIEUW], b),
                jaartotaal_centen(clienten[HUIDIG], b),
                None,
            ],
            "bestaande_clienten_centen": [
                jaartotaal_centen(clienten_bestaand[NIEUW], b),
                jaartotaal_centen(clienten_bestaand[HUIDIG], b),
                realisatie_centen,
            ],
        }
    )
    try:
        neutraal = budgetneutrale_factor(bestaand, nieuw, b, params.catalogus, realisatie_centen)
    except ValueError:
        neutraal = None

    overgang_clienten = overgang(realisatie, nieuw, b, params.catalogus)
    indicatie_bestaand = clienten_bestaand[NIEUW].set_index("client")
    vergelijking = pd.DataFrame(
        {
            "grondslag": [
                f"Realisatie periode 1 t/m {b.overgang_perioden} van {params.realisatiejaar}, op jaarbasis",
                "Indicatie × gebruiksfactor × nieuwe tarieven",
            ],
            "clienten": [len(overgang_clienten), len(indicatie_bestaand)],
            "budget_per_periode_totaal": [
                int(overgang_clienten["budget_per_periode"].sum()),
                int(indicatie_bestaand["budget_per_periode"].sum()),
            ],
        }
    )
    voorbeeld_regels, voorbeeld_client = rekenvoorbeeld(params)
    return Budgetimpact(
        rekenvoorbeeld_regels=voorbeeld_regels,
        rekenvoorbeeld_client=voorbeeld_client,
        tarieven=_tarieftabel(params, huidig_tabel, nieuw_tabel),
        totalen=totalen,
        gevoeligheid=_gevoeligheid(bestaand, indicaties, scenarios, params),
        realisatie_bestaand_centen=realisatie_centen,
        budgetneutrale_factor=neutraal,
        gebruiksfactoren=empirische_gebruiksfactor(indicaties, realisatie, params.realisatiejaar),
        gebruiksfactor_gewogen=_gewogen_gebruik(
            bestaand, huidig_aangevuld, realisatie_centen, params
        ),
        overgang=overgang_clienten,
        overgang_vergelijking=vergelijking,
        verdeling=_verdeling(clienten[NIEUW]),
        aantal_clienten=int(indicaties["client"].nunique()),
        aantal_bestaand=int(bestaand["client"].nunique()),
        weken_realisatiejaar=iso_weken(params.realisatiejaar),
        perioden_per_jaar=b.perioden_per_jaar,
    )


def _gewogen_gebruik(bestaand, tarieven: Tarieven, realisatie_centen: int, params) -> float:
    """Realised spending / the same clients' full indicaties at the same tarieven (all weeks)."""
    tarief = tarieven.voor(bestaand["productspecificatie"])
    milli = bestaand["indicatie_milli"].to_numpy(dtype=np.int64)
    volledig = int((milli * tarief).sum()) * iso_weken(params.realisatiejaar) / 1000
    return realisatie_centen / volledig


def _gevoeligheid(bestaand, indicaties, scenarios, params) -> pd.DataFrame:
    alle = gevoeligheid(indicaties, scenarios, params.budget, params.catalogus)
    best = gevoeligheid(bestaand, {NIEUW: scenarios[NIEUW]}, params.budget, params.catalogus)
    alle[f"{NIEUW} (bestaande cliënten)"] = best[NIEUW]
    return alle


def _tarieftabel(params: Jaarparameters, huidig: pd.DataFrame, nieuw: pd.DataFrame) -> pd.DataFrame:
    rijen = []
    for product in params.catalogus:
        h = huidig[huidig["productspecificatie"] == product.productspecificatie]
        n = nieuw[nieuw["productspecificatie"] == product.productspecificatie]
        rijen.append(
            {
                "productspecificatie": product.productspecificatie,
                "eenheid": product.eenheid,
                "productcode": product.productcode,
                "huidig_centen": [int(c) for c in h["tarief_centen"]],
                "nieuw_centen": int(n["tarief_centen"].iat[0]) if len(n) else None,
            }
        )
    return pd.DataFrame(rijen)


def _verdeling(clienten: pd.DataFrame) -> pd.DataFrame:
    """Spread of the periodebudgetten of clients with one (no minimum or maximum: personal data)."""
    budget = clienten.loc[clienten["budget_per_periode"] > 0, "budget_per_periode"].to_numpy()
    kwantielen = [0.10, 0.25, 0.50, 0.75, 0.90]
    waarden = np.quantile(budget, kwantielen, method="inverted_cdf") if len(budget) else [None] * 5
    return pd.DataFrame({"kwantiel": kwantielen, "budget_per_periode": waarden})
