"""``companion dnd --for 45m | --until 15:00 | --off``: hold break reminders back (a
call, a meeting) from the shell, beside the open app, which shows it within seconds.
Without an option it says whether do not disturb is on."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta
from typing import Any

from companion.system.i18n import Strings

LONGEST = timedelta(hours=12)  # further off is taken for a typo ("--until 9:00" at 10:00)


def add_parser(commands: Any, t: Strings) -> None:
    parser = commands.add_parser(
        "dnd", help=t("breaks.cli.dnd"), description=t("breaks.cli.dnd_description")
    )
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--for", dest="span", metavar="DURATION", help=t("breaks.cli.dnd_for"))
    choice.add_argument("--until", metavar="HH:MM", help=t("breaks.cli.dnd_until"))
    choice.add_argument("--off", action="store_true", help=t("breaks.cli.dnd_off"))


def until_from(args: argparse.Namespace, now: datetime, t: Strings) -> datetime:
    """The end asked for; ValueError with the sentence to print."""
    from companion.core.durations import parse_duration
    from companion.core.shift import parse_clock_time

    if args.span is not None:
        try:
            span = parse_duration(args.span)
        except ValueError:
            raise ValueError(t("breaks.cli.dnd_bad_for", value=args.span)) from None
        if span > LONGEST:
            raise ValueError(t("breaks.cli.dnd_too_long", value=args.span))
        return now + span
    try:
        clock = parse_clock_time(args.until)
    except ValueError:
        raise ValueError(t("breaks.cli.dnd_bad_until", value=args.until)) from None
    until = now.replace(hour=clock.hour, minute=clock.minute, second=0, microsecond=0)
    if until <= now:
        until = (until + timedelta(days=1, hours=2)).replace(hour=clock.hour)  # across DST
    if until - now > LONGEST:
        raise ValueError(t("breaks.cli.dnd_passed", time=args.until))
    return until


def run(args: argparse.Namespace) -> int:
    from companion.commands.common import BAD_INPUT, CommandFailed
    from companion.commands.rhythm import activity_services, run_on_activity
    from companion.services.breaks import dnd_until
    from companion.store.inbox import ask_dnd
    from companion.system.i18n import format_time

    def body(services: Any, t: Strings) -> str:
        now = services.clock.now()
        if args.off:
            ask_dnd(services.stores, now, None)
            return t("breaks.cli.dnd_now_off")
        if args.span is None and args.until is None:
            until = dnd_until(services.stores, now)
            if until is None:
                return t("breaks.cli.dnd_is_off")
            return t("breaks.cli.dnd_is_on", time=format_time(until.astimezone(now.tzinfo), t))
        try:
            until = until_from(args, now, t)
        except ValueError as error:
            raise CommandFailed(str(error), BAD_INPUT) from None
        ask_dnd(services.stores, now, until)
        return t("breaks.cli.dnd_now_on", time=format_time(until, t))

    return run_on_activity(activity_services(args), body)
