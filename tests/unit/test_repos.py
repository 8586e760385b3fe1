"""Typed repositories over TinyDB tables."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import textwrap
import uuid
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path

import pytest

from companion.store.database import Database, Schema
from companion.store.key_value import KeyValue
from companion.store.records import Record, from_doc, to_doc
from companion.store.repos import Repo, add_together, read_together
from companion.system.clock import FakeClock


class Mood(StrEnum):
    CALM = "calm"
    TENSE = "tense"


@dataclasses.dataclass(frozen=True, kw_only=True)
class Note(Record):
    text: str
    tags: tuple[str, ...] = ()
    mood: Mood | None = None
    starred: bool = False


@pytest.fixture
def db(tmp_path: Path, clock: FakeClock) -> Database:
    database = Database(
        "journal", tmp_path / "journal.db", tmp_path / "backups", clock, Schema(version=1)
    )
    database.open()
    return database


def test_add_get_update_delete(db: Database, clock: FakeClock) -> None:
    notes = Repo(db, "notes", Note, clock)
    note = notes.add(text="refund storm", tags=("refund",), mood=Mood.TENSE)
    uuid.UUID(note.id)  # a real UUID
    assert note.created_at == clock.now() and note.created_at.utcoffset() is not None
    assert notes.get(note.id) == note
    clock.advance(minutes=5)
    updated = notes.update(note.id, starred=True)
    assert updated.starred and updated.updated_at == clock.now()
    assert updated.created_at == note.created_at
    assert notes.get(note.id) == updated
    assert notes.delete(note.id) == updated
    assert notes.get(note.id) is None
    assert notes.delete(note.id) is None


def test_update_of_a_missing_record_raises(db: Database, clock: FakeClock) -> None:
    with pytest.raises(KeyError):
        Repo(db, "notes", Note, clock).update("nope", text="x")


def test_all_is_newest_first_and_between_is_half_open(db: Database, clock: FakeClock) -> None:
    notes = Repo(db, "notes", Note, clock)
    made = []
    for i in range(3):
        made.append(notes.add(text=f"n{i}"))
        clock.advance(hours=1)
    assert [n.text for n in notes.all()] == ["n2", "n1", "n0"]
    start = made[0].created_at
    assert [n.text for n in notes.created_between(start, start + timedelta(hours=1))] == ["n0"]
    assert [n.text for n in notes.created_between(start, made[2].created_at)] == ["n1", "n0"]
    assert notes.count() == 3


def test_between_decodes_only_the_records_in_range(
    db: Database, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Home asks for today's records on its UI thread, beside years of them."""
    import companion.store.repos as repos

    notes = Repo(db, "notes", Note, clock)
    for i in range(5):
        notes.add(text=f"n{i}")
        clock.advance(days=1)
    decoded: list[str] = []
    real = repos.from_doc
    monkeypatch.setattr(
        repos, "from_doc", lambda cls, doc: decoded.append(doc["text"]) or real(cls, doc)
    )
    today = clock.now() - timedelta(days=1)
    assert [n.text for n in notes.created_between(today, clock.now())] == ["n4"]
    assert decoded == ["n4"]


def test_documents_are_iso_timestamps_with_offset(db: Database, clock: FakeClock) -> None:
    note = Repo(db, "notes", Note, clock).add(text="x", tags=("a", "b"), mood=Mood.CALM)
    doc = json.loads(db.path.read_text())["notes"][note.id]
    assert doc["created_at"] == "2026-11-23T10:30:00.000+08:00"
    assert doc["tags"] == ["a", "b"] and doc["mood"] == "calm"
    assert datetime.fromisoformat(doc["updated_at"]) == clock.now()


def test_round_trip_ignores_unknown_and_defaults_missing_fields() -> None:
    now = datetime.fromisoformat("2026-11-23T10:30:00+08:00")
    note = Note(id="1", created_at=now, updated_at=now, text="hi", tags=("x",))
    doc = to_doc(note)
    assert from_doc(Note, doc) == note
    doc["from_the_future"] = 1
    del doc["starred"]
    assert from_doc(Note, doc) == note


def test_put_and_add_many_keep_ids(db: Database, clock: FakeClock) -> None:
    notes = Repo(db, "notes", Note, clock)
    now = clock.now()
    batch = [Note(id=str(i), created_at=now, updated_at=now, text=str(i)) for i in range(5)]
    assert notes.add_many(batch) == 5
    notes.put(dataclasses.replace(batch[0], text="changed"))
    assert notes.get("0").text == "changed"
    assert notes.count() == 5


