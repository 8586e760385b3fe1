"""The journal's lock in the app: unlock before journal work, lock at once or after
idle time, blank the screen in one key, and change the passphrase from Settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from companion.store import encryption
from companion.store.envelope import MAGIC
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from companion.ui.journal.entries import JournalScreen
from companion.ui.journal.entry_editor import EntryEditorScreen
from companion.ui.privacy.blank import BlankScreen
from companion.ui.privacy.passphrase import PassphraseScreen
from companion.ui.privacy.unlock import UnlockScreen
from companion.ui.shell.help import HelpScreen
from companion.ui.shell.home import HomeScreen
from tests.layout import holding, journal_files, segment
from tests.ui.helpers import Notes, screen_text, settled, type_in, wait_for

PASS = "long enough 123"


def encrypted_journal(home: Path, clock: FakeClock) -> bytes:
    stores = open_stores(resolve_paths(home), clock)
    stores.entries.add(kind="free", text="the refund that went wrong")
    encryption.encrypt(stores.journal, PASS)
    return segment(home).read_bytes()


async def type_passphrase(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one("#passphrase", Input).value = text
    await pilot.press("enter")
    await wait_for(
        pilot,
        lambda: (
            not pilot.app.screen.query("#passphrase")
            or not pilot.app.screen.query_one("#passphrase", Input).disabled
        ),
    )


async def test_an_encrypted_journal_asks_for_the_passphrase_first(
    app_factory, home: Path, clock: FakeClock
) -> None:
    before = encrypted_journal(home, clock)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)  # starting needs no passphrase
        await pilot.press("j")
        assert isinstance(app.screen, UnlockScreen)
        await type_passphrase(pilot, "wrong one")
        assert "doesn't open the journal" in screen_text(app)
        await type_passphrase(pilot, PASS)
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settled(pilot)  # the list is drawn once the journal is read
        assert "the refund that went wrong" in screen_text(app)
    assert segment(home).read_bytes().startswith(MAGIC)
    assert before.startswith(MAGIC)


async def test_the_passphrase_field_takes_no_more_than_a_passphrase_can_hold(
    app_factory, home: Path, clock: FakeClock
) -> None:
    """Keys past the limit are dropped (a field redraws all it holds at every key: a
    30,000-character burst without bracketed paste froze the app for minutes)."""
    encrypted_journal(home, clock)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        field = app.screen.query_one("#passphrase", Input)
        field.value = "x" * (encryption.MAX_PASSPHRASE - 2)
        field.cursor_position = len(field.value)
        await pilot.press(*"abcdef")
        assert field.value == "x" * (encryption.MAX_PASSPHRASE - 2) + "ab"
        await pilot.press("ctrl+a", "ctrl+k", *PASS, "enter")  # (emacs keys: clear the field)
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))


async def test_the_journal_opened_by_the_passphrase_is_not_kept_waiting_by_home(
    app_factory, home: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dialog gives way to the journal: Home, hidden under it, does not read the
    glance meanwhile; it does once it is back in front."""
    encrypted_journal(home, clock)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        glances = []
        real = type(app).today_glance
        monkeypatch.setattr(type(app), "today_glance", lambda a: glances.append(1) or real(a))
        await pilot.press("j")
        await type_passphrase(pilot, PASS)
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settled(pilot)
        assert glances == []
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await settled(pilot)
        assert glances == [1] and "Journal entries" in screen_text(app)


async def test_three_wrong_tries_leave_it_locked_and_untouched(
    app_factory, home: Path, clock: FakeClock
) -> None:
    encrypted_journal(home, clock)
    before = {p: p.read_bytes() for p in journal_files(home)}
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await pilot.press("m")
        for attempt in ("a", "b", "c"):
            await type_passphrase(pilot, attempt)
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert "日记暂时保持上锁" in notes.text()
        assert app.services.stores.journal.locked
    assert {p: p.read_bytes() for p in journal_files(home)} == before


async def test_locking_closes_private_screens_and_keeps_typing(
    app_factory, home: Path, clock: FakeClock
) -> None:
    encrypted_journal(home, clock)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await type_passphrase(pilot, PASS)
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        app.push_screen(EntryEditorScreen("free"))
        await pilot.pause()
        await type_in(pilot, "half a thought")
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert app.services.stores.journal.locked
    raw = segment(home).read_bytes()
    assert raw.startswith(MAGIC) and holding(home, "half a thought") == []  # the draft too
    stores = open_stores(resolve_paths(home), clock, passphrase=PASS)
    assert any("half a thought" in str(d.fields) for d in stores.drafts.all())


async def test_a_private_screen_under_another_closes_when_it_comes_back(
    app_factory, home: Path, clock: FakeClock
) -> None:
    encrypted_journal(home, clock)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await type_passphrase(pilot, PASS)
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        app.privacy.lock()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)  # nothing private on it
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_auto_lock_after_idle_time(app_factory, home: Path, clock: FakeClock) -> None:
    encrypted_journal(home, clock)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await type_passphrase(pilot, PASS)
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        clock.advance(minutes=14)
        app.privacy.check_idle()  # what the slow timer does
        assert not app.services.stores.journal.locked
        await pilot.press("down")  # any input counts as not idle
        clock.advance(minutes=14)
        app.privacy.check_idle()
        assert not app.services.stores.journal.locked
        clock.advance(minutes=2)
        app.privacy.check_idle()
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert app.services.stores.journal.locked


