"""Today's breaks in figures: taken, postponed, skipped (and time away that counted).

Works on anything with ``kind``, ``created_at`` and ``fields`` (the stored events), so
Home and insights count the same way. A break is counted when it ends, if it was really
taken (core.breaks.counts_as_taken); one cut short is counted as that, not as a break.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple, Protocol

from companion.core.breaks import Kind


class EventLike(Protocol):
    kind: str
    created_at: datetime
    fields: dict[str, Any]


class DayCounts(NamedTuple):  # (NamedTuples: a dataclass costs a millisecond to define)
    started: int = 0  # breaks the user took (when asked, or early), long enough to count
    natural: int = 0  # time away long enough to count, begun that day
    postponed: int = 0
    skipped: int = 0
    short: int = 0  # breaks ended too soon to count as one

    @property
    def taken(self) -> int:
        return self.started + self.natural

    @property
    def any(self) -> bool:
        return bool(self.taken or self.postponed or self.skipped)


def _away_since(event: EventLike) -> datetime:
    try:
        return datetime.fromisoformat(str(event.fields["away_since"]))
    except (KeyError, ValueError):
        return event.created_at


# An "ended" event kept before breaks were counted as they ended says only how long the
# break lasted: it counts from this long (half the default length).
EARLIER_COUNTS_FROM = 300


def ended_counts(fields: dict[str, Any]) -> bool:
    """Did the break an "ended" event closes count as taken?"""
    if "counted" in fields:
        return bool(fields["counted"])
    try:
        seconds = float(fields.get("seconds", 0))
    except (TypeError, ValueError):
        seconds = 0.0
    return bool(fields.get("completed")) or seconds >= EARLIER_COUNTS_FROM


def count_day(events: Iterable[EventLike], start: datetime, end: datetime) -> DayCounts:
    """Counts for the day [start, end). A break counts on the day it ended; a natural
    break on the day it began, so a night with the app closed is not "a break taken"
    the next morning."""
    started = natural = postponed = skipped = short = 0
    for event in events:
        if not start <= event.created_at < end:
            continue
        if event.kind == Kind.ENDED:
            if ended_counts(event.fields):
                started += 1
            else:
                short += 1
        elif event.kind == Kind.POSTPONED:
            postponed += 1
        elif event.kind == Kind.SKIPPED:
            skipped += 1
        elif event.kind == Kind.NATURAL and _away_since(event) >= start:
            natural += 1
    return DayCounts(started, natural, postponed, skipped, short)
