"""Provenance: the run manifest and pseudonymised client identifiers."""
