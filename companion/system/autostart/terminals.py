"""Which terminal opens companion at login on Linux, and how it is told what to run.

Desktop sessions do not open a terminal for ``Terminal=true`` autostart entries
(systemd's xdg-autostart-generator skips them), so the entry runs a terminal itself.
Each terminal takes the command its own way; all the ways used here pass the program
and its arguments as separate arguments, so no shell quoting is involved.
"""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

# name -> the arguments that come between the terminal and the command it runs.
KNOWN: dict[str, tuple[str, ...]] = {
    "x-terminal-emulator": ("-e",),  # Debian's choice of terminal; -e takes the rest
    "gnome-terminal": ("--",),
    "konsole": ("-e",),
    "xfce4-terminal": ("-x",),  # -x runs the rest of the line; -e wants one string
    "kitty": (),
    "alacritty": ("-e",),
    "wezterm": ("start", "--"),
    "foot": (),
    "xterm": ("-e",),
}

# A variable a terminal sets in its own windows -> that terminal: the one the user is
# typing in right now is the best guess for the one they want at login.
RUNNING_IN: tuple[tuple[str, str], ...] = (
    ("KITTY_WINDOW_ID", "kitty"),
    ("WEZTERM_PANE", "wezterm"),
    ("ALACRITTY_WINDOW_ID", "alacritty"),
    ("KONSOLE_VERSION", "konsole"),
    ("GNOME_TERMINAL_SCREEN", "gnome-terminal"),
    ("XTERM_VERSION", "xterm"),
)

# XDG_CURRENT_DESKTOP -> the terminal that desktop ships.
DESKTOP_TERMINAL: dict[str, str] = {
    "gnome": "gnome-terminal",
    "unity": "gnome-terminal",
    "kde": "konsole",
    "xfce": "xfce4-terminal",
}

Which = Callable[[str], str | None]


@dataclass(frozen=True)
class Terminal:
    name: str  # how a person calls it: "kitty", or the configured program's name
    path: str  # the program, as an absolute path where it was found
    prefix: tuple[str, ...]  # arguments between the program and the command

    def command(self, argv: tuple[str, ...]) -> tuple[str, ...]:
        return (self.path, *self.prefix, *argv)


def parse_setting(value: str) -> tuple[str, ...]:
    """The ``terminal`` setting as argv: "auto" is (), anything else a command line
    to which companion's command is appended. Raises ValueError if it cannot be one."""
    if value.strip() == "auto":
        return ()
    if any(c in value for c in "\n\r\0"):
        raise ValueError("control character")
    try:
        words = tuple(shlex.split(value))
    except ValueError as error:
        raise ValueError(str(error)) from error
    if not words:
        raise ValueError("empty")
    return words


def which_in(env: Mapping[str, str]) -> Which:
    path = env.get("PATH", os.defpath)
    return lambda name: shutil.which(name, path=path)


def configured(words: tuple[str, ...], which: Which) -> Terminal | None:
    """The terminal the user named in the settings, if it can be found."""
    program, *rest = words
    found = which(program) if os.sep not in program else str(Path(program).expanduser())
    if not found or not Path(found).exists():
        return None
    name = Path(program).name
    if not rest and name in KNOWN:
        return Terminal(name, str(Path(found).absolute()), KNOWN[name])
    return Terminal(name, str(Path(found).absolute()), tuple(rest))


def candidates(env: Mapping[str, str]) -> list[str]:
    """Known terminals in the order they are tried."""
    order = [name for var, name in RUNNING_IN if env.get(var)]
    order.append("x-terminal-emulator")
    for desktop in env.get("XDG_CURRENT_DESKTOP", "").lower().split(":"):
        if desktop in DESKTOP_TERMINAL:
            order.append(DESKTOP_TERMINAL[desktop])
    order.extend(KNOWN)
    return list(dict.fromkeys(order))


def find_terminal(
    setting: str, env: Mapping[str, str], which: Which | None = None
) -> Terminal | None:
    """The terminal to open companion in, or None when there is none to be found."""
    which = which or which_in(env)
    words = parse_setting(setting)
    if words:
        return configured(words, which)
    for name in candidates(env):
        found = which(name)
        if found:
            return Terminal(name, str(Path(found).absolute()), KNOWN[name])
    return None
