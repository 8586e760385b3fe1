"""Pinned pictures of the store-problem dialog at 80x24, in both languages: a journal
set aside with its backup offered, and one no passphrase can be checked against."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.system.clock import FakeClock
from companion.ui.shell.store_problem import StoreProblemScreen
from tests.layout import segment
from tests.ui.helpers import settled, wait_for
from tests.ui.test_journal_snapshots import still
from tests.unit.test_unverifiable_journal import cut_short_without_backup


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await still(pilot)


async def open_the_journal(pilot) -> None:  # type: ignore[no-untyped-def]
    """The journal's files are checked as they are read: Home's glance, just after the
    first frame, reads this month's and finds the damage (a ``j`` sent before that
    could open the journal first, which then found it: the picture depended on which
    came first)."""
    await settled(pilot)
    await pilot.press("j")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, StoreProblemScreen))
    await still(pilot)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_backup_offered(snap_compare, app_factory, home: Path, lang: str) -> None:
    app_factory(lang).services.stores.entries.add(kind="free", text="x")
    app_factory(lang)  # the day's backup
    segment(home).write_bytes(b"\x00 not a journal")
    app = app_factory(lang)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_the_journal)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_passphrase_can_open_it(
    snap_compare, app_factory, home: Path, clock: FakeClock, lang: str
) -> None:
    cut_short_without_backup(home, clock)
    assert snap_compare(app_factory(lang), terminal_size=(80, 24), run_before=settle)
