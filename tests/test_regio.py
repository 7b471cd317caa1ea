"""A region's budget impact per member municipality against independent truth.

The regional sample (params/2029.yaml, four invented members) is run once as a region. Its
members' figures must add up to the region's to the cent, and each member's row must equal a
separate single-municipality run on that member's rows alone, split from the raw files by hand
in this test. Rows outside the region and a bad section `regio` are refused, in Dutch, with
file, row and key.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from kostprijs.budget.impact import (
    HUIDIG,
    NIEUW,
    NIEUWE_PRODUCTEN,
    Budgetimpact,
    bereken_budgetimpact,
)
from kostprijs.fouten import ConfiguratieFout, InvoerFout
from kostprijs.paden import PROJECT
from kostprijs.parameters import laad_parameters
from kostprijs.scenarios import BUDGETNEUTRAAL
from kostprijs.voorbeeld.gegevens import schrijf_voorbeeld

SLEUTEL = b"k" * 32
PARAMS = PROJECT / "params"
JAAR, REALISATIEJAAR = 2029, 2028
INDICATIES = "indicaties.csv"
REALISATIE = f"realisatie_{REALISATIEJAAR}.csv"
HUIDIGE_TARIEVEN = "tarieven_huidig.csv"
REGIO = "Regio Voorbeeldland"
LEDEN = [
    ("Voorbeeldstad", "GM9901"),
    ("Heidebroek", "GM9902"),
    ("Noordendorp", "GM9903"),
    ("Kleindorp", "GM9904"),
]
# the new tariff list: the cost prices the sample's providers calculate around
# (params/2029.voorbeeld.yaml), so the new tarieven differ from the current ones
NIEUWE_TARIEVEN = (
    "productspecificatie;variant;eenheid;tarief\n"
    "OZL 1;;uur;49,42\nOZL 2;;uur;52,86\nOZL 3;;uur;62,30\n"
    "OMD 1;;dagdeel;33,97\nOMD 2;;dagdeel;46,89\nOMD 3;;dagdeel;60,31\n"
    "Vervoer;;etmaal;13,08\nKortdurend verblijf;;etmaal;94,50\n"
    "Kortdurend verblijf extra;;etmaal;188,28\n"
)
NIEUW_RIJ = f"Indicaties × gebruiksfactor × {NIEUW}"
HUIDIG_RIJ = f"Indicaties × gebruiksfactor × {HUIDIG}"
# the top-level section regio of a parameter file: its key and its indented lines
REGIO_BLOK = re.compile(r"(?m)^regio:[^\n]*\n(?:[ \t]+[^\n]*\n|[ \t]*#[^\n]*\n)*")


# --- reading and writing the raw files as a municipality sends them --------------------------


def lees_csv(pad: Path) -> pd.DataFrame:
    """A raw CSV of the sample as text cells: semicolons, decimal commas, UTF-8 with BOM."""
    return pd.read_csv(pad, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def schrijf_csv(df: pd.DataFrame, pad: Path) -> Path:
    """`df` (text cells, decimal commas untouched) with the sample's own conventions."""
    df.to_csv(pad, sep=";", index=False, encoding="utf-8-sig", lineterminator="\n")
    return pad


def kopieer_raw(bron: Path, doel: Path) -> Path:
    """The files the budget impact reads, copied from the raw folder `bron` into `doel`."""
    doel.mkdir(parents=True, exist_ok=True)
    for naam in (INDICATIES, REALISATIE, HUIDIGE_TARIEVEN):
        shutil.copyfile(bron / naam, doel / naam)
    return doel


def parameters_met_regio(map_: Path, blok: str | None, basis: str = "2029.yaml") -> Path:
    """A copy of params/<basis> in `map_` whose section regio is `blok` (None: no section).
    A base file without the section gets `blok` after its line `gemeente:`."""
    tekst = (PARAMS / basis).read_text(encoding="utf-8")
    nieuw = blok or ""
    if REGIO_BLOK.search(tekst):
        tekst = REGIO_BLOK.sub(lambda _: nieuw, tekst, count=1)
    else:
        tekst = re.sub(r"(?m)^(gemeente:[^\n]*\n)", lambda m: m.group(1) + nieuw, tekst, count=1)
    assert (REGIO_BLOK.search(tekst) is not None) == (blok is not None)
    map_.mkdir(parents=True, exist_ok=True)
    pad = map_ / basis
    pad.write_text(tekst, encoding="utf-8")
    return pad


# --- fixtures: the sample, its regional run and the runs per member --------------------------


