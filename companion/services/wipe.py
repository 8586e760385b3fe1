"""Deleting everything companion keeps: settings, data, backups, logs, and the entry
that opens it at login.

Only companion's own files go: with COMPANION_HOME pointing at a folder that also
holds other things, those stay. Files are unlinked; on SSDs and journaling file
systems no program can promise the old blocks are overwritten, and we don't pretend.

The open app would keep showing what was deleted and write it back, so ``wipe`` takes
the app's own instance lock (companion/instance.py) while it deletes: an open app
refuses it (AlreadyRunning), and a lock left by a crash is taken over as at start.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

from companion.system.autostart import Autostart, Status
from companion.system.content import keep_packs_in
from companion.system.instance import hold
from companion.system.parsed_toml import remove_copies
from companion.system.paths import APP_NAME, Paths, resolve_paths


def what_wipe_removes(paths: Paths) -> list[Path]:
    """Existing files and folders that ``wipe`` would delete, for the confirmation: the
    places a link in the data or backup folder points to come first (a journal kept on
    another volume is deleted there, not only the link to it)."""
    candidates = [paths.config_file, paths.data_dir, paths.backup_dir, paths.log_dir]
    cache = [paths.cache_dir] if os.path.lexists(paths.cache_dir) else []  # (a link too)
    return linked_elsewhere(paths) + [p for p in candidates if p.exists()] + cache


def linked_elsewhere(paths: Paths) -> list[Path]:
    """Where the links in the data and backup folders point, outside them: a data file
    or the journal's folder kept elsewhere (say, on an encrypted volume)."""
    own = [p.resolve() for p in (paths.data_dir, paths.backup_dir) if p.exists()]
    found: list[Path] = []
    for folder in own:
        for top, dirs, files in os.walk(folder):  # (links to folders are not entered)
            for name in dirs + files:
                link = Path(top) / name
                if not link.is_symlink():
                    continue
                target = link.resolve()
                inside = any(target.is_relative_to(o) for o in own)
                if target.exists() and not inside and target not in found:
                    found.append(target)
    return found


@contextlib.contextmanager
def app_closed(paths: Paths) -> Iterator[None]:
    """Hold the app's instance lock for the duration; raises AlreadyRunning while the
    app is open. No data folder: no app can be open on it."""
    if not paths.data_dir.is_dir():
        yield
        return
    lock = hold(paths.instance_lock)
    try:
        yield
    finally:
        lock.release()


def check_app_closed(paths: Paths) -> None:
    """Raise AlreadyRunning if the app is open on this data folder (asked before the
    confirmation, so nobody types the word for nothing)."""
    with app_closed(paths):
        pass


def wipe(paths: Paths) -> list[Path]:
    """Delete companion's files; raises AlreadyRunning (deleting nothing) while the app
    is open."""
    removed = []
    keep_packs_in(None)  # the packs read from here on are not kept: the cache goes too
    with app_closed(paths):
        linked = linked_elsewhere(paths)
        for target in what_wipe_removes(paths):
            if not os.path.lexists(target):
                continue  # inside one removed before it (the platform's backups folder)
            if target in linked:
                _remove_linked(target)
            elif target == paths.data_dir:
                _empty_but_lock(target, paths.instance_lock)
            elif target == paths.cache_dir:
                if target.is_symlink():
                    target.unlink()  # (never written through: nothing of ours behind it)
                else:
                    remove_copies(target)  # another program's files there stay
            elif target.is_dir():
                shutil.rmtree(target)
            else:
                target.unlink()
            removed.append(target)
    # The lock file goes last, once let go of (Windows cannot delete an open file).
    with contextlib.suppress(OSError):
        paths.instance_lock.unlink()
    with contextlib.suppress(OSError):
        paths.data_dir.rmdir()
    # Folders that are companion's own, removed only if now empty: never anyone
    # else's files, and never a shared parent such as ~/.local/share.
    for folder in (paths.config_dir, paths.log_dir.parent):
        if folder == paths.config_dir or folder.name == APP_NAME:
            with contextlib.suppress(OSError):
                folder.rmdir()
    return removed


def _remove_linked(target: Path) -> None:
    """A data file a link points to goes; in a journal folder a link points to, only
    companion's own files go (and the folder, if nothing else is left in it)."""
    if not target.is_dir():
        target.unlink()
        return
    from companion.store.journal_files import own_files

    for path in own_files(target):
        path.unlink()
    with contextlib.suppress(OSError):
        target.rmdir()


def _empty_but_lock(folder: Path, lock: Path) -> None:
    for child in folder.iterdir():
        if child == lock:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def login_entry(paths: Paths, terminal: str, env: Mapping[str, str]) -> Autostart | None:
    """companion's launch-at-login entry when it opens this data folder (so ``wipe``
    removes it too), else None: another folder's entry, or one companion did not
    write, is left alone."""
    from companion.system.autostart import State, for_companion

    autostart = for_companion(paths, terminal, env)
    status = autostart.status()
    if status.state in (State.OFF, State.FOREIGN, State.UNREADABLE):
        return None
    return autostart if opens_folder(status, paths) else None


def opens_folder(status: Status, paths: Paths) -> bool:
    """Whether the entry opens companion on ``paths`` (one without a command is
    companion's own broken entry, useless to anyone: yes)."""
    command = list(status.command)
    if not command:
        return True
    if "--data-dir" in command[:-1]:
        given = Path(command[command.index("--data-dir") + 1]).expanduser().absolute()
        return resolve_paths(given, {}) == paths
    return resolve_paths(None, {}) == paths