async def test_lock_says_so_when_there_is_nothing_to_lock(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await pilot.press("ctrl+l")
        assert "isn't encrypted" in notes.text()


async def test_blank_screen_in_one_key_and_back_with_any(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.press("ctrl+b")
        assert isinstance(app.screen, BlankScreen)
        assert screen_text(app).strip() == "Press any key to come back."
        await pilot.press("x")
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("f12")
        assert isinstance(app.screen, BlankScreen)
        await pilot.press("f12")
        assert isinstance(app.screen, JournalScreen)


async def press_button(pilot, selector: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one(selector).focus()
    await pilot.press("enter")


async def open_passphrase(pilot) -> None:  # type: ignore[no-untyped-def]
    """Settings' "Passphrase…" button, from the keyboard."""
    pilot.app.screen.query_one("#passphrase").focus()
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, PassphraseScreen))


async def test_set_change_and_remove_the_passphrase_from_settings(
    app_factory, home: Path, clock: FakeClock
) -> None:
    app = app_factory("en")
    app.services.stores.entries.add(kind="free", text="words")
    journal = segment(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await open_passphrase(pilot)
        assert isinstance(app.screen, PassphraseScreen)
        assert "no way to recover it" in screen_text(app)
        app.screen.query_one("#new", Input).value = "short"
        app.screen.query_one("#repeat", Input).value = "short"
        await press_button(pilot, "#apply")
        assert "shorter than 8" in screen_text(app) and not journal.read_bytes().startswith(MAGIC)
        app.screen.query_one("#new", Input).value = PASS
        app.screen.query_one("#repeat", Input).value = PASS
        app.screen.query_one("#repeat", Input).focus()
        await pilot.press("enter")  # enter in the last field applies
        await wait_for(pilot, lambda: not isinstance(app.screen, PassphraseScreen))
        assert journal.read_bytes().startswith(MAGIC)
        await open_passphrase(pilot)
        app.screen.query_one("#current", Input).value = "not it"
        await press_button(pilot, "#remove")
        await wait_for(pilot, lambda: "doesn't open" in screen_text(app))
        assert journal.read_bytes().startswith(MAGIC)
        app.screen.query_one("#current", Input).value = PASS
        await press_button(pilot, "#remove")
        await wait_for(pilot, lambda: not isinstance(app.screen, PassphraseScreen))
    assert b"words" in journal.read_bytes()


async def test_breaks_breathing_and_sos_work_while_locked(
    app_factory, home: Path, clock: FakeClock
) -> None:
    from companion.ui.calm.breathe import BreatheScreen
    from companion.ui.calm.sos import SosScreen

    encrypted_journal(home, clock)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.services.stores.journal.locked
        await pilot.press("h")
        assert isinstance(app.screen, BreatheScreen)
        await pilot.press("escape")
        await pilot.press("f2")
        assert isinstance(app.screen, SosScreen)
        app.screen.dismiss(None)
        await pilot.pause()
        await pilot.press("k")  # a break, recorded in activity.db
        await pilot.pause()
        assert app.services.stores.break_events.count() > 0
        assert app.services.stores.journal.locked


async def test_every_journal_feature_asks_to_unlock_first(
    app_factory, home: Path, clock: FakeClock
) -> None:
    encrypted_journal(home, clock)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        for action in ("reframe", "practice", "energy", "release", "mood", "journal"):
            await app.run_action(f"run('{action}')")
            await pilot.pause()
            assert isinstance(app.screen, UnlockScreen), action
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen), action


async def test_keeping_a_vent_in_a_locked_journal_asks_first(
    app_factory, home: Path, clock: FakeClock
) -> None:
    from textual.widgets import TextArea

    from companion.ui.calm.vent import VentScreen

    encrypted_journal(home, clock)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(VentScreen())
        await pilot.pause()
        app.screen.query_one("#vent-text", TextArea).text = "you never listen"
        await press_button(pilot, "#keep")
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        await type_passphrase(pilot, PASS)
        await wait_for(pilot, lambda: not isinstance(app.screen, (UnlockScreen, VentScreen)))
    stores = open_stores(resolve_paths(home), clock, passphrase=PASS)
    assert [e.text for e in stores.entries.all() if e.kind == "vent"] == ["you never listen"]


async def test_an_entry_under_help_closes_alone_when_locked(
    app_factory, home: Path, clock: FakeClock
) -> None:
    from companion.ui.journal.entry_view import EntryViewScreen

    encrypted_journal(home, clock)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await type_passphrase(pilot, PASS)
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settled(pilot)  # the list is drawn once the journal is read
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryViewScreen))
        await pilot.press("f1")
        app.privacy.lock()
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # Home itself stays: nothing over-popped
        assert [type(s).__name__ for s in app.screen_stack][-1] == "HomeScreen"


async def test_locking_drops_the_journal_text_held_in_memory(
    app_factory, home: Path, clock: FakeClock
) -> None:
    """Behind the lock no journal text stays in the app's memory: the search index, the
    rows read and the entries decoded are all dropped."""
    encrypted_journal(home, clock)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await type_passphrase(pilot, PASS)
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        journal = app.services.journal
        await wait_for(pilot, lambda: journal.total() == 1)
        assert any(e.text == "the refund that went wrong" for e in journal.entries())
        app.privacy.lock()
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.pause()
        store = app.services.stores.journal
        held = repr(vars(journal)) + repr(vars(journal.finder)) + repr(vars(store))
        held += "".join(repr(vars(db.storage)) for db in store._parts.values())
        held += "".join(repr(b.hay) for _, b in journal.finder._blocks.values())
        assert "refund that went wrong" not in held
