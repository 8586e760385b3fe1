"""How a store's tables become bytes on disk and back.

The plain codec is compact UTF-8 JSON (no ASCII escaping, so Chinese stays readable
and small). An encrypting codec can wrap it later without the storage changing.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

Tables = dict[str, dict[str, Any]]


class CodecError(ValueError):
    """The bytes are not a store this codec understands."""


class WrongPassphrase(CodecError):
    """The passphrase does not open this file (or the encrypted file was altered)."""


class Codec(Protocol):
    encrypted: bool

    def encode(self, tables: Tables) -> bytes: ...

    def decode(self, raw: bytes) -> Tables: ...


class JsonCodec:
    encrypted = False

    def encode(self, tables: Tables) -> bytes:
        return json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def decode(self, raw: bytes) -> Tables:
        if not raw.strip():
            raise CodecError("the file is empty")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise CodecError("the file is not UTF-8 text") from error
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise CodecError(f"not valid JSON (line {error.lineno})") from error
        return check_tables(data)


def check_tables(data: object) -> Tables:
    """A store is {table name: {document id: {field: value}}}; anything else is foreign."""
    if not isinstance(data, dict):
        raise CodecError("the top level is not a table map")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise CodecError(f"table {name!r} is not a map")
        for doc_id, doc in table.items():
            if not isinstance(doc, dict):
                raise CodecError(f"document {doc_id!r} in {name!r} is not a map")
    return data
