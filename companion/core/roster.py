"""The roster: fixed breaks at set times (a lunch, a team huddle) and the peak day
(大促, Double 11), as the break rhythm needs them.

Pure values and questions about them; the transitions live in ``core.breaks``.

- A fixed break has a name, hours of the day, the weekdays it happens on and whether it
  is rest (a lunch: it counts as a break) or not (a huddle: reminders wait through it,
  but it is work). Its hours follow ``Shift``'s rules (local wall time, UTC arithmetic;
  an end at or before the start runs past midnight).
- A regular break that would come shortly before a fixed rest (less than a quarter of
  the break interval, 30 min at the default 2 h) waits for it instead: two breaks half
  an hour apart help nobody.
- On a peak day (the switch is on for that working day only) the two-hourly breaks
  become micro-pauses, except that each half of the shift keeps one real break (without
  shift hours: one every ``PEAK_REAL_EVERY``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, NamedTuple

from companion.core.shift import WEEKDAYS, Shift

if TYPE_CHECKING:
    from companion.core.breaks import Rules, State

FOLD = 4  # a break due less than every / FOLD before a fixed rest waits for it
PEAK_REAL_EVERY = timedelta(hours=4)  # peak day, no shift hours: one real break this often
LOOK_AHEAD = timedelta(days=2)


class FixedBreak(NamedTuple):  # (see Shift)
    name: str
    start: time
    end: time
    days: tuple[int, ...] = WEEKDAYS
    rest: bool = True  # False: a meeting; reminders wait, but it is not a break

    @property
    def hours(self) -> Shift:
        return Shift(self.start, self.end, self.days)


class Slot(NamedTuple):
    """One occurrence of a fixed break, as UTC instants."""

    name: str
    start: datetime
    end: datetime
    rest: bool


def slots_near(fixed: Sequence[FixedBreak], moment: datetime) -> list[Slot]:
    """Every occurrence from the day before ``moment`` to two days after, by start."""
    found = [
        Slot(item.name, start, end, item.rest)
        for item in fixed
        for start, end in item.hours.windows_near(moment)
    ]
    return sorted(found, key=lambda slot: slot.start)


def slot_at(fixed: Sequence[FixedBreak], moment: datetime) -> Slot | None:
    """The fixed break ``moment`` falls in (the first listed, if two overlap)."""
    for item in fixed:
        window = item.hours.window(moment)
        if window is not None:
            return Slot(item.name, window[0], window[1], item.rest)
    return None


def next_rest(fixed: Sequence[FixedBreak], moment: datetime) -> Slot | None:
    """The next fixed rest that starts after ``moment``, within two days."""
    now = moment.astimezone(UTC)
    for slot in slots_near(fixed, moment):
        if slot.rest and now < slot.start <= now + LOOK_AHEAD:
            return slot
    return None


def folded_into(
    fixed: Sequence[FixedBreak], due: datetime, every: timedelta, moment: datetime
) -> Slot | None:
    """The fixed rest a break due at ``due`` waits for, if it comes soon after it."""
    if not fixed:
        return None
    upcoming = next_rest(fixed, moment)
    if upcoming is not None and upcoming.start - every / FOLD <= due <= upcoming.start:
        return upcoming
    return None


def edges(fixed: Sequence[FixedBreak], moment: datetime) -> list[datetime]:
    """Starts and ends of fixed breaks after ``moment`` (UTC)."""
    now = moment.astimezone(UTC)
    return [e for slot in slots_near(fixed, moment) for e in (slot.start, slot.end) if e > now]


# -- peak days ---------------------------------------------------------------------------
def working_day(shift: Shift | None, moment: datetime) -> date:
    """The day a moment's work belongs to: its shift's start day (an overnight shift
    belongs to the evening it starts), else its own local date."""
    window = shift.window(moment) if shift is not None else None
    if window is None:
        return moment.date()
    return window[0].astimezone(moment.tzinfo).date()


def needs_real_break(
    shift: Shift | None, last_break: datetime | None, at: datetime, moment: datetime
) -> bool:
    """On a peak day, is the break due at ``at`` (UTC) the real one of its half of the
    shift? True when no real break began in that half yet."""
    window = shift.window(at.astimezone(moment.tzinfo)) if shift is not None else None
    if window is None:
        return last_break is None or at - last_break >= PEAK_REAL_EVERY
    start, end = window
    middle = start + (end - start) / 2
    half_start = start if at < middle else middle
    return last_break is None or last_break < half_start


def peak_today(state: State, rules: Rules, moment: datetime) -> bool:
    """Is the peak-day switch on for the working day of ``moment``?"""
    return state.peak_on is not None and state.peak_on == working_day(rules.shift, moment)


def peak_micro(state: State, rules: Rules, due: datetime, moment: datetime) -> bool:
    """Does a peak day turn the break due at ``due`` into a micro-pause?"""
    return peak_today(state, rules, moment) and not needs_real_break(
        rules.shift, state.last_break, due, moment
    )


def holds_break(state: State, rules: Rules, due: datetime, moment: datetime) -> bool:
    """Is the next break (due at ``due``) held back although its time came? The person
    is away (the work clock stops), it waits for a fixed rest that comes soon, or a peak
    day makes it a micro-pause (``core.micro`` shows that)."""
    if state.away_since is not None:
        return True
    if folded_into(rules.fixed, due, rules.every, moment) is not None:
        return True
    return peak_micro(state, rules, due, moment)
