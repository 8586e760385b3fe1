"""Breathing timing: phases from the start instant, with a fake clock, in milliseconds."""

from __future__ import annotations

import math
import random

import pytest

from companion.core.breathing import (
    Pattern,
    Phase,
    breath_at,
    ease_in_out,
    rounds_completed,
)
from companion.core.stopwatch import Stopwatch
from companion.packs.calm import breathing_catalog
from companion.system.clock import FakeClock

CATALOG = breathing_catalog("en")
PATTERNS = {p.id: p for p in CATALOG.patterns}


def test_the_four_patterns_of_the_issue_ship_with_their_timings() -> None:
    assert {p.id: p.timing() for p in CATALOG.patterns} == {
        "4-7-8": "4-7-8",
        "box": "4-4-4-4",
        "coherent": "5.5-5.5",
        "cyclic-sigh": "2+1-6",
    }
    assert CATALOG.default == "4-7-8"
    assert PATTERNS["4-7-8"].beginner_rounds == 4
    assert PATTERNS["4-7-8"].rounds <= 4


def test_every_language_has_the_same_numbers() -> None:
    chinese = breathing_catalog("zh").patterns
    strip = [(p.id, p.phases, p.rounds, p.beginner_rounds) for p in CATALOG.patterns]
    assert [(p.id, p.phases, p.rounds, p.beginner_rounds) for p in chinese] == strip


@pytest.mark.parametrize("pattern_id", sorted(PATTERNS))
def test_phase_boundaries_of_every_pattern(pattern_id: str) -> None:
    pattern = PATTERNS[pattern_id]
    rounds = 3
    start = 0.0
    for round_no in range(1, rounds + 1):
        for index, phase in enumerate(pattern.phases):
            at_start = breath_at(pattern, rounds, start)
            assert (at_start.round, at_start.index) == (round_no, index)
            assert at_start.phase == phase
            assert at_start.remaining == pytest.approx(phase.seconds)
            assert at_start.seconds_left == math.ceil(phase.seconds)
            assert at_start.progress == 0.0
            if start > 0:  # a millisecond earlier is still the phase before
                before = breath_at(pattern, rounds, start - 0.001)
                assert (before.round, before.index) != (round_no, index)
                assert before.seconds_left == 1
            middle = breath_at(pattern, rounds, start + phase.seconds / 2)
            assert middle.index == index and middle.progress == pytest.approx(0.5)
            start += phase.seconds
    assert start == pytest.approx(pattern.duration(rounds))
    end = breath_at(pattern, rounds, start)
    assert end.finished and end.round == rounds and end.seconds_left == 0
    assert not breath_at(pattern, rounds, start - 0.001).finished


def test_seconds_left_count_down_and_say_when_they_change() -> None:
    pattern = PATTERNS["4-7-8"]
    shown = [breath_at(pattern, 1, t / 10).seconds_left for t in range(0, 40, 5)]
    assert shown == [4, 4, 3, 3, 2, 2, 1, 1]
    state = breath_at(pattern, 1, 0.3)
    assert state.until_change() == pytest.approx(0.7)
    coherent = breath_at(PATTERNS["coherent"], 1, 0.2)  # 5.5 s shows 6, then 5 at 0.5 s
    assert coherent.seconds_left == 6 and coherent.until_change() == pytest.approx(0.3)


def test_the_breath_fills_on_inhales_stays_on_holds_and_empties_on_exhales() -> None:
    sigh = PATTERNS["cyclic-sigh"]
    assert sigh.levels == pytest.approx([(0, 2 / 3), (2 / 3, 1), (1, 0)])
    box = PATTERNS["box"]
    assert box.levels == ((0, 1), (1, 1), (1, 0), (0, 0))
    mid_inhale = breath_at(box, 1, 2.0)
    assert mid_inhale.level() == pytest.approx(0.5)
    assert mid_inhale.level(ease_in_out) == pytest.approx(0.5)
    early = breath_at(box, 1, 0.4)
    assert early.level(ease_in_out) < early.level()  # eased: slow at the start


def test_a_ten_minute_session_does_not_drift() -> None:
    """Frames arrive late and unevenly; the phase still follows the clock exactly."""
    clock = FakeClock()
    pattern = PATTERNS["4-7-8"]  # 19 s a round
    watch = Stopwatch.start(clock.monotonic())
    rng = random.Random(5)
    ticks = 0
    while watch.elapsed(clock.monotonic()) < 600:
        clock.advance(1 / 25 + rng.uniform(0, 0.004))  # each frame a little late
        ticks += 1
    naive = ticks / 25  # what adding up frames would believe
    assert naive < 590  # ten seconds behind: a different phase altogether
    exact = clock.monotonic() - 1000.0
    state = breath_at(pattern, 40, watch.elapsed(clock.monotonic()))
    assert state.elapsed == pytest.approx(exact, abs=1e-6)
    # 600 s = 31 rounds of 19 s + 11 s: the 32nd round's out-breath has just begun.
    at_600 = breath_at(pattern, 40, 600.0)
    assert (at_600.round, at_600.phase.kind, at_600.remaining) == (32, "exhale", 8.0)
    assert breath_at(pattern, 40, 599.999).phase.kind == "hold_in"


def test_pause_and_resume_shift_the_start() -> None:
    clock = FakeClock()
    pattern = PATTERNS["box"]
    watch = Stopwatch.start(clock.monotonic())
    clock.advance(5)  # 1 s into the hold
    watch = watch.pause(clock.monotonic())
    clock.advance(120)  # help was open for two minutes
    assert watch.elapsed(clock.monotonic()) == 5
    assert watch.pause(clock.monotonic()) == watch  # pausing twice changes nothing
    watch = watch.resume(clock.monotonic())
    assert breath_at(pattern, 6, watch.elapsed(clock.monotonic())).phase.kind == "hold_in"
    clock.advance(3)
    state = breath_at(pattern, 6, watch.elapsed(clock.monotonic()))
    assert (state.phase.kind, state.remaining) == ("exhale", 4.0)
    assert watch.resume(clock.monotonic()) == watch


def test_jumping_ahead_keeps_a_paused_stopwatch_paused() -> None:
    watch = Stopwatch.start(10.0).pause(12.0)
    moved = watch.jump_to(30.0, now=50.0)
    assert moved.paused and moved.elapsed(99.0) == 30.0
    assert Stopwatch.start(10.0).jump_to(8.0, now=20.0).elapsed(21.0) == 9.0


def test_rounds_completed_for_a_session_left_early() -> None:
    pattern = PATTERNS["4-7-8"]
    assert rounds_completed(pattern, 4, 18.9) == 0
    assert rounds_completed(pattern, 4, 19.0) == 1
    assert rounds_completed(pattern, 4, 1000) == 4


def test_a_pattern_must_breathe_in_and_out() -> None:
    with pytest.raises(ValueError):
        Pattern("x", "x", (Phase("inhale", 4),))
    with pytest.raises(ValueError):
        Phase("inhale", 0)
    with pytest.raises(ValueError):
        Phase("gulp", 1)
    with pytest.raises(ValueError):
        breath_at(PATTERNS["box"], 0, 1.0)


def test_find_by_id_or_name() -> None:
    assert CATALOG.find("BOX").id == "box"
    assert CATALOG.find(" cyclic sighing ").id == "cyclic-sigh"
    assert CATALOG.find("nope") is None
    assert CATALOG.get(None).id == "4-7-8"
    assert CATALOG.get("nope").id == "4-7-8"
