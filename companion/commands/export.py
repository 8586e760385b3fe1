"""``companion export``: the whole journal as Markdown, JSON or plain text."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from companion.commands.common import (
    BAD_INPUT,
    CommandFailed,
    counted,
    run_guarded,
    say,
    warn,
)
from companion.system.i18n import Strings


def add_parser(commands: Any, t: Strings) -> None:
    parser = commands.add_parser(
        "export", help=t("journal.cli.export"), description=t("journal.cli.export_description")
    )
    parser.add_argument(
        "--format", "-f", choices=("md", "json", "txt"), default="md", help=t("journal.cli.format")
    )
    parser.add_argument("--out", "-o", metavar="FILE", help=t("journal.cli.out"))


def render(fmt: str, services: Any, t: Strings) -> tuple[str, dict[str, int]]:
    """The export, and how many records of each kind it holds."""
    from companion.services.journal.export import export_journal

    return export_journal(services, fmt, t)


def run(args: argparse.Namespace) -> int:
    def body(services, t: Strings) -> int:  # type: ignore[no-untyped-def]
        from companion.system.atomic import remove_dead_temps_of, write_atomic
        from companion.system.paths import display_path

        text, counts = render(args.format, services, t)
        warn(t("journal.cli.not_encrypted"))
        if args.out is None:
            from companion.services.journal.export import left_out

            skipped = left_out(counts, t)
            if skipped:
                warn(skipped)
            say(text)
            return 0
        target = Path(args.out).expanduser()
        if target.is_dir():
            raise CommandFailed(t("journal.cli.out_is_folder", path=str(target)), BAD_INPUT)
        # A plain copy of the journal an earlier export killed midway left beside it
        # (never one another export is writing now) goes before this one is written.
        remove_dead_temps_of(target.absolute())
        try:
            write_atomic(target.absolute(), text.encode("utf-8"))
        except OSError as error:
            reason = error.strerror or str(error)
            raise CommandFailed(
                t("journal.cli.not_written", path=str(target), reason=reason), BAD_INPUT
            ) from None
        path = display_path(target.absolute())
        say(t("export.cli.exported", counts=counted(counts, t), path=path))
        return 0

    return run_guarded(args, body)
