"""The four-step reframe: what happened, the thought, other sides, a more useful meaning.

A stressful moment is facts plus an interpretation; the wizard walks from one to the
other and ends with the feeling rated again (before -> after). Pure: no Textual, no
files. The words (traps, perspectives, judgement words) are handed in from content.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any


class Page(StrEnum):
    """One screenful of the wizard. Step 2 has two pages (thought, traps)."""

    FACTS = "facts"
    THOUGHT = "thought"
    TRAPS = "traps"
    SIDES = "sides"
    MEANING = "meaning"
    SUMMARY = "summary"


PAGES: tuple[Page, ...] = tuple(Page)
STEP_OF: dict[Page, int] = {
    Page.FACTS: 1,
    Page.THOUGHT: 2,
    Page.TRAPS: 2,
    Page.SIDES: 3,
    Page.MEANING: 4,
    Page.SUMMARY: 4,
}
STEPS = 4
DEFAULT_INTENSITY = 50


def clamp_intensity(value: Any, default: int = DEFAULT_INTENSITY) -> int:
    """A feeling's strength, 0-100; anything unreadable becomes ``default``."""
    try:
        number = round(float(value))
    except (TypeError, ValueError):
        return default
    return max(0, min(100, number))


@dataclass
class Reframing:
    """What the person has written so far, and which page they are on."""

    facts: str = ""
    thought: str = ""
    feeling: str = ""
    before: int = DEFAULT_INTENSITY
    traps: list[str] = field(default_factory=list)
    sides: dict[str, str] = field(default_factory=dict)
    meaning: str = ""
    action: str = ""
    after: int | None = None  # None until the person re-rates; then shown as before -> after
    entry_id: str | None = None  # the thought-log entry it started from
    record_id: str | None = None  # once saved
    page: Page = Page.FACTS

    # -- moving between pages -------------------------------------------------------
    @property
    def step(self) -> int:
        return STEP_OF[self.page]

    def missing(self) -> str | None:
        """What the current page still needs before moving on (a content key's last part)."""
        if self.page is Page.FACTS and not self.facts.strip():
            return "facts"
        if self.page is Page.THOUGHT and not self.thought.strip():
            return "thought"
        if self.page is Page.MEANING and not self.meaning.strip():
            return "meaning"
        return None

    def advance(self) -> bool:
        """Go to the next page if this one is complete. Returns whether it moved."""
        if self.missing() is not None or self.page is Page.SUMMARY:
            return False
        if self.page is Page.MEANING and self.after is None:
            self.after = self.before
        self.page = PAGES[PAGES.index(self.page) + 1]
        return True

    def back(self) -> bool:
        if self.page is Page.FACTS:
            return False
        self.page = PAGES[PAGES.index(self.page) - 1]
        return True

    @property
    def finished(self) -> bool:
        return self.page is Page.SUMMARY

    @property
    def blank(self) -> bool:
        texts = (self.facts, self.thought, self.feeling, self.meaning, self.action)
        return not any(t.strip() for t in texts) and not any(self.sides.values())

    def toggle_trap(self, trap_id: str) -> None:
        if trap_id in self.traps:
            self.traps.remove(trap_id)
        else:
            self.traps.append(trap_id)

    @property
    def change(self) -> int | None:
        """How much the feeling eased (positive) or grew (negative); None before re-rating."""
        return None if self.after is None else self.before - self.after

    # -- keeping ------------------------------------------------------------------
    def record_fields(self) -> dict[str, Any]:
        """The fields of a stored ``Reframe`` record."""
        return {
            "facts": self.facts.strip(),
            "thought": self.thought.strip(),
            "feeling": self.feeling.strip(),
            "before": self.before,
            "traps": tuple(self.traps),
            "sides": {k: v.strip() for k, v in self.sides.items() if v.strip()},
            "meaning": self.meaning.strip(),
            "action": self.action.strip(),
            "after": self.after,
            "entry_id": self.entry_id,
            "page": self.page.value,
            "finished": self.finished,
        }

    @classmethod
    def from_record(cls, record: Any) -> Reframing:
        """Pick up a stored (maybe unfinished) reframe where it was left."""
        try:
            page = Page(getattr(record, "page", Page.FACTS))
        except ValueError:
            page = Page.FACTS
        return cls(
            facts=record.facts,
            thought=record.thought,
            feeling=record.feeling,
            before=clamp_intensity(record.before),
            traps=list(record.traps),
            sides=dict(record.sides),
            meaning=record.meaning,
            action=record.action,
            after=None if record.after is None else clamp_intensity(record.after),
            entry_id=record.entry_id,
            record_id=record.id,
            page=page,
        )


# -- starting from a thought-log entry ------------------------------------------------
_FEELING = re.compile(r"^\s*(.*?)[\s:：=]*(\d{1,3})\s*%?\s*$")
_SPLIT = re.compile(r"[,，、;；\n]+")
_FACT_FIELDS = ("situation", "event", "facts", "what_happened")
_THOUGHT_FIELDS = ("thought", "automatic_thought", "thoughts")
_FEELING_FIELDS = ("emotions", "emotion", "feelings", "feeling")


