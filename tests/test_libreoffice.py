"""A provider who saves the filled-in template with LibreOffice loses nothing.

Needs LibreOffice (`soffice`); skipped where it is not installed (it is not part of CI,
whose machine would need some 300 MB for it).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from kostprijs.inlezen import lees_map
from kostprijs.voorbeeld.gegevens import schrijf_voorbeeld

SOFFICE = shutil.which("soffice")
pytestmark = [
    pytest.mark.traag,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice ontbreekt"),
]


def test_workbook_saved_by_libreoffice_gives_the_same_figures(tmp_path, params):
    schrijf_voorbeeld(params, tmp_path / "orig")
    werkmap = sorted((tmp_path / "orig" / "aanbieders").glob("*.xlsx"))[0]
    (tmp_path / "lo").mkdir()
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profiel",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(tmp_path / "lo"),
            str(werkmap),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    opgeslagen = tmp_path / "lo" / werkmap.name
    assert opgeslagen.read_bytes() != werkmap.read_bytes()  # really re-saved
    (tmp_path / "enkel").mkdir()
    shutil.copy(werkmap, tmp_path / "enkel")
    lees_map(params, tmp_path / "enkel", tmp_path / "uit_orig", voortgang=False)
    lees_map(params, tmp_path / "lo", tmp_path / "uit_lo", voortgang=False)
    for naam in ("bouwstenen", "personeel", "inzet", "realisatie", "aanbieders"):
        assert (tmp_path / "uit_lo" / f"{naam}.csv").read_bytes() == (
            tmp_path / "uit_orig" / f"{naam}.csv"
        ).read_bytes(), naam
    assert (tmp_path / "uit_lo" / "bevindingen.csv").read_text(encoding="utf-8").count(
        "\n"
    ) == 1  # header only
