"""The user's week, the breaks a shift plans for, and when the weekly summary is due."""

from __future__ import annotations

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion.core.shift import Shift, parse_days
from companion.core.weeks import (
    BreakPlan,
    Span,
    first_day_of_week,
    span_days,
    summary_due,
    week_of,
)

BERLIN = ZoneInfo("Europe/Berlin")
SHANGHAI = ZoneInfo("Asia/Shanghai")
EVERY, LENGTH = timedelta(hours=2), timedelta(minutes=10)


@pytest.mark.parametrize(
    ("days", "first"),
    [
        ("mon-fri", 0),
        ("every day", 0),
        ("tue-sat", 1),
        ("sun-thu", 6),
        ("mon,wed,fri", 0),  # the weekend is the longest rest
        ("wed-sun", 2),
        ("mon,tue,thu,fri", 0),  # rests of one day (wed) and two (sat-sun)
        ("mon-wed,fri-sat", 0),  # one day off twice (thu, sun): the start nearest Monday
    ],
)
def test_the_week_starts_after_the_longest_rest(days: str, first: int) -> None:
    assert first_day_of_week(parse_days(days)) == first


def test_week_and_month_spans() -> None:
    wednesday = date(2026, 11, 25)
    week = week_of(wednesday, 0)
    assert week[0] == date(2026, 11, 23) and week[-1] == date(2026, 11, 29)
    assert week_of(date(2026, 11, 29), 0) == week  # Sunday still belongs to it
    assert week_of(date(2026, 11, 22), 6)[0] == date(2026, 11, 22)  # a Sunday-first week
    month = span_days(Span.MONTH, wednesday, 0)
    assert len(month) == 30 and month[-1] == wednesday and month[0] == date(2026, 10, 27)


def plan(start: str, end: str, days: str = "mon-fri") -> BreakPlan:
    h1, m1 = map(int, start.split(":"))
    h2, m2 = map(int, end.split(":"))
    return BreakPlan(EVERY, LENGTH, Shift(time(h1, m1), time(h2, m2), parse_days(days)))


@pytest.mark.parametrize(
    ("start", "end", "planned"),
    [
        ("09:00", "18:00", 4),  # due at 2:00, 4:10, 6:20, 8:30 into the shift
        ("09:00", "17:00", 3),  # the 4th would be due at 8:30, after the end
        ("09:00", "11:00", 0),  # due exactly when the shift ends: not planned
        ("09:00", "11:01", 1),
        ("22:00", "06:00", 3),  # overnight, 8 hours
    ],
)
def test_breaks_planned_in_a_shift(start: str, end: str, planned: int) -> None:
    assert plan(start, end).planned_on(date(2026, 11, 24), SHANGHAI) == planned


def test_no_shift_hours_means_no_plan_and_days_off_plan_none() -> None:
    assert BreakPlan(EVERY, LENGTH, None).planned_on(date(2026, 11, 24), SHANGHAI) is None
    assert plan("09:00", "18:00").planned_on(date(2026, 11, 28), SHANGHAI) == 0  # Saturday


def test_a_night_shift_across_a_dst_change_is_measured_in_real_time() -> None:
    night = plan("22:00", "06:00", "every day")
    assert night.planned_on(date(2026, 10, 23), BERLIN) == 3  # 8 hours
    assert night.planned_on(date(2026, 10, 24), BERLIN) == 4  # 9 real hours: clocks go back
    shorter = BreakPlan(timedelta(minutes=110), LENGTH, night.shift)
    assert shorter.planned_on(date(2026, 3, 27), BERLIN) == 4  # 8 hours
    assert shorter.planned_on(date(2026, 3, 28), BERLIN) == 3  # 7 real hours: clocks go on


@pytest.mark.parametrize(
    ("today", "offered", "due"),
    [
        (date(2026, 11, 26), None, None),  # Thursday: the week goes on
        (date(2026, 11, 27), None, date(2026, 11, 23)),  # Friday: the last working day
        (date(2026, 11, 28), None, date(2026, 11, 23)),  # Saturday: still this week's
        (date(2026, 11, 28), date(2026, 11, 23), None),  # already offered this week
        (date(2026, 11, 27), date(2026, 11, 16), date(2026, 11, 23)),  # last week's
    ],
)
def test_summary_due_at_the_end_of_the_working_week(
    today: date, offered: date | None, due: date | None
) -> None:
    assert summary_due(today, parse_days("mon-fri"), offered) == due


def test_summary_for_other_weeks() -> None:
    assert summary_due(date(2026, 11, 26), parse_days("sun-thu"), None) == date(2026, 11, 22)
    assert summary_due(date(2026, 11, 28), parse_days("every day"), None) is None
    assert summary_due(date(2026, 11, 29), parse_days("every day"), None) == date(2026, 11, 23)