@pytest.fixture(scope="module")
def regio_params():
    return laad_parameters(JAAR)


@pytest.fixture(scope="module")
def voorbeeld(tmp_path_factory, regio_params) -> Path:
    raw = tmp_path_factory.mktemp("regio") / "raw"
    schrijf_voorbeeld(regio_params, raw)
    return raw


@pytest.fixture(scope="module")
def nieuw(tmp_path_factory) -> Path:
    pad = tmp_path_factory.mktemp("tarieven") / "tarieven_nieuw.csv"
    pad.write_text(NIEUWE_TARIEVEN, encoding="utf-8")
    return pad


@pytest.fixture(scope="module")
def regionaal(regio_params, voorbeeld, nieuw) -> Budgetimpact:
    return bereken_budgetimpact(regio_params, voorbeeld, nieuw, sleutel=SLEUTEL)


@pytest.fixture(scope="module")
def enkel_params(tmp_path_factory):
    """params/2029.yaml without its section regio: one municipality."""
    pad = parameters_met_regio(tmp_path_factory.mktemp("enkel"), None)
    params = laad_parameters(pad=pad)
    assert params.regio is None and params.jaar == JAAR
    return params


@pytest.fixture(scope="module")
def gesplitst(tmp_path_factory, voorbeeld) -> dict[str, Path]:
    """Per member a raw folder of its own rows only, split by hand, without column gemeente."""
    indicaties, realisatie = lees_csv(voorbeeld / INDICATIES), lees_csv(voorbeeld / REALISATIE)
    # the sample names the member by name in the indications, by CBS code in the realisation
    assert set(indicaties["gemeente"]) == {naam for naam, _ in LEDEN}
    assert set(realisatie["gemeente"]) == {cbs for _, cbs in LEDEN}
    basis = tmp_path_factory.mktemp("leden")
    mappen = {}
    for naam, cbs in LEDEN:
        raw = basis / naam.lower()
        raw.mkdir()
        eigen_i = indicaties[indicaties["gemeente"] == naam].drop(columns="gemeente")
        eigen_r = realisatie[realisatie["gemeente"] == cbs].drop(columns="gemeente")
        assert len(eigen_i) and len(eigen_r)
        schrijf_csv(eigen_i, raw / INDICATIES)
        schrijf_csv(eigen_r, raw / REALISATIE)
        shutil.copyfile(voorbeeld / HUIDIGE_TARIEVEN, raw / HUIDIGE_TARIEVEN)
        mappen[naam] = raw
    totaal = sum(len(lees_csv(m / INDICATIES)) for m in mappen.values())
    assert totaal == len(indicaties)
    assert sum(len(lees_csv(m / REALISATIE)) for m in mappen.values()) == len(realisatie)
    return mappen


@pytest.fixture(scope="module")
def per_lid(enkel_params, gesplitst, nieuw) -> dict[str, Budgetimpact]:
    return {
        naam: bereken_budgetimpact(enkel_params, raw, nieuw, sleutel=SLEUTEL)
        for naam, raw in gesplitst.items()
    }


def _rij(bi: Budgetimpact, naam: str) -> pd.Series:
    return bi.totalen.set_index("scenario").loc[naam]


def _lid(bi: Budgetimpact, naam: str) -> pd.Series:
    return bi.gemeenten.set_index("gemeente").loc[naam]


# --- 1. additivity on the regional sample ----------------------------------------------------


def test_a_single_municipality_has_no_figures_per_member(per_lid):
    for bi in per_lid.values():
        assert bi.gemeenten is None and bi.gemeenten_gevoeligheid is None
        assert bi.gemeenten_scenarios is None and bi.gemeenten_producten is None


def test_members_in_the_order_of_the_parameters(regionaal):
    g = regionaal.gemeenten
    assert g["gemeente"].tolist() == [naam for naam, _ in LEDEN]
    assert g["cbs"].tolist() == [cbs for _, cbs in LEDEN]
    # every member has clients and the very small one is very small (sample: 1,5%)
    assert (g["clienten"] > 0).all()
    assert g.set_index("gemeente").loc["Kleindorp", "clienten"] < 50


def test_clients_add_up(regionaal):
    g = regionaal.gemeenten
    assert int(g["clienten"].sum()) == regionaal.aantal_clienten
    assert int(g["bestaande_clienten"].sum()) == regionaal.aantal_bestaand


