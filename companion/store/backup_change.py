"""The journal's backups converted together with it (a passphrase set, changed or
removed), so that a kill or a full disk never leaves them in another form than the
journal.

Converted one by one after the journal's commit, a kill or a full disk left backups
under the old key for good (a changed passphrase: the old one still opened them, the
new one did not), or encrypted beside a plain journal (a removed one: the journal then
looked locked, and unlocking set its plain files aside). Now:

1. each backup's new form is written beside it as ``.<name>.pending`` (on disk), before
   the journal is touched; a failure removes them all, and nothing has changed;
2. the journal's files change in their own atomic commit (commit.py);
3. each pending backup is renamed over its backup.

A mark in the journal's folder (``backups.pending``) lists them while any wait.
A kill before 2 leaves pending backups in a form the journal does not have; after it,
in the form it has. ``settle``, at every open, finishes the second kind and deletes the
first, by their first bytes (plain, or sealed with which salt) against the journal's own
files: no key is needed.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from companion.store import journal_files
from companion.store.codec import CodecError
from companion.store.commit import PENDING, pending_path, write_durably
from companion.store.envelope import HEAD_BYTES, is_encrypted, parse_header, read_header
from companion.system.atomic import fsync_dir, real_target, write_atomic
from companion.system.plain_file import open_plain, read_plain

MARK = "backups.pending"  # in the journal's folder while backups wait beside it


class Pending:
    """The new forms of ``backups`` written so far, to put in place or to drop. Before
    the first, a mark in the journal's folder lists where each may be written: an open
    looks for them only then (one stat), and finds them even beside the file a backup
    links to (the old single journal kept on another volume)."""

    def __init__(self, folder: Path, backups: list[Path]) -> None:
        self.mark = folder / MARK
        self.planned = [pending_path(real_target(b)) for b in backups]
        self.marked = False
        self.paths: list[Path] = []

    def write(self, backup: Path, data: bytes) -> None:
        """Raises OSError (a full disk…); the caller then drops them all."""
        if not self.marked:
            listed = json.dumps([str(p) for p in self.planned]).encode("utf-8")
            write_atomic(self.mark, listed)
            self.marked = True
        pending = pending_path(real_target(backup))  # a link stays, as for every write
        self.paths.append(pending)  # (before: one cut short by a full disk goes too)
        write_durably(pending, data)

    def drop(self) -> None:
        for pending in self.paths:
            with contextlib.suppress(OSError):
                pending.unlink()
        self._done()

    def put_in_place(self) -> None:
        """After the journal's commit. A rename that fails is finished by ``settle``."""
        folders = set()
        for pending in self.paths:
            with contextlib.suppress(OSError):
                _put(pending)
                folders.add(pending.parent)
        for folder in folders:
            fsync_dir(folder)
        self._done()

    def _done(self) -> None:
        if self.marked:
            with contextlib.suppress(OSError):
                self.mark.unlink()
        self.marked, self.paths = False, []


def _is_pending(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(PENDING)


def _target(pending: Path) -> Path:
    return pending.with_name(pending.name[1 : -len(PENDING)])


def _put(pending: Path) -> None:
    """Over its backup, dated now: newer than the journal's files just written, so
    the conversion is not taken for a change to copy again (backup.written_since)."""
    target = _target(pending)
    os.replace(pending, target)
    os.utime(target)


def _form(first_bytes: bytes) -> bytes | None:
    """``b""`` for plain bytes, a sealed file's salt, or None if that cannot be told."""
    if not is_encrypted(first_bytes):
        return b""
    try:
        header, _ = parse_header(first_bytes)
    except CodecError:
        return None
    return header.salt


def _journal_form(folder: Path) -> bytes | None:
    """The form of the journal's files: plain, or the salt they are sealed with."""
    sealed = journal_files.sealed_parts(folder)
    if not sealed:
        return b""
    for path in sealed:
        with contextlib.suppress(CodecError, OSError):
            return read_header(path).salt
    return None


def settle(folder: Path, backup_folders: list[Path]) -> None:
    """Finish or forget the backups a converting process left pending (the caller
    holds the journal's lock, and has recovered its commit). Without a readable list,
    the backup folders are looked through."""
    mark = folder / MARK
    if not os.path.lexists(mark):
        return
    try:
        listed = [Path(p) for p in json.loads(read_plain(mark))]
    except (OSError, ValueError, TypeError, RecursionError):
        listed = [b / name for b in backup_folders for name in _listing(b)]
    journal = _journal_form(folder)
    for pending in filter(_is_pending, listed):
        try:
            with os.fdopen(open_plain(pending), "rb") as file:
                form = _form(file.read(HEAD_BYTES))
        except OSError:
            continue  # (none written there)
        with contextlib.suppress(OSError):
            if journal is not None and form == journal:
                _put(pending)
                fsync_dir(pending.parent)
            elif journal is not None:
                pending.unlink()
    if journal is not None:  # (else asked again at the next open)
        with contextlib.suppress(OSError):
            mark.unlink()


def _listing(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []
