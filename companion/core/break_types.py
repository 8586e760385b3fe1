"""The break rhythm's small values: its phases, the kinds of event, a look at the clock,
an event, and what a step brings about. Kept apart from the rules in ``core.breaks``
(which re-exports them)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from companion.core.breaks import State


class Phase(enum.StrEnum):
    OFF = "off"  # outside shift hours: no reminders
    WORKING = "working"
    HEADS_UP = "heads_up"
    DUE = "due"
    POSTPONED = "postponed"
    AFTER_CHAT = "after_chat"
    ON_BREAK = "on_break"
    FIXED = "fixed"  # a fixed break or meeting of the roster: nothing is asked meanwhile


class Kind(enum.StrEnum):
    HEADS_UP = "heads_up"
    DUE = "due"
    POSTPONED = "postponed"
    AFTER_CHAT = "after_chat"
    STARTED = "started"
    ENDED = "ended"
    SKIPPED = "skipped"
    NATURAL = "natural"
    DND_ON = "dnd_on"
    DND_OFF = "dnd_off"
    SHIFT_START = "shift_start"
    SHIFT_END = "shift_end"
    MICRO = "micro"  # a micro-pause was shown
    FORWARD = "brought_forward"  # rough contacts brought the next break forward
    FIXED_START = "fixed_start"
    FIXED_END = "fixed_end"
    PEAK_ON = "peak_on"
    PEAK_OFF = "peak_off"


class Moment(NamedTuple):  # (NamedTuples: a dataclass costs a millisecond to define)
    """One look at the clock: wall time (aware) and monotonic seconds."""

    wall: datetime
    mono: float

    @classmethod
    def of(cls, clock: Any) -> Moment:
        return cls(clock.now(), clock.monotonic())

    @property
    def utc(self) -> datetime:
        return self.wall.astimezone(UTC)


@dataclass(frozen=True)
class Event:
    kind: Kind
    at: datetime  # UTC
    fields: dict[str, Any] = field(default_factory=dict)


class Outcome(NamedTuple):
    state: State
    events: tuple[Event, ...] = ()
    # The start (UTC) of time away of at least a break length found while the app was
    # running (asleep overnight, say), in any phase; a new start has its own rules.
    back_from: datetime | None = None

    def then(self, state: State, *events: Event) -> Outcome:
        """This outcome followed by a user's intent."""
        return self._replace(state=state, events=(*self.events, *events))
