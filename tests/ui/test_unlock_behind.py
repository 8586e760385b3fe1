"""A locked journal opens behind its passphrase dialog: the journal's frame is built
while the passphrase is typed and shows nothing from the journal until it is unlocked;
giving up leaves nothing of it open."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, TextArea

from companion.system.clock import FakeClock
from companion.ui.journal.dialogs import DraftOfferScreen
from companion.ui.journal.entries import JournalScreen
from companion.ui.journal.entry_editor import EntryEditorScreen
from companion.ui.shell.home import HomeScreen
from tests.ui.helpers import record_calls, screen_text, settled, text_of, type_in, wait_for
from tests.ui.test_privacy import PASS, encrypted_journal, type_passphrase


def stack(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [type(s).__name__ for s in app.screen_stack]


async def open_locked(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("j")
    await settled(pilot)
    assert stack(pilot.app)[-2:] == ["JournalScreen", "UnlockScreen"]


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_journal_waits_empty_behind_the_dialog_then_shows_its_entries(
    app_factory, home: Path, clock: FakeClock, lang: str
) -> None:
    encrypted_journal(home, clock)
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        pages = record_calls(app.services.journal, "page")
        await open_locked(pilot)
        behind = app.screen_stack[-2]
        title = app.strings("journal.screen.title")
        assert behind.query_one("#journal-list", OptionList).option_count == 0
        assert [text_of(w) for w in behind.query("#journal Static")] == [title, "", "", ""]
        assert pages == []  # nothing asked of the journal while it is locked
        await type_passphrase(pilot, PASS)
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settled(pilot)
        assert app.screen is behind  # the same screen, now drawn
        assert "the refund that went wrong" in screen_text(app)
        assert behind.query_one("#journal-list", OptionList).has_focus


@pytest.mark.parametrize(("lang", "give_up"), [("en", "escape"), ("zh", "three wrong tries")])
async def test_giving_up_at_the_dialog_leaves_no_journal_open(
    app_factory, home: Path, clock: FakeClock, lang: str, give_up: str
) -> None:
    encrypted_journal(home, clock)
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_locked(pilot)
        if give_up == "escape":
            await pilot.press("escape")
        else:
            for attempt in ("a", "b", "c"):
                await type_passphrase(pilot, attempt)
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await settled(pilot)
        assert "JournalScreen" not in stack(app)
        assert app.services.stores.journal.locked
        await open_locked(pilot)  # and it asks again


async def test_a_draft_in_a_locked_journal_is_offered_once_it_is_unlocked(
    app_factory, home: Path, clock: FakeClock
) -> None:
    encrypted_journal(home, clock)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_locked(pilot)
        await type_passphrase(pilot, PASS)
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        app.push_screen(EntryEditorScreen("thought"))
        await settled(pilot)
        await type_in(pilot, "kept for later 顾客")
        app.screen.autosave()  # what the 3-second timer does (in a worker)
        await settled(pilot)
        assert app.services.journal.draft() is not None
    again = app_factory("en")  # (the process died: only the draft was kept)
    async with again.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        assert isinstance(again.screen, HomeScreen)  # not offered: it cannot be read yet
        await open_locked(pilot)
        await type_passphrase(pilot, PASS)
        await wait_for(pilot, lambda: isinstance(again.screen, DraftOfferScreen))
        assert "unsaved Thought log" in screen_text(again)
        await pilot.click("#resume")
        await settled(pilot)
        assert again.screen.query_one("#answer-text", TextArea).text == "kept for later 顾客"
