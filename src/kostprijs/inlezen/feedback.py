"""The Dutch feedback file for one submission: every finding, ready to send to the provider."""

from __future__ import annotations

import hashlib
from html import escape
from pathlib import Path

from kostprijs.inlezen.bevinding import FOUT, Bevinding

_STIJL = """
body { font-family: Arial, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eee; }
tr.fout td:first-child { color: #a00; font-weight: bold; }
"""


def feedback_html(
    bestand: str,
    naam: str | None,
    status: str,
    bevindingen: list[Bevinding],
    jaar: int,
    contact: str,
    labels: dict[str, str],
) -> str:
    """A self-contained HTML page (no scripts, no external resources); all text escaped.

    `labels` gives each named cell its label in the template, shown as the field."""
    fouten = sum(b.ernst == FOUT for b in bevindingen)
    if fouten:
        oordeel = (
            f"Uw inzending is <strong>niet verwerkt</strong>: er {'is' if fouten == 1 else 'zijn'} "
            f"{fouten} fout{'' if fouten == 1 else 'en'} gevonden. Verbeter de punten met ernst "
            "'fout' en stuur het bestand opnieuw in."
        )
    else:
        oordeel = (
            "Uw inzending is <strong>verwerkt</strong>. Wilt u de opmerkingen hieronder "
            "nalopen en zo nodig een verbeterd bestand insturen?"
        )
    rijen = "\n".join(
        f'<tr class="{escape(b.ernst)}"><td>{escape(b.ernst)}</td><td>{escape(b.blad)}</td>'
        f"<td>{escape(b.cel)}</td><td>{escape(labels.get(b.veld, b.veld))}</td><td>{escape(b.gevonden)}</td>"
        f"<td>{escape(b.verwacht)}</td><td>{escape(b.melding)}</td></tr>"
        for b in bevindingen
    )
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Terugkoppeling kostprijssjabloon {jaar}: {escape(bestand)}</title>
<style>{_STIJL}</style>
</head>
<body>
<h1>Terugkoppeling op uw kostprijssjabloon {jaar}</h1>
<p>Aanbieder: <strong>{escape(naam or "onbekend")}</strong><br>
Bestand: {escape(bestand)}<br>
Status: <strong>{escape(status)}</strong></p>
<p>{oordeel}</p>
<table>
<thead><tr><th>Ernst</th><th>Blad</th><th>Cel</th><th>Veld</th><th>Gevonden</th>
<th>Verwacht</th><th>Toelichting</th></tr></thead>
<tbody>
{rijen}
</tbody>
</table>
<p>Vragen? Neem contact op met {escape(contact)}.</p>
</body>
</html>
"""


def feedbacknaam(bestand: str, sha256: str) -> str:
    """The feedback file's name for a submission: 16 hex characters of a SHA-256 over the
    file's name and content hash, then the name made safe. Submissions differ in name or
    content, so their feedback files differ too, also where the readable part is the same
    ('a b.xlsx' and 'a_b.xlsx') or a file system ignores case."""
    kenmerk = hashlib.sha256(f"{bestand}\0{sha256}".encode()).hexdigest()[:16]
    leesbaar = "".join(
        c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in Path(bestand).name
    )
    return f"{kenmerk}_{leesbaar.strip('._')[:80] or 'bestand'}.html"
