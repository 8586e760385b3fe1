"""The break rhythm's state machine, moved by a fake clock: every transition."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion.core import break_saved, breaks
from companion.core.breaks import Kind, Moment, Outcome, Phase, Rules
from companion.core.shift import Shift
from companion.system.clock import FakeClock

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=SHANGHAI)


class Run:
    """A clock, rules and the state, with every event seen so far."""

    def __init__(self, rules: Rules | None = None, start: datetime = MONDAY_9) -> None:
        self.rules = rules or Rules()
        self.clock = FakeClock(start)
        self.state = breaks.fresh(self.rules, self.moment())
        self.events: list[breaks.Event] = []

    def moment(self) -> Moment:
        return Moment.of(self.clock)

    def apply(self, outcome: Outcome) -> list[Kind]:
        self.state = outcome.state
        self.events.extend(outcome.events)
        return [e.kind for e in outcome.events]

    def step(self) -> list[Kind]:
        return self.apply(breaks.step(self.state, self.rules, self.moment()))

    def do(self, intent: Callable[..., Outcome], *args: object) -> list[Kind]:
        return self.apply(intent(self.state, self.rules, self.moment(), *args))

    def advance(self, **delta: float) -> list[Kind]:
        """Awake time passes; the app looks at least once a minute, as it does."""
        left = timedelta(**delta).total_seconds()
        kinds: list[Kind] = []
        while left > 0:
            self.clock.advance(min(left, breaks.LOOKS_EVERY))
            left -= breaks.LOOKS_EVERY
            kinds += self.step()
        return kinds or self.step()

    @property
    def phase(self) -> Phase:
        return self.state.phase

    def left(self) -> float:
        deadline = breaks.deadline(self.state, self.rules)
        assert deadline is not None
        return (deadline - self.moment().utc).total_seconds()

    def last(self, kind: Kind) -> breaks.Event:
        return [e for e in self.events if e.kind == kind][-1]


def due_now() -> Run:
    run = Run()
    run.advance(hours=2)
    assert run.phase == Phase.DUE
    return run


# -- working -> heads-up -> due -> on break -> back to work ------------------------------
def test_heads_up_then_due_on_time() -> None:
    run = Run()
    assert run.phase == Phase.WORKING and run.left() == 7200
    assert run.advance(hours=1, minutes=57, seconds=59) == []
    assert run.advance(seconds=1) == [Kind.HEADS_UP]
    assert run.phase == Phase.HEADS_UP and run.left() == 120
    assert run.advance(minutes=1, seconds=59) == []
    assert run.advance(seconds=1) == [Kind.DUE]
    assert run.phase == Phase.DUE


def test_a_look_late_after_the_due_time_is_due_at_once() -> None:
    """The app's timer fired late (a busy machine), by less than a break: the wall clock
    says due, and no stale heads-up comes first."""
    run = Run()
    run.advance(hours=1, minutes=57)
    run.clock.advance(minutes=5)  # no look for five minutes
    assert run.step() == [Kind.DUE]


def test_a_break_counts_down_and_ends_back_at_work() -> None:
    run = due_now()
    assert run.do(breaks.start_break) == [Kind.STARTED]
    assert run.last(Kind.STARTED).fields == {"early": False, "from": "due", "postpones": 0}
    assert run.phase == Phase.ON_BREAK and run.left() == 600
    assert run.advance(minutes=9, seconds=59) == []
    assert run.advance(seconds=1) == [Kind.ENDED]
    assert run.last(Kind.ENDED).fields == {"completed": True, "seconds": 600, "counted": True}
    assert run.phase == Phase.WORKING and run.left() == 7200  # two hours from the break's end


def test_im_back_ends_a_break_early_and_half_a_break_counts() -> None:
    run = due_now()
    run.do(breaks.start_break)
    run.advance(minutes=5)
    assert run.do(breaks.end_break) == [Kind.ENDED]
    assert run.last(Kind.ENDED).fields == {"completed": False, "seconds": 300, "counted": True}
    assert run.phase == Phase.WORKING and run.left() == 7200
    assert run.state.rested == run.moment().utc


def test_a_break_cut_short_is_kept_as_that_and_asked_again_later() -> None:
    """Three seconds of a break, then a customer: no rest was had, so it does not count,
    and the break comes back after a postponement's length (never at once)."""
    run = due_now()
    rested = run.state.rested
    run.do(breaks.start_break)
    run.advance(seconds=3)
    assert run.do(breaks.end_break) == [Kind.ENDED]
    assert run.last(Kind.ENDED).fields == {"completed": False, "seconds": 3, "counted": False}
    assert run.phase == Phase.POSTPONED and run.left() == 300
    assert run.state.rested == rested  # "since your last break" still counts from then
    assert run.advance(minutes=5) == [Kind.DUE]
    assert run.state.postpones == 0  # its postponements start afresh


