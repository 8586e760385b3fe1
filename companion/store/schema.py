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

    ``origin`` names what it belongs to (a stable name from companion.services.drafts,
    or a screen's class name in drafts kept before those names); ``fields`` is what that
    screen needs to put the text back.
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


@dataclasses.dataclass(frozen=True, kw_only=True)
class BreakRating(Record):
    """How tense (0-10) the person was before a break and after it, asked as it ends;
    either may be left out. In activity.db, so insights can say what breaks do."""

    tension_before: int | None = None
    tension_after: int | None = None


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


@dataclasses.dataclass(frozen=True, kw_only=True)
class Reframe(Record):
    """A four-step reframe (companion.core.reframe) in journal.db, kept as it is written.

    ``entry_id`` links it to the thought-log Entry it started from (find the reframes of
    an entry with ``Practice.reframes_for_entry``). ``page`` is where an unfinished one
    was left. ``follow_up`` is the next-day question: pending -> asked -> answered.
    """

    facts: str = ""
    thought: str = ""
    feeling: str = ""
    before: int = 50
    traps: tuple[str, ...] = ()
    sides: dict[str, str] = dataclasses.field(default_factory=dict)
    meaning: str = ""
    action: str = ""
    after: int | None = None
    entry_id: str | None = None
    page: str = "facts"
    finished: bool = False
    follow_up: str = "pending"
    outcome: str = ""  # better | as_expected | harder, or "" when not said
    outcome_note: str = ""


@dataclasses.dataclass(frozen=True, kw_only=True)
class DrillAttempt(Record):
    """One answer to a scenario drill: which option, and whether it was the best one."""

    drill_id: str
    topic: str = ""
    choice: int = 0
    best: bool = False


@dataclasses.dataclass(frozen=True, kw_only=True)
class PokerRound(Record):
    """One round of cognitive poker: the card, the reframe written, a self-rating 1-3."""

    card_id: str
    reframe: str = ""
    seconds: int = 0
    in_time: bool = True
    rating: int = 0  # 0: not rated


@dataclasses.dataclass(frozen=True, kw_only=True)
class RoleplayRun(Record):
    """One finished role play: the replies picked and how the customer's heat moved."""

    play_id: str
    choices: tuple[int, ...] = ()
    heat_start: int = 0
    heat_end: int = 0
    ending: str = ""
