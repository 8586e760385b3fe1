"""Home: greeting, date, today's figures (none yet), and the keys to every screen."""

from __future__ import annotations

import pytest

from companion.system.clock import FakeClock
from companion.ui.shell.home import HomeScreen
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


async def test_home_wakes_for_its_clock_and_nothing_else(app_factory, clock: FakeClock) -> None:
    """No timer of Home's own: the app's one timer comes back for the clock's next minute
    while the next break is hours away."""
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        clock.advance(seconds=20)
        assert app.rhythm.delay() == pytest.approx(40.02)
        clock.advance(seconds=40)
        app.rhythm.tick()
        await pilot.pause()
        assert "10:31" in screen_text(app)


async def test_the_countdown_keeps_each_second_after_another_screen(
    app_factory, clock: FakeClock
) -> None:
    """Home showed "60 s" for eight seconds, then jumped: the one timer had been set for
    the screen in front before (a minute away), and Home came back to a sleeping timer."""
    from tests.ui.helpers import awake

    app = app_factory("en")
    asked: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        set_timer = app.set_timer

        def recorded(delay, *args, **kwargs):  # type: ignore[no-untyped-def]
            if kwargs.get("name") == "break rhythm":
                asked.append(delay)
            return set_timer(delay, *args, **kwargs)

        app.set_timer = recorded  # type: ignore[method-assign]
        await pilot.press("s")  # Settings shows no seconds: the timer may sleep
        awake(app, clock, hours=1, minutes=58, seconds=55)
        await pilot.pause()
        assert asked[-1] > 2  # sleeping for Settings
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Next break in 65 s" not in screen_text(app)
        assert asked[-1] <= 5.1  # woken again for Home's next figure (1 min at 60 s)
        awake(app, clock, seconds=asked[-1])
        await pilot.pause()
        assert "Next break in 1 min" in screen_text(app) or "60 s" in screen_text(app)
        assert asked[-1] <= 1.1  # and then every second
        for left in (59, 58, 57):
            awake(app, clock, seconds=asked[-1])
            await pilot.pause()
            assert f"Next break in {left} s" in screen_text(app)


async def test_keys_on_home_follow_a_user_keymap(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.set_keymap({"settings": "o"})
        app.screen.refresh_view()
        await pilot.pause()
        assert ("o", "Settings") in key_pairs(screen_text(app))
        await pilot.press("o")
        assert type(app.screen).__name__ == "SettingsScreen"


async def test_home_is_the_bottom_of_the_stack(app_factory) -> None:
    """Home is the app's first screen (made with the start, drawn in its first frame),
    not a screen pushed over an empty one: going home from deep inside stops there."""
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen_stack == [app.screen] and isinstance(app.screen, HomeScreen)
        await pilot.press("j")
        await pilot.pause()
        assert len(app.screen_stack) == 2
        app.go_home()
        await pilot.pause()
        assert app.screen_stack == [app.screen] and isinstance(app.screen, HomeScreen)


async def test_a_window_too_small_at_start_is_told_once(app_factory) -> None:
    """The start's size is looked at once: one notice over Home, and Home when the window
    grows (it was pushed twice, one of them under Home for the app's life)."""
    from companion.ui.shell.too_small import TooSmallScreen

    app = app_factory("en")
    async with app.run_test(size=(44, 12)) as pilot:
        await pilot.pause()
        stack = [type(s) for s in app.screen_stack]
        assert stack == [HomeScreen, TooSmallScreen]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen_stack == [app.screen] and isinstance(app.screen, HomeScreen)


async def test_todays_figures_come_just_after_the_first_frame(app_factory, monkeypatch) -> None:
    """Home is drawn without reading the journal (its figures read this month's part of
    it); the figures follow once the app has started."""
    from companion.ui.app import CompanionApp
    from tests.ui.helpers import text_of

    at_mount: list[tuple[bool, str]] = []
    mount = HomeScreen.on_mount

    def on_mount(self: HomeScreen) -> None:
        mount(self)
        at_mount.append((self.figures_drawn, text_of(self.query_one("#glance"))))

    monkeypatch.setattr(HomeScreen, "on_mount", on_mount)
    settle = CompanionApp._settle
    figures_at_settle: list[bool] = []

    def _settle(self: CompanionApp) -> None:
        settle(self)
        figures_at_settle.append(self.screen_stack[0].figures_drawn)

    monkeypatch.setattr(CompanionApp, "_settle", _settle)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert at_mount == [(False, "")]
        assert figures_at_settle == [True]
        assert "Nothing recorded yet today" in screen_text(app)
