"""What every report notebook starts with: the year's parameters, the research and the budget
impact (computed when first used), what must stay hidden, and the report's header.

    rapport = start(jaar, raw, processed)

With `tarieven_nieuw` (a tariff file of one's own) the budget is that file's named scenario,
under the same disclosure control as the proposal (see `kostprijs scenario`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kostprijs.bestanden import catalogus
from kostprijs.budget.impact import Budgetimpact, bereken_budgetimpact
from kostprijs.budget.uitkomst import lees_budgetimpact, lees_resultaattarieven
from kostprijs.fouten import ConfiguratieFout, KostprijsFout
from kostprijs.herkomst.manifest import standaard_pad
from kostprijs.onderzoek.kostprijsonderzoek import Kostprijsonderzoek, onderdrukte_producten
from kostprijs.onderzoek.onderzoeksrecord import lees_onderzoek
from kostprijs.onderzoek.onthulling import lees_p
from kostprijs.paden import PROJECT, processed_map, raw_map
from kostprijs.parameters import Jaarparameters, laad_parameters
from kostprijs.publicatie import budgetcijfers
from kostprijs.publicatie.celtabellen import Resultaatpublicatie, publiceer
from kostprijs.publicatie.gemeentecijfers import Gemeentepublicatie, gemeentepublicatie
from kostprijs.rapport.kop import manifest_kop
from kostprijs.resultaat.celtarieven import Resultaattarieven


@dataclass
class Rapport:
    """One year's results for a report; nothing is computed until a notebook asks for it."""

    jaar: int
    params: Jaarparameters
    raw: Path
    processed: Path
    tarieven_nieuw: Path | None = None
    manifest: Path | None = None
    scenario: str = ""  # the name of the scenario of `tarieven_nieuw`

    @cached_property
    def onderzoek(self) -> Kostprijsonderzoek:
        """The research as the pipeline's cost-price step saved it."""
        opgeslagen = lees_onderzoek(self.processed)
        if opgeslagen is None:  # never a silent recomputation: the report reads the step
            raise self._ontbreekt("het kostprijsonderzoek", "kostprijzen")
        return opgeslagen

    @cached_property
    def budget(self) -> Budgetimpact:
        """The budget impact: as the pipeline's budget step saved it, or computed for tarieven
        of one's own (their scenario)."""
        if self.tarieven_nieuw:
            return bereken_budgetimpact(
                self.params,
                self.raw,
                self.tarieven_nieuw,
                verborgen=self.verborgen,
                eigen=self.eigen_scenario,
            )
        opgeslagen = lees_budgetimpact(self.processed)
        if opgeslagen is None:  # never a silent recomputation: the report reads the step
            raise self._ontbreekt("de budgetimpact", "budgetimpact")
        return opgeslagen

    @property
    def eigen_scenario(self) -> str:
        """The name of the scenario of a tariff file of one's own ('' for the research's)."""
        if not self.tarieven_nieuw:
            return ""
        return self.scenario or self.tarieven_nieuw.stem

    @cached_property
    def resultaat(self) -> Resultaattarieven:
        """The cell tariffs of the result matrix (years whose parameters have one), as the
        pipeline's result step saved them."""
        opgeslagen = lees_resultaattarieven(self.processed)
        if opgeslagen is None:
            raise self._ontbreekt("de resultaattarieven", "resultaatstap")
        return opgeslagen

    def _ontbreekt(self, wat: str, opdracht: str) -> ConfiguratieFout:
        return ConfiguratieFout(
            f"In {self.processed} staat {wat} nog niet: het rapport leest wat de stap schreef "
            f"en rekent niets opnieuw. Draai eerst `make report JAAR={self.jaar}` (of "
            f"`kostprijs {opdracht} --jaar {self.jaar}`)."
        )

    @cached_property
    def verborgen(self) -> frozenset[str]:
        """Products whose figures the inkooptafel may not see: the research's suppression,
        for a scenario of one's own as well (its client counts and volumes would show them)."""
        if not (self.processed / catalogus.DISCLOSURE).exists():
            raise ConfiguratieFout(
                f"In {self.processed} staat nog geen uitkomst van de kostprijsstap "
                f"({catalogus.DISCLOSURE}): zonder die stap is niet bekend welke cijfers verborgen moeten "
                f"blijven. Draai eerst `make report JAAR={self.jaar}`."
            )
        return onderdrukte_producten(self.processed)

    @cached_property
    def geheim(self) -> list[str]:
        """The new tarieven that may not be shown: every amount they count in is left out."""
        return budgetcijfers.geheime_tarieven(self.budget, self.verborgen)

    @cached_property
    def gemeenten(self) -> Gemeentepublicatie | None:
        """A region: what may be published of the figures per member (None: one municipality)."""
        regio = self.params.regio
        if regio is None:
            return None
        b = self.budget
        if b.gemeenten is None or list(b.gemeenten["gemeente"]) != list(regio.namen):
            raise ConfiguratieFout(
                f"De budgetimpact in {self.processed} is niet per gemeente van {regio.naam} "
                "berekend (de gemeenten in de parameters zijn veranderd, of de stap is ouder). "
                f"Draai `make report JAAR={self.jaar}` opnieuw."
            )
        return gemeentepublicatie(b.gemeenten, b.gemeenten_producten, regio)

    @cached_property
    def resultaatpublicatie(self) -> Resultaatpublicatie:
        """The result matrix as the inkooptafel may see it (the disclosure pass)."""
        return publiceer(self.resultaat, self.params.resultaat, self.verborgen, lees_p())

    @property
    def kop(self) -> str:
        """The HTML header: run id and date, and a banner on synthetic data."""
        return manifest_kop(self.manifest or standaard_pad(self.jaar))


