"""Journal entry rules: kinds and their prompts, tags, emotions, mood scores, validation.

Pure: no Textual, no files. The words (kind names, prompts) come from
``content/<lang>/prompts.toml`` and are handed in as parsed data; the rules about what
each answer may hold live here. Kinds stay open-ended: an entry of a kind this catalogue
does not know (another feature's "vent", a later feature's kind) is still listed,
searched and exported, as text.
"""

# Not `from __future__ import annotations`: fields of a NamedTuple given as text are
# compiled when the module loads (the first compile ~2 ms), on every command's path.

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

MAIN = "text"  # the prompt whose answer is Entry.text; every other answer goes to fields
MAX_TEXT = 1_100_000  # characters in one answer: a 1 MB paste still fits; more is an accident
MAX_TAGS = 20
MAX_TAG_LEN = 40
MOOD_SCALE = 5

# How an answer is typed and checked, by prompt id. Anything else is free text.
PROMPT_TYPES: dict[str, str] = {
    "emotions": "emotions",  # "angry 70, 委屈 40": words with an intensity 0-100
    "score": "scale",  # mood 1..MOOD_SCALE
    "words": "line",  # mood words, one line
    "subject": "subject",  # whose story an observation tells
    "tomorrow": "line",
}
SUBJECTS = ("she", "he", "they", "agent")

# Patterns, compiled (and cached by re) when first used: `companion find` uses none of
# them, and compiling the three at import cost it a millisecond.
# A tag is '#' then letters, digits, '_' or '-' (any script, so #退款 works); it must
# not follow a letter or digit (an issue number like "order#123" is not a tag).
_TAG = r"(?<![\w#&])#([^\W_][\w-]*)"
_EMOTION = r"^(.*?)[\s:：=]*(\d{1,3})\s*%?$"
_EMOTION_SPLIT = r"[,，、;；\n]+"


class EntryError(ValueError):
    """An answer that does not fit. ``code`` names why (a content key under
    ``journal.errors``); ``detail`` fills its placeholders."""

    def __init__(self, code: str, **detail: str) -> None:
        super().__init__(f"{code} {detail}" if detail else code)
        self.code = code
        self.detail = detail


class Prompt(NamedTuple):  # (NamedTuples: a dataclass costs a millisecond to define)
    id: str
    label: str
    hint: str = ""
    values: str = ""  # a content key prefix naming stored ids ("routine.feelings" -> words)

    @property
    def type(self) -> str:
        return PROMPT_TYPES.get(self.id, "text")


class Kind(NamedTuple):
    id: str
    name: str
    about: str
    prompts: tuple[Prompt, ...]
    short: str = ""  # for the list's narrow column
    offered: bool = True  # False: written by another feature, not offered for a new entry
    hidden: tuple[str, ...] = ()  # fields kept for the feature, never shown

    def prompt(self, prompt_id: str) -> Prompt | None:
        return next((p for p in self.prompts if p.id == prompt_id), None)


def catalogue_from_pack(pack: Mapping[str, Any]) -> dict[str, Kind]:
    """``prompts.toml`` -> {kind id: Kind}, in the file's order."""
    kinds = {}
    for kind_id, spec in pack.get("kinds", {}).items():
        prompts = tuple(
            Prompt(pid, p["label"], p.get("hint", ""), p.get("values", ""))
            for pid, p in spec["prompts"].items()
        )
        kinds[kind_id] = Kind(
            kind_id,
            spec["name"],
            spec.get("about", ""),
            prompts,
            spec.get("short", spec["name"]),
            spec.get("offered", True),
            tuple(spec.get("hidden", ())),
        )
    return kinds


# -- tags ------------------------------------------------------------------------
def tags_in(text: str) -> tuple[str, ...]:
    """Tags written inline: "#refund call with #退款" -> ("refund", "退款")."""
    return tuple(m.group(1) for m in re.finditer(_TAG, text))