def test_an_early_break_cut_short_leaves_the_rhythm_where_it_was() -> None:
    run = Run()
    run.advance(minutes=30)
    run.do(breaks.start_break)
    run.advance(minutes=1)
    run.do(breaks.end_break)
    assert run.last(Kind.ENDED).fields["counted"] is False
    assert run.phase == Phase.WORKING
    assert run.left() == 7200 - 31 * 60  # still due two hours after the last rest


@pytest.mark.parametrize(
    ("length", "seconds", "counts"),
    [(600, 299, False), (600, 300, True), (1200, 599, False), (60, 30, True)],
)
def test_a_break_counts_from_half_its_length(length: int, seconds: int, counts: bool) -> None:
    rules = Rules(length=timedelta(seconds=length))
    assert breaks.counts_as_taken(seconds, rules) is counts


def test_im_back_when_not_on_a_break_changes_nothing() -> None:
    run = Run()
    before = run.state
    assert run.do(breaks.end_break) == []
    assert run.state == before


def test_an_early_break_can_start_at_any_time() -> None:
    run = Run()
    run.advance(minutes=30)
    assert run.do(breaks.start_break) == [Kind.STARTED]
    assert run.last(Kind.STARTED).fields["early"] is True
    run.advance(minutes=10)
    assert run.phase == Phase.WORKING and run.left() == 7200


def test_starting_twice_is_one_break() -> None:
    run = due_now()
    run.do(breaks.start_break)
    assert run.do(breaks.start_break) == []


# -- postpone, after this chat, skip ----------------------------------------------------------
def test_postpone_reminds_again_and_stops_after_the_limit() -> None:
    run = due_now()
    for count in (1, 2, 3):
        assert breaks.can_postpone(run.state, run.rules)
        assert run.do(breaks.postpone) == [Kind.POSTPONED]
        assert run.last(Kind.POSTPONED).fields == {"count": count}
        assert run.phase == Phase.POSTPONED and run.left() == 300
        assert run.advance(minutes=4, seconds=59) == []
        assert run.advance(seconds=1) == [Kind.DUE]
        assert run.last(Kind.DUE).fields["again"] is True
    assert breaks.postpones_left(run.state, run.rules) == 0
    assert not breaks.can_postpone(run.state, run.rules)
    before = run.state
    assert run.do(breaks.postpone) == []  # past the limit nothing moves: it stays visible
    assert run.state == before and run.phase == Phase.DUE
    assert run.advance(minutes=30) == []  # ... and is never forced
    assert run.phase == Phase.DUE
    assert run.do(breaks.skip) == [Kind.SKIPPED]  # skipping is always there


def test_the_postpone_limit_is_a_setting() -> None:
    run = Run(Rules(max_postpones=1, postpone=timedelta(minutes=2)))
    run.advance(hours=2)
    run.do(breaks.postpone)
    assert run.left() == 120
    run.advance(minutes=2)
    assert not breaks.can_postpone(run.state, run.rules)


def test_postponements_start_again_for_the_next_break() -> None:
    run = due_now()
    run.do(breaks.postpone)
    run.advance(minutes=5)
    run.do(breaks.start_break)
    assert run.last(Kind.STARTED).fields["postpones"] == 1
    run.advance(minutes=10)
    run.advance(hours=2)
    assert run.phase == Phase.DUE and breaks.postpones_left(run.state, run.rules) == 3


def test_after_this_chat_waits_for_a_key() -> None:
    run = due_now()
    assert run.do(breaks.after_chat) == [Kind.AFTER_CHAT]
    assert run.phase == Phase.AFTER_CHAT
    assert run.advance(minutes=6) == []
    assert run.do(breaks.start_break) == [Kind.STARTED]  # the key: the chat is done
    assert run.last(Kind.STARTED).fields == {"early": False, "from": "after_chat", "postpones": 0}


def test_after_this_chat_asks_again_after_at_most_15_minutes() -> None:
    run = due_now()
    run.do(breaks.after_chat)
    assert run.left() == 900
    assert run.advance(minutes=14, seconds=59) == []
    assert run.advance(seconds=1) == [Kind.DUE]
    assert run.do(breaks.after_chat) == [Kind.AFTER_CHAT]  # a long chat may need it twice