def start(
    jaar: int,
    raw: str = "",
    processed: str = "",
    tarieven_nieuw: str = "",
    manifest: str = "",
    scenario: str = "",
) -> Rapport:
    """The report's data for `jaar`, from the given folders or the project's standard ones.

    Relative paths are relative to the project folder, not to the notebook's folder, in
    which papermill runs the notebook. In JupyterLab an expected problem (a missing file, a
    bad parameter) shows as its Dutch message, without a traceback."""
    _nederlandse_meldingen()
    sleutel = (jaar, raw, processed, tarieven_nieuw, manifest, scenario)
    if _GEDEELD is not None and sleutel in _GEDEELD:
        return _GEDEELD[sleutel]
    rapport = Rapport(
        jaar=jaar,
        params=laad_parameters(jaar),
        raw=_bestaande_map("raw", raw, raw_map(jaar, raw)),
        processed=_bestaande_map("processed", processed, processed_map(jaar, processed)),
        tarieven_nieuw=PROJECT / tarieven_nieuw if tarieven_nieuw else None,
        manifest=PROJECT / manifest if manifest else None,
        scenario=scenario,
    )
    if _GEDEELD is not None:
        _GEDEELD[sleutel] = rapport
    return rapport


_GEDEELD: dict | None = None  # while `gedeeld()` runs: one Rapport per set of arguments


@contextlib.contextmanager
def gedeeld() -> Iterator[None]:
    """Within the block, `start` with the same arguments gives the same Rapport: the notebooks
    of one run executed in this process one after another (a report per member) read the
    run's records once. Outside it (JupyterLab, papermill) every `start` reads them anew."""
    global _GEDEELD
    _GEDEELD = {}
    try:
        yield
    finally:
        _GEDEELD = None


def _bestaande_map(naam: str, gegeven: str, map_: Path) -> Path:
    """`map_` if it exists or is the standard folder (whose absence each step explains);
    else a message that says where it was looked for and what to do."""
    if map_.is_dir() or not gegeven:
        return map_
    hint = ""
    vanaf_hier = Path.cwd() / gegeven
    if vanaf_hier.is_dir() and vanaf_hier.resolve().is_relative_to(PROJECT):
        hint = f' Bedoelt u {naam} = "{vanaf_hier.resolve().relative_to(PROJECT)}"?'
    raise ConfiguratieFout(
        f'De map {naam} = "{gegeven}" bestaat niet: gezocht is naar {map_.resolve()}. Een pad '
        f"in de parameters-cel is relatief aan de projectmap {PROJECT}, niet aan de map van het "
        f"notebook.{hint}"
    )


def _nederlandse_meldingen() -> None:
    """In an IPython kernel, show a KostprijsFout as its message only (the cell still fails)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - the reports always run in a kernel
        return
    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((KostprijsFout,), _toon_melding)


def _toon_melding(shell, soort, fout, tb, tb_offset=None) -> list[str]:
    regels = [f"Fout: {fout}"]
    shell._showtraceback(soort, fout, regels)
    return regels
