"""The SOS minute's timeline, and the pure parts of the breathing widgets."""

from __future__ import annotations

import math

import pytest

from companion.core.sos import sos_at, sos_steps, step_start
from companion.packs.calm import breathing_catalog, pick_line, self_talk_lines
from companion.ui.widgets.orb import orb_spans
from companion.ui.widgets.phase_bar import bar_cells, segment_widths
from companion.ui.widgets.tension import typed_value

SIGH = breathing_catalog("en").get("cyclic-sigh")
STEPS = sos_steps(SIGH)


def test_the_minute_is_about_sixty_seconds_of_steps_in_order() -> None:
    assert [s.name for s in STEPS] == ["arrive", "sigh", "feeling", "notice", "self_talk", "back"]
    assert step_start(STEPS, len(STEPS) - 1) == 60.0
    assert STEPS[1].seconds == 27.0  # three cyclic sighs of 9 s


@pytest.mark.parametrize(
    ("elapsed", "name", "into"),
    [(0, "arrive", 0), (7.99, "arrive", 7.99), (8, "sigh", 0), (35, "feeling", 0), (60, "back", 0)],
)
def test_each_step_begins_where_the_last_ends(elapsed: float, name: str, into: float) -> None:
    state = sos_at(STEPS, elapsed)
    assert state.step.name == name and state.into == pytest.approx(into)


def test_noticing_counts_five_things_and_back_waits() -> None:
    start = step_start(STEPS, 3)
    assert [sos_at(STEPS, start + t).noticed for t in (0, 1.99, 2, 9.99)] == [1, 1, 2, 5]
    assert sos_at(STEPS, start + 2.5).until_change() == pytest.approx(1.5)
    back = sos_at(STEPS, 500)
    assert back.step.name == "back" and back.until_change() == math.inf


def test_there_are_enough_self_talk_lines_and_picks_never_repeat() -> None:
    import random

    for lang in ("en", "zh"):
        assert len(self_talk_lines(lang)) >= 30
    rng = random.Random(3)
    lines = self_talk_lines("en")
    last = None
    for _ in range(50):
        index = pick_line(lines, rng, last)
        assert index != last
        last = index


def test_the_orb_is_round_centred_and_grows_with_the_breath() -> None:
    empty, full = orb_spans(40, 12, 0.0), orb_spans(40, 12, 1.0)
    width = lambda spans: max(r - l + 1 for l, r in filter(None, spans))  # noqa: E731, E741
    assert width(empty) < width(full) <= 40
    assert sum(s is not None for s in full) > sum(s is not None for s in empty)
    for left, right in filter(None, full):
        assert left + right == 39  # symmetric around the middle column
    assert full == full[::-1]  # and around the middle row
    assert orb_spans(0, 5, 1.0) == ()


def test_the_phase_bar_shares_the_width_by_seconds() -> None:
    four_seven_eight = breathing_catalog("en").get("4-7-8")
    assert segment_widths(four_seven_eight, 38) == [8, 14, 16]
    cells = bar_cells(four_seven_eight, 38)
    assert cells[1] == "█" * 14  # a hold stays full
    assert cells[0][0] < cells[0][-1] and cells[2][0] > cells[2][-1]  # rises, then falls
    assert sum(segment_widths(SIGH, 7)) == 7


def test_ten_is_one_then_zero_typed_quickly() -> None:
    assert typed_value(None, 7, None) == 7
    assert typed_value(1, 0, 0.4) == 10
    assert typed_value(1, 0, 3.0) == 0
    assert typed_value(4, 0, 0.4) == 0
