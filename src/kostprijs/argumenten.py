"""A command-line parser that speaks Dutch: usage, help and every usage error.

argparse builds its messages in English deep inside; `error` receives the finished message,
so the known forms are translated there. A message of an unknown form keeps its text, with
a Dutch lead-in, rather than be lost.
"""

from __future__ import annotations

import argparse
import re
import sys

_VERTALINGEN = (
    (r"the following arguments are required: (.*)", r"deze opties ontbreken: \1"),
    (r"unrecognized arguments: (.*)", r"onbekende argumenten: \1"),
    (
        r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)",
        r"ongeldige keuze \2 voor \1; kies uit \3",
    ),
    (r"argument (\S+): invalid int value: (.*)", r"\1 verwacht een geheel getal, niet \2"),
    (r"argument (\S+): invalid float value: (.*)", r"\1 verwacht een getal, niet \2"),
    (r"argument (\S+): expected one argument", r"na \1 hoort een waarde"),
    (r"argument (\S+): expected at least one argument", r"na \1 hoort minstens één waarde"),
    (r"argument (\S+): ignored explicit argument (.*)", r"\1 neemt geen waarde (\2)"),
    (r"ambiguous option: (\S+) could match (.*)", r"optie \1 is dubbelzinnig: \2"),
    (r"argument (\S+): not allowed with argument (\S+)", r"\1 kan niet samen met \2"),
)


def vertaal(melding: str) -> str:
    """argparse's English usage error in Dutch.

    >>> vertaal("the following arguments are required: --jaar, --uit")
    'deze opties ontbreken: --jaar, --uit'
    >>> vertaal("argument --jaar: invalid int value: 'twee'")
    "--jaar verwacht een geheel getal, niet 'twee'"
    """
    for patroon, vervanging in _VERTALINGEN:
        if re.fullmatch(patroon, melding):
            return re.sub(patroon, vervanging, melding)
    return f"ongeldige aanroep ({melding})"


class _Opmaak(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="gebruik: " if prefix is None else prefix)


class NederlandseParser(argparse.ArgumentParser):
    """ArgumentParser with Dutch usage, help and errors; subparsers inherit it."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Opmaak)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("parser_class", NederlandseParser)
        kwargs.setdefault("title", "opdrachten")
        return super().add_subparsers(**kwargs)

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {vertaal(message)}\n")
