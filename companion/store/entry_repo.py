"""Journal entries across the journal's monthly segments: the typed repository the
journal service uses, with the same shape as ``Repo`` for the rest.

An entry lives in the segment of its ``created_at`` (which never changes), so a write
reads and rewrites that one segment, and brings its search file and its line of the
index up to date. Reading a range of days reads only the segments that can hold them.
Finding an entry by id alone scans the search files' rows (no segment is decoded).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, tzinfo
from typing import Any

from companion.store import segments
from companion.store.file_marks import META_ID, META_TABLE
from companion.store.ids import new_id
from companion.store.journal import JournalStore
from companion.store.records import from_doc, to_doc
from companion.store.schema import Entry
from companion.system.clock import Clock

ENTRIES = segments.ENTRIES_TABLE
Docs = dict[str, dict[str, Any]]


def readable(doc: Mapping[str, Any], tz: tzinfo) -> Entry | None:
    """A stored document as an entry; None for one in a form no companion writes (no
    id or date, a date that is not one), as a hand edit or another program leaves:
    passed over, where it once stopped the app's start and every export. A date
    without its offset is taken in ``tz``, the reader's zone."""
    try:
        entry = from_doc(Entry, dict(doc))
    except (TypeError, ValueError, KeyError, AttributeError, OverflowError):
        return None
    created, updated = entry.created_at, entry.updated_at
    if not (isinstance(created, datetime) and isinstance(updated, datetime)):
        return None
    if created.tzinfo is not None and updated.tzinfo is not None:
        return entry  # (as companion writes them: no copy made)
    return dataclasses.replace(
        entry,
        created_at=created if created.tzinfo else created.replace(tzinfo=tz),
        updated_at=updated if updated.tzinfo else updated.replace(tzinfo=tz),
    )


