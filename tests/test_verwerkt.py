"""Processed results as signed records: exact round trips, and refusals of anything that the
pipeline did not write and sign (a changed Parquet, a file from another run, a missing
signature, a planted pickle)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import json
import pickle
import re
import shutil
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import schrijf_kostprijzen_product
from hypothesis import given, settings
from hypothesis import strategies as st

from kostprijs import cli
from kostprijs.bestanden import verwerkt
from kostprijs.bestanden.atomisch import sha256
from kostprijs.bestanden.verwerkt import (
    DATUM,
    DECIMAAL,
    GEHEEL,
    GEHEEL_PER_TEKST,
    GETAL,
    TABEL,
    TEKST,
    TEKSTEN,
    WAAR,
    lees_record,
    schrijf_record,
)
from kostprijs.budget import uitkomst
from kostprijs.budget.impact import Budgetimpact, Rekenvoorbeeld, bereken_budgetimpact
from kostprijs.fouten import ConfiguratieFout, VerouderdeGegevens
from kostprijs.herkomst.keten import controleer_keten, raw_invoer, vastleggen
from kostprijs.herkomst.manifest import bestanden, schrijf_manifest
from kostprijs.paden import PROJECT
from kostprijs.parameters import laad_parameters
from kostprijs.rapport import start
from kostprijs.resultaat.celtarieven import Resultaattarieven
from kostprijs.stappen import budgetstap, controlestap, resultaatstap
from kostprijs.tarieflijst import zin_regels
from kostprijs.voorbeeld.gegevens import schrijf_voorbeeld

SLEUTEL = bytes.fromhex("5c" * 32)
ACTIE = "Draai `make report` opnieuw."

SCHEMA = {
    "waar": WAAR,
    "centen": GEHEEL,
    "factor": DECIMAAL,
    "geen_factor": f"{DECIMAAL}?",
    "aandeel": GETAL,
    "nan": GETAL,
    "per": TEKST,
    "datum": DATUM,
    "frequenties": TEKSTEN,
    "kostprijzen": GEHEEL_PER_TEKST,
    "tabel": TABEL,
    "lege_tabel": TABEL,
    "geen_kolommen": TABEL,
    "geen_tabel": f"{TABEL}?",
}


def _tabel(n: int) -> pd.DataFrame:
    """Every kind of column the processed results hold, `n` (0..4) rows."""
    rijen = {
        "centen": np.array([0, -1, 2**62, 99008], dtype=np.int64),
        "klein": np.array([1, 2, 3, 4], dtype=np.int16),
        "decimaal": [Decimal("0.10"), None, Decimal("-1234567890.123456789"), Decimal("5E+3")],
        "breuk": [Fraction(2434608, 213317035), Fraction(1), None, Fraction(-1, 3)],
        "centen_of_leeg": [7750, None, 0, -3],
        "tarieven": [[4320], [600, 1636], [], [2**40]],
        "tekst": ["OZL 1", None, "x\r=cmd|' /C calc'!A0", 'é;"\n'],
        "datum": [dt.date(2026, 1, 1), None, dt.date(2028, 2, 29), dt.date(1, 1, 1)],
        "waar_of_leeg": [True, None, False, True],
        "getal": np.array([0.65, np.nan, -0.0, 1e-300]),
        "ja": np.array([True, False, True, False]),
        "leeg": [None, None, None, None],
    }
    df = pd.DataFrame({k: pd.Series(list(v)[:n], dtype=_dtype(v)) for k, v in rijen.items()})
    cat = pd.Categorical(["b", "a", None, "b"][:n], categories=["c", "b", "a"], ordered=True)
    df.insert(1, "categorie", cat)
    df["ongeordend"] = pd.Categorical(["x", "y", "x", "x"][:n], categories=["y", "x", "z"])
    return df


def _dtype(v):
    return v.dtype if isinstance(v, np.ndarray) else object


def _zelfde(a, b) -> None:
    """Equal values, equal dtypes and, in object columns, equal Python types and text."""
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, check_exact=True, check_categorical=True)
        assert type(a.index) is type(b.index)
        for kolom in a.columns:
            if a[kolom].dtype == object:
                assert [type(x) for x in a[kolom]] == [type(x) for x in b[kolom]], kolom
                assert [repr(x) for x in a[kolom]] == [repr(x) for x in b[kolom]], kolom
            if isinstance(a[kolom].dtype, pd.CategoricalDtype):
                assert list(a[kolom].cat.categories) == list(b[kolom].cat.categories)
    elif isinstance(a, pd.Series):
        pd.testing.assert_series_equal(a, b, check_exact=True)
    elif isinstance(a, float) and np.isnan(a):
        assert isinstance(b, float) and np.isnan(b)
    else:
        assert type(a) is type(b) and a == b and repr(a) == repr(b), (a, b)


def _velden() -> dict:
    return {
        "waar": True,
        "centen": 1287104,
        "factor": Decimal("0.6231"),
        "geen_factor": None,
        "aandeel": 0.6552251777330814,
        "nan": float("nan"),
        "per": "periode",
        "datum": dt.date(2026, 3, 1),
        "frequenties": ["per week", "per maand"],
        "kostprijzen": {"OZL 1": 4942, "Vervoer": 1308},
        "tabel": _tabel(4),
        "lege_tabel": _tabel(0),
        "geen_kolommen": pd.DataFrame(index=pd.RangeIndex(3)),
        "geen_tabel": None,
    }


def test_every_field_type_round_trips_exactly(tmp_path):
    velden = _velden()
    schrijf_record(tmp_path, "proef", SCHEMA, velden, SLEUTEL)
    terug = lees_record(tmp_path, "proef", SCHEMA, ACTIE, SLEUTEL)
    assert set(terug) == set(velden)
    for naam, waarde in velden.items():
        _zelfde(waarde, terug[naam])
    assert (
        terug["tabel"]["decimaal"][0] == Decimal("0.10")
        and str(terug["tabel"]["decimaal"][0]) == "0.10"
    )
    assert terug["tabel"]["breuk"][0] == Fraction(2434608, 213317035)
    # the files are open formats: JSON with a type per field, Parquet per table
    inhoud = json.loads((tmp_path / "proef" / "velden.json").read_text(encoding="utf-8"))
    assert inhoud["velden"]["factor"] == {"soort": "decimaal", "waarde": "0.6231"}
    assert inhoud["velden"]["centen"] == {"soort": "geheel", "waarde": 1287104}
    gelezen = pd.read_parquet(tmp_path / "proef" / "tabel.parquet")
    assert list(gelezen["centen"]) == [0, -1, 2**62, 99008]
    assert gelezen["decimaal"].iat[0] == "0.10"  # as text, never a float


def test_the_signature_lists_every_file_and_is_an_hmac_with_the_derived_key(tmp_path):
    paden = schrijf_record(tmp_path, "proef", SCHEMA, _velden(), SLEUTEL)
    map_ = tmp_path / "proef"
    assert sorted(p.name for p in map_.iterdir()) == sorted(p.name for p in paden)
    handtekening = json.loads((map_ / "handtekening.json").read_text(encoding="utf-8"))
    namen = {"velden.json", "tabel.parquet", "lege_tabel.parquet", "geen_kolommen.parquet"}
    assert handtekening["bestanden"] == {
        n: hashlib.sha256((map_ / n).read_bytes()).hexdigest() for n in namen
    }
    afgeleid = hmac.new(SLEUTEL, b"kostprijs:verwerkte gegevens", hashlib.sha256).digest()
    tekst = json.dumps(
        {"bestanden": handtekening["bestanden"]}, sort_keys=True, separators=(",", ":")
    )
    assert (
        handtekening["hmac_sha256"]
        == hmac.new(afgeleid, tekst.encode(), hashlib.sha256).hexdigest()
    )


@settings(max_examples=100, deadline=None)
@given(
    st.decimals(allow_nan=False, allow_infinity=False),
    st.integers(-(2**63), 2**63 - 1),
    st.lists(st.one_of(st.none(), st.decimals(allow_nan=False, allow_infinity=False)), max_size=5),
    st.text(),
)
def test_decimals_cents_and_text_round_trip(tmp_path_factory, factor, centen, kolom, tekst):
    map_ = tmp_path_factory.mktemp("r")
    schema = {"factor": DECIMAAL, "centen": GEHEEL, "per": TEKST, "tabel": TABEL}
    tabel = pd.DataFrame({"d": pd.Series(kolom, dtype=object), "c": np.full(len(kolom), centen)})
    velden = {"factor": factor, "centen": centen, "per": tekst, "tabel": tabel}
    schrijf_record(map_, "r", schema, velden, SLEUTEL)
    terug = lees_record(map_, "r", schema, ACTIE, SLEUTEL)
    assert str(terug["factor"]) == str(factor) and terug["centen"] == centen
    assert terug["per"] == tekst
    assert [str(x) for x in terug["tabel"]["d"]] == [str(x) for x in kolom]
    assert terug["tabel"]["c"].tolist() == [centen] * len(kolom)


def test_a_field_of_the_wrong_type_is_not_written(tmp_path):
    with pytest.raises(TypeError, match="centen"):
        schrijf_record(tmp_path, "r", {"centen": GEHEEL}, {"centen": 12.5}, SLEUTEL)
    with pytest.raises(TypeError, match="mixes"):
        schrijf_record(tmp_path, "r", {"t": TABEL}, {"t": pd.DataFrame({"x": [1, "a"]})}, SLEUTEL)


def test_a_record_read_with_another_schema_is_refused(tmp_path):
    schrijf_record(tmp_path, "r", {"centen": GEHEEL}, {"centen": 5}, SLEUTEL)
    with pytest.raises(VerouderdeGegevens, match=r"velden\.json: de gegevens hebben niet de vorm"):
        lees_record(tmp_path, "r", {"centen": DECIMAAL}, ACTIE, SLEUTEL)


def test_the_schemas_cover_every_field_of_the_results():
    budget = {n.partition(".")[0] for n in uitkomst.BUDGET_SCHEMA}
    assert budget == {f.name for f in dataclasses.fields(Budgetimpact)}
    voorbeeld = {
        n.partition(".")[2] for n in uitkomst.BUDGET_SCHEMA if n.startswith("rekenvoorbeeld.")
    }
    assert voorbeeld == {f.name for f in dataclasses.fields(Rekenvoorbeeld)}
    assert set(uitkomst.RESULTAAT_SCHEMA) == {f.name for f in dataclasses.fields(Resultaattarieven)}


def test_nothing_in_the_package_or_the_notebooks_unpickles():
    laden = re.compile(
        r"import (pickle|dill|cloudpickle|joblib|shelve|marshal)\b|from (pickle|dill|joblib) "
        r"|read_pickle|pickle\.loads?\b|allow_pickle=True"
    )
    for pad in [*(PROJECT / "src").rglob("*.py"), *(PROJECT / "notebooks").glob("*.ipynb")]:
        assert not laden.search(pad.read_text(encoding="utf-8")), pad


# --- the pipeline's records on the sample -------------------------------------------------


def _voorstel(params, processed: Path, euro: str) -> None:
    processed.mkdir(parents=True, exist_ok=True)
    (processed / "tarieven_voorstel.csv").write_text(
        "productspecificatie;variant;eenheid;tarief\n"
        + "".join(f"{p};{v};{params.product(p).eenheid};{euro}\n" for p, v in zin_regels(params)),
        encoding="utf-8",
    )
    schrijf_kostprijzen_product(processed, dict.fromkeys(params.productspecificaties, "40.00"))


def _run(params, raw: Path, processed: Path, euro: str) -> None:
    """The budget and result steps on a processed folder, with the earlier steps recorded."""
    _voorstel(params, processed, euro)
    werkmappen = raw_invoer(raw, sorted((raw / "aanbieders").iterdir()))
    vastleggen(processed, "inlezen", {f"params/{params.bron.name}": params.bron, **werkmappen}, [])
    kostprijzen = [processed / "tarieven_voorstel.csv", processed / "kostprijzen_product.csv"]
    vastleggen(processed, "kostprijzen", {f"params/{params.bron.name}": params.bron}, kostprijzen)
    controlestap.draai(params.jaar, raw, processed=processed)
    budgetstap.schrijf(params, raw, processed)
    resultaatstap.schrijf(params, raw, processed)


@pytest.fixture(scope="module", params=[2027, 2028])
def pijplijn(request, tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KOSTPRIJS_SLEUTEL", SLEUTEL.hex())
        params = laad_parameters(request.param)
        basis = tmp_path_factory.mktemp(f"p{request.param}")
        raw = basis / "raw"
        schrijf_voorbeeld(params, raw)
        _run(params, raw, basis / "processed", "50,00")
        _run(params, raw, basis / "andere_run", "60,00")
        yield params, raw, basis


@pytest.fixture
def kopie(pijplijn, tmp_path, monkeypatch):
    """A fresh copy of the sample's processed folder and its manifest, with the key set."""
    monkeypatch.setenv("KOSTPRIJS_SLEUTEL", SLEUTEL.hex())
    params, raw, basis = pijplijn
    processed = tmp_path / "processed"
    shutil.copytree(basis / "processed", processed)
    manifest = {
        "run_id": "proef",
        "invoer": {
            "raw": bestanden(raw),
            "parameters": {"bestand": params.bron.name, "sha256": sha256(params.bron)},
        },
    }
    return params, raw, processed, manifest, basis / "andere_run"


