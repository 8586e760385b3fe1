"""The single journal.db of earlier versions is split into the journal's folder once,
atomically: a kill at any step leaves the old file or the whole new layout (never half
of it), and the old file is kept (moved into backups/) only after every new file was
read back and found to hold what it did."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

import companion.store.commit as commit
import companion.store.migrate as migrate
from companion.store.crypto import EncryptedCodec, Keyring
from companion.store.envelope import MAGIC, read_header
from companion.store.errors import StoreCorrupt
from companion.store.practice_records import Reframe
from companion.store.records import to_doc
from companion.store.schema import Draft, Entry
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.layout import holding, journal_dir, segment

PASS = "long enough 123"


def old_tables(clock: FakeClock) -> dict:
    """What an earlier companion kept in journal.db: entries of three months, a draft
    and a reframe, with its schema stamp."""
    now = clock.now()
    entries = [
        Entry(id=f"e{n}", created_at=at, updated_at=at, kind="free", text=f"refund story {n}")
        for n, at in enumerate((now, now - timedelta(days=40), now - timedelta(days=400)))
    ]
    draft = Draft(
        id="d1", created_at=now, updated_at=now, origin="entry", fields={"text": "half a thought"}
    )
    reframe = Reframe(id="r1", created_at=now, updated_at=now, facts="a hard chat", finished=True)
    return {
        "_meta": {"schema": {"schema_version": 1}},
        "entries": {e.id: to_doc(e) for e in entries},
        "drafts": {draft.id: to_doc(draft)},
        "reframes": {reframe.id: to_doc(reframe)},
    }


def old_journal(home: Path, clock: FakeClock, passphrase: str | None = None) -> bytes:
    tables = old_tables(clock)
    codec = EncryptedCodec(Keyring(passphrase)) if passphrase else None
    raw = codec.encode(tables) if codec else json.dumps(tables).encode()
    path = resolve_paths(home).journal_db
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return raw


def kept_old_file(home: Path) -> Path:
    (found,) = (home / "backups").glob("journal-*.db")
    return found


def assert_everything_there(home: Path, clock: FakeClock, passphrase: str | None = None) -> None:
    stores = open_stores(resolve_paths(home), clock, passphrase=passphrase)
    assert sorted(e.id for e in stores.entries.all()) == ["e0", "e1", "e2"]
    assert [d.id for d in stores.drafts.all()] == ["d1"]
    assert [r.facts for r in stores.reframes.all()] == ["a hard chat"]
    assert stores.journal.problems() == []


def test_the_old_file_is_split_by_month_and_kept_as_a_backup(home: Path, clock: FakeClock) -> None:
    raw = old_journal(home, clock)
    assert_everything_there(home, clock)
    folder = journal_dir(home)
    names = {p.name for p in folder.glob("*.db")}
    assert names == {
        "entries-2026-11.db",
        "entries-2026-10.db",
        "entries-2025-10.db",
        "drafts.db",
        "practice.db",
    }
    assert not resolve_paths(home).journal_db.exists()
    assert kept_old_file(home).read_bytes() == raw  # moved, never rewritten
    assert b"refund story 0" in segment(home).read_bytes()
    assert_everything_there(home, clock)  # and again: nothing is split twice


def test_an_encrypted_old_file_stays_encrypted_with_the_same_key(
    home: Path, clock: FakeClock
) -> None:
    raw = old_journal(home, clock, PASS)
    assert_everything_there(home, clock, PASS)
    salt = read_header(kept_old_file(home)).salt
    files = list(journal_dir(home).glob("*.db"))
    assert files and all(p.read_bytes().startswith(MAGIC) for p in files)
    assert {read_header(p).salt for p in files} == {salt}  # one scrypt opens them all
    assert holding(home, "refund story") == [] and holding(home, "half a thought") == []
    assert kept_old_file(home).read_bytes() == raw


def test_a_locked_old_file_waits_for_the_passphrase(home: Path, clock: FakeClock) -> None:
    raw = old_journal(home, clock, PASS)
    stores = open_stores(resolve_paths(home), clock)
    assert stores.journal.locked
    assert resolve_paths(home).journal_db.read_bytes() == raw
    assert not list(journal_dir(home).glob("*.db"))
    assert_everything_there(home, clock, PASS)


def test_a_plain_copy_of_the_old_file_is_encrypted_when_it_is_unlocked_and_split(
    home: Path, clock: FakeClock
) -> None:
    """A plain backup an older version (or a killed conversion) left beside an encrypted
    old journal stayed plain after the unlock that split it."""
    from companion.store import encryption

    plain = json.dumps(old_tables(clock)).encode()
    old_journal(home, clock, PASS)
    backups = home / "backups"
    backups.mkdir(parents=True, exist_ok=True)
    (backups / "journal-2026-11-20.db").write_bytes(plain)
    stores = open_stores(resolve_paths(home), clock)
    assert encryption.unlock(stores.journal, PASS)
    assert holding(home, "refund story") == []
    assert (backups / "journal-2026-11-20.db").read_bytes().startswith(MAGIC)
    assert_everything_there(home, clock, PASS)


def test_a_kill_before_the_point_of_no_return_leaves_the_old_file(
    home: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = old_journal(home, clock)

    def killed(*args: object) -> None:
        raise KeyboardInterrupt  # the process dies writing the list of new files

    monkeypatch.setattr(commit, "write_atomic", killed)
    with pytest.raises(KeyboardInterrupt):
        open_stores(resolve_paths(home), clock)
    monkeypatch.undo()
    assert resolve_paths(home).journal_db.read_bytes() == raw
    assert not list(journal_dir(home).glob("*.db"))
    assert_everything_there(home, clock)
    assert not [p for p in journal_dir(home).iterdir() if p.name.endswith(".pending")]


def test_a_kill_midway_through_the_renames_is_finished_at_the_next_open(
    home: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_journal(home, clock)
    real, done = commit.os.replace, []

    def dies_after_two(source: object, target: object) -> None:
        if len(done) == 2:
            raise KeyboardInterrupt
        done.append(target)
        real(source, target)

    monkeypatch.setattr(commit.os, "replace", dies_after_two)
    with pytest.raises(KeyboardInterrupt):
        open_stores(resolve_paths(home), clock)
    monkeypatch.undo()
    assert (journal_dir(home) / commit.MARKER).exists()  # the change was decided
    assert resolve_paths(home).journal_db.exists()  # and the old file not retired yet
    assert_everything_there(home, clock)
    assert not (journal_dir(home) / commit.MARKER).exists()
    assert not resolve_paths(home).journal_db.exists()
    kept_old_file(home)


def test_a_kill_before_the_old_file_is_moved_is_finished_at_the_next_open(
    home: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = old_journal(home, clock)

    def killed(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(migrate, "retire", killed)
    with pytest.raises(KeyboardInterrupt):
        open_stores(resolve_paths(home), clock)
    monkeypatch.undo()
    assert resolve_paths(home).journal_db.read_bytes() == raw  # beside the new files
    assert_everything_there(home, clock)
    assert kept_old_file(home).read_bytes() == raw


def test_new_files_that_do_not_read_back_keep_the_old_file_in_place(
    home: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = old_journal(home, clock)

    def not_the_same(*args: object) -> None:
        raise StoreCorrupt(journal_dir(home), "the new file does not hold what the old one did")

    monkeypatch.setattr(migrate, "prove", not_the_same)
    stores = open_stores(resolve_paths(home), clock)
    assert stores.journal.problem is not None and stores.journal.problem.kind == "unreadable"
    assert resolve_paths(home).journal_db.read_bytes() == raw  # in place, as it was


def test_an_old_file_holding_records_the_folder_lacks_is_left_alone(
    home: Path, clock: FakeClock
) -> None:
    old_journal(home, clock)
    assert_everything_there(home, clock)
    tables = old_tables(clock)
    later = clock.now() + timedelta(hours=1)
    extra = Entry(id="e9", created_at=later, updated_at=later, kind="free", text="only here")
    tables["entries"]["e9"] = to_doc(extra)
    path = resolve_paths(home).journal_db
    path.write_text(json.dumps(tables), "utf-8")  # put back by hand, or an older companion
    assert_everything_there(home, clock)
    assert path.read_text("utf-8") == json.dumps(tables)  # never deleted or moved


def test_recover_forgets_a_change_that_never_reached_its_list(tmp_path: Path) -> None:
    tmp_path = tmp_path / "folder"
    tmp_path.mkdir()
    (tmp_path / "a.db").write_bytes(b"old")
    commit.pending_path(tmp_path / "a.db").write_bytes(b"new, half written")
    assert commit.recover(tmp_path)
    assert (tmp_path / "a.db").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.db"]


def test_recover_finishes_a_change_that_reached_its_list(tmp_path: Path) -> None:
    tmp_path = tmp_path / "folder"
    tmp_path.mkdir()
    for name in ("a.db", "b.db", "gone.db"):
        (tmp_path / name).write_bytes(b"old")
    commit.pending_path(tmp_path / "b.db").write_bytes(b"new b")  # a.db renamed already
    (tmp_path / "a.db").write_bytes(b"new a")
    marker = {"files": ["a.db", "b.db"], "drop": ["gone.db", "../outside"]}
    (tmp_path / commit.MARKER).write_text(json.dumps(marker))
    assert commit.recover(tmp_path)
    found = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert found == {"a.db": b"new a", "b.db": b"new b"}


def test_every_new_file_is_private(home: Path, clock: FakeClock) -> None:
    old_journal(home, clock)
    assert_everything_there(home, clock)
    for path in journal_dir(home).iterdir():
        assert path.stat().st_mode & 0o777 == 0o600, path
    assert journal_dir(home).stat().st_mode & 0o777 == 0o700


def test_a_segment_of_entries_written_at_another_offset(home: Path, clock: FakeClock) -> None:
    """An entry belongs to the month of its created_at as stored (with its offset)."""
    stores = open_stores(resolve_paths(home), clock)
    from zoneinfo import ZoneInfo

    late = datetime(2026, 10, 31, 23, 30, tzinfo=ZoneInfo("America/New_York"))
    stores.entries.add(kind="free", text="late in October there", created_at=late)
    assert b"late in October" in segment(home, "2026-10").read_bytes()
    assert [e.text for e in stores.entries.all()] == ["late in October there"]
