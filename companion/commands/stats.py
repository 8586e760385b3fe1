"""``companion stats [--week|--month] [--json|--csv]``: the Insights screen's figures
from the shell, computed by the same code (companion.services.insights.service).

An encrypted journal is unlocked first (COMPANION_PASSPHRASE, or asked on the
terminal); if it stays locked the activity figures are still printed, with a word on
stderr about what is left out. Exit status 1, with no figures, when a data file can't be
read: figures from an empty stand-in would be wrong. A damaged file is found before the
stores are opened, so it is left where it is for the app to set aside and offer the
newest backup at its next start (as doctor says).
"""

from __future__ import annotations

import argparse
import json
import os
from typing import Any

from companion.system.i18n import Strings


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
    from companion.services.insights import words

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
    from companion.services.insights.words import cell_len, pad

    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return [
        "  ".join([*(pad(cell, w) for cell, w in zip(row, widths, strict=False)), row[-1]]).rstrip()
        for row in rows
    ]


def run(args: argparse.Namespace) -> int:
    from companion.commands.common import STORE_PROBLEM, say, warn, warn_settings
    from companion.commands.unlocking import CannotUnlock, unlock_journal
    from companion.core.weeks import Span
    from companion.services.container import build_services
    from companion.services.insights.report import as_csv, as_dict
    from companion.services.insights.service import insights_for
    from companion.services.messages import backup_warning, store_error
    from companion.store.errors import StoreError
    from companion.store.health import set_aside_files

    damaged = damaged_stores(args.data_dir)
    if damaged:
        warn("\n".join(damaged))
        return STORE_PROBLEM
    services = build_services(home=args.data_dir, move_damaged=False)  # moves nothing
    t = services.strings()
    warn_settings(services, t)
    try:
        unlock_journal(services.stores.journal, os.environ, t)
    except CannotUnlock as error:
        warn(str(error))
        warn(t("insights.cli.locked"))
    problems = store_problems(services)
    if problems:
        warn("\n".join([*problems, t("insights.cli.see_doctor")]))
        return STORE_PROBLEM
    try:
        ins = insights_for(services).compute(Span(args.span or "week"))
    except StoreError as error:
        warn(store_error(error, t))
        return STORE_PROBLEM
    problems = store_problems(services)  # a file of the journal read for the figures
    if problems:
        warn("\n".join([*problems, t("insights.cli.see_doctor")]))
        return STORE_PROBLEM
    if set_aside_files(services.paths.data_dir):
        warn(t("insights.cli.set_aside"))
    no_backup = backup_warning(services.stores.databases(), t)
    if no_backup:
        warn(no_backup)
    if args.form == "json":
        say(json.dumps(as_dict(ins, t.lang), ensure_ascii=False, indent=2))
    elif args.form == "csv":
        say(as_csv(as_dict(ins, t.lang)))
    else:
        say(text_report(ins, t))
    return 0


def damaged_stores(data_dir: str | None) -> list[str]:
    """Doctor's sentence for each store that can't be read, looked at without opening
    it; [] when both are fine."""
    from companion.commands.language import strings_for
    from companion.services.doctor.report import store_healths, store_line
    from companion.system.paths import resolve_paths

    t = strings_for(data_dir)
    # The journal's files are checked as they are read (only the weeks shown are):
    # looking at every one of them here would read years of writing.
    healths = [(n, h) for n, h in store_healths(resolve_paths(data_dir), journal=False)]
    bad = [store_line(name, health, t) for name, health in healths if health.needs_action]
    return [t("insights.cli.no_figures"), *bad] if bad else []


def store_problems(services: Any) -> list[str]:
    """What opening (or unlocking) the stores ran into, a locked journal aside: the
    stores' own problems, read after unlocking since that can find one too."""
    from companion.services.messages import open_problem

    t = services.strings()
    activity = services.stores.activity
    found = [p for p in services.stores.problems if p.store == activity.name]
    if activity.problem is not None:
        found = [activity.problem]
    found += services.stores.journal.problems()  # as they are now, after unlocking
    lines = [t("insights.cli.no_figures")]
    for problem in found:
        if problem.kind not in ("locked", "wrong_passphrase"):
            lines += open_problem(problem, t)
    return lines if len(lines) > 1 else []
