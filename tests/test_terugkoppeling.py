"""Feedback files: one per submission, whatever the submitted files are called."""

from __future__ import annotations

import hashlib
import re

import werkmappen as wm
from hypothesis import given, settings
from hypothesis import strategies as st

from kostprijs.inlezen.feedback import feedbacknaam
from kostprijs.inlezen.pijplijn import lees_map

INHOUD = hashlib.sha256(b"dezelfde werkmap").hexdigest()


def test_names_that_read_alike_get_their_own_feedback_file():
    namen = ["Zorg A.xlsx", "Zorg_A.xlsx", "zorg a.xlsx", "Zorg?A.xlsx", "Zorg A.XLSX"]
    uit = [feedbacknaam(n, INHOUD) for n in namen]
    assert len({u.casefold() for u in uit}) == len(namen)  # also on a case-blind file system
    assert uit[0].endswith("_Zorg_A.xlsx.html") and uit[1].endswith("_Zorg_A.xlsx.html")
    # the prefix: 16 hex of the SHA-256 over name and content hash, written out here
    verwacht = hashlib.sha256(f"Zorg A.xlsx\0{INHOUD}".encode()).hexdigest()[:16]
    assert uit[0] == f"{verwacht}_Zorg_A.xlsx.html"
    assert feedbacknaam("Zorg A.xlsx", "0" * 64) != uit[0]  # a new version, a new file


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=30), min_size=2, max_size=5, unique=True))
def test_distinct_names_never_share_a_feedback_file(namen):
    uit = [feedbacknaam(n, INHOUD) for n in namen]
    for naam in uit:
        assert re.fullmatch(r"[0-9a-f]{16}_[A-Za-z0-9._-]{1,80}\.html", naam), naam
    assert len({u.casefold() for u in uit}) == len(namen)


def test_each_provider_gets_only_its_own_values(params, tmp_path):
    """Two workbooks whose names differ only by a space and an underscore: each provider's
    feedback shows its own entered value, never the other's."""
    map_ = tmp_path / "aanbieders"
    map_.mkdir()
    wm.goed(params, map_ / "Zorg A.xlsx", bs_ozl_1_jaaruren="veel", aanbieder_kvk="10000008")
    wm.goed(params, map_ / "Zorg_A.xlsx", bs_ozl_1_jaaruren="weinig", aanbieder_kvk="10000009")
    res = lees_map(params, map_, tmp_path / "uit", voortgang=False)
    paden = res.inzendingen.set_index("bestand")["terugkoppeling"]
    assert paden["Zorg A.xlsx"] != paden["Zorg_A.xlsx"]
    eigen = (tmp_path / "uit" / paden["Zorg A.xlsx"]).read_text(encoding="utf-8")
    ander = (tmp_path / "uit" / paden["Zorg_A.xlsx"]).read_text(encoding="utf-8")
    assert "veel" in eigen and "weinig" not in eigen
    assert "weinig" in ander and "veel" not in ander
    assert len(list((tmp_path / "uit" / "terugkoppeling").iterdir())) == 2
