"""The pipeline's steps, declared once: which command runs each, what it reads, what it writes.

The Makefile's rules, the fingerprints (`herkomst/vingerafdruk.py`) and the pipeline table of
docs/architectuur.md follow these declarations; tests/test_stappen.py fails when one of them
disagrees. Every step has a module in `kostprijs.stappen` (`budgetstap` for the step `budget`) whose
`draai()` reads, computes, writes and records its provenance; the CLI command makes that one
call.

Standard library only: the Makefile's fingerprinting runs it with the plain `python3`, before
.venv exists.

    python3 src/kostprijs/stappen/stappenregister.py   # the table for docs/architectuur.md
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

if __name__ == "__main__":  # run as a script: the package is beside this file's parents
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kostprijs.bestanden import catalogus
from kostprijs.rapport.register import RAPPORTEN

# the Makefile's variables for the folders of a run
PROCESSED, BUILD, REPORTS, STAPPEN = "$(PROCESSED)", "$(BUILD)", "$(REPORTS)", "$(STAPPEN)"
# what nearly every step reads besides the raw folder, relative to the project ("{jaar}":
# the tariff year); the published index figures set the price level of every proposal
PARAMETERS = ("params/{jaar}.yaml", f"params/{catalogus.INDEXCIJFERS}", "requirements.lock")
RUW = catalogus.ruwe_patronen()  # the municipality's raw files, per kind


@dataclass(frozen=True)
class Stap:
    """One step of the pipeline, as data."""

    naam: str  # its fingerprint is $(STAPPEN)/<naam>.vinger
    opdracht: str  # `kostprijs <opdracht>` runs it
    doel: str  # the file make keeps track of (the rule's target)
    wat: str  # what it does, in Dutch (docs/architectuur.md)
    schrijft: str  # what it writes, in Dutch (docs/architectuur.md)
    na: tuple[str, ...] = ()  # steps whose output it reads: their `doel` is a prerequisite
    raw: tuple[str, ...] = ()  # glob patterns in the raw folder ("**/*" = all of it)
    extra: tuple[str, ...] = PARAMETERS  # other files it reads, relative to the project
    methode: bool = False  # the recorded aggregation method
    geheim: bool = False  # p and the key's identity
    sleutel: bool = False  # the key's identity only (pseudonyms; the key signs the output)
    data: tuple[str, ...] = ()  # package data folders it uses (relative to src/kostprijs)
    module: str = ""  # the stem of its module in kostprijs.stappen (with its `draai()`)
    notebooks: tuple[str, ...] = ()  # the notebooks it executes: they are its code too

    @property
    def code(self) -> tuple[str, ...]:
        """The entry modules whose import closure is the step's code."""
        return (f"kostprijs.stappen.{self.module}",)

    @property
    def stempel(self) -> str:
        return f"{STAPPEN}/{self.naam}.vinger"


