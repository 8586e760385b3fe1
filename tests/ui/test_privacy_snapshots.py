"""Pinned pictures of the unlock and passphrase dialogs at 80x24, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.system.clock import FakeClock
from tests.ui.test_journal_snapshots import still
from tests.ui.test_privacy import encrypted_journal


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_unlock(snap_compare, app_factory, home: Path, clock: FakeClock, lang: str) -> None:
    encrypted_journal(home, clock)

    async def open_unlock(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("j")
        await still(pilot)

    assert snap_compare(app_factory(lang), terminal_size=(80, 24), run_before=open_unlock)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_passphrase_dialog(snap_compare, app_factory, lang: str) -> None:
    async def open_dialog(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("s")
        await pilot.app.run_action("run('passphrase')")
        await still(pilot)

    assert snap_compare(app_factory(lang), terminal_size=(80, 24), run_before=open_dialog)
