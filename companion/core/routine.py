"""The shift routine's rules: the paced breathing round of the energy station.

A gentle, fixed pace: in for 4 s, out for 6 s, six times (a minute). Computed from the
time since the round began, never by counting ticks, so a late tick skips nothing.
The screen that shows it is kept small so the guided-breathing feature can replace it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

BREATH_IN = 4.0
BREATH_OUT = 6.0
ROUNDS = 6
ROUND_SECONDS = ROUNDS * (BREATH_IN + BREATH_OUT)


@dataclass(frozen=True)
class Pace:
    phase: str  # "in" | "out" | "done"
    seconds_left: int  # in this phase, rounded up, for a calm count-down
    breath: int  # 1..ROUNDS


def pace(elapsed: float) -> Pace:
    if elapsed >= ROUND_SECONDS:
        return Pace("done", 0, ROUNDS)
    elapsed = max(0.0, elapsed)
    cycle = BREATH_IN + BREATH_OUT
    breath, into = divmod(elapsed, cycle)
    if into < BREATH_IN:
        return Pace("in", math.ceil(BREATH_IN - into), int(breath) + 1)
    return Pace("out", math.ceil(cycle - into), int(breath) + 1)
