"""Time, injected: every rule that depends on "now" takes a Clock.

``now()`` is wall time (aware, local zone) for things a person reads: dates, shift hours,
greetings. ``monotonic()`` is for measuring intervals, which must not jump when the
wall clock is changed. A test moves a FakeClock forward instead of sleeping.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current wall time, timezone-aware."""

    def monotonic(self) -> float:
        """Seconds from an arbitrary point; never goes backwards."""


class SystemClock:
    """The real clock, in the machine's local time zone."""

    def now(self) -> datetime:
        return datetime.now().astimezone()

    def monotonic(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock that only moves when told to.

    ``advance`` moves wall and monotonic time together (time passing while awake);
    ``suspend`` moves only the wall clock (the machine slept: monotonic time on Linux
    does not count suspended time), which is how a natural break is detected.
    """

    def __init__(self, start: datetime | None = None, tz: tzinfo | None = None) -> None:
        if start is None:
            start = datetime(2026, 11, 23, 9, 0, tzinfo=tz or UTC)
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._utc = start.astimezone(UTC)
        self._tz = start.tzinfo
        self._mono = 1000.0

    def now(self) -> datetime:
        return self._utc.astimezone(self._tz)

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float = 0.0, **delta: float) -> None:
        step = seconds + timedelta(**delta).total_seconds()
        if step < 0:
            raise ValueError("time does not run backwards")
        self._utc += timedelta(seconds=step)
        self._mono += step

    def suspend(self, seconds: float = 0.0, **delta: float) -> None:
        step = seconds + timedelta(**delta).total_seconds()
        self._utc += timedelta(seconds=step)

    def set_wall(self, when: datetime) -> None:
        """Jump the wall clock (a user changing the time); monotonic stays."""
        if when.tzinfo is None:
            raise ValueError("set_wall needs an aware datetime")
        self._utc = when.astimezone(UTC)
