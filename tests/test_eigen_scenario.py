"""A tariff file of one's own is a named scenario (`kostprijs scenario`): its own report folder
beside the official reports, its own run id, every text naming it, and the research's
disclosure control."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pandas as pd
import pytest

from kostprijs.bestanden.atomisch import sha256
from kostprijs.herkomst.manifest import run_id
from kostprijs.onderzoek.kostprijsonderzoek import onderdrukte_producten
from kostprijs.opmaak import euro
from kostprijs.paden import PROJECT
from kostprijs.rapport.eigen_scenario import mapnaam, scenariomanifest


def test_a_scenario_has_a_run_id_of_its_own_per_name_and_file(tmp_path):
    officieel = {"jaar": 2027, "invoer": {"raw": {"a.csv": "0" * 64}}, "start": "t0", "einde": "t1"}
    officieel["run_id"] = run_id(officieel)
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("productspecificatie;tarief\nX;1,00\n", encoding="utf-8")
    b.write_text("productspecificatie;tarief\nX;1,01\n", encoding="utf-8")
    ids = {
        officieel["run_id"],
        scenariomanifest(officieel, "A", a)["run_id"],
        scenariomanifest(officieel, "A", b)["run_id"],
        scenariomanifest(officieel, "B", a)["run_id"],
    }
    assert len(ids) == 4
    # the same name and file give the same id again (the times are not part of it)
    assert (
        scenariomanifest(officieel, "A", a)["run_id"]
        == scenariomanifest(officieel, "A", a)["run_id"]
    )
    assert scenariomanifest(officieel, "A", a)["scenario"]["tarieven"]["sha256"] == sha256(a)


def test_a_name_without_letters_is_refused():
    from kostprijs.fouten import ConfiguratieFout

    assert mapnaam("Tarieven -2% (OZL)") == "tarieven-2-ozl"
    with pytest.raises(ConfiguratieFout, match="geen letter of cijfer"):
        mapnaam("%%")
    assert mapnaam("Tarieven cliëntvriendelijk (+3,5%)") == "tarieven-cli-ntvriendelijk-3-5"
    # printed in Markdown, HTML and a make command: no characters that mean something there
    for naam in ("<b>vet</b>", "**OZL**", "min_2", "Jan's", "a`b", "[x](y)"):
        with pytest.raises(ConfiguratieFout, match="Gebruik letters, cijfers"):
            mapnaam(naam)
    with pytest.raises(ConfiguratieFout, match="langer dan 80"):
        mapnaam("a" * 81)


@pytest.mark.traag
def test_own_tariff_file_is_a_named_scenario_beside_the_official_reports(voorbeeldruns, tmp_path):
    run = voorbeeldruns[0]
    voorstel = pd.read_csv(
        run["PROCESSED"] / "tarieven_voorstel.csv", sep=";", dtype=str, encoding="utf-8-sig"
    )
    eigen = voorstel.copy()
    eigen.loc[eigen["productspecificatie"] == "OZL 1", "tarief"] = "50,00"
    bestand = tmp_path / "lager_ozl.csv"
    eigen.to_csv(bestand, sep=";", index=False, encoding="utf-8")
    build, reports = tmp_path / "build", tmp_path / "reports"
    build.mkdir()
    shutil.copy(run["BUILD"] / "manifest.json", build / "manifest.json")
    officieel = {p: sha256(p) for p in run["REPORTS"].rglob("*") if p.is_file()}

    proces = subprocess.run(
        [
            str(PROJECT / ".venv" / "bin" / "kostprijs"),
            "scenario",
            "--jaar=2027",
            f"--tarieven={bestand}",
            "--naam=Lager OZL",
            f"--raw={run['RAW']}",
            f"--processed={run['PROCESSED']}",
            f"--build={build}",
            f"--reports={reports}",
        ],
        env={**os.environ, "KOSTPRIJS_SLEUTEL": "5a" * 32},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proces.returncode == 0, proces.stdout + proces.stderr
    map_ = reports / "scenarios" / "lager-ozl"
    html = (map_ / "budget.html").read_text(encoding="utf-8")
    manifest = json.loads((map_ / "manifest.json").read_text(encoding="utf-8"))
    eerste = json.loads((run["REPORTS"] / "manifest.json").read_text(encoding="utf-8"))

    assert manifest["run_id"] != eerste["run_id"]
    assert manifest["scenario"]["naam"] == "Lager OZL"
    assert manifest["run_id"] in html
    assert "Budgetimpact van het eigen scenario &#x27;Lager OZL&#x27;, 2027" in html or (
        "Budgetimpact van het eigen scenario 'Lager OZL', 2027" in html
    )
    assert "uit het bestand lager_ozl.csv" in html
    assert "voorgestelde tarieven uit het kostprijsonderzoek" not in html
    assert "(voorstel)" not in html
    assert euro(50) in html
    # the research's disclosure control: a hidden product's tarief from the file is not shown
    verborgen = onderdrukte_producten(run["PROCESSED"])
    assert verborgen
    for _, r in eigen[eigen["productspecificatie"].isin(verborgen)].iterrows():
        assert f"€ {r['tarief']}" not in html.replace("\xa0", " ")
    # the official reports are untouched
    assert {p: sha256(p) for p in run["REPORTS"].rglob("*") if p.is_file()} == officieel
    # another name that gives the same folder does not overwrite this scenario
    inhoud = {p: sha256(p) for p in map_.rglob("*") if p.is_file()}
    ander = subprocess.run(
        [a.replace("--naam=Lager OZL", "--naam=lager ozl") for a in proces.args],
        env={**os.environ, "KOSTPRIJS_SLEUTEL": "5a" * 32},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ander.returncode != 0
    assert "hoort al bij het scenario 'Lager OZL'" in ander.stdout + ander.stderr
    assert "Traceback" not in ander.stderr
    assert {p: sha256(p) for p in map_.rglob("*") if p.is_file()} == inhoud