def test_costs_per_year_add_up_to_the_cent(regionaal):
    g = regionaal.gemeenten
    nieuw, huidig = _rij(regionaal, NIEUW_RIJ), _rij(regionaal, HUIDIG_RIJ)
    assert int(g["nieuw_alle_centen"].sum()) == nieuw["alle_clienten_centen"]
    assert int(g["nieuw_bestaand_centen"].sum()) == nieuw["bestaande_clienten_centen"]
    assert int(g["huidig_alle_centen"].sum()) == huidig["alle_clienten_centen"]
    assert int(g["huidig_bestaand_centen"].sum()) == huidig["bestaande_clienten_centen"]
    assert int(g["nieuw_alle_centen"].sum()) == regionaal.nieuw_alle_centen
    assert int(g["nieuw_bestaand_centen"].sum()) == regionaal.nieuw_bestaand_centen
    assert int(g["huidig_basis_centen"].sum()) == regionaal.huidig_basis_centen
    if regionaal.nieuwe_producten:  # the region's row of the products without a current tarief
        nieuwe = regionaal.totalen.set_index("scenario").loc[NIEUWE_PRODUCTEN]
        assert int(g["nieuwe_producten_centen"].sum()) == nieuwe["alle_clienten_centen"]


def test_realisation_adds_up_to_the_cent(regionaal):
    g = regionaal.gemeenten
    assert int(g["realisatie_centen"].sum()) == regionaal.realisatie_bestaand_centen
    # 2028 has 52 ISO weeks: no conversion, so this adds up as well (see the 53-week test)
    assert regionaal.weken_realisatiejaar == 52
    assert int(g["realisatie_normjaar_centen"].sum()) == regionaal.realisatie_normjaar_centen


def test_transition_budgets_add_up(regionaal):
    g = regionaal.gemeenten
    overgang = regionaal.overgang["budget_per_periode_totaal"].tolist()
    assert overgang[0] > 0 and overgang[1] > 0
    assert int(g["overgang_realisatie_budget"].sum()) == overgang[0]
    assert int(g["overgang_indicatie_budget"].sum()) == overgang[1]


def test_sensitivity_adds_up_per_usage_factor(regionaal, regio_params):
    regio = regionaal.gevoeligheid.set_index(
        regionaal.gevoeligheid["gebruiksfactor"].map(lambda f: Decimal(str(f)))
    )
    leden = regionaal.gemeenten_gevoeligheid.assign(
        gebruiksfactor=lambda d: d["gebruiksfactor"].map(lambda f: Decimal(str(f)))
    )
    som = leden.groupby("gebruiksfactor")[["nieuw_centen", "huidig_centen"]].sum()
    factoren = [Decimal(str(f)) for f in regio_params.budget.gevoeligheid]
    assert sorted(som.index) == sorted(regio.index) == sorted(factoren)
    assert (leden.groupby("gebruiksfactor").size() == len(LEDEN)).all()
    for f in factoren:
        assert som.loc[f, "nieuw_centen"] == regio.loc[f, NIEUW], f
        assert som.loc[f, "huidig_centen"] == regio.loc[f, HUIDIG], f


def test_every_scenario_adds_up(regionaal, regio_params):
    regio = regionaal.scenariototalen.set_index("scenario")
    som = regionaal.gemeenten_scenarios.groupby("scenario")[
        ["alle_clienten_centen", "bestaande_clienten_centen"]
    ].sum()
    assert sorted(som.index) == sorted(regio_params.scenarios.namen) == sorted(regio.index)
    for naam in regio_params.scenarios.namen:
        for kolom in ("alle_clienten_centen", "bestaande_clienten_centen"):
            assert som.loc[naam, kolom] == regio.loc[naam, kolom], (naam, kolom)


def test_product_clients_per_member_from_the_raw_file(regionaal, voorbeeld):
    """Per member and product: the distinct clients with an indication running in the tariff
    year, counted from the raw indications (an empty einde or one from 1 January on); and the
    line amounts per member agree with its costs up to the rounding of each client's budget
    (at most 50 cents per period, 13 periods, plus a cent for the amount per period)."""
    ind = lees_csv(voorbeeld / INDICATIES)
    einde = pd.to_datetime(ind["einde"], format="%d-%m-%Y", errors="coerce")
    assert ((ind["einde"] == "") | einde.notna()).all()
    lopend = ind[(ind["einde"] == "") | (einde >= pd.Timestamp(dt.date(JAAR, 1, 1)))]
    verwacht = lopend.groupby(["gemeente", "productspecificatie"])["client"].nunique().sort_index()
    p = regionaal.gemeenten_producten
    gevonden = p.set_index(["gemeente", "productspecificatie"])["clienten"].sort_index()
    assert gevonden.to_dict() == verwacht.to_dict()
    aantal = lopend.groupby("gemeente")["client"].nunique()
    g = regionaal.gemeenten.set_index("gemeente")
    assert g["clienten"].to_dict() == aantal.to_dict()
    regels = p.groupby("gemeente")["nieuw_centen"].sum()
    for naam, _ in LEDEN:
        ruimte = int(aantal[naam]) * 13 * 51
        assert abs(int(regels[naam]) - int(g.loc[naam, "nieuw_alle_centen"])) <= ruimte, naam


