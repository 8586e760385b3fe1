"""Home: greeting, date, today's figures (none yet), and the keys to every screen."""

from __future__ import annotations

from unittest.mock import Mock

import pytest

from companion.system.clock import FakeClock
from companion.ui.shell.home import REFRESH_SECONDS, HomeScreen
from tests.ui.helpers import screen_text


def key_pairs(text: str) -> set[tuple[str, str]]:
    """(key, label) pairs from Home's key grid: two to a line, separated by wide gaps."""
    import re

    pairs = set()
    for line in text.splitlines():
        for cell in re.split(r"\s{3,}", line.strip()):
            key, _, label = cell.partition(" ")
            if key and label:
                pairs.add((key, label.strip()))
    return pairs


async def test_home_in_english(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)):
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "Good morning." in text
        assert "Monday 23 November · 10:30" in text
        assert "Nothing recorded yet today" in text
        for key, label in (("s", "Settings"), ("?", "Help"), ("q", "Quit")):
            assert (key, label) in key_pairs(text), label


async def test_home_in_chinese(app_factory) -> None:
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)):
        text = screen_text(app)
        assert "早上好。" in text
        assert "11月23日 星期一 · 10:30" in text
        assert "今天还没有记录" in text
        assert ("s", "设置") in key_pairs(text)


@pytest.mark.parametrize(
    ("hours", "greeting"),
    [(3, "Good afternoon."), (9, "Good evening."), (13, "Working late? Go gently.")],
)
async def test_greeting_follows_the_clock(
    app_factory, clock: FakeClock, hours: int, greeting: str
) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # let the app settle (start-up work that waits a frame)
        clock.advance(hours=hours)
        app.screen.refresh_view()  # what the slow timer does every 30 s
        await pilot.pause()
        assert greeting in screen_text(app)


async def test_the_home_timer_is_slow_and_pauses_when_hidden(app_factory) -> None:
    assert REFRESH_SECONDS >= 30
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        spy = Mock(wraps=home._timer)
        home._timer = spy
        await pilot.press("s")
        spy.pause.assert_called_once()
        await pilot.press("escape")
        spy.resume.assert_called_once()


async def test_keys_on_home_follow_a_user_keymap(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.set_keymap({"settings": "o"})
        app.screen.refresh_view()
        await pilot.pause()
        assert ("o", "Settings") in key_pairs(screen_text(app))
        await pilot.press("o")
        assert type(app.screen).__name__ == "SettingsScreen"
