"""Away from the keyboard, as the desktop tells it: the break rhythm's rules for it.

The app reads the desktop's idle time and lock state about every 30 s
(``companion.system.idle``) and hands each reading to ``desktop``. Nothing here reads
anything: a reading is the idle seconds and the lock state at ``moment``.

- Idle for ``rules.away_after`` (or a locked screen) is away, from the last input on.
  Time already counted (a break, a new work period) is never counted again.
- Back after at least the natural-break length (``rules.natural``, else the break's
  length): a natural break, recorded as such (cause "idle" or "locked"), and a new work
  period. Shorter: the work clock stood still, so every deadline moves by that much.
- Back during a break under way: the break ends there, kindly ("welcome back").
- While away no heads-up or break comes (``roster.holds_break``): nobody is there.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from companion.core.break_types import Event, Moment, Outcome
from companion.core.breaks import AT_WORK, Kind, Phase, Rules, State, end_break, step


def natural_after(rules: Rules) -> timedelta:
    """Away at least this long counts as a break."""
    return rules.natural or rules.length


def is_away(rules: Rules, idle_seconds: float | None, locked: bool | None) -> bool:
    if locked:
        return True
    return idle_seconds is not None and idle_seconds >= rules.away_after.total_seconds()


def desktop(
    state: State, rules: Rules, moment: Moment, idle_seconds: float | None, locked: bool | None
) -> Outcome:
    """The desktop's reading at ``moment``: the person left, is still gone, or is back."""
    current = step(state, rules, moment)
    state, now = current.state, moment.utc
    if idle_seconds is None and locked is None:
        return current  # the desktop could not tell: today's rules only
    if state.phase not in (*AT_WORK, Phase.ON_BREAK):
        if state.away_since is None:
            return current
        return current.then(replace(state, away_since=None, away_cause=""))
    last_input = now - timedelta(seconds=max(0.0, idle_seconds or 0.0))
    if is_away(rules, idle_seconds, locked):
        cause = "locked" if locked else "idle"
        if state.away_since is None:
            since = max(last_input, state.since)  # never count rest twice
            return current.then(replace(state, away_since=since, away_cause=cause))
        if cause == "locked" and state.away_cause != "locked":
            return current.then(replace(state, away_cause=cause))
        return current
    if state.away_since is None:
        return current
    return _back(current, rules, moment, max(last_input, state.away_since))


def _back(current: Outcome, rules: Rules, moment: Moment, back: datetime) -> Outcome:
    state, now = current.state, moment.utc
    left = state.away_since
    assert left is not None
    gone = (back - left).total_seconds()
    home = replace(state, away_since=None, away_cause="")
    if state.phase == Phase.ON_BREAK:
        ended = end_break(home, rules, moment)
        events = [
            Event(e.kind, e.at, {**e.fields, "back": True}) if e.kind == Kind.ENDED else e
            for e in ended.events
        ]
        return current.then(ended.state, *events)
    if gone >= natural_after(rules).total_seconds():
        fields = {"seconds": round(gone), "cause": state.away_cause or "idle"}
        fields["away_since"] = left.isoformat()
        rested = replace(
            home, phase=Phase.WORKING, since=back, rested=back, remind_at=None, postpones=0
        )
        rested = replace(rested, forward_to=None, rough=(), last_break=left)
        found = current.then(rested, Event(Kind.NATURAL, now, fields))
        return found._replace(back_from=left)
    # A short absence: the work clock stood still meanwhile.
    pause = timedelta(seconds=gone)

    def later(value: datetime | None) -> datetime | None:
        return value + pause if value is not None else None

    paused = replace(
        home,
        since=home.since + pause,
        rested=home.rested + pause,
        remind_at=later(home.remind_at),
        forward_to=later(home.forward_to),
        micro_at=later(home.micro_at),
    )
    return current.then(paused)
