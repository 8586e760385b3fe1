"""The break rhythm as a pure state machine.

working -> heads-up -> due -> on break -> back to work. From "due" the user may also
postpone (reminded again after a few minutes, a limited number of times) or say "after
this chat" (reminded again after at most 15 minutes, unless they start the break
first), or skip. Outside shift hours the rhythm is off; do-not-disturb holds every
reminder back until it ends.

Every transition is a function of the rules, the state, the moment (wall and monotonic
time) and the user's intents. Nothing here reads a clock, a file or a screen.

Time: arithmetic is done in UTC (aware datetimes of one ZoneInfo zone subtract as wall
time, which is wrong across DST). Deadlines are wall instants, so a timer that fires
late is caught by comparing with the wall clock. The wall time that passed beyond the
monotonic time since the last look is time the machine was asleep (or the app closed):
longer than a break, it *is* a break; shorter, the deadlines move by it, because the
rhythm counts time spent at work. Where the monotonic clock runs on through a suspend,
a gap between two looks longer than a break is time away too (see ``_time_away``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from companion.core import roster
from companion.core.break_types import Event, Kind, Moment, Outcome, Phase
from companion.core.roster import FixedBreak
from companion.core.shift import Shift

TOLERANCE = 2.0  # seconds of wall/monotonic disagreement ignored (clock slewing)
# A break counts as taken when at least this share of its length was spent on it: five
# minutes of a ten-minute break is a rest; three seconds before a customer came back
# is not, and is kept as what it was (a break cut short), without blame.
COUNTS_FROM = 0.5
LOOKS_EVERY = 60.0  # seconds: the running app steps at least this often, awake
UNWATCHED = 2 * LOOKS_EVERY  # a gap between looks this long can't be ordinary ticking


# Phases of a work period: time away in them can be a natural break.
AT_WORK = frozenset({Phase.WORKING, Phase.HEADS_UP, Phase.DUE, Phase.POSTPONED, Phase.AFTER_CHAT})
# Phases in which a break was asked for: skip and "after this chat" make sense.
ASKED = frozenset({Phase.HEADS_UP, Phase.DUE, Phase.POSTPONED, Phase.AFTER_CHAT})


class Rules(NamedTuple):  # (see Shift; State is copied with replace() everywhere)
    every: timedelta = timedelta(hours=2)
    length: timedelta = timedelta(minutes=10)
    heads_up: timedelta = timedelta(minutes=2)
    postpone: timedelta = timedelta(minutes=5)
    max_postpones: int = 3
    after_chat: timedelta = timedelta(minutes=15)
    shift: Shift | None = None
    away_after: timedelta = timedelta(minutes=3)  # no input on the desktop this long: away
    natural: timedelta | None = None  # away this long counts as a break (None: length)
    micro_every: timedelta | None = None  # micro-pauses between chats (None: off)
    micro_length: timedelta = timedelta(seconds=20)
    rough_limit: int = 3  # rough contacts within rough_window bring a break forward (0: off)
    rough_window: timedelta = timedelta(hours=1)
    fixed: tuple[FixedBreak, ...] = ()


@dataclass(frozen=True)
class State:
    phase: Phase
    since: datetime  # UTC: start of this work period, or of the break when on break
    seen: datetime  # UTC wall time of the last look
    # UTC: back from the last rest (a break, time away, time off shift). Unlike ``since``
    # a skip does not move it, so "since your last break" stays true after one.
    rested: datetime
    seen_mono: float | None = None  # None after a restart: monotonic time is per boot
    remind_at: datetime | None = None  # postponed / after this chat: when to ask again
    postpones: int = 0  # postponements of the break now asked for
    dnd_until: datetime | None = None
    away_since: datetime | None = None  # UTC: the desktop says nobody has used it since
    away_cause: str = ""  # why: "idle" | "locked"
    micro_at: datetime | None = None  # UTC: the last micro-pause, shown or skipped
    forward_to: datetime | None = None  # UTC: rough contacts brought the break forward
    rough: tuple[datetime, ...] = ()  # UTC: rough contacts since the last rest
    peak_on: date | None = None  # the peak-day switch is on for this working day
    last_break: datetime | None = None  # UTC: when the last real break began
    fixed_name: str = ""  # in FIXED: which fixed break of the roster, and whether rest
    fixed_rest: bool = True


def in_shift(rules: Rules, moment: Moment) -> bool:
    return rules.shift is None or rules.shift.contains(moment.wall)


def fresh(rules: Rules, moment: Moment) -> State:
    phase = Phase.WORKING if in_shift(rules, moment) else Phase.OFF
    now = moment.utc
    return State(phase, since=now, seen=now, rested=now, seen_mono=moment.mono)


def due_at(state: State, rules: Rules) -> datetime:
    regular = state.since + rules.every
    return min(regular, state.forward_to) if state.forward_to is not None else regular


def heads_up_at(state: State, rules: Rules) -> datetime:
    if rules.heads_up >= rules.every:
        return due_at(state, rules)  # no room for a heads-up
    return due_at(state, rules) - rules.heads_up


def break_ends_at(state: State, rules: Rules) -> datetime:
    return state.since + rules.length


def dnd_active(state: State, now: datetime) -> bool:
    return state.dnd_until is not None and now < state.dnd_until


def _working(state: State, now: datetime, rested: bool = True) -> State:
    """A new work period: after a rest, or (``rested=False``) after a skipped break."""
    back, rough = (now, ()) if rested else (state.rested, state.rough)
    return replace(
        state,
        phase=Phase.WORKING,
        since=now,
        rested=back,
        remind_at=None,
        postpones=0,
        forward_to=None,
        rough=rough,
        away_since=None,
    )


# -- the clock moves -------------------------------------------------------------------
def step(state: State, rules: Rules, moment: Moment) -> Outcome:
    """Bring the state up to ``moment``: time away, shift edges, deadlines passed."""
    now = moment.utc
    events: list[Event] = []
    gap, cause = _time_away(state, rules, moment)
    # Shift edges are only news when the app was watching; after a night away they are not.
    watching = cause == "suspend" and gap < rules.length.total_seconds()
    state = _account_for_gap(state, rules, moment, gap, cause, events)
    state = _follow_shift(state, rules, moment, watching, events)
    state = _follow_roster(state, rules, moment, events)
    if state.dnd_until is not None and now >= state.dnd_until:
        events.append(Event(Kind.DND_OFF, now, {"ended": "expired"}))
        state = replace(state, dnd_until=None)
    held = state.phase in (Phase.WORKING, Phase.HEADS_UP) and roster.holds_break(
        state, rules, due_at(state, rules), moment.wall
    )  # away, waiting for a fixed rest, or a peak day's micro-pause instead
    if not held:
        state = _follow_deadlines(state, rules, now, in_shift(rules, moment), events)
    away = cause != "closed" and gap >= rules.length.total_seconds()
    back_from = now - timedelta(seconds=gap) if away else None
    return Outcome(replace(state, seen=now, seen_mono=moment.mono), tuple(events), back_from)


def _time_away(state: State, rules: Rules, moment: Moment) -> tuple[float, str]:
    """Seconds of wall time not spent awake with the app since the last look, and why.

    Two signs of a suspend. Where the monotonic clock stops while the machine sleeps
    (Linux, macOS), the wall time beyond the monotonic time. Where it runs on (Windows
    with Python 3.12 or older: GetTickCount64 counts sleep), only the gap itself: the
    app looks at least every LOOKS_EVERY seconds while awake, so when both clocks say it
    has not looked for longer than a break (and than ordinary ticking could explain),
    it was not running, and all of that wall time was away. Requiring both clocks keeps
    a clock change out of this rule: setting the clock moves only the wall clock (DST
    moves neither, as all this is UTC). A process stopped for that long (ctrl+z) counts
    too; that is rare, and its user was away from companion all the same.
    """
    wall = (moment.utc - state.seen).total_seconds()
    if state.seen_mono is None:
        return wall, "closed"  # the app was not running: all of it was away
    looked = moment.mono - state.seen_mono
    if min(wall, looked) >= max(rules.length.total_seconds(), UNWATCHED):
        return wall, "suspend"
    return wall - looked, "suspend"


def _account_for_gap(
    state: State, rules: Rules, moment: Moment, gap: float, cause: str, events: list[Event]
) -> State:
    now = moment.utc
    if state.phase in AT_WORK and gap >= rules.length.total_seconds():
        away_since = now - timedelta(seconds=gap)
        fields = {"seconds": round(gap), "cause": cause, "away_since": away_since.isoformat()}
        events.append(Event(Kind.NATURAL, now, fields))
        return replace(_working(state, now), last_break=away_since)
    if state.seen_mono is not None and abs(gap) > TOLERANCE and state.phase in AT_WORK:
        # A short sleep or a wall-clock change: count only the time spent at work.
        shift = timedelta(seconds=gap)
        remind = state.remind_at + shift if state.remind_at else None
        away = state.away_since + shift if state.away_since else None
        rested = state.rested + shift
        return replace(
            state, since=state.since + shift, rested=rested, remind_at=remind, away_since=away
        )
    return state


def _follow_shift(
    state: State, rules: Rules, moment: Moment, watching: bool, events: list[Event]
) -> State:
    now = moment.utc
    inside = in_shift(rules, moment)
    if rules.shift is not None and watching:
        was_inside = rules.shift.contains(state.seen.astimezone(moment.wall.tzinfo))
        if inside and not was_inside:
            events.append(Event(Kind.SHIFT_START, now))
        elif was_inside and not inside:
            events.append(Event(Kind.SHIFT_END, now))
    if not inside and state.phase in AT_WORK:
        return replace(state, phase=Phase.OFF, since=now, remind_at=None, postpones=0)
    if inside and state.phase == Phase.OFF:
        return _working(state, now)
    return state  # a break runs its course, even past the end of the shift


def _follow_roster(state: State, rules: Rules, moment: Moment, events: list[Event]) -> State:
    """Into and out of the roster's fixed breaks. A rest (lunch) starts a new work
    period at its end; a meeting holds reminders back and the work clock runs on."""
    now = moment.utc
    slot = roster.slot_at(rules.fixed, moment.wall) if rules.fixed else None
    if state.phase == Phase.FIXED and (slot is None or slot.name != state.fixed_name):
        fields = {"name": state.fixed_name, "rest": state.fixed_rest}
        events.append(Event(Kind.FIXED_END, now, fields))
        state = _working(state, now) if state.fixed_rest else replace(state, phase=Phase.WORKING)
        if not in_shift(rules, moment):
            state = replace(state, phase=Phase.OFF)
    if slot is None or state.phase not in AT_WORK:
        return state
    fields = {"name": slot.name, "rest": slot.rest, "until": slot.end.isoformat()}
    events.append(Event(Kind.FIXED_START, now, fields))
    kept = state.last_break if not slot.rest else now
    return replace(
        state,
        phase=Phase.FIXED,
        fixed_name=slot.name,
        fixed_rest=slot.rest,
        remind_at=None,
        away_since=None,
        last_break=kept,
    )


def _follow_deadlines(
    state: State, rules: Rules, now: datetime, inside: bool, events: list[Event]
) -> State:
    phase = state.phase
    if phase == Phase.ON_BREAK:
        if now >= break_ends_at(state, rules):
            seconds = round(rules.length.total_seconds())
            fields = {"completed": True, "seconds": seconds, "counted": True}
            events.append(Event(Kind.ENDED, now, fields))
            state = _working(state, now)
            if not inside:
                state = replace(state, phase=Phase.OFF)
        return state
    if phase not in AT_WORK:
        return state
    if dnd_active(state, now):
        # Held back: hide a reminder that is showing; it comes when do-not-disturb ends.
        if phase in (Phase.HEADS_UP, Phase.DUE):
            return replace(state, phase=Phase.WORKING)
        return state
    if phase in (Phase.POSTPONED, Phase.AFTER_CHAT):
        if state.remind_at is not None and now >= state.remind_at:
            events.append(Event(Kind.DUE, now, {"again": True, "postpones": state.postpones}))
            return replace(state, phase=Phase.DUE, remind_at=None)
        return state
    if phase != Phase.DUE and now >= due_at(state, rules):
        events.append(Event(Kind.DUE, now, {"again": state.postpones > 0}))
        return replace(state, phase=Phase.DUE)
    if phase == Phase.WORKING and now >= heads_up_at(state, rules):
        events.append(Event(Kind.HEADS_UP, now))
        return replace(state, phase=Phase.HEADS_UP)
    return state


# -- the user decides --------------------------------------------------------------------
def start_break(state: State, rules: Rules, moment: Moment) -> Outcome:
    """Start a break now: when asked, or early at any time."""
    current = step(state, rules, moment)
    state, now = current.state, moment.utc
    if state.phase == Phase.ON_BREAK:
        return current
    early = state.phase in (Phase.WORKING, Phase.HEADS_UP, Phase.OFF)
    fields = {"early": early, "from": str(state.phase), "postpones": state.postpones}
    started = Event(Kind.STARTED, now, fields)
    state = replace(state, phase=Phase.ON_BREAK, since=now, remind_at=None, postpones=0)
    state = replace(state, last_break=now, away_since=None)
    return current.then(state, started)


def counts_as_taken(seconds: float, rules: Rules) -> bool:
    """Was a break of ``seconds`` really taken (at least half its length)?"""
    return seconds >= rules.length.total_seconds() * COUNTS_FROM


def end_break(state: State, rules: Rules, moment: Moment) -> Outcome:
    """ "I'm back": end the break now, finished or not.

    A break long enough to count is a rest: a new work period starts. One cut short is
    recorded as what it was (``counted: False``) and is no rest: the work period goes on
    from the last real one, and the break is asked for again, at the earliest after a
    postponement's length, so nobody is nagged the moment they sit down."""
    current = step(state, rules, moment)
    state, now = current.state, moment.utc
    if state.phase != Phase.ON_BREAK:
        return current
    taken = (now - state.since).total_seconds()
    counted = counts_as_taken(taken, rules)
    fields = {
        "completed": taken >= rules.length.total_seconds(),
        "seconds": round(taken),
        "counted": counted,
    }
    after = _working(state, now) if counted else _back_early(state, rules, now)
    return current.then(after, Event(Kind.ENDED, now, fields))