def test_the_saved_results_read_back_exactly(pijplijn, monkeypatch):
    monkeypatch.setenv("KOSTPRIJS_SLEUTEL", SLEUTEL.hex())
    params, raw, basis = pijplijn
    processed = basis / "processed"
    berekend = bereken_budgetimpact(params, raw, processed / "tarieven_voorstel.csv")
    gelezen = uitkomst.lees_budgetimpact(processed)
    for veld in dataclasses.fields(Budgetimpact):
        a, b = getattr(berekend, veld.name), getattr(gelezen, veld.name)
        if isinstance(a, Rekenvoorbeeld):
            for v in dataclasses.fields(Rekenvoorbeeld):
                _zelfde(getattr(a, v.name), getattr(b, v.name))
        elif a is None:
            assert b is None, veld.name
        else:
            _zelfde(a, b)
    assert not list(processed.rglob("*.pkl"))
    resultaat = uitkomst.lees_resultaattarieven(processed)
    if params.resultaat is None:
        assert resultaat is None
        return
    from kostprijs.resultaat.celtarieven import bereken_uit_mappen

    prijzen = uitkomst.scenarioprijzen(uitkomst.lees_budgetimpact(processed))
    verwacht = bereken_uit_mappen(params, raw, processed, prijzen)
    assert verwacht.scenarios is not None and len(verwacht.scenarios)
    for veld in dataclasses.fields(Resultaattarieven):
        _zelfde(getattr(verwacht, veld.name), getattr(resultaat, veld.name))


