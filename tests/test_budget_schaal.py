"""The budget model at scale gives the same cents as the plain implementation it replaced:
per-client sums by one grouping of integer codes (np.bincount) against a pandas groupby on the
client labels, on both sample catalogues and on a random input of 100.000 lines; and the fast
number parsing reads every cell as the full rules do."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kostprijs.bestanden.getallen import _geschaald_met_controle, geschaalde_kolom
from kostprijs.budget.invoer import indicaties_uit_waarden, lees_indicaties
from kostprijs.budget.model import (
    CLIENT_KOLOMMEN,
    bereken_clienten,
    bereken_regels,
    budgetneutrale_factor,
    gevoeligheid,
    som_per_groep,
    totaal_bij_factor,
)
from kostprijs.fouten import InvoerFout
from kostprijs.geld import rond_half_op, rond_omlaag
from kostprijs.parameters import laad_parameters
from kostprijs.tarieflijst import Tarieven
from kostprijs.voorbeeld.gegevens import schrijf_voorbeeld


def referentie_clienten(regels: pd.DataFrame, budget, periodebudget: bool) -> pd.DataFrame:
    """Per client, the way `bereken_clienten` was written before: a pandas groupby on the
    client labels, each client's amounts rounded as the model's docstring says."""
    bedrag = regels["bedrag_per_jaar_centen"].to_numpy(dtype=np.int64)
    binnen = (
        regels["in_budget"].to_numpy(dtype=bool) if periodebudget else np.ones(len(bedrag), bool)
    )
    sommen = pd.DataFrame(
        {
            "client": regels["client"].to_numpy(),
            "bedrag_per_jaar_centen": np.where(binnen, bedrag, 0),
            "buiten_budget_per_jaar_centen": np.where(binnen, 0, bedrag),
        }
    )
    c = sommen.groupby("client", sort=True).sum().reset_index()
    jaar = c["bedrag_per_jaar_centen"].to_numpy(dtype=np.int64)
    c["bedrag_per_periode_centen"] = rond_half_op(jaar, budget.perioden_per_jaar)
    if periodebudget:
        afronden = rond_half_op if budget.afronding_budget == "half_omhoog" else rond_omlaag
        c["budget_per_periode"] = afronden(c["bedrag_per_periode_centen"].to_numpy(), 100)
        c["jaar_centen"] = (
            c["budget_per_periode"] * 100 * budget.perioden_per_jaar
            + c["buiten_budget_per_jaar_centen"]
        )
    else:
        c["budget_per_periode"] = 0
        c["jaar_centen"] = jaar
    return c[CLIENT_KOLOMMEN].astype({k: np.int64 for k in CLIENT_KOLOMMEN[1:]})


def _tarieven(indicaties: pd.DataFrame, seed: int) -> Tarieven:
    """A tarief (cents) for every tariff line in the indications."""
    rng = np.random.default_rng(seed)
    lijnen = indicaties[["productspecificatie", "variant", "leveringsvorm"]].drop_duplicates()
    return Tarieven({tuple(r): int(rng.integers(500, 30_000)) for r in lijnen.to_numpy()})


def _vergelijk(indicaties: pd.DataFrame, tarieven: Tarieven, params, periodebudget: bool):
    b = params.budget
    for factor in (b.gebruiksfactor, *b.gevoeligheid, Decimal(1)):
        regels = bereken_regels(indicaties, tarieven, b, factor)
        nieuw = bereken_clienten(regels, b, periodebudget)
        oud = referentie_clienten(regels, b, periodebudget)
        pd.testing.assert_frame_equal(nieuw.astype({k: np.int64 for k in CLIENT_KOLOMMEN[1:]}), oud)
        totaal = totaal_bij_factor(indicaties, tarieven, b, periodebudget, factor)
        assert totaal == int(oud["jaar_centen"].sum())
    tabel = gevoeligheid(indicaties, {"t": tarieven}, b, periodebudget)
    for factor, totaal in zip(tabel["gebruiksfactor"], tabel["t"], strict=True):
        regels = bereken_regels(indicaties, tarieven, b, factor)
        assert totaal == int(referentie_clienten(regels, b, periodebudget)["jaar_centen"].sum())


@pytest.mark.parametrize("jaar", [2027, 2028])
def test_sample_gives_the_same_cents_as_the_reference(jaar, tmp_path):
    params = laad_parameters(jaar)
    schrijf_voorbeeld(params, tmp_path)
    indicaties = lees_indicaties(tmp_path / "indicaties.csv", params)
    lopend = indicaties[indicaties["lopend"]].reset_index(drop=True)
    tarieven = _tarieven(lopend, jaar)
    _vergelijk(lopend, tarieven, params, params.bekostiging.periodebudget)
    # the budget-neutral factor is the smallest that reaches its target, by the reference
    b = params.budget
    doel = int(
        referentie_clienten(
            bereken_regels(lopend, tarieven, b), b, params.bekostiging.periodebudget
        )["jaar_centen"].sum()
    )
    f = budgetneutrale_factor(lopend, tarieven, b, params.bekostiging.periodebudget, doel)
    kleiner = f - Decimal("0.0001")
    onder = bereken_regels(lopend, tarieven, b, kleiner)
    pb = params.bekostiging.periodebudget
    assert int(referentie_clienten(onder, b, pb)["jaar_centen"].sum()) < doel


def test_random_100000_lines_give_the_same_cents(params):
    rng = np.random.default_rng(13)
    producten = [p.productspecificatie for p in params.catalogus if not p.varianten]
    n = 100_000
    clienten = [f"C{x:06d}" for x in rng.integers(0, 30_000, n)]  # unsorted, repeated
    product = rng.choice(producten, n)
    omvang = [Decimal(int(x)) / 1000 for x in rng.integers(1, 12_000, n)]
    indicaties = indicaties_uit_waarden(zip(clienten, product, omvang, strict=True), params)
    tarieven = _tarieven(indicaties, 13)
    _vergelijk(indicaties, tarieven, params, True)
    _vergelijk(indicaties, tarieven, params, False)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 20), st.integers(-(2**36), 2**36)), min_size=0, max_size=60),
    st.booleans(),
)
def test_sum_per_group_is_exact(paren, groot):
    """Against Python integers, also beyond float64's 2**53 (the integer fallback)."""
    codes = np.array([c for c, _ in paren], dtype=np.intp)
    waarden = np.array([w * (2**20 if groot else 1) for _, w in paren], dtype=np.int64)
    verwacht = [0] * 21
    for c, w in zip(codes.tolist(), waarden.tolist(), strict=True):
        verwacht[c] += w
    assert som_per_groep(codes, waarden, 21).tolist() == verwacht


