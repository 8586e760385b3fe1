"""An inter-process write lock on a lock file, shared by the threads of one process.

The operating system holds the lock (``flock`` on POSIX, a locked byte on Windows), so
a writer killed with ``kill -9`` never leaves it held. The threads of one process take
it in turn and may take it again while they hold it (a transaction that writes several
files of one store holds it once for all of them).

Small on purpose: the ``filelock`` package costs a command tens of milliseconds of
imports, more than the lock itself.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from companion.system.paths import FILE_MODE

POLL_SECONDS = 0.01


class LockTimeout(Exception):
    """Another process held the lock for longer than we wait."""


class InterProcessLock:
    def __init__(self, path: Path, timeout: float = 15.0) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._threads = threading.RLock()
        self._owner: int | None = None
        self._depth = 0
        self._fd: int | None = None

    def owned(self) -> bool:
        """Does the calling thread hold the lock?"""
        return self._owner == threading.get_ident()

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock (waiting up to ``timeout`` for another process); reentrant."""
        with self._threads:
            if self._depth == 0:
                self._fd = _acquire(self.path, self.timeout)
                self._owner = threading.get_ident()
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    fd, self._fd, self._owner = self._fd, None, None
                    if fd is not None:
                        _release(fd)


def _acquire(path: Path, timeout: float) -> int:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    deadline = time.monotonic() + timeout
    while True:
        try:
            _lock(fd)
            return fd
        except OSError as error:
            if not _busy(error):
                return fd  # a file system without locks: the atomic writes still hold
            if time.monotonic() >= deadline:
                os.close(fd)
                raise LockTimeout(str(path)) from None
            time.sleep(POLL_SECONDS)


def _release(fd: int) -> None:
    try:
        _unlock(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import errno
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]

    def _busy(error: OSError) -> bool:
        return error.errno in (errno.EACCES, errno.EDEADLK)

else:
    import errno
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def _busy(error: OSError) -> bool:
        return error.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK)
