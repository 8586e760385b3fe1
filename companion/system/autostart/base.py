"""The shapes every launch-at-login writer shares: what an installed entry says, the
state a person is told about, and the errors a writer can raise."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class State(StrEnum):
    OFF = "off"  # nothing installed
    ON = "on"  # companion's entry, opening the companion that is running now
    OTHER = "other"  # companion's entry, opening another install or data folder
    HIDDEN = "hidden"  # companion's entry, switched off in the desktop's startup settings
    MOVED = "moved"  # companion's entry, but the program it opens is gone (a moved venv)
    NO_OPENER = "no_opener"  # companion's entry, but the terminal it opens is gone
    BROKEN = "broken"  # companion's entry, but it no longer says what it runs
    FOREIGN = "foreign"  # something companion did not write sits where it would write
    UNREADABLE = "unreadable"


NEEDS_ACTION = frozenset({State.MOVED, State.NO_OPENER, State.BROKEN, State.UNREADABLE})


@dataclass(frozen=True)
class Entry:
    """An installed launch-at-login entry, as read back."""

    ours: bool  # written by companion (it carries companion's mark)
    command: tuple[str, ...] = ()  # the companion command it runs
    opener: tuple[str, ...] = ()  # what opens a window for it (terminal argv); () = none
    opener_name: str = ""  # that, as a person calls it: "kitty", "Terminal", "a console"
    enabled: bool = True  # False: turned off in the desktop's own startup settings


@dataclass(frozen=True)
class Status:
    state: State
    location: str  # the file or registry value, as shown to a person
    command: tuple[str, ...] = ()
    opener_name: str = ""
    missing: str = ""  # the program that is gone (MOVED, NO_OPENER)
    reason: str = ""  # why it could not be read (UNREADABLE)

    @property
    def needs_action(self) -> bool:
        return self.state in NEEDS_ACTION

    @property
    def active(self) -> bool:
        """It will open companion at the next login."""
        return self.state in (State.ON, State.OTHER)


class AutostartError(Exception):
    """Why launch at login could not be changed. ``code``: no_terminal |
    terminal_missing (the one named in the settings) | foreign | unreadable | write_failed."""

    def __init__(self, code: str, **detail: str) -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


class Backend(Protocol):
    """One operating system's way of opening a program at login."""

    def location(self) -> str:
        """Where the entry lives, for people to read."""
        ...

    def read(self) -> Entry | None:
        """The installed entry, or None. Raises OSError or ValueError when unreadable."""
        ...

    def write(self, command: tuple[str, ...]) -> None:
        """Install an entry that opens ``command`` in a window. Raises AutostartError."""
        ...

    def remove(self) -> None:
        """Remove the entry (only called for companion's own)."""
        ...

    def opener_name(self) -> str | None:
        """What would open the window if enabled now; None when nothing can."""
        ...