# --- 2. each member alone: its own rows, run as one municipality -----------------------------


@pytest.mark.parametrize("naam", [naam for naam, _ in LEDEN])
def test_a_member_equals_its_own_separate_run(regionaal, per_lid, naam):
    los, lid = per_lid[naam], _lid(regionaal, naam)
    assert lid["clienten"] == los.aantal_clienten
    assert lid["bestaande_clienten"] == los.aantal_bestaand
    nieuw, huidig = _rij(los, NIEUW_RIJ), _rij(los, HUIDIG_RIJ)
    assert lid["nieuw_alle_centen"] == nieuw["alle_clienten_centen"]
    assert lid["nieuw_bestaand_centen"] == nieuw["bestaande_clienten_centen"]
    assert lid["huidig_alle_centen"] == huidig["alle_clienten_centen"]
    assert lid["huidig_bestaand_centen"] == huidig["bestaande_clienten_centen"]
    assert lid["realisatie_centen"] == los.realisatie_bestaand_centen
    assert lid["realisatie_normjaar_centen"] == los.realisatie_normjaar_centen
    assert float(lid["gebruiksfactor_gewogen"]) == pytest.approx(
        los.gebruiksfactor_gewogen, rel=1e-12
    )
    overgang = los.overgang["budget_per_periode_totaal"].tolist()
    assert lid["overgang_realisatie_budget"] == overgang[0]
    assert lid["overgang_indicatie_budget"] == overgang[1]


@pytest.mark.parametrize("naam", [naam for naam, _ in LEDEN])
def test_a_members_sensitivity_equals_its_own_run(regionaal, per_lid, naam):
    los = per_lid[naam].gevoeligheid
    los = los.set_index(los["gebruiksfactor"].map(lambda f: Decimal(str(f))))
    lid = regionaal.gemeenten_gevoeligheid
    lid = lid[lid["gemeente"] == naam]
    assert len(lid) == len(los)
    for r in lid.itertuples():
        f = Decimal(str(r.gebruiksfactor))
        assert r.nieuw_centen == los.loc[f, NIEUW], f
        assert r.huidig_centen == los.loc[f, HUIDIG], f


@pytest.mark.parametrize("naam", [naam for naam, _ in LEDEN])
def test_a_members_scenarios_equal_its_own_run(regionaal, per_lid, regio_params, naam):
    """The scenarios whose tarieven follow from the tariff lists alone. Budgetneutraal is
    skipped: its tarieven are the cost prices times one factor that makes the region's total
    equal to the region's total at the indexed current tarieven, so a member run on its own
    finds another factor (its own total), and other tarieven."""
    regel = {s.naam: s.regel for s in regio_params.scenarios.lijst}
    los = per_lid[naam].scenariototalen.set_index("scenario")
    lid = regionaal.gemeenten_scenarios
    lid = lid[lid["gemeente"] == naam].set_index("scenario")
    vergeleken = 0
    for scenario in regio_params.scenarios.namen:
        if regel[scenario] == BUDGETNEUTRAAL:
            continue
        for kolom in ("alle_clienten_centen", "bestaande_clienten_centen"):
            assert lid.loc[scenario, kolom] == los.loc[scenario, kolom], (scenario, kolom)
        vergeleken += 1
    assert vergeleken == 3


def test_a_member_is_no_share_of_the_region(regionaal):
    """The members' figures are their own sums, not the region's split by a share: the
    members' costs per client differ."""
    g = regionaal.gemeenten
    per_client = (g["nieuw_alle_centen"] / g["clienten"]).round().tolist()
    assert len(set(per_client)) == len(LEDEN)