def _lees(cellen: list[str], komma: bool, fast: bool):
    """The scaled column, or the Dutch message, by the fast or only the full rules."""
    df = pd.DataFrame({"x": cellen, "_rij": range(2, len(cellen) + 2)})
    df.attrs["decimaalkomma"] = komma
    try:
        if fast:
            return geschaalde_kolom(df, "x", 3, minimum=None).tolist()
        return _geschaald_met_controle(df, "x", 3).tolist()
    except InvoerFout as fout:
        return str(fout)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.lists(st.text(alphabet="0123456789,.-+ €\u00a0x", max_size=9), min_size=1, max_size=8),
        st.lists(st.text(alphabet="0123456789", min_size=1, max_size=14), min_size=1, max_size=8),
        st.lists(st.text(alphabet="0123456789,.-x", max_size=5), min_size=1, max_size=3).flatmap(
            lambda soorten: st.lists(st.sampled_from(soorten), min_size=1, max_size=12)
        ),  # few distinct cells, each repeated: parsed once per distinct cell
    ),
    st.booleans(),
)
def test_fast_number_parsing_agrees_with_the_full_rules(cellen, komma):
    """Every cell, valid or not, reads the same (or fails with the same message, naming the
    same rows) whether the common case is taken at C speed or every cell goes through the
    regular expressions."""
    assert _lees(cellen, komma, fast=True) == _lees(cellen, komma, fast=False)


