"""Canonical JSON: the one text of a structure that its hash is taken over.

>>> canoniek({"b": 1, "a": "é"})
'{"a":"é","b":1}'
"""

from __future__ import annotations

import json


def canoniek(inhoud) -> str:
    """Sorted keys, no spaces, UTF-8 characters as they are."""
    return json.dumps(inhoud, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
