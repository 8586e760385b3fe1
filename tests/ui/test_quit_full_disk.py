"""ctrl+q when what was typed cannot be kept (a full disk): companion says so and stays
open, so the words are still on the screen to copy; the next ctrl+q closes it."""

from __future__ import annotations

import errno
import os

import pytest
from textual.widgets import TextArea

from companion.system import atomic
from companion.ui.journal.entry_editor import EntryEditorScreen
from companion.ui.practice.reframe import ReframeScreen
from tests.ui.helpers import Notes, type_in, wait_for

STAYED = {"en": "companion is still open", "zh": "companion 先不关"}


def fill_the_disk(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic, "_write_all", full)


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_editor_stays_open_once_when_its_draft_cannot_be_kept(
    app_factory, lang, monkeypatch
) -> None:
    app = app_factory(lang)
    notes = Notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "ctrl+n", "4")
        await wait_for(pilot, lambda: isinstance(app.focused, TextArea))
        await type_in(pilot, "words I must not lose")
        fill_the_disk(monkeypatch)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, EntryEditorScreen)
        assert app.focused is not None and "words I must not lose" in app.focused.text
        assert STAYED[lang] in notes.text()
        await pilot.press("ctrl+q")  # asked again: it closes, as it said
        await wait_for(pilot, lambda: not app.is_running)


async def test_a_reframe_that_cannot_be_kept_stays_on_screen(app_factory, monkeypatch) -> None:
    app = app_factory("en")
    notes = Notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReframeScreen())
        await wait_for(pilot, lambda: isinstance(app.focused, TextArea))
        await type_in(pilot, "The parcel is late.")
        fill_the_disk(monkeypatch)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ReframeScreen)
        assert STAYED["en"] in notes.text()
        monkeypatch.undo()  # space freed: the next quit keeps it and closes
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: not app.is_running)
    [kept] = app.services.stores.reframes.all()
    assert kept.facts == "The parcel is late."


async def test_a_quit_with_room_on_the_disk_closes_at_once(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "ctrl+n", "4")
        await wait_for(pilot, lambda: isinstance(app.focused, TextArea))
        await pilot.press(*"kept")
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: not app.is_running)
    assert len(app.services.stores.drafts.all()) == 1
