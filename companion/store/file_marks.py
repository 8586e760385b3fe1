"""What a store's files say about themselves, read without opening the store: the
schema stamp, whether a file is encrypted and with which key, and the copies set aside
beside it. Shared by the store, encryption and ``companion doctor``, so they agree."""

from __future__ import annotations

from pathlib import Path

from companion.store.codec import CodecError, Tables
from companion.store.envelope import MAGIC, Header, is_encrypted, read_header

QUARANTINE_MARK = ".corrupt-"  # a file set aside is <store>.db.corrupt-<time>
META_TABLE = "_meta"
META_ID = "schema"


def schema_version_of(tables: Tables) -> int:
    """The format a store's tables say they are in (1 when unstamped). The store and
    ``companion doctor`` both read it here, so they agree on what is damaged."""
    meta = tables.get(META_TABLE, {}).get(META_ID, {})
    found = meta.get("schema_version", 1)
    if isinstance(found, bool) or not isinstance(found, int) or found < 1:
        raise ValueError("schema_version is not a positive number")
    return found


def same_key(live: Header, backup: Path) -> bool:
    try:
        header = read_header(backup)
    except (CodecError, OSError):
        return False
    return (header.salt, header.params) == (live.salt, live.params)


def set_aside_copies(path: Path) -> list[Path]:
    """Files set aside in place of ``path``, oldest first (the names hold the time)."""
    try:
        return sorted(p for p in path.parent.glob(f"{path.name}{QUARANTINE_MARK}*") if p.is_file())
    except OSError:
        return []


def starts_encrypted(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return is_encrypted(handle.read(len(MAGIC)))
    except OSError:
        return False
