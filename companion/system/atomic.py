"""Durable, all-or-nothing file writes: temp file, fsync, rename, fsync the folder.

A crash at any moment leaves either the old file or the new one, never a mix; what a
killed writer leaves is a temp file (``.<name>.XXXXXXXX.tmp``), which may hold a whole
plain copy of what it was writing. Each writer holds a lock on its temp file until the
rename, so ``remove_stale_temps`` can tell a dead writer's leftover (deleted) from a live
writer's file (left alone) in any folder, whichever process wrote it.

Writes go through ``os.write`` / ``os.fsync`` so tests can simulate a full disk. A link
in place of a data file is followed: the file it points to is replaced, beside itself,
and the link stays (a journal kept on an encrypted volume stays there). A cache or a
backup replaces a link in its place instead: no one put it there for us, and what it
points to is not ours to overwrite.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from companion.system.paths import FILE_MODE

TEMP_SUFFIX = ".tmp"
# mkstemp's names: our prefix, a few characters from its alphabet, our suffix.
_TEMP_NAME = re.compile(r"\.(?P<target>.+)\.[a-z0-9_]+" + re.escape(TEMP_SUFFIX))
_OUR_RANDOM = re.compile(r"[0-9a-f]{12}")  # what _durable_temp puts in a name


def temp_prefix(target: Path) -> str:
    return f".{target.name}."


def real_target(target: Path) -> Path:
    """Where a write to ``target`` lands: the file a link points to (followed to the
    end), or ``target`` itself."""
    if not target.is_symlink():
        return target
    return Path(os.path.realpath(target))


def write_atomic(target: Path, data: bytes, durable: bool = True, follow_link: bool = True) -> None:
    """Replace ``target`` (or the file its link points to) with ``data`` durably. The
    file ends up mode 0600.

    ``durable=False`` skips the two fsyncs, for a file that is only a cache of another
    (a search file): still never half-written for a reader, and one lost in a power cut
    is found out of date and made again. ``follow_link=False``: a link in place of
    ``target`` is replaced by the file, and what it points to is left alone."""
    if follow_link:
        target = real_target(target)
    folder = target.parent
    fd, tmp_name = _durable_temp(target, data, durable)
    try:
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    finally:
        _release(fd)  # the lock goes with it, once the temp name is gone
    if durable:
        fsync_dir(folder)


def write_new(target: Path, data: bytes) -> None:
    """Write ``data`` as a new file ``target`` (mode 0600), durably and whole; never over
    a file that is there already (FileExistsError), nor through a link left there."""
    fd, tmp_name = _durable_temp(target, data)
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
        _release(fd)
    fsync_dir(target.parent)


def _durable_temp(target: Path, data: bytes, durable: bool = True) -> tuple[int | None, str]:
    """``data`` in a temp file beside ``target`` (0600), on disk: its descriptor, still
    open and locked as being written (None where the file had to be closed), and its
    name. Nothing is left behind if it cannot be written."""
    fd, tmp_name = _held_temp(target)
    try:
        if os.name == "posix":
            os.fchmod(fd, FILE_MODE)
        _write_all(fd, data, durable)
    except BaseException:
        _discard(fd, tmp_name)
        raise
    if os.name != "posix":  # Windows renames only a closed file
        os.close(fd)
        return None, tmp_name
    return fd, tmp_name


def _new_temp(target: Path) -> tuple[int, str]:
    """A new empty file beside ``target``, named ``.<name>.<random>.tmp``, 0600: its
    descriptor and name (as ``tempfile.mkstemp`` makes it; that module imports shutil
    and random, a few milliseconds on every command's start)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = str(target.parent / f"{temp_prefix(target)}{os.urandom(6).hex()}{TEMP_SUFFIX}")
        try:
            return os.open(name, flags, FILE_MODE), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temp file", str(target.parent))


def _held_temp(target: Path) -> tuple[int, str]:
    """A new temp file beside ``target``, locked as being written. Another process that
    starts meanwhile removes dead writers' temps (remove_stale_temps): if it took this
    one in the moment between its creation and our lock, it is gone (no link left), and
    another is made; once we hold the lock, no one takes it."""
    for _ in range(100):
        fd, tmp_name = _new_temp(target)
        try:
            _hold(fd)
            taken = os.name == "posix" and os.fstat(fd).st_nlink == 0
        except BaseException:
            _discard(fd, tmp_name)
            raise
        if not taken:
            return fd, tmp_name
        os.close(fd)
    raise OSError(errno.EAGAIN, "temp files kept being removed", str(target.parent))


def _discard(fd: int, tmp_name: str) -> None:
    """A temp file that will not be used: removed, its descriptor closed."""
    with contextlib.suppress(OSError):
        os.unlink(tmp_name)
    os.close(fd)


def _release(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)


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


def _hold(fd: int) -> None:
    """Mark the temp file as being written (released when the writer closes or dies)."""
    if os.name == "posix":
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable. Windows has no directory fsync; skip it there."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_files(
    folder: Path, for_name: Callable[[str], bool] = lambda _name: True
) -> Iterator[Path]:
    """Temp files of ours in ``folder`` whose target's name ``for_name`` accepts."""
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return
    for name in sorted(names):
        match = _TEMP_NAME.fullmatch(name)
        if match and for_name(match.group("target")):
            yield folder / name


def remove_stale_temps(
    folder: Path,
    for_name: Callable[[str], bool] = lambda _name: True,
    ours: Callable[[Path], bool] = lambda _path: True,
) -> list[Path]:
    """Delete what killed writers left in ``folder`` (never a temp file still being
    written), of the temps ``ours`` accepts. Returns what could not be deleted, so a
    caller can say so."""
    left = []
    for path in temp_files(folder, for_name):
        if not ours(path):
            continue
        try:
            _remove_if_abandoned(path)
        except FileNotFoundError:
            continue  # its writer finished meanwhile
        except OSError:
            left.append(path)
    return left


def _remove_if_abandoned(path: Path) -> None:
    """Delete it if nobody holds its lock (the writer died) and it is a plain file, not
    a link. The lock is held while it is deleted: a writer that created it a moment ago
    and locks it after us finds it gone and makes another (``_held_temp``)."""
    if os.name != "posix":
        path.unlink()  # Windows refuses to delete a file that is still open
        return
    import fcntl

    if not stat.S_ISREG(path.lstat().st_mode):
        return  # a pipe, a device, a folder named like one: not opened, not ours
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return  # (swapped for one since)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # its writer is at work
        path.unlink()
    finally:
        os.close(fd)


def remove_dead_temps_of(target: Path) -> None:
    """The temp files ``write_atomic`` itself names for ``target``, beside the file it
    writes (through a link), that a killed writer left: for a file in someone's own
    folder (an export), where other programs' files with names alike are none of ours."""
    real = real_target(target)
    remove_stale_temps(real.parent, lambda name: name == real.name, _written_here)


def remove_dead_temps_in(folder: Path) -> None:
    """The temp files ``write_atomic`` named, of any target, that a killed writer left in
    ``folder``, a folder of ours that another program's files may share (a cache)."""
    remove_stale_temps(folder, ours=_written_here)


def _written_here(path: Path) -> bool:
    """Named as ``_durable_temp`` names them (twelve hex digits), private, the user's."""
    try:
        info = path.lstat()
    except OSError:
        return False
    mine = info.st_uid == os.getuid() if hasattr(os, "getuid") else True
    random = path.name[: -len(TEMP_SUFFIX)].rsplit(".", 1)[-1]
    return bool(_OUR_RANDOM.fullmatch(random)) and mine and not info.st_mode & 0o077
