"""Contacts: a chat just ended (marked in the app or by ``companion contact``), and
whether it was rough. What the break rhythm does with that:

- "After this chat" ends on the next mark: the break is asked for again at once,
  instead of waiting up to ``rules.after_chat``.
- Several rough contacts within ``rules.rough_window`` (``rules.rough_limit``; 0: never)
  bring the next break forward: the heads-up comes now and the break after it, unless
  it is coming sooner anyway. Only contacts since the last rest count.

Offering the SOS minute after a rough one is the app's (one line, one key).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from companion.core.break_types import Event, Moment, Outcome
from companion.core.breaks import TOLERANCE, Kind, Phase, Rules, State, due_at, step


def contact(state: State, rules: Rules, moment: Moment, at: datetime, rough: bool) -> Outcome:
    """A chat ended at ``at`` (UTC)."""
    current = step(state, rules, moment)
    state, now = current.state, moment.utc
    events: list[Event] = []
    if state.phase == Phase.AFTER_CHAT and _after_asking(state, rules, at):
        fields = {"again": True, "postpones": state.postpones, "cause": "contact"}
        events.append(Event(Kind.DUE, now, fields))
        state = replace(state, phase=Phase.DUE, remind_at=None)
    if rough and rules.rough_limit > 0 and state.phase != Phase.OFF:
        start = max(now - rules.rough_window, state.rested)
        recent = tuple(sorted(t for t in {*state.rough, at} if t >= start))
        state = replace(state, rough=recent)
        sooner = now + rules.heads_up
        working = state.phase in (Phase.WORKING, Phase.HEADS_UP)
        if working and len(recent) >= rules.rough_limit and due_at(state, rules) > sooner:
            events.append(Event(Kind.FORWARD, now, {"rough": len(recent)}))
            heads_up = step(replace(state, forward_to=sooner, rough=()), rules, moment)
            return current.then(heads_up.state, *events, *heads_up.events)
    return current.then(state, *events)


def _after_asking(state: State, rules: Rules, at: datetime) -> bool:
    """Was the chat ended after "after this chat" was chosen (not one marked before)?"""
    if state.remind_at is None:
        return True
    asked = state.remind_at - rules.after_chat
    return (at - asked).total_seconds() >= -TOLERANCE
