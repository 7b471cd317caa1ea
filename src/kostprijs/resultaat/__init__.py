"""The result-based funding model: the realisation with the cell of each beschikking
(`celrealisatie`) and one tariff per cell of the resultaatgebied x zelfredzaamheid matrix
(`celtarieven`)."""
