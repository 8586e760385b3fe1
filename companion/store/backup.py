"""Rotating daily backups of each store: ``<stem>-YYYY-MM-DD<suffix>``, newest 7 kept."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from companion.store.file_marks import aside_name
from companion.system.atomic import fsync_dir, remove_stale_temps, write_atomic
from companion.system.paths import ensure_dir

KEEP = 7


class Backup(NamedTuple):
    path: Path
    day: date


def _pattern(store: Path) -> re.Pattern[str]:
    return re.compile(re.escape(store.stem) + r"-(\d{4}-\d{2}-\d{2})" + re.escape(store.suffix))


def list_backups(store: Path, backup_dir: Path) -> list[Backup]:
    """Backups of ``store``, newest first."""
    if not backup_dir.is_dir():
        return []
    pattern = _pattern(store)
    found = []
    for candidate in backup_dir.iterdir():
        match = pattern.fullmatch(candidate.name)
        if not match:
            continue
        try:
            found.append(Backup(candidate, date.fromisoformat(match.group(1))))
        except ValueError:
            continue
    return sorted(found, key=lambda b: b.day, reverse=True)


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
    write_atomic(target, store.read_bytes())
    for old in list_backups(store, backup_dir)[keep:]:
        old.path.unlink(missing_ok=True)
    return target


def changed_since_backup(store: Path, backup_dir: Path) -> bool:
    """Was ``store`` written after its newest backup was taken (or has it none)? Each
    backup is a new file written after the store was read, so it is newer than any
    store it copied."""
    backups = list_backups(store, backup_dir)
    if not backups:
        return True
    try:
        return store.stat().st_mtime_ns >= backups[0].path.stat().st_mtime_ns
    except OSError:
        return True


def clean_backup_temps(store: Path, backup_dir: Path) -> list[Path]:
    """Remove what a killed backup write left (it may hold a whole plain copy of the
    store); returns what could not be removed."""
    pattern = _pattern(store)
    return remove_stale_temps(backup_dir, lambda name: pattern.fullmatch(name) is not None)


def set_aside(backup: Path, now: datetime) -> Path:
    """Move a backup that cannot be read out of the rotation, beside itself, as
    ``<name>.corrupt-<time>``: never overwritten, never pruned, listed by doctor."""
    target = aside_name(backup, now)
    backup.rename(target)
    fsync_dir(backup.parent)
    return target
