"""Doctor's look for journal text left in plain form beside an encrypted journal: a
backup whose conversion failed or was cut short, and a search file or the index that
could not be deleted when the journal was sealed (made immutable, under a mount: the
seal passes over it rather than stop halfway). Each is a copy anyone who can read it
can read; each is named with its fix. Judged by the first bytes, read-only.
"""

from __future__ import annotations

import os
from pathlib import Path

from companion.services.messages import shell_command
from companion.store.file_marks import starts_encrypted
from companion.store.health import StoreHealth
from companion.store.search_cache import INDEX
from companion.store.search_file import SUFFIX as SEARCH_SUFFIX
from companion.system.i18n import Strings

NAMED_AT_MOST = 3  # more plain copies of one kind are said in one line


def plain_backups(name: str, health: StoreHealth, t: Strings) -> list[str]:
    """An encrypted journal's backups still in plain text (a conversion that failed or
    was killed): each needs the person, until the next unlock encrypts it."""
    if name != "journal" or health.state != "encrypted":
        return []
    # (a pipe or folder named as one is no plain backup: unlocking never changes it)
    plain = [b.path for b in health.backups if b.path.is_file() and not starts_encrypted(b.path)]
    if len(plain) > NAMED_AT_MOST:  # (an older version's killed conversion: hundreds)
        folders = sorted({str(path.parent) for path in plain})
        return [t("doctor.plain_backups", count=str(len(plain)), folder=", ".join(folders))]
    return [_named("doctor.plain_backup", path, t) for path in plain]


def plain_caches(name: str, health: StoreHealth, t: Strings) -> list[str]:
    """An encrypted journal's search files or index in plain text. Sealing the journal
    drops them (it writes new ones, sealed); one it could not delete stays, with the
    words of its month readable, and unlocking does not change that."""
    if name != "journal" or health.state != "encrypted" or not health.path.is_dir():
        return []
    folder = health.path
    plain = [
        path
        for path in [*sorted(folder.glob(f"*{SEARCH_SUFFIX}")), folder / INDEX]
        if _holds_plain(path)
    ]
    if len(plain) > NAMED_AT_MOST:
        return [t("doctor.plain_caches", count=str(len(plain)), folder=str(folder))]
    return [_named("doctor.plain_cache", path, t) for path in plain]


def _holds_plain(path: Path) -> bool:
    """A regular file with something in it, not in the journal's sealed form."""
    try:
        return path.is_file() and path.stat().st_size > 0 and not starts_encrypted(path)
    except OSError:
        return False


def _named(key: str, path: Path, t: Strings) -> str:
    remove = "del" if os.name == "nt" else "rm"
    return t(key, path=str(path), command=shell_command(remove, str(path)))
