"""The research step on the synthetic sample: what the inkooptafel sees, and the hand-off to the budget."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kostprijs import opmaak
from kostprijs.inlezen import lees_map
from kostprijs.onderzoek.kostprijsonderzoek import VOORSTEL, bereken_onderzoek, schrijf_kostprijzen
from kostprijs.onderzoek.onthulling import MARKER
from kostprijs.rapport.teksten.methodeteksten import waarschuwingen
from kostprijs.rapport.teksten.vergelijkingsteksten import bij_onderzoek
from kostprijs.tarieflijst import lees_tarieven, tarieven_uit_lijst
from kostprijs.voorbeeld.gegevens import laad_voorbeeld, schrijf_voorbeeld


@pytest.fixture(scope="module")
def klein(params) -> str:
    """The product the sample has only two providers for."""
    [naam] = [n for n, v in laad_voorbeeld(params).producten.items() if v.aanbieders == 2]
    return naam


@pytest.fixture(scope="module")
def onderzoek(tmp_path_factory, params):
    basis = tmp_path_factory.mktemp("onderzoek")
    raw, processed = basis / "raw", basis / "processed"
    schrijf_voorbeeld(params, raw)
    lees_map(params, raw / "aanbieders", processed, voortgang=False)
    return bereken_onderzoek(params, processed, raw), processed


def _publiek(o) -> list:
    return [o.publiek_kostprijzen, o.publieke_vergelijking, o.publiek_voorstel]


def test_product_with_two_providers_is_suppressed_everywhere_public(onderzoek, params, klein):
    o, _ = onderzoek
    per = o.per_aanbieder
    assert per.loc[per["productspecificatie"] == klein, "kostprijs_bouwstenen"].notna().sum() == 2
    assert klein in o.onderdrukt
    for tabel in _publiek(o):
        rij = tabel[tabel["productspecificatie"] == klein]
        for kolom in ("kostprijs", "p25", "p75", "verschil", "verschil_pct", "voorgesteld_tarief"):
            if kolom in rij:
                assert (rij[kolom] == MARKER).all(), kolom
    assert not any(klein.lower() in b.lower() for b in bij_onderzoek(o, params))


def test_no_provider_figure_of_a_suppressed_product_in_public_tables(onderzoek):
    o, _ = onderzoek
    per = o.per_aanbieder
    eigen = per.loc[per["productspecificatie"].isin(o.onderdrukt), "kostprijs_bouwstenen"].dropna()
    tekst = " ".join(t.to_csv() for t in _publiek(o))
    for waarde in eigen:
        assert str(waarde) not in tekst
        assert opmaak.euro(waarde) not in tekst


def test_safe_products_show_n_and_an_average_within_the_providers_range(onderzoek):
    o, _ = onderzoek
    per = o.per_aanbieder
    for r in o.publiek_kostprijzen.itertuples():
        if r.productspecificatie in o.onderdrukt:
            continue
        eigen = per.loc[
            per["productspecificatie"] == r.productspecificatie, "kostprijs_bouwstenen"
        ].dropna()
        assert r.n == len(eigen) >= 3
        assert min(eigen) <= r.kostprijs <= max(eigen)


def test_proposal_is_readable_by_the_budget_model(onderzoek, params):
    o, processed = onderzoek
    schrijf_kostprijzen(o, processed)
    tarieven = tarieven_uit_lijst(lees_tarieven(processed / VOORSTEL, params), params)
    verwacht = {r.productspecificatie: r.voorgesteld_tarief for r in o.voorstel.itertuples()}
    assert {p: Decimal(c) / 100 for (p, _, _), c in tarieven.centen.items()} == verwacht
    assert {p for p, _, _ in tarieven.centen} == set(params.productspecificaties)


def test_recorded_method_shows_no_warning_and_a_changed_one_does(onderzoek, params):
    import dataclasses

    o, processed = onderzoek
    assert o.methodecontrole.in_orde  # params/2027.methode.json matches params/2027.yaml
    assert waarschuwingen(o.methodecontrole) == []
    anders = dataclasses.replace(
        params, kostprijs=dataclasses.replace(params.kostprijs, aggregatie="mediaan")
    )
    raw = processed.parent / "raw"
    [melding] = waarschuwingen(bereken_onderzoek(anders, processed, raw).methodecontrole)
    assert "wijkt af" in melding and "vóór het inlezen" in melding


def test_long_submission_list_counts_statuses_and_ranks_errors_first(onderzoek):
    o, _ = onderzoek
    per_status = dict(
        zip(o.inzendingen_per_status["status"], o.inzendingen_per_status["aantal"], strict=True)
    )
    assert sum(per_status.values()) == len(o.inzendingen)
    assert per_status == o.inzendingen["status"].value_counts().to_dict()
    belang = o.belang_inzendingen
    # one error weighs more than any number of remarks a workbook can have
    eerst = o.inzendingen.loc[belang.idxmax()]
    assert eerst["fouten"] == o.inzendingen["fouten"].max()
    assert belang.name == "aantal fouten en opmerkingen"
