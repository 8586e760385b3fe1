"""TinyDB over our storage, imported when a store's tables are first used: ``companion
find`` lists its hits from the search files and never needs it (importing TinyDB is a
few milliseconds of every command)."""

from __future__ import annotations

from tinydb import TinyDB
from tinydb.table import Document, Table

__all__ = ["Document", "StoreDb", "StrIdTable", "Table"]


class StrIdTable(Table):
    """Documents keyed by their UUID, so lookups by id are a dict access."""

    document_id_class = str


class StoreDb(TinyDB):
    """A TinyDB whose tables are StrIdTables."""

    table_class = StrIdTable
