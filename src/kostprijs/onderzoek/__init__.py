"""The cost-price research: cost price per provider, the declared average, disclosure
control and the tariff comparison."""
