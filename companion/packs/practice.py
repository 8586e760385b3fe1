"""The reframing and practice packs, read from content and checked as they load.

``content/<lang>/traps.toml``, ``perspectives.toml``, ``situations.toml``,
``emotion_cards.toml``, ``drills.toml``, ``thought_pairs.toml``, ``replies.toml``,
``roleplays.toml`` and ``reframe.toml`` become typed, frozen data here. A pack that is
incomplete (a trap without its question, a drill without exactly one best option, a
role play with a dead end or a loop) raises ``ContentError`` naming the file and key,
so a broken edit is caught at load, not halfway through a practice.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from companion.core.drills import Drill, Option, ThoughtPair
from companion.core.reframe import parse_word_list
from companion.core.roleplay import Reply, Roleplay, Step, problems
from companion.system.content import ContentError, content_root, load_pack

LISTENING = ("acknowledge", "confirm", "paraphrase")  # the listening card's three moves
DRILL_TOPICS = ("refund", "delivery", "abuse", "teams", "review", "product", "rush", "crisis")

T = TypeVar("T")


@dataclass(frozen=True)
class Trap:
    id: str
    name: str
    description: str
    example: str
    question: str


@dataclass(frozen=True)
class Perspective:
    id: str
    name: str
    about: str
    prompts: tuple[str, ...]


@dataclass(frozen=True)
class Situation:
    id: str
    situation: str
    thought: str
    samples: tuple[str, ...]


@dataclass(frozen=True)
class EmotionCard:
    id: str
    name: str
    sounds_like: tuple[str, ...]
    needs: str
    first_line: str


@dataclass(frozen=True)
class ReplyExample:
    id: str
    title: str
    customer: str
    buffer: str
    explain: str
    solution: str
    follow_up: str


@dataclass(frozen=True)
class Avoid:
    id: str
    phrase: str
    why: str
    instead: str


@dataclass(frozen=True)
class ReplyGuide:
    principle_title: str
    principle: str
    shape_title: str
    shape: tuple[tuple[str, str], ...]  # (part id, what it does): buffer … follow_up
    examples: tuple[ReplyExample, ...]
    avoid: tuple[Avoid, ...]
    listening_title: str = ""
    listening_body: str = ""
    listening: tuple[str, ...] = ()  # acknowledge, confirm, paraphrase


class _Reader:
    """Typed access to one parsed pack, with errors that name the file and key."""

    def __init__(self, lang: str, name: str, root: Path | None) -> None:
        self.path = (root or content_root()) / lang / f"{name}.toml"
        self.data = load_pack(lang, name, root)

    def fail(self, key: str, reason: str) -> ContentError:
        return ContentError(self.path, key.lstrip("."), reason)

    def table(self, node: Any, key: str) -> Mapping[str, Any]:
        if not isinstance(node, Mapping) or not node:
            raise self.fail(key, "expected a table with entries")
        return node

    def text(self, node: Mapping[str, Any], key: str, field: str) -> str:
        value = node.get(field)
        if not isinstance(value, str):
            raise self.fail(f"{key}.{field}", "missing text")
        return value.strip()

    def texts(self, node: Mapping[str, Any], key: str, field: str) -> tuple[str, ...]:
        value = node.get(field)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{key}.{field}", "expected a list of one or more texts")
        return tuple(v.strip() for v in value)

    def number(self, node: Mapping[str, Any], key: str, field: str, low: int, high: int) -> int:
        value = node.get(field)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self.fail(f"{key}.{field}", f"expected a whole number from {low} to {high}")
        return value

    def entries(
        self, build: Callable[[str, Mapping[str, Any]], T], node: Any = None
    ) -> tuple[T, ...]:
        node = self.data if node is None else node
        return tuple(build(k, self.table(v, k)) for k, v in self.table(node, "").items())


def _simple(
    lang: str, name: str, kind: type[T], root: Path | None, section: str = ""
) -> tuple[T, ...]:
    """A pack (or one ``section`` of it) of tables whose fields are all text, or lists
    of text for tuple fields: one table per record, its key the record's id."""
    r = _Reader(lang, name, root)
    fields = dataclasses.fields(kind)[1:]  # type: ignore[arg-type]

    def build(key: str, node: Mapping[str, Any]) -> T:
        where = f"{section}.{key}" if section else key
        values = [
            r.texts(node, where, f.name)
            if str(f.type).startswith("tuple")
            else r.text(node, where, f.name)
            for f in fields
        ]
        return kind(key, *values)

    return r.entries(build, r.data.get(section, {}) if section else None)


@cache
def traps(lang: str, root: Path | None = None) -> tuple[Trap, ...]:
    return _simple(lang, "traps", Trap, root)


