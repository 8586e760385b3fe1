"""Contacts and micro-pauses in figures, for insights: chats marked per day (and how
many were rough), micro-pauses apart from breaks, and how tense the person was after a
rough chat compared with after a calm one, with the counts those rest on.

Pure: records in, figures out. A tension rating is the "before" of a breathing session,
an SOS reset or a break (how tense they were when they came to it); it belongs to the
last chat marked in the ``WINDOW`` before it was kept, rough or calm.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import fmean
from typing import Protocol

from companion.core.break_counts import EventLike

WINDOW = timedelta(minutes=30)
MIN_RATINGS = 3  # ratings each side needs before an average is shown


@dataclass(frozen=True, slots=True)
class Marked:
    """A chat marked as ended (``companion contact``, or the app's key)."""

    at: datetime
    rough: bool = False


class RatedLike(Protocol):
    at: datetime
    before: int | None


@dataclass(frozen=True)
class TensionAfter:
    rough_ratings: int = 0
    rough: float | None = None  # average tension (0-10) after a rough chat
    calm_ratings: int = 0
    calm: float | None = None

    @property
    def enough(self) -> bool:
        return min(self.rough_ratings, self.calm_ratings) >= MIN_RATINGS


def tension_after(contacts: Sequence[Marked], ratings: Iterable[RatedLike]) -> TensionAfter:
    ordered = sorted(contacts, key=lambda c: c.at)
    stamps = [c.at.timestamp() for c in ordered]
    rough: list[int] = []
    calm: list[int] = []
    for rated in ratings:
        if rated.before is None:
            continue
        place = bisect.bisect_right(stamps, rated.at.timestamp())
        if place == 0:
            continue
        last = ordered[place - 1]
        if rated.at - last.at <= WINDOW:
            (rough if last.rough else calm).append(rated.before)
    return TensionAfter(
        len(rough), fmean(rough) if rough else None, len(calm), fmean(calm) if calm else None
    )


def micro_pauses(events: Iterable[EventLike]) -> int:
    """Micro-pauses shown (apart from breaks: a micro-pause is never a break taken)."""
    return sum(1 for event in events if event.kind == "micro")
