"""The break rhythm in words: spans of time, the count-down face and Home's line."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from companion.core.breaks import Phase
from companion.core.shift import Shift
from companion.services.breaks import BreakView
from companion.system.i18n import Strings
from companion.system.i18n import format_span as span
from companion.ui.breaks.text import clock_face, needs_seconds, next_redraw, status_line
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