def test_other_spellings_of_the_members_give_the_same_figures(
    regionaal, regio_params, voorbeeld, nieuw, tmp_path
):
    """A member named by its CBS code without GM in the indications and by its name in capitals
    in the realisation: the same figures."""
    raw = kopieer_raw(voorbeeld, tmp_path / "raw")
    code = {naam: cbs.removeprefix("GM") for naam, cbs in LEDEN}
    naam_van = {cbs: naam.upper() for naam, cbs in LEDEN}
    ind = lees_csv(raw / INDICATIES)
    schrijf_csv(ind.assign(gemeente=ind["gemeente"].map(code)), raw / INDICATIES)
    real = lees_csv(raw / REALISATIE)
    schrijf_csv(real.assign(gemeente=real["gemeente"].map(naam_van)), raw / REALISATIE)
    anders = bereken_budgetimpact(regio_params, raw, nieuw, sleutel=SLEUTEL)
    pd.testing.assert_frame_equal(anders.gemeenten, regionaal.gemeenten)


# --- a client of two members, and a realisation year of 53 weeks (by hand) -------------------


OOST_WEST = """regio:
  naam: Oost en West
  gemeenten:
    - {naam: Oostdorp, cbs: "GM9911"}
    - {naam: Westdorp, cbs: "GM9912"}
"""


@pytest.fixture(scope="module")
def oost_west(tmp_path_factory) -> Budgetimpact:
    """params/2027.yaml with a region of two members (65%, 52 weeks, 13 periods, budget in
    whole euros half up; realisatiejaar 2026 has 53 ISO weeks). Client A has an indication in
    both members (OZL 1 in Oostdorp, OZL 2 in Westdorp), B in Westdorp only; A realised 1 hour in each member, B nothing."""
    basis = tmp_path_factory.mktemp("oostwest")
    params = laad_parameters(pad=parameters_met_regio(basis, OOST_WEST, "2027.yaml"))
    raw = basis / "raw"
    raw.mkdir()
    (raw / INDICATIES).write_text(
        "client;gemeente;productspecificatie;indicatie_per_week\n"
        "A;Oostdorp;OZL 1;2\nA;GM9912;OZL 2;1\nB;westdorp;OZL 1;2\n",
        encoding="utf-8",
    )
    (raw / "realisatie_2026.csv").write_text(
        "client;gemeente;productspecificatie;periode;volume\n"
        "A;9911;OZL 1;1;1\nA;Westdorp;OZL 2;2;1\n",
        encoding="utf-8",
    )
    (raw / HUIDIGE_TARIEVEN).write_text(
        "productspecificatie;eenheid;tarief\nOZL 1;uur;40,00\nOZL 2;uur;40,00\n", encoding="utf-8"
    )
    nieuw = basis / "nieuw.csv"
    nieuw.write_text(
        "productspecificatie;variant;eenheid;tarief\nOZL 1;;uur;50,00\nOZL 2;;uur;50,00\n",
        encoding="utf-8",
    )
    return bereken_budgetimpact(params, raw, nieuw, sleutel=SLEUTEL)


def test_a_client_of_two_members_is_a_client_of_each(oost_west):
    """By hand, at the new 50,00: A in Oostdorp 2 h x 52 x 0,65 = 67,6 h = 3.380,00 a year,
    260,00 a period (budget 260); A in Westdorp 1 h OZL 2: 33,8 h = 1.690,00, budget 130; B in
    Westdorp 2 h: 3.380,00, budget 260. At the current 40,00: 2.704,00, 1.352,00, 2.704,00
    (both products 40,00 now and 50,00 new).
    Existing clients (realisation and an indication): A in each member, not B."""
    g = oost_west.gemeenten.set_index("gemeente")
    assert g["clienten"].to_dict() == {"Oostdorp": 1, "Westdorp": 2}
    assert g["bestaande_clienten"].to_dict() == {"Oostdorp": 1, "Westdorp": 1}
    assert g["nieuw_alle_centen"].to_dict() == {"Oostdorp": 338_000, "Westdorp": 507_000}
    assert g["nieuw_bestaand_centen"].to_dict() == {"Oostdorp": 338_000, "Westdorp": 169_000}
    assert g["huidig_alle_centen"].to_dict() == {"Oostdorp": 270_400, "Westdorp": 405_600}
    assert g["overgang_indicatie_budget"].to_dict() == {"Oostdorp": 260, "Westdorp": 130}
    assert g["realisatie_centen"].to_dict() == {"Oostdorp": 4_000, "Westdorp": 4_000}
    assert (oost_west.aantal_clienten, oost_west.aantal_bestaand) == (3, 2)
    assert oost_west.nieuw_alle_centen == 845_000
    assert oost_west.realisatie_bestaand_centen == 8_000


