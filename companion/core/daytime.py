"""Parts of the day and day boundaries, from an aware moment."""

from __future__ import annotations

from datetime import datetime, timedelta


def part_of_day(moment: datetime) -> str:
    """morning 05-12, afternoon 12-18, evening 18-22, night otherwise."""
    hour = moment.hour
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 18:
        return "afternoon"
    if 18 <= hour < 22:
        return "evening"
    return "night"


def day_window(moment: datetime) -> tuple[datetime, datetime]:
    """[local midnight, next local midnight) around ``moment``.

    With a ZoneInfo time zone the offsets of both ends are right across DST changes
    (a day may be 23 or 25 hours long).
    """
    if moment.tzinfo is None:
        raise ValueError("day_window needs an aware datetime")
    start = moment.replace(hour=0, minute=0, second=0, microsecond=0, fold=0)
    next_day = (start + timedelta(days=1, hours=12)).replace(hour=0)
    return start, next_day