def _back_early(state: State, rules: Rules, now: datetime) -> State:
    """Back from a break that was too short to count."""
    resumed = replace(state, phase=Phase.WORKING, since=state.rested, remind_at=None, postpones=0)
    if due_at(resumed, rules) <= now + rules.postpone:
        return replace(resumed, phase=Phase.POSTPONED, remind_at=now + rules.postpone)
    return resumed


def postpones_left(state: State, rules: Rules) -> int:
    return max(0, rules.max_postpones - state.postpones)


def can_postpone(state: State, rules: Rules) -> bool:
    return state.phase == Phase.DUE and postpones_left(state, rules) > 0


def postpone(state: State, rules: Rules, moment: Moment) -> Outcome:
    """Remind again in a few minutes; past the limit, nothing changes (never forced)."""
    current = step(state, rules, moment)
    state, now = current.state, moment.utc
    if not can_postpone(state, rules):
        return current
    count = state.postpones + 1
    state = replace(state, phase=Phase.POSTPONED, remind_at=now + rules.postpone, postpones=count)
    event = Event(Kind.POSTPONED, now, {"count": count})
    return current.then(state, event)


def after_chat(state: State, rules: Rules, moment: Moment) -> Outcome:
    """Finish this chat first: the break waits for a key, and asks again after a while."""
    current = step(state, rules, moment)
    state, now = current.state, moment.utc
    if state.phase not in ASKED:
        return current
    state = replace(state, phase=Phase.AFTER_CHAT, remind_at=now + rules.after_chat)
    return current.then(state, Event(Kind.AFTER_CHAT, now))