def clean_tag(raw: str) -> str:
    tag = raw.strip().lstrip("#").strip()
    if not tag or not re.fullmatch(r"[^\W_][\w-]*", tag):
        raise EntryError("bad_tag", tag=raw.strip())
    if len(tag) > MAX_TAG_LEN:
        raise EntryError("long_tag", tag=tag[:MAX_TAG_LEN] + "…", limit=str(MAX_TAG_LEN))
    return tag


def split_tags(text: str) -> list[str]:
    """A tag field as typed: "#refund, angry 退款" -> ["refund", "angry", "退款"]."""
    return [clean_tag(part) for part in re.split(r"[\s,，、;；]+", text) if part.strip("# ")]


def merge_tags(*groups: Iterable[str]) -> tuple[str, ...]:
    """Tags in first-seen order, without repeats that differ only by case."""
    seen: dict[str, str] = {}
    for group in groups:
        for tag in group:
            seen.setdefault(tag.casefold(), tag)
    if len(seen) > MAX_TAGS:
        raise EntryError("too_many_tags", limit=str(MAX_TAGS))
    return tuple(seen.values())


# -- emotions and mood --------------------------------------------------------------
def parse_emotions(text: str) -> list[dict[str, Any]]:
    """ "angry 70, 委屈 40%, tired" -> [{"name": "angry", "intensity": 70}, ...].

    An intensity is 0-100 and optional; a word alone is kept without one.
    """
    found = []
    for part in re.split(_EMOTION_SPLIT, text):
        part = part.strip()
        if not part:
            continue
        match = re.match(_EMOTION, part)
        if match and match.group(1).strip():
            name, value = match.group(1).strip(), int(match.group(2))
            if value > 100:
                raise EntryError("bad_intensity", emotion=name, value=str(value))
            found.append({"name": name, "intensity": value})
        elif match:
            raise EntryError("emotion_without_name", value=part)
        else:
            found.append({"name": part})
    return found


def format_emotions(emotions: Iterable[Mapping[str, Any]]) -> str:
    """Feelings written back: "angry 70, hurt 40"; named in Chinese, with the full-width
    comma Chinese writes ("生气 80，委屈 60")."""
    parts = []
    chinese = False
    for emotion in emotions:
        name = str(emotion["name"])
        chinese = chinese or any(unicodedata.east_asian_width(c) in ("W", "F") for c in name)
        if "intensity" in emotion:
            parts.append(f"{name} {emotion['intensity']}")
        else:
            parts.append(name)
    return ("，" if chinese else ", ").join(parts)


def parse_score(value: Any) -> int:
    try:
        score = int(str(value).strip())
    except ValueError:
        raise EntryError("bad_score", value=str(value), top=str(MOOD_SCALE)) from None
    if not 1 <= score <= MOOD_SCALE:
        raise EntryError("bad_score", value=str(value), top=str(MOOD_SCALE))
    return score


# -- a whole entry ---------------------------------------------------------------------
class Answers(NamedTuple):
    """What an entry holds once checked: ready for Entry(kind, text, fields, tags)."""

    kind: str
    text: str
    fields: dict[str, Any]
    tags: tuple[str, ...]


def check_kind(kind: str, catalogue: Mapping[str, Kind]) -> str:
    if kind not in catalogue:
        raise EntryError("unknown_kind", kind=kind, known=", ".join(catalogue))
    return kind


