"""How a store's tables become bytes on disk and back.

The plain codec is compact UTF-8 JSON (no ASCII escaping, so Chinese stays readable
and small). An encrypting codec can wrap it later without the storage changing.

Every write replaces the whole file, so the serializer's speed is the cost of every
note once the journal is large (25,000 entries are about 20 MB). ``default_codec()``
uses orjson when it is installed (several times faster both ways, same bytes on disk)
and the standard ``json`` module otherwise.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

Tables = dict[str, dict[str, Any]]
ENCRYPTED_MAGIC = b"CMPNENC\x00"  # how every encrypted file starts (see envelope.py)


class CodecError(ValueError):
    """The bytes are not a store this codec understands."""


class WrongPassphrase(CodecError):
    """The passphrase does not open this file (or the encrypted file was altered)."""


class Codec(Protocol):
    encrypted: bool

    def encode(self, tables: Tables) -> bytes: ...

    def decode(self, raw: bytes) -> Tables: ...

    def seal(self, payload: bytes) -> bytes: ...

    def unseal(self, raw: bytes) -> bytes: ...

    def same_key(self, raw: bytes) -> bool: ...


class JsonCodec:
    encrypted = False

    def seal(self, payload: bytes) -> bytes:
        """Bytes that are not a store (a search file) as this codec keeps them: as they are."""
        return payload

    def unseal(self, raw: bytes) -> bytes:
        if raw.startswith(ENCRYPTED_MAGIC):
            raise CodecError("the file is encrypted")
        return raw

    def same_key(self, raw: bytes) -> bool:
        """Is ``raw`` in this codec's form (by its first bytes)? Plain: not encrypted."""
        return not raw.startswith(ENCRYPTED_MAGIC)

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
        except RecursionError:  # (orjson refuses such nesting as invalid JSON)
            raise CodecError("not valid JSON (nested too deeply)") from None
        return check_tables(data)


# Stores this small go through the standard library: faster than importing orjson,
# which a command pays on every run (a month of the journal holds a few hundred entries).
SMALL = 64 * 1024  # bytes, to decode
SMALL_DOCUMENTS = 1000  # documents, to encode


class OrjsonCodec(JsonCodec):
    """The same compact UTF-8 JSON as JsonCodec, through orjson for large stores,
    imported when first needed (it imports uuid and platform too); the standard library
    for small ones and where orjson is missing."""

    @staticmethod
    def _orjson() -> Any:
        try:
            import orjson
        except ImportError:
            return None
        return orjson

    def encode(self, tables: Tables) -> bytes:
        small = sum(len(table) for table in tables.values()) < SMALL_DOCUMENTS
        orjson = None if small else self._orjson()
        return super().encode(tables) if orjson is None else orjson.dumps(tables)

    def decode(self, raw: bytes) -> Tables:
        orjson = None if len(raw) < SMALL else self._orjson()  # small: faster than importing
        if orjson is None:
            return super().decode(raw)
        if not raw.strip():
            raise CodecError("the file is empty")
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                raise CodecError("the file is not UTF-8 text") from error
            raise CodecError(f"not valid JSON (line {error.lineno})") from error
        return check_tables(data)


def default_codec() -> Codec:
    """orjson (the standard library where it is missing)."""
    return OrjsonCodec()


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
