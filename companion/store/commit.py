"""Replacing several files of one folder at once: after a crash, all of them or none.

One file is replaced atomically by a rename. Several need a point of no return:

1. every new file is written beside its target as ``.<name>.pending`` and fsynced;
2. ``commit.json`` (written atomically) lists them: from here on the change is made;
3. each pending file is renamed over its target, the files to drop are deleted;
4. ``commit.json`` goes.

A kill before step 2 leaves pending files and no list: ``recover`` deletes them and
nothing changed. A kill after it leaves the list: ``recover`` finishes the renames
(no key or passphrase needed, so even a locked journal is made whole). The caller
holds the store's lock around both, so no reader takes a half-made change for a whole
one and no writer starts on one.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from companion.system.atomic import fsync_dir, write_atomic
from companion.system.paths import FILE_MODE
from companion.system.plain_file import read_plain

MARKER = "commit.json"
PENDING = ".pending"


def pending_path(target: Path) -> Path:
    return target.with_name(f".{target.name}{PENDING}")


def commit(
    folder: Path, files: Iterable[tuple[str, bytes]] | Mapping[str, bytes], drop: Iterable[str] = ()
) -> None:
    """Write ``files`` ((name, bytes) pairs, made one at a time if they come from a
    generator) in ``folder`` and delete ``drop``, all at once. Raises OSError (nothing
    changed) if a new file cannot be written."""
    pairs = files.items() if isinstance(files, Mapping) else files
    names: list[str] = []
    written: list[Path] = []
    try:
        for name, data in pairs:
            pending = pending_path(folder / name)
            written.append(pending)  # (before: one cut short by a full disk goes too)
            write_durably(pending, data)
            names.append(name)
        drop = [name for name in drop if name not in names]
        write_atomic(folder / MARKER, json.dumps({"files": names, "drop": drop}).encode())
    except BaseException:
        for pending in written:
            with contextlib.suppress(OSError):
                pending.unlink()
        raise
    _finish(folder, names, drop)


def recover(folder: Path) -> bool:
    """Finish a commit a crash cut short, or forget one that never reached its list.
    True if there was something to do."""
    marker = folder / MARKER
    try:
        listed = json.loads(read_plain(marker))
        names = [str(n) for n in listed.get("files", [])]
        drop = [str(n) for n in listed.get("drop", [])]
    except FileNotFoundError:
        names = drop = []
        listed = None
    except (OSError, ValueError, AttributeError, TypeError, RecursionError):
        # A list we cannot read was never completed (it is written atomically): no
        # change was made; the pending files go below.
        names, drop, listed = [], [], None
        with contextlib.suppress(OSError):
            marker.unlink()
    if listed is not None:
        _finish(folder, names, drop)
    leftovers = list(folder.glob(f".*{PENDING}")) if folder.is_dir() else []
    for pending in leftovers:
        with contextlib.suppress(OSError):
            pending.unlink()
    return listed is not None or bool(leftovers)


def _finish(folder: Path, names: list[str], drop: list[str]) -> None:
    for name in names:
        if "/" in name or name.startswith("."):
            continue  # never ours: nothing outside the folder is touched
        pending = pending_path(folder / name)
        if pending.exists():  # else already renamed before a crash
            os.replace(pending, folder / name)
    for name in drop:
        if "/" not in name and not name.startswith("."):
            # Gone already, or what cannot be removed (a folder left in its place, a
            # mount, an immutable file): the change is whole without it, and stopping
            # here stopped every later open.
            with contextlib.suppress(OSError):
                (folder / name).unlink()
    fsync_dir(folder)
    (folder / MARKER).unlink(missing_ok=True)
    fsync_dir(folder)


def write_durably(path: Path, data: bytes) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # a leftover (or a link planted there): never written through
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, FILE_MODE)
    try:
        if os.name == "posix":
            os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
