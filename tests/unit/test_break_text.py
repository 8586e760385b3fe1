"""The break rhythm in words: spans of time, the count-down face and Home's line."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from itertools import pairwise

import pytest
from rich.cells import cell_len
from textual.content import Content

from companion.core.activities import activities_from
from companion.core.breaks import Phase
from companion.core.shift import Shift
from companion.services.breaks import BreakView
from companion.system.content import load_pack
from companion.system.i18n import Strings
from companion.system.i18n import format_span as span
from companion.ui.breaks.text import clock_face, needs_seconds, next_redraw, status_line
from companion.ui.widgets.prose import NO_LINE_START
from tests.conftest import SHANGHAI

EN, ZH = Strings("en"), Strings("zh")
NOW = datetime(2026, 11, 23, 10, 30, tzinfo=SHANGHAI)


def view(phase: Phase, left: float | None = None, **kwargs: object) -> BreakView:
    values: dict[str, object] = {
        "phase": phase,
        "since": NOW,
        "seconds_left": left,
        "deadline": None,
        "postpones": 0,
        "postpones_left": 3,
        "dnd_until": None,
        "shift": None,
        "break_length": 600.0,
        "rested": NOW,
    }
    values.update(kwargs)
    return BreakView(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("seconds", "en", "zh"),
    [
        (0.2, "1 s", "1 秒"),
        (59, "59 s", "59 秒"),
        (60, "1 min", "1 分钟"),
        (61, "2 min", "2 分钟"),
        (3599, "1 h", "1 小时"),
        (5400, "1 h 30 min", "1 小时 30 分钟"),
        (7200, "2 h", "2 小时"),
    ],
)
def test_spans_round_minutes_up(seconds: float, en: str, zh: str) -> None:
    assert span(seconds, EN) == en
    assert span(seconds, ZH) == zh


def test_the_clock_face() -> None:
    assert clock_face(600) == "10:00"
    assert clock_face(599.4) == "10:00"
    assert clock_face(59) == "00:59"
    assert clock_face(-3) == "00:00"


def test_seconds_only_in_the_last_minute() -> None:
    assert not needs_seconds(view(Phase.WORKING, 61))
    assert needs_seconds(view(Phase.WORKING, 59))
    assert needs_seconds(view(Phase.ON_BREAK, 12))
    assert not needs_seconds(view(Phase.DUE))
    assert not needs_seconds(view(Phase.WORKING, 30, dnd_until=NOW))


def test_the_line_is_redrawn_when_its_figure_changes() -> None:
    assert next_redraw(view(Phase.WORKING, 7200)) == 60
    assert next_redraw(view(Phase.WORKING, 130.5)) == pytest.approx(10.5)
    assert next_redraw(view(Phase.WORKING, 42.25)) == pytest.approx(0.25)
    assert next_redraw(view(Phase.DUE)) is None


def test_status_lines() -> None:
    assert status_line(view(Phase.WORKING, 7200), NOW, "k", EN) == "Next break in 2 h"
    assert status_line(view(Phase.DUE), NOW, "k", EN) == "A break is due. Press k to start it."
    assert status_line(view(Phase.ON_BREAK, 400), NOW, "k", ZH) == "休息中，还剩 7 分钟。"
    later = NOW + timedelta(minutes=30)
    assert status_line(view(Phase.WORKING, 60, dnd_until=later), NOW, "k", EN) == (
        "Do not disturb until 11:00."
    )
    office = Shift(time(9, 0), time(18, 0))
    evening = NOW.replace(hour=19)
    assert status_line(view(Phase.OFF, shift=office), evening, "k", EN) == (
        "Outside your shift hours. Reminders start again on Tuesday at 09:00."
    )
    assert status_line(view(Phase.OFF, shift=office), evening, "k", ZH) == (
        "现在不在班次时间内，提醒将于 星期二 09:00 恢复。"
    )
    early = NOW.replace(hour=7)
    assert status_line(view(Phase.OFF, shift=office), early, "k", EN).endswith("at 09:00.")


# At 80 columns a toast holds 36 cells of text (40 wide, padding and its bar) and the
# break screen 76. Chinese wraps only at spaces, so "2 分钟后该歇…" could leave the 2
# at the end of a line and put its unit on the next.
TOAST, SCREEN = 36, 76
DURATION_LINES = [
    ("breaks.screen.due_body", SCREEN),
    ("breaks.screen.over_body", SCREEN),
    ("breaks.home.postponed", SCREEN),
    ("routine.energy.done_body", SCREEN),
    ("breaks.toast.heads_up", TOAST),
    ("breaks.toast.postponed", TOAST),
    ("breaks.toast.after_chat", TOAST),
    ("breaks.toast.skipped", TOAST),
    ("breaks.toast.natural", TOAST),
]


@pytest.mark.parametrize(("key", "width"), DURATION_LINES)
@pytest.mark.parametrize("seconds", [120, 900, 5400, 7500, 12 * 3600 + 45 * 60])
def test_chinese_break_lines_keep_each_number_with_its_unit(
    key: str, width: int, seconds: int
) -> None:
    length = span(seconds, ZH)
    text = ZH(key, key="k", time=length, every=length, worked=length, away=length)
    lines = [line.plain for part in text.split("\n") for line in Content(part).wrap(width)]
    for line, below in pairwise(lines):
        split = line.rstrip()[-1:].isdigit() and cell_len(below[:1]) == 2
        assert not split, f"{key} breaks a number from its unit: {line!r} / {below!r}"


def test_chinese_break_ideas_wrap_cleanly_on_the_break_screen() -> None:
    # The idea is a plain line on the break screen: a run of Chinese folds where the
    # width runs out, and moves down whole after a space ("20-20-20 法则：…").
    for idea in activities_from(load_pack("zh", "activities")):
        lines = [line.plain for line in Content(idea.text).wrap(SCREEN)]
        assert all(line[:1] not in NO_LINE_START for line in lines), (idea.id, lines)
        assert len(lines) == 1 or cell_len(lines[0]) > SCREEN // 2, (idea.id, lines)
