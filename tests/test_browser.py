"""Every report opens in headless Chromium offline: no failed or external request, no console
error, a title; a full-page screenshot per report goes to test-output/screenshots/.

The reports come from the real pipeline (`make report`) run into a temporary folder on the
synthetic sample, so the real data/, build/ and reports/ are not touched.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import draai_pijplijn

from kostprijs.paden import NOTEBOOKS, PROJECT

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = PROJECT / "test-output" / "screenshots"
TOEGESTAAN = ("file:", "data:", "about:")

pytestmark = pytest.mark.traag

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} ontbreekt; .ci/run installeert chromium", pytrace=False)
    pytest.skip(f"{CHROMIUM} ontbreekt (alleen in CI verplicht)", allow_module_level=True)


@pytest.fixture(scope="module")
def rapportmap(tmp_path_factory) -> Path:
    """`make report` on a fresh sample into a temporary folder; returns its reports folder."""
    mappen = draai_pijplijn(tmp_path_factory.mktemp("pijplijn"))
    uitgevoerd = {p.name for p in mappen["BUILD"].glob("*.ipynb")}
    assert uitgevoerd == {p.name for p in NOTEBOOKS.glob("*.ipynb")}, "niet elk notebook draaide"
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