def test_the_budget_step_is_computed_once_and_read_by_every_report(tmp_path, monkeypatch):
    """The step saves the impact with its provenance; a report reads it back without
    computing anything, and a changed file is refused."""
    from conftest import schrijf_kostprijzen_product

    from kostprijs.budget import uitkomst
    from kostprijs.fouten import ConfiguratieFout
    from kostprijs.herkomst.keten import VerouderdeGegevens
    from kostprijs.rapport import start
    from kostprijs.stappen import budgetstap, controlestap, resultaatstap

    monkeypatch.setenv("KOSTPRIJS_SLEUTEL", "ab" * 32)
    params = laad_parameters(2027)
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    schrijf_voorbeeld(params, raw)
    processed.mkdir()
    from kostprijs.tarieflijst import zin_regels

    (processed / "tarieven_voorstel.csv").write_text(  # 50,00 per unit for every line
        "productspecificatie;variant;eenheid;tarief\n"
        + "".join(f"{p};{v};{params.product(p).eenheid};50,00\n" for p, v in zin_regels(params)),
        encoding="utf-8",
    )
    assert uitkomst.lees_budgetimpact(processed) is None  # the step has not run
    # the budget step reads the municipality's data as the check saved them, never the raw
    with pytest.raises(VerouderdeGegevens, match=r"kostprijs controleer"):
        budgetstap.schrijf(params, raw, processed)
    controlestap.draai(2027, raw, processed=processed)
    # a report never computes it itself: it names the step to run
    with pytest.raises(ConfiguratieFout, match=r"staat de budgetimpact nog niet.*make report"):
        _ = start.start(2027, str(raw), str(processed)).budget
    berekend = budgetstap.schrijf(params, raw, processed)

    def niet_opnieuw(*args, **kwargs):
        raise AssertionError("een rapport rekent de budgetimpact opnieuw uit")

    monkeypatch.setattr(start, "bereken_budgetimpact", niet_opnieuw)
    gelezen = start.start(2027, str(raw), str(processed)).budget
    assert gelezen.totalen.equals(berekend.totalen)
    assert gelezen.nieuw_bestaand_centen == berekend.nieuw_bestaand_centen
    assert gelezen.gevoeligheid.equals(berekend.gevoeligheid)
    totalen = processed / uitkomst.BESTAND / "totalen.parquet"
    goed = totalen.read_bytes()
    totalen.write_bytes(goed + b"x")
    with pytest.raises(VerouderdeGegevens, match=r"totalen\.parquet: dit bestand is gewijzigd"):
        uitkomst.lees_budgetimpact(processed)
    totalen.write_bytes(goed)  # the result step reads the scenarios' tarieven from it

    # the result tariffs likewise, at 40,00 per unit of every product
    schrijf_kostprijzen_product(processed, dict.fromkeys(params.productspecificaties, "40.00"))
    assert uitkomst.lees_resultaattarieven(processed) is None
    with pytest.raises(ConfiguratieFout, match=r"staat de resultaattarieven nog niet"):
        _ = start.start(2027, str(raw), str(processed)).resultaat
    berekend = resultaatstap.schrijf(params, raw, processed)
    gelezen = start.start(2027, str(raw), str(processed)).resultaat
    assert gelezen.matrix.equals(berekend.matrix)
    assert gelezen.per_aanbieder.equals(berekend.per_aanbieder)
    # the saved result holds client codes, never the client numbers of the raw file
    ruw = set(pd.read_csv(raw / "realisatie_cellen_2026.csv", sep=";", dtype=str)["client"])
    opgeslagen = set(map(str, gelezen.per_client["client"])) | set(
        map(str, gelezen.paren["client"])
    )
    assert gelezen.per_client["client"].dtype == np.int64 and not ruw & opgeslagen
    (processed / uitkomst.RESULTAAT_BESTAND / "matrix.parquet").write_bytes(b"x")
    with pytest.raises(VerouderdeGegevens, match=r"matrix\.parquet: dit bestand is gewijzigd"):
        uitkomst.lees_resultaattarieven(processed)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(
            st.one_of(
                st.text(alphabet='ab ;,"x1\t\u00a0\u2003', max_size=4),
                st.text(alphabet='ab ;,"x1\r\x0b', max_size=4),  # plain ASCII, a lone CR
            ),
            min_size=2,
            max_size=2,
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from([";", ","]),
    st.sampled_from([1, 5, 64, 1 << 24]),
)
def test_cells_are_only_left_unstripped_when_none_needs_it(rijen, scheiding, blok):
    """Reading skips stripping every cell when one scan of the text (in blocks of whole lines,
    here of a few bytes, so that block edges fall everywhere) finds no whitespace at a field's
    edge; then stripping would indeed have changed nothing."""
    import tempfile
    from pathlib import Path

    from kostprijs.gemeentedata import tabellezer as invoertabel

    tekst = pd.DataFrame(rijen, columns=["k1", "k2"]).to_csv(sep=scheiding, index=False)
    standaard = invoertabel.BLOK
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "t.csv"
        pad.write_text(tekst, encoding="utf-8")
        try:
            invoertabel.BLOK = blok
            codering, scheiding, kop, witruimte = invoertabel._csv_kenmerken(pad, ["k1", "k2"])
            (tabel,) = invoertabel._csv_delen(pad, codering, scheiding, None, kop)
        except InvoerFout:  # a lone carriage return can make the text no valid CSV at all
            assume(False)
        finally:
            invoertabel.BLOK = standaard
    tabel = tabel.fillna("").astype(str)
    if not witruimte:
        assert tabel.apply(lambda s: s.str.strip()).equals(tabel)


