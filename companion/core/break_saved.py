"""The break rhythm's state as kept between runs (a dict for the app-state store).

The monotonic reading is never kept: it means nothing in another run.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from companion.core.breaks import Phase, State


def to_dict(state: State) -> dict[str, Any]:
    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value is not None else None

    return {
        "phase": str(state.phase),
        "since": iso(state.since),
        "seen": iso(state.seen),
        "rested": iso(state.rested),
        "remind_at": iso(state.remind_at),
        "postpones": state.postpones,
        "dnd_until": iso(state.dnd_until),
        "away_since": iso(state.away_since),
        "away_cause": state.away_cause,
        "micro_at": iso(state.micro_at),
        "forward_to": iso(state.forward_to),
        "rough": [iso(moment) for moment in state.rough],
        "peak_on": state.peak_on.isoformat() if state.peak_on is not None else None,
        "last_break": iso(state.last_break),
        "fixed_name": state.fixed_name,
        "fixed_rest": state.fixed_rest,
    }


def from_dict(data: Any) -> State | None:
    """A saved state, or None if it cannot be read (the caller starts fresh).

    The monotonic reading is never restored: it means nothing in another run, so the
    whole time since the last look counts as time away.
    """

    def when(value: Any) -> datetime | None:
        if value is None:
            return None
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError("naive time")
        return moment.astimezone(UTC)

    try:
        since, seen = when(data["since"]), when(data["seen"])
        if since is None or seen is None:
            return None
        return State(
            phase=Phase(data["phase"]),
            since=since,
            seen=seen,
            rested=when(data.get("rested")) or since,  # (saved before it was kept)
            remind_at=when(data.get("remind_at")),
            postpones=int(data.get("postpones", 0)),
            dnd_until=when(data.get("dnd_until")),
            # Kept since issue 19; a state saved before has none of them.
            away_since=when(data.get("away_since")),
            away_cause=str(data.get("away_cause") or ""),
            micro_at=when(data.get("micro_at")),
            forward_to=when(data.get("forward_to")),
            rough=tuple(filter(None, (when(v) for v in data.get("rough") or ()))),
            peak_on=date.fromisoformat(data["peak_on"]) if data.get("peak_on") else None,
            last_break=when(data.get("last_break")),
            fixed_name=str(data.get("fixed_name") or ""),
            fixed_rest=bool(data.get("fixed_rest", True)),
        )
    except (KeyError, TypeError, ValueError):
        return None
