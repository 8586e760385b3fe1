"""Counting a day's breaks: a break counts as it ends, if it was really taken; one cut
short is counted as that; events kept before this rule still count sensibly."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from companion.core.break_counts import count_day, ended_counts

DAY = datetime(2026, 11, 23, tzinfo=ZoneInfo("Asia/Shanghai"))


@dataclass
class Ev:
    kind: str
    created_at: datetime
    fields: dict[str, Any] = field(default_factory=dict)


def test_a_break_counts_when_it_ends_and_only_if_taken() -> None:
    events = [
        Ev("started", DAY + timedelta(hours=10)),
        Ev("ended", DAY + timedelta(hours=10, seconds=3), {"seconds": 3, "counted": False}),
        Ev("started", DAY + timedelta(hours=11)),
        Ev("ended", DAY + timedelta(hours=11, minutes=10), {"seconds": 600, "counted": True}),
        Ev("started", DAY + timedelta(hours=16)),  # still under way: not counted yet
    ]
    counts = count_day(events, DAY, DAY + timedelta(days=1))
    assert (counts.taken, counts.short) == (1, 1)


def test_ended_events_kept_before_the_rule() -> None:
    assert ended_counts({"completed": True, "seconds": 600})
    assert ended_counts({"completed": False, "seconds": 420})
    assert not ended_counts({"completed": False, "seconds": 3})
    assert not ended_counts({"completed": False, "seconds": "odd"})
    assert not ended_counts({})