def test_after_this_chat_does_not_use_up_postponements() -> None:
    run = due_now()
    run.do(breaks.after_chat)
    run.advance(minutes=15)
    assert breaks.postpones_left(run.state, run.rules) == 3


def test_skip_is_recorded_and_the_next_break_is_a_full_interval_away() -> None:
    run = due_now()
    run.do(breaks.postpone)
    run.advance(minutes=5)
    assert run.do(breaks.skip) == [Kind.SKIPPED]
    assert run.last(Kind.SKIPPED).fields == {"from": "due", "postpones": 1}
    assert run.phase == Phase.WORKING and run.left() == 7200


def rested(run: Run) -> datetime:
    return run.state.rested.astimezone(SHANGHAI)


def test_only_a_rest_moves_the_time_of_the_last_break() -> None:
    """A skip starts a new interval but is no break: "since your last break" stays true."""
    run = due_now()
    run.do(breaks.skip)
    assert rested(run) == MONDAY_9  # (the start of the day)
    run.advance(hours=2)
    run.do(breaks.start_break)
    assert rested(run) == MONDAY_9  # only once it is over
    run.advance(minutes=10)
    assert rested(run) == MONDAY_9 + timedelta(hours=4, minutes=10)
    run.clock.suspend(minutes=30)
    run.step()  # time away is a rest too
    assert rested(run) == MONDAY_9 + timedelta(hours=4, minutes=40)


def test_a_short_sleep_moves_the_last_break_with_the_deadlines() -> None:
    run = Run()
    run.advance(hours=1)
    run.clock.suspend(minutes=5)
    run.step()
    assert rested(run) == MONDAY_9 + timedelta(minutes=5)  # an hour of work, as "since"


def test_the_start_of_the_shift_is_a_fresh_start() -> None:
    run = Run(Rules(shift=OFFICE), start=datetime(2026, 11, 23, 8, 0, tzinfo=SHANGHAI))
    run.advance(hours=1)
    assert rested(run) == MONDAY_9


def test_the_last_break_is_kept_between_runs_and_old_states_still_read() -> None:
    run = due_now()
    run.do(breaks.skip)
    data = break_saved.to_dict(run.state)
    restored = break_saved.from_dict(data)
    assert restored is not None and restored.rested == MONDAY_9.astimezone(UTC)
    del data["rested"]  # saved by a version that did not keep it
    older = break_saved.from_dict(data)
    assert older is not None and older.rested == older.since


def test_skip_or_after_chat_while_working_changes_nothing() -> None:
    run = Run()
    assert run.do(breaks.skip) == [] and run.do(breaks.after_chat) == []
    assert run.do(breaks.postpone) == []
    assert run.phase == Phase.WORKING


# -- time away: suspend, app closed, clock changes ---------------------------------------------
def test_a_suspend_longer_than_a_break_is_a_natural_break() -> None:
    run = Run()
    run.advance(minutes=70)
    run.clock.suspend(minutes=25)
    assert run.step() == [Kind.NATURAL]
    natural = run.last(Kind.NATURAL)
    assert natural.fields["seconds"] == 1500 and natural.fields["cause"] == "suspend"
    away = datetime.fromisoformat(natural.fields["away_since"])
    assert away == (MONDAY_9 + timedelta(minutes=70)).astimezone(UTC)
    assert run.phase == Phase.WORKING and run.left() == 7200


def test_a_natural_break_also_clears_a_waiting_reminder() -> None:
    run = due_now()
    run.do(breaks.postpone)
    run.clock.suspend(hours=1)
    assert run.step() == [Kind.NATURAL]
    assert run.phase == Phase.WORKING and breaks.postpones_left(run.state, run.rules) == 3


def test_a_short_suspend_is_not_counted_as_work() -> None:
    run = Run()
    run.advance(hours=1)
    run.clock.suspend(minutes=5)
    assert run.step() == []
    assert run.left() == 3600  # an hour of work still to go, five minutes later by the wall


def test_the_wall_clock_set_back_does_not_delay_the_break() -> None:
    run = Run()
    run.advance(minutes=30)
    run.clock.set_wall(run.clock.now() - timedelta(hours=1))
    assert run.step() == []
    assert run.left() == 5400
    assert run.advance(minutes=90) == [Kind.HEADS_UP, Kind.DUE]


