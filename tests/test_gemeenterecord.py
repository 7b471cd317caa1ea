"""The municipality's data as the step `controleer` saves them (budget.gemeenterecord): read
back they are the data as read from the raw exports, value by value; they hold pseudonyms
and codes, never a raw client number; and a later step refuses a missing or foreign record."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from kostprijs.bestanden import catalogus
from kostprijs.budget import gemeenterecord
from kostprijs.budget.impact import lees_gemeentegegevens
from kostprijs.fouten import VerouderdeGegevens
from kostprijs.parameters import laad_parameters
from kostprijs.resultaat.celrealisatie import lees_celrealisatie
from kostprijs.stappen import controlestap
from kostprijs.voorbeeld.gegevens import schrijf_voorbeeld

SLEUTEL = bytes.fromhex("ab" * 32)


@pytest.fixture(scope="module", params=[2027, 2029])
def gecontroleerd(request, tmp_path_factory):
    """A sample raw folder and the processed folder after the step `controleer`."""
    mp = pytest.MonkeyPatch()
    mp.setenv("KOSTPRIJS_SLEUTEL", "ab" * 32)
    jaar = request.param
    params = laad_parameters(jaar)
    map_ = tmp_path_factory.mktemp(f"gc{jaar}")
    raw, processed = map_ / "raw", map_ / "processed"
    schrijf_voorbeeld(params, raw)
    controlestap.draai(jaar, raw, processed=processed)
    yield params, raw, processed
    mp.undo()


def _zelfde(a, b, naam):
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, check_categorical=True, obj=naam)
        assert a.attrs == b.attrs, naam
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and np.array_equal(a, b), naam
    else:
        assert a == b, naam


def test_the_saved_data_are_the_data_as_read_from_the_raw_exports(gecontroleerd):
    params, raw, processed = gecontroleerd
    gelezen = lees_gemeentegegevens(params, raw, SLEUTEL)
    opgeslagen = gemeenterecord.lees_gegevens(processed, raw)
    for veld in dataclasses.fields(gelezen):
        a, b = getattr(gelezen, veld.name), getattr(opgeslagen, veld.name)
        if a is None:
            assert b is None, veld.name
        else:
            _zelfde(a, b, veld.name)
    if params.resultaat is not None:
        regels = lees_celrealisatie(catalogus.cellenbron(raw, params.realisatiejaar), params)
        regels.attrs.pop("clienten")
        _zelfde(regels, gemeenterecord.lees_cellen(processed, raw), "celrealisatie")


def test_no_raw_client_number_reaches_the_processed_folder(gecontroleerd):
    _params, raw, processed = gecontroleerd
    ruw = pd.read_csv(catalogus.indicatiebron(raw), sep=None, engine="python", dtype=str)
    kolom = next(k for k in ruw.columns if "client" in k.lower())
    nummers = {n.lstrip("0") for n in ruw[kolom].dropna()}
    for naam in (gemeenterecord.GEGEVENS, gemeenterecord.CELLEN):
        for pad in (processed / naam).glob("*") if (processed / naam).exists() else []:
            inhoud = pad.read_bytes()
            if pad.suffix == ".parquet":
                tabel = pd.read_parquet(pad)
                for k in tabel.columns:
                    if tabel[k].dtype == object or isinstance(tabel[k].dtype, pd.CategoricalDtype):
                        waarden = {str(w).lstrip("0") for w in tabel[k].dropna().unique()}
                        assert not waarden & nummers, (pad.name, k)
            else:
                assert not any(n.encode() in inhoud for n in list(nummers)[:200]), pad.name


def test_a_later_step_refuses_data_the_check_did_not_write(gecontroleerd, tmp_path):
    _params, raw, processed = gecontroleerd
    with pytest.raises(VerouderdeGegevens, match=r"kostprijs controleer"):
        gemeenterecord.lees_gegevens(tmp_path, raw)  # the check has not run here
    # a record of another run (written and signed, but not what this run's check recorded)
    import shutil

    kopie = tmp_path / "processed"
    shutil.copytree(processed, kopie)
    g = gemeenterecord.lees_gegevens(kopie, raw)
    gemeenterecord.schrijf_gegevens(kopie, dataclasses.replace(g, ontdubbeld=g.ontdubbeld + 1), raw)
    with pytest.raises(VerouderdeGegevens, match=r"niet wat de stap 'controleer'"):
        gemeenterecord.lees_gegevens(kopie, raw)


def test_a_failed_check_leaves_the_previous_records_in_place(gecontroleerd, tmp_path):
    import shutil

    from kostprijs.fouten import InvoerFout

    params, raw, processed = gecontroleerd
    kopie_raw, kopie = tmp_path / "raw", tmp_path / "processed"
    shutil.copytree(raw, kopie_raw)
    shutil.copytree(processed, kopie)
    voor = {p: p.read_bytes() for p in kopie.rglob("*") if p.is_file()}
    catalogus.tarievenbron(kopie_raw).unlink()
    with pytest.raises(InvoerFout, match="ontbreekt"):
        controlestap.draai(params.jaar, kopie_raw, processed=kopie)
    na = {p: p.read_bytes() for p in kopie.rglob("*") if p.is_file()}
    assert na == voor  # no half-written record, no leftover working folder


def test_a_check_without_a_processed_folder_writes_no_records(gecontroleerd):
    """`kostprijs controleer` on another export (an adviser trying a new file) never
    replaces the records the pipeline's check wrote."""
    from kostprijs.cli import main
    from kostprijs.paden import processed_map

    params, raw, _ = gecontroleerd
    standaard = processed_map(params.jaar)  # where a check that writes would write

    def stand():
        return {p: p.stat().st_mtime_ns for p in standaard.rglob("*")}

    voor = stand()
    assert main(["controleer", "--jaar", str(params.jaar), "--raw", str(raw)]) == 0
    assert stand() == voor
