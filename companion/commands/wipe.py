"""``companion wipe``: delete all companion data after a typed confirmation.

Refused while the app is open on the same data folder (it would show and write back
what was deleted); the entry that opens companion at login goes too.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from companion.system.i18n import Strings


def add_parser(commands: Any, t: Strings) -> None:
    commands.add_parser("wipe", help=t("wipe.help"), description=t("wipe.help"))


def run(args: argparse.Namespace) -> int:
    from companion.commands.language import strings_for
    from companion.services.config import load_config
    from companion.services.wipe import check_app_closed, login_entry, what_wipe_removes, wipe
    from companion.system.autostart import AutostartError
    from companion.system.autostart.messages import error_text, where
    from companion.system.instance import AlreadyRunning
    from companion.system.paths import display_path, resolve_paths

    t = strings_for(args.data_dir)
    paths = resolve_paths(args.data_dir)
    try:
        check_app_closed(paths)
        targets = what_wipe_removes(paths)
        login = login_entry(paths, load_config(paths.config_file).settings.terminal, os.environ)
        if not targets and login is None:
            print(t("wipe.nothing"))
            return 0
        print(t("wipe.will_delete"))
        for target in targets:
            print(f"  {display_path(target)}")
        if login is not None:
            print(f"  {where(login.status().location)}  {t('wipe.login_entry')}")
        word = t("wipe.confirm_word")
        try:
            answer = input(t("wipe.prompt", word=word))
        except EOFError:
            answer = ""
        if answer.strip() != word:
            print(t("wipe.cancelled"))
            return 1
        wipe(paths)
    except AlreadyRunning as running:
        from companion.services.messages import already_open

        print(f"{already_open(running.pid, t)}\n{t('wipe.quit_first')}", file=sys.stderr)
        return 1
    except OSError as error:  # a file we may not touch, a disk that fails: say what is left
        print(t("wipe.failed", reason=error.strerror or str(error)), file=sys.stderr)
        for target in what_wipe_removes(paths):
            print(f"  {display_path(target)}", file=sys.stderr)
        return 1
    print(t("wipe.done"))
    if login is None:
        return 0
    try:
        login.disable()
    except AutostartError as error:
        print(error_text(error, t, paths.config_file), file=sys.stderr)
        return 1
    print(t("wipe.login_removed"))
    return 0
