"""Executed notebook -> self-contained HTML report without code (opens offline)."""

from __future__ import annotations

import functools
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from kostprijs.bestanden.atomisch import schrijf_tekst

SJABLONEN = Path(__file__).resolve().parents[1] / "templates"
ALLEEN_IN_JUPYTERLAB = "alleen-in-jupyterlab"  # a notebook's own explanation, not the report's


@functools.cache
def _exporter() -> HTMLExporter:
    """One exporter per process: its templates load once (a report per member of a region)."""
    exporter = HTMLExporter(
        template_name="kostprijs",
        extra_template_basedirs=[str(SJABLONEN)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        language_code="nl",
    )
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags={ALLEEN_IN_JUPYTERLAB}, enabled=True), enabled=True
    )
    return exporter


def naar_html(notebook: nbformat.NotebookNode) -> str:
    """HTML of an executed notebook: outputs only, images embedded, no network resources."""
    html, _ = _exporter().from_notebook_node(notebook)
    return html


def schrijf_html(notebook: Path, uit: Path) -> None:
    """Convert `notebook` to the HTML report `uit`, atomically."""
    schrijf_tekst(uit, naar_html(nbformat.read(notebook, as_version=4)))
