"""House rules for the report notebooks: one literal `parameters` cell, no committed outputs,
and an outline: every section a line or two that calls into `kostprijs.rapport.inhoud`."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

from kostprijs.rapport.html import ALLEEN_IN_JUPYTERLAB

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS, "geen notebooks gevonden"


@pytest.mark.parametrize("pad", NOTEBOOKS, ids=lambda p: p.name)
def test_exactly_one_parameters_cell_of_literals(pad):
    nb = nbformat.read(pad, as_version=4)
    cellen = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(cellen) == 1, f"{pad.name}: {len(cellen)} cellen met tag 'parameters'"
    assert cellen[0].cell_type == "code"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[0] is cellen[0], "de parametercel is de eerste codecel"
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


@pytest.mark.parametrize("pad", NOTEBOOKS, ids=lambda p: p.name)
def test_every_code_cell_is_a_line_of_the_outline(pad):
    """At most 3 lines, no f-string, no conditional, no HTML: the prose, the choices and the
    formats live in the package (rapport/inhoud, rapport/teksten), where they are tested."""
    nb = nbformat.read(pad, as_version=4)
    for cel in nb.cells:
        if cel.cell_type != "code" or "parameters" in cel.metadata.get("tags", []):
            continue
        assert len(cel.source.splitlines()) <= 3, cel.source
        boom = ast.parse(cel.source)
        for knoop in ast.walk(boom):
            assert not isinstance(knoop, ast.JoinedStr), f"f-string in {pad.name}: {cel.source}"
            keuze = ast.If | ast.IfExp | ast.For | ast.While | ast.BoolOp | ast.comprehension
            assert not isinstance(knoop, keuze), cel.source
            if isinstance(knoop, ast.Constant) and isinstance(knoop.value, str):
                assert "<" not in knoop.value, f"HTML in {pad.name}: {cel.source}"


@pytest.mark.parametrize("pad", NOTEBOOKS, ids=lambda p: p.name)
def test_the_first_cell_tells_an_adviser_where_the_data_come_from(pad):
    """In JupyterLab the first cell says which steps made the data and how to rerun them; the
    report leaves it out."""
    eerste = nbformat.read(pad, as_version=4).cells[0]
    assert eerste.cell_type == "markdown"
    assert ALLEEN_IN_JUPYTERLAB in eerste.metadata.get("tags", [])
    assert "make report" in eerste.source and "rapport/inhoud/" in eerste.source


def test_the_report_leaves_out_the_cell_for_jupyterlab():
    from kostprijs.rapport.html import naar_html

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "Alleen in JupyterLab", metadata={"tags": [ALLEEN_IN_JUPYTERLAB]}
        ),
        nbformat.v4.new_markdown_cell("In het rapport"),
    ]
    html = naar_html(nb)
    assert "In het rapport" in html and "Alleen in JupyterLab" not in html
