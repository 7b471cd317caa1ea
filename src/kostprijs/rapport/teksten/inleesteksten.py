"""What `kostprijs inlezen` prints after a run, in Dutch."""

from __future__ import annotations

from kostprijs.bestanden import catalogus
from kostprijs.inlezen import bevestigingen as bev
from kostprijs.inlezen.pijplijn import (
    AFGEWEZEN,
    DUBBELREGEL,
    GEACCEPTEERD,
    MET_OPMERKINGEN,
    VERVANGEN,
    Resultaat,
)


def samenvatting(res: Resultaat) -> str:
    """The Dutch summary printed after a run."""
    n = len(res.inzendingen)
    regels = [
        f"{n} inzending{'en' if n != 1 else ''} gelezen: {res.telling(GEACCEPTEERD)} geaccepteerd, "
        f"{res.telling(MET_OPMERKINGEN)} geaccepteerd met opmerkingen, "
        f"{res.telling(AFGEWEZEN)} afgewezen, {res.telling(VERVANGEN)} vervangen.",
        f"Verwerkt in de cijfers: {res.verwerkt} aanbieder(s).",
    ]
    if res.overgeslagen:
        regels.append(
            f"Overgeslagen (slot- of verborgen bestanden): {', '.join(res.overgeslagen)}."
        )
    if res.telling(VERVANGEN):
        regels.append(DUBBELREGEL)
    if len(res.bevestigingen):
        b = res.bevestigingen
        regels.append(
            f"Bevestigingen van de gemeente: {len(b)}, waarvan {int((b['status'] == bev.GEBRUIKT).sum())} "
            "gebruikt bij het inlezen."
        )
        for r in b[b["status"] == bev.PAST_NIET].itertuples():
            regels.append(
                f"Let op: de bevestiging voor KvK-nummer {r.kvk}, blad {r.blad}, cel {r.cel} "
                f"past bij geen ingevulde waarde ({r.toelichting}); ze is niet gebruikt."
            )
    terug = int((res.inzendingen["terugkoppeling"] != "").sum()) if n else 0
    if terug:
        regels.append(f"Terugkoppeling voor {terug} aanbieder(s): {res.uitmap / 'terugkoppeling'}")
    regels.append(f"Overzicht: {res.uitmap / catalogus.INZENDINGEN}")
    return "\n".join(regels)
