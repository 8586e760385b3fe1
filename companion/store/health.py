"""A read-only look at a data file, for ``companion doctor``: never moves or writes."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from companion.store import segments
from companion.store.backup import (
    Backup,
    backup_path,
    list_backups,
    newest_backups,
    written_since,
)
from companion.store.codec import Codec, CodecError, JsonCodec
from companion.store.envelope import VERSION as ENVELOPE_VERSION
from companion.store.envelope import EnvelopeTooNew, KdfParams, is_encrypted, parse_header
from companion.store.file_marks import (
    QUARANTINE_MARK,
    not_a_file,
    schema_version_of,
    starts_encrypted,
)
from companion.store.journal_files import link_in_the_way
from companion.system.paths import Paths
from companion.system.plain_file import read_plain


@dataclass(frozen=True)
class StoreHealth:
    path: Path
    # missing | ok | encrypted | corrupt | too_new | unreadable | not_a_file | mixed
    state: str
    size: int = 0
    version: int | None = None
    reason: str = ""
    backups: tuple[Backup, ...] = ()
    encrypted: bool = False  # for "corrupt": only unlocking can move it aside
    envelope: int | None = None  # for "encrypted": what its header says without the
    kdf: KdfParams | None = None  # passphrase (the schema version is inside)
    target: Path | None = None  # for "not_a_file" (a link to nowhere): where it points
    odd: tuple[Path, ...] = ()  # for "mixed": the files not in the rest's form

    @property
    def needs_action(self) -> bool:
        return self.state in ("corrupt", "too_new", "unreadable", "not_a_file", "mixed")


def inspect_store(
    path: Path, backup_dir: Path, known_version: int, codec: Codec | None = None
) -> StoreHealth:
    codec = codec or JsonCodec()
    backups = tuple(list_backups(path, backup_dir))
    wrong = not_a_file(path)  # what opening it finds first, too
    if wrong is not None:
        what, target = wrong
        return StoreHealth(path, "not_a_file", reason=what, backups=backups, target=target)
    try:
        raw = read_plain(path)
    except FileNotFoundError:
        return StoreHealth(path, "missing", backups=backups)
    except OSError as error:
        return StoreHealth(path, "unreadable", reason=error.strerror or "", backups=backups)
    if is_encrypted(raw):
        try:
            header, _ = parse_header(raw)
        except EnvelopeTooNew as error:
            return StoreHealth(path, "too_new", len(raw), error.found, backups=backups)
        except CodecError as error:
            # Unlocking sets it aside only if an encrypted backup can check the key.
            locked = any(starts_encrypted(b.path) for b in backups)
            return StoreHealth(path, "corrupt", len(raw), None, str(error), backups, locked)
        return StoreHealth(
            path,
            "encrypted",
            len(raw),
            backups=backups,
            envelope=ENVELOPE_VERSION,  # parse_header reads no other version
            kdf=header.params,
        )
    try:
        tables = codec.decode(raw)
    except CodecError as error:
        # Too damaged to show an envelope, but its newest backup is encrypted: the app
        # treats it as a locked journal (see Database.open).
        was_encrypted = bool(backups) and starts_encrypted(backups[0].path)
        return StoreHealth(path, "corrupt", len(raw), None, str(error), backups, was_encrypted)
    try:
        version = schema_version_of(tables)
    except ValueError as error:  # what opening it says too: damaged
        return StoreHealth(path, "corrupt", len(raw), None, str(error), backups)
    state = "too_new" if version > known_version else "ok"
    return StoreHealth(path, state, len(raw), version, backups=backups)


STATE_ORDER = (
    "not_a_file",
    "corrupt",
    "too_new",
    "unreadable",
    "mixed",
    "encrypted",
    "ok",
    "missing",
)


def journal_parts(paths: Paths, known_version: int) -> list[tuple[str, StoreHealth]]:
    """Each file of the journal's folder (see store/segments.py), looked at like a store
    of its own, and each part set aside with no file in its place (the app asks)."""
    folder = paths.data_dir / segments.FOLDER
    backups = paths.backup_dir / segments.FOLDER
    names = segments.part_names(folder)
    names += sorted({a.store for a in set_aside_files(folder)} - set(names))
    return [
        (name, inspect_store(folder / f"{name}{segments.SUFFIX}", backups, known_version))
        for name in names
    ]


def journal_health(paths: Paths, known_version: int) -> StoreHealth:
    """The journal as one store: the old single file while it is there, else its
    folder's files summed up (the worst state of any of them; sizes and backups added
    up; an encrypted journal's envelope from its first file)."""
    folder = paths.data_dir / segments.FOLDER
    wrong = link_in_the_way(folder, paths.journal_db)
    if wrong is not None:  # what opening it finds first, too
        return StoreHealth(wrong.path, "not_a_file", reason=wrong.what, target=wrong.target)
    if paths.journal_db.exists() and not segments.part_names(folder):
        return inspect_store(paths.journal_db, paths.backup_dir, known_version)
    parts = [(n, h) for n, h in journal_parts(paths, known_version) if h.state != "missing"]
    if not parts:
        return StoreHealth(
            folder, "missing", backups=tuple(list_backups(paths.journal_db, paths.backup_dir))
        )
    worst = min(parts, key=lambda item: STATE_ORDER.index(item[1].state))
    backups = tuple(
        sorted((b for _, h in parts for b in h.backups), key=lambda b: b.day, reverse=True)
    )
    sealed = next((h for _, h in parts if h.state == "encrypted"), None)
    name, health = worst
    if health.state == "not_a_file":  # a pipe, a folder, a link to nowhere: named itself
        return health
    if health.state in ("encrypted", "ok"):
        odd = _odd_ones_out(folder, parts)
        if odd is not None:
            return odd
    reason = f"{name}{segments.SUFFIX}: {health.reason}" if health.reason else ""
    return StoreHealth(
        folder,
        health.state,
        sum(h.size for _, h in parts),
        max((h.version for _, h in parts if h.version is not None), default=None),
        reason,
        backups,
        health.encrypted,
        sealed.envelope if sealed else None,
        sealed.kdf if sealed else None,
    )


