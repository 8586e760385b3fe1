"""Pinned pictures of the unlock and passphrase dialogs at 80x24, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.clock import FakeClock
from tests.ui.test_privacy import encrypted_journal


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_unlock(snap_compare, app_factory, home: Path, clock: FakeClock, lang: str) -> None:
    encrypted_journal(home, clock)
    assert snap_compare(app_factory(lang), terminal_size=(80, 24), press=["j"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_passphrase_dialog(snap_compare, app_factory, lang: str) -> None:
    async def open_dialog(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("s")
        await pilot.app.run_action("journal_passphrase")
        await pilot.pause()

    assert snap_compare(app_factory(lang), terminal_size=(80, 24), run_before=open_dialog)
