"""A notebook opened in JupyterLab: a bad path or a missing file gives a Dutch message."""

from __future__ import annotations

import nbclient
import nbformat
import pytest

from kostprijs.fouten import ConfiguratieFout
from kostprijs.paden import PROJECT
from kostprijs.rapport.start import start


def test_pad_relatief_aan_notebookmap_krijgt_de_juiste_hint(monkeypatch, tmp_path):
    monkeypatch.chdir(PROJECT / "notebooks")
    with pytest.raises(ConfiguratieFout) as fout:
        start(2027, raw="../notebooks")  # exists seen from notebooks/, not from the project
    melding = str(fout.value)
    assert "relatief aan de projectmap" in melding
    assert 'Bedoelt u raw = "notebooks"?' in melding
    assert str((PROJECT.parent / "notebooks").resolve()) in melding


def test_kernel_toont_alleen_de_nederlandse_melding():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "from kostprijs.rapport.start import start\nrapport = start(2027, raw='bestaat/niet')"
        )
    ]
    client = nbclient.NotebookClient(nb, resources={"metadata": {"path": str(PROJECT)}})
    with pytest.raises(nbclient.exceptions.CellExecutionError):
        client.execute()
    (uitvoer,) = nb.cells[0].outputs
    assert uitvoer["ename"] == "ConfiguratieFout"
    assert uitvoer["traceback"] == [f"Fout: {uitvoer['evalue']}"]  # no Python traceback
    assert "bestaat/niet" in uitvoer["evalue"] and "projectmap" in uitvoer["evalue"]
