"""The saved budget impact and result tariffs: the records the steps `budget` and
`resultaat` (kostprijs.stappen) write, and the reading of them for every report that shows it.

Each is saved as a signed record (`kostprijs.bestanden.verwerkt`: Parquet tables and typed
JSON, no pickle), converted field by field by the functions below, and read only when its
signature holds and the step's provenance record lists that very signature. The saved
results hold aggregates and integer client codes only; client identifiers and pseudonyms stay
in the computation.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kostprijs.bestanden import catalogus
from kostprijs.bestanden.verwerkt import (
    DECIMAAL,
    GEHEEL,
    GEHEEL_PER_TEKST,
    GETAL,
    TABEL,
    TEKST,
    TEKSTEN,
    WAAR,
)
from kostprijs.budget.impact import Budgetimpact, Rekenvoorbeeld
from kostprijs.herkomst.keten import lees_stapuitvoer
from kostprijs.resultaat.celtarieven import Resultaattarieven

BESTAND, STAP = catalogus.BUDGETIMPACT, "budget"  # the record's folder in the processed folder
RESULTAAT_BESTAND, RESULTAAT_STAP = catalogus.RESULTAATTARIEVEN, "resultaat"
KOSTPRIJZEN = catalogus.KOSTPRIJZEN_PRODUCT

VOORBEELD = "rekenvoorbeeld."
BUDGET_SCHEMA = {
    "indexgevoeligheid": TABEL,
    "rekenblad_regels": TABEL,
    "rekenblad_tarieven": TABEL,
    "rekenblad_afronding_centen": GEHEEL,
    "rekenblad_afronding_huidig_centen": GEHEEL,
    "rekenblad_weggelaten": TEKSTEN,
    "scenarios": TABEL,
    "scenariototalen": TABEL,
    "periodebudget": WAAR,
    "perioden_per_jaar": GEHEEL,
    "weken_realisatiejaar": GEHEEL,
    f"{VOORBEELD}regels": TABEL,
    f"{VOORBEELD}client": TABEL,  # the worked example's client totals, as one row
    f"{VOORBEELD}tarieven_uit_parameters": WAAR,
    "tarieven": TABEL,
    "pgb": TABEL,
    "totalen": TABEL,
    "gevoeligheid": TABEL,
    "realisatie_bestaand_centen": GEHEEL,
    "realisatie_normjaar_centen": GEHEEL,
    "vergelijk_nieuw_bestaand_centen": GEHEEL,
    "nieuwe_producten": TEKSTEN,
    "realisatie_nieuwe_producten": TABEL,
    "huidig_basis_centen": GEHEEL,
    "budgetneutrale_factor": f"{DECIMAAL}?",
    "budgetneutrale_factor_naief": f"{DECIMAAL}?",
    "gebruiksfactoren": TABEL,
    "gebruiksfactoren_naief": TABEL,
    "gebruiksfactor_gewogen": GETAL,
    "gebruiksfactor_gewogen_naief": GETAL,
    "overgang": f"{TABEL}?",
    "aansluiting": f"{TABEL}?",
    "verdeling": TABEL,
    "aantal_clienten": GEHEEL,
    "aantal_bestaand": GEHEEL,
    "beeindigd_clienten": GEHEEL,
    "beeindigd_centen": GEHEEL,
    "uitgesloten": TABEL,
    "buiten_band_paren": GEHEEL,
    "buiten_band_centen": GEHEEL,
    "zonder_elfproef": GEHEEL,
    "gecrediteerd": GEHEEL,
    "ontdubbeld": GEHEEL,
    "zonder_nieuw_tarief": TEKSTEN,
    "frequenties": TEKSTEN,
    "omrekeningen": TEKSTEN,
    "bevindingen": TEKSTEN,
    "gemeenten": f"{TABEL}?",
    "gemeenten_gevoeligheid": f"{TABEL}?",
    "gemeenten_scenarios": f"{TABEL}?",
    "gemeenten_producten": f"{TABEL}?",
}
RESULTAAT_SCHEMA = {
    "per": TEKST,
    "matrix": TABEL,
    "aandelen": TABEL,
    "per_client": TABEL,
    "paren": TABEL,
    "per_aanbieder": TABEL,
    "onder_eigen_bijdrage": f"{GEHEEL}?",
    "kostprijzen": GEHEEL_PER_TEKST,
    "bijdragen": f"{TABEL}?",
    "scenarios": f"{TABEL}?",
    "per_gemeente": f"{TABEL}?",
}


def budget_naar_record(b: Budgetimpact) -> dict[str, object]:
    """The fields of BUDGET_SCHEMA."""
    velden = {naam: getattr(b, naam) for naam in BUDGET_SCHEMA if not naam.startswith(VOORBEELD)}
    voorbeeld = b.rekenvoorbeeld
    return velden | {
        f"{VOORBEELD}regels": voorbeeld.regels,
        f"{VOORBEELD}client": pd.DataFrame([voorbeeld.client.to_dict()]),
        f"{VOORBEELD}tarieven_uit_parameters": voorbeeld.tarieven_uit_parameters,
    }


def budget_uit_record(velden: dict[str, object]) -> Budgetimpact:
    """The budget impact of fields read by `lees_record` with BUDGET_SCHEMA."""
    eigen = {n: w for n, w in velden.items() if not n.startswith(VOORBEELD)}
    for naam in (
        "zonder_nieuw_tarief",
        "nieuwe_producten",
        "frequenties",
        "omrekeningen",
        "bevindingen",
        "rekenblad_weggelaten",
    ):
        eigen[naam] = tuple(eigen[naam])
    client = velden[f"{VOORBEELD}client"]
    voorbeeld = Rekenvoorbeeld(
        regels=velden[f"{VOORBEELD}regels"],
        client=client.iloc[0].rename(client.index[0]),
        tarieven_uit_parameters=velden[f"{VOORBEELD}tarieven_uit_parameters"],
    )
    return Budgetimpact(rekenvoorbeeld=voorbeeld, **eigen)


def resultaat_naar_record(r: Resultaattarieven) -> dict[str, object]:
    """The fields of RESULTAAT_SCHEMA."""
    return {naam: getattr(r, naam) for naam in RESULTAAT_SCHEMA}


def resultaat_uit_record(velden: dict[str, object]) -> Resultaattarieven:
    """The cell tariffs of fields read by `lees_record` with RESULTAAT_SCHEMA."""
    return Resultaattarieven(**velden)


def scenarioprijzen(budget: Budgetimpact) -> dict[str, dict[str, int]]:
    """Per tariff scenario its ZIN tarief per product (cents), as the budget step set them;
    a product without one is absent."""
    s = budget.scenarios
    s = s[(s["variant"] == "") & s["tarief_centen"].notna()]
    uit: dict[str, dict[str, int]] = {n: {} for n in dict.fromkeys(budget.scenarios["scenario"])}
    for r in s.itertuples():
        uit[r.scenario][r.productspecificatie] = int(r.tarief_centen)
    return uit


def lees_budgetimpact(processed: Path) -> Budgetimpact | None:
    """The saved budget impact, or None when the step has not run for this folder.

    VerouderdeGegevens when the record is not the one the step wrote and signed."""
    velden = lees_stapuitvoer(
        Path(processed), STAP, BESTAND, BUDGET_SCHEMA, "de budgetimpact", "budgetimpact"
    )
    return None if velden is None else budget_uit_record(velden)


def lees_resultaattarieven(processed: Path) -> Resultaattarieven | None:
    """The saved cell tariffs, or None when the step has not run for this folder (or the year
    has no result matrix). VerouderdeGegevens when the record is not the one the step wrote
    and signed."""
    velden = lees_stapuitvoer(
        Path(processed),
        RESULTAAT_STAP,
        RESULTAAT_BESTAND,
        RESULTAAT_SCHEMA,
        "de resultaattarieven",
        "resultaatstap",
    )
    return None if velden is None else resultaat_uit_record(velden)
