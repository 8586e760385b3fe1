"""Commands read the activity log only when they use it: it grows with every chat
marked (a year of them is megabytes), and `note` or `find`, typed between chats, never
look at it. Opened on first use, it is read, checked and backed up as always."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.cli import main
from companion.store.errors import StoreUnavailable
from companion.store.storage import SafeStorage
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths


@pytest.fixture
def marked(home: Path, clock: FakeClock) -> Path:
    """A data folder whose activity log holds a chat marked, and a note."""
    stores = open_stores(resolve_paths(home), clock)
    stores.contacts.add(rough=True, source="app")
    stores.close()
    assert main(["--data-dir", str(home), "note", "a first note"]) == 0
    return resolve_paths(home).activity_db


def reads_of(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    read, seen = SafeStorage.read, []

    def reading(self: SafeStorage):  # type: ignore[no-untyped-def]
        seen.append(self.path)
        return read(self)

    monkeypatch.setattr(SafeStorage, "read", reading)
    return seen


@pytest.mark.parametrize("argv", [["note", "one more refund"], ["find", "refund"]])
def test_note_and_find_never_read_the_activity_log(
    home: Path, marked: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    seen = reads_of(monkeypatch)
    assert main(["--data-dir", str(home), *argv]) == 0
    assert seen and marked not in seen  # the journal was read, the activity log not


def test_opened_on_first_use_it_is_read_then(
    home: Path, clock: FakeClock, marked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = reads_of(monkeypatch)
    stores = open_stores(resolve_paths(home), clock, activity_when_used=True)
    assert marked not in seen
    assert [c.rough for c in stores.contacts.all()] == [True]  # opened by this read
    assert marked in seen and not stores.activity.open_when_used
    stores.contacts.add(rough=False, source="command")
    assert len(open_stores(resolve_paths(home), clock).contacts.all()) == 2


def test_opened_on_first_use_it_is_checked_as_at_start(home: Path, clock: FakeClock) -> None:
    """A damaged activity log opened on first use is found then, left in place (as a
    command leaves it) and refused, as an open at start would have."""
    paths = resolve_paths(home)
    open_stores(paths, clock).close()
    paths.activity_db.write_bytes(b"{ not json")
    stores = open_stores(paths, clock, move_damaged=False, activity_when_used=True)
    assert stores.problems == []  # not looked at yet
    with pytest.raises(StoreUnavailable) as raised:
        stores.state.get("anything")
    assert raised.value.problem is stores.activity.problem
    assert stores.activity.problem is not None and stores.activity.problem.kind == "damaged"
    assert paths.activity_db.read_bytes() == b"{ not json"  # left where it is, whole
