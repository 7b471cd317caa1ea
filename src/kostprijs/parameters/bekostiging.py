"""Section `bekostiging`: the funding model and its billing period."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kostprijs.fouten import ConfiguratieFout
from kostprijs.parameters.sleutels import onbekend

MODELLEN = ("periodebudget", "inspanning", "resultaat", "traject")
FACTURATIEPERIODEN = {"4 weken": 13, "maand": 12}


@dataclass(frozen=True)
class Bekostiging:
    """How the municipality pays: the funding model and its billing period."""

    model: str = "periodebudget"
    facturatieperiode: str = "4 weken"
    budgetcode: str | None = None
    codes_in_budget: tuple[str, ...] = ()

    @property
    def perioden_per_jaar(self) -> int:
        return FACTURATIEPERIODEN[self.facturatieperiode]

    @property
    def periodebudget(self) -> bool:
        return self.model == "periodebudget"


def lees_bekostiging(ruw: dict | None, bron: Path) -> Bekostiging:
    ruw = dict(ruw or {})
    onbekend(
        ruw, {"model", "facturatieperiode", "budgetcode", "codes_in_budget"}, "bekostiging", bron
    )
    model = str(ruw.get("model", "periodebudget"))
    periode = str(ruw.get("facturatieperiode", "4 weken"))
    if model not in MODELLEN:
        raise ConfiguratieFout(
            f"{bron.name}: bekostiging.model is '{model}'; kies uit {', '.join(MODELLEN)}."
        )
    if periode not in FACTURATIEPERIODEN:
        raise ConfiguratieFout(
            f"{bron.name}: bekostiging.facturatieperiode is '{periode}'; kies uit "
            f"{', '.join(repr(p) for p in FACTURATIEPERIODEN)}."
        )
    codes = tuple(str(c) for c in ruw.get("codes_in_budget") or ())
    budgetcode = ruw.get("budgetcode")
    if model == "periodebudget" and (not budgetcode or not codes):
        raise ConfiguratieFout(
            f"{bron.name}: bij bekostiging.model periodebudget horen 'budgetcode' (de code "
            "waarmee het budget in stuks van € 1 wordt gedeclareerd) en 'codes_in_budget' "
            "(de productcodes die binnen het periodebudget vallen)."
        )
    if model != "periodebudget" and (budgetcode or codes):
        raise ConfiguratieFout(
            f"{bron.name}: 'budgetcode' en 'codes_in_budget' horen alleen bij het model "
            f"periodebudget, niet bij {model}."
        )
    return Bekostiging(model, periode, str(budgetcode) if budgetcode else None, codes)
