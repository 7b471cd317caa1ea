"""Step `manifest`: the run manifest with the hashes of every input, the parameters and the
versions (`kostprijs manifest`); `voltooi` copies it beside the reports with the end time."""

from __future__ import annotations

from pathlib import Path

from kostprijs.herkomst import manifest


def draai(jaar: int, raw: str | Path, uit: str | Path) -> str:
    """Write the manifest of a run on `raw` to `uit`; what was written."""
    m = manifest.maak_manifest(jaar, Path(raw))
    manifest.schrijf_manifest(m, Path(uit))
    return f"Runmanifest {m['run_id']} ({len(m['invoer']['raw'])} invoerbestanden): {uit}"


def voltooi(begin: str | Path, uit: str | Path) -> str:
    """The manifest of the run's start, completed with its end time, at `uit`."""
    m = manifest.voltooi(Path(begin), Path(uit))
    return f"Runmanifest {m['run_id']} afgerond: {uit}"
