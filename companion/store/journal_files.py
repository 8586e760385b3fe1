"""What is in the journal's folder, looked at without reading anything: which files
are parts, which are encrypted (by their first bytes), which were set aside with
nothing in their place, and whether the old single file is still about."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path

from companion.store import segments
from companion.store.backup import list_backups
from companion.store.errors import StoreNotAFile
from companion.store.file_marks import (
    QUARANTINE_MARK,
    not_a_file,
    set_aside_copies,
    starts_encrypted,
)
from companion.store.undecided import MARK as UNDECIDED
from companion.system.atomic import fsync_dir, real_target, remove_stale_temps
from companion.system.paths import ensure_dir


def part_path(folder: Path, name: str) -> Path:
    return folder / f"{name}{segments.SUFFIX}"


def link_in_the_way(folder: Path, legacy: Path) -> StoreNotAFile | None:
    """A link where the journal is kept that cannot be followed: to a place that is not
    there (a drive not connected?) or round in a loop. ``folder`` (data/journal) once it
    is there, else the old single file (data/journal.db) the folder will be made from."""
    place = folder if folder.exists() or folder.is_symlink() else legacy
    if not place.is_symlink():
        return None
    wrong = not_a_file(place)
    if wrong is None or wrong[0] not in ("missing_link", "link_loop"):
        return None
    return StoreNotAFile(place, *wrong)


def make_folder(folder: Path, legacy: Path) -> None:
    """Make the journal's folder where the person keeps the journal: a link ``folder``
    is followed (its folder made there if it is not yet); the first time, when the old
    single file is a link to a file elsewhere (an encrypted volume, say), the folder is
    made beside that file and ``folder`` becomes a link to it, so nothing of the journal
    is written on this disk instead. (``link_in_the_way`` said no first.)"""
    if folder.is_symlink():
        ensure_dir(real_target(folder))
        return
    if not folder.exists() and legacy.is_symlink() and not legacy.is_dir():
        beside = real_target(legacy).parent / folder.name
        ensure_dir(beside)
        with contextlib.suppress(FileExistsError):  # made by another process meanwhile
            folder.symlink_to(beside, target_is_directory=True)
        fsync_dir(folder.parent)
    ensure_dir(folder)


def layout_exists(folder: Path, backup_dir: Path) -> bool:
    """Has the journal been kept as a folder here (a part, a part set aside, or a
    part's backup)?"""
    try:
        names = [p.name for p in folder.iterdir()]
    except OSError:
        names = []
    return any(n.endswith(segments.SUFFIX) or QUARANTINE_MARK in n for n in names) or bool(
        backup_files(backup_dir)
    )


def legacy_traces(path: Path, backup_dir: Path) -> bool:
    """The old single file, a copy of it set aside, or a backup of it."""
    return path.exists() or bool(set_aside_copies(path)) or bool(list_backups(path, backup_dir))


def sealed_parts(folder: Path) -> list[Path]:
    """The parts encrypted on disk, smallest first (a key is tried on the small ones)."""
    found = []
    for name in segments.part_names(folder):
        path = part_path(folder, name)
        if starts_encrypted(path):
            try:
                found.append((path.stat().st_size, path))
            except OSError:
                continue
    return [path for _size, path in sorted(found)]


def backup_files(backup_dir: Path) -> list[Path]:
    """Every backup of a part of the journal (a week of them is hundreds of files, looked
    at by every encrypted command: one listing, no stat of its own per file)."""
    try:
        with os.scandir(backup_dir) as listing:
            names = sorted(entry.name for entry in listing if _is_file(entry))
    except OSError:
        return []
    return [backup_dir / name for name in names]


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()  # (a link is followed, as Path.is_file does)
    except OSError:
        return False


def undecided_parts(folder: Path) -> list[str]:
    """Parts set aside whose file is gone, or whose question is on record: their backup
    is offered until the person chooses."""
    try:
        listing = [p.name for p in folder.iterdir()]
    except OSError:
        return []
    names = set()
    asked = segments.SUFFIX + UNDECIDED
    for name in listing:
        original, mark, _ = name.partition(QUARANTINE_MARK)
        if mark and original.endswith(segments.SUFFIX) and not (folder / original).exists():
            names.add(original[: -len(segments.SUFFIX)])
        elif name.endswith(asked):  # the question is on record, whatever was written since
            names.add(name[: -len(asked)])
    return sorted(names)


def clean_temp_files(folder: Path) -> None:
    """Temp files killed writers left in the folder (a part's, a search file's, the
    index's, a backup's): they may hold a whole plain copy. One still being written
    is left alone (see system/atomic.py)."""
    remove_stale_temps(folder)


def own_files(folder: Path) -> list[Path]:
    """The files companion keeps in a journal folder: its parts and their search files,
    the index, the lock, and what a killed write or a damaged part left beside them.
    ``wipe`` deletes these in a folder a link points to, and nothing else there."""
    own_stems = {segments.PRACTICE, segments.DRAFTS, "index", "journal"}
    try:
        children = list(folder.iterdir())
    except OSError:
        return []
    found = []
    for path in children:
        stem = path.name.lstrip(".").split(".", 1)[0]
        if (stem in own_stems or segments.is_segment(stem)) and not path.is_dir():
            found.append(path)
    return sorted(found)


class TempSweep:
    """The journal folder's temp files left by killed writers, swept when the journal
    opens and again when a part opens, unless nothing in the folder changed since the
    last sweep. Each part's open used to list the whole folder (a search that opens
    dozens of segments listed it dozens of times). A temp file made in the folder
    changes the folder's mtime, so an unchanged (inode, mtime) means nothing new to
    sweep; the mark is trusted for TRUST seconds only, so on a file system with coarse
    times a file made in the same tick waits at most that long (or the next start).
    ``monotonic`` reads the time (a test passes a fake one)."""

    TRUST = 10.0

    def __init__(self, folder: Path, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.folder = folder
        self.monotonic = monotonic
        self._mark: tuple[int, int] | None = None
        self._swept_at = 0.0

    def sweep(self) -> None:
        """Sweep now; the caller holds the journal's lock (no writer of ours meanwhile)."""
        clean_temp_files(self.folder)
        self._mark, self._swept_at = self._folder_mark(), self.monotonic()

    def needed(self) -> bool:
        fresh = self.monotonic() - self._swept_at < self.TRUST
        return not (fresh and self._mark is not None and self._folder_mark() == self._mark)

    def _folder_mark(self) -> tuple[int, int] | None:
        try:
            st = self.folder.stat()
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns)
