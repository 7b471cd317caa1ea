"""What `kostprijs budget` prints: its totals in the terms of the budget report."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from kostprijs.opmaak import euro, getal, procent_exact
from kostprijs.parameters import Jaarparameters


def samenvatting(begroting, params: Jaarparameters, gebruiksfactor, tarieven: Path) -> str:
    """The totals of `kostprijs budget` in the terms of the budget report: clients, amount
    per year, inside and outside the periodebudget, and what the report counts beside them."""
    a = begroting.aansluiting.set_index("onderdeel")
    factor = gebruiksfactor or params.budget.gebruiksfactor
    regels = [
        f"{getal(len(begroting.clienten), 0)} cliënten, {getal(len(begroting.regels), 0)} "
        f"indicaties die in {params.jaar} lopen (naar rato van de dagen in {params.jaar})"
        + (
            f"; {getal(begroting.beeindigd, 0)} indicaties lopen niet in {params.jaar}, niet "
            "meegeteld"
            if begroting.beeindigd
            else ""
        )
        + f"; gebruiksfactor {procent_exact(Decimal(str(factor)), 0)}.",
        f"Per jaar: {euro(int(a.loc['totaal', 'centen']), centen=True)}",
    ]
    if params.bekostiging.periodebudget:
        regels += [
            f"- periodebudgetten × {params.budget.perioden_per_jaar}: "
            f"{euro(int(a.loc['periodebudgetten', 'centen']), centen=True)} "
            f"({getal(int(a.loc['periodebudgetten', 'clienten']), 0)} cliënten)",
            f"- buiten het periodebudget (per eenheid): "
            f"{euro(int(a.loc['buiten het periodebudget', 'centen']), centen=True)} "
            f"({getal(int(a.loc['buiten het periodebudget', 'clienten']), 0)} cliënten)",
        ]
    for r in begroting.zonder_tarief.itertuples():
        indicaties = "indicatie" if r.indicaties == 1 else "indicaties"
        clienten = "cliënt" if r.clienten == 1 else "cliënten"
        heeft = "heeft" if r.indicaties == 1 else "hebben"
        regels.append(
            f"{getal(r.indicaties, 0)} {indicaties} van {getal(r.clienten, 0)} {clienten} voor "
            f"{r.productspecificatie} {heeft} geen tarief in {tarieven.name} (nieuw product) en "
            "tellen hier niet mee; het budgetrapport zet ze in een eigen regel, tegen het nieuwe "
            "tarief."
        )
    return "\n".join(regels)
