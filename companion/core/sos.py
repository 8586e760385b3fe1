"""The SOS minute after a rough customer: a fixed run of short steps, about 60 seconds.

arrive (a kind word) → sigh (a few cyclic sighs) → feeling (name it) → notice (five
things you can see) → self_talk (one line to take back) → back (to work, when ready).
Like a breathing session it is timed from one start instant (see ``Stopwatch``);
"next" jumps the stopwatch to the following step's start.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from companion.core.breathing import Pattern

SIGHS = 3  # cyclic sighs of 9 s each
NOTICE_THINGS = 5


@dataclass(frozen=True)
class Step:
    name: str
    seconds: float | None  # None: waits for the person


def sos_steps(sigh: Pattern, sighs: int = SIGHS) -> tuple[Step, ...]:
    return (
        Step("arrive", 8.0),
        Step("sigh", sigh.duration(sighs)),
        Step("feeling", 7.0),
        Step("notice", 10.0),
        Step("self_talk", 8.0),
        Step("back", None),
    )


def step_start(steps: tuple[Step, ...], index: int) -> float:
    return sum(s.seconds or 0.0 for s in steps[:index])


@dataclass(frozen=True)
class SosState:
    index: int
    step: Step
    into: float  # seconds into the step
    elapsed: float

    @property
    def remaining(self) -> float:
        if self.step.seconds is None:
            return math.inf
        return max(0.0, self.step.seconds - self.into)

    @property
    def noticed(self) -> int:
        """In the notice step: which of the five things to look for now (1 … 5)."""
        if self.step.name != "notice" or self.step.seconds is None:
            return 0
        each = self.step.seconds / NOTICE_THINGS
        return min(NOTICE_THINGS, int(self.into / each + 1e-9) + 1)

    def until_change(self) -> float:
        """Seconds until the step (or, while noticing, the next thing) changes."""
        if self.step.name == "notice" and self.step.seconds is not None:
            each = self.step.seconds / NOTICE_THINGS
            return max(0.0, self.noticed * each - self.into)
        return self.remaining


def sos_at(steps: tuple[Step, ...], elapsed: float) -> SosState:
    elapsed = max(0.0, elapsed)
    start = 0.0
    for index, step in enumerate(steps):
        if step.seconds is None or elapsed < start + step.seconds - 1e-9:
            return SosState(index, step, elapsed - start, elapsed)
        start += step.seconds
    last = len(steps) - 1
    return SosState(last, steps[last], elapsed - step_start(steps, last), elapsed)