def first_feeling(value: Any) -> tuple[str, int | None]:
    """The first feeling named in a journal answer: "angry 70, hurt 40" -> ("angry", 70).

    The journal's answers are not a fixed shape, so a string, a list of strings or of
    {"name"/"word", "intensity"/"score"} mappings, or a mapping name -> number all work.
    """
    if isinstance(value, Mapping):
        if any(k in value for k in ("name", "word")):
            name = str(value.get("name") or value.get("word") or "")
            score = value.get("intensity", value.get("score"))
            return name.strip(), None if score is None else clamp_intensity(score)
        for name, score in value.items():
            return str(name).strip(), clamp_intensity(score)
        return "", None
    if isinstance(value, (list, tuple)):
        return first_feeling(value[0]) if value else ("", None)
    if not isinstance(value, str):
        return "", None
    for part in _SPLIT.split(value):
        if not part.strip():
            continue
        found = _FEELING.match(part)
        if found and found.group(1):
            return found.group(1).strip(), clamp_intensity(found.group(2))
        return part.strip(), None
    return "", None


def _text_field(fields: Mapping[str, Any], names: Iterable[str]) -> str:
    for name in names:
        value = fields.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def from_entry(entry: Any) -> Reframing:
    """A reframe seeded from a thought-log entry: its text is the facts, its thought and
    first feeling fill step 2. Reads whatever fields exist and ignores the rest."""
    fields = getattr(entry, "fields", None)
    fields = fields if isinstance(fields, Mapping) else {}
    text = getattr(entry, "text", "")
    facts = _text_field(fields, _FACT_FIELDS) or (text.strip() if isinstance(text, str) else "")
    feeling, intensity = "", None
    for name in _FEELING_FIELDS:
        if fields.get(name):
            feeling, intensity = first_feeling(fields[name])
            break
    if intensity is None and "intensity" in fields:
        intensity = clamp_intensity(fields["intensity"])
    return Reframing(
        facts=facts,
        thought=_text_field(fields, _THOUGHT_FIELDS),
        feeling=feeling,
        before=DEFAULT_INTENSITY if intensity is None else intensity,
        entry_id=getattr(entry, "id", None),
    )


# -- a gentle hint when the facts read as a judgement ---------------------------------
def _is_wide(word: str) -> bool:
    return any(ord(c) > 0x2E80 for c in word)


def parse_word_list(text: str) -> tuple[str, ...]:
    """ "rude, on purpose, 故意" -> ("rude", "on purpose", "故意"). A trailing * on a
    word matches any ending ("deliberate*" matches "deliberately")."""
    return tuple(w.strip() for w in re.split(r"[,，、\n]+", text) if w.strip())


def judgement_words(text: str, words: Iterable[str]) -> list[str]:
    """The judging words found in ``text``, in the order of the list, each once.

    Words in Chinese (or any script without spaces) match anywhere; others match whole
    words, ignoring case.
    """
    found = []
    for word in words:
        stem = word.rstrip("*")
        if not stem:
            continue
        if _is_wide(stem):
            hit = stem in text
        else:
            tail = r"\w*" if word.endswith("*") else ""
            pattern = rf"(?<!\w){re.escape(stem)}{tail}(?!\w)"
            hit = re.search(pattern, text, re.IGNORECASE) is not None
        if hit and stem not in found:
            found.append(stem)
    return found


# -- asking, once, the next day how it turned out ------------------------------------
FOLLOW_UP_DAYS = 7  # older reframes are not asked about: the moment has passed
OUTCOMES = ("better", "as_expected", "harder")
FOLLOW_UP_STATES = ("pending", "asked", "answered")  # a reframe's question, in order


def follow_up_due(reframes: Iterable[Any], now: datetime, last_checked: date | None) -> Any | None:
    """The reframe to ask about at this open, or None.

    Asked at the first open of a later day (``last_checked`` is the day of the last
    check), about the newest finished reframe from an earlier day that has not been
    asked about yet and is less than a week old. One question a day at most.
    """
    today = now.date()
    if last_checked is not None and last_checked >= today:
        return None
    oldest = today - timedelta(days=FOLLOW_UP_DAYS)
    waiting = [
        r
        for r in reframes
        if r.finished
        and r.follow_up == "pending"
        and oldest <= r.created_at.astimezone(now.tzinfo).date() < today
    ]
    return max(waiting, key=lambda r: r.created_at, default=None)


def follow_up_answer(outcome: str, note: str = "") -> dict[str, Any]:
    """The changes that record an answer to the follow-up (outcome "" and no note: the
    question was seen and skipped; it is not asked again either way)."""
    if outcome and outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    answered = bool(outcome or note.strip())
    return {
        "follow_up": "answered" if answered else "asked",
        "outcome": outcome,
        "outcome_note": note.strip(),
    }
