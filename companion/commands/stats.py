"""``companion stats [--week|--month] [--json|--csv]``: the Insights screen's figures
from the shell, computed by the same code (companion.insights).

An encrypted journal is unlocked first (COMPANION_PASSPHRASE, or asked on the
terminal); if it stays locked the activity figures are still printed, with a word on
stderr about what is left out. Exit status 1 only when activity.db can't be read.
"""

from __future__ import annotations

import argparse
import json
import os
from typing import Any

from companion.i18n import Strings


def add_parser(commands: Any, t: Strings) -> None:
    parser = commands.add_parser(
        "stats", help=t("insights.cli.help"), description=t("insights.cli.description")
    )
    span = parser.add_mutually_exclusive_group()
    span.add_argument(
        "--week", dest="span", action="store_const", const="week", help=t("insights.cli.week")
    )
    span.add_argument(
        "--month", dest="span", action="store_const", const="month", help=t("insights.cli.month")
    )
    form = parser.add_mutually_exclusive_group()
    form.add_argument(
        "--json", dest="form", action="store_const", const="json", help=t("insights.cli.json")
    )
    form.add_argument(
        "--csv", dest="form", action="store_const", const="csv", help=t("insights.cli.csv")
    )


def text_report(ins: Any, t: Strings) -> str:
    """The figures as the screen shows them, as aligned plain text."""
    from companion import insights_words as words

    lines = [words.title(ins, t), ""]
    note = words.journal_note(ins, t)
    if ins.empty:
        lines += [words.period_empty(ins, t)]
        return "\n".join(lines + ([note] if note else []))
    header = ("", t("insights.column.today"), words.span_heading(ins, t))
    lines += [t("insights.section.counts"), *aligned([header, *words.count_rows(ins, t)]), ""]
    lines += [t("insights.section.helps"), *(f"- {s}" for s in words.helps(ins, t)), ""]
    lines += [t("insights.section.trend"), *aligned(words.trend_rows(ins, t))]
    lines += [t("insights.trend.tension_note"), ""]
    patterns = words.pattern_lines(ins, t)
    if patterns:
        lines += [t("insights.section.patterns"), *aligned(patterns)]
    if note:
        lines += ["", note]
    return "\n".join(lines)


def aligned(rows: list[tuple[str, ...]]) -> list[str]:
    from companion.insights_words import cell_len, pad

    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return [
        "  ".join([*(pad(cell, w) for cell, w in zip(row, widths, strict=False)), row[-1]]).rstrip()
        for row in rows
    ]


def run(args: argparse.Namespace) -> int:
    from companion.commands.journal_common import STORE_PROBLEM, say, warn
    from companion.commands.unlocking import CannotUnlock, unlock_journal
    from companion.core.weeks import Span
    from companion.insights import insights_for
    from companion.insights_report import as_csv, as_dict
    from companion.messages import store_error
    from companion.services import build_services
    from companion.store.errors import StoreError

    services = build_services(home=args.data_dir, move_damaged=False)  # moves nothing
    t = services.strings()
    try:
        unlock_journal(services.stores.journal, os.environ, t)
    except CannotUnlock as error:
        warn(str(error))
        warn(t("insights.cli.locked"))
    try:
        ins = insights_for(services).compute(Span(args.span or "week"))
    except StoreError as error:
        warn(store_error(error, t))
        return STORE_PROBLEM
    if args.form == "json":
        say(json.dumps(as_dict(ins, t.lang), ensure_ascii=False, indent=2))
    elif args.form == "csv":
        say(as_csv(ins))
    else:
        say(text_report(ins, t))
    return 0
