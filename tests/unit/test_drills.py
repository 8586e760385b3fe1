"""Drill scoring, progress that never shames, the next drill to offer, and the
thought-pair quiz."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest

from companion.core.drills import (
    Drill,
    Option,
    ThoughtPair,
    answer,
    next_drill,
    pair_question,
    progress,
)

T0 = datetime(2026, 11, 23, 10, 0).astimezone()


def drill(drill_id: str, best: int = 1) -> Drill:
    options = tuple(Option(f"{drill_id}-{i}", f"why {i}", i == best) for i in range(3))
    return Drill(drill_id, "refund", f"situation {drill_id}", options)


DRILLS = [drill("a"), drill("b", best=0), drill("c", best=2)]


def attempt(drill_id: str, best: bool, minutes: int) -> SimpleNamespace:
    return SimpleNamespace(drill_id=drill_id, best=best, created_at=T0 + timedelta(minutes=minutes))


def test_an_answer_says_whether_it_was_the_best_option_and_which_was() -> None:
    assert answer(DRILLS[0], 1).best
    wrong = answer(DRILLS[0], 2)
    assert not wrong.best and wrong.best_index == 1 and wrong.choice == 2
    with pytest.raises(IndexError):
        answer(DRILLS[0], 3)


def test_progress_counts_what_was_tried_and_what_clicked() -> None:
    attempts = [
        attempt("b", True, 5),
        attempt("a", False, 1),  # out of order on purpose
        attempt("a", True, 3),
        attempt("gone", True, 4),  # a drill no longer in the content
    ]
    seen = progress(DRILLS, attempts)
    assert (seen.total, seen.tried, seen.untried) == (3, 2, 1)
    assert seen.first_try == 1  # b right first time; a only on the second go
    assert seen.latest_best == 2


def test_the_next_drill_is_new_first_then_one_that_has_not_clicked_then_any() -> None:
    rng = random.Random(0)
    assert next_drill(DRILLS, [attempt("a", True, 1), attempt("b", False, 2)], rng).id == "c"
    tried_all = [attempt("a", True, 1), attempt("b", False, 2), attempt("c", True, 3)]
    assert next_drill(DRILLS, tried_all, rng).id == "b"
    all_best = [attempt(d.id, True, i) for i, d in enumerate(DRILLS)]
    picks = {next_drill(DRILLS, all_best, rng, skip="a").id for _ in range(30)}
    assert picks == {"b", "c"}


def test_the_drill_just_shown_is_skipped_when_there_is_another() -> None:
    rng = random.Random(1)
    assert {next_drill(DRILLS, [], rng, skip="a").id for _ in range(30)} == {"b", "c"}
    assert next_drill(DRILLS[:1], [], rng, skip="a").id == "a"
    with pytest.raises(ValueError):
        next_drill([], [], rng)


PAIRS = [ThoughtPair(f"p{i}", f"neg {i}", f"help {i}") for i in range(6)]


@pytest.mark.parametrize("seed", range(10))
def test_a_pair_question_holds_the_right_answer_among_others(seed: int) -> None:
    question = pair_question(PAIRS, random.Random(seed), PAIRS[2])
    assert len(question.options) == 3 and len(set(question.options)) == 3
    assert question.options[question.answer] == "help 2"


def test_a_pair_question_with_a_tiny_table_still_works() -> None:
    question = pair_question(PAIRS[:2], random.Random(0), PAIRS[0])
    assert sorted(question.options) == ["help 0", "help 1"]