STAPPENLIJST = (
    Stap(
        "controleer",
        "controleer",
        f"{PROCESSED}/{catalogus.GEMEENTEGEGEVENS}/{catalogus.HANDTEKENING}",
        "controleert parameters en alle ruwe invoer vooraf, één lijst van alle problemen; "
        "bewaart de gelezen indicaties en realisatie (gepseudonimiseerd) voor de latere stappen",
        f"`build/<jaar>/controle.txt`, de records `{catalogus.GEMEENTEGEGEVENS}/` en "
        f"`{catalogus.CELREALISATIE}/` (intern), `herkomst/controleer.json`",
        module="controlestap",
        raw=("**/*",),
        sleutel=True,  # the listing of realisation that does not count names pseudonyms
    ),
    Stap(
        "inlezen",
        "inlezen",
        f"{PROCESSED}/{catalogus.INZENDINGEN}",
        "leest en controleert de sjablonen van aanbieders, veilig en per cel",
        "inzendingen, bevindingen, tabellen en terugkoppeling in `data/processed/<jaar>/`, "
        "`herkomst/inlezen.json`",
        module="inleesstap",
        na=("controleer",),
        raw=("aanbieders/**/*", catalogus.BEVESTIGINGEN),
        sleutel=True,
    ),
    Stap(
        "kostprijzen",
        "kostprijzen",
        f"{PROCESSED}/{catalogus.VOORSTEL}",
        "kostprijzen per aanbieder, gemiddelde per product, onthulling en voorstel",
        "kostprijzen per aanbieder en product, onthulling, voorstel, het record "
        f"`{catalogus.ONDERZOEK}/` (het hele onderzoek, intern), `herkomst/kostprijzen.json`",
        module="kostprijsstap",
        na=("inlezen",),
        raw=(*RUW["tarieven"], catalogus.BEVESTIGINGEN),
        methode=True,
        geheim=True,
    ),
    Stap(
        "budget",
        "budgetimpact",
        f"{PROCESSED}/{catalogus.BUDGETIMPACT}/{catalogus.HANDTEKENING}",
        "de budgetimpact van het voorstel en de scenario's uit indicaties en realisatie",
        f"het record `{catalogus.BUDGETIMPACT}/` (alleen totalen en verdelingen), "
        "`herkomst/budget.json`",
        module="budgetstap",
        na=("kostprijzen", "controleer"),
        raw=RUW["tarieven"],
        geheim=True,
    ),
    Stap(
        "resultaat",
        "resultaatstap",
        f"{PROCESSED}/{catalogus.RESULTAATTARIEVEN}/{catalogus.HANDTEKENING}",
        "de celtarieven van de resultaatmatrix, ook per tariefscenario (na de budgetimpact, "
        "niet ernaast: op landelijke schaal vraagt elk van beide bijna 2 GiB)",
        f"het record `{catalogus.RESULTAATTARIEVEN}/`, `herkomst/resultaat.json`",
        module="resultaatstap",
        na=("kostprijzen", "budget", "controleer"),
        sleutel=True,
    ),
    Stap(
        "manifest",
        "manifest",
        f"{BUILD}/{catalogus.MANIFEST}",
        "het runmanifest: hashes van alle invoer, parameters, versies",
        "`build/<jaar>/manifest.json` (intern)",
        module="manifeststap",
        na=("controleer",),
        raw=("**/*",),
        methode=True,
        geheim=True,
    ),
    Stap(
        "rapporten",
        "rapporten",
        f"{BUILD}/{catalogus.RAPPORTLIJST}",
        "voert elk notebook van het register uit (papermill zet de parameters in, één "
        "IPython-shell voor alle notebooks), na de controle van de herkomstketen, en zet het "
        "om naar HTML zonder code en xlsx; een notebook leest de records van de stappen en "
        "rekent niets opnieuw",
        "`build/<jaar>/<notebook>.ipynb` (vertrouwelijk), "
        "`reports/<jaar>/<doelgroep>/<naam>.html` en `.xlsx`",
        na=("budget", "resultaat", "manifest"),
        raw=("**/*",),
        methode=True,
        geheim=True,
        module="rapportstap",
        data=("templates",),
        notebooks=tuple(r.notebook for r in RAPPORTEN),
    ),
    Stap(
        "rekenblad",
        "rekenblad",
        f"{REPORTS}/inkooptafel/rekenblad.xlsx",
        "het rekenblad (wat-als-werkmap) voor de inkooptafel, uit de budgetimpact",
        "`reports/<jaar>/inkooptafel/rekenblad.xlsx`",
        module="rekenbladstap",
        na=("budget", "manifest"),
    ),
    Stap(
        "gemeenten",
        "gemeenterapporten",
        f"{BUILD}/{catalogus.GEMEENTELIJST}",
        "een regio: het budgetrapport van elke gemeente, voor haar gemeenteraad (notebook 07 "
        "per gemeente)",
        f"`reports/<jaar>/{catalogus.GEMEENTEN}/<gemeente>/budget.html` en `.xlsx`",
        na=("budget", "resultaat", "manifest"),
        raw=("**/*",),
        methode=True,
        geheim=True,
        module="gemeentestap",
        data=("templates",),
        notebooks=("07_gemeentebudget",),
    ),
)
STAPPEN_PER_NAAM = {s.naam: s for s in STAPPENLIJST}


def vereist(stap: Stap) -> tuple[str, ...]:
    """The Makefile prerequisites of `stap`: its fingerprint and the outputs it reads."""
    return (stap.stempel, *(STAPPEN_PER_NAAM[n].doel for n in stap.na))


def leest(stap: Stap) -> str:
    """What `stap` reads, in Dutch: the steps it comes after, raw files, secrets."""
    delen = [f"na {', '.join(stap.na)}"] if stap.na else []
    if stap.raw:
        ruw = "alle ruwe bestanden" if "**/*" in stap.raw else ", ".join(f"`{r}`" for r in stap.raw)
        delen.append(ruw)
    if stap.extra == PARAMETERS:
        delen.append("parameters")
    delen += [w for w, ja in (("methode", stap.methode), ("p", stap.geheim)) if ja]
    if stap.geheim or stap.sleutel:
        delen.append("sleutel")
    return "; ".join(delen) or "–"


def tabel() -> str:
    """The Markdown table of the steps, for docs/architectuur.md."""
    regels = ["| stap | opdracht | wat | leest | schrijft |", "|---|---|---|---|---|"]
    for s in STAPPENLIJST:
        regels.append(
            f"| {s.naam} | `kostprijs {s.opdracht}` | {s.wat} | {leest(s)} | {s.schrijft} |"
        )
    return "\n".join(regels)


if __name__ == "__main__":
    print(tabel())
