"""The rooms' styles (ui/rooms.tcss) are read when the first screen over Home opens:
Home's first frame parses only its own rules, and every room looks as it did when all
the rules were in app.tcss (the snapshots pin that; here, the mechanism)."""

from __future__ import annotations

from textual.widgets import OptionList

from companion.ui.shell.home import HomeScreen
from companion.ui.shell.rooms_css import ROOMS_CSS


def rooms_read(app) -> bool:  # type: ignore[no-untyped-def]
    return app.stylesheet.has_source(str(ROOMS_CSS), "")


async def test_home_starts_without_the_rooms_rules_and_a_room_has_them(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and not rooms_read(app)
        await pilot.press("j")
        await pilot.pause()
        assert rooms_read(app)
        listing = app.screen.query_one("#journal-list", OptionList)
        assert listing.styles.border_top[0] in ("", "none")  # rooms.tcss: border: none
        assert listing.styles.padding.top == 0


async def test_the_rooms_rules_outlive_a_change_of_theme(app_factory) -> None:
    """Textual parses every source again for a new theme; the rooms' file is one."""
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        app.toggle_theme()
        await pilot.pause()
        assert app.theme == "companion-light" and rooms_read(app)
        listing = app.screen.query_one("#journal-list", OptionList)
        assert listing.styles.border_top[0] in ("", "none")


def test_no_rule_is_in_both_files() -> None:
    """A rule moved, not copied: each selector is in one of the two files."""
    import re

    app_css = (ROOMS_CSS.parent / "app.tcss").read_text("utf-8")
    rooms = ROOMS_CSS.read_text("utf-8")

    def selectors(css: str) -> set[str]:
        css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
        return {m.strip() for m in re.findall(r"^([^\s{][^{]*)\{", css, flags=re.M)}

    assert selectors(rooms) and selectors(app_css)
    assert not selectors(rooms) & selectors(app_css)