def test_a_gap_between_looks_longer_than_a_break_is_time_away() -> None:
    """Windows (Python <= 3.12): the monotonic clock runs on through a suspend, so only
    the gap between two looks (the app looks at least once a minute) tells."""
    run = Run()
    run.advance(minutes=70)
    run.clock.advance(minutes=25)  # both clocks moved, and the app did not look
    assert run.step() == [Kind.NATURAL]
    natural = run.last(Kind.NATURAL)
    assert natural.fields["seconds"] == 1500 and natural.fields["cause"] == "suspend"
    assert run.phase == Phase.WORKING and run.left() == 7200


def test_ordinary_ticking_is_never_time_away() -> None:
    """Looks a minute apart (and a little late) for a whole day: no natural break."""
    run = Run(Rules(every=timedelta(hours=30), length=timedelta(seconds=20)))
    for _ in range(24 * 60):
        run.clock.advance(seconds=breaks.LOOKS_EVERY + 5)
        assert Kind.NATURAL not in run.step()
    assert run.phase == Phase.WORKING


def test_a_clock_change_is_not_a_gap_between_looks() -> None:
    """Set an hour ahead between two looks: the monotonic clock says a minute passed, so
    the gap rule stays out of it (the wall/monotonic rule alone decides, as before)."""
    run = Run(Rules(length=timedelta(hours=2)))
    run.advance(minutes=30)
    run.clock.advance(minutes=1)
    run.clock.set_wall(run.clock.now() + timedelta(hours=1))
    assert run.step() == []
    assert run.left() == 5340  # 31 min of work so far: the hour was not work


def test_sleep_during_a_break_is_part_of_the_break() -> None:
    run = due_now()
    run.do(breaks.start_break)
    run.clock.suspend(minutes=40)
    assert run.step() == [Kind.ENDED]  # not a natural break on top of it
    assert run.phase == Phase.WORKING


def test_time_away_is_reported_in_any_phase_for_the_shift_routine() -> None:
    """Asleep from after the shift into the next one: no shift start is announced, but
    the outcome says when the time away began (the energy station is offered on it)."""
    run = Run(Rules(shift=OFFICE), start=datetime(2026, 11, 23, 18, 10, tzinfo=SHANGHAI))
    assert run.phase == Phase.OFF
    run.clock.suspend(hours=15, minutes=10)  # 09:20 Tuesday
    outcome = breaks.step(run.state, run.rules, run.moment())
    assert [e.kind for e in outcome.events] == []  # nothing announced, nothing counted
    assert outcome.back_from == datetime(2026, 11, 23, 10, 10, tzinfo=UTC)
    assert outcome.state.phase == Phase.WORKING


def test_time_away_survives_the_intent_that_noticed_it() -> None:
    run = Run()
    run.clock.suspend(hours=14)
    outcome = breaks.start_break(run.state, run.rules, run.moment())
    assert outcome.back_from == MONDAY_9.astimezone(UTC)
    assert [e.kind for e in outcome.events] == [Kind.NATURAL, Kind.STARTED]


def test_no_time_away_for_a_short_sleep_or_a_restart() -> None:
    run = Run()
    run.clock.suspend(minutes=5)
    assert breaks.step(run.state, run.rules, run.moment()).back_from is None
    run.clock.advance(hours=14)
    closed = reopened(run)  # a launch has its own first-of-the-day rule
    assert breaks.step(closed.state, closed.rules, closed.moment()).back_from is None


def reopened(run: Run) -> Run:
    """The app was quit and started again: the saved state, read back."""
    restored = break_saved.from_dict(break_saved.to_dict(run.state))
    assert restored is not None and restored.seen_mono is None
    run.state = restored
    return run


def test_the_app_closed_longer_than_a_break_is_a_natural_break() -> None:
    run = Run()
    run.advance(minutes=50)
    run.clock.advance(minutes=30)  # the app is closed; the machine keeps running
    assert reopened(run).step() == [Kind.NATURAL]
    assert run.last(Kind.NATURAL).fields["cause"] == "closed"
    assert run.last(Kind.NATURAL).fields["seconds"] == 1800
    assert run.left() == 7200


def test_a_quick_restart_carries_on() -> None:
    run = Run()
    run.advance(minutes=50)
    run.clock.advance(minutes=3)
    assert reopened(run).step() == []
    assert run.left() == 7200 - 53 * 60  # the closed minutes were work