def test_untouched_folder_passes_the_chain(kopie):
    params, raw, processed, manifest, _ = kopie
    controleer_keten(processed, manifest, raw)
    assert start.start(params.jaar, raw=str(raw), processed=str(processed)).budget is not None


def _andere_waarde(pad: Path) -> None:
    """A valid Parquet file of the same table, with one amount one cent higher."""
    tabel = pq.read_table(pad)
    i = next(i for i, veld in enumerate(tabel.schema) if veld.type == pa.int64())
    kolom = tabel.column(i).to_numpy().copy()
    kolom[0] += 1
    pq.write_table(tabel.set_column(i, tabel.schema[i], pa.array(kolom)), pad)


def _plant_pickle(pad: Path) -> None:
    pad.write_bytes(pickle.dumps({"budget": 1}))


AANVALLEN = {
    "gewijzigde waarde": (
        lambda p, a: _andere_waarde(p / "budgetimpact" / "totalen.parquet"),
        "totalen.parquet",
    ),
    "bestand uit een andere run": (
        lambda p, a: shutil.copy(a / "budgetimpact" / "tarieven.parquet", p / "budgetimpact"),
        "tarieven.parquet",
    ),
    "map uit een andere run": (
        lambda p, a: (
            shutil.rmtree(p / "budgetimpact"),
            shutil.copytree(a / "budgetimpact", p / "budgetimpact"),
        ),
        "budgetimpact",
    ),
    "handtekening weg": (
        lambda p, a: (p / "budgetimpact" / "handtekening.json").unlink(),
        "handtekening.json",
    ),
    "pickle in de map van het record": (
        lambda p, a: _plant_pickle(p / "budgetimpact" / "budgetimpact.pkl"),
        "budgetimpact.pkl",
    ),
    "herkomst bijgewerkt zonder sleutel": (
        lambda p, a: _herkomst_bijgewerkt(p),
        "herkomst/budget.json",
    ),
}