def test_53_week_realisation_converted_is_apportioned_over_the_members_by_hand(oost_west):
    """2026 has 53 ISO weeks: the region's 80,00 over 52 weeks is 80,00 x 52 / 53 = 78,4906...
    -> 78,49 (half up). Rounding each member's 40,00 on its own would give 39,25 + 39,25 =
    78,50, a cent more than the region; so the region's figure is apportioned: 39,245... each,
    39,24 rounded down, and the cent left over to the first of the equal remainders."""
    assert oost_west.weken_realisatiejaar == 53
    assert oost_west.realisatie_normjaar_centen == 7_849
    g = oost_west.gemeenten.set_index("gemeente")
    assert g["realisatie_normjaar_centen"].to_dict() == {"Oostdorp": 3_925, "Westdorp": 3_924}


# --- 3. rows outside the region are refused with file and row ---------------------------------


@pytest.mark.parametrize(
    ("bestand", "rij", "waarde", "melding"),
    [
        (INDICATIES, 1234, "Tilburg", "gemeente 'Tilburg' hoort niet bij " + REGIO),
        (INDICATIES, 17, "", "de gemeente ontbreekt"),
        (REALISATIE, 30_000, "GM0855", "gemeente 'GM0855' hoort niet bij " + REGIO),
        (REALISATIE, 5, "", "de gemeente ontbreekt"),
    ],
)
def test_a_row_without_a_member_is_refused_with_file_and_row(
    regio_params, voorbeeld, nieuw, tmp_path, bestand, rij, waarde, melding
):
    raw = kopieer_raw(voorbeeld, tmp_path / "raw")
    df = lees_csv(raw / bestand)
    df.loc[rij, "gemeente"] = waarde
    schrijf_csv(df, raw / bestand)
    with pytest.raises(InvoerFout) as fout:
        bereken_budgetimpact(regio_params, raw, nieuw, sleutel=SLEUTEL)
    regel = rij + 2  # the header is row 1 of the file
    f = fout.value
    assert Path(f.bestand).name == bestand
    assert (f.rij, f.kolom) == (regel, "gemeente")
    tekst = str(f)
    assert tekst.startswith(f"{bestand}, rij {regel}, kolom 'gemeente': ")
    assert melding in tekst
    # what to do: the members to choose from, by name and code
    assert all(naam in tekst and cbs in tekst for naam, cbs in LEDEN)


def test_more_rows_without_a_member_are_counted(regio_params, voorbeeld, nieuw, tmp_path):
    raw = kopieer_raw(voorbeeld, tmp_path / "raw")
    df = lees_csv(raw / REALISATIE)
    df.loc[[10, 20, 30], "gemeente"] = "GM0784"
    schrijf_csv(df, raw / REALISATIE)
    with pytest.raises(InvoerFout) as fout:
        bereken_budgetimpact(regio_params, raw, nieuw, sleutel=SLEUTEL)
    assert fout.value.rij == 12
    assert "nog 2 rij(en): 22, 32" in str(fout.value)


@pytest.mark.parametrize("bestand", [INDICATIES, REALISATIE])
def test_a_missing_column_gemeente_is_refused(regio_params, voorbeeld, nieuw, tmp_path, bestand):
    raw = kopieer_raw(voorbeeld, tmp_path / "raw")
    schrijf_csv(lees_csv(raw / bestand).drop(columns="gemeente"), raw / bestand)
    with pytest.raises(InvoerFout) as fout:
        bereken_budgetimpact(regio_params, raw, nieuw, sleutel=SLEUTEL)
    f = fout.value
    assert Path(f.bestand).name == bestand and f.rij == 1
    tekst = str(f)
    assert tekst.startswith(f"{bestand}, rij 1: ")
    assert "kolom 'gemeente' ontbreekt" in tekst and REGIO in tekst
    assert all(naam in tekst for naam, _ in LEDEN)


# --- 4. the section regio of the parameters ---------------------------------------------------


def test_the_sample_years_of_one_municipality_have_no_region(regio_params):
    assert laad_parameters(2027).regio is None
    assert laad_parameters(2028).regio is None
    regio = regio_params.regio
    assert regio.naam == REGIO and regio.minimum_clienten == 10
    assert [(g.naam, g.cbs) for g in regio.gemeenten] == LEDEN


def _blok(*leden: str, extra: str = "") -> str:
    regels = "".join(f"    - {lid}\n" for lid in leden)
    return f"regio:\n  naam: Proefregio\n{extra}  gemeenten:\n{regels}"


