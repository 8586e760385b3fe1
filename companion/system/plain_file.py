"""Reading a file that must be a plain file, never waiting on what stands in its place:
a named pipe would block an ``open`` for reading until someone writes to it, so files
are opened with O_NONBLOCK and anything but a plain file is refused with an OSError
(links are followed)."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any


def open_plain(path: Path) -> int:
    """A read-only descriptor of ``path``; OSError if it is not a plain file."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path.name} is not a file")
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_plain(path: Path) -> bytes:
    with os.fdopen(open_plain(path), "rb") as file:
        return file.read()


def map_plain(path: Path) -> Any:
    """The file mapped into memory, read only (an ``mmap``: ``find`` and slices work as
    on bytes). ValueError for an empty file. Only for a short-lived process, and only
    for files that are replaced, never changed in place: a mapped file cut short by
    someone else while it is read stops the process (SIGBUS)."""
    import mmap

    fd = open_plain(path)
    try:
        return mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
    finally:
        os.close(fd)
