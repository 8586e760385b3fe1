"""Opening a store: quarantine of unreadable files, schema versions, backups, restore."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from companion.store.backup import backup_daily, list_backups
from companion.store.database import Database, Schema
from companion.store.errors import StoreUnavailable
from companion.store.key_value import KeyValue
from companion.system.clock import FakeClock

V1 = Schema(version=1)


def open_db(tmp_path: Path, clock: FakeClock, schema: Schema = V1) -> Database:
    db = Database("journal", tmp_path / "data" / "journal.db", tmp_path / "backups", clock, schema)
    db.open()
    return db


def seed(tmp_path: Path, clock: FakeClock, value: str = "kept") -> Path:
    db = open_db(tmp_path, clock)
    KeyValue(db).set("note", value)
    return db.path


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"",
        b"\x00\xff\xfe binary",
        b'["a", "list"]',
        b'{"t": [1, 2]}',
        b'{"_meta": {"schema": {"schema_version": "one"}}}',
        "日记".encode("gbk"),
    ],
    ids=["broken", "empty", "binary", "foreign-list", "foreign-table", "bad-version", "gbk"],
)
def test_unreadable_file_is_moved_aside_never_overwritten(
    tmp_path: Path, clock: FakeClock, content: bytes
) -> None:
    path = tmp_path / "data" / "journal.db"
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    db = Database("journal", path, tmp_path / "backups", clock, V1)
    problem = db.open()
    assert problem is not None and problem.kind == "quarantined"
    assert problem.moved_to is not None
    assert problem.moved_to.name.startswith("journal.db.corrupt-20261123T")
    assert problem.moved_to.read_bytes() == content  # every byte kept
    assert db.available
    KeyValue(db).set("after", 1)  # the app goes on with a fresh store
    assert problem.moved_to.read_bytes() == content


def test_quarantine_offers_the_newest_good_backup(tmp_path: Path, clock: FakeClock) -> None:
    path = seed(tmp_path, clock, "monday")
    clock.advance(days=1)
    KeyValue(open_db(tmp_path, clock)).set("note", "tuesday")  # opening backs up Tuesday's
    path.write_bytes(b"garbage")
    db = Database("journal", path, tmp_path / "backups", clock, V1)
    problem = db.open()
    assert problem is not None and problem.backup is not None
    assert problem.backup.day == date(2026, 11, 24)
    db.restore(problem.backup)
    assert KeyValue(db).get("note") == "monday"  # the backup was taken before Tuesday's write
    assert db.problem is None


def test_a_corrupt_backup_is_not_offered(tmp_path: Path, clock: FakeClock) -> None:
    path = seed(tmp_path, clock)
    open_db(tmp_path, clock)  # Monday's backup
    clock.advance(days=1)
    open_db(tmp_path, clock)
    newest = list_backups(path, tmp_path / "backups")[0]
    newest.path.write_bytes(b"broken too")
    path.write_bytes(b"garbage")
    problem = Database("journal", path, tmp_path / "backups", clock, V1).open()
    assert problem is not None and problem.backup is not None
    assert problem.backup.day == date(2026, 11, 23)


def test_newer_schema_is_refused_and_untouched(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "data" / "journal.db"
    path.parent.mkdir(parents=True)
    raw = json.dumps({"_meta": {"schema": {"schema_version": 9}}, "t": {}}).encode()
    path.write_bytes(raw)
    db = Database("journal", path, tmp_path / "backups", clock, V1)
    problem = db.open()
    assert problem is not None and problem.kind == "too_new"
    assert not db.available
    with pytest.raises(StoreUnavailable):
        KeyValue(db).set("x", 1)
    assert path.read_bytes() == raw
    assert list(path.parent.iterdir()) == [path] or all(
        p.suffix == ".lock" or p == path for p in path.parent.iterdir()
    )


def test_older_schema_is_migrated_forward_after_a_backup(tmp_path: Path, clock: FakeClock) -> None:
    path = seed(tmp_path, clock, "old shape")
    for old in list_backups(path, tmp_path / "backups"):
        old.path.unlink()

    def rename_note(tables):
        state = tables.get("state", {})
        if "note" in state:
            state["memo"] = state.pop("note")
        return tables

    db = open_db(tmp_path, clock, Schema(version=2, migrations={1: rename_note}))
    assert db.schema_version() == 2
    assert KeyValue(db).get("memo") == "old shape"
    backups = list_backups(path, tmp_path / "backups")
    assert len(backups) == 1
    old = json.loads(backups[0].path.read_text())
    assert old["state"]["note"]["value"] == "old shape"  # the pre-migration file is kept


def test_new_store_records_its_schema_version(tmp_path: Path, clock: FakeClock) -> None:
    db = open_db(tmp_path, clock)
    KeyValue(db).set("a", 1)
    data = json.loads(db.path.read_text())
    assert data["_meta"]["schema"]["schema_version"] == 1


def test_daily_backups_rotate_keeping_seven(tmp_path: Path, clock: FakeClock) -> None:
    path = seed(tmp_path, clock)
    for _ in range(10):
        clock.advance(days=1)
        open_db(tmp_path, clock)
    backups = list_backups(path, tmp_path / "backups")
    assert len(backups) == 7
    assert backups[0].day == date(2026, 12, 3)
    assert backups[-1].day == date(2026, 12, 3) - timedelta(days=6)
    for backup in backups:
        assert backup.path.stat().st_mode & 0o777 == 0o600


def test_one_backup_a_day(tmp_path: Path, clock: FakeClock) -> None:
    path = seed(tmp_path, clock)
    open_db(tmp_path, clock)  # the file exists now: opening backs it up
    assert backup_daily(path, tmp_path / "backups", clock.now().date()) is None
    assert len(list_backups(path, tmp_path / "backups")) == 1