def skip(state: State, rules: Rules, moment: Moment) -> Outcome:
    """Not this one: recorded, and the next comes a full interval from now."""
    current = step(state, rules, moment)
    state, now = current.state, moment.utc
    if state.phase not in ASKED:
        return current
    event = Event(Kind.SKIPPED, now, {"from": str(state.phase), "postpones": state.postpones})
    return current.then(_working(state, now, rested=False), event)


def set_dnd(state: State, rules: Rules, moment: Moment, until: datetime) -> Outcome:
    """Hold every reminder back until ``until``."""
    current = step(state, rules, moment)
    now = moment.utc
    until = until.astimezone(UTC)
    if until <= now:
        return clear_dnd(state, rules, moment)
    event = Event(Kind.DND_ON, now, {"until": until.isoformat()})
    held = step(replace(current.state, dnd_until=until), rules, moment)
    return current.then(held.state, event, *held.events)


def clear_dnd(state: State, rules: Rules, moment: Moment) -> Outcome:
    current = step(state, rules, moment)
    if current.state.dnd_until is None:
        return current
    now = moment.utc
    event = Event(Kind.DND_OFF, now, {"ended": "by_user"})
    after = step(replace(current.state, dnd_until=None), rules, moment)
    return current.then(after.state, event, *after.events)


# -- what to show, and when to look again ----------------------------------------------
def deadline(state: State, rules: Rules) -> datetime | None:
    """The instant the current phase counts down to, if any."""
    if state.phase in (Phase.WORKING, Phase.HEADS_UP):
        return due_at(state, rules)
    if state.phase in (Phase.POSTPONED, Phase.AFTER_CHAT):
        return state.remind_at
    if state.phase == Phase.ON_BREAK:
        return break_ends_at(state, rules)
    return None


def next_change(state: State, rules: Rules, moment: Moment) -> datetime | None:
    """The earliest instant at which ``step`` would change something."""
    now = moment.utc
    candidates = [state.dnd_until]
    if state.phase == Phase.WORKING:
        candidates += [heads_up_at(state, rules), due_at(state, rules)]
    else:
        candidates.append(deadline(state, rules))
    if rules.shift is not None:
        candidates.append(rules.shift.next_change(moment.wall))
    candidates += roster.edges(rules.fixed, moment.wall)
    future = [c for c in candidates if c is not None and c > now]
    return min(future) if future else None