GOED = ('{naam: Tilburg, cbs: "GM0855"}', '{naam: Loon op Zand, cbs: "GM0809"}')


def test_a_good_section_is_read(tmp_path):
    blok = _blok(*GOED, '{naam: Dongen, cbs: "824"}', extra="  minimum_clienten: 5\n")
    regio = laad_parameters(pad=parameters_met_regio(tmp_path, blok)).regio
    assert [(g.naam, g.cbs) for g in regio.gemeenten] == [
        ("Tilburg", "GM0855"),
        ("Loon op Zand", "GM0809"),
        ("Dongen", "GM0824"),
    ]
    assert (regio.naam, regio.minimum_clienten) == ("Proefregio", 5)


@pytest.mark.parametrize(
    ("blok", "sleutel", "woorden"),
    [
        (
            _blok(GOED[0], '{naam: Dongen, cbs: "GM12345"}'),
            "regio.gemeenten",
            ["GM12345", "CBS-code"],
        ),
        (
            _blok(GOED[0], '{naam: Dongen, cbs: "GM08245"}'),
            "regio.gemeenten",
            ["GM08245", "CBS-code"],
        ),
        (_blok(GOED[0], "{naam: Dongen, cbs: Dongen}"), "regio.gemeenten", ["Dongen", "CBS-code"]),
        (_blok(GOED[0], "{naam: Dongen, cbs: true}"), "regio.gemeenten", ["True", "CBS-code"]),
        (
            _blok(*GOED, '{naam: tilburg, cbs: "GM0856"}'),
            "regio.gemeenten",
            ["dezelfde naam", "tilburg"],
        ),
        (
            _blok(*GOED, '{naam: Dongen, cbs: "855"}'),
            "regio.gemeenten",
            ["dezelfde cbs-code", "GM0855"],
        ),
        (_blok(GOED[0]), "regio.gemeenten", ["minstens twee"]),
        ("regio:\n  naam: Proefregio\n  gemeenten: []\n", "regio.gemeenten", ["minstens twee"]),
        ("regio:\n  naam: Proefregio\n", "regio.gemeenten", ["minstens twee"]),
        (_blok(GOED[0], "{naam: Dongen}"), "regio.gemeenten", ["cbs"]),
        (_blok(*GOED, extra="  minimum_clienten: 2\n"), "regio.minimum_clienten", ["'2'", "3"]),
        (
            _blok(*GOED, extra="  minimum_clienten: 10.5\n"),
            "regio.minimum_clienten",
            ["'10.5'", "geheel getal"],
        ),
        (
            _blok(*GOED, extra="  minimum_clienten: tien\n"),
            "regio.minimum_clienten",
            ["'tien'", "geheel getal"],
        ),
        (
            _blok(*GOED, extra="  minimum_clienten: true\n"),
            "regio.minimum_clienten",
            ["geheel getal"],
        ),
        (
            _blok(*GOED, extra="  minimum_client: 10\n"),
            "regio",
            ["onbekende sleutel", "minimum_client", "minimum_clienten"],
        ),
        (
            _blok(GOED[0], '{naam: Dongen, cbs: "GM0824", inwoners: 26000}'),
            "regio.gemeenten",
            ["onbekende sleutel", "inwoners"],
        ),
        ("regio: Tilburg en Dongen\n", "regio", ["lijst van sleutels en waarden"]),
    ],
    ids=[
        "cbs-vijf-cijfers",
        "cbs-vijf-cijfers-met-nul",
        "cbs-een-naam",
        "cbs-bool",
        "dubbele-naam",
        "dubbele-code",
        "een-gemeente",
        "lege-lijst",
        "geen-gemeenten",
        "zonder-cbs",
        "minimum-2",
        "minimum-komma",
        "minimum-tekst",
        "minimum-bool",
        "onbekende-sleutel",
        "onbekende-sleutel-lid",
        "geen-sectie",
    ],
)
def test_a_bad_section_regio_is_refused_naming_the_key(tmp_path, blok, sleutel, woorden):
    pad = parameters_met_regio(tmp_path, blok)
    with pytest.raises(ConfiguratieFout) as fout:
        laad_parameters(pad=pad)
    tekst = str(fout.value)
    # the file and a line of its section regio, then the key the problem is in
    kop = re.match(rf"{re.escape(pad.name)}, regel (\d+) \((regio[.\w]*)\): ", tekst)
    assert kop, tekst
    regels = pad.read_text(encoding="utf-8").splitlines()
    begin = regels.index(next(r for r in regels if r.startswith("regio:"))) + 1
    assert begin <= int(kop.group(1)) < begin + blok.count("\n"), tekst
    assert sleutel in tekst, tekst
    for woord in woorden:
        assert woord in tekst, (woord, tekst)


