"""One round of cognitive poker, as the source describes it: a hand of three cards (a
situation, a thinking trap that may hide in its first thought, and a side to look from)
and 60 seconds to reframe it, measured on the monotonic clock.

The screen's slow timer only asks how much is left; the time itself comes from the
injected clock, so a test moves a FakeClock instead of waiting.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

ROUND_SECONDS = 60


@dataclass(frozen=True)
class Hand:
    """The three cards dealt: ids from the situation, trap and perspective decks, and
    which of the side's prompts to ask."""

    situation: str
    trap: str
    side: str
    prompt: int = 0


def deal(
    draw: Callable[[str, Sequence[str]], str],
    situations: Sequence[str],
    traps: Sequence[str],
    sides: Sequence[tuple[str, int]],
    pick: Callable[[int], int],
) -> Hand:
    """A hand: one card from each deck (``draw(deck name, ids)``), and one of the side's
    ``prompts`` (``pick(how many)`` chooses)."""
    side_ids = [side for side, _ in sides]
    side = draw("sides", side_ids)
    prompts = dict(sides)[side]
    return Hand(
        situation=draw("situations", situations),
        trap=draw("traps", traps),
        side=side,
        prompt=pick(prompts) if prompts > 1 else 0,
    )


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
