"""``companion export``: the whole journal as Markdown, JSON or plain text."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from companion.commands.journal_common import (
    BAD_INPUT,
    CommandFailed,
    run_guarded,
    say,
    warn,
)
from companion.i18n import Strings


def add_parser(commands: Any, t: Strings) -> None:
    parser = commands.add_parser(
        "export", help=t("journal.cli.export"), description=t("journal.cli.export_description")
    )
    parser.add_argument(
        "--format", "-f", choices=("md", "json", "txt"), default="md", help=t("journal.cli.format")
    )
    parser.add_argument("--out", "-o", metavar="FILE", help=t("journal.cli.out"))


def render(fmt: str, services: Any, t: Strings) -> str:
    from companion.journal import catalogue
    from companion.journal_io import export_json, export_markdown, export_text

    entries = list(reversed(services.journal.entries()))  # oldest first, like a diary
    now = services.clock.now()
    if fmt == "json":
        return export_json(entries, now)
    kinds = catalogue(t.lang)
    if fmt == "md":
        return export_markdown(entries, kinds, t, now.tzinfo, now)
    return export_text(entries, kinds, t, now.tzinfo)


def run(args: argparse.Namespace) -> int:
    def body(services, t: Strings) -> int:  # type: ignore[no-untyped-def]
        from companion.paths import display_path
        from companion.store.atomic import write_atomic

        text = render(args.format, services, t)
        warn(t("journal.cli.not_encrypted"))
        if args.out is None:
            say(text)
            return 0
        target = Path(args.out).expanduser()
        if target.is_dir():
            raise CommandFailed(t("journal.cli.out_is_folder", path=str(target)), BAD_INPUT)
        try:
            write_atomic(target.absolute(), text.encode("utf-8"))
        except OSError as error:
            reason = error.strerror or str(error)
            raise CommandFailed(
                t("journal.cli.not_written", path=str(target), reason=reason), BAD_INPUT
            ) from None
        count = len(services.journal.entries())
        say(t("journal.cli.exported", count=str(count), path=display_path(target.absolute())))
        return 0

    return run_guarded(args, body)