def test_budget_step_without_its_inputs_says_so_in_dutch(tmp_path, capsys, monkeypatch):
    from kostprijs.cli import main

    monkeypatch.setenv("KOSTPRIJS_SLEUTEL", "ab" * 32)
    (tmp_path / "raw").mkdir()
    (tmp_path / "processed").mkdir()
    rc = main(["budgetimpact", "--jaar", "2027", "--raw", str(tmp_path / "raw"),
               "--processed", str(tmp_path / "processed")])  # fmt: skip
    fout = capsys.readouterr().err
    # the step reads what the check read of the exports: it names the check to run first
    assert rc != 0 and "gemeentegegevens" in fout and "kostprijs controleer" in fout
    assert "Traceback" not in fout
    assert not (tmp_path / "processed" / "budgetimpact").exists()
    rc = main(["controleer", "--jaar", "2027", "--raw", str(tmp_path / "raw"),
               "--processed", str(tmp_path / "processed")])  # fmt: skip
    fout = capsys.readouterr().err
    assert rc != 0 and "indicaties.csv" in fout and "ontbreekt" in fout
    assert "Traceback" not in fout
    assert list((tmp_path / "processed").iterdir()) == []  # nothing half-written


def test_line_ends_alone_are_no_whitespace_at_a_fields_edge():
    from kostprijs.gemeentedata.tabellezer import _witruimte_aan_rand

    assert not _witruimte_aan_rand("a;b\r\nc;d\r\n", ";")
    assert not _witruimte_aan_rand("a;b\nc;d\n", ";")
    assert _witruimte_aan_rand("a;b \r\nc;d\r\n", ";")
    assert _witruimte_aan_rand("a;b\r;c\n", ";")  # a carriage return inside a field
    assert _witruimte_aan_rand("a,\u00a0b\n", ",")
    assert not _witruimte_aan_rand("OZL 1;K 1\n", ";")  # spaces inside a field are fine


