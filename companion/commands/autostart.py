"""``companion autostart enable|disable|status``: open companion by itself at login."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from companion.services.config import ConfigNotWritable, LoadedConfig, load_config, save_settings
from companion.system.i18n import Strings, choose_language
from companion.system.paths import resolve_paths

ACTIONS = ("enable", "disable", "status")


def add_parser(commands: Any, t: Strings) -> None:
    parser = commands.add_parser(
        "autostart",
        help=t("autostart.cli.help"),
        description=t("autostart.cli.description"),
        add_help=False,
    )
    options = parser.add_argument_group(t("cli.options"))
    options.add_argument("-h", "--help", action="help", help=t("cli.help"))
    actions = parser.add_subparsers(
        dest="autostart_action", metavar="ACTION", title=t("autostart.cli.actions")
    )
    for action in ACTIONS:
        actions.add_parser(action, help=t(f"autostart.cli.{action}"))


def run(args: argparse.Namespace) -> int:
    from companion.system.autostart import AutostartError, for_companion
    from companion.system.autostart.messages import (
        changed,
        describe,
        error_text,
        shows_location,
        where,
    )

    paths = resolve_paths(args.data_dir)
    loaded = load_config(paths.config_file)
    t = Strings(choose_language(loaded.settings.language).lang)
    autostart = for_companion(paths, loaded.settings.terminal, os.environ)
    action = args.autostart_action or "status"
    if action == "status":
        status = autostart.status()
        print(t("autostart.cli.status_line", state=describe(status, t)))
        if shows_location(status):
            print(f"  {where(status.location)}")
        return 1 if status.needs_action else 0
    try:
        status = autostart.enable() if action == "enable" else autostart.disable()
    except AutostartError as error:
        print(error_text(error, t, paths.config_file), file=sys.stderr)
        return 1
    print(changed(status, t))
    if status.active:
        print(f"  {where(status.location)}")
    remember(loaded, action == "enable", t)
    return 0


def remember(loaded: LoadedConfig, wanted: bool, t: Strings) -> None:
    """Keep the Settings switch and doctor in step with what was just done."""
    if loaded.settings.autostart == wanted:
        return
    from companion.services.messages import config_problem

    try:
        save_settings(loaded, autostart=wanted)
    except ConfigNotWritable as error:
        reason = config_problem(error.problem, t)
        print(t("config.not_saved", reason=reason), file=sys.stderr)
    except OSError as error:
        print(t("config.not_saved", reason=error.strerror or str(error)), file=sys.stderr)
