"""Shift hours: when reminders may come, in local wall time.

A shift has a start and an end time of day and the weekdays it starts on (0 = Monday).
An end at or before the start is an overnight shift: 22:00-06:00 belongs to the day it
starts on. Instants are compared in UTC, because two datetimes in one ZoneInfo zone
subtract and compare as wall time, which is wrong across a DST change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple

WEEKDAYS = (0, 1, 2, 3, 4, 5, 6)


class Shift(NamedTuple):  # (a dataclass costs a millisecond of every start to define)
    start: time
    end: time
    days: tuple[int, ...] = (0, 1, 2, 3, 4)

    @property
    def overnight(self) -> bool:
        return self.end <= self.start

    def _window_from(self, day: date, tz: object) -> tuple[datetime, datetime]:
        start = datetime.combine(day, self.start, tzinfo=tz)  # type: ignore[arg-type]
        end_day = day + timedelta(days=1) if self.overnight else day
        end = datetime.combine(end_day, self.end, tzinfo=tz)  # type: ignore[arg-type]
        return start.astimezone(UTC), end.astimezone(UTC)

    def windows_near(self, moment: datetime) -> list[tuple[datetime, datetime]]:
        """Shift windows (UTC) that start from the day before ``moment`` to two days after."""
        if moment.tzinfo is None:
            raise ValueError("shift hours need an aware datetime")
        local_day = moment.date()
        windows = []
        for offset in (-1, 0, 1, 2):
            day = local_day + timedelta(days=offset)
            if day.weekday() in self.days:
                windows.append(self._window_from(day, moment.tzinfo))
        return windows

    def window(self, moment: datetime) -> tuple[datetime, datetime] | None:
        """The shift ``moment`` falls in, as UTC instants, or None outside shift hours."""
        now = moment.astimezone(UTC)
        for start, end in self.windows_near(moment):
            if start <= now < end:
                return start, end
        return None

    def contains(self, moment: datetime) -> bool:
        return self.window(moment) is not None

    def next_change(self, moment: datetime) -> datetime | None:
        """The next start or end of a shift after ``moment`` (UTC), within two days."""
        now = moment.astimezone(UTC)
        edges = [edge for window in self.windows_near(moment) for edge in window if edge > now]
        return min(edges) if edges else None


def parse_clock_time(text: str) -> time:
    """ "09:00" or "9:30" -> time; ValueError on anything else."""
    if not isinstance(text, str):
        raise ValueError("a time of day is text such as 09:00")
    hours, sep, minutes = text.strip().partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        raise ValueError(f"cannot read {text!r} as a time of day")
    return time(int(hours), int(minutes))  # raises ValueError when out of range


def format_clock_time(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_days(text: str) -> tuple[int, ...]:
    """ "mon-fri", "mon,wed,fri", "sun-thu" or "every day" -> weekday numbers."""
    if not isinstance(text, str):
        raise ValueError("days are text such as mon-fri")
    cleaned = text.strip().lower().replace(" ", "")
    if cleaned in ("everyday", "daily", "all"):
        return WEEKDAYS
    days: set[int] = set()
    for part in filter(None, cleaned.split(",")):
        first, dash, last = part.partition("-")
        if first not in DAY_NAMES or (dash and last not in DAY_NAMES):
            raise ValueError(f"cannot read {text!r} as days of the week")
        a = DAY_NAMES.index(first)
        b = DAY_NAMES.index(last) if dash else a
        span = (b - a) % 7
        days.update((a + i) % 7 for i in range(span + 1))
    if not days:
        raise ValueError("at least one day is needed")
    return tuple(sorted(days))


def format_days(days: tuple[int, ...]) -> str:
    """The inverse of parse_days, as short as it can be: (0..4) -> "mon-fri"."""
    chosen = sorted(set(days))
    if chosen == list(WEEKDAYS):
        return "every day"
    # A run that may wrap past Sunday (sun-thu) is written as one range.
    for first in chosen:
        run = [(first + i) % 7 for i in range(len(chosen))]
        if sorted(run) == chosen and len(chosen) > 2:
            return f"{DAY_NAMES[run[0]]}-{DAY_NAMES[run[-1]]}"
    return ",".join(DAY_NAMES[d] for d in chosen)
