"""Micro-pauses: 20-40 seconds between chats (eyes far away, hands, shoulders, voice),
and the peak day that turns the two-hourly breaks into them.

A micro-pause is due every ``rules.micro_every`` of work (off when None), counted from
the last one or the start of the work period; on a peak day the break that
``roster.holds_break`` held back is one too. It is never a screen: the app shows a
banner with a count-down, or skips it silently (do not disturb, a break about to come,
the person typing or in the middle of breathing), and either way the next one is a full
interval later, so skipped ones never pile up.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from companion.core import roster
from companion.core.break_types import Event, Moment, Outcome
from companion.core.breaks import Kind, Phase, Rules, State, dnd_active, due_at, step

PAUSE, PEAK = "pause", "peak"  # a micro-pause of its own; a break a peak day turned into one


def micro_next(state: State, rules: Rules, moment: Moment) -> datetime | None:
    """When the next micro-pause is due (UTC), if one is coming in this work period."""
    if state.phase not in (Phase.WORKING, Phase.HEADS_UP):
        return None
    times = []
    if rules.micro_every is not None:
        start = max(state.micro_at, state.since) if state.micro_at else state.since
        times.append(start + rules.micro_every)
    due = due_at(state, rules)
    if roster.peak_micro(state, rules, due, moment.wall):
        times.append(due)
    return min(times) if times else None


def micro_due(state: State, rules: Rules, moment: Moment) -> str | None:
    """PAUSE or PEAK when a micro-pause's time has come (nobody away), else None."""
    when = micro_next(state, rules, moment)
    if when is None or moment.utc < when or state.away_since is not None:
        return None
    due = due_at(state, rules)
    return PEAK if when == due and roster.peak_micro(state, rules, due, moment.wall) else PAUSE


def micro_pause(state: State, rules: Rules, moment: Moment, shown: bool) -> Outcome:
    """The micro-pause that is due was shown (``shown``) or skipped silently. A break
    it stands in for on a peak day is done with: the next comes a full interval on."""
    current = step(state, rules, moment)
    state, now = current.state, moment.utc
    kind = micro_due(state, rules, moment)
    if kind is None:
        return current
    after = replace(state, micro_at=now)
    if kind == PEAK:
        after = replace(after, since=now, forward_to=None)
    held = state.phase != Phase.WORKING or dnd_active(state, now)
    if not shown or held:
        return current.then(after)
    fields = {"seconds": round(rules.micro_length.total_seconds()), "peak": kind == PEAK}
    return current.then(after, Event(Kind.MICRO, now, fields))


def set_peak(state: State, rules: Rules, moment: Moment, on: bool) -> Outcome:
    """The peak-day switch, for this working day only: it is off again tomorrow."""
    current = step(state, rules, moment)
    state, now = current.state, moment.utc
    day = roster.working_day(rules.shift, moment.wall)
    if on == (state.peak_on == day):
        return current
    event = Event(Kind.PEAK_ON if on else Kind.PEAK_OFF, now, {"day": day.isoformat()})
    after = step(replace(state, peak_on=day if on else None), rules, moment)  # held ones come
    return current.then(after.state, event, *after.events)
