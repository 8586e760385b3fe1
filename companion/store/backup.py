"""Rotating daily backups of each store: ``<stem>-YYYY-MM-DD<suffix>``, newest 7 kept."""

# Not `from __future__ import annotations`: fields of a NamedTuple given as text are
# compiled when the module loads (the first compile ~2 ms), on every command's path.

import os
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from companion.store.file_marks import aside_name
from companion.system.atomic import fsync_dir, remove_stale_temps, write_atomic
from companion.system.paths import ensure_dir
from companion.system.plain_file import read_plain

KEEP = 7


class Backup(NamedTuple):
    path: Path
    day: date


def _day_in(name: str, stem: str, suffix: str) -> date | None:
    """The day of ``<stem>-YYYY-MM-DD<suffix>``; None for any other name. Read with
    string operations: a pattern compiled for each store cost ~0.3 ms a store, paid for
    every month of the journal by every command."""
    head = stem + "-"
    if len(name) != len(head) + 10 + len(suffix):
        return None
    if not (name.startswith(head) and name.endswith(suffix)):
        return None
    day = name[len(head) : len(head) + 10]
    digits = day[:4] + day[5:7] + day[8:]
    if day[4] != "-" or day[7] != "-" or not (digits.isascii() and digits.isdigit()):
        return None
    try:
        return date.fromisoformat(day)
    except ValueError:
        return None


def _names(backup_dir: Path) -> list[str]:
    try:
        return os.listdir(backup_dir)
    except (FileNotFoundError, NotADirectoryError):
        return []


def list_backups(store: Path, backup_dir: Path) -> list[Backup]:
    """Backups of ``store``, newest first."""
    stem, suffix = store.stem, store.suffix
    found = []
    for name in _names(backup_dir):
        day = _day_in(name, stem, suffix)
        if day is not None:
            found.append(Backup(backup_dir / name, day))
    return sorted(found, key=lambda b: b.day, reverse=True)


def newest_backups(backup_dir: Path, suffix: str) -> dict[str, Backup]:
    """The newest backup of every store whose files end in ``suffix``, by the store's
    stem: one listing of the folder for all of them (the journal has a store a month)."""
    newest: dict[str, Backup] = {}
    for name in _names(backup_dir):
        stem = name[: -(11 + len(suffix))]
        day = _day_in(name, stem, suffix) if stem else None
        if day is not None and (stem not in newest or newest[stem].day < day):
            newest[stem] = Backup(backup_dir / name, day)
    return newest


def backup_path(store: Path, backup_dir: Path, day: date) -> Path:
    """Where the backup of ``store`` taken on ``day`` is kept."""
    return backup_dir / f"{store.stem}-{day.isoformat()}{store.suffix}"


def backup_daily(
    store: Path, backup_dir: Path, today: date, keep: int = KEEP, changed_only: bool = False
) -> Path | None:
    """Copy a store that was just read successfully, once a day; prune old copies.

    ``changed_only``: only if it changed since its newest copy (the journal's segments:
    a month long past is copied once, not every day)."""
    target = backup_path(store, backup_dir, today)
    if target.exists() or not store.exists():
        return None
    if changed_only and not changed_since_backup(store, backup_dir):
        return None
    ensure_dir(backup_dir)
    write_atomic(target, read_plain(store), follow_link=False)
    for old in list_backups(store, backup_dir)[keep:]:
        old.path.unlink(missing_ok=True)
    return target


def changed_since_backup(store: Path, backup_dir: Path) -> bool:
    """Was ``store`` written after its newest backup was taken (or has it none)?"""
    backups = list_backups(store, backup_dir)
    return written_since(store, backups[0] if backups else None)


def written_since(store: Path, newest: Backup | None) -> bool:
    """Was ``store`` written after ``newest``, its newest backup, was taken (or has it
    none)? Each backup is a new file written after the store was read, so it is newer
    than any store it copied."""
    if newest is None:
        return True
    try:
        return store.stat().st_mtime_ns >= newest.path.stat().st_mtime_ns
    except OSError:
        return True


def clean_backup_temps(store: Path, backup_dir: Path) -> list[Path]:
    """Remove what a killed backup write left (it may hold a whole plain copy of the
    store); returns what could not be removed."""
    stem, suffix = store.stem, store.suffix
    return remove_stale_temps(backup_dir, lambda name: _day_in(name, stem, suffix) is not None)


def set_aside(backup: Path, now: datetime) -> Path:
    """Move a backup that cannot be read out of the rotation, beside itself, as
    ``<name>.corrupt-<time>``: never overwritten, never pruned, listed by doctor."""
    target = aside_name(backup, now)
    backup.rename(target)
    fsync_dir(backup.parent)
    return target
