"""The store-problem screen lets the person settle what happened to a data file: a
backup offered again until they choose, a damaged file no passphrase can be checked
against, and a backup that could not be written (told once)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from companion.store import backup
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from companion.ui.journal.entries import JournalScreen
from companion.ui.privacy.unlock import UnlockScreen
from companion.ui.shell.home import HomeScreen
from companion.ui.shell.store_problem import StoreProblemScreen
from tests.layout import journal_dir
from tests.ui.helpers import Notes, screen_text, settled, wait_for
from tests.ui.test_privacy import PASS, press_button, type_passphrase
from tests.ui.test_privacy_damage import TEXTS, encrypted_with_backup
from tests.unit.test_unverifiable_journal import cut_short_without_backup


async def test_quitting_the_question_asks_it_again_and_start_fresh_settles_it(
    app_factory, home: Path
) -> None:
    first = app_factory("en")
    first.services.stores.drafts.add(origin="x", fields={"text": "from monday"})
    app_factory("en")  # the day's backup
    journal = journal_dir(home) / "drafts.db"  # the journal's file of unsaved writing
    journal.write_bytes(b"\x00 not a journal")
    for time in range(2):  # set aside when read; asked again at start after quitting
        app = app_factory("en")
        async with app.run_test(size=(80, 24)) as pilot:
            if time == 0:
                await pilot.press("j")  # a file of the journal is checked when read
            await wait_for(pilot, lambda: isinstance(pilot.app.screen, StoreProblemScreen))
            assert "A backup from 2026-11-23 is available." in screen_text(app)
            await pilot.press("escape")  # no choice made
        assert not journal.exists()
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await press_button(pilot, "#fresh")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
    assert journal.exists() and app.services.stores.drafts.all() == []
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)  # settled: not asked again


async def test_an_undecided_encrypted_journal_offers_its_backup_at_unlock(
    app_factory, home: Path, clock: FakeClock
) -> None:
    journal = encrypted_with_backup(home, clock)
    journal.rename(journal.with_name(f"{journal.name}.corrupt-20261124T100000"))  # and quit
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("j")
        assert isinstance(app.screen, UnlockScreen)
        await type_passphrase(pilot, PASS)
        await wait_for(pilot, lambda: isinstance(app.screen, StoreProblemScreen))
        assert "A backup from 2026-11-24 is available." in screen_text(app)
        await press_button(pilot, "#restore")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settled(pilot)  # the list is drawn once the journal is read
        assert all(t in screen_text(app) for t in TEXTS)
        # Told once, and nothing of the passphrase dialog is left under the journal.
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "JournalScreen"]
    assert journal.read_bytes().startswith(b"CMPNENC")


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_journal_no_passphrase_can_open_is_set_aside_only_when_chosen(
    app_factory, home: Path, clock: FakeClock, lang: str
) -> None:
    journal, raw = cut_short_without_backup(home, clock)
    app = app_factory(lang)
    notes = Notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, StoreProblemScreen)
        text = screen_text(app)
        if lang == "en":
            assert "no passphrase can open it" in text
            assert "The new one is not encrypted" in text
        else:
            assert "任何密码都打不开它" in text and "暂时不加密" in text
        assert journal.read_bytes() == raw  # nothing moves before the choice
        await press_button(pilot, "#fresh")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert ("A fresh journal was started" if lang == "en" else "已新建") in notes.text()
        await pilot.press("j")  # straight in: no passphrase asked
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
    (moved,) = journal.parent.glob(f"{journal.name}.corrupt-*")
    assert moved.read_bytes() == raw
    app.services.stores.entries.add(kind="free", text="a new start")
    assert journal.read_bytes().startswith(b"{")  # plain from now on


async def test_not_now_leaves_the_damaged_journal_where_it_is(
    app_factory, home: Path, clock: FakeClock
) -> None:
    journal, raw = cut_short_without_backup(home, clock)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await press_button(pilot, "#close")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
    assert journal.read_bytes() == raw and not list(journal.parent.glob("*.corrupt-*"))


async def test_a_backup_that_could_not_be_written_is_told_once(
    app_factory, home: Path, clock: FakeClock, monkeypatch
) -> None:
    app_factory("en").services.stores.entries.add(kind="free", text="kept")
    clock.advance(days=1)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(backup, "write_atomic", full)
    app = app_factory("en")
    notes = Notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settled(pilot)  # the list is drawn once the journal is read
        assert "kept" in screen_text(app)
    warnings = [m for m, severity in notes.messages if severity == "warning"]
    assert len(warnings) == 1
    assert "backup of your journal and activity log could not be written" in warnings[0]


async def test_many_months_set_aside_at_once_are_asked_about_one_at_a_time(
    app_factory, home: Path, clock: FakeClock
) -> None:
    """A screen each, stacked, made Textual recurse drawing them (a helper's app died
    after about eight); now each closing brings the next, at start too."""
    stores = open_stores(resolve_paths(home), clock)
    for _ in range(12):
        stores.entries.add(kind="free", text="a chat")
        clock.advance(days=31)
    open_stores(resolve_paths(home), clock)  # the backups of every month
    months = sorted(journal_dir(home).glob("entries-*.db"))
    assert len(months) == 12
    for month in months:
        month.write_bytes(month.read_bytes()[:-7])
    for start in (True, False):  # found while reading the journal; then at the next start
        app = app_factory("en")
        async with app.run_test(size=(80, 24)) as pilot:
            if start:
                await pilot.press("j")
            told = 0
            for _ in range(20):
                await wait_for(pilot, lambda: isinstance(pilot.app.screen, StoreProblemScreen))
                shown = [s for s in app.screen_stack if isinstance(s, StoreProblemScreen)]
                assert len(shown) == 1
                told += 1
                await pilot.press("escape")  # not now: the next one
                await settled(pilot)
                if not isinstance(app.screen, StoreProblemScreen):
                    break
            assert told == 12


async def test_what_waits_behind_another_problem_still_runs_its_own_next_step(
    app_factory, home: Path
) -> None:
    """An unlock that found damage goes on (opens the journal) once its problem is
    closed, even when another problem's screen was on show first."""
    from companion.store.database import OpenProblem
    from companion.ui.shell.store_problem import tell_in_turn

    app = app_factory("en")
    first = OpenProblem("unreadable", "activity", home / "data" / "activity.db")
    second = OpenProblem("unreadable", "journal", home / "data" / "journal" / "drafts.db")
    went_on: list[object] = []
    async with app.run_test(size=(80, 24)) as pilot:
        tell_in_turn(app, first)
        tell_in_turn(app, second, after=went_on.append)
        tell_in_turn(app, second, after=went_on.append)  # told twice: shown once
        await settled(pilot)
        for problem in (first, second):
            assert isinstance(app.screen, StoreProblemScreen) and app.screen.problem == problem
            assert went_on == []
            await pilot.press("escape")
            await settled(pilot)
        assert isinstance(app.screen, HomeScreen) and went_on == [None]
