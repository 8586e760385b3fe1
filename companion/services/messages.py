"""Problems (config, stores) turned into sentences in the user's language.

Shared by the TUI, the CLI and doctor so the same problem reads the same everywhere.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from companion.core.journal import shown
from companion.store.database import Database, OpenProblem
from companion.store.errors import (
    StoreBusy,
    StoreError,
    StoreNotAFile,
    StoreNotStorable,
    StoreUnavailable,
    StoreWriteError,
)
from companion.system.i18n import Strings
from companion.system.paths import FolderProblem, Paths, display_path, open_to_others

if TYPE_CHECKING:  # (encryption is imported only for an encrypted journal)
    from companion.services.config import ConfigProblem
    from companion.store.encryption import PlainLeft


def config_problem(problem: ConfigProblem, t: Strings) -> str:
    # Key, value and details repeat what config.toml holds: an escape sequence there
    # (ESC ] 2 ; … sets the window title) must show as symbols, never act.
    return t(
        f"config.{problem.code}",
        file=display_path(problem.file),
        key=shown(problem.key),
        value=shown(problem.value),
        **{name: shown(text) for name, text in problem.detail.items()},
    )


def store_name(store: str, t: Strings) -> str:
    return t(f"store.{store}")


def not_a_file(error: StoreNotAFile, name: str, t: Strings) -> str:
    """What stands where the file should be (a folder, a pipe, a link to nowhere)."""
    target = display_path(error.target) if error.target else ""
    what = f"store.not_a_file_{error.what}"
    return t(what, store=name, path=display_path(error.path), target=target)


def open_problem(problem: OpenProblem, t: Strings) -> list[str]:
    """One or two sentences: what happened, and what can be done."""
    name = store_name(problem.store, t)
    if problem.kind == "quarantined":
        moved = display_path(problem.moved_to) if problem.moved_to else ""
        lines = [t("store.quarantined", store=name, moved=moved)]
        if problem.backup is not None:
            lines.append(t("store.backup_offer", date=problem.backup.day.isoformat()))
        else:
            lines.append(t("store.no_backup", store=name))
        return lines
    if problem.kind == "damaged":  # left in place by a command; the app moves it aside
        where = problem.moved_to or problem.path  # set aside, no choice made yet
        lines = [t("store.damaged", store=name, path=display_path(where))]
        if problem.backup is not None:
            lines.append(t("store.damaged_backup", date=problem.backup.day.isoformat()))
        else:  # (one month of the journal: the rest of it stays, nothing starts afresh)
            key = "store.damaged_no_backup_part" if problem.part else "store.damaged_no_backup"
            lines.append(t(key, store=name))
        return lines
    if problem.kind == "not_a_file" and isinstance(problem.error, StoreNotAFile):
        return [not_a_file(problem.error, name, t)]
    if problem.kind == "locked":
        return [t("lock.locked", store=name)]
    if problem.kind == "wrong_passphrase":
        return [t("lock.wrong")]
    if problem.kind == "too_new":
        error = problem.error
        found = getattr(error, "found", "?")
        known = getattr(error, "known", "?")
        return [t("store.too_new", store=name, found=str(found), known=str(known))]
    reason = problem.error.detail if problem.error else ""
    return [t("store.unreadable", path=display_path(problem.path), reason=reason)]


def shell_command(*argv: str) -> str:
    """A command to paste into this system's shell."""
    if os.name == "nt":
        import subprocess

        return subprocess.list2cmdline(argv)
    import shlex  # (here: the app's start imports this module and needs none of it)

    return shlex.join(argv)


def plain_left(copies: Iterable[PlainLeft], t: Strings) -> list[str]:
    """After encrypting: each copy of the journal still in plain text, why, and what to
    do (nothing was deleted: the person decides)."""
    remove = "del" if os.name == "nt" else "rm"
    return [
        t(
            f"lock.plain_left_{copy.why}",
            path=display_path(copy.path),
            reason=copy.reason,
            command=shell_command(remove, str(copy.path)),
        )
        for copy in copies
    ]


def folder_problem(problem: FolderProblem, t: Strings) -> str:
    """A folder companion needs is not to be had: said before anything starts."""
    return t(f"cli.{problem.what}", path=display_path(problem.path), reason=problem.reason)


