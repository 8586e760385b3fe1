"""The app with entries another program wrote in a form companion never writes, or
deleted behind the list's back: Home starts, the journal lists them, Export says what
it left out, and one that cannot be opened is said."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.i18n import Strings
from companion.system.paths import resolve_paths
from companion.ui.journal.entries import JournalScreen
from companion.ui.shell.home import HomeScreen
from tests.layout import segment
from tests.ui.helpers import Notes, screen_text, settled, wait_for
from tests.ui.test_journal_screen import open_journal
from tests.ui.test_palette_words import found


def hand_edited(home: Path, clock: FakeClock) -> None:
    open_stores(resolve_paths(home), clock).entries.add(kind="free", text="a calm chat")
    path = segment(home)
    data = json.loads(path.read_bytes())
    good = next(iter(data["entries"].values()))
    data["entries"] |= {
        "naive": {**good, "id": "naive", "created_at": "2026-11-23T09:00:00", "text": "no offset"},
        "odd": {**good, "id": "odd", "created_at": "not a date", "text": "no date"},
    }
    path.write_text(json.dumps(data))


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_home_and_the_journal_open_and_export_says_what_it_left_out(
    app_factory, home: Path, clock: FakeClock, lang: str
) -> None:
    hand_edited(home, clock)
    app = app_factory(lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert isinstance(app.screen, HomeScreen)  # a naive date once stopped the start
        await open_journal(pilot)
        assert "no offset" in screen_text(app) and "a calm chat" in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        notes = Notes(app)
        await found(pilot, "export" if lang == "en" else "导出")
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ExportScreen")
        await pilot.press("enter")  # Markdown, the first
        await wait_for(pilot, lambda: bool(notes.messages))
        left_out = "1 entry left out" if lang == "en" else "1 条日记没有导出"
        assert left_out in notes.text(), notes.text()


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_opening_an_entry_gone_since_the_list_was_drawn_says_so(
    app_factory, home: Path, clock: FakeClock, lang: str
) -> None:
    """`enter` on it did nothing, without a word."""
    stores = open_stores(resolve_paths(home), clock)
    entry = stores.entries.add(kind="free", text="deleted from the shell")
    app = app_factory(lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_journal(pilot)
        notes = Notes(app)
        open_stores(resolve_paths(home), clock).entries.delete(entry.id)  # another window
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(notes.messages))
        said = "can't be opened" if lang == "en" else "打不开了"
        assert said in notes.text() and isinstance(app.screen, JournalScreen)
        await settled(pilot)
        assert "deleted from the shell" not in screen_text(app)


async def test_a_month_that_is_not_a_file_is_named_in_the_list(
    app_factory, home: Path, clock: FakeClock
) -> None:
    """A named pipe in place of a month: the list said "see the message shown at
    start", and none had been shown."""
    import os

    stores = open_stores(resolve_paths(home), clock)
    stores.entries.add(kind="free", text="in November")
    clock.advance(days=10)
    stores.entries.add(kind="free", text="in December")
    open_stores(resolve_paths(home), clock)  # today's backups: the start opens no month
    november = segment(home)
    november.unlink()  # (its search file stays, made from another file)
    os.mkfifo(november)
    app = app_factory("en")
    async with app.run_test(size=(120, 30)) as pilot:
        await open_journal(pilot)
        text = screen_text(app).replace("\n", " ")
        assert "there is something that is not a file" in text, text
        assert "See the message shown at start" not in text
    assert november.is_fifo()  # left as it was


def november_and_december(home: Path, clock: FakeClock) -> Path:
    """A refund in November, sixty in December (more than the list's first page)."""
    stores = open_stores(resolve_paths(home), clock)
    stores.entries.add(kind="free", text="a refund in November")
    clock.advance(days=10)
    for number in range(60):
        stores.entries.add(kind="free", text=f"a refund in December, {number}")
    open_stores(resolve_paths(home), clock)  # today's backups: the start opens no month
    return segment(home, "2026-11")


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_month_made_a_pipe_after_the_list_was_read_is_named(
    app_factory, home: Path, clock: FakeClock, lang: str
) -> None:
    """Another program puts a named pipe where November was, once the journal is on
    the screen: the next search hung the app for good (reading a pipe waits for a
    writer), on the UI thread. Now the list says which file, as at the start."""
    import os

    from textual.widgets import Input

    november = november_and_december(home, clock)
    t = Strings(lang)
    app = app_factory(lang)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_journal(pilot)
        november.unlink()
        os.mkfifo(november)
        app.screen.query_one("#journal-query", Input).value = "refund"
        where = "~/companion-home/data/journal/entries-2026-11.db"
        said = "".join(t("store.not_a_file_other", store=t("store.journal"), path=where).split())
        await wait_for(pilot, lambda: said in "".join(screen_text(app).split()))
        unavailable = t("errors.unavailable", store=t("store.journal"))
        assert "".join(unavailable.split()) not in "".join(screen_text(app).split())
    assert november.is_fifo()  # left as it was


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_count_that_cannot_read_a_month_says_so(
    app_factory, home: Path, clock: FakeClock, lang: str, monkeypatch
) -> None:
    """The first page was drawn; the worker counting the matches met a file it could
    not read: the header said "Counting…" for good, and nothing else."""
    from textual.widgets import Input

    from companion.store.errors import StoreNotAFile

    november = november_and_december(home, clock)
    t = Strings(lang)
    app = app_factory(lang)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_journal(pilot)

        def count(*_args: object, **_kwargs: object) -> int:
            raise StoreNotAFile(november, "other")

        monkeypatch.setattr(app.services.journal, "count", count)
        app.screen.query_one("#journal-query", Input).value = "refund"
        await wait_for(pilot, lambda: t("journal.screen.uncounted") in screen_text(app))
        text = screen_text(app).replace("\n", "")
        assert t("journal.screen.counting") not in text
        assert "entries-2026-11.db" in text
        assert "a refund in December" in text  # the page drawn stays
