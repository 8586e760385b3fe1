"""Every screen works down to the smallest window companion accepts (60x16) and the one
the issue found broken (60x20): what doesn't fit scrolls, and the keys stay in the
footer, inside the window (issue 15, item 8). Settings' labels stay on one line."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll

from companion.core.terminal import MIN_HEIGHT, MIN_WIDTH
from companion.ui.breaks.screen import BreakScreen
from tests.ui.helpers import awake

SIZES = [(MIN_WIDTH, MIN_HEIGHT), (60, 20), (80, 24)]
SCREENS = {
    "home": [],
    "journal": ["j"],
    "new entry": ["j", "ctrl+n", "1"],
    "settings": ["s"],
    "insights": ["i"],
    "practice room": ["p"],
    "reframe": ["r"],
    "breathe": ["h"],
    "sos": ["f2"],
    "energy station": ["e"],
    "let the day go": ["w"],
    "do not disturb": ["d"],
    "mood": ["m"],
    "help": ["question_mark"],
    "entry": ["j", "enter"],
    "delete": ["j", "delete"],
}


def footer(app) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    """(key, right edge) of each key the footer shows."""
    return [(k.key_display, k.region.right) for k in app.screen.query("FooterKey")]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", list(SCREENS))
async def test_the_footer_keys_fit_the_window(app_factory, lang, size, name) -> None:
    app = app_factory(lang)
    app.services.journal.add("free", {"text": "a line to open"})
    async with app.run_test(size=size) as pilot:
        await pilot.press(*SCREENS[name])
        await pilot.pause()
        keys = footer(app)
        assert keys, name
        assert all(right <= size[0] for _key, right in keys), (name, keys)
        shown = [key for key, _ in keys]
        if name not in ("do not disturb", "mood", "delete", "help"):  # (dialogs)
            assert "?" in shown or "f1" in shown, (name, shown)  # help is always there


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [(60, 16), (60, 20)])
async def test_the_break_screen_keeps_skip_in_reach(app_factory, clock, lang, size) -> None:
    app = app_factory(lang)
    async with app.run_test(size=size) as pilot:
        awake(app, clock, hours=2)
        await pilot.pause()
        assert isinstance(app.screen, BreakScreen)
        assert "x" in [key for key, _ in footer(app)]  # skip, named in the footer
        await pilot.press("down", "down", "down", "down")  # the choices, into view
        await pilot.pause()
        skip = app.screen.query_one("#skip")
        assert skip.has_focus
        assert app.screen.region.contains_region(skip.region)  # scrolled to, on screen
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, BreakScreen)
    assert "skipped" in [e.kind for e in app.services.stores.break_events.all()]


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_home_scrolls_to_its_last_row(app_factory, lang) -> None:
    app = app_factory(lang)
    async with app.run_test(size=(60, 20)) as pilot:
        page = app.screen.query_one("#home", VerticalScroll)
        keys = app.screen.query_one("#home-keys")
        page.scroll_end(animate=False)
        await pilot.pause()
        bottom = keys.region.bottom
        assert bottom <= app.screen.region.bottom - 1  # above the footer: the last row shows


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [(60, 16), (80, 24)])
async def test_settings_labels_stay_on_one_line(app_factory, lang, size) -> None:
    app = app_factory(lang)
    async with app.run_test(size=size) as pilot:
        await pilot.press("s")
        await pilot.pause()
        labels = list(app.screen.query(".setting-label"))
        assert labels
        for label in labels:
            label.scroll_visible(animate=False)
            await pilot.pause()
            assert label.content_region.height == 1, label.render()


async def test_the_palette_key_still_works_when_the_footer_leaves_it_out(app_factory) -> None:
    from textual.command import CommandPalette

    app = app_factory("en")
    async with app.run_test(size=(60, 16)) as pilot:
        assert "^p" not in [key for key, _ in footer(app)]
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
