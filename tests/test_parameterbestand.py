"""Mistakes a beleidsadviseur makes in params/<jaar>.yaml get the key, the line and the fix."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from kostprijs.fouten import ConfiguratieFout
from kostprijs.paden import parameters_pad
from kostprijs.parameters import laad_parameters


def _met(tmp_path, jaar: int, sleutel: str, waarde: str):
    """params/<jaar>.yaml with the first line `  <sleutel>: ...` set to `waarde`, and its line."""
    regels = parameters_pad(jaar).read_text(encoding="utf-8").splitlines()
    nummer = next(i for i, r in enumerate(regels, 1) if re.match(rf"\s+{sleutel}:", r))
    inspringing = regels[nummer - 1][: len(regels[nummer - 1]) - len(regels[nummer - 1].lstrip())]
    regels[nummer - 1] = f"{inspringing}{sleutel}: {waarde}"
    pad = tmp_path / f"{jaar}.yaml"
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad, nummer


@pytest.mark.parametrize("jaar", [2027, 2028])
@pytest.mark.parametrize(
    ("waarde", "hint"),
    [
        ("65%", "65% schrijft u als 0.65"),
        ("'65%'", "65% schrijft u als 0.65"),
        ("65 %", "65% schrijft u als 0.65"),
        ("0,60", "dus 0.60"),
        ("1.5", "65% schrijft u als 0.65"),
        ("0", "groter dan 0"),
    ],
)
def test_gebruiksfactor_fout_noemt_sleutel_regel_en_oplossing(tmp_path, jaar, waarde, hint):
    pad, regel = _met(tmp_path, jaar, "gebruiksfactor", waarde)
    with pytest.raises(ConfiguratieFout) as fout:
        laad_parameters(pad=pad)
    melding = str(fout.value)
    assert f"{pad.name}, regel {regel} (budget.gebruiksfactor)" in melding
    assert hint in melding
    assert "ontbrekende of ongeldige waarde" not in melding


def test_een_goede_waarde_wordt_gelezen(tmp_path):
    pad, _ = _met(tmp_path, 2027, "gebruiksfactor", "0.6")
    assert str(laad_parameters(pad=pad).budget.gebruiksfactor) == "0.6"


def test_indexatie_bericht_en_grens_stemmen_overeen(tmp_path):
    pad, _ = _met(tmp_path, 2027, "2026", "-0.5")  # the first year under indexatie.percentages
    regel = next(
        i for i, r in enumerate(pad.read_text().splitlines(), 1) if r.startswith("  indexatie:")
    )
    with pytest.raises(ConfiguratieFout) as fout:
        laad_parameters(pad=pad)
    assert f"regel {regel} (kostprijs.indexatie)" in str(fout.value)
    assert "groter dan -0.5" in str(fout.value)  # -0.5 itself is outside, and the message says so
    pad, _ = _met(tmp_path, 2027, "2026", "-0.49")
    assert laad_parameters(pad=pad).kostprijs.indexatie.percentages[0][1] == Decimal("-0.49")


def test_ontbrekende_sleutel_noemt_de_sectie(tmp_path):
    tekst = parameters_pad(2028).read_text(encoding="utf-8")
    pad = tmp_path / "2028.yaml"
    pad.write_text(re.sub(r"^jaar:.*\n", "", tekst, flags=re.M), encoding="utf-8")
    with pytest.raises(
        ConfiguratieFout, match=r"\(jaar\): ontbrekende of ongeldige waarde: 'jaar' ontbreekt"
    ):
        laad_parameters(pad=pad)
