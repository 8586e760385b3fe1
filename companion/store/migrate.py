"""Splitting the single ``journal.db`` of earlier versions into the journal's folder.

1. The old file is read (with its key, if it is encrypted) under both locks.
2. Every new file is written in one atomic commit (commit.py): a kill before its point
   of no return leaves only the old file; after it, the next open finishes the commit.
3. Each new file is read back from disk and compared with what the old file held.
4. Only then is the old file moved into ``backups/`` as that day's backup of the old
   journal (a rename: it is never deleted or rewritten). A kill before this step is
   finished at the next open, which proves the new files again before moving it.

Encrypted journals stay encrypted with the same salt and key: no second scrypt.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any

from companion.store import segments
from companion.store.backup import KEEP, list_backups
from companion.store.codec import CodecError, Tables
from companion.store.database import Database
from companion.store.errors import StoreCorrupt
from companion.store.file_marks import META_TABLE
from companion.store.journal import JournalStore
from companion.store.journal_writes import encoded, split_tables, stamped
from companion.store.search_cache import refresh_segment
from companion.system.atomic import fsync_dir
from companion.system.paths import ensure_dir
from companion.system.plain_file import read_plain


def split_legacy(journal: JournalStore, legacy: Database) -> None:
    """Make the journal's folder from the old file (see the module's docstring). The
    files already in the folder are replaced: a restored backup of the old file takes
    the place of what was written after it was set aside, as it always did."""
    version = journal.schema.version
    with journal.transaction(), legacy.storage.transaction():
        tables = legacy.storage.read() or {}
        parts = split_tables(tables)
        journal.set_codec(legacy.storage.codec)
        old = [
            p.name
            for p in journal.folder.iterdir()
            if p.name.endswith((segments.SUFFIX, ".search", ".cache"))
        ]
        journal.commit(encoded(parts, journal.codec, version), drop=old)
        prove(journal, parts, version)
        retire(journal)
        for name, part in parts.items():
            if segments.is_segment(name):
                refresh_segment(journal, name, stamped(part, version))


def prove(journal: JournalStore, parts: dict[str, Tables], version: int) -> None:
    """Every new file, read back from disk, holds exactly what it was made from."""
    for name, tables in parts.items():
        path = journal.part_path(name)
        try:
            found = journal.codec.decode(read_plain(path))
        except (OSError, CodecError) as error:
            raise StoreCorrupt(path, f"the new file cannot be read back: {error}") from error
        if found != stamped(tables, version):
            raise StoreCorrupt(path, "the new file does not hold what the old one did")


def retire(journal: JournalStore) -> bool:
    """Move the old file into ``backups/`` (proven copied); False if it stays."""
    source = journal.legacy_path
    if not source.exists():
        return False
    today = journal.clock.now().date().isoformat()
    target = journal.legacy_backup_dir / f"{source.stem}-{today}{source.suffix}"
    ensure_dir(target.parent)
    try:
        os.replace(source, target)
        fsync_dir(source.parent)
        fsync_dir(target.parent)
    except OSError:
        return False  # tried again at the next open
    for older in list_backups(source, journal.legacy_backup_dir)[KEEP:]:
        with contextlib.suppress(OSError):
            older.path.unlink()
    return True


def retire_legacy(journal: JournalStore) -> None:
    """At open, the old file beside the new folder (a kill after the split): move it
    into the backups once the new files are proven to hold every record it has. One
    that holds records the folder lacks (put back by hand, or written by an older
    companion since) is left where it is: never deleted, never read again."""
    source = journal.legacy_path
    try:
        tables = journal.codec.decode(read_plain(source))
    except (OSError, CodecError):
        return  # locked, or not ours to judge: left alone
    with journal.transaction():
        if all(_holds(journal, table, docs) for table, docs in tables.items()):
            retire(journal)


def _holds(journal: JournalStore, table: str, docs: dict[str, Any]) -> bool:
    if table == META_TABLE:
        return True
    for part, by_table in split_tables({table: docs}).items():
        if not journal.part_path(part).exists():
            return False
        try:
            have = journal.codec.decode(read_plain(journal.part_path(part)))
        except (OSError, CodecError):
            return False
        if any(have.get(table, {}).get(i) != d for i, d in by_table[table].items()):
            return False
    return True
