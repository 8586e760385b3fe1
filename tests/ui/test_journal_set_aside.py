"""The journal's list when the file that held its entries could not be read and was
set aside: it says so, and where to look next, instead of "Nothing here yet… write your
first entry" once the dialog that offers the backup was closed without a choice. In
both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from companion.ui.journal.entries import JournalScreen
from companion.ui.shell.store_problem import StoreProblemScreen
from tests.layout import journal_dir, segment
from tests.ui.helpers import screen_text, settled, wait_for
from tests.unit.test_journal_migration import old_journal


@pytest.mark.parametrize(
    ("lang", "said", "not_said"),
    [
        ("en", "could not be read, so it was set aside", "Nothing here yet"),
        ("zh", "存着你日记的文件无法读取，已被挪开", "这里还空着"),
    ],
)
async def test_an_empty_list_says_its_file_was_set_aside(
    app_factory, home: Path, lang: str, said: str, not_said: str
) -> None:
    app_factory(lang).services.stores.entries.add(kind="free", text="the only entry")
    app_factory(lang)  # the day's backup
    segment(home).write_bytes(b"\x00 not a journal")
    app = app_factory(lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)  # Home's glance reads the month: the question comes
        await wait_for(pilot, lambda: isinstance(app.screen, StoreProblemScreen))
        await pilot.press("escape")  # not now
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await wait_for(pilot, lambda: said in screen_text(app))
        text = screen_text(app)
        assert "companion doctor" in text and not_said not in text


async def test_a_journal_that_is_only_empty_still_says_nothing_here_yet(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("j")
        await wait_for(pilot, lambda: "Nothing here yet" in screen_text(app))
        assert "set aside" not in screen_text(app)


async def test_a_damaged_file_of_drafts_is_not_called_the_entries_file(
    app_factory, home: Path
) -> None:
    app_factory("en").services.stores.drafts.add(origin="x", fields={"text": "half"})
    app_factory("en")  # the day's backup
    (journal_dir(home) / "drafts.db").write_bytes(b"\x00 not a journal")
    app = app_factory("en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)  # the start looks for a draft to offer: the question comes
        await wait_for(pilot, lambda: isinstance(app.screen, StoreProblemScreen))
        await pilot.press("escape")  # not now
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await wait_for(pilot, lambda: "Nothing here yet" in screen_text(app))
        assert "set aside" not in screen_text(app)


async def test_the_old_single_file_set_aside_is_said_too(
    app_factory, home: Path, clock: FakeClock
) -> None:
    raw = old_journal(home, clock)
    backups = home / "backups"
    backups.mkdir(parents=True, exist_ok=True)
    (backups / "journal-2026-11-22.db").write_bytes(raw)  # the day before's backup
    resolve_paths(home).journal_db.write_bytes(b'{"garbage')
    app = app_factory("en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, StoreProblemScreen))
        await pilot.press("escape")  # not now
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await wait_for(pilot, lambda: "so it was set aside" in screen_text(app))
