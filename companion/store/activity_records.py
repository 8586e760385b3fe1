"""Record types kept in activity.db: breaks, breathing, SOS, chats marked as ended.
Small, frequent events, never private writing (readable without the passphrase)."""

from __future__ import annotations

import dataclasses
from typing import Any

from companion.store.records import Record


@dataclasses.dataclass(frozen=True, kw_only=True)
class BreakEvent(Record):
    """One moment of the break rhythm, in activity.db (never private writing).

    ``kind`` is a ``companion.core.breaks.Kind`` value (heads_up, due, postponed,
    after_chat, started, ended, skipped, natural, dnd_on, dnd_off, shift_start,
    shift_end); ``created_at`` is when it happened; ``fields`` holds its figures
    (seconds away, postponement count, whether a break was started early …).
    """

    kind: str
    fields: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True, kw_only=True)
class BreakRating(Record):
    """How tense (0-10) the person was before a break and after it, asked as it ends;
    either may be left out. In activity.db, so insights can say what breaks do."""

    tension_before: int | None = None
    tension_after: int | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class Contact(Record):
    """A chat that just ended, marked in the app or by ``companion contact`` (a helpdesk
    macro, a hotkey), in activity.db: only when, whether it was rough, and where it was
    marked. Nothing of the chat itself is ever kept."""

    rough: bool = False
    source: str = "app"  # "app" | "command"


@dataclasses.dataclass(frozen=True, kw_only=True)
class BreathingSession(Record):
    """One guided breathing session in activity.db (finished, or left part-way).

    ``tension_before``/``tension_after`` are the optional 0-10 ratings ("how tense are
    you"), so insights can show what a few minutes of breathing did. ``origin`` says
    what opened it: "breathe" (the screen or the command) or another feature's name.
    """

    pattern: str  # the pattern's id ("4-7-8", "box" … or a custom pattern's name)
    rounds: int  # rounds planned
    rounds_done: int
    seconds: float  # breathed, pauses not counted
    completed: bool
    tension_before: int | None = None
    tension_after: int | None = None
    origin: str = "breathe"


@dataclasses.dataclass(frozen=True, kw_only=True)
class SosReset(Record):
    """One SOS minute in activity.db: how far it went and the optional 0-10 ratings.

    Nothing of what the user may have typed in the vent pad is ever kept here.
    """

    seconds: float
    completed: bool  # reached "back to work"
    tension_before: int | None = None
    tension_after: int | None = None