def _herkomst_bijgewerkt(processed: Path) -> None:
    """Change a value and rewrite every hash after it, as someone without the key can."""
    map_ = processed / "budgetimpact"
    _andere_waarde(map_ / "totalen.parquet")
    handtekening = json.loads((map_ / "handtekening.json").read_text(encoding="utf-8"))
    handtekening["bestanden"]["totalen.parquet"] = sha256(map_ / "totalen.parquet")
    (map_ / "handtekening.json").write_text(json.dumps(handtekening), encoding="utf-8")
    pad = processed / "herkomst" / "budget.json"
    record = json.loads(pad.read_text(encoding="utf-8"))
    for naam in ("totalen.parquet", "handtekening.json"):
        record["uitvoer"][f"processed/budgetimpact/{naam}"] = sha256(map_ / naam)
    pad.write_text(json.dumps(record), encoding="utf-8")


@pytest.mark.parametrize("aanval", list(AANVALLEN))
def test_what_the_pipeline_did_not_sign_is_refused(kopie, aanval):
    params, raw, processed, manifest, andere = kopie
    wijzig, bestand = AANVALLEN[aanval]
    wijzig(processed, andere)
    with pytest.raises(VerouderdeGegevens) as fout:
        uitkomst.lees_budgetimpact(processed)
    assert bestand in str(fout.value) and "make report" in str(fout.value)
    with pytest.raises(VerouderdeGegevens) as fout:
        _ = start.start(params.jaar, raw=str(raw), processed=str(processed)).budget
    assert bestand in str(fout.value)
    with pytest.raises(VerouderdeGegevens, match="make report") as fout:
        controleer_keten(processed, manifest, raw)
    assert bestand.rpartition("/")[2] in str(fout.value)


