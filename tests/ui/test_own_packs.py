"""A person's own packs in the app: beside the built-in content on the screens that use
it, shown as written (never markup), and what was skipped said once at start and in
full in Settings."""

from __future__ import annotations

from pathlib import Path

from companion.ui.breaks.screen import BreakScreen
from companion.ui.practice.poker import PokerScreen
from companion.ui.shell.settings import SettingsScreen
from tests.ui.helpers import Notes, screen_text, text_of
from tests.ui.test_content_wiring import due_break
from tests.unit.test_own_packs import GOOD, write


async def test_their_content_shows_beside_the_built_in(app_factory, clock, home: Path) -> None:
    for name in ("activities.toml", "replies.toml", "situations.toml", "traps.toml"):
        write(home, name, GOOD[name])
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "5")
        text = screen_text(app)
        assert "Our sizes run small" in text and "Tell me if it's right when it comes." in text
        await pilot.press("escape", "1")
        poker = app.screen
        assert isinstance(poker, PokerScreen)
        situations, traps, _sides = poker.decks()
        assert "gift_late" in situations and "double_standard" in traps
        await pilot.press("escape", "escape")
        screen = await due_break(pilot, clock)
        assert isinstance(screen, BreakScreen)
        ideas = screen.ideas()
        screen.idea = next(n for n, idea in enumerate(ideas) if idea.id == "plant")
        screen._show_idea()
        shown = text_of(screen.query_one("#idea"))
        assert "[bold]Look at the plant[/bold]" in shown  # as written, never markup


async def test_what_was_skipped_is_said_once_and_listed_in_settings(app_factory, home) -> None:
    write(home, "self_talk.toml", 'lines = ["fine", 42]\n', lang="zh")
    write(home, "traps.toml", GOOD["traps.toml"], lang="zh")
    app = app_factory("zh")
    notes = Notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "有 1 条自己写的内容没能加载" in notes.text()
        await pilot.press("s")
        assert isinstance(app.screen, SettingsScreen)
        text = screen_text(app)
        assert "我自己的内容包" in text and "data/packs/zh" in text
        assert "已从" in text and "加载 2 个自己的内容包" in text
        assert "self_talk.toml：lines = ['fine', 42]：应该是一串文字" in text


async def test_nothing_of_their_own_is_quiet(app_factory) -> None:
    app = app_factory("en")
    notes = Notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert "No packs of your own yet. They go in" in screen_text(app)
    assert "packs" not in notes.text()
