"""One round of cognitive poker: a card and 60 seconds, measured on the monotonic clock.

The screen's slow timer only asks how much is left; the time itself comes from the
injected clock, so a test moves a FakeClock instead of waiting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

ROUND_SECONDS = 60


@dataclass(frozen=True)
class PokerRound:
    card_id: str
    started: float  # clock.monotonic() when the card was drawn
    limit: float = ROUND_SECONDS

    def elapsed(self, now: float) -> float:
        return max(0.0, now - self.started)

    def left(self, now: float) -> int:
        """Whole seconds left, rounded up (60 at the draw, 0 only when time is up)."""
        return max(0, math.ceil(self.limit - self.elapsed(now)))

    def over(self, now: float) -> bool:
        return self.elapsed(now) >= self.limit