def test_a_record_signed_with_another_key_is_refused(kopie, monkeypatch):
    _, raw, processed, manifest, _ = kopie
    velden = uitkomst.budget_naar_record(uitkomst.lees_budgetimpact(processed))
    velden["beeindigd_centen"] += 100
    schrijf_record(processed, "budgetimpact", uitkomst.BUDGET_SCHEMA, velden, bytes(32))
    with pytest.raises(VerouderdeGegevens, match="handtekening klopt niet met de sleutel"):
        uitkomst.lees_budgetimpact(processed)
    with pytest.raises(VerouderdeGegevens, match=r"handtekening\.json is gewijzigd"):
        controleer_keten(processed, manifest, raw)


def test_a_planted_pickle_stops_the_notebook_before_it_runs(kopie, tmp_path, capsys):
    params, raw, processed, manifest, _ = kopie
    _plant_pickle(processed / "budgetimpact.pkl")
    with pytest.raises(VerouderdeGegevens, match=r"budgetimpact\.pkl staat in de map") as fout:
        controleer_keten(processed, manifest, raw)
    assert "Verwijder" in str(fout.value)
    pad = tmp_path / "manifest.json"
    schrijf_manifest(manifest, pad)
    uit = tmp_path / "uit"
    code = cli.main(
        [
            "rapporten", "--build", str(uit / "build"), "--uit", str(uit / "reports"),
            "--lijst", str(uit / "rapporten.txt"), "--jaar", str(params.jaar),
            "--raw", str(raw), "--processed", str(processed), "--manifest", str(pad),
        ]
    )  # fmt: skip
    assert code != 0 and not uit.exists()
    assert "budgetimpact.pkl" in capsys.readouterr().err


