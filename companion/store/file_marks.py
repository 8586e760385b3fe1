"""What a store's files say about themselves, read without opening the store: the
schema stamp, whether a file is encrypted and with which key, and the copies set aside
beside it. Shared by the store, encryption and ``companion doctor``, so they agree."""

from __future__ import annotations

import errno
import os
import stat
from datetime import datetime
from pathlib import Path

from companion.store.codec import CodecError, Tables
from companion.store.envelope import MAGIC, Header, is_encrypted, read_header
from companion.system.atomic import real_target
from companion.system.plain_file import open_plain

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
    """Files set aside in place of ``path`` (beside the file a link points to, for a
    link), oldest first (the names hold the time)."""
    real = real_target(path)
    try:
        return sorted(p for p in real.parent.glob(f"{real.name}{QUARANTINE_MARK}*") if p.is_file())
    except OSError:
        return []


def aside_name(path: Path, now: datetime) -> Path:
    """A free name to set ``path`` aside as: ``<name>.corrupt-<time>`` beside it."""
    stamp = now.strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}{QUARANTINE_MARK}{stamp}")
    n = 1
    while target.exists() or target.is_symlink():
        n += 1
        target = path.with_name(f"{path.name}{QUARANTINE_MARK}{stamp}-{n}")
    return target


def not_a_file(path: Path) -> tuple[str, Path | None] | None:
    """What stands where a data file should be, when it is not one: ("folder", None),
    ("missing_link", where the link points: not there, on a drive not connected?),
    ("link_loop", None: links that lead back to themselves) or ("other", None: a device,
    a pipe). None for a file, or for nothing at all."""
    try:
        if path.is_symlink():
            target = real_target(path)
            if not target.exists() and not target.parent.is_dir():
                return "missing_link", target
            path = target
        st = path.stat()
    except OSError as error:
        return ("link_loop", None) if error.errno == errno.ELOOP else None
    if stat.S_ISDIR(st.st_mode):
        return "folder", None
    return None if stat.S_ISREG(st.st_mode) else ("other", None)


def starts_encrypted(path: Path) -> bool:
    """Whether the file begins with the envelope's mark (an encrypted command reads the
    first bytes of every part and backup: the plain os calls, a third of open())."""
    try:
        fd = open_plain(path)  # a FIFO in a file's place: refused, not waited on
    except OSError:
        return False
    try:
        return is_encrypted(os.read(fd, len(MAGIC)))
    except OSError:
        return False
    finally:
        os.close(fd)
