"""The journal's own record types: entries and drafts (and what they hold).

The other records live beside it, each where it is needed: activity.db's in
``activity_records``, the practice file's in ``practice_records``, so that
``companion note`` builds only the types it uses."""

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
