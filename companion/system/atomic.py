"""Durable, all-or-nothing file writes: temp file, fsync, rename, fsync the folder.

A crash at any moment leaves either the old file or the new one, never a mix.
Writes go through ``os.write`` / ``os.fsync`` so tests can simulate a full disk.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from companion.system.paths import FILE_MODE

TEMP_SUFFIX = ".tmp"


def temp_prefix(target: Path) -> str:
    return f".{target.name}."


def write_atomic(target: Path, data: bytes, durable: bool = True) -> None:
    """Replace ``target`` with ``data`` durably. The file ends up mode 0600.

    ``durable=False`` skips the two fsyncs, for a file that is only a cache of another
    (a search file): still never half-written for a reader, and one lost in a power cut
    is found out of date and made again."""
    folder = target.parent
    tmp_name = _durable_temp(target, data, durable)
    try:
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    if durable:
        fsync_dir(folder)


def write_new(target: Path, data: bytes) -> None:
    """Write ``data`` as a new file ``target`` (mode 0600), durably and whole; never over
    a file that is there already (FileExistsError), nor through a link left there."""
    tmp_name = _durable_temp(target, data)
    try:
        try:
            os.link(tmp_name, target)  # fails if anything (a file, a link) has that name
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: create it exclusively
            _write_exclusive(target, data)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
    fsync_dir(target.parent)


def _durable_temp(target: Path, data: bytes, durable: bool = True) -> str:
    """``data`` in a temp file beside ``target`` (0600), on disk unless not ``durable``;
    its name. Nothing is left behind if it cannot be written."""
    fd, tmp_name = tempfile.mkstemp(
        prefix=temp_prefix(target), suffix=TEMP_SUFFIX, dir=target.parent
    )
    try:
        try:
            if os.name == "posix":
                os.fchmod(fd, FILE_MODE)
            _write_all(fd, data, durable)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return tmp_name


def _write_all(fd: int, data: bytes, durable: bool = True) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    if durable:
        os.fsync(fd)


def _write_exclusive(target: Path, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(target, flags, FILE_MODE)
    try:
        _write_all(fd, data)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(target)
        raise
    os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable. Windows has no directory fsync; skip it there."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def stale_temp_files(target: Path) -> list[Path]:
    """Temp files a crashed writer left behind for ``target``."""
    prefix = temp_prefix(target)
    return sorted(
        p for p in target.parent.glob(f"{prefix}*{TEMP_SUFFIX}") if p.name.startswith(prefix)
    )
