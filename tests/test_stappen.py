"""The step declarations (kostprijs.stappen.stappenregister) against what follows them: the
Makefile's rules, the fingerprints, docs/architectuur.md and the CLI."""

from __future__ import annotations

import ast
import re

import pytest

from kostprijs.herkomst.vingerafdruk import stappen
from kostprijs.paden import PROJECT
from kostprijs.rapport.register import RAPPORTEN
from kostprijs.stappen.stappenregister import STAPPEN_PER_NAAM, STAPPENLIJST, tabel, vereist

SRC = PROJECT / "src" / "kostprijs"
# the folders of a run stay variables; every other simple variable is expanded
MAPPEN = {"PROCESSED", "BUILD", "REPORTS", "STAPPEN", "KOSTPRIJS", "JAAR", "RAW"}


def _regels(makefile: str) -> list[tuple[set[str], set[str], str]]:
    """(targets, prerequisites, recipe) of every explicit rule of a Makefile, with `$$(` of a
    macro read as `$(`, line continuations joined and simple variables expanded."""
    tekst = makefile.replace("\\\n", " ").replace("$$(", "$(")
    waarden = dict(
        re.findall(r"^([A-Z_]+) := ([^$\n]*\$\((?:REPORTS|BUILD|PROCESSED)\)[^\n]*)$", tekst, re.M)
    )
    for naam, waarde in waarden.items():
        if naam not in MAPPEN:
            tekst = tekst.replace(f"$({naam})", waarde.strip())
    uit = []
    regels = tekst.splitlines()
    for i, regel in enumerate(regels):
        kop = re.match(r"^([^\t#=][^=]*?)\s*&?:(?!=)\s*(.*)$", regel)
        if not kop or kop.group(1).startswith((".", "ifeq", "ifneq", "define")):
            continue
        recept = []
        for volgende in regels[i + 1 :]:
            if not volgende.startswith("\t"):
                break
            recept.append(volgende.strip())
        doelen = set(kop.group(1).split())
        uit.append((doelen, set(kop.group(2).split("|")[0].split()), "\n".join(recept)))
    return uit


MAKEFILE = _regels((PROJECT / "Makefile").read_text(encoding="utf-8"))


def _regel(doel: str):
    gevonden = [r for r in MAKEFILE if set(doel.split()) <= r[0]]
    assert len(gevonden) == 1, f"{doel}: {len(gevonden)} regels in de Makefile"
    return gevonden[0]


@pytest.mark.parametrize("stap", STAPPENLIJST, ids=lambda s: s.naam)
def test_the_makefile_rule_of_every_step_is_its_declaration(stap):
    """Its target, its prerequisites (the fingerprint and the outputs it reads, nothing else)
    and the one command that runs it."""
    _, vereisten, recept = _regel(stap.doel)
    assert vereisten == set(vereist(stap))
    assert re.search(rf"\$\(KOSTPRIJS\) {stap.opdracht}\b", recept), recept


def test_every_step_stamp_the_makefile_uses_is_a_declared_step():
    """A stamp in the Makefile that no declaration fingerprints would never change."""
    gebruikt = {v for _, vereisten, _ in MAKEFILE for v in vereisten if v.startswith("$(STAPPEN)/")}
    assert gebruikt == {s.stempel for s in STAPPENLIJST}


def test_the_fingerprints_cover_every_declared_step_and_every_notebook():
    assert set(stappen(2027)) == {s.naam for s in STAPPENLIJST}
    uitgevoerd = [n for s in STAPPENLIJST for n in s.notebooks]
    assert sorted(uitgevoerd) == sorted(p.stem for p in (PROJECT / "notebooks").glob("*.ipynb"))
    assert {r.notebook for r in RAPPORTEN} <= set(STAPPEN_PER_NAAM["rapporten"].notebooks)


@pytest.mark.parametrize("stap", STAPPENLIJST, ids=lambda s: s.naam)
def test_every_step_module_has_a_draai(stap):
    pad = SRC / "stappen" / f"{stap.module}.py"
    boom = ast.parse(pad.read_text(encoding="utf-8"))
    functies = [k.name for k in boom.body if isinstance(k, ast.FunctionDef)]
    assert "draai" in functies


def _cli_functies() -> dict[str, ast.FunctionDef]:
    boom = ast.parse((SRC / "cli.py").read_text(encoding="utf-8"))
    return {k.name: k for k in boom.body if isinstance(k, ast.FunctionDef)}


@pytest.mark.parametrize("stap", STAPPENLIJST, ids=lambda s: s.naam)
def test_every_step_command_makes_one_call(stap):
    """The CLI command of a step calls its module's `draai()` (or `voltooi()`) and nothing of
    the package besides: the step is driven from one place."""
    functie = _cli_functies()[f"_{stap.opdracht}"]
    importen = [k for k in ast.walk(functie) if isinstance(k, ast.ImportFrom)]
    assert [(k.module, [a.name for a in k.names]) for k in importen] == [
        ("kostprijs.stappen", [stap.module])
    ]
    aanroepen = {
        k.func.attr
        for k in ast.walk(functie)
        if isinstance(k, ast.Call)
        and isinstance(k.func, ast.Attribute)
        and isinstance(k.func.value, ast.Name)
        and k.func.value.id == stap.module
    }
    assert aanroepen and aanroepen <= {"draai", "voltooi"}


def test_the_pipeline_table_in_the_docs_is_the_register():
    docs = (PROJECT / "docs" / "architectuur.md").read_text(encoding="utf-8")
    assert tabel() in docs, (
        "docs/architectuur.md: vervang de tabel van de stappen door de uitvoer van "
        "`python3 src/kostprijs/stappen/stappenregister.py`"
    )
