"""``companion wipe``: delete all companion data after a typed confirmation."""

from __future__ import annotations

import argparse
from typing import Any

from companion.i18n import Strings


def add_parser(commands: Any, t: Strings) -> None:
    commands.add_parser("wipe", help=t("wipe.help"), description=t("wipe.help"))


def run(args: argparse.Namespace) -> int:
    from companion.cli import strings_for
    from companion.paths import display_path, resolve_paths
    from companion.wipe import what_wipe_removes, wipe

    t = strings_for(args.data_dir)
    paths = resolve_paths(args.data_dir)
    targets = what_wipe_removes(paths)
    if not targets:
        print(t("wipe.nothing"))
        return 0
    print(t("wipe.will_delete"))
    for target in targets:
        print(f"  {display_path(target)}")
    word = t("wipe.confirm_word")
    try:
        answer = input(t("wipe.prompt", word=word))
    except EOFError:
        answer = ""
    if answer.strip() != word:
        print(t("wipe.cancelled"))
        return 1
    wipe(paths)
    print(t("wipe.done"))
    return 0
