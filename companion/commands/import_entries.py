"""``companion import FILE``: bring in our JSON export or jrnl's, all or nothing."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from companion.commands.journal_common import BAD_INPUT, CommandFailed, run_guarded, say
from companion.i18n import Strings


def add_parser(commands: Any, t: Strings) -> None:
    parser = commands.add_parser(
        "import", help=t("journal.cli.import"), description=t("journal.cli.import_description")
    )
    parser.add_argument("file", metavar="FILE", help=t("journal.cli.import_file"))


def run(args: argparse.Namespace) -> int:
    def body(services, t: Strings) -> int:  # type: ignore[no-untyped-def]
        from companion.journal_io import ImportProblem, new_entries, read_import

        path = Path(args.file).expanduser()
        try:
            raw = path.read_bytes()
        except OSError as error:
            reason = error.strerror or str(error)
            raise CommandFailed(
                t("journal.import.unreadable", path=str(path), reason=reason), BAD_INPUT
            ) from None
        now = services.clock.now()
        try:
            incoming = read_import(raw, now.tzinfo)
        except ImportProblem as problem:
            message = t(f"journal.import.{problem.code}", **problem.detail)
            raise CommandFailed(t("journal.import.nothing", reason=message), BAD_INPUT) from None
        journal = services.journal
        with services.stores.journal.transaction():  # nobody else writes in between
            fresh, duplicates = new_entries(incoming, journal.entries())
            journal.add_many(fresh)
        say(t("journal.import.done", count=str(len(fresh)), duplicates=str(duplicates)))
        return 0

    return run_guarded(args, body)
