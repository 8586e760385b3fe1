"""Deleting everything companion keeps: settings, data, backups, logs.

Only companion's own files go: with COMPANION_HOME pointing at a folder that also
holds other things, those stay. Files are unlinked; on SSDs and journaling file
systems no program can promise the old blocks are overwritten, and we don't pretend.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from companion.paths import APP_NAME, Paths


def what_wipe_removes(paths: Paths) -> list[Path]:
    """Existing files and folders that ``wipe`` would delete, for the confirmation."""
    candidates = [paths.config_file, paths.data_dir, paths.backup_dir, paths.log_dir]
    return [p for p in candidates if p.exists()]


def wipe(paths: Paths) -> list[Path]:
    removed = []
    for target in what_wipe_removes(paths):
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
        removed.append(target)
    # Folders that are companion's own, removed only if now empty: never anyone
    # else's files, and never a shared parent such as ~/.local/share.
    for folder in (paths.config_dir, paths.log_dir.parent):
        if folder == paths.config_dir or folder.name == APP_NAME:
            with contextlib.suppress(OSError):
                folder.rmdir()
    return removed
