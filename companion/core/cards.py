"""A shuffled deck: every card once before any card comes again.

The random source is handed in (a seeded ``random.Random`` in tests), and the deck's
state is plain data so it can be kept between sessions: closing the app does not
bring back the cards already seen.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any


class Deck:
    def __init__(
        self,
        card_ids: Sequence[str],
        rng: random.Random,
        state: Mapping[str, Any] | None = None,
    ) -> None:
        if not card_ids:
            raise ValueError("a deck needs at least one card")
        if len(set(card_ids)) != len(card_ids):
            raise ValueError("card ids must be unique")
        self.card_ids = tuple(card_ids)
        self.rng = rng
        self.order: list[str] = []
        self.position = 0
        if state is not None and self._valid(state):
            self.order = list(state["order"])
            self.position = int(state["position"])
        else:
            self._shuffle(last=None)

    def _valid(self, state: Mapping[str, Any]) -> bool:
        """A kept state still fits if it holds exactly the cards the content has now."""
        order = state.get("order")
        position = state.get("position")
        return (
            isinstance(order, list)
            and sorted(map(str, order)) == sorted(self.card_ids)
            and isinstance(position, int)
            and 0 <= position <= len(order)
        )

    def _shuffle(self, last: str | None) -> None:
        order = list(self.card_ids)
        self.rng.shuffle(order)
        if last is not None and len(order) > 1 and order[0] == last:
            # The card just seen must not open the next round, or it would look repeated.
            swap = self.rng.randrange(1, len(order))
            order[0], order[swap] = order[swap], order[0]
        self.order = order
        self.position = 0

    def draw(self) -> str:
        if self.position >= len(self.order):
            self._shuffle(last=self.order[-1] if self.order else None)
        card = self.order[self.position]
        self.position += 1
        return card

    @property
    def remaining(self) -> int:
        """Cards left before the deck is reshuffled."""
        return len(self.order) - self.position

    def state(self) -> dict[str, Any]:
        return {"order": list(self.order), "position": self.position}