@cache
def perspectives(lang: str, root: Path | None = None) -> tuple[Perspective, ...]:
    return _simple(lang, "perspectives", Perspective, root)


@cache
def situations(lang: str, root: Path | None = None) -> tuple[Situation, ...]:
    return _simple(lang, "situations", Situation, root)


@cache
def emotion_cards(lang: str, root: Path | None = None) -> tuple[EmotionCard, ...]:
    return _simple(lang, "emotion_cards", EmotionCard, root)


@cache
def thought_pairs(lang: str, root: Path | None = None) -> tuple[ThoughtPair, ...]:
    return _simple(lang, "thought_pairs", ThoughtPair, root)


@cache
def drills(lang: str, root: Path | None = None) -> tuple[Drill, ...]:
    r = _Reader(lang, "drills", root)

    def build(key: str, node: Mapping[str, Any]) -> Drill:
        topic = r.text(node, key, "topic")
        if topic not in DRILL_TOPICS:
            raise r.fail(f"{key}.topic", f"unknown topic; use one of {', '.join(DRILL_TOPICS)}")
        raw = node.get("options")
        if not isinstance(raw, list) or not 2 <= len(raw) <= 4:
            raise r.fail(f"{key}.options", "a drill needs two to four options")
        options = []
        for index, option in enumerate(raw):
            where = f"{key}.options[{index}]"
            option = r.table(option, where)
            best = option.get("best", False)
            if not isinstance(best, bool):
                raise r.fail(f"{where}.best", "best must be true or false")
            options.append(
                Option(r.text(option, where, "text"), r.text(option, where, "why"), best)
            )
        if sum(o.best for o in options) != 1:
            raise r.fail(f"{key}.options", "exactly one option must be marked best = true")
        return Drill(key, topic, r.text(node, key, "situation"), tuple(options))

    return r.entries(build)


@cache
def roleplays(lang: str, root: Path | None = None) -> tuple[Roleplay, ...]:
    r = _Reader(lang, "roleplays", root)

    def step(play: str, key: str, node: Mapping[str, Any]) -> Step:
        where = f"{play}.steps.{key}"
        replies = []
        for index, reply in enumerate(node.get("replies", [])):
            at = f"{where}.replies[{index}]"
            reply = r.table(reply, at)
            replies.append(
                Reply(
                    r.text(reply, at, "text"),
                    r.text(reply, at, "note"),
                    r.number(reply, at, "heat", -100, 100),
                    r.text(reply, at, "next"),
                )
            )
        outcome = r.text(node, where, "outcome") if not replies else ""
        return Step(key, r.text(node, where, "customer"), tuple(replies), outcome)

    def build(key: str, node: Mapping[str, Any]) -> Roleplay:
        steps = {k: step(key, k, r.table(v, k)) for k, v in r.table(node.get("steps"), key).items()}
        play = Roleplay(
            key,
            r.text(node, key, "title"),
            r.text(node, key, "setting"),
            r.text(node, key, "lesson"),
            r.text(node, key, "start"),
            r.number(node, key, "heat", 0, 100),
            steps,
        )
        found = problems(play)
        if found:
            raise r.fail(key, "; ".join(found))
        return play

    return r.entries(build)


@cache
def reply_guide(lang: str, root: Path | None = None) -> ReplyGuide:
    r = _Reader(lang, "replies", root)
    principle = r.table(r.data.get("principle"), "principle")
    shape = r.table(r.data.get("shape"), "shape")
    listening = r.table(r.data.get("listening"), "listening")
    parts = ("buffer", "explain", "solution", "follow_up")
    return ReplyGuide(
        principle_title=r.text(principle, "principle", "title"),
        principle=r.text(principle, "principle", "body"),
        shape_title=r.text(shape, "shape", "title"),
        shape=tuple((p, r.text(shape, "shape", p)) for p in parts),
        examples=_simple(lang, "replies", ReplyExample, root, "examples"),
        avoid=_simple(lang, "replies", Avoid, root, "avoid"),
        listening_title=r.text(listening, "listening", "title"),
        listening_body=r.text(listening, "listening", "body"),
        listening=tuple(r.text(listening, "listening", move) for move in LISTENING),
    )


@cache
def judgement_words(lang: str, root: Path | None = None) -> tuple[str, ...]:
    r = _Reader(lang, "reframe", root)
    return parse_word_list(r.text(r.data, "", "judgement_words"))


def load_all(lang: str, root: Path | None = None) -> None:
    """Load and check every pack of a language (raises ContentError on the first fault)."""
    for loader in (
        traps,
        perspectives,
        situations,
        emotion_cards,
        thought_pairs,
        drills,
        roleplays,
        reply_guide,
        judgement_words,
    ):
        loader(lang, root)