def build_entry(
    kind: str,
    answers: Mapping[str, str],
    catalogue: Mapping[str, Kind],
    extra_tags: Iterable[str] = (),
    *,
    new: bool = True,
) -> Answers:
    """Typed answers (prompt id -> what the person wrote) -> a checked entry.

    Raises EntryError for an unknown kind, an empty entry, a bad emotion intensity or
    mood score, a new mood check-in without its score, or an odd tag.
    """
    spec = catalogue[check_kind(kind, catalogue)]
    fields: dict[str, Any] = {}
    text = ""
    inline: list[str] = []
    for prompt in spec.prompts:
        raw = answers.get(prompt.id, "")
        raw = raw if isinstance(raw, str) else str(raw)
        if len(raw) > MAX_TEXT:
            raise EntryError("too_long", limit=str(MAX_TEXT))
        if not raw.isascii():
            try:
                raw.encode("utf-8")
            except UnicodeEncodeError:  # lone surrogates: bytes that were never text
                raise EntryError("not_text") from None
        if prompt.type in ("text", "line"):
            inline.extend(tags_in(raw))
        value = raw.strip() if prompt.type != "text" else raw.rstrip()
        if not value.strip():
            continue
        if prompt.id == MAIN:
            text = value
        elif prompt.type == "emotions":
            fields[prompt.id] = parse_emotions(value)
        elif prompt.type == "scale":
            fields[prompt.id] = parse_score(value)
        elif prompt.type == "subject":
            fields[prompt.id] = value if value in SUBJECTS else SUBJECTS[0]
        else:
            fields[prompt.id] = value
    if not text.strip() and not any(k != "subject" for k in fields):
        raise EntryError("empty")
    scale = next((p for p in spec.prompts if p.type == "scale"), None)
    if new and scale is not None and scale.id not in fields:
        # A mood check-in is its score; the words around it are optional. (An entry kept
        # without one before this rule can still be edited.)
        raise EntryError("no_score", top=str(MOOD_SCALE))
    if spec.prompt(MAIN) is None:
        # A kind without a main question (a release's two lines): its text, what lists,
        # search and exports show first, is its written answers, one a line.
        text = "\n".join(fields[p.id] for p in spec.prompts if p.type == "text" and p.id in fields)
    tags = merge_tags(inline, (clean_tag(t) for t in extra_tags))
    return Answers(kind, text, fields, tags)


def answers_of(text: str, fields: Mapping[str, Any]) -> dict[str, str]:
    """An entry back as the typed answers an editor shows (the inverse of build_entry)."""
    out = {MAIN: text}
    for key, value in fields.items():
        if PROMPT_TYPES.get(key) == "emotions" and isinstance(value, list):
            out[key] = format_emotions(value)
        elif isinstance(value, (str, int, float)):
            out[key] = str(value)
        else:
            out[key] = str(value)
    return out


def field_text(value: Any) -> str:
    """Any stored answer as plain text, for search, lists and exports."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, Mapping) and "name" in v for v in value):
        return format_emotions(value)
    if isinstance(value, list):
        return ", ".join(field_text(v) for v in value)
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {field_text(v)}" for k, v in value.items())
    return "" if value is None else str(value)


# C0 controls but newline and tab, DEL and C1: an escape sequence in someone's text
# (pasted from a terminal) must show as a symbol, never reach the terminal and act.
_CONTROLS = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)}
_CONTROLS.update({0x7F: 0x2421, **{c: 0xFFFD for c in range(0x80, 0xA0)}})
# Bidirectional embeddings, overrides and isolates: they reorder how the rest of a line
# reads on the screen (U+202E shows "txt.exe" for "exe.txt").
_CONTROLS.update({c: 0xFFFD for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def shown(text: str) -> str:
    """User text made safe to put on a terminal: control characters become visible
    symbols (ESC shows as ␛); everything else, markup-looking text included, stays."""
    return text.translate(_CONTROLS)


def tags_to_show(line: str, tags: Iterable[str]) -> list[str]:
    """Tags not already visible in ``line`` (an inline #tag shows once, not twice)."""
    folded = line.casefold()
    return [shown(t) for t in tags if f"#{t}".casefold() not in folded]


def summary(text: str, fields: Mapping[str, Any], width: int = 200) -> str:
    """One line for a list: the main text, or the first answer there is."""
    first = text.strip() or next(
        (
            field_text(v)
            for k, v in fields.items()
            if k not in ("subject", "score") and field_text(v).strip()
        ),
        "",
    )
    if isinstance(fields.get("score"), int):
        first = f"{fields['score']}/{MOOD_SCALE} {first}".strip()
    return cut(shown(" ".join(first.split())), width)


def cut(line: str, width: int = 200) -> str:
    """A line cut to ``width`` characters, "…" last if it was longer. A ``summary`` cut
    again to a smaller width is the summary at that width."""
    return line if len(line) <= width else line[: width - 1] + "…"
