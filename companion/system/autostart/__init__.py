"""Launch at login: one writer per operating system, and what they have in common.

- ``backend_for(...)`` picks the writer: a ``.desktop`` file on Linux (linux.py), a
  LaunchAgent on macOS (macos.py), a Run value in the registry on Windows (windows.py).
- ``Autostart.status()`` reads what is installed and compares it with the companion
  running now, so a venv that moved (the entry opens a program that is gone) is noticed.
- ``enable()`` writes companion's entry; ``disable()`` removes it. Neither ever touches
  an entry companion did not write.
- ``for_companion(...)`` puts it together for the companion that is running.

No Textual here: the CLI, the Settings switch and doctor all call these functions.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion.system.autostart.base import AutostartError, Backend, Entry, State, Status
from companion.system.paths import Paths, resolve_paths

__all__ = [
    "Autostart",
    "AutostartError",
    "Backend",
    "Entry",
    "State",
    "Status",
    "backend_for",
    "current_command",
    "for_companion",
]

SCRIPT_NAMES = ("companion", "companion.exe")


def current_command(
    paths: Paths,
    argv0: str | None = None,
    executable: str | None = None,
) -> tuple[str, ...]:
    """How to start the companion that is running now, with its data folder.

    The installed ``companion`` script if it can be found (where this process was
    started from, or beside the Python running it), else ``python -m companion``.
    A data folder other than the usual one is passed on with ``--data-dir``, since
    COMPANION_HOME is not set in a login session.
    """
    argv0 = sys.argv[0] if argv0 is None else argv0
    executable = executable or sys.executable
    started = Path(argv0)
    beside = [Path(executable).parent / name for name in SCRIPT_NAMES]
    program: tuple[str, ...] = (executable, "-m", "companion")
    for candidate in [started, *beside]:
        if candidate.name in SCRIPT_NAMES and candidate.is_file():
            program = (str(candidate.absolute()),)
            break
    if paths != resolve_paths(None, {}):
        program += ("--data-dir", str(paths.config_dir))
    return program


def program_exists(program: str) -> bool:
    path = Path(program)
    if path.is_absolute():
        return path.exists()
    return shutil.which(program) is not None


def same_command(found: tuple[str, ...], current: tuple[str, ...]) -> bool:
    if found == current:
        return True
    if len(found) != len(current) or not found or found[1:] != current[1:]:
        return False
    try:
        return os.path.samefile(found[0], current[0])
    except OSError:
        return False


def check(backend: Backend, current: tuple[str, ...]) -> Status:
    """What is installed, and whether it would open the companion running now."""
    location = backend.location()
    try:
        entry = backend.read()
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return Status(State.UNREADABLE, location, reason=reason)
    if entry is None:
        return Status(State.OFF, location)
    if not entry.ours:
        return Status(State.FOREIGN, location)

    def said(state: State, missing: str = "") -> Status:
        return Status(state, location, entry.command, entry.opener_name, missing=missing)

    if not entry.enabled:
        return said(State.HIDDEN)
    if not entry.command:
        return said(State.BROKEN)
    if not program_exists(entry.command[0]):
        return said(State.MOVED, entry.command[0])
    if entry.opener and not program_exists(entry.opener[0]):
        return said(State.NO_OPENER, entry.opener[0])
    if not same_command(entry.command, current):
        return said(State.OTHER)
    return said(State.ON)


@dataclass(frozen=True)
class Autostart:
    """Launch at login for one companion: a writer and the command it should open."""

    backend: Backend
    command: tuple[str, ...]

    def status(self) -> Status:
        return check(self.backend, self.command)

    def opener_name(self) -> str | None:
        """What would open the window if enabled now; None when nothing can."""
        return self.backend.opener_name()

    def enable(self) -> Status:
        """Install (or rewrite) companion's entry so it opens this companion at login."""
        self._refuse_what_is_not_ours()
        self.backend.write(self.command)
        return self.status()

    def disable(self) -> Status:
        """Remove companion's entry; anything companion did not write is left alone."""
        before = self._refuse_what_is_not_ours()
        if before.state is not State.OFF:
            try:
                self.backend.remove()
            except OSError as error:
                reason = error.strerror or str(error)
                location = before.location
                raise AutostartError("write_failed", location=location, reason=reason) from error
        return self.status()

    def _refuse_what_is_not_ours(self) -> Status:
        before = self.status()
        if before.state is State.FOREIGN:
            raise AutostartError("foreign", location=before.location)
        if before.state is State.UNREADABLE:
            raise AutostartError("unreadable", location=before.location, reason=before.reason)
        return before


# A language of content/ -> the locale a desktop entry names it by.
DESKTOP_LOCALES = {"en": "", "zh": "zh_CN"}


def for_companion(
    paths: Paths,
    terminal: str,
    env: Mapping[str, str],
    platform: str | None = None,
    winreg: Any = None,
    argv0: str | None = None,
    executable: str | None = None,
) -> Autostart:
    """Launch at login for the companion running now, on this system."""
    from companion.system.content import available_languages
    from companion.system.i18n import Strings

    comments = {
        DESKTOP_LOCALES.get(lang, lang): Strings(lang)("autostart.entry.comment")
        for lang in available_languages()
    }
    backend = backend_for(paths, terminal, env, comments, platform, winreg)
    return Autostart(backend, current_command(paths, argv0, executable))


def backend_for(
    paths: Paths,
    terminal: str,
    env: Mapping[str, str],
    comments: Mapping[str, str],
    platform: str | None = None,
    winreg: Any = None,
) -> Backend:
    """The writer for this system. ``terminal`` is the setting ("auto" or a command);
    ``comments`` the entry's description per locale (Linux shows it in its startup
    settings)."""
    platform = platform or sys.platform
    home = Path(env.get("HOME") or Path.home())
    if platform == "darwin":
        from companion.system.autostart.macos import SCRIPT_NAME, LaunchAgent

        return LaunchAgent(home / "Library" / "LaunchAgents", paths.config_dir / SCRIPT_NAME)
    if platform.startswith("win"):
        from companion.system.autostart.windows import RunKey

        if winreg is None:
            import winreg  # type: ignore[import-not-found,no-redef]
        return RunKey(winreg, shutil.which("wt", path=env.get("PATH")))
    from companion.system.autostart.linux import DesktopAutostart, autostart_folder

    return DesktopAutostart(autostart_folder(env, home), terminal, env, comments)
