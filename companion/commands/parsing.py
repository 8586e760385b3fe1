"""The command line's parsers: argparse with the person's words, every sub-command's
parser or only the one asked for (a lean start), and a first silent look at the
arguments that finds the language and the command before the full parser is built."""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from types import ModuleType
from typing import Any, ClassVar, NoReturn

from companion import __version__
from companion.commands import COMMANDS
from companion.commands.language import strings_for
from companion.system.i18n import Strings, choose_language
from companion.system.paths import FolderProblem


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` tells it (COLUMNS, then the
    terminal, then 80)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help, given the width: its own way to measure imports shutil (and
    with it bz2 and lzma), a few milliseconds on every command's start."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = _columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


class _Measured(argparse.ArgumentParser):
    """A parser whose help is given the terminal's width (see _Formatter)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)


class Parser(_Measured):
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
            command_module(module).add_parser(commands, t)
    return parser


def command_module(module: str) -> ModuleType:
    return importlib.import_module(f"companion.commands.{module}")


def strings_from_environment() -> Strings:
    """The person's language from the environment alone (no config.toml can be found)."""
    return Strings(choose_language(None).lang)


def strings_before_folders() -> Strings:
    """The person's language for a message said before the folders are checked: from
    config.toml if COMPANION_HOME (or the default folder) can be read, else from the
    environment."""
    try:
        return strings_for(None)
    except FolderProblem:  # COMPANION_HOME is ~name of no user: told when it is used
        return strings_from_environment()


class Early(_Measured):
    """A first look at the arguments: silent (the full parser reports any mistake)."""

    def error(self, message: str) -> NoReturn:
        raise ValueError(message)


def only_command(known: argparse.Namespace) -> str | None:
    """The one sub-command to import: "" for the app (none), None for all of them (the
    help lists them; an unknown name is told the names)."""
    if known.help:
        return None
    if known.command in COMMANDS:
        return str(known.command)
    return None if known.command is not None else ""


def first_look(argv: list[str]) -> argparse.Namespace:
    """The data folder, --help and the command name, before the language is known."""
    early = Early(add_help=False)
    early.add_argument("--data-dir")
    early.add_argument("-h", "--help", action="store_true")
    early.add_argument("command", nargs="?")
    try:
        known, _ = early.parse_known_args(argv)
    except ValueError:  # e.g. --data-dir without a folder: the full parser says so
        known = argparse.Namespace(data_dir=None, help=True, command=None)
    return known