class EntryRepo:
    record_type = Entry
    table_name = ENTRIES
    passed_over = 0  # documents ``all`` could not read as entries, the last time

    def __init__(self, journal: JournalStore, clock: Clock) -> None:
        self.journal = journal
        self.clock = clock

    def _tz(self) -> tzinfo:
        return self.clock.now().tzinfo  # type: ignore[return-value]

    @property
    def db(self) -> JournalStore:
        """The store it keeps its records in (the journal)."""
        return self.journal

    # -- reading ------------------------------------------------------------------------
    def segment_docs(self, name: str) -> Mapping[str, Mapping[str, Any]]:
        """The stored documents of one segment (never change them)."""
        return self.journal.read_part(name).get(ENTRIES, {})

    def get(self, entry_id: str, at: datetime | str | None = None) -> Entry | None:
        """The entry with this id; ``at`` (its created_at) says where to look first."""
        name = self.locate(entry_id, at)
        if name is None:
            return None
        doc = self.segment_docs(name).get(entry_id)
        return readable(doc, self._tz()) if doc is not None else None

    def locate(self, entry_id: str, at: datetime | str | None = None) -> str | None:
        """The segment holding ``entry_id``, or None."""
        if at is not None:
            name = segments.segment_of(at)
            if self.journal.part_path(name).exists() and entry_id in self.segment_docs(name):
                return name
        from companion.store.search_cache import segment_block  # search's, loaded on use

        for name in self.journal.segment_names():
            if segment_block(self.journal, name).row_with_id(entry_id) is not None:
                return name
        return None

    def all(self) -> list[Entry]:
        """Every entry, newest first (reads every segment: for exports and imports)."""
        tz = self._tz()
        found = [
            readable(doc, tz)
            for name in self.journal.segment_names()
            for doc in self.segment_docs(name).values()
        ]
        self.passed_over = sum(entry is None for entry in found)
        entries = [entry for entry in found if entry is not None]
        entries.sort(key=lambda e: e.created_at, reverse=True)
        return entries

    def where(self, keep: Callable[[Entry], bool]) -> list[Entry]:
        return [e for e in self.all() if keep(e)]

    def docs_between(self, start: datetime, end: datetime) -> Iterable[Mapping[str, Any]]:
        """The stored documents of the segments that may hold [start, end)."""
        for name in self.journal.segment_names():
            if segments.may_hold(name, start.date(), end.date()):
                yield from self.segment_docs(name).values()

    def created_between(self, start: datetime, end: datetime) -> list[Entry]:
        """Entries created in [start, end), newest first. Only the segments that can hold
        them are read, and only the documents in range are decoded."""
        found, tz = [], self._tz()
        for doc in self.docs_between(start, end):
            try:
                created = datetime.fromisoformat(doc["created_at"])
            except (KeyError, TypeError, ValueError):
                continue  # (no entry written by companion is without its date)
            if created.tzinfo is None or start <= created < end:
                entry = readable(doc, tz)
                if entry is not None and start <= entry.created_at < end:
                    found.append(entry)
        found.sort(key=lambda e: e.created_at, reverse=True)
        return found

    # -- writing ------------------------------------------------------------------------
    def new(self, **fields: Any) -> Entry:
        now = self.clock.now()
        return Entry(
            id=new_id(), created_at=fields.pop("created_at", now), updated_at=now, **fields
        )

    def add(self, **fields: Any) -> Entry:
        return self.put(self.new(**fields))

    def put(self, entry: Entry) -> Entry:
        """Insert or replace an entry as it is (import, undo); durable when it returns."""
        doc = to_doc(entry)
        self._change(segments.segment_of(doc["created_at"]), lambda docs: {**docs, entry.id: doc})
        return entry

    def update(self, entry_id: str, at: datetime | str | None = None, **changes: Any) -> Entry:
        with self.journal.transaction():
            name = self.locate(entry_id, at)
            doc = self.segment_docs(name).get(entry_id) if name is not None else None
            if name is None or doc is None:
                raise KeyError(entry_id)
            current = readable(doc, self._tz())
            if current is None:  # (never listed as an entry: see readable)
                raise KeyError(entry_id)
            updated = dataclasses.replace(current, updated_at=self.clock.now(), **changes)
            doc = to_doc(updated)
            self._change(name, lambda docs: {**docs, entry_id: doc})
        return updated

    def delete(self, entry_id: str, at: datetime | str | None = None) -> Entry | None:
        with self.journal.transaction():
            name = self.locate(entry_id, at)
            if name is None:
                return None
            doc = self.segment_docs(name).get(entry_id)
            if doc is None:
                return None
            self._change(name, lambda docs: {k: v for k, v in docs.items() if k != entry_id})
        return readable(doc, self._tz())

    def _change(self, name: str, change: Callable[[Docs], Docs]) -> None:
        """Read-modify-write one segment under the journal's lock, then its search file
        and index line. New tables each time: a reader in another thread may be going
        through the ones read."""
        from companion.store.search_cache import refresh_segment

        journal = self.journal
        with journal.transaction():
            db = journal.part(name)
            db.table(ENTRIES)  # raises StoreUnavailable like every other write
            tables = db.storage.read() or {}
            new = with_meta(tables, journal.schema.version)
            new[ENTRIES] = change(dict(tables.get(ENTRIES, {})))
            db.storage.write(new)
            refresh_segment(journal, name, new)

    def count(self) -> int:
        from companion.store.search_cache import summary

        return sum(summary(self.journal, name).count for name in self.journal.segment_names())

    def add_many(self, entries: Iterable[Entry]) -> int:
        """Store many entries at once: all of them or none (see add_together)."""
        from companion.store.journal_writes import add_together

        return add_together(self.journal, {ENTRIES: list(entries)})


def with_meta(tables: Mapping[str, Any], version: int) -> dict[str, Any]:
    """A copy of ``tables`` stamped with the schema version (the first write of a file
    stamps it)."""
    new = dict(tables)
    if not new.get(META_TABLE, {}).get(META_ID):
        new[META_TABLE] = {META_ID: {"schema_version": version}}
    return new
