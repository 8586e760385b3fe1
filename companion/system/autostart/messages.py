"""Launch-at-login states and errors as sentences in the user's language, shared by the
``companion autostart`` command, the Settings switch and ``companion doctor``."""

from __future__ import annotations

from pathlib import Path

from companion.system.autostart.base import AutostartError, State, Status
from companion.system.i18n import Strings
from companion.system.paths import display_path


def where(location: str) -> str:
    """A file shown with ``~``; a registry value as it is."""
    return display_path(Path(location)) if not location.startswith("HKEY_") else location


def opener(name: str | None, t: Strings) -> str:
    return name or t("autostart.opener_console")


def command_text(command: tuple[str, ...]) -> str:
    import shlex

    return shlex.join(command)


def describe(status: Status, t: Strings) -> str:
    """One sentence: what is installed, and the fix when something needs doing."""
    return t(
        f"autostart.state.{status.state.value}",
        opener=opener(status.opener_name, t),
        location=where(status.location),
        command=command_text(status.command),
        missing=status.missing,
        reason=status.reason,
    )


def shows_location(status: Status) -> bool:
    """States whose sentence does not name the file, so it is shown below it."""
    return status.state in (State.ON, State.OTHER, State.MOVED, State.NO_OPENER)


def error_text(error: AutostartError, t: Strings, config_file: Path) -> str:
    detail = dict(error.detail)
    if "location" in detail:
        detail["location"] = where(detail["location"])
    return t(f"autostart.error.{error.code}", config=display_path(config_file), **detail)


def changed(status: Status, t: Strings) -> str:
    """What just happened, after enable or disable."""
    if status.active:
        return t("autostart.enabled", opener=opener(status.opener_name, t))
    if status.state is State.OFF:
        return t("autostart.disabled")
    return describe(status, t)
