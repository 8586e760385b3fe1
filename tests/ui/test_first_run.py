"""The first-run welcome: short, skippable, shown once, and language first."""

from __future__ import annotations

from pathlib import Path

from companion.services.config import load_config
from companion.ui.shell.home import HomeScreen
from companion.ui.shell.welcome import PAGES, WelcomeScreen
from tests.ui.helpers import screen_text


async def test_welcome_walks_through_and_is_shown_once(app_factory) -> None:
    app = app_factory("en", welcome_done=False)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        assert "Which language would you like?" in screen_text(app)
        await pilot.press("enter")  # English is focused
        seen = [screen_text(app)]
        for _ in PAGES[2:]:
            await pilot.press("enter")
            seen.append(screen_text(app))
        text = "\n".join(seen)
        assert "It stays with you" in text and "Nothing is sent anywhere" in text
        assert "not therapy or medical help" in text and "12356" in text
        assert "findahelpline.com" in text
        await pilot.press("enter")  # Start
        assert isinstance(app.screen, HomeScreen)
    again = app_factory("en", welcome_done=False)
    async with again.run_test(size=(80, 24)):
        assert isinstance(again.screen, HomeScreen)


async def test_escape_skips_and_still_counts_as_shown(app_factory) -> None:
    app = app_factory("en", welcome_done=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    assert app.services.stores.state.get("welcome_done") is True


async def test_picking_chinese_switches_the_app_and_remembers_it(app_factory, home: Path) -> None:
    app = app_factory(lang=None, welcome_done=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#lang-zh")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "这是什么" in screen_text(app)
        assert "第 2 步，共 4 步" in screen_text(app)
        await pilot.press("left")
        assert "想用哪种语言？" in screen_text(app)
        await pilot.press("escape")
        assert "早上好。" in screen_text(app)
    assert load_config(home / "config.toml").settings.language == "zh"


async def test_arrow_keys_move_between_the_languages(app_factory, home: Path) -> None:
    app = app_factory(lang=None, welcome_done=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")  # from English to 中文, not past the question
        assert isinstance(app.screen, WelcomeScreen) and app.screen.page == 0
        assert app.focused is not None and app.focused.id == "lang-zh"
        await pilot.press("left", "right", "enter")
        assert "这是什么" in screen_text(app)
        await pilot.press("right")  # past the first page, arrows turn pages again
        assert "第 3 步，共 4 步" in screen_text(app)
    assert load_config(home / "config.toml").settings.language == "zh"


async def test_the_tour_can_be_seen_again_from_the_palette(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Welcome tour")
        command.callback()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
