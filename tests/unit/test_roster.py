"""The roster, moved by a fake clock: fixed breaks (a lunch, a huddle) hold the rhythm
and a lunch starts a new work period; a break due just before lunch waits for it."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from companion.core import break_saved, breaks, roster
from companion.core.breaks import Kind, Phase, Rules
from companion.core.roster import FixedBreak
from companion.core.shift import Shift
from tests.unit.test_breaks import Run

LUNCH = FixedBreak("Lunch", time(12, 0), time(13, 0))
HUDDLE = FixedBreak("Huddle", time(10, 0), time(10, 15), days=(0,), rest=False)


def test_lunch_holds_the_rhythm_and_starts_a_new_work_period() -> None:
    run = Run(Rules(fixed=(LUNCH,), every=timedelta(hours=4)))  # start 9:00
    assert run.advance(hours=2, minutes=59) == []
    assert run.advance(minutes=1) == [Kind.FIXED_START]
    assert run.last(Kind.FIXED_START).fields["name"] == "Lunch"
    assert run.phase == Phase.FIXED
    assert breaks.deadline(run.state, run.rules) is None  # nothing counts down
    assert run.advance(minutes=59) == []
    assert run.advance(minutes=1) == [Kind.FIXED_END]
    assert run.phase == Phase.WORKING and run.left() == 4 * 3600  # from 13:00
    assert run.state.last_break is not None


def test_a_break_due_just_before_lunch_waits_for_it() -> None:
    """9:40 + 2 h = 11:40, twenty minutes before lunch: no break at 11:40."""
    run = Run(Rules(fixed=(LUNCH,)))
    run.advance(minutes=40)
    run.do(breaks.start_break)
    run.advance(minutes=10)  # back at 9:50: the next would be 11:50
    assert run.advance(hours=2, minutes=9) == []
    assert run.phase == Phase.WORKING
    assert run.advance(minutes=1) == [Kind.FIXED_START]


def test_a_break_well_before_lunch_still_comes() -> None:
    run = Run(Rules(fixed=(LUNCH,)))  # due at 11:00: an hour before lunch
    assert Kind.DUE in run.advance(hours=2)


def test_a_huddle_holds_reminders_but_is_not_a_break() -> None:
    run = Run(Rules(fixed=(HUDDLE,), every=timedelta(minutes=70)))  # Monday 9:00, due 10:10
    assert run.advance(minutes=60) == [Kind.FIXED_START]
    assert run.phase == Phase.FIXED
    assert run.advance(minutes=14) == []  # 10:14: the break's time passed in the huddle
    assert run.advance(minutes=1) == [Kind.FIXED_END, Kind.DUE]  # asked right after
    assert run.last(Kind.FIXED_END).fields == {"name": "Huddle", "rest": False}
    assert run.state.last_break is None


def test_fixed_breaks_keep_to_their_days() -> None:
    run = Run(Rules(fixed=(HUDDLE,)), start=Run().clock.now() + timedelta(days=1))  # Tuesday
    assert Kind.FIXED_START not in run.advance(hours=1, minutes=30)


def test_fixed_breaks_only_inside_shift_hours() -> None:
    evening = FixedBreak("Dinner", time(19, 0), time(19, 30))
    run = Run(Rules(fixed=(evening,), shift=Shift(time(9, 0), time(18, 0))))
    run.advance(hours=10, minutes=15)
    assert Kind.FIXED_START not in [e.kind for e in run.events]
    assert run.phase == Phase.OFF


def test_the_timer_wakes_for_a_fixed_break() -> None:
    run = Run(Rules(fixed=(LUNCH,), every=timedelta(hours=8)))
    run.advance(hours=2)
    when = breaks.next_change(run.state, run.rules, run.moment())
    assert when == run.moment().utc + timedelta(hours=1)


def test_a_fixed_break_is_kept_across_a_restart() -> None:
    run = Run(Rules(fixed=(HUDDLE,)))
    run.advance(hours=1, minutes=5)
    saved = break_saved.from_dict(break_saved.to_dict(run.state))
    assert saved is not None
    assert (saved.phase, saved.fixed_name, saved.fixed_rest) == (Phase.FIXED, "Huddle", False)


@pytest.mark.parametrize(
    ("last_break", "hour", "real"),
    [
        (None, 11, True),  # nothing yet this half
        (time(11, 0), 13, False),  # the first half (9:00-13:30) had its break
        (time(11, 0), 15, True),  # a new half
        (time(14, 0), 17, False),
    ],
)
def test_one_real_break_in_each_half_of_the_shift(
    last_break: time | None, hour: int, real: bool
) -> None:
    now = Run().clock.now()
    shift = Shift(time(9, 0), time(18, 0))

    def at(clock: time) -> roster.datetime:
        return now.replace(hour=clock.hour, minute=clock.minute).astimezone(roster.UTC)

    last = at(last_break) if last_break else None
    assert roster.needs_real_break(shift, last, at(time(hour, 0)), now) is real


def test_an_overnight_shift_belongs_to_the_evening_it_starts() -> None:
    shift = Shift(time(22, 0), time(6, 0), days=(0, 1, 2, 3, 4, 5, 6))
    late = Run().clock.now().replace(hour=2)
    assert roster.working_day(shift, late) == date(2026, 11, 22)
