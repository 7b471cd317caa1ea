"""Sections `sjabloon` and `inlezen`: the provider template's version and contact, and the
caps for opening workbooks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kostprijs.fouten import ConfiguratieFout


@dataclass(frozen=True)
class Inleesparameters:
    """The provider template's version and contact, and the caps for opening workbooks."""

    sjabloonversie: str
    contact: str
    inleverdatum: str = ""
    max_bestand_mb: int = 20
    max_uitgepakt_mb: int = 50
    max_compressieverhouding: int = 200
    max_onderdelen: int = 500
    max_rijen: int = 500
    max_kolommen: int = 60
    werkers: int = 2

    def __post_init__(self) -> None:
        if self.inleverdatum:
            try:
                date.fromisoformat(self.inleverdatum)
            except ValueError:
                raise ConfiguratieFout(
                    f"sjabloon.inleverdatum '{self.inleverdatum}' is geen datum: schrijf "
                    "JJJJ-MM-DD, bijvoorbeeld 2026-10-01."
                ) from None
        getallen = {k: v for k, v in vars(self).items() if isinstance(v, int)}
        fout = [k for k, v in getallen.items() if isinstance(v, bool) or v < 1]
        if fout or not self.sjabloonversie:
            raise ConfiguratieFout(
                "Ongeldige parameters voor sjabloon/inlezen: "
                + (", ".join(f"{k} moet een positief geheel getal zijn" for k in fout) or "")
                + ("" if self.sjabloonversie else "sjabloon.versie ontbreekt")
                + "."
            )


def lees_inleesparameters(sjabloon, inlezen) -> Inleesparameters:
    """The `sjabloon` and `inlezen` sections, validated."""
    sjabloon = dict(sjabloon or {})
    inlezen = dict(inlezen or {})
    bekend = set(Inleesparameters.__dataclass_fields__) - {"sjabloonversie", "contact"}
    onbekend = sorted(set(inlezen) - bekend) + sorted(
        set(sjabloon) - {"versie", "contact", "inleverdatum"}
    )
    if onbekend:
        raise ConfiguratieFout(
            f"Onbekende parameters voor sjabloon/inlezen: {', '.join(onbekend)}."
        )
    try:
        return Inleesparameters(
            sjabloonversie=str(sjabloon.get("versie", "")),
            contact=str(sjabloon.get("contact", "")),
            inleverdatum=str(sjabloon.get("inleverdatum", "")),
            **{k: int(v) for k, v in inlezen.items()},
        )
    except (TypeError, ValueError) as exc:
        raise ConfiguratieFout(f"Ongeldige parameters voor inlezen: {exc}.") from exc


def inleesparameters(params) -> Inleesparameters:
    """The template and ingestion choices of the year; ConfiguratieFout when the parameters
    have no section `sjabloon` (the steps that write or read the template need it)."""
    if params.inlezen is None:
        bron = params.bron.name if params.bron else "de parameters"
        raise ConfiguratieFout(
            f"{bron}: de sectie 'sjabloon' (versie en contact van het kostprijssjabloon) "
            "ontbreekt; het sjabloon en het inlezen hebben die nodig."
        )
    return params.inlezen