def test_key_value(db: Database) -> None:
    state = KeyValue(db)
    assert state.get("missing", "default") == "default"
    state.set("welcome_done", True)
    state.set("welcome_done", False)
    assert state.get("welcome_done") is False
    state.delete("welcome_done")
    assert state.get("welcome_done") is None


WRITER = textwrap.dedent("""
    import sys
    import time
    from pathlib import Path
    from companion.system.clock import SystemClock
    from companion.store.database import Database, Schema
    from companion.store.repos import Repo
    from companion.store.schema import Draft
    root, who, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    db = Database("journal", root / "journal.db", root / "backups", SystemClock(), Schema(1))
    db.open()
    drafts = Repo(db, "drafts", Draft, SystemClock())
    (root / f"ready-{who}").touch()
    while not (root / "go").exists():  # start together with the others
        time.sleep(0.005)
    for i in range(count):
        drafts.add(origin=who, fields={"i": i})
""")


def test_two_processes_writing_at_once_lose_nothing(
    tmp_path: Path, db: Database, clock: FakeClock
) -> None:
    count = 60
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), who, str(count)])
        for who in ("tui", "cli")
    ]
    # This process writes at the same time, through its own open store.
    import time

    from companion.store.schema import Draft

    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-{who}").exists() for who in ("tui", "cli")):
        assert time.monotonic() < deadline, "writers did not start"
        time.sleep(0.01)
    (tmp_path / "go").touch()  # all three start writing together
    mine = Repo(db, "drafts", Draft, clock)
    for i in range(count):
        mine.add(origin="here", fields={"i": i})
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    records = Repo(db, "drafts", Draft, clock).all()
    by_origin: dict[str, set[int]] = {}
    for record in records:
        by_origin.setdefault(record.origin, set()).add(record.fields["i"])
    assert by_origin == {who: set(range(count)) for who in ("tui", "cli", "here")}


def test_journal_entries_round_trip(tmp_path: Path, clock: FakeClock) -> None:
    from companion.store.stores import open_stores
    from companion.system.paths import resolve_paths

    stores = open_stores(resolve_paths(tmp_path / "h"), clock)
    entry = stores.entries.add(
        kind="free", text="客户很生气 [bold]", tags=("refund",), fields={"intensity": 70}
    )
    again = open_stores(resolve_paths(tmp_path / "h"), clock).entries.get(entry.id)
    assert again == entry


def test_records_and_named_values_are_kept_in_one_write(
    db: Database, tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes, state = Repo(db, "notes", Note, clock), KeyValue(db)
    state.set("first", True)  # (the first write of a new file also stamps its schema)
    writes: list[object] = []
    original = db.storage.write
    monkeypatch.setattr(db.storage, "write", lambda data: (writes.append(data), original(data)))
    note = notes.new(text="one")
    assert notes.get(note.id) is None  # new() does not store
    assert add_together([(notes, [note])], values=[(state, "last", {"n": 1})]) == 1
    assert len(writes) == 1
    assert notes.get(note.id) == note and state.get("last") == {"n": 1}
    assert add_together([], values=[(state, "last", 2)]) == 0 and state.get("last") == 2
    other = Database("activity", tmp_path / "a.db", tmp_path / "backups", clock, Schema(1))
    other.open()
    with pytest.raises(ValueError):
        add_together([(notes, [notes.new(text="two")])], values=[(KeyValue(other), "k", 1)])
    assert [n.text for n in notes.all()] == ["one"]


def test_what_a_reader_holds_is_never_changed_by_a_later_write(
    db: Database, clock: FakeClock
) -> None:
    """A worker thread may be going through the documents while the UI thread keeps a
    record: the write puts new tables in, never changes the ones read."""
    notes, state = Repo(db, "notes", Note, clock), KeyValue(db)
    first = notes.add(text="one")
    state.set("k", 1)
    held_notes, held_state = notes.docs(), dict(db.storage.read() or {})["state"]
    add_together([(notes, [notes.new(text="two")])], values=[(state, "k", 2), (state, "j", 3)])
    assert list(held_notes) == [first.id] and held_state == {"k": {"value": 1}}
    assert len(notes.docs()) == 2 and state.get("k") == 2


def test_documents_come_with_the_identity_they_were_read_at(db: Database, clock: FakeClock) -> None:
    notes, other = Repo(db, "notes", Note, clock), Repo(db, "other", Note, clock)
    notes.add(text="one")
    (docs, others), identity = read_together([notes, other])
    assert len(docs) == 1 and others == {} and identity == db.storage.identity
    notes.add(text="two")
    assert identity != db.storage.identity  # a cache keyed on it is now stale
    again, now = notes.snapshot()
    assert len(again) == 2 and now == db.storage.identity
