"""Micro-pauses and the peak day, moved by a fake clock: when one is due, skipped
silently and never piling up, and a peak day's breaks turned into them with one real
break kept in each half of the shift."""

from __future__ import annotations

from datetime import time, timedelta

from companion.core import away, breaks, micro, roster
from companion.core.breaks import Kind, Phase, Rules
from companion.core.shift import Shift
from tests.unit.test_breaks import Run

MICRO = Rules(micro_every=timedelta(minutes=20))
SHIFT = Shift(time(9, 0), time(18, 0))


def due(run: Run) -> str | None:
    return micro.micro_due(run.state, run.rules, run.moment())


def pause(run: Run, shown: bool = True) -> list[Kind]:
    return run.do(micro.micro_pause, shown)


def test_off_by_default() -> None:
    run = Run()
    run.advance(minutes=45)
    assert due(run) is None
    assert micro.micro_next(run.state, run.rules, run.moment()) is None


def test_due_every_interval_of_work_and_recorded_when_shown() -> None:
    run = Run(MICRO)
    run.advance(minutes=19, seconds=59)
    assert due(run) is None
    run.advance(seconds=1)
    assert due(run) == micro.PAUSE
    assert pause(run) == [Kind.MICRO]
    assert run.last(Kind.MICRO).fields == {"seconds": 20, "peak": False}
    assert due(run) is None
    run.advance(minutes=20)
    assert due(run) == micro.PAUSE
    assert run.phase == Phase.WORKING  # never a break of its own


def test_skipped_silently_and_never_piling_up() -> None:
    run = Run(MICRO)
    run.advance(minutes=20)
    assert pause(run, shown=False) == []  # the person was typing
    assert due(run) is None
    run.advance(minutes=19)
    assert due(run) is None  # a full interval after the skip, not at once
    run.advance(minutes=1)
    assert due(run) == micro.PAUSE


def test_do_not_disturb_skips_it_silently() -> None:
    run = Run(MICRO)
    run.do(breaks.set_dnd, run.clock.now() + timedelta(hours=1))
    run.advance(minutes=20)
    assert due(run) == micro.PAUSE
    assert pause(run, shown=True) == []  # held back, and no event
    run.advance(minutes=20)
    assert pause(run) == []
    run.advance(minutes=25)  # do-not-disturb is over
    assert due(run) == micro.PAUSE
    assert pause(run) == [Kind.MICRO]


def test_not_while_a_break_is_coming_or_due_or_nobody_is_there() -> None:
    run = Run(Rules(micro_every=timedelta(minutes=20), every=timedelta(minutes=61)))
    run.advance(minutes=59)  # heads-up at 59 min
    assert run.phase == Phase.HEADS_UP
    assert due(run) == micro.PAUSE  # its time came...
    assert pause(run, shown=True) == []  # ...but a break is about to come: skipped
    run.advance(minutes=2)
    assert run.phase == Phase.DUE and due(run) is None
    run.do(breaks.start_break)
    run.advance(minutes=10)
    run.clock.advance(minutes=20)
    run.do(away.desktop, 600.0, False)
    assert due(run) is None  # away: nobody to pause


def test_a_break_starts_the_count_again() -> None:
    run = Run(MICRO)
    run.advance(minutes=15)
    run.do(breaks.start_break)
    run.advance(minutes=10)
    run.advance(minutes=19)
    assert due(run) is None
    run.advance(minutes=1)
    assert due(run) == micro.PAUSE


def test_the_timer_knows_when_the_next_one_is() -> None:
    run = Run(MICRO)
    run.advance(minutes=5)
    when = micro.micro_next(run.state, run.rules, run.moment())
    assert when == run.moment().utc + timedelta(minutes=15)


# -- the peak day ----------------------------------------------------------------------
def shift_run() -> Run:
    return Run(Rules(shift=SHIFT, every=timedelta(hours=2)))


def test_the_peak_switch_is_for_today_only() -> None:
    run = shift_run()
    assert run.do(micro.set_peak, True) == [Kind.PEAK_ON]
    assert run.do(micro.set_peak, True) == []
    assert run.last(Kind.PEAK_ON).fields == {"day": "2026-11-23"}
    run.clock.advance(hours=24)  # the next morning
    run.step()
    assert not roster.peak_today(run.state, run.rules, run.clock.now())


def test_peak_day_keeps_one_real_break_in_each_half_of_the_shift() -> None:
    """9:00-18:00: halves 9:00-13:30 and 13:30-18:00. Breaks would come at 11, 13, 15
    and 17; on a peak day 11 and 15 stay real, 13 and 17 are micro-pauses."""
    run = shift_run()
    run.do(micro.set_peak, True)
    run.advance(hours=1, minutes=58)
    assert run.phase == Phase.HEADS_UP  # 10:58: the first half's real break is coming
    run.advance(minutes=2)
    assert run.phase == Phase.DUE
    run.do(breaks.start_break)
    run.advance(minutes=10)  # back at 11:10; the next would be 13:10
    assert run.advance(hours=2) == []  # no heads-up, no break...
    assert run.phase == Phase.WORKING
    assert due(run) == micro.PEAK  # ...a micro-pause instead
    assert pause(run) == [Kind.MICRO]
    assert run.last(Kind.MICRO).fields["peak"] is True
    assert run.left() == 7200  # the next comes two hours on: 15:10, second half
    run.advance(hours=1, minutes=58)
    assert run.phase == Phase.HEADS_UP  # the second half's real break
    run.advance(minutes=2)
    run.do(breaks.start_break)
    run.advance(minutes=10)
    run.advance(hours=2)  # 17:20: the second half has had its real break
    assert run.phase == Phase.WORKING and due(run) == micro.PEAK


def test_a_peak_day_without_shift_hours_keeps_a_real_break_every_four_hours() -> None:
    run = Run()
    run.do(micro.set_peak, True)
    run.advance(hours=2)
    assert run.phase == Phase.DUE  # none yet: real
    run.do(breaks.start_break)
    run.advance(minutes=10)
    run.advance(hours=2)
    assert due(run) == micro.PEAK
    pause(run)
    run.advance(hours=2)
    assert run.phase == Phase.DUE  # four hours since the last real one


def test_turning_the_peak_day_off_brings_the_breaks_back() -> None:
    run = Run()
    run.do(micro.set_peak, True)
    run.advance(hours=2)
    run.do(breaks.start_break)
    run.advance(minutes=10)
    run.advance(hours=2)
    assert due(run) == micro.PEAK
    assert run.do(micro.set_peak, False) == [Kind.PEAK_OFF, Kind.DUE]
    assert run.phase == Phase.DUE
