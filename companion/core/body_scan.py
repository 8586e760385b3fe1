"""Where a guided body scan is at any moment: its steps last so many seconds each, and
the step shown comes from the seconds since it started (see ``Stopwatch``), never from
adding up ticks, so five minutes end on time however late a timer fires.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ScanState:
    index: int  # the step to show (the last one once it is over)
    left: float  # seconds left in this step
    total_left: float  # seconds left in the whole scan
    done: bool

    @property
    def seconds_shown(self) -> int:
        """The whole seconds left in the step, as a count-down shows them."""
        return math.ceil(self.left - 1e-9)

    def until_change(self) -> float:
        """Seconds until what is shown changes: the next whole second of the count-down
        (the step's end is one of them); math.inf once it is over."""
        if self.done:
            return math.inf
        fraction = self.left - math.floor(self.left + 1e-9)
        return fraction if fraction > 1e-9 else min(1.0, self.left)


def scan_at(steps: Sequence[float], elapsed: float) -> ScanState:
    """The state ``elapsed`` seconds after the start (clamped to the scan)."""
    total = float(sum(steps))
    elapsed = min(max(0.0, elapsed), total)
    start = 0.0
    for index, seconds in enumerate(steps):
        if elapsed < start + seconds - 1e-9:
            return ScanState(index, start + seconds - elapsed, total - elapsed, False)
        start += seconds
    return ScanState(max(0, len(steps) - 1), 0.0, 0.0, True)
