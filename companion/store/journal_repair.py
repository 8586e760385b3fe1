"""The person's choice after one of the journal's files could not be read: its newest
backup put back, or an empty file in its place. Either settles the question: the
backup is not offered again. Nothing written meanwhile is lost: what the app wrote to a
part after it was set aside is kept beside the restored backup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.store import segments
from companion.store.backup import Backup
from companion.store.codec import Tables, default_codec
from companion.store.database import Database, OpenProblem
from companion.store.errors import StoreError
from companion.store.file_marks import META_TABLE
from companion.store.search_cache import refresh_segment

if TYPE_CHECKING:
    from companion.store.journal import JournalStore


def restore(journal: JournalStore, backup: Backup, problem: OpenProblem | None) -> None:
    legacy = journal.legacy
    if legacy is not None and backup.path.parent == journal.legacy_backup_dir:
        legacy.restore(backup)  # the old single file: split once it is back
        journal.problem = None
        journal.open()
        return
    db = _owner(journal, backup, problem)
    with journal.transaction():
        written = _written_since(db)
        db.restore(backup)
        if written:
            _keep_written(db, written)
    _settled(journal, db)


def start_fresh(journal: JournalStore, problem: OpenProblem | None) -> None:
    problem = problem or journal.problem or (journal.found[0] if journal.found else None)
    if journal.legacy is not None and (problem is None or not problem.part):
        journal.legacy.start_fresh()
        journal.problem = None
        journal.open()
        return
    if problem is not None and problem.kind == "damaged" and not problem.part:
        _set_aside_unreadable(journal)
        return
    if problem is None or not problem.part:
        return
    db = journal.part(problem.part)
    db.problem = problem
    db.start_fresh()
    _settled(journal, db)


def _written_since(db: Database) -> Tables:
    """What was written to a part after it was set aside (the app went on meanwhile)."""
    try:
        return (db.storage.read() or {}) if db.path.exists() else {}
    except StoreError:
        return {}


def _keep_written(db: Database, written: Tables) -> None:
    restored = db.storage.read() or {}
    merged = dict(restored)
    for table, docs in written.items():
        if table == META_TABLE:
            continue
        missing = {k: v for k, v in docs.items() if k not in restored.get(table, {})}
        if missing:
            merged[table] = {**restored.get(table, {}), **missing}
    if merged != restored:
        db.storage.write(merged)


def _set_aside_unreadable(journal: JournalStore) -> None:
    """Files no passphrase can be checked against: kept aside (never deleted), and a
    plain journal begins (no key was ever proven for them)."""
    with journal.transaction():
        for path in journal.sealed_parts():
            Database("journal", path, journal.backup_dir, journal.clock, journal.schema).set_aside()
    journal.set_codec(default_codec())
    journal.problem = None
    journal.open()


def _owner(journal: JournalStore, backup: Backup, problem: OpenProblem | None) -> Database:
    if problem is not None and problem.part:
        return journal.part(problem.part)
    return journal.part(backup.path.name[: -len("-YYYY-MM-DD.db")])


def _settled(journal: JournalStore, db: Database) -> None:
    journal.forget_found(db.part)
    if segments.is_segment(db.part):
        refresh_segment(journal, db.part)