def _odd_ones_out(folder: Path, parts: list[tuple[str, StoreHealth]]) -> StoreHealth | None:
    """Plain files among encrypted ones, or the other way round (one copied in from
    another time): the fewer are the odd ones. The plain ones can be read by anyone
    until the next unlock seals them (plain_parts.py), so they are named. Judged by
    headers."""
    sealed = [folder / f"{n}{segments.SUFFIX}" for n, h in parts if h.state == "encrypted"]
    plain = [folder / f"{n}{segments.SUFFIX}" for n, h in parts if h.state == "ok"]
    if not sealed or not plain:
        return None
    odd, form = (plain, "plain") if len(plain) <= len(sealed) else (sealed, "encrypted")
    return StoreHealth(folder, "mixed", reason=form, odd=tuple(odd))


def backup_blocked(paths: Paths, today: date) -> str | None:
    """Why today's backup could not be written, judged without writing: a content key
    (``store_problem.backup.*``), or None. A store whose backup of today is there needs
    none (a full disk then is no news about backups). Opening the stores says the real
    reason."""
    folder = paths.backup_dir if paths.backup_dir.is_dir() else paths.data_dir
    if not folder.is_dir():
        return None
    stores = [p for p in (paths.journal_db, paths.activity_db) if p.is_file()]
    due = [p for p in stores if not backup_path(p, paths.backup_dir, today).exists()]
    journal, copies = paths.data_dir / segments.FOLDER, paths.backup_dir / segments.FOLDER
    parts = sorted(journal.glob(f"*{segments.SUFFIX}")) if journal.is_dir() else []
    parts = [p for p in parts if p.is_file()]  # (a pipe, a link to nowhere: said elsewhere)
    newest = newest_backups(copies, segments.SUFFIX)
    due += [
        p
        for p in parts  # the journal's files are copied on the days they changed
        if not backup_path(p, copies, today).exists() and written_since(p, newest.get(p.stem))
    ]
    if (stores or parts) and not due:
        return None
    if parts and (copies.exists() or copies.is_symlink()) and not copies.is_dir():
        return BACKUPS_IN_THE_WAY  # a file (or a link to nowhere) where their folder goes
    if not os.access(folder, os.W_OK | os.X_OK):
        return "store_problem.backup.not_writable"
    needed = sum(p.stat().st_size for p in due)
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return None
    return "store_problem.backup.no_space" if free < needed + SPACE_MARGIN else None


BACKUPS_IN_THE_WAY = "store_problem.backup.doctor_in_the_way"  # takes the folder's {path}
SPACE_MARGIN = 64 * 1024  # a backup is written whole, beside the folder's other files


@dataclass(frozen=True)
class SetAside:
    """A data file companion could not read and moved aside: it may still hold the
    user's writing, and nothing in companion reads or deletes it afterwards."""

    path: Path
    store: str  # the stem of the file it was: "journal", "activity"
    size: int
    encrypted: bool


def set_aside_files(data_dir: Path) -> list[SetAside]:
    """The files moved aside in ``data_dir`` (the journal's folder in it, where each is
    named for the part it was, or the backup folder, where a backup too damaged to
    encrypt is set aside), in name (so time) order."""
    if not data_dir.is_dir():
        return []
    found = []
    for path in sorted(data_dir.iterdir()):
        original, mark, _ = path.name.partition(QUARANTINE_MARK)
        if not mark or not path.is_file():
            continue
        try:
            with path.open("rb") as handle:
                head = handle.read(64)
            size = path.stat().st_size
        except OSError:
            head, size = b"", 0
        store = re.sub(r"-\d{4}-\d{2}-\d{2}$", "", Path(original).stem)  # a backup's day
        found.append(SetAside(path, store, size, is_encrypted(head)))
    return found