def test_one_product_of_a_client_in_two_members_at_once_is_no_overlap(tmp_path):
    """A client who moves has the same product in both members for a while: two indications,
    one per member, not an overlap; within one member the same lines are."""
    from kostprijs.budget.invoer import lees_indicaties
    from kostprijs.fouten import InvoerFout

    params = laad_parameters(pad=parameters_met_regio(tmp_path, OOST_WEST, "2027.yaml"))
    kop = "client;gemeente;productspecificatie;indicatie_per_week;begin;einde\n"
    twee = tmp_path / "twee.csv"
    twee.write_text(
        kop + "A;Oostdorp;OZL 1;2;01-01-2027;31-03-2027\nA;Westdorp;OZL 1;2;01-03-2027;\n",
        encoding="utf-8",
    )
    assert sorted(lees_indicaties(twee, params)["gemeente"]) == [0, 1]
    een = tmp_path / "een.csv"
    een.write_text(
        kop + "A;Oostdorp;OZL 1;2;01-01-2027;31-03-2027\nA;GM9911;OZL 1;2;01-03-2027;\n",
        encoding="utf-8",
    )
    with pytest.raises(InvoerFout, match="overlapt"):
        lees_indicaties(een, params)


def test_a_stand_alone_budget_keeps_each_members_client_apart(regio_params, voorbeeld, regionaal):
    """`kostprijs budget` (begroot) on a region's indications at the current tarieven: a
    client per member, so its total is the members' costs at the current tarieven."""
    from kostprijs.budget.impact import begroot

    b = begroot(regio_params, voorbeeld / INDICATIES, voorbeeld / HUIDIGE_TARIEVEN)
    assert b.clienten["client"].str.match(r"^GM\d{4}/").all()
    totaal = int(regionaal.gemeenten["huidig_alle_centen"].sum())
    assert int(b.clienten["jaar_centen"].sum()) == totaal


def test_a_members_cost_table_converts_a_53_week_realisation_like_the_region(oost_west):
    """2026 has 53 ISO weeks: the member's table names them and adds the converted row (the
    apportioned 39,25 of Oostdorp), as the region's totals do."""
    from kostprijs.publicatie.gemeentecijfers import Gemeentepublicatie, kosten_tabel

    pub = Gemeentepublicatie({}, frozenset(), 1)
    tabel = kosten_tabel(oost_west, "Oostdorp", 2026, [], pub, 52)
    rijen = dict(zip(tabel["Grondslag"], tabel[tabel.columns[2]], strict=True))
    assert rijen["Realisatie 2026 × huidige tarieven (53 weken)"] == 4_000
    assert rijen["Realisatie 2026 × huidige tarieven, omgerekend naar 52 weken"] == 3_925


def test_a_member_without_any_data_is_named_in_the_findings(tmp_path):
    """A member of the parameters of which the files hold no row at all (an export that left
    it out) is said in the findings of the budget step, not summed silently as zeros."""
    blok = OOST_WEST.replace(
        '    - {naam: Westdorp, cbs: "GM9912"}\n',
        '    - {naam: Westdorp, cbs: "GM9912"}\n    - {naam: Zuiddorp, cbs: "GM9913"}\n',
    )
    params = laad_parameters(pad=parameters_met_regio(tmp_path, blok, "2027.yaml"))
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / INDICATIES).write_text(
        "client;gemeente;productspecificatie;indicatie_per_week\nA;Oostdorp;OZL 1;2\n"
        "B;Westdorp;OZL 1;2\n",
        encoding="utf-8",
    )
    (raw / "realisatie_2026.csv").write_text(
        "client;gemeente;productspecificatie;periode;volume\nA;Oostdorp;OZL 1;1;1\n",
        encoding="utf-8",
    )
    (raw / HUIDIGE_TARIEVEN).write_text(
        "productspecificatie;eenheid;tarief\nOZL 1;uur;40,00\n", encoding="utf-8"
    )
    bi = bereken_budgetimpact(params, raw, raw / HUIDIGE_TARIEVEN, sleutel=SLEUTEL)
    gevonden = [b for b in bi.bevindingen if "Zuiddorp" in b]
    assert len(gevonden) == 1 and "GM9913" in gevonden[0]
    assert not [b for b in bi.bevindingen if "Westdorp" in b]
