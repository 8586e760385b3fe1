"""Scenario drills and the thought-pair quiz: multiple choice, explained, never graded.

A drill is a real situation with a few replies; one is the most helpful, and every
option says why it helps or not. Progress is what has been tried and what clicked, so
the practice room can offer the situations not seen yet first. Pure: no files.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Option:
    text: str
    why: str
    best: bool = False


@dataclass(frozen=True)
class Drill:
    id: str
    topic: str  # a topic id: refund, delivery, abuse, departments, review, product, pressure
    situation: str
    options: tuple[Option, ...]

    @property
    def best_index(self) -> int:
        return next(i for i, o in enumerate(self.options) if o.best)


@dataclass(frozen=True)
class Answer:
    drill_id: str
    choice: int
    best: bool
    best_index: int


def answer(drill: Drill, choice: int) -> Answer:
    if not 0 <= choice < len(drill.options):
        raise IndexError(f"{drill.id} has no option {choice}")
    return Answer(drill.id, choice, drill.options[choice].best, drill.best_index)


@dataclass(frozen=True)
class Progress:
    total: int
    tried: int  # situations answered at least once
    first_try: int  # situations where the first answer was the most helpful one
    latest_best: int  # situations whose latest answer was the most helpful one

    @property
    def untried(self) -> int:
        return self.total - self.tried


def progress(drills: Sequence[Drill], attempts: Iterable[Any]) -> Progress:
    """``attempts`` are stored records with drill_id, best and created_at, any order."""
    known = {d.id for d in drills}
    first: dict[str, Any] = {}
    latest: dict[str, Any] = {}
    for attempt in sorted(attempts, key=lambda a: a.created_at):
        if attempt.drill_id not in known:
            continue  # a drill that was removed from the content
        first.setdefault(attempt.drill_id, attempt)
        latest[attempt.drill_id] = attempt
    return Progress(
        total=len(drills),
        tried=len(first),
        first_try=sum(1 for a in first.values() if a.best),
        latest_best=sum(1 for a in latest.values() if a.best),
    )


HEAVY_TOPICS = ("crisis",)  # drills about a customer in danger: not dealt first


def next_drill(
    drills: Sequence[Drill], attempts: Iterable[Any], rng: random.Random, skip: str | None = None
) -> Drill:
    """Something new if there is anything new; then what has not clicked yet; then any.

    ``skip`` (the drill just shown) is avoided whenever there is another choice.
    """
    if not drills:
        raise ValueError("no drills")
    latest: dict[str, bool] = {}
    for attempt in sorted(attempts, key=lambda a: a.created_at):
        latest[attempt.drill_id] = attempt.best
    pools = (
        [d for d in drills if d.id not in latest],
        [d for d in drills if latest.get(d.id) is False],
        list(drills),
    )
    for pool in pools:
        candidates = [d for d in pool if d.id != skip]
        if not latest:  # someone's very first drill is never a customer in danger
            candidates = [d for d in candidates if d.topic not in HEAVY_TOPICS] or candidates
        if candidates:
            return rng.choice(candidates)
    return drills[0]


# -- the negative <-> helpful thought table -------------------------------------------
@dataclass(frozen=True)
class ThoughtPair:
    id: str
    negative: str
    helpful: str


@dataclass(frozen=True)
class PairQuestion:
    pair: ThoughtPair
    options: tuple[str, ...]  # helpful thoughts, one of them the pair's own
    answer: int


def pair_question(
    pairs: Sequence[ThoughtPair], rng: random.Random, pair: ThoughtPair, size: int = 3
) -> PairQuestion:
    """Which of these answers that thought? The right one plus others from the table."""
    others = [p.helpful for p in pairs if p.id != pair.id]
    options = [pair.helpful, *rng.sample(others, min(size - 1, len(others)))]
    rng.shuffle(options)
    return PairQuestion(pair, tuple(options), options.index(pair.helpful))
