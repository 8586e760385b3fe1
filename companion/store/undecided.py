""" "Restore the backup, or start fresh?" while the person has not answered yet.

When a store's file cannot be read it is set aside and, if a backup could replace it,
the person is asked. Until they answer, a small record beside the store says so
(``<name>.undecided``: which copy was set aside, which backup is offered; file names
only, nothing written in the store). However the app closes meanwhile, and whatever is
written to the fresh file in between, the question comes back at each start, doctor
counts it, commands that need the store refuse, and the offered backup is kept (no
daily backup of the fresh file is taken, so none is pruned). Only "Restore the backup"
(which keeps what was written since) or "Start fresh" removes the record.
"""

# Not `from __future__ import annotations`: fields of a NamedTuple given as text are
# compiled when the module loads (the first compile ~2 ms), on every command's path.

import json
from pathlib import Path
from typing import NamedTuple

from companion.store.codec import Tables
from companion.system.atomic import fsync_dir, write_atomic
from companion.system.plain_file import read_plain

MARK = ".undecided"


class Undecided(NamedTuple):
    set_aside: str = ""  # the name of the copy set aside, in the store's folder
    backup: str = ""  # the name of the backup offered, in the backup folder


def record_path(store: Path) -> Path:
    return store.with_name(store.name + MARK)


def read_undecided(store: Path) -> Undecided | None:
    """The open question for ``store``, or None. A record that cannot be read is still
    a question (without the names): only the person's answer removes it."""
    try:
        raw = read_plain(record_path(store))
    except FileNotFoundError:
        return None
    except OSError:
        return Undecided()
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return Undecided()
    if not isinstance(data, dict):
        return Undecided()
    names = [data.get(key) for key in ("set_aside", "backup")]
    aside, backup = (name if isinstance(name, str) and "/" not in name else "" for name in names)
    return Undecided(aside, backup)


def ask_until_answered(store: Path, question: Undecided) -> None:
    data = {"set_aside": question.set_aside, "backup": question.backup}
    write_atomic(record_path(store), json.dumps(data).encode("utf-8"))


def answered(store: Path) -> None:
    record = record_path(store)
    if record.exists():
        record.unlink()
        fsync_dir(record.parent)


def with_records_since(backup: Tables, since: Tables, meta_table: str) -> Tables:
    """The backup, with every record written to the fresh file since it was set aside
    laid over it (newer wins, by id): restoring loses nothing written meanwhile."""
    merged = {name: dict(docs) for name, docs in backup.items()}
    for name, docs in since.items():
        if name != meta_table:
            merged.setdefault(name, {}).update(docs)
    return merged
