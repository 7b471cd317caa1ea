"""The year's parameters, validated once.

Everything a municipality chooses lives in `params/<jaar>.yaml`: its name, how it funds
Wmo-begeleiding (`bekostiging`), the budget model, its product catalogue (units, variants,
families, product codes), its delivery forms (zorg in natura and pgb tiers), the cost-price
method, the template and the ingestion caps, the plausibility ranges and the column aliases
of its exports. One module per section; `laad_parameters` reads and validates them all, and
unknown keys are an error, so a typo never silently falls back to a default.
"""

from kostprijs.parameters.bekostiging import FACTURATIEPERIODEN, MODELLEN, Bekostiging
from kostprijs.parameters.budgetparameters import AFRONDINGEN, Budgetparameters
from kostprijs.parameters.inleesparameters import Inleesparameters, inleesparameters
from kostprijs.parameters.jaarparameters import BOVENSTE_SLEUTELS, Jaarparameters, laad_parameters
from kostprijs.parameters.kostprijsparameters import (
    AGGREGATIEMETHODEN,
    OPSLAGCONVENTIES,
    Kostprijsparameters,
)
from kostprijs.parameters.leveringsvormen import ZIN, Leveringsvorm
from kostprijs.parameters.productcatalogus import SOORTEN, Product, Variant
from kostprijs.parameters.rekenvoorbeeld import Voorbeeldregel

__all__ = [
    "AFRONDINGEN",
    "AGGREGATIEMETHODEN",
    "BOVENSTE_SLEUTELS",
    "FACTURATIEPERIODEN",
    "MODELLEN",
    "OPSLAGCONVENTIES",
    "SOORTEN",
    "ZIN",
    "Bekostiging",
    "Budgetparameters",
    "Inleesparameters",
    "Jaarparameters",
    "Kostprijsparameters",
    "Leveringsvorm",
    "Product",
    "Variant",
    "Voorbeeldregel",
    "inleesparameters",
    "laad_parameters",
]
