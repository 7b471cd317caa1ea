"""Every report opens in headless Chromium offline: no failed or external request, no console
error, a title; a full-page screenshot per report goes to test-output/screenshots/. Every
report printed to A4 PDF (test-output/pdf/) keeps every column of every table, and every
figure has a Dutch alt text.

The reports come from the real pipeline (`make report`) run into a temporary folder on the
synthetic sample, so the real data/, build/ and reports/ are not touched.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kostprijs.paden import PROJECT
from kostprijs.rapport.register import rapporten

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = PROJECT / "test-output" / "screenshots"
PDF = PROJECT / "test-output" / "pdf"
TOEGESTAAN = ("file:", "data:", "about:")

pytestmark = pytest.mark.traag

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} ontbreekt; .ci/run installeert chromium", pytrace=False)
    pytest.skip(f"{CHROMIUM} ontbreekt (alleen in CI verplicht)", allow_module_level=True)


@pytest.fixture(scope="module")
def rapportmap(voorbeeldruns) -> Path:
    """The reports folder of a `make report` run on a fresh sample (never rebuilt by a test)."""
    mappen = voorbeeldruns[1]
    uitgevoerd = {p.stem for p in mappen["BUILD"].glob("*.ipynb")}
    assert uitgevoerd == {r.notebook for r in rapporten(2027)}, "niet elk notebook draaide"
    return mappen["REPORTS"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield b
        b.close()


def bekijk(browser, html: Path, png: Path) -> list[str]:
    """Open `html`, save a full-page screenshot to `png`, return every problem found."""
    verzoeken, mislukt, fouten = [], [], []
    pagina = browser.new_page(viewport={"width": 1280, "height": 900})
    pagina.on("request", lambda r: verzoeken.append(r.url))
    pagina.on("requestfailed", lambda r: mislukt.append(f"{r.url} ({r.failure})"))
    pagina.on("console", lambda b: fouten.append(b.text) if b.type == "error" else None)
    pagina.on("pageerror", lambda e: fouten.append(str(e)))
    pagina.goto(html.as_uri(), wait_until="networkidle")
    koppen = pagina.locator("h1").count()
    pagina.screenshot(path=str(png), full_page=True)
    pagina.close()
    extern = [u for u in verzoeken if not u.startswith(TOEGESTAAN)]
    problemen = [
        f"{soort}: {x}"
        for soort, lijst in (("extern", extern), ("mislukt", mislukt), ("console", fouten))
        for x in lijst
    ]
    return problemen + ([] if koppen else ["geen <h1>"])


def test_checker_catches_network_console_and_heading_problems(browser, tmp_path):
    slecht = tmp_path / "slecht.html"
    slecht.write_text(
        '<html><head><script src="https://cdn.example.invalid/require.js"></script></head>'
        "<body><h2>geen h1</h2><img src='ontbreekt.png'>"
        "<script>console.error('kapot')</script></body></html>",
        encoding="utf-8",
    )
    problemen = "\n".join(bekijk(browser, slecht, tmp_path / "slecht.png"))
    assert "extern: https://cdn.example.invalid/require.js" in problemen
    assert "mislukt:" in problemen and "ontbreekt.png" in problemen
    assert "console: kapot" in problemen and "geen <h1>" in problemen
    assert (tmp_path / "slecht.png").stat().st_size > 0


def test_every_report_opens_offline_cleanly(rapportmap, browser):
    rapporten = sorted(rapportmap.rglob("*.html"))
    assert rapporten, "geen HTML-rapporten"
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    problemen = []
    for rapport in rapporten:
        naam = rapport.relative_to(rapportmap).with_suffix("").as_posix().replace("/", "_")
        problemen += [f"{naam}: {p}" for p in bekijk(browser, rapport, SCREENSHOTS / f"{naam}.png")]
    assert not problemen, "\n".join(problemen)
    assert len(list(SCREENSHOTS.glob("*.png"))) == len(rapporten)


def _zonder_witruimte(tekst: str) -> str:
    return re.sub(r"\s+", "", tekst.replace("\xa0", " "))


def pdf_tekst(pdf: Path) -> str:
    """The PDF's text in content order (poppler's pdftotext; .ci/run installs it)."""
    proces = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return proces.stdout


def test_every_report_prints_on_a4_with_every_column(rapportmap, browser):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext ontbreekt (Debian: poppler-utils); .ci/run installeert het")
    shutil.rmtree(PDF, ignore_errors=True)
    PDF.mkdir(parents=True)
    ontbreekt = []
    for rapport in sorted(rapportmap.rglob("*.html")):
        naam = rapport.relative_to(rapportmap).with_suffix("").as_posix().replace("/", "_")
        pagina = browser.new_page()
        pagina.goto(rapport.as_uri(), wait_until="networkidle")
        pagina.emulate_media(media="print")
        # per table: the headers and the first row (its last cell is the column lost first)
        tabellen = pagina.eval_on_selector_all(
            "table.kp-tabel",
            """ts => ts.map(t => ({
                koppen: [...t.querySelectorAll('thead th')].map(c => c.innerText),
                rij: [...(t.querySelector('tbody tr')?.querySelectorAll('td') ?? [])]
                       .map(c => c.innerText)}))""",
        )
        pdf = PDF / f"{naam}.pdf"
        pagina.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        pagina.close()
        tekst = _zonder_witruimte(pdf_tekst(pdf))
        woorden = set(pdf_tekst(pdf).split())
        for i, tabel in enumerate(tabellen, 1):
            for cel in [*tabel["koppen"], *tabel["rij"]]:
                if _zonder_witruimte(cel) and _zonder_witruimte(cel) not in tekst:
                    ontbreekt.append(f"{naam}, tabel {i}: '{cel}' staat niet in de PDF")
            # a heading wraps between words, never inside one (pdftotext may glue a word to
            # its neighbour's, so a heading word only has to lie whole within a PDF word)
            for kop in tabel["koppen"]:
                gebroken = [w for w in kop.split() if not any(w in pw for pw in woorden)]
                if gebroken:
                    ontbreekt.append(f"{naam}, tabel {i}: kop '{kop}' afgebroken in {gebroken}")
        assert tabellen or naam.endswith("manifest"), f"{naam}: geen tabellen gevonden"
    assert not ontbreekt, "\n".join(ontbreekt)


def test_every_figure_has_a_dutch_alt_text(rapportmap):
    for rapport in sorted(rapportmap.rglob("*.html")):
        html = rapport.read_text(encoding="utf-8")
        afbeeldingen = re.findall(r"<img\b[^>]*>", html)
        for img in afbeeldingen:
            alt = re.search(r'alt="([^"]*)"', img)
            assert alt and len(alt.group(1)) > 40, f"{rapport.name}: figuur zonder beschrijving"
            assert "No description" not in alt.group(1)
            assert re.search(r"\d", alt.group(1)), f"{rapport.name}: alt-tekst zonder cijfers"


def woordvakken(
    pdf: Path,
) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    """Per page of `pdf` its width, height and the box of every word (pdftotext -bbox)."""
    uit = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    paginas = []
    for p in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', uit, re.S):
        woorden = [
            (float(a), float(b), float(c), float(d), html.unescape(t))
            for a, b, c, d, t in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                p.group(3),
            )
        ]
        paginas.append((float(p.group(1)), float(p.group(2)), woorden))
    return paginas


def _overlap(a, b) -> float:
    """The part of the smaller of two word boxes that the other covers."""
    dx = min(a[2], b[2]) - max(a[0], b[0])
    dy = min(a[3], b[3]) - max(a[1], b[1])
    if dx <= 0.5 or dy <= 0.5:
        return 0.0
    kleinste = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return dx * dy / kleinste


def afdrukproblemen(pdf: Path, html_woorden: set[str]) -> list[str]:
    """Overprinted words, words outside the printable area (a cut row), words broken in two
    ('facturatiepe / riode'), and pages left mostly empty before a page of the same size."""
    marge = 15 / 25.4 * 72 - 2  # the @page margin of 15 mm (12 mm landscape), less 2 pt
    paginas = woordvakken(pdf)
    problemen = []
    for i, (breedte, hoogte, woorden) in enumerate(paginas, 1):
        rand = marge if hoogte > breedte else 12 / 25.4 * 72 - 2
        for j, a in enumerate(woorden):
            for b in woorden[j + 1 :]:
                if _overlap(a, b) > 0.1:
                    problemen.append(f"pagina {i}: '{a[4]}' en '{b[4]}' overlappen")
            # the box is the font's: its middle lies within the printable area, or it is cut
            if a[0] < rand - 1 or a[2] > breedte - rand + 1 or (a[1] + a[3]) / 2 > hoogte - rand:
                problemen.append(f"pagina {i}: '{a[4]}' valt buiten de marge (afgesneden)")
            for deel in re.findall(r"[^\W\d_]{3,}", a[4]):
                if deel not in html_woorden:
                    problemen.append(f"pagina {i}: '{deel}' is een afgebroken woord")
        volgende = paginas[i] if i < len(paginas) else None
        if woorden and volgende and (volgende[0], volgende[1]) == (breedte, hoogte):
            onderkant = max(w[3] for w in woorden)
            if onderkant < rand + (hoogte - 2 * rand) / 2:
                problemen.append(f"pagina {i} is voor meer dan de helft leeg")
    return problemen


def test_printed_reports_have_no_overlap_cut_rows_broken_words_or_empty_pages(
    rapportmap, browser, tmp_path
):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext ontbreekt (Debian: poppler-utils); .ci/run installeert het")
    problemen = []
    for rapport in sorted(rapportmap.rglob("*.html")):
        naam = rapport.relative_to(rapportmap).with_suffix("").as_posix()
        pagina = browser.new_page()
        pagina.goto(rapport.as_uri(), wait_until="networkidle")
        pagina.emulate_media(media="print")
        woorden = set(re.findall(r"[^\W\d_]+", pagina.evaluate("document.body.innerText")))
        pdf = tmp_path / f"{naam.replace('/', '_')}.pdf"
        pagina.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        pagina.close()
        problemen += [f"{naam}: {p}" for p in afdrukproblemen(pdf, woorden)]
    assert not problemen, "\n".join(problemen)


def test_print_checker_finds_overprint_cut_rows_and_broken_words(browser, tmp_path):
    slecht = tmp_path / "slecht.html"
    slecht.write_text(
        "<html><head><style>@page { size: A4; margin: 15mm 12mm; }"
        "table { table-layout: fixed; width: 60mm; } td { overflow: visible; }"
        "</style></head><body><h1>Proef</h1>"
        "<table><tr><td>Productspecificatie</td><td>Eenheid</td></tr></table>"
        "<p style='width: 12mm; overflow-wrap: anywhere'>facturatieperiode</p>"
        "<table style='width: 400mm'><tr><td>links</td>"
        "<td style='text-align: right'>Laatste kolom</td></tr></table></body></html>",
        encoding="utf-8",
    )
    pagina = browser.new_page()
    pagina.goto(slecht.as_uri())
    woorden = set(re.findall(r"[^\W\d_]+", pagina.evaluate("document.body.innerText")))
    pdf = tmp_path / "slecht.pdf"
    pagina.pdf(path=str(pdf), prefer_css_page_size=True)
    pagina.close()
    problemen = "\n".join(afdrukproblemen(pdf, woorden))
    assert "'Productspecificatie' en 'Eenheid' overlappen" in problemen
    assert "is een afgebroken woord" in problemen
    assert "valt buiten de marge (afgesneden)" in problemen  # too wide: shrunk or clipped
