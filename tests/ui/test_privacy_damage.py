"""A damaged or cut-short encrypted journal found at unlock is told like at start-up,
with the newest backup offered; empty passphrases get a kind word, not a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from companion.store import encryption
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from companion.ui.journal.entries import JournalScreen
from companion.ui.privacy.passphrase import PassphraseScreen
from companion.ui.privacy.unlock import UnlockScreen
from companion.ui.shell.store_problem import StoreProblemScreen
from tests.layout import segment
from tests.ui.helpers import screen_text, settled, wait_for
from tests.ui.test_privacy import PASS, open_passphrase, press_button, type_passphrase

TEXTS = ("the refund that went wrong", "a kind customer", "lunch at last")


def encrypted_with_backup(home: Path, clock: FakeClock) -> Path:
    stores = open_stores(resolve_paths(home), clock)
    for text in TEXTS:
        stores.entries.add(kind="free", text=text)
    encryption.encrypt(stores.journal, PASS)
    clock.advance(days=1)
    open_stores(resolve_paths(home), clock, passphrase=PASS)  # the day's backup
    return segment(home)  # this month's segment of the journal


def flip_a_byte(raw: bytes) -> bytes:
    damaged = bytearray(raw)
    damaged[-5] ^= 0xFF
    return bytes(damaged)


@pytest.mark.parametrize(
    ("damage", "lang"),
    [(flip_a_byte, "en"), (lambda raw: raw[:20], "zh")],
    ids=["one-byte-flipped", "cut-short"],
)
async def test_damage_found_at_unlock_offers_the_backup(
    app_factory, home: Path, clock: FakeClock, damage, lang: str
) -> None:
    journal = encrypted_with_backup(home, clock)
    damaged = damage(journal.read_bytes())
    journal.write_bytes(damaged)
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        assert isinstance(app.screen, UnlockScreen)
        await type_passphrase(pilot, PASS)
        await wait_for(pilot, lambda: isinstance(app.screen, StoreProblemScreen))
        await wait_for(pilot, lambda: bool(app.screen.query("#restore")))  # drawn in full
        text = screen_text(app)
        if lang == "en":
            assert "could not be read, so it was moved aside" in text
            assert "A backup from 2026-11-24 is available." in text
        else:
            assert "无法读取，已挪到" in text and "2026-11-24 的备份" in text
        await press_button(pilot, "#restore")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settled(pilot)  # the list is drawn once the journal is read
        assert all(t in screen_text(app) for t in TEXTS)
    (moved,) = journal.parent.glob(f"{journal.name}.corrupt-*")
    assert moved.read_bytes() == damaged
    assert journal.read_bytes().startswith(b"CMPNENC")


async def test_an_empty_passphrase_gets_a_kind_word(
    app_factory, home: Path, clock: FakeClock
) -> None:
    journal = encrypted_with_backup(home, clock)
    before = journal.read_bytes()
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.press("enter")
        assert "Nothing was typed" in screen_text(app)
        await type_passphrase(pilot, PASS)
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await pilot.press("escape", "s")
        await open_passphrase(pilot)  # (the journal is open now)
        for button in ("#apply", "#remove"):
            app.screen.query_one("#new", Input).value = "long enough 456"
            app.screen.query_one("#repeat", Input).value = "long enough 456"
            await press_button(pilot, button)
            await pilot.pause()
            assert app.is_running and isinstance(app.screen, PassphraseScreen)
            assert "type your current passphrase first" in screen_text(app)
    assert journal.read_bytes() == before


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_plain_month_that_cannot_be_sealed_keeps_the_journal_locked_and_says_why(
    app_factory, home: Path, clock: FakeClock, lang: str, monkeypatch
) -> None:
    """A plain month among encrypted ones is sealed at unlock; on a full disk that
    cannot be written. It was then opened under the key, passed for damaged, and the
    app offered to start a fresh journal. Now the dialog says the disk is full, nothing
    changes, and the same passphrase opens everything once there is room."""
    import errno

    from companion.store import commit
    from companion.system.i18n import Strings

    stores = open_stores(resolve_paths(home), clock)
    stores.entries.add(kind="free", text=TEXTS[0])
    november = segment(home)
    clock.advance(days=10)
    stores.entries.add(kind="free", text=TEXTS[1])
    plain = november.read_bytes()
    encryption.encrypt(stores.journal, PASS)
    november.write_bytes(plain)
    real_commit = commit.commit

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(commit, "commit", full)
    t = Strings(lang)
    app = app_factory(lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j")
        assert isinstance(app.screen, UnlockScreen)
        await type_passphrase(pilot, PASS)
        said = t("errors.write_failed", path="", reason="").split("{")[0][:6]
        await wait_for(pilot, lambda: said in screen_text(app))
        assert "No space left on device" in screen_text(app)
        assert isinstance(app.screen, UnlockScreen) and app.privacy.encrypted
        assert november.read_bytes() == plain
        monkeypatch.setattr(commit, "commit", real_commit)  # room again
        await type_passphrase(pilot, PASS)
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settled(pilot)
        assert TEXTS[0] in screen_text(app) and TEXTS[1] in screen_text(app)
    assert november.read_bytes().startswith(b"CMPNENC")
    assert not list(november.parent.glob("*.corrupt-*"))
