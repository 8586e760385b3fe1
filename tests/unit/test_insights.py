"""Insights from seeded records with known answers: counts, plans, averages, patterns,
and days and weeks taken in the user's time zone (DST included)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from companion.core.insights import (
    LOCKED,
    MIN_SESSIONS,
    JournalRecords,
    Named,
    Rated,
    Records,
    Reframed,
    Written,
    compute,
)
from companion.core.shift import Shift
from companion.core.weeks import BreakPlan, Span

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=SHANGHAI)  # Wednesday
SHIFT = Shift(time(9), time(18), (0, 1, 2, 3, 4))
PLAN = BreakPlan(timedelta(hours=2), timedelta(minutes=10), SHIFT)
NO_PLAN = BreakPlan(timedelta(hours=2), timedelta(minutes=10), None)


@dataclass
class Ev:
    kind: str
    created_at: datetime
    fields: dict[str, Any] = field(default_factory=dict)


def taken(when: datetime) -> Ev:
    """A break that was really taken: it counts as it ends."""
    return Ev("ended", when, {"completed": True, "seconds": 600, "counted": True})


def at(day: int, hour: int = 10, minute: int = 0, tz: ZoneInfo = SHANGHAI) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=tz)


def seeded() -> Records:
    events = [
        taken(at(23, 11)),
        taken(at(23, 15)),
        Ev("postponed", at(23, 13)),
        taken(at(24, 11)),
        Ev("skipped", at(24, 16)),
        Ev("natural", at(25, 12), {"away_since": at(25, 11).isoformat()}),
        Ev("natural", at(25, 8), {"away_since": at(24, 20).isoformat()}),  # a night away
        Ev("heads_up", at(25, 14)),
        taken(at(22, 23, 30)),  # Sunday: last week
    ]
    breathing = [
        Rated(at(23, 12), 7, 4),
        Rated(at(24, 12), 6, 4),
        Rated(at(25, 12), 8, 5),
        Rated(at(25, 13), 5, None),  # no rating after: not part of the average
        Rated(at(25, 14)),
        Rated(at(20, 12), 9, 1),  # last week
    ]
    sos = [Rated(at(24, 9), 9, 6), Rated(at(25, 9), 8, 8)]
    entries = [
        Written(at(23, 18), "mood", ("refund", "work"), score=2),
        Written(at(23, 19), "mood", ("Work",), score=3),
        Written(at(24, 18), "mood", ("work",), score=4),
        Written(at(25, 18), "mood", ("Refund", "late", "work"), score=2),
        Written(at(23, 12), "thought", ("refund",), emotions=("angry", "Tired")),
        Written(at(24, 12), "thought", emotions=("angry",)),
        Written(at(25, 12), "thought", emotions=("tired", "委屈")),
        Written(at(22, 12), "mood", score=1),  # last week
    ]
    reframes = [
        Reframed(at(24, 13), ("mind_reading", "labelling"), "Angry", 80, 40),
        Reframed(at(25, 13), ("mind_reading",), "", 70, None),
    ]
    return Records(events, breathing, sos, JournalRecords(entries, reframes))


def test_this_week_counts_with_the_plan() -> None:
    found = compute(seeded(), PLAN, NOW, Span.WEEK, 0)
    assert found.span_dates[0].isoformat() == "2026-11-23" and len(found.span_dates) == 7
    assert [d.day.day for d in found.days] == [23, 24, 25]  # up to today only
    week = found.totals
    assert (week.taken, week.postponed, week.skipped, week.planned) == (4, 1, 1, 12)
    assert (week.breathing, week.sos, week.moods) == (5, 2, 4)
    today = found.today_totals
    assert (today.taken, today.planned, today.breathing, today.sos, today.moods) == (1, 4, 3, 1, 1)


def test_without_shift_hours_nothing_is_planned() -> None:
    found = compute(seeded(), NO_PLAN, NOW, Span.WEEK, 0)
    assert found.totals.planned is None and found.today_totals.planned is None


def test_before_and_after_averages_rest_on_sessions_with_both_ratings() -> None:
    found = compute(seeded(), PLAN, NOW, Span.WEEK, 0)
    breathing = found.breathing
    assert breathing.sessions == 3 and breathing.enough
    assert breathing.before == pytest.approx(7.0) and breathing.after == pytest.approx(13 / 3)
    assert breathing.drop == pytest.approx(8 / 3)
    assert found.sos.sessions == 2 and not found.sos.enough and MIN_SESSIONS == 3
    assert found.reframing is not None and found.reframing.sessions == 1
    assert found.reframing.drop == 40


def test_trend_by_day() -> None:
    found = compute(seeded(), PLAN, NOW, Span.WEEK, 0)
    monday, tuesday, wednesday = found.days
    assert monday.mood == 2.5 and tuesday.mood == 4 and wednesday.mood == 2
    assert monday.tension == 7 and tuesday.tension == pytest.approx(7.5)  # breathing 6, SOS 9
    assert wednesday.tension == pytest.approx(7.0)  # 8, 5 and SOS 8; unrated ones left out


def test_patterns() -> None:
    patterns = compute(seeded(), PLAN, NOW, Span.WEEK, 0).patterns
    assert patterns is not None
    assert patterns.traps == (Named("mind_reading", 2), Named("labelling", 1))
    # The same feeling however it was written; shown as it was written last.
    assert patterns.emotions == (Named("Angry", 3), Named("tired", 2), Named("委屈", 1))
    assert (patterns.mood_days, patterns.low_days) == (3, 2)
    # #refund: both its days were low. #work is on every day, so it says nothing;
    # #late came up on one low day only.
    assert [(t.tag, t.low_days, t.days) for t in patterns.low_mood_tags] == [("Refund", 2, 2)]


def test_thirty_days_reach_back_into_last_week() -> None:
    found = compute(seeded(), PLAN, NOW, Span.MONTH, 0)
    assert len(found.days) == 30
    assert found.totals.taken == 5 and found.totals.breathing == 6
    assert found.totals.planned == 12  # weekdays without companion running are not "missed"
    assert found.breathing.sessions == 4 and found.breathing.drop == pytest.approx(4.0)


def test_a_locked_journal_still_gives_activity_figures() -> None:
    records = seeded()
    locked = Records(records.break_events, records.breathing, records.sos, None, LOCKED)
    found = compute(locked, PLAN, NOW, Span.WEEK, 0)
    assert found.journal_state == LOCKED and not found.journal_open
    assert found.totals.taken == 4 and found.breathing.sessions == 3
    assert found.patterns is None and found.reframing is None and found.breaks_and_mood is None
    assert not found.empty


def test_nothing_at_all_is_empty_and_says_nothing_was_planned_wrong() -> None:
    found = compute(Records(journal=JournalRecords()), PLAN, NOW, Span.WEEK, 0)
    assert found.empty
    assert found.breathing.sessions == 0 and found.breathing.drop is None
    assert all(d.mood is None and d.tension is None for d in found.days)


def test_breaks_and_mood_compares_days_when_the_rhythm_ran() -> None:
    events, entries = [], []
    for day, took, score in [(2, 1, 4), (3, 1, 5), (4, 1, 4), (9, 0, 3), (10, 0, 2), (11, 0, 2)]:
        events.append(taken(at(day, 11)) if took else Ev("skipped", at(day, 11)))
        entries.append(Written(at(day, 18), "mood", score=score))
    entries.append(Written(at(16, 18), "mood", score=1))  # the app never ran that day
    records = Records(events, journal=JournalRecords(entries))
    result = compute(records, PLAN, NOW, Span.MONTH, 0).breaks_and_mood
    assert result is not None and result.enough
    assert (result.days_with, result.days_without) == (3, 3)
    assert result.mood_with == pytest.approx(13 / 3) and result.mood_without == pytest.approx(7 / 3)


def test_week_boundary_is_local_midnight_not_utc() -> None:
    # Monday 00:10 in Shanghai is Sunday 16:10 UTC: it belongs to the new week.
    just_after = datetime(2026, 11, 22, 16, 10, tzinfo=UTC)
    just_before = datetime(2026, 11, 22, 15, 50, tzinfo=UTC)  # Sunday 23:50 local
    records = Records(breathing=[Rated(just_after), Rated(just_before)])
    found = compute(records, PLAN, NOW, Span.WEEK, 0)
    assert found.totals.breathing == 1 and found.days[0].breathing == 1


def test_week_boundary_across_the_spring_dst_change() -> None:
    # Berlin moves to summer time on Sunday 29 March 2026. Monday 00:30 (UTC+2) is
    # Sunday 22:30 UTC; with the winter offset it would wrongly be Sunday 23:30.
    now = datetime(2026, 3, 30, 10, 0, tzinfo=BERLIN)
    monday_early = datetime(2026, 3, 29, 22, 30, tzinfo=UTC)
    sunday_late = datetime(2026, 3, 29, 21, 30, tzinfo=UTC)
    stamps = [
        Rated(datetime.fromisoformat(m.astimezone(BERLIN).isoformat()))
        for m in (monday_early, sunday_late)
    ]
    found = compute(Records(breathing=stamps), NO_PLAN, now, Span.WEEK, 0)
    assert found.totals.breathing == 1
    last_week = compute(Records(breathing=stamps), NO_PLAN, now - timedelta(days=1), Span.WEEK, 0)
    assert last_week.totals.breathing == 1 and last_week.days[-1].day.isoformat() == "2026-03-29"


def test_a_25_hour_day_keeps_its_last_hour() -> None:
    # Sunday 25 October 2026 in Berlin has 25 hours; 23:30 (UTC+1) is still that day.
    now = datetime(2026, 10, 25, 23, 45, tzinfo=BERLIN)
    late = datetime(2026, 10, 25, 22, 30, tzinfo=UTC)
    events = [taken(datetime.fromisoformat(late.astimezone(BERLIN).isoformat()))]
    found = compute(Records(events), NO_PLAN, now, Span.WEEK, 0)
    assert found.today_totals.taken == 1 and found.today.isoformat() == "2026-10-25"


def test_breaks_have_their_own_before_and_after() -> None:
    base = seeded()
    rated = [
        Rated(at(23, 15), 8, 5),
        Rated(at(24, 15), 7, 3),
        Rated(at(25, 10), 6, 5),
        Rated(at(25, 11), None, 2),
        Rated(at(20, 15), 9, 0),
    ]  # one half, one last week
    records = Records(base.break_events, base.breathing, base.sos, base.journal, breaks=rated)
    found = compute(records, PLAN, NOW, Span.WEEK, 0)
    assert found.breaks.sessions == 3 and found.breaks.enough
    assert found.breaks.before == pytest.approx(7.0) and found.breaks.after == pytest.approx(13 / 3)
    assert compute(base, PLAN, NOW, Span.WEEK, 0).breaks.sessions == 0  # none rated: none said
