"""kind: in the journal's search takes the names the list shows, in the person's
language, and says when a kind is unknown (issue 15, item 10); the intention editor
shows words, never stored ids (item 11)."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from companion.ui.journal.entries import JournalScreen
from tests.ui.helpers import screen_text, wait_for


async def search(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one("#journal-query", Input).value = text
    await pilot.pause()


@pytest.mark.parametrize(
    ("lang", "asked", "unknown", "said"),
    [
        ("en", "kind:Thought", "kind:nonsense", "“nonsense” is not a kind of entry"),
        ("zh", "kind:想法", "类型：瞎写", "没有“瞎写”这种日记类型"),
        ("zh", "kind:想法记录", "kind:nonsense", "没有“nonsense”这种日记类型"),
    ],
)
async def test_kind_takes_the_names_shown_and_says_when_unknown(
    app_factory, lang, asked, unknown, said
) -> None:
    app = app_factory(lang)
    app.services.journal.add("thought", {"text": "the refund storm"})
    app.services.journal.add("free", {"text": "free words"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        assert isinstance(app.screen, JournalScreen)
        await search(pilot, asked)
        await wait_for(pilot, lambda: len(app.screen.shown) == 1)
        assert app.screen.shown[0].row.kind == "thought"
        await search(pilot, unknown)
        text = screen_text(app)
        assert said in text
        short = {"en": "Thought", "zh": "想法"}[lang]
        assert short in text.split(said)[1]  # the kinds it could be, as the list names them


async def test_the_search_hint_names_kinds_in_chinese(app_factory) -> None:
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        placeholder = app.screen.query_one("#journal-query", Input).placeholder
        assert "kind:想法" in placeholder and "thought" not in placeholder


@pytest.mark.parametrize(("lang", "words"), [("en", "Full of energy"), ("zh", "精力充沛")])
async def test_the_intention_editor_shows_the_feeling_in_words(app_factory, lang, words) -> None:
    from textual.widgets import Select

    from companion.ui.journal.entry_editor import EntryEditorScreen

    app = app_factory(lang)
    app.services.routine.save_intention("be kind to myself", "energetic")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "ctrl+e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EntryEditorScreen) and editor.kind == "intention"
        feeling = editor.query_one("#answer-feeling", Select)
        assert feeling.value == "energetic"
        shown = screen_text(app)
        assert words in shown and "energetic" not in shown
        await pilot.press("ctrl+s")
        await pilot.pause()
    [entry] = app.services.journal.entries()
    assert entry.fields["feeling"] == "energetic" and entry.text == "be kind to myself"
