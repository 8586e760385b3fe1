"""The user's week and day plan: where a week starts, which days a span holds, how many
breaks a day's shift plans for, and when the weekly summary is due.

Days are local calendar dates; a week is seven of them. Instants are turned into dates
in the user's zone (a ZoneInfo, so every day has its own offset across DST) and the
arithmetic is done on dates, never by adding 24-hour steps to a datetime.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from companion.core.shift import Shift

MONTH_DAYS = 30  # the longer span: the last 30 days, today included


class Span(enum.StrEnum):
    WEEK = "week"  # this week: its seven days, from the user's first working day
    MONTH = "month"  # the last MONTH_DAYS days, today included


def first_day_of_week(work_days: Sequence[int]) -> int:
    """The weekday (0 = Monday) a person's week starts on: the first working day after
    the longest run of days off. Monday-Friday starts on Monday, Tuesday-Saturday on
    Tuesday, Sunday-Thursday on Sunday; with no day off (or no days at all) it is
    Monday. Of two equally long runs of days off, the one that starts the week nearest
    to Monday wins."""
    days = set(work_days)
    if not days or len(days) == 7:
        return 0
    best: tuple[int, int] | None = None  # (length of the run off, -distance to Monday)
    start = 0
    for first in range(7):
        if first not in days or (first - 1) % 7 in days:
            continue  # not the first working day after a run of days off
        run = 0
        while (first - 1 - run) % 7 not in days:
            run += 1
        rank = (run, -first)
        if best is None or rank > best:
            best, start = rank, first
    return start


def week_of(today: date, first_weekday: int) -> tuple[date, ...]:
    """The seven dates of the week that holds ``today``."""
    start = today - timedelta(days=(today.weekday() - first_weekday) % 7)
    return tuple(start + timedelta(days=n) for n in range(7))


def span_days(span: Span, today: date, first_weekday: int) -> tuple[date, ...]:
    if span == Span.WEEK:
        return week_of(today, first_weekday)
    return tuple(today - timedelta(days=n) for n in range(MONTH_DAYS - 1, -1, -1))


def local_day(moment: datetime, tz: tzinfo) -> date:
    return moment.astimezone(tz).date()


@dataclass(frozen=True)
class BreakPlan:
    """What the settings plan for: a break every ``every`` of work, ``length`` long,
    within shift hours. Without shift hours there is no working day to plan in."""

    every: timedelta
    length: timedelta
    shift: Shift | None

    def planned_on(self, day: date, tz: tzinfo) -> int | None:
        """Breaks the settings plan for ``day``; None when that can't be known.

        The rule: the k-th break falls due after k × ``every`` of work and k - 1 breaks
        of ``length``; it is planned if that moment comes before the shift ends. A 9-hour
        shift with a break every 2 hours (10 minutes long) plans 4 (due at 2:00, 4:10,
        6:20, 8:30 into the shift); an 8-hour one plans 3. A day that is not a shift day
        plans none. The shift's length is measured in real time, so a shift across a DST
        change is an hour shorter or longer. Today's settings are used for every day.
        """
        if self.shift is None:
            return None
        if day.weekday() not in self.shift.days:
            return 0
        start = datetime.combine(day, self.shift.start, tzinfo=tz)
        end_day = day + timedelta(days=1) if self.shift.overnight else day
        end = datetime.combine(end_day, self.shift.end, tzinfo=tz)
        shift_seconds = int((end.astimezone(UTC) - start.astimezone(UTC)).total_seconds())
        cycle = int((self.every + self.length).total_seconds())
        if cycle <= 0 or shift_seconds <= 0:
            return 0
        length = int(self.length.total_seconds())
        # the largest k with k*every + (k-1)*length < shift, i.e. k*cycle < shift + length
        return max(0, -(-(shift_seconds + length) // cycle) - 1)


def last_working_day(first_weekday: int, work_days: Sequence[int]) -> int:
    """The weekday of the last working day in a week that starts on ``first_weekday``
    (the last day of the week when no working days are known)."""
    order = [(first_weekday + n) % 7 for n in range(7)]
    working = [d for d in order if d in set(work_days)]
    return working[-1] if working else order[-1]


def summary_due(today: date, work_days: Sequence[int], offered_week: date | None) -> date | None:
    """Should an end-of-day reflection written ``today`` be followed by the weekly
    summary? It is the week's last reflection when written on the week's last working
    day, or on a day off after it (a reflection written at the weekend still counts).
    Once a week: returns the first day of the week to remember as offered, or None.
    """
    first = first_day_of_week(work_days)
    week = week_of(today, first)
    last = last_working_day(first, work_days)
    position = [d.weekday() for d in week].index(last)
    if week[0] == offered_week or today < week[position]:
        return None
    return week[0]
