"""The shape of the package, checked against its imports (docs/architectuur.md)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kostprijs.paden import NOTEBOOKS, PROJECT
from kostprijs.rapport.register import INKOOPTAFEL, INTERN, RAPPORTEN
from kostprijs.stappen.stappenregister import STAPPENLIJST

SRC = PROJECT / "src" / "kostprijs"
MODULES = sorted(SRC.rglob("*.py"))


def _importen(pad: Path) -> set[str]:
    uit = set()
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.ImportFrom) and knoop.module:
            uit.add(knoop.module)
            # `from kostprijs import opmaak` imports the module kostprijs.opmaak
            uit |= {f"{knoop.module}.{a.name}" for a in knoop.names}
        elif isinstance(knoop, ast.Import):
            uit |= {a.name for a in knoop.names}
    return {m for m in uit if m.startswith("kostprijs")}


@pytest.mark.parametrize("pad", MODULES, ids=lambda p: p.relative_to(SRC).as_posix())
def test_calculation_never_imports_presentation(pad):
    deel = pad.relative_to(SRC).parts
    if deel[0] in ("rapport", "stappen", "cli.py"):  # the steps drive the reports too
        return
    presentatie = {m for m in _importen(pad) if m.startswith("kostprijs.rapport")}
    # the fingerprints read which reports exist (a list of names), nothing else of rapport
    if deel == ("herkomst", "vingerafdruk.py"):
        presentatie -= {"kostprijs.rapport.register", "kostprijs.rapport.register.RAPPORTEN"}
    assert not presentatie, presentatie


REKENEN = ("onderzoek", "budget", "resultaat")  # the calculation packages
REKENMODULES = ("geld.py", "matrix.py", "scenarios.py", "indexatie.py", "tarieflijst.py")
# still write a row's Dutch explanation into the step's output with a formatted figure
# (a per-provider deviation in percent, the date the method was recorded): issue 22
NOG_MET_OPMAAK = {("onderzoek", "per_aanbieder.py")}


@pytest.mark.parametrize("pad", MODULES, ids=lambda p: p.relative_to(SRC).as_posix())
def test_calculation_never_imports_formatting_or_prose(pad):
    """The calculation computes figures; sentences and number formats are the reports'
    (`opmaak`, `rapport`, `publicatie`)."""
    deel = pad.relative_to(SRC).parts
    if deel[0] not in REKENEN and deel not in {(m,) for m in REKENMODULES}:
        return
    verboden = ("kostprijs.opmaak", "kostprijs.rapport", "kostprijs.publicatie")
    gevonden = {m for m in _importen(pad) if m.startswith(verboden)}
    if deel in NOG_MET_OPMAAK:
        gevonden = {m for m in gevonden if not m.startswith("kostprijs.opmaak")}
    assert not gevonden, gevonden


def test_the_result_model_has_a_wing_of_its_own():
    assert not (SRC / "budget" / "resultaat.py").exists()
    for module in ("celrealisatie", "celtarieven"):
        assert (SRC / "resultaat" / f"{module}.py").exists()


def test_no_module_shares_a_name_with_another_or_the_package():
    namen = [p.stem for p in MODULES if p.stem not in ("__init__", "__main__")]
    assert len(namen) == len(set(namen)), sorted(n for n in namen if namen.count(n) > 1)
    assert "kostprijs" not in namen


def test_every_report_in_the_register_has_its_notebook_and_audience():
    assert {r.doelgroep for r in RAPPORTEN} <= {INKOOPTAFEL, INTERN}
    for r in RAPPORTEN:
        assert (NOTEBOOKS / f"{r.notebook}.ipynb").exists(), r.notebook
    namen = [(r.doelgroep, r.naam) for r in RAPPORTEN]
    assert len(namen) == len(set(namen))
    # besides the register's: the notebook of a step of its own (a report per member)
    eigen = [n for s in STAPPENLIJST if s.naam != "rapporten" for n in s.notebooks]
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == sorted(
        [r.notebook for r in RAPPORTEN] + eigen
    )


def test_the_makefile_reads_the_register():
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert "rapport/register.py" in makefile
    for r in RAPPORTEN:
        assert r.notebook not in makefile  # no report is named in the Makefile itself


BESTANDSNAAM = re.compile(r"^\.?[\w-]+(?:\.[\w-]+)*\.(?:csv|json|xlsx|yaml|parquet|txt|ipynb|pdf)$")


def test_every_file_name_is_spelled_once_in_the_catalogue():
    """Only bestanden/catalogus.py spells a file name; every other module uses its constants."""
    elders = [
        f"{pad.relative_to(SRC).as_posix()}:{knoop.lineno} {knoop.value}"
        for pad in MODULES
        if pad.relative_to(SRC).as_posix() != "bestanden/catalogus.py"
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8")))
        if isinstance(knoop, ast.Constant)
        and isinstance(knoop.value, str)
        and BESTANDSNAAM.match(knoop.value)
    ]
    assert elders == []
