"""What the app does with an error no handler expected: a private-safe log and the
unsaved input kept, then a short message instead of a traceback (which would print
local variables, journal text among them, to the terminal)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from companion import __version__
from companion.system.crashlog import write_crash
from companion.system.i18n import Strings
from companion.system.paths import display_path

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp


def note_crash(app: CompanionApp, error: Exception) -> Path | None:
    """Keep what every open screen holds as drafts and write the log; the log's path,
    or None if it could not be written. Never raises: the app is failing already."""
    try:
        app.keep_unsaved_input()
        services = app.services
        return write_crash(services.paths.log_file, error, services.clock.now(), __version__)
    except Exception:
        return None


def crash_message(t: Strings, log: Path | None) -> Text:
    """What the terminal shows as the app closes."""
    message = t("errors.crashed")
    if log is not None:
        message += "\n" + t("errors.log_hint", path=display_path(log))
    return Text(message)
