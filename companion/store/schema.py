"""Record types kept in the stores. Later features add theirs here."""

from __future__ import annotations

import dataclasses
from typing import Any

from companion.store.records import Record


@dataclasses.dataclass(frozen=True, kw_only=True)
class Entry(Record):
    """One piece of private writing in journal.db.

    ``kind`` names what it is ("free", "thought", "observation", "reflection", "mood",
    "vent", …); ``text`` is its main text (what search and exports show first);
    ``fields`` holds the kind's own answers (prompt id -> text or number).
    """

    kind: str
    text: str = ""
    fields: dict[str, Any] = dataclasses.field(default_factory=dict)
    tags: tuple[str, ...] = ()
    starred: bool = False


@dataclasses.dataclass(frozen=True, kw_only=True)
class Draft(Record):
    """Unsaved input kept so nothing typed is lost (autosave, or an unexpected error).

    ``origin`` names the screen it belongs to; ``fields`` is what that screen needs to
    put the text back.
    """

    origin: str
    fields: dict[str, Any] = dataclasses.field(default_factory=dict)


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
