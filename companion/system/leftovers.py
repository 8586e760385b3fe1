"""What killed writers leave in companion's folders, removed when companion starts.

A write killed midway leaves its temp file (``.<name>.XXXXXXXX.tmp``, see atomic.py),
which can hold a whole plain copy of the journal or of a backup. companion's own folders
(data, backups, logs) are cleaned of every such file; the settings folder may be a
shared one (``--data-dir ~``), so there only the temp files of companion's own files go.
A temp file whose writer is still at work is never touched.
"""

from __future__ import annotations

from pathlib import Path

from companion.system.atomic import remove_stale_temps
from companion.system.paths import Paths

# What companion writes into the settings folder (the macOS login script sits there).
SETTINGS_FOLDER_FILES = frozenset({"config.toml", "companion-at-login.command"})


def clean_leftovers(paths: Paths) -> list[Path]:
    """Remove dead writers' temp files; returns any that could not be removed."""
    left: list[Path] = []
    journal = (paths.data_dir / "journal", paths.backup_dir / "journal")  # its own folders
    ours = (paths.data_dir, paths.backup_dir, paths.log_dir, paths.export_dir, *journal)
    for folder in dict.fromkeys(ours):  # (exports/: the app's exports, plain copies)
        left += remove_stale_temps(folder)
    left += remove_stale_temps(paths.config_dir, lambda name: name in SETTINGS_FOLDER_FILES)
    return left
