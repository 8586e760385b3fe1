"""Record types kept in the stores. Later features add theirs here."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from companion.store.records import Record

# Keys inside Entry.fields that code outside the editor reads (they are prompt ids of
# content/<lang>/prompts.toml; companion.core.journal says how each answer is typed).
SCORE = "score"  # a mood check-in: 1-5
EMOTIONS = "emotions"  # [{"name": …, "intensity": 0-100}] or plain words
SUBJECT = "subject"  # whose story an observation tells


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

    @property
    def mood_score(self) -> int | None:
        """A mood check-in's score, if this is one and it has a readable score."""
        return mood_score(self.fields) if self.kind == "mood" else None

    @property
    def subject(self) -> str | None:
        """Whose story an observation tells ("she", "he", "they", "agent"), if it says."""
        value = self.fields.get(SUBJECT)
        return value if isinstance(value, str) and value else None


def mood_score(fields: Mapping[str, Any]) -> int | None:
    """The 1-5 score kept in an entry's fields (read from a document as it is, too): a
    whole number, or one kept as text by an import ("3")."""
    value = fields.get(SCORE)
    if isinstance(value, str) and value.strip().isdecimal():
        value = int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def emotion_names(fields: Mapping[str, Any]) -> tuple[str, ...]:
    """The feelings named in an entry's fields, without their intensities."""
    value = fields.get(EMOTIONS)
    if not isinstance(value, list):
        return ()
    names = (v.get("name") if isinstance(v, Mapping) else v for v in value)
    return tuple(n for n in names if isinstance(n, str) and n.strip())


@dataclasses.dataclass(frozen=True, kw_only=True)
class Draft(Record):
    """Unsaved input kept so nothing typed is lost (autosave, or an unexpected error).

    ``origin`` names what it belongs to (a stable name from companion.services.drafts,
    or a screen's class name in drafts kept before those names); ``fields`` is what that
    screen needs to put the text back.
    """

    origin: str
    fields: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class EditorDraft:
    """What the entry editor keeps in a Draft's fields: the kind, the entry being edited
    (None for a new one), the answers by prompt id and the tags as typed."""

    kind: str = "free"
    entry_id: str | None = None
    answers: dict[str, str] = dataclasses.field(default_factory=dict)
    tags: str = ""

    @classmethod
    def of(cls, draft: Draft) -> EditorDraft:
        """Read leniently: a field missing or of another type takes its default."""
        fields = draft.fields
        entry_id, answers = fields.get("entry_id"), fields.get("answers")
        return cls(
            kind=str(fields.get("kind", "free")),
            entry_id=entry_id if isinstance(entry_id, str) else None,
            answers=dict(answers) if isinstance(answers, dict) else {},
            tags=str(fields.get("tags", "")),
        )

    def to_fields(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "entry_id": self.entry_id,
            "answers": dict(self.answers),
            "tags": self.tags,
        }


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
    """One round of cognitive poker: the hand (its situation card, and the trap and side
    dealt with it, "" in rounds from before hands), the reframe written, a rating 1-3."""

    card_id: str
    trap: str = ""
    side: str = ""
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
