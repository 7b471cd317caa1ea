"""House rules for the report notebooks: one literal `parameters` cell, no committed outputs."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS, "geen notebooks gevonden"


@pytest.mark.parametrize("pad", NOTEBOOKS, ids=lambda p: p.name)
def test_exactly_one_parameters_cell_of_literals(pad):
    nb = nbformat.read(pad, as_version=4)
    cellen = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(cellen) == 1, f"{pad.name}: {len(cellen)} cellen met tag 'parameters'"
    assert cellen[0].cell_type == "code"
    assert nb.cells.index(cellen[0]) == 0, "de parametercel hoort bovenaan"
    for regel in ast.parse(cellen[0].source).body:
        assert isinstance(regel, ast.Assign), f"{pad.name}: alleen toewijzingen in de parametercel"
        ast.literal_eval(regel.value)  # raises when not a literal


@pytest.mark.parametrize("pad", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(pad):
    nb = nbformat.read(pad, as_version=4)
    for cel in nb.cells:
        if cel.cell_type == "code":
            assert not cel.outputs and cel.execution_count is None, f"{pad.name} bevat uitvoer"


@pytest.mark.parametrize("pad", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_does_not_force_a_backend(pad):
    # matplotlib.use("agg") in a notebook silently drops every plot from the report
    tekst = pad.read_text(encoding="utf-8")
    assert "matplotlib.use" not in tekst and "%matplotlib" not in tekst
