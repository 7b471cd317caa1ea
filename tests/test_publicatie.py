"""The disclosure pass on the published files of whole pipeline runs (`make report`): the
audit of the result matrix on the sample and on a variant where one provider dominates one
cell and another cell has one provider; the budget attack on a hidden tarief (params/2028.yaml);
and a workbook withdrawn after publication, then added back."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from decimal import Decimal

import pandas as pd
import pytest
from audit import audit_aandelen, audit_samen, breuk, cellen_samen, lees_werkmap, waarheid
from conftest import draai_pijplijn

from kostprijs.budget.impact import NIEUW
from kostprijs.onderzoek.onthulling import lees_p
from kostprijs.opmaak import euro
from kostprijs.paden import PROJECT
from kostprijs.parameters import laad_parameters
from kostprijs.resultaat.celrealisatie import bestandsnaam
from kostprijs.resultaat.celtarieven import bereken_uit_mappen
from kostprijs.voorbeeld.gegevens import laad_voorbeeld, schrijf_voorbeeld

pytestmark = pytest.mark.traag
SLEUTEL = {"KOSTPRIJS_SLEUTEL": "5a" * 32}


@pytest.fixture(scope="module")
def voorbeeld(tmp_path_factory):
    return draai_pijplijn(tmp_path_factory.mktemp("publicatie"))


@pytest.fixture(scope="module")
def variant(tmp_path_factory):
    """The sample with one cell served by one provider and one dominated by one provider."""
    params = laad_parameters(2027)
    basis = tmp_path_factory.mktemp("variant")
    schrijf_voorbeeld(params, basis / "raw")
    pad = basis / "raw" / bestandsnaam(params)
    df = pd.read_csv(pad, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    cel = df["resultaatgebied"] + "|" + df["zelfredzaamheid"]
    grootste = cel.value_counts().index[:2]
    een = cel == grootste[0]
    df.loc[een, "aanbieder"] = df.loc[een, "aanbieder"].iat[0]
    dominant = (cel == grootste[1]) & (
        df["aanbieder"] == df.loc[cel == grootste[1], "aanbieder"].iat[0]
    )
    df.loc[dominant, "geleverd"] = [
        str(Decimal(g.replace(",", ".")) * 60).replace(".", ",")
        for g in df.loc[dominant, "geleverd"]
    ]
    df.to_csv(pad, sep=";", index=False, encoding="utf-8-sig")
    mappen = draai_pijplijn(basis, raw=basis / "raw")
    return mappen, [tuple(c.split("|")) for c in grootste]


def _audit(mappen):
    params = laad_parameters(2027)
    uitkomst = bereken_uit_mappen(params, mappen["RAW"], mappen["PROCESSED"])
    bladen = lees_werkmap(mappen["REPORTS"] / "inkooptafel" / "resultaattarieven.xlsx")
    p = lees_p()
    waar = waarheid(uitkomst)
    assert audit_samen(bladen, waar, p) == []
    assert audit_aandelen(bladen, waar, p) == []
    return bladen


def test_audit_of_the_sample(voorbeeld):
    bladen = _audit(voorbeeld)
    kosten = bladen["Kosten per cel"].set_index("Cel")
    assert sum(breuk(v) for v in kosten["Realisatie tegen kostprijs"][:-1]) == breuk(
        kosten.loc["Totaal", "Realisatie tegen kostprijs"]
    )


def test_audit_of_the_variant_with_a_dominated_and_a_one_provider_cell(variant):
    mappen, (een, dominant) = variant
    bladen = _audit(mappen)
    matrix = bladen["Matrix"].set_index(["Cel", "Zelfredzaamheid"])
    for cel in (een, dominant):
        assert (matrix.loc[cel, ["Cliënten", "Cliëntperioden", "Tarief per periode"]] == "x").all()
        assert cel in cellen_samen(bladen)
    # the one provider's turnover in its cell appears nowhere in the inkooptafel files
    uitkomst = bereken_uit_mappen(laad_parameters(2027), mappen["RAW"], mappen["PROCESSED"])
    omzet = waarheid(uitkomst)(een)
    tekst = " ".join(
        p.read_text(encoding="utf-8") for p in (mappen["REPORTS"] / "inkooptafel").glob("*.html")
    )
    assert euro(Decimal(omzet.numerator) / omzet.denominator, heel=True) not in tekst


@pytest.fixture(scope="module")
def tweede_met_geheim(tmp_path_factory):
    """params/2028.yaml with one product offered by two providers: its tarief is hidden."""
    params = laad_parameters(2028)
    vb = laad_voorbeeld(params)
    twee = list(vb.producten)[-4]  # any product of the catalogue
    producten = {**vb.producten, twee: dataclasses.replace(vb.producten[twee], aanbieders=2)}
    basis = tmp_path_factory.mktemp("tweede_geheim")
    schrijf_voorbeeld(params, basis / "raw", dataclasses.replace(vb, producten=producten))
    return draai_pijplijn(basis, raw=basis / "raw", jaar=2028)


def test_a_hidden_tarief_cannot_be_recomputed_from_the_budget_tables(tweede_met_geheim):
    """params/2028.yaml: the attack took the volume from the totals at the current tarieven
    and then the tarief from the totals at the new ones. No amount at the new tarieven is
    published while a new tarief is x."""
    mappen = tweede_met_geheim
    for naam in ("budget", "samenvatting"):
        bladen = lees_werkmap(mappen["REPORTS"] / "inkooptafel" / f"{naam}.xlsx")
        tarieven = bladen["Tarieven"]
        kolom = next(k for k in tarieven.columns if k.startswith(("Nieuw tarief", "Voorgesteld")))
        assert (tarieven[kolom] == "x").any()
        kosten = bladen["Kosten per jaar"]
        nieuw = kosten[kosten["Scenario"].astype(str).str.contains(NIEUW)]
        assert len(nieuw) and (nieuw.iloc[:, 1:] == "x").all(axis=None)
        if "Gevoeligheid" in bladen:
            g = bladen["Gevoeligheid"]
            g = g[pd.to_numeric(g["Gebruiksfactor"], errors="coerce").notna()]  # no footnote
            assert (g[[k for k in g.columns if NIEUW in str(k)]] == "x").all(axis=None)
    # nor in the sentences: no comparison at the new tarieven, no budget-neutral factor
    tekst = " ".join(
        p.read_text(encoding="utf-8") for p in (mappen["REPORTS"] / "inkooptafel").glob("*.html")
    )
    assert (
        "Budgetneutraal (even duur als de realisatie" not in tekst
        and "Budgetneutraal bij" not in tekst
        and "Budgetneutraal is elk tarief maal" not in tekst
        and "Met de nieuwe tarieven en een gebruiksfactor" not in tekst
    )
    # and the tarief itself is in no inkooptafel export
    voorstel = pd.read_csv(
        mappen["PROCESSED"] / "tarieven_voorstel.csv", sep=";", dtype=str, encoding="utf-8-sig"
    )
    budget = lees_werkmap(mappen["REPORTS"] / "inkooptafel" / "budget.xlsx")
    verborgen = set(
        budget["Tarieven"].loc[budget["Tarieven"]["Nieuw tarief"] == "x", "Productspecificatie"]
    )
    geheim = [
        Decimal(t.replace(",", "."))
        for p, t in zip(voorstel["productspecificatie"], voorstel["tarief"], strict=True)
        if p in verborgen and t
    ]
    getallen = {
        Decimal(str(v)).quantize(Decimal("0.01"))
        for pad in (mappen["REPORTS"] / "inkooptafel").glob("*.xlsx")
        for tabel in lees_werkmap(pad).values()
        for v in tabel.to_numpy().ravel()
        if isinstance(v, int | float) and not isinstance(v, bool)
    }
    assert geheim and not set(geheim) & getallen


def _make(mappen, *doelen):
    opdracht = ["make", "-C", str(PROJECT), *doelen, "JAAR=2027"]
    opdracht += [f"{n}={pad}" for n, pad in mappen.items()]
    env = {k: v for k, v in os.environ.items() if k != "KOSTPRIJS_P"} | SLEUTEL
    return subprocess.run(opdracht, env=env, capture_output=True, text=True, timeout=900)


def test_withdrawn_after_publication_then_added_back(voorbeeld, tmp_path):
    mappen = voorbeeld
    assert _make(mappen, "publiceer").returncode == 0
    rapporten = mappen["REPORTS"] / "inkooptafel"
    eerst = {p.name: p.read_bytes() for p in rapporten.glob("*.xlsx")}
    werkmap = sorted((mappen["RAW"] / "aanbieders").glob("*.xlsx"))[0]
    shutil.move(werkmap, tmp_path / werkmap.name)
    proces = _make(mappen, "report")
    assert proces.returncode != 0
    melding = proces.stdout + proces.stderr
    assert "1 aanbieder meer of minder" in melding and "was " in melding and "blad '" in melding
    # nothing of the refused version reached the inkooptafel folder
    assert {p.name: p.read_bytes() for p in rapporten.glob("*.xlsx")} == eerst
    shutil.move(tmp_path / werkmap.name, werkmap)
    assert _make(mappen, "report").returncode == 0
    # added back: the same figures as the version the inkooptafel has
    for naam, inhoud in eerst.items():
        (tmp_path / naam).write_bytes(inhoud)
        oud, nu = lees_werkmap(tmp_path / naam), lees_werkmap(rapporten / naam)
        assert set(oud) == set(nu)
        for blad in oud:
            assert oud[blad].equals(nu[blad]), (naam, blad)
