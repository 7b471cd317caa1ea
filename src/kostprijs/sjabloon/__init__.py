"""The provider cost-price template: layout, writer, instructions, formulas, data dictionary."""