def test_the_step_record_itself_is_signed(kopie):
    _, raw, processed, manifest, _ = kopie
    pad = processed / "herkomst" / "resultaat.json"
    record = json.loads(pad.read_text(encoding="utf-8"))
    record["hmac_sha256"] = verwerkt.mac(
        {k: v for k, v in record.items() if k != "hmac_sha256"}, bytes(32)
    )
    pad.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(VerouderdeGegevens, match=r"herkomst/resultaat\.json is niet ondertekend"):
        controleer_keten(processed, manifest, raw)


@pytest.mark.parametrize("jaar", [2027, 2028])
def test_the_saved_research_reads_back_exactly(jaar, tmp_path, monkeypatch):
    """What the cost-price step saves is, field by field, the research computed afresh: the
    reports read the record and never compute the research themselves."""
    from kostprijs.inlezen import lees_map
    from kostprijs.onderzoek.kostprijsonderzoek import Kostprijsonderzoek, bereken_onderzoek
    from kostprijs.onderzoek.onderzoeksrecord import lees_onderzoek
    from kostprijs.stappen import kostprijsstap

    monkeypatch.setenv("KOSTPRIJS_SLEUTEL", SLEUTEL.hex())
    params = laad_parameters(jaar)
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    schrijf_voorbeeld(params, raw)
    lees_map(params, raw / "aanbieders", processed, voortgang=False)
    assert lees_onderzoek(processed) is None  # the step has not run: nothing to read
    kostprijsstap.draai(jaar, raw, processed)
    berekend, gelezen = bereken_onderzoek(params, processed, raw), lees_onderzoek(processed)

    def vergelijk(a, b):
        if dataclasses.is_dataclass(a):
            assert type(a) is type(b)
            for veld in dataclasses.fields(a):
                vergelijk(getattr(a, veld.name), getattr(b, veld.name))
        else:
            _zelfde(a, b)
            assert type(a) is type(b)

    vergelijk(berekend, gelezen)
    assert isinstance(gelezen, Kostprijsonderzoek)
    assert gelezen.indexketen.factor == berekend.indexketen.factor
    assert gelezen.aggregatie.declaratie.sha256 == berekend.aggregatie.declaratie.sha256


def test_a_report_without_the_saved_research_names_the_step(tmp_path, monkeypatch):
    monkeypatch.setenv("KOSTPRIJS_SLEUTEL", SLEUTEL.hex())
    (tmp_path / "raw").mkdir()
    (tmp_path / "processed").mkdir()
    rapport = start.start(2027, str(tmp_path / "raw"), str(tmp_path / "processed"))
    with pytest.raises(ConfiguratieFout, match="kostprijs kostprijzen --jaar 2027"):
        _ = rapport.onderzoek
