"""Named values in one table of a database, apart from the typed repositories
(repos.py), which need the record types: opening the stores, or a command that only
reads a named value, defines no dataclass (~10 ms of a start)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from companion.store.database import Database


def value_doc(value: Any) -> dict[str, Any]:
    """How a named value is kept in a key-value table."""
    return {"value": value}


class KeyValue:
    """Small named values (first-run done, last shift start…) in one table."""

    def __init__(self, db: Database, table: str = "state") -> None:
        self.db = db
        self.table_name = table

    def get(self, key: str, default: Any = None) -> Any:
        doc = self.db.table(self.table_name).get(doc_id=key)
        return doc["value"] if doc is not None else default

    def set(self, key: str, value: Any) -> None:
        with self.db.transaction():
            table = self.db.table(self.table_name)
            if table.contains(doc_id=key):
                table.update(value_doc(value), doc_ids=[key])
            else:
                from companion.store.tinydb_tables import Document

                table.insert(Document(value_doc(value), doc_id=key))

    def delete(self, key: str) -> None:
        with self.db.transaction():
            table = self.db.table(self.table_name)
            if table.contains(doc_id=key):
                table.remove(doc_ids=[key])
