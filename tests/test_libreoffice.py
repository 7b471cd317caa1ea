"""The template in LibreOffice: a provider who saves it loses nothing, and it prints on A4
without text over text.

Needs LibreOffice (`soffice`) and pdftotext; .ci/run installs both (Debian packages
libreoffice-calc-nogui and poppler-utils). Skipped where they are missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from kostprijs.inlezen import lees_map
from kostprijs.paden import PROJECT
from kostprijs.parameters import laad_parameters
from kostprijs.sjabloon.indeling import indeling, vaste_teksten
from kostprijs.sjabloon.schrijven import schrijf_sjabloon
from kostprijs.sjabloon.toelichting import toelichting_regels
from kostprijs.voorbeeld.gegevens import schrijf_voorbeeld

SOFFICE = shutil.which("soffice")
pytestmark = [
    pytest.mark.traag,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice ontbreekt"),
]


def _libreoffice(bestand: Path, doel: str, map_: Path, profiel: Path) -> Path:
    """Convert `bestand` with LibreOffice (`doel`: "pdf" or an export filter) into `map_`."""
    map_.mkdir(exist_ok=True)
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{profiel}",
            "--convert-to",
            doel,
            "--outdir",
            str(map_),
            str(bestand),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return map_ / (bestand.stem + (".pdf" if doel == "pdf" else bestand.suffix))


def test_workbook_saved_by_libreoffice_gives_the_same_figures(tmp_path, params):
    schrijf_voorbeeld(params, tmp_path / "orig")
    werkmap = sorted((tmp_path / "orig" / "aanbieders").glob("*.xlsx"))[0]
    opgeslagen = _libreoffice(
        werkmap, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo", tmp_path / "profiel"
    )
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


def _woorden(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, every word's box (x0, y0, x1, y1) and text, as pdftotext finds them."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    wortel = ElementTree.fromstring(re.sub(r'xmlns="[^"]+"', "", xml))
    return [
        [
            (*(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")), w.text or "")
            for w in pagina.iter("word")
        ]
        for pagina in wortel.iter("page")
    ]


def _over_elkaar(pagina: list[tuple[float, float, float, float, str]]) -> list[tuple[str, str]]:
    """Pairs of words printed over each other: their boxes share width and over 30% of a
    line's height (lines of one wrapped cell touch by less than that)."""
    paren = []
    for i, a in enumerate(pagina):
        for b in pagina[i + 1 :]:
            breed = min(a[2], b[2]) - max(a[0], b[0])
            hoog = min(a[3], b[3]) - max(a[1], b[1])
            if breed > 1 and hoog > 0.3 * min(a[3] - a[1], b[3] - b[1]):
                paren.append((a[4], b[4]))
    return paren


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext ontbreekt")
@pytest.mark.parametrize("jaar", [2027, 2028])
def test_template_prints_on_a4_without_text_over_text(tmp_path, jaar):
    """Rendered by LibreOffice to PDF (as it prints), no word covers another, every label of
    the template is there in whole words, and it takes a few A4 pages, not a dozen."""
    params = laad_parameters(jaar)
    sjabloon = schrijf_sjabloon(params, tmp_path / f"sjabloon_{jaar}.xlsx")
    pdf = _libreoffice(sjabloon, "pdf", tmp_path / "pdf", tmp_path / "profiel")
    bewaard = PROJECT / "test-output" / "sjabloon" / pdf.name
    bewaard.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(pdf, bewaard)  # to look at (make test keeps test-output/)

    paginas = _woorden(pdf)
    assert 4 <= len(paginas) <= 10
    over_elkaar = {n: _over_elkaar(p) for n, p in enumerate(paginas, start=1)}
    assert not {n: p for n, p in over_elkaar.items() if p}, over_elkaar
    gedrukt = {w[4] for p in paginas for w in p}
    ind = indeling(params)
    teksten = [str(t) for t in vaste_teksten(ind).values()]
    teksten += [t for regel in toelichting_regels(ind, params) for t in regel]
    ontbreekt = {w for t in teksten for w in t.split() if w not in gedrukt}
    assert not ontbreekt  # a missing word is clipped or broken over two lines
