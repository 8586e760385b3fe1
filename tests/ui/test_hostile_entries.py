"""The app with entries another program wrote in a form companion never writes: Home
starts, the journal lists them, and Export says what it left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from companion.ui.journal.entries import JournalScreen
from companion.ui.shell.home import HomeScreen
from tests.layout import segment
from tests.ui.helpers import Notes, screen_text, settled, wait_for
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
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settled(pilot)
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
