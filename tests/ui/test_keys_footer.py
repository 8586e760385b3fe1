"""The footer is drawn again when the keys it shows change, and only then (Textual's
rebuilds it on every focus move and every time its screen comes back to the front)."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from companion.ui.journal.entries import JournalScreen
from companion.ui.shell.help import HelpScreen
from companion.ui.shell.home import HomeScreen
from tests.ui.helpers import settled, wait_for


def footer_keys(app) -> list[tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    return [(id(k), k.key_display, k.description) for k in app.screen.query("FooterKey")]


def footer_words(app) -> str:  # type: ignore[no-untyped-def]
    labels = [str(label.render()) for label in app.screen.query("FooterLabel")]
    return " ".join([d for _i, _k, d in footer_keys(app)] + labels)


async def test_a_screen_coming_back_keeps_its_footer_as_drawn(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        before = footer_keys(app)
        assert before  # Home shows its keys
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await settled(pilot)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await settled(pilot)
        assert footer_keys(app) == before  # the same widgets: nothing rebuilt


async def test_the_footer_follows_the_focus_when_the_keys_change(app_factory) -> None:
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settled(pilot)
        assert app.screen.query_one("#journal-list", OptionList).has_focus
        on_the_list = footer_words(app)
        assert "筛选" in on_the_list  # ← → choose the filter, in the list only
        app.screen.query_one("#journal-query", Input).focus()
        await settled(pilot)
        assert "筛选" not in footer_words(app)
        app.screen.query_one("#journal-list", OptionList).focus()
        await settled(pilot)
        assert footer_words(app) == on_the_list
