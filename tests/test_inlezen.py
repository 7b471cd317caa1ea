"""Ingestion of provider workbooks: every bad and hostile case, in one run over one folder,
so each case is also shown not to disturb the others."""

from __future__ import annotations

import os
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import openpyxl.xml
import pandas as pd
import pytest
import werkmappen as wm
from openpyxl.worksheet.worksheet import Worksheet

from kostprijs.bestanden.atomisch import sha256
from kostprijs.inlezen import lees_map, werkers
from kostprijs.inlezen.openen import controleer_defusedxml


def _hernoem(wb):
    wb["Personeel"].title = "Personeel (2)"


def _extra_blad(wb):
    wb.create_sheet("Notities")["A1"] = "aantekening"


def _verborgen_blad(wb):
    ws: Worksheet = wb.create_sheet("Geheim")
    ws["A1"] = "x"
    ws.sheet_state = "hidden"


def _zeer_verborgen(wb):
    wb["Personeel"].sheet_state = "veryHidden"


def _toelichting_verborgen(wb):
    wb["Toelichting"].sheet_state = "hidden"


def _samenvoegen(wb):
    wb["Algemeen"].merge_cells("C4:D4")  # naam: top-left, value kept
    wb["Algemeen"].merge_cells("B5:C5")  # kvk: not top-left, value lost


def _datum_als_getal(wb):
    cel = wb["Algemeen"]["C11"]
    cel.value, cel.number_format = 46280, "General"
    wb["Algemeen"]["C5"] = "10000019"


def _foutwaarde_als_tekst(wb):
    cel = wb["Bouwstenen"]["D32"]
    cel.value = "#VALUE!"
    cel.data_type = "s"  # text that looks like an error value (a pasted value)


