"""``companion note "text"`` (or from stdin): write a journal entry from the shell."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from companion.commands.common import BAD_INPUT, CommandFailed, run_guarded, say
from companion.core.journal import MAIN, EntryError
from companion.system.i18n import Strings

# What a note imports once the journal is open (its service; the records and TinyDB,
# with the repository): loaded while an encrypted journal's key is made.
NEEDED = ("companion.services.journal.service", "companion.store.entry_repo")


def add_parser(commands: Any, t: Strings) -> None:
    parser = commands.add_parser(
        "note", help=t("journal.cli.note"), description=t("journal.cli.note_description")
    )
    parser.add_argument("text", nargs="*", metavar="TEXT", help=t("journal.cli.note_text"))
    parser.add_argument("--kind", "-k", default="free", metavar="KIND", help=t("journal.cli.kind"))
    parser.add_argument(
        "--tag", "-t", action="append", default=[], metavar="TAG", help=t("journal.cli.tag")
    )
    parser.add_argument("--star", action="store_true", help=t("journal.cli.star"))


def read_text(args: argparse.Namespace, t: Strings) -> str:
    if args.text:
        return " ".join(args.text)
    if sys.stdin is None or sys.stdin.isatty():
        raise CommandFailed(t("journal.cli.no_text"), BAD_INPUT)
    try:
        return sys.stdin.buffer.read().decode("utf-8")
    except UnicodeDecodeError:
        raise CommandFailed(t("journal.cli.stdin_not_text"), BAD_INPUT) from None


def answers_for(kind: str, text: str) -> dict[str, str]:
    """The note's text as the kind's answers: a mood note starts with its score."""
    if kind == "mood":
        score, _, rest = text.strip().partition(" ")
        return {"score": score, MAIN: rest}
    return {MAIN: text}


def run(args: argparse.Namespace) -> int:
    def body(services, t: Strings) -> int:  # type: ignore[no-untyped-def]
        from companion.services.journal.service import catalogue, entry_problem, kind_name

        kinds = catalogue(t.lang)
        text = read_text(args, t)
        try:
            entry = services.journal.add(
                args.kind, answers_for(args.kind, text), args.tag, starred=args.star
            )
        except EntryError as error:
            raise CommandFailed(entry_problem(error, t), BAD_INPUT) from None
        say(t("journal.cli.saved", kind=kind_name(entry.kind, kinds)))
        return 0

    return run_guarded(args, body, then=NEEDED)
