"""The ``companion`` command: the app by default, plus sub-commands.

Sub-commands that don't open the app never import Textual, so they start fast; the
import of the UI happens inside ``run_tui`` only. Only the sub-command asked for is
imported (``companion note`` never loads export, import, doctor...); all of them only
when the full list is shown (``--help``, or a command name that is not one).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import re
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING, ClassVar, NoReturn

from companion import __version__
from companion.commands import COMMANDS
from companion.commands.language import strings_for
from companion.system.i18n import Strings, choose_language
from companion.system.paths import FolderProblem, resolve_paths
from companion.system.terminal_text import safe_streams

if TYPE_CHECKING:
    from companion.services.intent import StartIntent


class Parser(argparse.ArgumentParser):
    """argparse with its own few words (usage:, options:, error:) in the person's
    language too, through its public methods; sub-commands' parsers are of this class."""

    words: ClassVar[dict[str, str]] = {}  # argparse's English -> the person's words

    def format_usage(self) -> str:
        return _said(super().format_usage(), self.words)

    def format_help(self) -> str:
        return _said(super().format_help(), self.words)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        error = self.words.get("error:", "error:")
        self.exit(2, f"{self.prog}: {error} {message}\n")


def _said(text: str, words: dict[str, str]) -> str:
    for english, said in words.items():
        pattern = rf"^{re.escape(english)}" + ("$" if english.endswith(":") else "")
        text = re.sub(pattern, lambda _match, said=said: said, text, flags=re.M)
    return text


def build_parser(t: Strings, only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every sub-command, or of ``only`` that one (a lean start)."""
    headings = {
        title + ":": t("cli.heading", title=shown)
        for title, shown in (
            ("positional arguments", t("cli.positional")),
            ("options", t("cli.options")),
            (t("cli.options"), t("cli.options")),
            (t("cli.commands"), t("cli.commands")),
        )
    }
    Parser.words = {"usage: ": t("cli.usage"), **headings, "error:": t("cli.error")}
    parser = Parser(prog="companion", description=t("cli.description"), add_help=False)
    options = parser.add_argument_group(t("cli.options"))
    options.add_argument("-h", "--help", action="help", help=t("cli.help"))
    options.add_argument(
        "--version", action="version", version=f"companion {__version__}", help=t("cli.version")
    )
    options.add_argument("--data-dir", metavar="DIR", help=t("cli.data_dir"))
    commands = parser.add_subparsers(
        dest="command", metavar=t("cli.command_metavar"), title=t("cli.commands")
    )
    for name, module in COMMANDS.items():
        if only is None or name == only:
            _command(module).add_parser(commands, t)
    return parser


def _command(module: str) -> ModuleType:
    return importlib.import_module(f"companion.commands.{module}")


def _strings_from_environment() -> Strings:
    """The person's language from the environment alone (no config.toml can be found)."""
    return Strings(choose_language(None).lang)


def _strings_before_folders() -> Strings:
    """The person's language for a message said before the folders are checked: from
    config.toml if COMPANION_HOME (or the default folder) can be read, else from the
    environment."""
    try:
        return strings_for(None)
    except FolderProblem:  # COMPANION_HOME is ~name of no user: told when it is used
        return _strings_from_environment()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    early = _Early(add_help=False)
    early.add_argument("--data-dir")
    early.add_argument("-h", "--help", action="store_true")
    early.add_argument("command", nargs="?")
    try:
        known, _ = early.parse_known_args(argv)
    except ValueError:  # e.g. --data-dir without a folder: the full parser says so
        known = argparse.Namespace(data_dir=None, help=True, command=None)
    if known.data_dir is not None and ("\0" in known.data_dir or not known.data_dir.strip()):
        # NUL: no folder can have this name. Empty: `--data-dir "$DIR"` with DIR unset,
        # where the current folder would be taken, unasked.
        why = "cli.bad_data_dir" if "\0" in known.data_dir else "cli.empty_data_dir"
        print(_strings_before_folders()(why), file=sys.stderr)
        return 2
    try:
        t = strings_for(known.data_dir)
    except FolderProblem as problem:  # --data-dir or COMPANION_HOME is ~name of no user
        from companion.services.messages import folder_problem

        with safe_streams():
            print(folder_problem(problem, _strings_from_environment()), file=sys.stderr)
        return 2
    try:
        with safe_streams():  # nothing printed may act on the terminal (see terminal_text)
            args = build_parser(t, _only(known)).parse_args(argv)
            done = _command(COMMANDS[args.command]).run(args) if args.command else None
        if done is None:
            return run_tui(args)
        if isinstance(done, int):
            return int(done)
        return run_tui(args, done)  # a StartIntent: a command that opens the app (breathe)
    except FolderProblem as problem:  # a file where data/ should be, a folder not ours
        from companion.services.messages import folder_problem

        with safe_streams():
            print(folder_problem(problem, t), file=sys.stderr)
        return 1
    except BrokenPipeError:  # `companion export | head`: the reader has gone, that is all
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


class _Early(argparse.ArgumentParser):
    """A first look at the arguments: silent (the full parser reports any mistake)."""

    def error(self, message: str) -> NoReturn:
        raise ValueError(message)


def _only(known: argparse.Namespace) -> str | None:
    """The one sub-command to import: "" for the app (none), None for all of them (the
    help lists them; an unknown name is told the names)."""
    if known.help:
        return None
    if known.command in COMMANDS:
        return str(known.command)
    return None if known.command is not None else ""


def run_tui(args: argparse.Namespace, intent: StartIntent | None = None) -> int:
    """Run the app; ``intent`` opens something first (``companion breathe``).

    One app per data folder: a second start says so and leaves the first one alone.
    """
    from companion.system.instance import AlreadyRunning, hold_if_possible

    paths = resolve_paths(args.data_dir)
    try:
        lock = hold_if_possible(paths.instance_lock)
    except AlreadyRunning as running:
        if intent is not None and intent.may_run_beside:
            # e.g. `companion breathe` while the app that opened at login is running.
            import dataclasses

            return _run_app(args, dataclasses.replace(intent, beside=True))
        # Said before the UI toolkit loads, so it is instant and the other window is safe.
        from companion.services.messages import already_open

        t = strings_for(args.data_dir)
        print(f"{already_open(running.pid, t)}\n{t('instance.hint')}", file=sys.stderr)
        return 1
    try:
        return _run_app(args, intent)
    finally:
        if lock is not None:
            lock.release()


def _run_app(args: argparse.Namespace, intent: StartIntent | None) -> int:
    # The start makes many objects that live as long as the app (modules, classes,
    # words); collecting cycles among them meanwhile is wasted work, about a tenth of
    # the start. The app turns it back on after its first frame (ui/shell/collector.py).
    gc.disable()
    from companion.services.container import build_services
    from companion.ui.app import CompanionApp

    # Beside the open app, a damaged file is that app's to set aside and offer back.
    beside = intent is not None and intent.beside
    services = build_services(home=args.data_dir, move_damaged=not beside)
    app = CompanionApp(services, intent=intent)
    app.run()
    if app.crash_log is not None:
        return 1
    return app.return_code or 0
