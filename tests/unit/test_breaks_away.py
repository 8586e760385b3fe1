"""Away from the keyboard, as the desktop tells it, with a fake clock: idle time or a
locked screen pauses the work clock, a long absence is a natural break, and coming back
during a break ends it kindly."""

from __future__ import annotations

from datetime import timedelta

from companion.core import away, break_saved, breaks
from companion.core.breaks import Kind, Phase, Rules
from tests.unit.test_breaks import Run


def read(run: Run, idle: float | None, locked: bool | None = False) -> list[Kind]:
    return run.do(away.desktop, idle, locked)


def leave(run: Run, minutes: float) -> None:
    """Nobody touches the desktop for ``minutes``; the app reads it every 30 s."""
    seconds = 0.0
    while seconds < minutes * 60:
        run.clock.advance(30)
        seconds += 30
        read(run, seconds)


def test_a_short_absence_pauses_the_work_clock() -> None:
    run = Run()
    run.advance(hours=1)
    assert run.left() == 3600
    leave(run, 5)  # reading a long ticket on paper, or a word with a colleague
    assert run.state.away_since is not None and run.state.away_cause == "idle"
    assert run.left() == 3300  # counted down while away...
    assert read(run, 2.0) == []  # ...back: the five minutes were not work
    assert run.state.away_since is None
    assert run.left() == 3600 - 2  # the last input was 2 s ago: back since then
    assert run.phase == Phase.WORKING


def test_idle_below_the_threshold_is_not_away() -> None:
    run = Run(Rules(away_after=timedelta(minutes=3)))
    run.clock.advance(170)
    assert read(run, 170) == []
    assert run.state.away_since is None


def test_away_for_a_break_length_is_a_natural_break() -> None:
    run = Run()
    run.advance(hours=1)
    leave(run, 12)
    assert read(run, 1.0) == [Kind.NATURAL]
    event = run.last(Kind.NATURAL)
    assert event.fields["cause"] == "idle"
    assert event.fields["seconds"] == 12 * 60 - 1
    assert run.phase == Phase.WORKING and run.left() == 7200 - 1  # a full interval from "back"
    assert run.state.last_break == run.state.rested - timedelta(seconds=12 * 60 - 1)


def test_a_locked_screen_is_away_at_once_and_says_so() -> None:
    run = Run()
    run.advance(minutes=30)
    assert read(run, 4.0, locked=True) == []
    assert run.state.away_cause == "locked"
    run.advance(minutes=15)
    assert read(run, 0.5, locked=False) == [Kind.NATURAL]
    assert run.last(Kind.NATURAL).fields["cause"] == "locked"


def test_no_reminder_comes_while_nobody_is_there() -> None:
    run = Run()
    run.advance(hours=1, minutes=50)
    leave(run, 5)
    assert run.advance(minutes=3) == []  # the break would have been due now
    assert run.phase == Phase.WORKING
    read(run, 0.0)  # back after 8 min: the clock stood still, 10 min of work left
    assert run.left() == 600
    assert run.advance(minutes=8) == [Kind.HEADS_UP]


def test_the_natural_break_threshold_is_a_setting() -> None:
    run = Run(Rules(natural=timedelta(minutes=5)))
    leave(run, 6)
    assert read(run, 0.0) == [Kind.NATURAL]


def test_coming_back_during_a_due_break_ends_it_kindly() -> None:
    """The break came due, the person was already gone: back after long enough, the
    break screen's question is answered by the time away."""
    run = Run()
    run.advance(hours=2)
    assert run.phase == Phase.DUE
    leave(run, 11)
    assert read(run, 3.0) == [Kind.NATURAL]
    assert run.phase == Phase.WORKING


def test_coming_back_during_a_break_under_way_ends_it() -> None:
    run = Run()
    run.advance(minutes=40)
    run.do(breaks.start_break)
    run.clock.advance(60)
    read(run, 0.0)  # still at the desk a minute in
    leave(run, 4)  # then off to the window
    assert run.phase == Phase.ON_BREAK
    kinds = read(run, 1.0)
    assert kinds == [Kind.ENDED]
    ended = run.last(Kind.ENDED)
    assert ended.fields["back"] is True and ended.fields["completed"] is False
    assert run.phase == Phase.WORKING and run.state.away_since is None


def test_rest_is_never_counted_twice() -> None:
    """Away through a whole break and beyond: only the time after the break counts."""
    run = Run()
    run.advance(minutes=40)
    run.do(breaks.start_break)
    leave(run, 14)  # the break ends (10 min), and 4 more minutes away
    assert [e.kind for e in run.events].count(Kind.ENDED) == 1
    assert read(run, 0.0) == []  # 4 min: a pause, not another natural break
    assert run.left() == 7200


def test_the_desktop_not_telling_changes_nothing() -> None:
    run = Run()
    run.advance(minutes=10)
    before = run.state
    assert read(run, None, None) == []
    assert run.state == before


def test_off_shift_nobody_is_counted_away() -> None:
    from datetime import time

    from companion.core.shift import Shift

    run = Run(Rules(shift=Shift(time(10, 0), time(18, 0))))
    assert run.phase == Phase.OFF
    assert read(run, 900.0) == []
    assert run.state.away_since is None


def test_a_sleep_while_away_is_counted_once() -> None:
    run = Run()
    run.advance(hours=1)
    leave(run, 4)
    run.clock.suspend(hours=1)  # the machine suspends with the screen locked
    kinds = run.step()
    assert kinds == [Kind.NATURAL]
    assert run.state.away_since is None
    assert read(run, 3700.0, locked=True) == []  # X11 counts its idle time across it
    assert read(run, 0.0) == []  # back: the hour was already the break


def test_away_is_kept_across_a_restart() -> None:
    run = Run()
    leave(run, 4)
    saved = break_saved.from_dict(break_saved.to_dict(run.state))
    assert saved is not None
    assert (saved.away_since, saved.away_cause) == (run.state.away_since, "idle")
