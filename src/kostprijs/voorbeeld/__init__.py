"""Synthetic sample data for any catalogue (never real people or organisations)."""