def _leeg(pad: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.save(pad)
    return pad


@pytest.fixture(scope="session")
def run(params, tmp_path_factory):
    """Build all fixture workbooks in one folder and ingest it once."""
    map_ = tmp_path_factory.mktemp("aanbieders")
    basismap = tmp_path_factory.mktemp("basis")

    def basis(naam: str) -> Path:  # the valid workbook, with a KvK number of its own
        return wm.goed(params, basismap / naam)

    wm.goed(params, map_ / "goed.xlsx")
    wm.goed(params, map_ / "jaar_fout.xlsx", sjabloon_jaar=2026, aanbieder_kvk="10000002")
    wm.goed(params, map_ / "versie_fout.xlsx", sjabloon_versie="2026.3", aanbieder_kvk="10000003")
    # the template asks for the figures of boekjaar 2025 (params/2027.yaml: hand-in in 2026)
    wm.goed(params, map_ / "prijsjaar_fout.xlsx", sjabloon_prijsjaar=2024)
    wm.met_openpyxl(params, map_ / "blad_hernoemd.xlsx", _hernoem)
    wm.met_openpyxl(params, map_ / "extra_blad.xlsx", _extra_blad)
    wm.met_openpyxl(params, map_ / "verborgen_blad.xlsx", _verborgen_blad)
    wm.met_openpyxl(params, map_ / "zeer_verborgen.xlsx", _zeer_verborgen)
    wm.met_openpyxl(params, map_ / "toelichting_verborgen.xlsx", _toelichting_verborgen)
    wm.goed(params, map_ / "verplicht_leeg.xlsx", aanbieder_kvk=None)
    wm.goed(
        params, map_ / "tekst_in_getal.xlsx", bs_ozl_1_jaaruren="veel", aanbieder_kvk="10000008"
    )
    wm.goed(
        params, map_ / "decimale_komma.xlsx", bs_ozl_1_materieel="0,75", aanbieder_kvk="10000009"
    )
    wm.goed(
        params, map_ / "dubbelzinnig.xlsx", bs_ozl_1_reiskosten="1.234", aanbieder_kvk="10000010"
    )
    wm.goed(params, map_ / "procent_100x.xlsx", bs_ozl_1_overhead=20, aanbieder_kvk="10000011")
    wm.goed(
        params,
        map_ / "procent_klein.xlsx",
        functie_01_werkgeverslasten=0.0025,
        aanbieder_kvk="10000012",
    )
    wm.goed(params, map_ / "negatief.xlsx", bs_omd_1_ziekte=-10, aanbieder_kvk="10000013")
    wm.goed(params, map_ / "uren_te_veel.xlsx", bs_ozl_1_indirect=1800, aanbieder_kvk="10000014")
    wm.met_openpyxl(params, map_ / "formule_zonder_waarde.xlsx", lambda wb: None)
    wm.goed(
        params,
        map_ / "formule_overschreven.xlsx",
        bs_ozl_1_productieve_uren=1500,
        aanbieder_kvk="10000016",
    )
    wm.goed(
        params,
        map_ / "formule_overschreven_klopt.xlsx",
        bs_ozl_1_productieve_uren=1292,
        aanbieder_kvk="10000017",
    )
    wm.met_openpyxl(params, map_ / "samengevoegd.xlsx", _samenvoegen)
    wm.met_openpyxl(params, map_ / "datum_serieel.xlsx", _datum_als_getal)
    _leeg(map_ / "leeg_werkboek.xlsx")
    (map_ / "tabel.csv").write_text("naam;kostprijs\nTestzorg;49,42\n", encoding="utf-8")
    (map_ / "oud.xls").write_bytes(wm.OLE_KOP + bytes(4088))
    (map_ / "brief.xlsx").write_bytes(wm.docx())
    (map_ / "willekeurig.xlsx").write_bytes(bytes(range(256)) * 16)
    (map_ / "versleuteld.xlsx").write_bytes(
        wm.OLE_KOP + bytes(504) + "EncryptionInfo".encode("utf-16-le") + bytes(3000)
    )
    wm.zip_vervang(
        basis("macro.xlsm"), map_ / "macro.xlsm", {"xl/vbaProject.bin": b"\x00VBA" * 100}
    )
    wm.zip_vervang(
        basis("koppeling.xlsx"),
        map_ / "koppeling.xlsx",
        {"xl/externalLinks/externalLink1.xml": b"<externalLink/>"},
    )
    wm.goed(
        params, map_ / "dubbel_a.xlsx", aanbieder_kvk="87654321", invuldatum=wm.datetime(2026, 9, 1)
    )
    wm.goed(
        params,
        map_ / "dubbel_b.xlsx",
        aanbieder_kvk="87654321",
        invuldatum=wm.datetime(2026, 9, 20),
    )
    wm.goed(params, map_ / "~$goed.xlsx")
    wm.zip_vervang(basis("xml_bom.xlsx"), map_ / "xml_bom.xlsx", {"xl/workbook.xml": wm.xml_bom()})
    wm.zip_met_groot_onderdeel(basis("zip_bom.xlsx"), map_ / "zip_bom.xlsx", "xl/media/bom.bin", 60)
    wm.zip_met_groot_onderdeel(
        basis("zip_bom_verhouding.xlsx"), map_ / "zip_bom_verhouding.xlsx", "xl/media/bom.bin", 5
    )
    wm.zip_vervang(
        basis("miljoen_rijen.xlsx"),
        map_ / "miljoen_rijen.xlsx",
        {"xl/worksheets/sheet5.xml": wm.miljoen_rijen()},
    )
    wm.opmaak_onderaan(basis("opmaak_onderaan.xlsx"), map_ / "opmaak_onderaan.xlsx")
    wm.goed(params, map_ / "foutwaarde.xlsx", bs_ozl_1_materieel="#N/A")  # openpyxl: t="e"
    wm.met_openpyxl(params, map_ / "foutwaarde_tekst.xlsx", _foutwaarde_als_tekst)
    (map_ / "beschadigd.xlsx").write_bytes(b"PK\x03\x04" + bytes(200))
    wm.goed(params, map_ / "niet_aangeboden.xlsx", bs_ozl_2_jaaruren=1872, aanbieder_kvk="10000030")
    wm.goed(params, map_ / "fte_zonder_functie.xlsx", bs_ozl_1_fte_03=0.5, aanbieder_kvk="10000031")
    voor = {p.name: sha256(p) for p in map_.iterdir()}
    uit = tmp_path_factory.mktemp("uit")
    resultaat = lees_map(params, map_, uit, voortgang=False)
    na = {p.name: sha256(p) for p in map_.iterdir()}
    return resultaat, uit, voor, na, map_


def _status(run, bestand: str) -> str:
    df = run[0].inzendingen
    return df.loc[df["bestand"] == bestand, "status"].item()


def _bevindingen(run, bestand: str) -> pd.DataFrame:
    df = run[0].bevindingen
    return df[df["bestand"] == bestand]


def _heeft(
    run, bestand: str, tekst: str, *, ernst: str | None = None, blad="", cel=""
) -> pd.Series:
    df = _bevindingen(run, bestand)
    df = df[df["melding"].str.contains(tekst, regex=False)]
    if ernst:
        df = df[df["ernst"] == ernst]
    if blad:
        df = df[df["blad"] == blad]
    if cel:
        df = df[df["cel"] == cel]
    assert len(df) >= 1, (
        f"{bestand}: geen bevinding '{tekst}' in {_bevindingen(run, bestand).to_dict('records')}"
    )
    return df.iloc[0]


def test_goede_werkmap_zonder_bevindingen(run):
    assert _status(run, "goed.xlsx") == "geaccepteerd"
    assert _bevindingen(run, "goed.xlsx").empty


# (bestand, status, deel van de melding, ernst, blad, cel)
GEVALLEN = [
    ("jaar_fout.xlsx", "afgewezen", "sjabloon voor 2026", "fout", "Toelichting", "C3"),
    ("versie_fout.xlsx", "afgewezen", "Versie 2026.3", "fout", "Toelichting", "C4"),
    (
        "prijsjaar_fout.xlsx",
        "afgewezen",
        "boekjaar 2024; de gemeente vraagt",
        "fout",
        "Toelichting",
        "C7",
    ),
    ("blad_hernoemd.xlsx", "afgewezen", "'Personeel (2)'", "fout", "Personeel", ""),
    (
        "extra_blad.xlsx",
        "geaccepteerd met opmerkingen",
        "Extra blad 'Notities'",
        "opmerking",
        "Notities",
        "",
    ),
    (
        "verborgen_blad.xlsx",
        "geaccepteerd met opmerkingen",
        "Extra verborgen blad 'Geheim'",
        "opmerking",
        "Geheim",
        "",
    ),
    (
        "zeer_verborgen.xlsx",
        "afgewezen",
        "'zeer verborgen' en alleen met een macro zichtbaar te maken",
        "fout",
        "Personeel",
        "",
    ),
    (
        "toelichting_verborgen.xlsx",
        "geaccepteerd met opmerkingen",
        "Het blad 'Toelichting' is verborgen; het is toch ingelezen",
        "opmerking",
        "Toelichting",
        "",
    ),
    (
        "verplicht_leeg.xlsx",
        "afgewezen",
        "KvK-nummer (8 cijfers) is niet ingevuld",
        "fout",
        "Algemeen",
        "C5",
    ),
    ("tekst_in_getal.xlsx", "afgewezen", "'veel' is tekst", "fout", "Bouwstenen", "D20"),
    (
        "decimale_komma.xlsx",
        "geaccepteerd met opmerkingen",
        "decimale komma ('0,75') gelezen als 0,75",
        "opmerking",
        "Bouwstenen",
        "D32",
    ),
    ("dubbelzinnig.xlsx", "afgewezen", "'1.234' is dubbelzinnig", "fout", "Bouwstenen", "D28"),
    ("procent_100x.xlsx", "afgewezen", "20 betekent 2000%", "fout", "Bouwstenen", "D30"),
    (
        "procent_klein.xlsx",
        "afgewezen",
        "0,25% is onwaarschijnlijk laag; bedoelt u 25%",
        "fout",
        "Personeel",
        "H7",
    ),
    ("negatief.xlsx", "afgewezen", "-10 kan niet", "fout", "Bouwstenen", "G22"),
    (
        "uren_te_veel.xlsx",
        "afgewezen",
        "zijn samen meer dan de jaaruren (1872)",
        "fout",
        "Bouwstenen",
        "D25",
    ),
    (
        "formule_zonder_waarde.xlsx",
        "geaccepteerd met opmerkingen",
        "geen opgeslagen uitkomst",
        "opmerking",
        "Personeel",
        "I7",
    ),
    (
        "formule_overschreven.xlsx",
        "afgewezen",
        "klopt niet met uw invoer",
        "fout",
        "Bouwstenen",
        "D26",
    ),
    (
        "formule_overschreven_klopt.xlsx",
        "geaccepteerd met opmerkingen",
        "dat wel klopt",
        "opmerking",
        "Bouwstenen",
        "D26",
    ),
    ("samengevoegd.xlsx", "afgewezen", "de waarde staat alleen in B5", "fout", "Algemeen", "C5"),
    (
        "datum_serieel.xlsx",
        "geaccepteerd met opmerkingen",
        "als getal (46280)",
        "opmerking",
        "Algemeen",
        "C11",
    ),
    (
        "leeg_werkboek.xlsx",
        "afgewezen",
        "Geen enkel blad van het kostprijssjabloon",
        "fout",
        "",
        "",
    ),
    ("tabel.csv", "afgewezen", "tekstbestand (bijvoorbeeld CSV)", "fout", "", ""),
    ("oud.xls", "afgewezen", "oude Excel-formaat (.xls", "fout", "", ""),
    ("brief.xlsx", "afgewezen", "Word-document met een Excel-extensie", "fout", "", ""),
    ("willekeurig.xlsx", "afgewezen", "een bestand van onbekend soort", "fout", "", ""),
    ("versleuteld.xlsx", "afgewezen", "met een wachtwoord versleuteld", "fout", "", ""),
    ("macro.xlsm", "geaccepteerd met opmerkingen", "bevat macro's", "opmerking", "", ""),
    (
        "koppeling.xlsx",
        "geaccepteerd met opmerkingen",
        "koppeling(en) naar andere bestanden",
        "opmerking",
        "",
        "",
    ),
    ("xml_bom.xlsx", "afgewezen", "DOCTYPE- of ENTITY-declaratie", "fout", "", ""),
    ("zip_bom.xlsx", "afgewezen", "mogelijk een zip-bom", "fout", "", ""),
    ("zip_bom_verhouding.xlsx", "afgewezen", "keer samengeperst", "fout", "", ""),
    ("miljoen_rijen.xlsx", "afgewezen", "loopt tot rij 1.000.000", "fout", "Realisatie", ""),
    (
        "beschadigd.xlsx",
        "afgewezen",
        "beschadigd: het is geen geldige Excel-werkmap",
        "fout",
        "",
        "",
    ),
    (
        "foutwaarde.xlsx",
        "afgewezen",
        "De cel toont de foutwaarde #N/A (waarde niet beschikbaar)",
        "fout",
        "Bouwstenen",
        "D32",
    ),
    (
        "foutwaarde_tekst.xlsx",
        "afgewezen",
        "De cel bevat de foutwaarde #VALUE! (verkeerd soort waarde in een berekening) als tekst",
        "fout",
        "Bouwstenen",
        "D32",
    ),
    (
        "niet_aangeboden.xlsx",
        "geaccepteerd met opmerkingen",
        "Er zijn cijfers ingevuld voor OZL 2",
        "opmerking",
        "Algemeen",
        "E17",
    ),
    (
        "fte_zonder_functie.xlsx",
        "afgewezen",
        "functie 3 is niet ingevuld",
        "fout",
        "Bouwstenen",
        "D11",
    ),
]


@pytest.mark.parametrize(
    ("bestand", "status", "tekst", "ernst", "blad", "cel"), GEVALLEN, ids=[g[0] for g in GEVALLEN]
)
def test_geval(run, bestand, status, tekst, ernst, blad, cel):
    gevonden = _heeft(run, bestand, tekst, ernst=ernst, blad=blad, cel=cel)
    assert gevonden["bestand"] == bestand
    assert _status(run, bestand) == status


def test_ten_minste_25_gevallen():
    assert len({g[0] for g in GEVALLEN}) >= 25


def test_dubbele_inzending_laatste_invuldatum_telt(run):
    df = run[0].inzendingen.set_index("bestand")
    assert df.loc["dubbel_a.xlsx", "status"] == "vervangen"
    assert df.loc["dubbel_a.xlsx", "telt_mee"] == "nee"
    assert "vervangen door dubbel_b.xlsx" in df.loc["dubbel_a.xlsx", "reden"]
    assert "laatste invuldatum" in df.loc["dubbel_a.xlsx", "reden"]
    assert df.loc["dubbel_b.xlsx", "telt_mee"] == "ja"


def test_opmaak_onder_het_sjabloon_is_onschuldig(run):
    """Excel wrote a formatted, empty cell at XFD1048576: judged by the cells with values."""
    assert _status(run, "opmaak_onderaan.xlsx") == "geaccepteerd"


def test_miljoen_rijen_met_advies(run):
    melding = _heeft(run, "miljoen_rijen.xlsx", "loopt tot rij")["melding"]
    assert "vanaf rij 501" in melding and "Wissen > Alles wissen" in melding


def test_eigen_formuletekst_onschadelijk_in_csv(run):
    """bevindingen.csv names the template's formula (=D20-D21-...) as text, never as a
    formula: a quote in front."""
    _res, uit, *_ = run
    df = pd.read_csv(uit / "bevindingen.csv", dtype=str, keep_default_na=False)
    rij = df[(df["bestand"] == "formule_overschreven.xlsx") & (df["cel"] == "D26")].iloc[0]
    assert rij["verwacht"] == "'=D20-D21-D22-D23-D24-D25"
    for kolom in ("gevonden", "verwacht", "melding"):
        assert not df[kolom].str.match(r"[=+@\t\r]").any(), kolom


def test_slotbestand_overgeslagen(run):
    assert "~$goed.xlsx" in run[0].overgeslagen
    assert "~$goed.xlsx" not in set(run[0].inzendingen["bestand"])


def test_elk_bestand_in_overzicht_en_met_terugkoppeling(run):
    resultaat, uit, *_, map_ = run
    bestanden = {p.name for p in map_.iterdir() if not p.name.startswith("~$")}
    assert set(resultaat.inzendingen["bestand"]) == bestanden
    for r in resultaat.inzendingen.itertuples():
        assert bool(r.terugkoppeling) == bool(r.fouten or r.opmerkingen), r.bestand
        if r.terugkoppeling:
            html = (uit / r.terugkoppeling).read_text(encoding="utf-8")
            assert "Terugkoppeling op uw kostprijssjabloon 2027" in html
            assert "<script" not in html


def test_ruwe_bestanden_onaangeroerd(run):
    _resultaat, _uit, voor, na, _map = run
    assert voor == na


def test_decimale_komma_exact_in_bouwstenen(run):
    resultaat, uit, *_ = run
    df = pd.read_csv(uit / "bouwstenen.csv", dtype=str, keep_default_na=False)
    id_ = resultaat.inzendingen.set_index("bestand").loc["decimale_komma.xlsx", "aanbieder_id"]
    rij = df[(df["aanbieder_id"] == id_) & (df["productspecificatie"] == "OZL 1")].iloc[0]
    assert Decimal(rij["materieel"]) == Decimal("0.75")
    assert rij["overhead"] == "0.12"
    assert rij["groepsgrootte"] == ""


def test_afgewezen_niet_in_cijfers(run):
    resultaat, uit, *_ = run
    ids = set(pd.read_csv(uit / "bouwstenen.csv", dtype=str)["aanbieder_id"])
    mee = resultaat.inzendingen[resultaat.inzendingen["telt_mee"] == "ja"]
    assert ids == set(mee["aanbieder_id"])
    assert "Testzorg B.V." not in (uit / "bouwstenen.csv").read_text(encoding="utf-8")


def test_uitvoer_deterministisch(run, params, tmp_path):
    *_, map_ = run
    tweede = tmp_path / "uit2"
    lees_map(params, map_, tweede, voortgang=False)
    eerste = run[1]
    namen = sorted(p.relative_to(eerste) for p in eerste.rglob("*") if p.is_file())
    assert namen == sorted(p.relative_to(tweede) for p in tweede.rglob("*") if p.is_file())
    for naam in namen:
        assert (eerste / naam).read_bytes() == (tweede / naam).read_bytes(), naam
    assert b"\r\n" not in (eerste / "inzendingen.csv").read_bytes()


def test_openpyxl_gebruikt_defusedxml():
    assert openpyxl.xml.DEFUSEDXML
    controleer_defusedxml()


def test_crash_van_werker_wijst_alleen_dat_bestand_af(params, tmp_path, monkeypatch):
    map_ = tmp_path / "in"
    map_.mkdir()
    wm.goed(params, map_ / "a_goed.xlsx")
    wm.goed(params, map_ / "crash.xlsx", aanbieder_kvk="11111111")
    echt = werkers.open_veilig

    def open_of_crash(pad, ip):
        if pad.name == "crash.xlsx":
            os._exit(3)
        return echt(pad, ip)

    monkeypatch.setattr(werkers, "open_veilig", open_of_crash)
    resultaat = lees_map(params, map_, tmp_path / "uit", voortgang=False)
    df = resultaat.inzendingen.set_index("bestand")
    assert df.loc["a_goed.xlsx", "status"] == "geaccepteerd"
    assert df.loc["crash.xlsx", "status"] == "afgewezen"
    assert "vastlopen" in df.loc["crash.xlsx", "reden"]


def test_zip_bom_niet_uitgepakt(run):
    rij = _heeft(run, "zip_bom.xlsx", "zip-bom")
    assert rij["verwacht"] == "hooguit 50 MB"


def test_macro_bestand_wel_ingelezen(run):
    assert run[0].inzendingen.set_index("bestand").loc["macro.xlsm", "telt_mee"] == "ja"


def test_sjabloon_heeft_beveiliging_en_validatie(params, tmp_path):
    from kostprijs.sjabloon.indeling import indeling

    pad = wm.goed(params, tmp_path / "s.xlsx")
    wb = openpyxl.load_workbook(pad)
    ind = indeling(params)
    assert set(wb.defined_names) == {v.naam for v in ind.velden}
    for blad in ("Algemeen", "Personeel", "Bouwstenen", "Realisatie"):
        assert wb[blad].protection.sheet
        assert wb[blad].data_validations.dataValidation
    formule = ind.veld("functie_01_loonkosten")
    assert wb[formule.blad][formule.cel].protection.locked
    invoer = ind.veld("functie_01_jaarsalaris")
    assert not wb[invoer.blad][invoer.cel].protection.locked
    with zipfile.ZipFile(pad) as z:
        assert b"<f>D7*(1+E7+F7+G7)*(1+H7)</f><v>" in z.read("xl/worksheets/sheet3.xml")


def test_elke_afwijzing_zegt_wat_de_aanbieder_moet_doen(run):
    """Walks every kind of rejection this run provokes (some 27 different messages)."""
    fouten = run[0].bevindingen.query("ernst == 'fout'")
    assert fouten["melding"].nunique() >= 25
    assert wm.zonder_actie(run[0].bevindingen) == []
    tekst = _bevindingen(run, "tekst_in_getal.xlsx").query("ernst == 'fout'")["melding"].item()
    assert "0 als er geen kosten zijn" in tekst


def _terugkoppeling(run, naam: str) -> str:
    pad = run[0].inzendingen.set_index("bestand").loc[naam, "terugkoppeling"]
    return (run[1] / pad).read_text(encoding="utf-8")


def test_terugkoppeling_noemt_velden_zoals_het_sjabloon(run):
    html = _terugkoppeling(run, "tekst_in_getal.xlsx")
    assert "<td>OZL 1: Jaaruren per fte (contracturen per jaar)</td>" in html
    assert "bs_ozl_1_jaaruren" not in html
    html = _terugkoppeling(run, "procent_klein.xlsx")
    assert "<td>Functie 1: Werkgeverslasten (sociale lasten en pensioen)</td>" in html
