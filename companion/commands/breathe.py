"""``companion breathe [--pattern NAME] [--rounds N]``: open the app straight into a
guided breathing session; it closes when the session ends.

The pattern and rounds are checked here, before the UI loads, so a typo gets a clear
message and exit status 2 instead of a session of the wrong kind.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from companion.core.breathing import MAX_ROUNDS
from companion.services.intent import StartIntent
from companion.system.i18n import Strings


def add_parser(commands: Any, t: Strings) -> None:
    from companion.packs.calm import built_in_patterns

    patterns, _default = built_in_patterns(t.lang)
    names = ", ".join(p.id for p in patterns)
    parser = commands.add_parser(
        "breathe", help=t("breathing.cli.help"), description=t("breathing.cli.help")
    )
    parser.add_argument("--pattern", metavar="NAME", help=t("breathing.cli.pattern", names=names))

    def rounds(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = 0
        if not 1 <= value <= MAX_ROUNDS:
            raise argparse.ArgumentTypeError(t("breathing.cli.bad_rounds", most=str(MAX_ROUNDS)))
        return value

    parser.add_argument(
        "--rounds",
        type=rounds,
        metavar="N",
        help=t("breathing.cli.rounds", most=str(MAX_ROUNDS)),
    )


def run(args: argparse.Namespace) -> int | StartIntent:
    """The session to open (the command line opens the app with it), or 2 for a typo."""
    from companion.packs.calm import breathing_catalog
    from companion.services.config import load_config
    from companion.system.i18n import choose_language
    from companion.system.paths import resolve_paths

    settings = load_config(resolve_paths(args.data_dir).config_file).settings
    lang = choose_language(settings.language).lang
    catalog = breathing_catalog(lang, settings.breathing_patterns)
    pattern = catalog.get(None)
    if args.pattern is not None:
        found = catalog.find(args.pattern)
        if found is None:
            t = Strings(lang)
            names = ", ".join(catalog.ids())
            print(
                t("breathing.cli.unknown_pattern", name=args.pattern, names=names), file=sys.stderr
            )
            return 2
        pattern = found

    return StartIntent(
        "breathe",
        {"pattern": pattern.id, "rounds": args.rounds or 0, "start_now": True},
        may_run_beside=True,  # after a rough chat, from the shell, even with the app open
    )