def test_a_break_that_ended_while_the_app_was_closed() -> None:
    run = due_now()
    run.do(breaks.start_break)
    run.clock.advance(hours=3)
    assert reopened(run).step() == [Kind.ENDED]
    assert run.phase == Phase.WORKING and run.left() == 7200


def test_a_reminder_pending_when_the_app_closed_is_kept_over_a_short_restart() -> None:
    run = due_now()
    run.do(breaks.postpone)
    run.clock.advance(minutes=1)
    assert reopened(run).step() == []
    assert run.phase == Phase.POSTPONED and run.left() == 240


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"phase": "dancing", "since": "2026-11-23T09:00:00+08:00", "seen": "x"},
        {"phase": "working", "since": "2026-11-23T09:00:00", "seen": "2026-11-23T09:00:00"},
    ],
)
def test_an_unreadable_saved_state_is_refused(data: object) -> None:
    assert break_saved.from_dict(data) is None


# -- calendar: midnight and DST --------------------------------------------------------------
def test_a_break_across_midnight() -> None:
    run = Run(start=datetime(2026, 11, 23, 23, 0, tzinfo=SHANGHAI))
    run.advance(hours=1, minutes=58)
    assert run.phase == Phase.HEADS_UP
    assert run.advance(minutes=2) == [Kind.DUE]
    assert run.clock.now().hour == 1 and run.clock.now().day == 24


def test_dst_spring_forward_does_not_stretch_or_shrink_the_interval() -> None:
    # Berlin, 28 March 2027: 02:00 becomes 03:00.
    run = Run(start=datetime(2027, 3, 28, 1, 30, tzinfo=BERLIN))
    deadline = breaks.deadline(run.state, run.rules)
    assert deadline is not None
    assert deadline.astimezone(BERLIN).strftime("%H:%M") == "04:30"  # two real hours
    assert run.advance(hours=1, minutes=59) == [Kind.HEADS_UP]  # no suspend is imagined
    assert run.advance(minutes=1) == [Kind.DUE]
    assert run.clock.now().strftime("%H:%M %Z") == "04:30 CEST"


def test_dst_fall_back_does_not_stretch_or_shrink_the_interval() -> None:
    # Berlin, 25 October 2026: 03:00 becomes 02:00 again.
    run = Run(start=datetime(2026, 10, 25, 1, 30, tzinfo=BERLIN))
    assert run.advance(hours=1, minutes=59) == [Kind.HEADS_UP]
    assert run.advance(minutes=1) == [Kind.DUE]
    assert run.clock.now().strftime("%H:%M %Z") == "02:30 CET"


# -- shift hours --------------------------------------------------------------------------------
OFFICE = Shift(time(9, 0), time(18, 0), (0, 1, 2, 3, 4))


def test_no_reminders_before_the_shift_then_a_fresh_start_at_it() -> None:
    run = Run(Rules(shift=OFFICE), start=datetime(2026, 11, 23, 7, 0, tzinfo=SHANGHAI))
    assert run.phase == Phase.OFF
    assert run.advance(hours=1, minutes=59) == []
    assert run.advance(minutes=1) == [Kind.SHIFT_START]
    assert run.phase == Phase.WORKING and run.left() == 7200


def test_the_end_of_the_shift_ends_the_reminders() -> None:
    run = Run(Rules(shift=OFFICE), start=datetime(2026, 11, 23, 15, 55, tzinfo=SHANGHAI))
    run.advance(hours=2)
    assert run.phase == Phase.DUE
    assert run.advance(minutes=5) == [Kind.SHIFT_END]
    assert run.phase == Phase.OFF
    assert run.advance(hours=6) == []


def test_no_reminders_on_days_off() -> None:
    saturday = datetime(2026, 11, 28, 10, 0, tzinfo=SHANGHAI)
    run = Run(Rules(shift=OFFICE), start=saturday)
    for _ in range(12):
        assert run.advance(hours=1) == []
    assert run.phase == Phase.OFF


def test_an_overnight_shift_belongs_to_the_day_it_starts() -> None:
    night = Shift(time(22, 0), time(6, 0), (4,))  # Friday nights
    run = Run(Rules(shift=night), start=datetime(2026, 11, 27, 21, 0, tzinfo=SHANGHAI))
    assert run.advance(hours=1) == [Kind.SHIFT_START]
    assert run.advance(hours=2) == [Kind.HEADS_UP, Kind.DUE]  # just after midnight, Saturday
    run.do(breaks.start_break)
    run.advance(minutes=10)
    assert run.advance(hours=5, minutes=50)[-1] == Kind.SHIFT_END  # 06:00 Saturday
    assert run.phase == Phase.OFF


