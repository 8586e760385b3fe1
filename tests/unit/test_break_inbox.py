"""What commands leave for the running rhythm (contacts, do-not-disturb), taken in once
and kept with the state in one write; and the keeper's new intents (desktop readings,
micro-pauses, the peak day) kept across a restart."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from companion.core.breaks import Kind, Phase
from companion.services.breaks import SEEN_KEY, STATE_KEY, dnd_until
from companion.store import inbox
from companion.store.errors import StoreWriteError
from companion.store.stores import Stores, open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.unit.test_break_keeper import awake, keeper_for, kinds


@pytest.fixture
def stores(home: Path, clock: FakeClock) -> Stores:
    return open_stores(resolve_paths(home), clock)


def shell(home: Path, clock: FakeClock) -> Stores:
    """Another process's view of the same files (a command beside the app)."""
    return open_stores(resolve_paths(home), clock)


def test_a_contact_from_a_command_is_taken_in_once(stores, home, clock) -> None:
    keeper = keeper_for(stores, clock)
    awake(keeper, clock, hours=2)
    keeper.tick()
    keeper.after_chat()
    assert not keeper.inbox_changed() or keeper.take_inbox().contacts == ()
    clock.advance(30)
    inbox.mark_contact(shell(home, clock), rough=False, source="command")
    assert keeper.inbox_changed()
    news = keeper.take_inbox()
    assert [(c.rough, c.source) for c in news.contacts] == [(False, "command")]
    assert [e.kind for e in news.events] == [Kind.DUE]
    assert keeper.state.phase == Phase.DUE
    assert keeper.take_inbox().contacts == ()  # not again
    reopened = keeper_for(stores, clock)  # nor after a restart
    assert reopened.take_inbox().contacts == ()


def test_a_contact_in_the_app_is_one_write_with_the_state(stores, clock, monkeypatch) -> None:
    keeper = keeper_for(stores, clock)
    writes: list[object] = []
    original = stores.activity.storage.write

    def counting(data):  # type: ignore[no-untyped-def]
        writes.append(data)
        original(data)

    monkeypatch.setattr(stores.activity.storage, "write", counting)
    keeper.contact(rough=True)
    assert len(writes) == 1
    (contact,) = stores.contacts.all()
    assert contact.rough and contact.source == "app"
    assert contact.id in stores.state.get(SEEN_KEY)["contacts"]
    assert stores.state.get(STATE_KEY)["rough"]


def test_a_full_disk_keeps_the_rhythm_going(stores, clock, monkeypatch) -> None:
    keeper = keeper_for(stores, clock)

    def full(data):  # type: ignore[no-untyped-def]
        raise StoreWriteError(stores.activity.path, OSError(28, "No space left on device"))

    monkeypatch.setattr(stores.activity.storage, "write", full)
    keeper.contact(rough=False)
    assert keeper.take_problem() is not None
    assert keeper.state.phase == Phase.WORKING


def test_do_not_disturb_from_a_command_is_acted_on_once(stores, home, clock) -> None:
    keeper = keeper_for(stores, clock)
    until = clock.now() + timedelta(minutes=45)
    other = shell(home, clock)
    inbox.ask_dnd(other, clock.now(), until)
    assert dnd_until(other, clock.now()) == until  # `companion dnd` says so before the app
    news = keeper.take_inbox()
    assert news.dnd is not None and [e.kind for e in news.events] == [Kind.DND_ON]
    assert keeper.view().dnd_until == until
    keeper.clear_dnd()  # turned off in the app afterwards...
    assert keeper.take_inbox().dnd is None  # ...the old request does not come back
    assert dnd_until(other, clock.now()) is None
    inbox.ask_dnd(other, clock.now(), None)
    keeper.set_dnd(clock.now() + timedelta(hours=1))
    assert [e.kind for e in keeper.take_inbox().events] == [Kind.DND_OFF]


def test_a_stale_request_is_not_acted_on(stores, home, clock) -> None:
    inbox.ask_dnd(shell(home, clock), clock.now(), clock.now() + timedelta(minutes=5))
    clock.advance(600)
    keeper = keeper_for(stores, clock)
    keeper.take_inbox()
    assert keeper.view().dnd_until is None


def test_old_contacts_are_history_not_news(stores, home, clock) -> None:
    inbox.mark_contact(shell(home, clock), rough=True, source="command")
    clock.advance(3 * 3600)
    keeper = keeper_for(stores, clock)
    assert keeper.take_inbox().contacts == ()
    assert keeper.contacts_today() == (1, 1)


def test_odd_documents_are_skipped(stores, clock) -> None:
    stores.state.set(inbox.DND_REQUEST, {"id": 3, "until": "soon"})
    stores.contacts.put(stores.contacts.new(rough=True))
    from tinydb.table import Document

    stores.activity.table("contacts").insert(Document({"created_at": "not a time"}, "odd"))
    keeper = keeper_for(stores, clock)
    news = keeper.take_inbox()
    assert news.dnd is None and len(news.contacts) == 1


def test_the_new_state_survives_a_restart(stores, clock) -> None:
    keeper = keeper_for(stores, clock, micro_pauses=True)
    keeper.set_peak(True)
    keeper.desktop(600.0, True)
    again = keeper_for(stores, clock, micro_pauses=True)
    assert again.view().peak and again.view().away
    assert "peak_on" in kinds(stores)


def test_micro_pauses_through_the_keeper(stores, clock) -> None:
    keeper = keeper_for(stores, clock, micro_pauses=True)
    assert keeper.seconds_to_next_change() == pytest.approx(20 * 60)
    awake(keeper, clock, minutes=20)
    keeper.tick()
    assert keeper.micro_due() == "pause"
    assert [e.kind for e in keeper.micro_pause(shown=True)] == [Kind.MICRO]
    assert kinds(stores) == ["micro"]


def test_a_contact_needs_no_passphrase(home, clock) -> None:
    """activity.db is never encrypted: a hotkey works while the journal is locked."""
    from companion.store.encryption import encrypt

    stores = open_stores(resolve_paths(home), clock)
    stores.entries.add(kind="free", text="private")
    encrypt(stores.journal, "correct horse")
    locked = open_stores(resolve_paths(home), clock)
    assert locked.journal.locked
    inbox.mark_contact(locked, rough=False, source="command")
    assert b"rough" in resolve_paths(home).activity_db.read_bytes()
    keeper = keeper_for(locked, clock)  # the app takes it in without the passphrase too
    assert len(keeper.take_inbox().contacts) == 1
