"""The break rhythm's small values: a look at the clock, an event, and what a step
brings about. Kept apart from the rules in ``core.breaks`` (which re-exports them)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from companion.core.breaks import Kind, State


@dataclass(frozen=True)
class Moment:
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


@dataclass(frozen=True)
class Outcome:
    state: State
    events: tuple[Event, ...] = ()
    # The start (UTC) of time away of at least a break length found while the app was
    # running (asleep overnight, say), in any phase; a new start has its own rules.
    back_from: datetime | None = None

    def then(self, state: State, *events: Event) -> Outcome:
        """This outcome followed by a user's intent."""
        return replace(self, state=state, events=(*self.events, *events))
