"""Elapsed time measured from one start instant, which pausing shifts.

Anything that must follow real time for minutes (a breathing session, the SOS minute)
asks a Stopwatch how long it has run instead of adding up timer ticks: ticks arrive
late and the lateness adds up; a start instant does not drift. Pausing remembers when;
resuming moves the start forward by the pause, so the session carries on where it was.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass


@dataclass(frozen=True)
class Stopwatch:
    started: float  # monotonic seconds
    paused_at: float | None = None

    @classmethod
    def start(cls, now: float) -> Stopwatch:
        return cls(started=now)

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    def elapsed(self, now: float) -> float:
        until = self.paused_at if self.paused_at is not None else now
        return max(0.0, until - self.started)

    def pause(self, now: float) -> Stopwatch:
        if self.paused:
            return self
        return dataclasses.replace(self, paused_at=now)

    def resume(self, now: float) -> Stopwatch:
        if self.paused_at is None:
            return self
        return Stopwatch(started=self.started + (now - self.paused_at))

    def jump_to(self, elapsed: float, now: float) -> Stopwatch:
        """Carry on as if ``elapsed`` seconds had run (skipping ahead), paused or not."""
        if self.paused:
            return Stopwatch(started=now - elapsed, paused_at=now)
        return Stopwatch(started=now - elapsed)
