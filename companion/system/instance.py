"""One app per data folder: a second ``companion`` says the first is open, and leaves.

The running app holds an operating-system lock on ``instance.lock`` (flock on POSIX,
a locked byte on Windows) and writes its pid into the file. The system drops the lock
when the process ends in any way, a ``kill -9`` included, so a lock left by a crash is
simply taken by the next start: nothing to clean up, no pid guessing. Only where the
file system cannot lock at all does the recorded pid decide, if that process is alive.

CLI sub-commands work beside the open app (the stores have their own short write
locks) and never take this lock, except ``companion passphrase``: it re-encrypts the
journal under the app's feet, so it refuses while the app is open and holds the lock
while it works.
"""

from __future__ import annotations

import contextlib
import errno
import os
from dataclasses import dataclass
from pathlib import Path

from companion.system.paths import FILE_MODE, ensure_dir

# Windows locks a byte range, and a locked range cannot be read by others; lock a byte
# far past the pid so the pid stays readable.
WINDOWS_LOCK_OFFSET = 1 << 20
HELD = (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, getattr(errno, "EDEADLK", -1))


class AlreadyRunning(Exception):
    def __init__(self, pid: int | None) -> None:
        super().__init__(pid)
        self.pid = pid


@dataclass
class InstanceLock:
    path: Path
    fd: int | None  # None: the file system offers no locks; the pid file is all there is

    def release(self) -> None:
        """Give the lock back on a clean exit; the emptied file says nobody holds it."""
        if self.fd is None:
            with contextlib.suppress(OSError):
                if read_pid(self.path) == os.getpid():
                    self.path.write_bytes(b"")
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self.fd, 0)
        os.close(self.fd)
        self.fd = None


def _lock(fd: int) -> None:
    if os.name == "nt":
        import msvcrt

        os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        os.lseek(fd, 0, os.SEEK_SET)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _held_by_other(error: OSError) -> bool:
    return os.name == "nt" or error.errno in HELD


def read_pid(path: Path) -> int | None:
    try:
        text = path.read_bytes()[:32].decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # it exists (PermissionError), or we cannot tell: assume it does
    return True


def _write_pid(fd: int) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode("ascii"))


def hold(path: Path) -> InstanceLock:
    """Become the one running app for this data folder, or raise AlreadyRunning."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        _lock(fd)
    except OSError as error:
        if _held_by_other(error):
            os.close(fd)
            raise AlreadyRunning(read_pid(path)) from None
        # No locking on this file system (some network shares): trust a live pid.
        os.close(fd)
        pid = read_pid(path)
        if pid is not None and pid_alive(pid):
            raise AlreadyRunning(pid) from None
        path.write_bytes(f"{os.getpid()}\n".encode("ascii"))
        return InstanceLock(path, None)
    with contextlib.suppress(OSError):  # the lock is what matters; the pid is for the message
        _write_pid(fd)
    return InstanceLock(path, fd)


def hold_if_possible(path: Path) -> InstanceLock | None:
    """hold(), creating the folder; None where no lock can be made at all, because a lock
    must never keep the user from their own data. Raises AlreadyRunning."""
    try:
        ensure_dir(path.parent)
        return hold(path)
    except OSError:
        return None
