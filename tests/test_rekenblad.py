"""The what-if workbook: `wat_als` against hand calculations, and the workbook's live formulas,
recalculated by LibreOffice, against `wat_als` for several input combinations, to the cent.

The LibreOffice tests need `soffice` (and pdftotext for the print check); skipped without.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_libreoffice import _over_elkaar, _woorden

from kostprijs.budget.wat_als import GEINDEXEERD, Rekenbladinvoer, Rekenregel, wat_als
from kostprijs.rapport.rekenblad import BEREKENING, INVOER, UITLEG, indeling, schrijf_rekenblad

SOFFICE = shutil.which("soffice")
libreoffice = [
    pytest.mark.traag,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice ontbreekt"),
]
VOORSTEL, LAAG = "Voorstel", "Variant laag"
VERBORGEN = 4512  # the suppressed tarief of "Groep" in Voorstel: never in the workbook
D = Decimal


def _regel(naam, eenheid, volume, eenmalig, huidig, voorstel, laag):
    return Rekenregel(
        naam, eenheid, D(volume), D(eenmalig), huidig, {VOORSTEL: voorstel, LAAG: laag}
    )


INVOER_ = Rekenbladinvoer(
    gemeente="Testgemeente",
    tariefjaar=2028,
    run_id="20280101T000000-abc123",
    datum="1 januari 2028",
    gebruiksfactor=D("0.65"),
    indexjaren=((2027, D("0.0363")), (2028, D("0.0421"))),
    scenarios=(VOORSTEL, LAAG),
    voorstel=VOORSTEL,
    regels=(
        _regel("Individueel basis", "uur", "1234.567", "0", 5100, 5260, 5150),
        _regel("Groep", "dagdeel", "8765.432", "0", 4321, None, 4400),
        _regel("Kort traject", "traject", "0", "37", 98765, 101234, 99999),
        _regel("Individueel specialistisch", "uur", "555.555", "12.5", 6789, 7012, 6950),
        _regel("Nieuw product", "uur", "10.001", "0", None, 6000, 5900),
    ),
    afronding_centen=3,
    afronding_huidig_centen=-2,
)


def _groot() -> Rekenbladinvoer:
    """Forty random lines with large volumes, three scenarios and one index year, plus lines
    whose exact amount ends in half a cent at a gebruiksfactor of 50% (a tie for rounding)."""
    kans = random.Random(21)
    namen = ("A", "B", "C")
    regels = []
    for i in range(40):
        tarieven = {s: kans.randint(2000, 990000) for s in namen}
        if i % 7 == 0:
            tarieven["B"] = None
        volume = D(kans.randint(0, 999_999_999)) / 1000
        eenmalig = D(kans.randint(0, 99_999)) / 1000 if i % 5 == 0 else D(0)
        regels.append(
            Rekenregel(f"Regel {i}", "uur", volume, eenmalig, kans.randint(2000, 990000), tarieven)
        )
    for i, (volume, t) in enumerate((("1", 5261), ("999999", 7777), ("0.001", 1000))):
        regels.append(Rekenregel(f"Half {i}", "uur", D(volume), D(0), t, dict.fromkeys(namen, t)))
    return Rekenbladinvoer(
        "Grote gemeente", 2028, "groot", "2 januari 2028", D("0.8123"),
        ((2028, D("0.0477")),), namen, "A", tuple(regels), 12345, -678,
    )  # fmt: skip


GROOT = _groot()


def test_wat_als_rounds_half_cents_up():
    # 1 uur x 50% x € 52,61 = € 26,305 -> € 26,31; 999.999 x 50% x € 77,77 = € 38.884.961,115
    u = wat_als(GROOT, gebruiksfactor=D("0.5"))
    half = {r.regel: r.bedrag_centen for r in u.regels if r.regel.startswith("Half")}
    assert half == {"Half 0": 2631, "Half 1": 3888496112, "Half 2": 1}


def test_wat_als_matches_hand_calculations():
    u = wat_als(INVOER_)
    bedrag = {r.regel: r.bedrag_centen for r in u.regels}
    # 1.234,567 uur x 0,65 = 802,46855 uur; x € 52,60 = € 42.209,84573 -> € 42.209,85
    assert bedrag["Individueel basis"] == 4220985
    # Groep: tarief not public, so € 43,21 x 1,0363 x 1,0421 = € 46,6636988... -> € 46,66;
    # 8.765,432 x 0,65 = 5.697,5308 dagdelen x € 46,66 = € 265.846,787128 -> € 265.846,79
    groep = u.regels[1]
    assert (groep.tarief_centen, groep.herkomst, groep.bedrag_centen) == (
        4666,
        GEINDEXEERD,
        26584679,
    )
    # one-off: 37 trajecten x € 1.012,34 = € 37.456,58, without the gebruiksfactor
    assert bedrag["Kort traject"] == 3745658
    # (555,555 x 0,65 + 12,5) = 373,61075 uur x € 70,12 = € 26.197,58579 -> € 26.197,59
    assert bedrag["Individueel specialistisch"] == 2619759
    # no current tarief: the current amount is 0
    assert u.regels[4].huidig_bedrag_centen == 0
    assert u.totaal_centen == sum(bedrag.values()) + 3
    assert u.huidig_totaal_centen == sum(r.huidig_bedrag_centen for r in u.regels) - 2
    assert u.verschil_centen == u.totaal_centen - u.huidig_totaal_centen
    # +2,5% on € 52,60 = € 53,915 -> € 53,92 (half up); an own tarief wins over a wijziging
    w = wat_als(
        INVOER_,
        wijziging_pct={"Individueel basis": D("0.025"), "Kort traject": D("0.1")},
        eigen_tarief={"Kort traject": D("1000")},
    )
    assert w.regels[0].tarief_centen == 5392 and w.regels[0].gewijzigd
    assert w.regels[2].tarief_centen == 100000 and not w.regels[2].gewijzigd


def test_invoer_is_checked():
    with pytest.raises(ValueError, match="voorstel"):
        Rekenbladinvoer("g", 2028, "r", "d", D("0.6"), (), ("a",), "b", ())
    with pytest.raises(ValueError, match="decimalen"):
        _regel("r", "uur", "1.2345", "0", 1, 1, 1)
    with pytest.raises(ValueError, match="niet openbaar"):
        Rekenbladinvoer("g", 2028, "r", "d", D("0.6"), (), (VOORSTEL, LAAG), VOORSTEL,
                        (_regel("r", "uur", "1", "0", None, None, 1),))  # fmt: skip


# (name, inputs as wat_als takes them); each is written into the workbook's input cells
COMBINATIES = [
    ("run", {}),
    ("groot_run", {}),
    (
        "groot_half",
        {
            "gebruiksfactor": D("0.5"),
            "scenario": "B",
            "wijziging_pct": {"Half 0": D("0.025"), "Regel 3": D("-0.0133")},
        },
    ),
    ("factor", {"gebruiksfactor": D("0.60")}),
    ("index", {"index": {2028: D("0.05")}}),
    ("laag", {"scenario": LAAG}),
    ("eigen", {"eigen_tarief": {"Groep": D("47.35"), "Individueel basis": D("55.55")}}),
    (
        "wijziging",
        {"wijziging_pct": {"Individueel specialistisch": D("-0.025"), "Groep": D("0.01")}},
    ),
    (
        "alles",
        {
            "gebruiksfactor": D("0.7325"),
            "index": {2027: D("0.031"), 2028: D("0.0289")},
            "scenario": LAAG,
            "eigen_tarief": {"Kort traject": D("1100.10")},
            "wijziging_pct": {"Nieuw product": D("0.0333"), "Kort traject": D("0.5")},
        },
    ),
]


def _invoer(naam: str) -> Rekenbladinvoer:
    return GROOT if naam.startswith("groot") else INVOER_


def _vul_in(invoer: Rekenbladinvoer, bron: Path, doel: Path, keuzes: dict) -> None:
    ind = indeling(invoer)
    wb = load_workbook(bron)
    ws = wb[INVOER]
    if "scenario" in keuzes:
        ws[ind.scenario] = keuzes["scenario"]
    if "gebruiksfactor" in keuzes:
        ws[ind.gebruiksfactor] = float(keuzes["gebruiksfactor"])
    for jaar, f in keuzes.get("index", {}).items():
        ws[ind.index[jaar]] = float(f)
    for regel, t in keuzes.get("eigen_tarief", {}).items():
        ws[ind.eigen_tarief[regel]] = float(t)
    for regel, p in keuzes.get("wijziging_pct", {}).items():
        ws[ind.wijziging[regel]] = float(p)
    wb.save(doel)


def _libreoffice(bestanden: list[Path], doel: str, map_: Path, profiel: Path) -> None:
    """Convert all `bestanden` in one LibreOffice run (it recalculates formulas on load)."""
    subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{profiel}", "--convert-to", doel,
         "--outdir", str(map_), *map(str, bestanden)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip


def _is_euro(waarde, centen: int) -> bool:
    """The cell holds exactly centen / 100, as the formulas compute it from whole cents."""
    return isinstance(waarde, int | float) and waarde == centen / 100


@pytest.fixture(scope="module")
def herrekend(tmp_path_factory) -> dict[str, Path]:
    """Per combination the workbook as LibreOffice recalculated and saved it."""
    if SOFFICE is None:
        pytest.skip("LibreOffice ontbreekt")
    tmp = tmp_path_factory.mktemp("rekenblad")
    schrijf_rekenblad(INVOER_, tmp / "rekenblad.xlsx")
    schrijf_rekenblad(GROOT, tmp / "groot.xlsx")
    (tmp / "in").mkdir()
    for naam, keuzes in COMBINATIES:
        bron = tmp / ("groot.xlsx" if naam.startswith("groot") else "rekenblad.xlsx")
        _vul_in(_invoer(naam), bron, tmp / "in" / f"{naam}.xlsx", keuzes)
    _libreoffice(sorted((tmp / "in").iterdir()), "xlsx", tmp / "uit", tmp / "profiel")
    return {naam: tmp / "uit" / f"{naam}.xlsx" for naam, _ in COMBINATIES}


@pytest.mark.traag
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice ontbreekt")
@pytest.mark.parametrize(("naam", "keuzes"), COMBINATIES, ids=[c[0] for c in COMBINATIES])
def test_workbook_formulas_equal_wat_als_to_the_cent(herrekend, naam, keuzes):
    verwacht = wat_als(_invoer(naam), **keuzes)
    ind = indeling(_invoer(naam))
    ws = load_workbook(herrekend[naam], data_only=True)[BEREKENING]
    for r in verwacht.regels:
        assert _is_euro(ws[ind.bedrag[r.regel]].value, r.bedrag_centen), r.regel
        assert _is_euro(ws[ind.huidig_bedrag[r.regel]].value, r.huidig_bedrag_centen), r.regel
    assert _is_euro(ws[ind.totaal].value, verwacht.totaal_centen)
    assert _is_euro(ws[ind.huidig_totaal].value, verwacht.huidig_totaal_centen)
    assert _is_euro(ws[ind.verschil].value, verwacht.verschil_centen)


def _alle_waarden(pad: Path, data_only: bool) -> list:
    wb = load_workbook(pad, data_only=data_only)
    return [c.value for ws in wb.worksheets for rij in ws.iter_rows() for c in rij]


@pytest.mark.traag
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice ontbreekt")
def test_no_suppressed_tarief_anywhere(herrekend, tmp_path):
    schrijf_rekenblad(INVOER_, tmp_path / "r.xlsx")
    waarden = _alle_waarden(tmp_path / "r.xlsx", False)
    waarden += [w for p in herrekend.values() for w in _alle_waarden(p, True)]
    for w in waarden:
        if isinstance(w, int | float):
            assert round(w * 100) != VERBORGEN and round(w) != VERBORGEN, w
        elif isinstance(w, str):
            assert "45,12" not in w and "45.12" not in w and "4512" not in w, w
    assert "x" in waarden  # shown instead


def test_written_atomically_and_reproducibly(tmp_path):
    schrijf_rekenblad(INVOER_, tmp_path / "a.xlsx")
    schrijf_rekenblad(INVOER_, tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.xlsx"]
    wb = load_workbook(tmp_path / "a.xlsx")
    assert wb.defined_names["gebruiksfactor"].attr_text == "Invoer!$B$6"
    assert "Testgemeente" in wb[UITLEG]["A1"].value


def test_only_input_cells_are_unlocked_and_sheets_protected(tmp_path):
    schrijf_rekenblad(INVOER_, tmp_path / "r.xlsx")
    wb = load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames == ["Uitleg", "Invoer", "Tarieven", "Berekening"]
    for ws in wb.worksheets:
        assert ws.protection.sheet, ws.title
        assert ws["A2"].value == "Uit run 20280101T000000-abc123, 1 januari 2028"
        open_ = {c.coordinate for rij in ws.iter_rows() for c in rij if not c.protection.locked}
        verwacht = indeling(INVOER_).invoercellen if ws.title == INVOER else set()
        assert open_ == verwacht, ws.title
    gevalideerd = {
        str(r) for dv in wb[INVOER].data_validations.dataValidation for r in dv.sqref.ranges
    }
    assert gevalideerd == indeling(INVOER_).invoercellen
    assert all(dv.prompt for dv in wb[INVOER].data_validations.dataValidation)
    lijst = [dv for dv in wb[INVOER].data_validations.dataValidation if dv.type == "list"]
    assert [dv.formula1 for dv in lijst] == ["Tarieven!$D$5:$E$5"]
    assert [wb["Tarieven"].cell(5, k).value for k in (4, 5)] == [VOORSTEL, LAAG]


def test_prints_on_a4_fitted_to_width(tmp_path):
    schrijf_rekenblad(INVOER_, tmp_path / "r.xlsx")
    for ws in load_workbook(tmp_path / "r.xlsx").worksheets:
        assert ws.page_setup.paperSize == 9 and ws.page_setup.fitToWidth == 1, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
    assert load_workbook(tmp_path / "r.xlsx")[BEREKENING].print_title_rows == "$7:$7"


@pytest.mark.traag
@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None, reason="ontbreekt")
def test_pdf_has_no_text_over_text(tmp_path):
    schrijf_rekenblad(INVOER_, tmp_path / "rekenblad.xlsx")
    _libreoffice([tmp_path / "rekenblad.xlsx"], "pdf", tmp_path, tmp_path / "profiel")
    paginas = _woorden(tmp_path / "rekenblad.pdf")
    assert 4 <= len(paginas) <= 8
    over_elkaar = {n: _over_elkaar(p) for n, p in enumerate(paginas, start=1)}
    assert not {n: p for n, p in over_elkaar.items() if p}, over_elkaar
