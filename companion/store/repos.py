"""Typed repositories: one table, one record type, every write in a transaction."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Generic

from tinydb.table import Document, Table

from companion.store.database import Database
from companion.store.ids import new_id
from companion.store.key_value import KeyValue, value_doc
from companion.store.records import R, Record, from_doc, to_doc
from companion.system.clock import Clock


class Repo(Generic[R]):
    def __init__(
        self,
        db: Database | Callable[[], Database],
        table: str,
        record_type: type[R],
        clock: Clock,
    ) -> None:
        # A database, or how to get one: a journal's part is opened when first used.
        self._db = db
        self.table_name = table
        self.record_type = record_type
        self.clock = clock

    @property
    def db(self) -> Database:
        return self._db if isinstance(self._db, Database) else self._db()

    @property
    def _table(self) -> Table:
        return self.db.table(self.table_name)

    def new(self, **fields: Any) -> R:
        """A new record with a fresh id and timestamps, not stored yet (see add_together)."""
        now = self.clock.now()
        return self.record_type(
            id=new_id(), created_at=fields.pop("created_at", now), updated_at=now, **fields
        )

    def add(self, **fields: Any) -> R:
        """Create and store a record; returns it once it is durable on disk."""
        return self.put(self.new(**fields))

    def put(self, record: R) -> R:
        """Insert or replace a record as it is (import, undo)."""
        doc = to_doc(record)
        with self.db.transaction():
            table = self._table
            if table.contains(doc_id=record.id):
                table.update(doc, doc_ids=[record.id])
            else:
                table.insert(Document(doc, doc_id=record.id))
        return record

    def get(self, record_id: str) -> R | None:
        doc = self._table.get(doc_id=record_id)
        return from_doc(self.record_type, doc) if doc is not None else None

    def update(self, record_id: str, **changes: Any) -> R:
        with self.db.transaction():
            current = self.get(record_id)
            if current is None:
                raise KeyError(record_id)
            updated = dataclasses.replace(current, updated_at=self.clock.now(), **changes)
            self._table.update(to_doc(updated), doc_ids=[record_id])
        return updated

    def delete(self, record_id: str) -> R | None:
        with self.db.transaction():
            current = self.get(record_id)
            if current is not None:
                self._table.remove(doc_ids=[record_id])
        return current

    def all(self) -> list[R]:
        """Every record, newest first."""
        records = [from_doc(self.record_type, doc) for doc in self._table.all()]
        records.sort(key=lambda r: r.created_at, reverse=True)
        return records

    def docs(self) -> Mapping[str, Mapping[str, Any]]:
        """The stored documents by id, as they are: a fast read-only view for callers
        that decode (and cache) records themselves. Never modify what it returns."""
        _ = self._table  # raises StoreUnavailable like every other read
        tables = self.db.storage.read() or {}
        return tables.get(self.table_name, {})

    def snapshot(self) -> tuple[Mapping[str, Mapping[str, Any]], object]:
        """``docs()`` and the identity of the file they were read from, in one step (see
        ``read_together``)."""
        (docs,), identity = read_together([self])
        return docs, identity

    def where(self, keep: Callable[[R], bool]) -> list[R]:
        return [r for r in self.all() if keep(r)]

    def created_between(self, start: datetime, end: datetime) -> list[R]:
        """Records created in [start, end), newest first. Only the documents in range are
        decoded (Home asks for today's on its UI thread, beside years of records)."""
        records = []
        for doc in self.docs().values():
            try:
                created = datetime.fromisoformat(doc["created_at"])
            except (KeyError, TypeError, ValueError):
                created = None  # decoded all the same: that says what is wrong with it
            if created is None or start <= created < end:
                record = from_doc(self.record_type, dict(doc))
                if start <= record.created_at < end:
                    records.append(record)
        records.sort(key=lambda r: r.created_at, reverse=True)
        return records

    def count(self) -> int:
        return len(self._table)

    def add_many(self, records: Iterable[R]) -> int:
        """Store many records in one write (all or nothing)."""
        docs = [Document(to_doc(r), doc_id=r.id) for r in records]
        with self.db.transaction():
            self._table.insert_multiple(docs)
        return len(docs)


def read_together(
    repos: Sequence[Repo[Any]],
) -> tuple[list[Mapping[str, Mapping[str, Any]]], object]:
    """The stored documents of several tables of one database, and the identity of the
    file they were all read from, taken in one step: a write from another thread cannot
    fall between them. A cache built from them stays good while the database's
    ``storage.identity`` is that identity. Never modify what it returns."""
    databases = {id(repo.db): repo.db for repo in repos}
    if len(databases) != 1:
        raise ValueError("read_together reads one database")
    (db,) = databases.values()
    for repo in repos:
        db.table(repo.table_name)  # raises StoreUnavailable like every other read
    tables, identity = db.storage.snapshot()
    return [tables.get(repo.table_name, {}) for repo in repos], identity


def add_together(
    batches: Iterable[tuple[Repo[Any], Iterable[Record]]],
    values: Iterable[tuple[KeyValue, str, Any]] = (),
) -> int:
    """Store new records in several tables of one database, and set named ``values``
    (key-value table, key, value) in it, in a single write: either all of them are kept
    or none is (an import of entries with their reframes; a break event with the
    rhythm's state). Returns how many records were added."""
    batches = [(repo, [to_doc(r) for r in records]) for repo, records in batches]
    values = list(values)
    databases = {id(repo.db): repo.db for repo, _ in batches}
    databases.update({id(kv.db): kv.db for kv, _, _ in values})
    if len(databases) != 1:
        raise ValueError("add_together writes to one database")
    (db,) = databases.values()
    if not any(docs for _, docs in batches) and not values:
        return 0
    names = [repo.table_name for repo, _ in batches] + [kv.table_name for kv, _, _ in values]
    with db.transaction():
        for name in names:
            db.table(name)  # raises StoreUnavailable like every other write
        tables = db.storage.read() or {}
        for repo, docs in batches:  # checked before anything changes
            ids = [doc["id"] for doc in docs]
            if len(set(ids)) < len(ids) or set(ids) & set(tables.get(repo.table_name, {})):
                raise ValueError(f"an id is already taken in {repo.table_name}")
        # New tables, never the ones read changed in place: a worker thread may be
        # going through them (Insights reads the break events while a break is kept).
        for repo, docs in batches:
            table = dict(tables.get(repo.table_name, {}))
            table.update({doc["id"]: doc for doc in docs})
            tables[repo.table_name] = table
        for kv, key, value in values:
            tables[kv.table_name] = {**tables.get(kv.table_name, {}), key: value_doc(value)}
        db.storage.write(tables)
    return sum(len(docs) for _, docs in batches)
