"""Settings: language and theme change the whole app at once and are saved."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, Select

from companion.services.config import load_config
from companion.ui.shell.home import HomeScreen
from companion.ui.shell.settings import SettingsScreen
from tests.ui.helpers import Notes, screen_text

ORDER = {"language": ["auto", "en", "zh"], "theme": ["dark", "light"]}


async def choose(pilot, select_id: str, value: str) -> None:  # type: ignore[no-untyped-def]
    """Pick an option with the keyboard, as a user does."""
    select = pilot.app.screen.query_one(f"#{select_id}", Select)
    select.focus()
    await pilot.pause()
    await pilot.press("enter")
    options = ORDER[select_id]
    steps = options.index(value) - options.index(select.value)
    for _ in range(abs(steps)):
        await pilot.press("down" if steps > 0 else "up")
    await pilot.press("enter")
    await pilot.pause()


async def test_switching_to_chinese_changes_every_screen_and_is_saved(
    app_factory, home: Path
) -> None:
    app = app_factory(lang=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SettingsScreen)
        assert "Language" in screen_text(app)
        await choose(pilot, "language", "zh")
        assert "语言" in screen_text(app) and "Language" not in screen_text(app)
        footer = {a.binding.description for a in app.screen.active_bindings.values()}
        assert "返回" in footer
        assert app.screen.query_one("#language", Select).has_focus
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        assert "早上好。" in screen_text(app)  # the screen below changed too
    assert load_config(home / "config.toml").settings.language == "zh"
    assert 'language = "zh"' in (home / "config.toml").read_text("utf-8")


async def test_theme_switch_applies_and_is_saved(app_factory, home: Path) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "companion-dark"
        await pilot.press("s")
        await choose(pilot, "theme", "light")
        assert app.theme == "companion-light"
        await pilot.press("escape", "t")  # and the quick key flips it back
        assert app.theme == "companion-dark"
    assert load_config(home / "config.toml").settings.theme == "dark"


async def test_a_broken_config_is_never_overwritten(app_factory, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    config = home / "config.toml"
    config.write_text('# mine\ntheme = "light"\nlanguage = \n', "utf-8")
    before = config.read_bytes()
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await pilot.press("s")
        assert "could not be read" in screen_text(app)  # the problem is shown in Settings
        await choose(pilot, "theme", "light")
        assert app.theme == "companion-light"  # it still applies for this session
        assert "The setting was not saved" in notes.text()
    assert config.read_bytes() == before


async def test_bad_values_are_reported_at_start(app_factory, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('theme = "purple"\n', "utf-8")
    app = app_factory("en")
    notes = Notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "companion-dark"
        message = 'config.toml: theme = "purple" is not one of dark, light; using the default.'
        assert message in notes.text()
        await pilot.press("s")
        assert message in screen_text(app)


async def test_a_full_disk_while_saving_is_said_plainly(
    app_factory, home: Path, monkeypatch
) -> None:
    import errno

    import companion.services.config.save

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        monkeypatch.setattr(companion.services.config.save, "write_atomic", full)
        await pilot.press("t")
        assert app.theme == "companion-light"  # applied for this session
        assert "The setting was not saved: No space left on device" in notes.text()
        await pilot.press("t")
        assert app.theme == "companion-dark"  # and the session remembers what it shows
    assert not (home / "config.toml").exists()


async def test_the_saved_theme_is_the_first_one_parsed(
    app_factory, home: Path, monkeypatch
) -> None:
    """A light theme from config.toml is in place before the stylesheet is first parsed:
    the CSS is parsed once at start, never parsed again for the theme."""
    from textual.color import Color
    from textual.css.stylesheet import Stylesheet

    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('theme = "light"\n', "utf-8")
    reparsed = []
    real = Stylesheet.reparse

    def counting(self: Stylesheet) -> None:
        reparsed.append(1)
        real(self)

    monkeypatch.setattr(Stylesheet, "reparse", counting)
    app = app_factory()
    assert app.theme == "companion-light" and app.current_theme.name == "companion-light"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        light = Color.parse(app.current_theme.background or "")
        assert app.screen.styles.background == light  # drawn in the light theme
        assert reparsed == []
    assert app.has_class("-light-mode") and not app.has_class("-dark-mode")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "“200000000h”太长了，最长只能是 24 小时。"),
        ("en", "“200000000h” is longer than 24 h, the most it can be."),
    ],
)
async def test_a_duration_beyond_its_limit_is_refused_in_words(
    app_factory, home: Path, lang: str, said: str
) -> None:
    """The limit is said as Settings says lengths, in the person's language (never the
    config file's "24h")."""
    from textual.widgets import Input

    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        field = app.screen.query_one("#break_every", Input)
        field.focus()
        field.value = "200000000h"  # the clock would overflow adding it
        await pilot.press("enter")
        await pilot.pause()
        assert said in screen_text(app)
        assert app.services.config.settings.break_every.total_seconds() == 2 * 3600
    assert not (home / "config.toml").exists() or "200000000h" not in (
        home / "config.toml"
    ).read_text("utf-8")


async def test_durations_are_typed_and_shown_the_chinese_way(app_factory, home: Path) -> None:
    """Issue 15: Settings takes 1小时30分 and 30秒 as written, and shows 2 小时, not 2h."""
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        every = app.screen.query_one("#break_every", Input)
        assert every.value == "2 小时"
        assert app.screen.query_one("#break_length", Input).value == "10 分钟"
        every.focus()
        every.value = ""
        await pilot.press(*"1小时30分", "enter")
        await pilot.pause()
        length = app.screen.query_one("#break_length", Input)
        length.focus()
        length.value = ""
        await pilot.press(*"30秒", "enter")
        await pilot.pause()
        assert app.screen.query_one("#break_length-error").has_class("hidden")
    settings = load_config(home / "config.toml").settings
    assert settings.break_every == timedelta(minutes=90)
    assert settings.break_length == timedelta(seconds=30)
