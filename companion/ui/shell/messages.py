"""How the parts of the app talk: small Textual messages, posted by the part that knows
something happened and handled by the part that owns what follows.

Features never import each other; when one needs another (the break screen offers
breathing, the journal offers a reframe), it posts a message here and the app hands it
to the feature that owns it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.message import Message

from companion.store.errors import StoreError


class RhythmTick(Message):
    """Time moved (or the break rhythm changed): draw again.

    The app's one slow timer sends it to the screen on top; a screen that shows seconds
    tells the timer when to come back with ``redraw_in()``."""


class JournalLocked(Message, bubble=False):
    """The journal was just locked: drop whatever was read from it. Sent to the app and
    to every open screen."""


class JournalRead(Message, bubble=False):
    """A worker read the journal again (another process wrote it, or it was not read
    yet): its index is up to date, and the screen that asked draws it. ``error`` is the
    storage problem met instead, if any."""

    def __init__(self, error: StoreError | None = None) -> None:
        super().__init__()
        self.error = error


class StoreProblemFound(Message):
    """One of the journal's files was found damaged while it was read (set aside, its
    backup offered): the app asks the person, as it does at start. Posted from any
    thread."""

    def __init__(self, problem: object) -> None:  # an OpenProblem
        super().__init__()
        self.problem = problem


class JournalCounted(Message, bubble=False):
    """A worker counted the entries that match ``asked`` (a search and its filters) and
    the journal's total; ``matches`` is None if a newer search came meanwhile.
    ``error``: a file the count could not read (a month that is not a file)."""

    def __init__(
        self,
        asked: object,
        matches: int | None,
        total: int | None,
        error: StoreError | None = None,
    ) -> None:
        super().__init__()
        self.asked, self.matches, self.total, self.error = asked, matches, total, error


class BreathingWanted(Message):
    """Open a guided breathing session over this screen (the break screen, the energy
    station); ``then`` runs when it closes. ``origin``: what the session is part of
    ("break", "energy")."""

    def __init__(
        self,
        pattern: str | None = None,
        rounds: int | None = None,
        start_now: bool = False,
        origin: str = "",
        then: Callable[[object], None] | None = None,
    ) -> None:
        super().__init__()
        self.pattern, self.rounds, self.start_now = pattern, rounds, start_now
        self.origin, self.then = origin, then


class ReportWanted(Message):
    """Show a kept incident note as a factual report, to copy or save (the journal's
    "copy as report")."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class ReframeWanted(Message):
    """Start a reframe from a thought-log entry (the journal's "reframe this")."""

    def __init__(self, entry_id: str) -> None:
        super().__init__()
        self.entry_id = entry_id


class DayClosed(Message):
    """An end-of-day reflection or "let the day go" was kept: if it is the week's last,
    the week's summary is offered."""


class ShiftMoment(Message):
    """The break rhythm saw a moment that matters to the shift routine: the app opened
    ("launched"), the person came back after a long time away ("came_back", with
    ``away_since``), the shift started or ended."""

    def __init__(
        self,
        kind: str,  # "launched" | "came_back" | "started" | "ended"
        in_shift: bool = True,
        away_since: datetime | None = None,
    ) -> None:
        super().__init__()
        self.kind, self.in_shift, self.away_since = kind, in_shift, away_since
