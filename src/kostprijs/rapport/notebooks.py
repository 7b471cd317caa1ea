"""Running the report notebooks with papermill: fixed kernel, paths from the package, a timeout."""

from __future__ import annotations

from pathlib import Path

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError

from kostprijs.bestanden.atomisch import atomisch
from kostprijs.fouten import KostprijsFout
from kostprijs.paden import NOTEBOOKS

KERNEL = "python3"
TIJDSLIMIET_CEL = 600  # seconds per cell


def voer_notebook_uit(
    notebook: Path, uit: Path, *, run_id: str | None = None, **parameters
) -> None:
    """Execute `notebook` with `parameters` into `uit`; nothing is left behind on failure.

    run_id: the run manifest's id, recorded in the notebook's metadata so that rendering can
    check that a report belongs to the run of now.
    """
    parameters = {k: str(v) if isinstance(v, Path) else v for k, v in parameters.items()}
    with atomisch(uit) as tmp:
        try:
            papermill.execute_notebook(
                str(notebook),
                str(tmp),
                parameters=parameters,
                kernel_name=KERNEL,
                cwd=str(NOTEBOOKS),
                execution_timeout=TIJDSLIMIET_CEL,
                progress_bar=False,
                # The kernel's own log is noise for a report's reader: start-up warnings, and
                # "KeyboardInterrupt caught in kernel" when jupyter_client interrupts it at
                # shutdown while it still handles a message. Errors in cells reach papermill.
                extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
                language="python",
            )
        except PapermillExecutionError as fout:
            eigen = fout.ename.endswith("Fout")  # our Dutch errors need no type name
            melding = fout.evalue if eigen else f"{fout.ename}: {fout.evalue}"
            raise KostprijsFout(
                f"Het notebook {Path(notebook).name} stopte in cel {fout.exec_count}: {melding}"
            ) from None
        _afwerken(tmp, run_id)


def _afwerken(pad: Path, run_id: str | None) -> None:
    """Papermill gives its injected-parameters cell a random id: fix it, for reproducible HTML;
    record the run id."""
    nb = nbformat.read(pad, as_version=4)
    for cel in nb.cells:
        if "injected-parameters" in cel.get("metadata", {}).get("tags", []):
            cel["id"] = "injected-parameters"
    if run_id is not None:
        nb.metadata["kostprijs"] = {"run_id": run_id}
    nbformat.write(nb, pad)


class Procesuitvoerder:
    """Executes report notebooks in this process, in one IPython shell without a kernel:
    for a report per member of a region, where starting a kernel per member (some 6 s) would
    take longer than the report. The cells run as in a kernel (the same display machinery;
    parameters injected by papermill's own function); an error stops the notebook with the
    same Dutch message as `voer_notebook_uit`. Between notebooks the names a notebook made
    are removed (not IPython's reset: its garbage collection costs more than a report)."""

    def __init__(self) -> None:
        from IPython.core.interactiveshell import InteractiveShell

        self.shell = InteractiveShell.instance()
        self._eigen = set(self.shell.user_ns)

    def voer_uit(
        self, notebook: Path, uit: Path, *, run_id: str | None = None, **parameters
    ) -> nbformat.NotebookNode:
        """Execute `notebook` with `parameters`, write it to `uit` (atomically), return it."""
        from IPython.utils.capture import capture_output
        from papermill.iorw import load_notebook_node
        from papermill.parameterize import parameterize_notebook

        parameters = {k: str(v) if isinstance(v, Path) else v for k, v in parameters.items()}
        nb = parameterize_notebook(
            load_notebook_node(str(notebook)), parameters, kernel_name=KERNEL, language="python"
        )
        for naam in set(self.shell.user_ns) - self._eigen:
            del self.shell.user_ns[naam]
        teller = 0
        for cel in nb.cells:
            if "injected-parameters" in cel.metadata.get("tags", []):
                cel["id"] = "injected-parameters"
            if cel.cell_type != "code":
                continue
            teller += 1
            with capture_output(display=True) as vangst:
                uitkomst = self.shell.run_cell(cel.source, store_history=False, silent=True)
            fout = uitkomst.error_before_exec or uitkomst.error_in_exec
            if fout is not None:
                eigen = type(fout).__name__.endswith("Fout")
                melding = str(fout) if eigen else f"{type(fout).__name__}: {fout}"
                raise KostprijsFout(
                    f"Het notebook {Path(notebook).name} stopte in cel {teller}: {melding}"
                ) from None
            cel.execution_count = teller
            # as nbformat.v4.new_output builds them, without validating each one: the
            # notebook is validated once, when it is written
            cel.outputs = [
                nbformat.from_dict(
                    {"output_type": "display_data", "data": o.data, "metadata": o.metadata}
                )
                for o in vangst.outputs
            ]
            if vangst.stdout:
                tekst = {"output_type": "stream", "name": "stdout", "text": vangst.stdout}
                cel.outputs.insert(0, nbformat.from_dict(tekst))
        if run_id is not None:
            nb.metadata["kostprijs"] = {"run_id": run_id}
        with atomisch(uit) as tmp:
            nbformat.write(nb, tmp)
        return nb