def test_a_table_read_in_parts_is_the_table_read_at_once(tmp_path):
    """Parts carry on the row numbers across part edges, also past empty rows."""
    from kostprijs.gemeentedata.tabellezer import lees_tabel, lees_tabel_in_delen

    rijen = ["client;productspecificatie;periode;volume"]
    for i in range(200):
        rijen.append(";;;" if i % 17 == 3 else f"K{i % 23};P;{i % 13 + 1};{i},5")
    pad = tmp_path / "r.csv"
    pad.write_text("\n".join(rijen) + "\n", encoding="utf-8")
    kolommen = ["client", "productspecificatie", "periode", "volume"]
    geheel = lees_tabel(pad, kolommen, optioneel=("variant",))
    delen = list(lees_tabel_in_delen(pad, kolommen, optioneel=("variant",), regels=7))
    assert len(delen) > 20
    samen = pd.concat(delen, ignore_index=True)
    pd.testing.assert_frame_equal(samen, geheel)
    assert samen.loc[samen["volume"] == "199,5", "_rij"].item() == 201  # header is row 1


def test_realisation_read_in_parts_names_the_row_of_the_file(tmp_path, monkeypatch):
    import functools

    from kostprijs.budget import invoer
    from kostprijs.gemeentedata.tabellezer import lees_tabel_in_delen
    from kostprijs.parameters import laad_parameters

    params = laad_parameters(2027)
    product = params.catalogus[0].productspecificatie
    rijen = ["client;productspecificatie;periode;volume"]
    rijen += [f"K{i};{product};{i % 13 + 1};1,5" for i in range(100)]
    rijen[88] = f"K87;{product};99;1,5"  # line 89 of the file
    pad = tmp_path / "realisatie.csv"
    pad.write_text("\n".join(rijen) + "\n", encoding="utf-8")
    monkeypatch.setattr(
        invoer, "lees_tabel_in_delen", functools.partial(lees_tabel_in_delen, regels=10)
    )
    with pytest.raises(InvoerFout, match=r"rij 89, kolom 'periode': periode 99 bestaat niet"):
        invoer.lees_realisatie(pad, params)
    rijen[88] = f"K87;{product};9;1,5"
    pad.write_text("\n".join(rijen) + "\n", encoding="utf-8")
    uit = invoer.lees_realisatie(pad, params)
    assert list(uit.attrs["clienten"][uit["client"]]) == [f"K{i}" for i in range(100)]
    assert uit["volume_milli"].sum() == 150_000


_TEKST = st.text(alphabet='Kab1 é=+-@;"\t\r\n', max_size=5)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(_TEKST, st.text(alphabet="Kab1", min_size=1, max_size=4)),
            st.integers(-(10**12), 10**12),
            st.integers(-(10**6), 10**6),
        ),
        max_size=8,
    ),
    st.booleans(),
)
def test_csv_writer_agrees_with_the_csv_module_and_decimal_euros(
    tmp_path_factory, rijen, alleen_tekst
):
    """The Dutch CSV as Python's csv module writes it: text through `onschadelijk`, cents as
    Decimal euros with two decimals and a comma, whole numbers as they are."""
    import csv
    import io

    from kostprijs.bestanden.csvbestand import schrijf_csv_nl
    from kostprijs.bestanden.injectie import onschadelijk

    tabel = pd.DataFrame(rijen, columns=["client", "bedrag", "aantal"])
    if alleen_tekst:
        tabel = tabel[["client"]]
    tabel.attrs["centen"] = ["bedrag"]
    pad = tmp_path_factory.mktemp("csv") / "t.csv"
    schrijf_csv_nl(tabel, pad)

    def euro(c: int) -> str:
        return format(Decimal(c) / 100, ".2f").replace(".", ",")

    def regel(velden) -> str:
        # changed with issue 20: a field with a lone \r is quoted too, which the csv module
        # does only when \r is part of its line terminator; each row ends in \n in the file
        uit = io.StringIO()
        csv.writer(uit, delimiter=";", lineterminator="\r\n").writerow(velden)
        return uit.getvalue().removesuffix("\r\n") + "\n"

    verwacht = regel(tabel.columns) + "".join(
        regel([onschadelijk(client), euro(bedrag), str(aantal)][: len(tabel.columns)])
        for client, bedrag, aantal in rijen
    )
    assert pad.read_bytes() == verwacht.encode("utf-8-sig")
