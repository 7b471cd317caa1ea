"""Ingestion of the providers' cost-price workbooks: open safely, read, validate, feed back."""

from kostprijs.inlezen.pijplijn import lees_map

__all__ = ["lees_map"]
