"""Locking hides every private figure at once, on every screen; the blank screen locks
a journal that has a passphrase and is dark in either theme (issue 15, item 7)."""

from __future__ import annotations

from pathlib import Path

from companion.system.clock import FakeClock
from companion.ui.journal.entries import JournalScreen
from companion.ui.privacy.blank import BlankScreen
from companion.ui.shell.home import HomeScreen
from tests.ui.helpers import Notes, screen_text, wait_for
from tests.ui.test_privacy import PASS, encrypted_journal, type_passphrase


async def unlocked_home(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("j")
    await type_passphrase(pilot, PASS)
    await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
    app.services.journal.add("mood", {"score": "2", "text": "rough morning"})
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)


async def test_locking_from_home_takes_the_journal_figures_away_at_once(
    app_factory, home: Path, clock: FakeClock
) -> None:
    encrypted_journal(home, clock)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await unlocked_home(app, pilot)
        text = screen_text(app)
        assert "Journal entries" in text and "Mood" in text and "2 of 5" in text
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # still Home, never left
        text = screen_text(app)
        assert "2 of 5" not in text and "Journal entries" not in text


async def test_the_blank_screen_locks_the_journal_and_is_dark_in_the_light_theme(
    app_factory, home: Path, clock: FakeClock
) -> None:
    encrypted_journal(home, clock)
    app = app_factory("en")
    app.theme = "companion-light"
    async with app.run_test(size=(80, 24)) as pilot:
        await unlocked_home(app, pilot)
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        notes = Notes(app)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, BlankScreen)
        assert app.services.stores.journal.locked
        background = app.screen.styles.background
        assert background.brightness < 0.1  # dark, though the theme is light
        assert notes.messages == []  # nothing pops up over the blank screen
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # the journal closed behind it
        assert "2 of 5" not in screen_text(app)
