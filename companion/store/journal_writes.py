"""Writes that span several of the journal's files and must land together: an import
(entries in many months with their reframes), and a whole layout made at once (the old
single file split, see migrate.py). One atomic commit (commit.py): all or nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from companion.store import segments
from companion.store.codec import Codec, Tables
from companion.store.file_marks import META_ID, META_TABLE
from companion.store.journal import JournalStore
from companion.store.records import Record, to_doc
from companion.store.search_cache import refresh_segment


def part_of(table: str, doc: Mapping[str, Any]) -> str:
    """The part a document of ``table`` is kept in."""
    if table == segments.ENTRIES_TABLE:
        return segments.segment_of(doc.get("created_at", ""))
    if table == segments.DRAFTS_TABLE:
        return segments.DRAFTS
    return segments.PRACTICE  # reframes, practice, and any table a newer version added


def split_tables(tables: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, dict]]:
    """{part: {table: {id: doc}}} for everything in ``tables`` but the schema stamp."""
    parts: dict[str, dict[str, dict]] = {}
    for table, docs in tables.items():
        if table == META_TABLE:
            continue
        for doc_id, doc in docs.items():
            part = parts.setdefault(part_of(table, doc), {})
            part.setdefault(table, {})[doc_id] = doc
    return parts


def stamped(tables: Mapping[str, Any], version: int) -> dict[str, Any]:
    return {**tables, META_TABLE: {META_ID: {"schema_version": version}}}


def encoded(parts: Mapping[str, Tables], codec: Codec, version: int) -> Iterator[tuple[str, bytes]]:
    """Each part's file, encoded one at a time (so a large journal is never encoded
    whole in memory)."""
    for name, tables in parts.items():
        yield f"{name}{segments.SUFFIX}", codec.encode(stamped(tables, version))


def add_together(journal: JournalStore, batches: Mapping[str, Iterable[Record]]) -> int:
    """Store new records of several tables (``{table: records}``) in one commit: either
    all of them are kept or none. Ids must be new. Returns how many were added."""
    given = {table: list(records) for table, records in batches.items()}
    incoming = {table: {r.id: to_doc(r) for r in records} for table, records in given.items()}
    for table, records in given.items():
        if len(incoming[table]) < len(records):
            raise ValueError(f"an id is given twice in {table}")
    count = sum(len(docs) for docs in incoming.values())
    if not count:
        return 0
    with journal.transaction():
        new_parts: dict[str, Tables] = {}
        for name, tables in split_tables(incoming).items():
            current = journal.read_part(name)  # raises StoreUnavailable like every write
            merged = dict(current)
            for table, docs in tables.items():
                if set(docs) & set(current.get(table, {})):
                    raise ValueError(f"an id is already taken in {table}")
                merged[table] = {**current.get(table, {}), **docs}
            new_parts[name] = merged
        journal.commit(encoded(new_parts, journal.codec, journal.schema.version))
        for name, tables in new_parts.items():
            if segments.is_segment(name):
                refresh_segment(journal, name, stamped(tables, journal.schema.version))
    return count