def test_a_break_runs_its_course_past_the_end_of_the_shift() -> None:
    run = Run(Rules(shift=OFFICE), start=datetime(2026, 11, 23, 17, 55, tzinfo=SHANGHAI))
    run.do(breaks.start_break)
    assert run.advance(minutes=5) == [Kind.SHIFT_END]
    assert run.phase == Phase.ON_BREAK
    assert run.advance(minutes=5) == [Kind.ENDED]
    assert run.phase == Phase.OFF


def test_a_shift_edge_passed_while_away_is_not_announced() -> None:
    run = Run(Rules(shift=OFFICE), start=datetime(2026, 11, 23, 17, 0, tzinfo=SHANGHAI))
    run.clock.advance(hours=15)  # closed overnight: 08:00 Tuesday
    assert reopened(run).step() == [Kind.NATURAL]  # no late "shift ended" at breakfast
    assert run.phase == Phase.OFF


def test_shift_hours_across_a_dst_change() -> None:
    night = Shift(time(22, 0), time(6, 0), (5,))  # Saturday night, 28 March 2027 in Berlin
    window = night.window(datetime(2027, 3, 28, 3, 30, tzinfo=BERLIN))
    assert window is not None
    assert window[1] - window[0] == timedelta(hours=7)  # an hour shorter that night


# -- do not disturb --------------------------------------------------------------------------
def test_do_not_disturb_holds_the_reminder_until_it_ends() -> None:
    run = Run()
    run.advance(hours=1, minutes=50)
    until = run.clock.now() + timedelta(minutes=30)
    assert run.do(breaks.set_dnd, until) == [Kind.DND_ON]
    assert run.advance(minutes=29, seconds=59) == []  # due at 2h came and went quietly
    assert run.phase == Phase.WORKING
    assert run.advance(seconds=1) == [Kind.DND_OFF, Kind.DUE]
    assert run.last(Kind.DND_OFF).fields == {"ended": "expired"}


def test_do_not_disturb_hides_a_reminder_that_is_showing() -> None:
    run = due_now()
    run.do(breaks.postpone)
    run.advance(minutes=5)
    run.do(breaks.set_dnd, run.clock.now() + timedelta(hours=1))
    assert run.phase == Phase.WORKING
    assert run.do(breaks.clear_dnd) == [Kind.DND_OFF, Kind.DUE]  # back as it was
    assert breaks.postpones_left(run.state, run.rules) == 2


def test_a_postponed_reminder_waits_for_the_end_of_do_not_disturb() -> None:
    run = due_now()
    run.do(breaks.postpone)
    run.do(breaks.set_dnd, run.clock.now() + timedelta(minutes=20))
    assert run.advance(minutes=10) == []
    assert run.advance(minutes=10) == [Kind.DND_OFF, Kind.DUE]


def test_do_not_disturb_in_the_past_just_clears_it() -> None:
    run = Run()
    assert run.do(breaks.set_dnd, run.clock.now() - timedelta(minutes=1)) == []
    assert run.state.dnd_until is None


# -- rules and scheduling ----------------------------------------------------------------------
def test_a_heads_up_as_long_as_the_interval_is_left_out() -> None:
    run = Run(Rules(every=timedelta(seconds=20), heads_up=timedelta(seconds=20)))
    assert run.advance(seconds=20) == [Kind.DUE]


def test_a_shorter_interval_applies_at_once() -> None:
    run = Run()
    run.advance(hours=1)
    run.rules = Rules(every=timedelta(minutes=45))
    assert run.step() == [Kind.DUE]


def test_next_change_is_the_next_thing_that_will_happen() -> None:
    run = Run(Rules(shift=OFFICE), start=datetime(2026, 11, 23, 8, 0, tzinfo=SHANGHAI))

    def next_in() -> float:
        when = breaks.next_change(run.state, run.rules, run.moment())
        assert when is not None
        return (when - run.moment().utc).total_seconds()

    assert next_in() == 3600  # the shift starts
    run.advance(hours=1)
    assert next_in() == 7200 - 120  # the heads-up
    run.advance(hours=1, minutes=58)
    assert next_in() == 120  # due
    run.advance(minutes=2)
    run.do(breaks.postpone)
    assert next_in() == 300


def test_an_event_time_is_utc() -> None:
    run = due_now()
    assert run.last(Kind.DUE).at.tzinfo is UTC
