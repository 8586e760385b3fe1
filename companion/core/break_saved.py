"""The break rhythm's state as kept between runs (a dict for the app-state store).

The monotonic reading is never kept: it means nothing in another run.
"""

from __future__ import annotations

from datetime import UTC, datetime
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
        )
    except (KeyError, TypeError, ValueError):
        return None