def seen_by_others(paths: Paths, t: Strings) -> str | None:
    """The folder the person named lets others look in: say so (it is never chmod-ed)."""
    mode = open_to_others(paths.given) if paths.given is not None else None
    if mode is None or paths.given is None:
        return None
    return t(
        "cli.folder_open",
        path=display_path(paths.given),
        mode=oct(mode)[2:],
        suggestion=display_path(paths.given / "companion"),
    )


def passphrase_setting(t: Strings) -> str:
    """Where the journal passphrase is set in the app: "Settings → Privacy → …"."""
    return " → ".join(t(key) for key in ("settings.title", "lock.section", "lock.setting_label"))


def backup_warning(databases: Iterable[Database], t: Strings) -> str | None:
    """What to say of the stores whose daily backup could not be written at open: that
    it failed, why, and what sorts it out (from the first store's error)."""
    failed = [db for db in databases if db.backup_failed]
    if not failed:
        return None
    names = t("store_problem.backup.joiner").join(store_name(db.name, t) for db in failed)
    error = failed[0].backup_failed
    reason, advice = _backup_trouble(error, t) if error is not None else ("", "")
    said = t("store_problem.backup.failed", store=names, reason=reason)
    return t("store_problem.backup.with_advice", said=said, advice=advice) if advice else said


def _backup_trouble(error: OSError, t: Strings) -> tuple[str, str]:
    """Why a backup failed, in words, and what helps: room on the disk, a file moved
    out of the backups folder's place, or the right to write there."""
    if isinstance(error, FolderProblem) and error.what == "not_a_folder":
        path = display_path(error.path)
        return t("store_problem.backup.in_the_way", path=path), t(
            "store_problem.backup.advice_folder"
        )
    # (A folder that could not be made says so in a FolderProblem; what the system
    # said, a full disk or a refusal, is the error it was raised from.)
    wrapped = isinstance(error, FolderProblem) and isinstance(error.__cause__, OSError)
    cause = error.__cause__ if wrapped else error
    reason = shown(error.strerror or cause.strerror or str(cause))
    if cause.errno in (errno.ENOSPC, errno.EDQUOT):
        return reason, t("store_problem.backup.advice_space")
    if cause.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        where = error.path if isinstance(error, FolderProblem) else None
        named = cause.filename or cause.filename2
        if where is None and named:
            where = Path(os.fsdecode(named))
        if where is not None:  # the folder that would hold it
            return reason, t("store_problem.backup.advice_access", path=display_path(where.parent))
    return reason, ""


def already_open(pid: int | None, t: Strings) -> str:
    """The app is open on this data folder (told by ``companion`` and ``wipe``)."""
    return t("instance.running", pid=str(pid)) if pid else t("instance.running_no_pid")


def found_problem(error: StoreError) -> OpenProblem | None:
    """What opening the store found, when the error carries it."""
    problem = error.problem if isinstance(error, StoreUnavailable) else None
    return problem if isinstance(problem, OpenProblem) else None


def journal_unavailable(error: StoreError, t: Strings) -> str:
    """What the journal's list says when reading it failed: the file and what to do,
    when the reading found that out; else that the journal can't be used now."""
    problem = found_problem(error)
    if problem is not None:
        return "\n".join(open_problem(problem, t))
    if isinstance(error, StoreNotAFile):  # one of its months, since it was opened
        return not_a_file(error, t("store.journal"), t)
    return t("errors.unavailable", store=t("store.journal"))


def store_error(error: StoreError, t: Strings) -> str:
    if isinstance(error, StoreWriteError):
        return t("errors.write_failed", path=display_path(error.path), reason=error.detail)
    if isinstance(error, StoreBusy):
        return t("errors.busy", path=display_path(error.path))
    problem = found_problem(error)
    if problem is not None:
        return "\n".join(open_problem(problem, t))  # one of the journal's files
    if isinstance(error, StoreNotStorable):
        return t("errors.not_storable")
    stem = error.path.stem
    if isinstance(error, StoreNotAFile):  # found since it was opened (a pipe in its place)
        known = stem if t.has(f"store.{stem}") else "journal"  # (else one of its months)
        return not_a_file(error, store_name(known, t), t)
    name = store_name(stem, t) if t.has(f"store.{stem}") else str(error.path)
    return t("errors.unavailable", store=name)
