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


def run_id_van(notebook: Path) -> str | None:
    """The run id an executed notebook was made in (None when not made by `make report`)."""
    nb = nbformat.read(notebook, as_version=4)
    return nb.metadata.get("kostprijs", {}).get("run_id")
