"""One TinyDB file with a schema version, forward migrations and daily backups.

Opening a database reads it once. A file that cannot be decoded is moved aside as
``<name>.corrupt-<timestamp>`` (never overwritten) and an empty store takes its place;
the caller learns what happened and which backup could be restored. Until the person
chooses (restore, or start fresh), a record beside the store (store/undecided.py) makes
that same problem come back at every open, whatever was written meanwhile; a missing
file with a set-aside copy and a backup is that problem too. The command line opens with
``move_damaged=False``: a damaged file stays where it is ("damaged"), so the app can move
it aside and offer the backup later, and no command writes into a fresh empty store
meanwhile. A file from a newer companion is refused, not migrated down."""

# Not `from __future__ import annotations`: fields of a NamedTuple given as text are
# compiled when the module loads (the first compile ~2 ms), on every command's path.

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from companion.store.backup import Backup, backup_daily, list_backups
from companion.store.codec import Codec, CodecError, Tables, default_codec
from companion.store.envelope import EnvelopeTooNew, read_header
from companion.store.errors import (
    StoreCorrupt,
    StoreError,
    StoreNotAFile,
    StoreTooNew,
    StoreUnavailable,
    StoreUnreadable,
    StoreWrongPassphrase,
)
from companion.store.file_marks import (
    META_ID,
    META_TABLE,
    aside_name,
    not_a_file,
    same_key,
    schema_version_of,
    set_aside_copies,
    starts_encrypted,
)
from companion.store.storage import SafeStorage
from companion.store.undecided import (
    Undecided,
    answered,
    ask_until_answered,
    read_undecided,
    with_records_since,
)
from companion.system.atomic import real_target
from companion.system.clock import Clock
from companion.system.locking import InterProcessLock
from companion.system.plain_file import read_plain

if TYPE_CHECKING:
    from companion.store.tinydb_tables import StoreDb, Table

Migration = Callable[[Tables], Tables]


class Schema(NamedTuple):
    """The current version and the steps that bring an older file up to it."""

    version: int
    migrations: Mapping[int, Migration] = MappingProxyType({})  # from N to N+1 (read only)


class OpenProblem(NamedTuple):
    """Something found while opening a store, for the UI or CLI to explain."""

    # "quarantined" | "damaged" (left in place, or set aside with no choice made yet:
    # then ``moved_to`` says where) | "too_new" | "unreadable" | "locked"
    # | "wrong_passphrase" | "not_a_file" (a folder, or a link to nowhere, in its place)
    kind: str
    store: str  # "journal" | "activity"
    path: Path
    moved_to: Path | None = None
    backup: Backup | None = None
    error: StoreError | None = None
    part: str = ""  # the journal's part it concerns ("entries-2026-11"), or ""


class Database:
    def __init__(
        self,
        name: str,
        path: Path,
        backup_dir: Path,
        clock: Clock,
        schema: Schema,
        codec: Codec | None = None,
        move_damaged: bool = True,
        lock: InterProcessLock | None = None,
        part: str = "",
    ) -> None:
        self.name = name
        self.part = part  # one of the journal's files (see store/journal.py), or ""
        self.move_damaged = move_damaged
        self.path = path
        self.backup_dir = backup_dir
        self.clock = clock
        self.schema = schema
        self.storage = SafeStorage(path, codec=codec, lock=lock)
        self._tinydb: StoreDb | None = None  # made when a table is first used
        self.problem: OpenProblem | None = None
        self.backup_failed: OSError | None = None  # why today's backup could not be written
        self.backup_when_changed = bool(part)  # a part: on days it changed (backup.py)
        # What else proves a key right when it fails on this file (another of the
        # journal's files); by default only a backup sealed with the same salt.
        self.key_proof: Callable[[], bool] | None = None
        self.sweep_temps: Callable[[], object] = self.storage.clean_stale_temp_files  # TempSweep
        self.open_when_used = False  # opened by its first use (open_stores' activity_when_used)

    # -- opening -----------------------------------------------------------------
    def open(self) -> OpenProblem | None:
        """Read, check, migrate and back up. Returns a problem or None. An encrypted file
        opened without a key stays locked: nothing is read or moved."""
        self.open_when_used = False
        self.problem = None
        self.backup_failed = None
        wrong = not_a_file(self.path)
        if wrong is not None:  # nothing is read, written or moved while it stands there
            error = StoreNotAFile(self.path, *wrong)
            self.problem = self._problem("not_a_file", error=error)
            return self.problem
        if not self.path.exists():
            self.problem = self._missing_problem()
            if self.problem is not None:
                return self.problem
        if self.is_encrypted_on_disk() and not self.storage.codec.encrypted:
            self.problem = self._locked_problem()
            return self.problem
        try:
            self.sweep_temps()
            with self.storage.transaction():
                tables = self.storage.read()
                self._check_and_migrate(tables)
            self.problem = self._undecided_problem()
            if self.problem is None:  # while undecided, the offered backup must stay
                self._backup()
        except StoreWrongPassphrase as error:
            if self._key_proven():
                self.problem = self._damaged(StoreCorrupt(self.path, error.detail))
            else:
                self.problem = self._problem("wrong_passphrase", error=error)
        except StoreCorrupt as error:
            if not self.storage.codec.encrypted and self._newest_backup_encrypted():
                # Too damaged to show its envelope, but the journal was encrypted: only
                # the key can tell which backups to offer, so wait for the unlock.
                self.problem = self._problem("locked")
            else:
                self.problem = self._damaged(error)
        except StoreTooNew as error:
            self.problem = self._problem("too_new", error=error)
        except StoreUnreadable as error:
            self.problem = self._problem("unreadable", error=error)
        return self.problem

    def _problem(self, kind: str, **details: Any) -> OpenProblem:
        return OpenProblem(kind, self.name, self.path, part=self.part, **details)

    def _locked_problem(self) -> OpenProblem:
        """Without the key only the header can be checked: one from a newer companion
        is refused now (and left alone); any other damage is found at unlock, where the
        key tells which backups can be offered."""
        try:
            read_header(self.path)
        except EnvelopeTooNew as error:
            too_new = StoreTooNew(self.path, error.found, error.known)
            return self._problem("too_new", error=too_new)
        except (CodecError, OSError) as error:
            if not any(starts_encrypted(b.path) for b in list_backups(self.path, self.backup_dir)):
                # Nothing could tell a right passphrase from a typo: never set the file
                # aside under an unchecked key. Damaged, no backup; the person chooses.
                return self._problem("damaged", error=StoreCorrupt(self.path, str(error)))
        return self._problem("locked")

    def _missing_problem(self) -> OpenProblem | None:
        """No live file. If the newest backup is encrypted, only the key may start one
        (never a plain journal in place of an encrypted one): locked. Otherwise it may
        be the question nobody has answered yet."""
        if not self.storage.codec.encrypted and self._newest_backup_encrypted():
            return self._problem("locked")
        return self._undecided_problem()

    def _undecided_problem(self) -> OpenProblem | None:
        """The file was set aside and a backup could replace it, and the person has not
        chosen yet (the record says so, or there is no live file beside the copy): the
        same problem as when it was set aside (for a command, "damaged")."""
        question = read_undecided(self.path)
        if question is None and self.path.exists():
            return None  # the usual case, without listing the folder (once per segment)
        aside = set_aside_copies(self.path)
        if question is None and not aside:
            return None
        backups = self.good_backups()
        if not backups:
            if question is not None and self.move_damaged and not self._any_backup():
                answered(self.path)  # nothing left to restore: nothing to ask
            return None
        named = [b for b in backups if question is not None and b.path.name == question.backup]
        offered = (named or backups)[0]
        copies = [p for p in aside if question is not None and p.name == question.set_aside]
        moved_to = (copies or aside or [None])[-1]
        kind = "quarantined" if self.move_damaged else "damaged"
        return self._problem(kind, moved_to=moved_to, backup=offered)

    def _any_backup(self) -> bool:
        return bool(list_backups(self.path, self.backup_dir))

    def _newest_backup_encrypted(self) -> bool:
        backups = list_backups(self.path, self.backup_dir)
        return bool(backups) and starts_encrypted(backups[0].path)

    def _key_proven(self) -> bool:
        """The key failed on the live file: is it the right key (so the file is damaged)?

        Only a backup sealed with the live file's salt and key parameters proves it. A
        backup from before a passphrase change opens with the old passphrase, which
        does not open the live file: that is a wrong passphrase, not damage.
        """
        if self.key_proof is not None and self.key_proof():
            return True
        try:
            live = read_header(self.path)
        except (CodecError, OSError):
            return False
        return any(same_key(live, backup.path) for backup in self.good_backups())

    @property
    def available(self) -> bool:
        return self.problem is None or self.problem.kind == "quarantined"

    @property
    def locked(self) -> bool:
        return self.problem is not None and self.problem.kind in ("locked", "wrong_passphrase")

    @property
    def encrypted(self) -> bool:
        return self.storage.codec.encrypted

    def is_encrypted_on_disk(self) -> bool:
        return starts_encrypted(self.path)

    def unlock(self, codec: Codec) -> OpenProblem | None:
        """Open an encrypted file with a key. A wrong one leaves the problem
        "wrong_passphrase" and the file untouched."""
        self.storage.set_codec(codec)
        problem = self.open()
        if problem is not None and problem.kind == "wrong_passphrase":
            self.refuse_key(problem)
        return problem

    def refuse_key(self, problem: OpenProblem | None = None) -> None:
        """A passphrase did not open the file: stay locked, nothing read or moved."""
        self.lock()
        self.problem = problem or self._problem("wrong_passphrase")

    def lock(self) -> None:
        """Forget the key and everything read with it."""
        self.storage.set_codec(default_codec())
        self.problem = self._problem("locked")

    def _check_and_migrate(self, tables: Tables | None) -> None:
        migrated = self._migrated(tables)
        if migrated is not None:
            backup_daily(self.path, self.backup_dir, self.clock.now().date())
            self.storage.write(migrated)

    def _migrated(self, tables: Tables | None) -> Tables | None:
        """The tables brought up to this schema, or None when they are current."""
        if not tables:
            return None
        try:
            found = schema_version_of(tables)
        except ValueError as error:
            raise StoreCorrupt(self.path, str(error)) from error
        if found > self.schema.version:
            raise StoreTooNew(self.path, found, self.schema.version)
        if found == self.schema.version:
            return None
        for step in range(found, self.schema.version):
            tables = self.schema.migrations[step](tables)
        tables.setdefault(META_TABLE, {})[META_ID] = {"schema_version": self.schema.version}
        return tables

    def _backup(self) -> None:
        """A failed backup (disk full, folder not writable) does not stop the store:
        ``backup_failed`` says why, for a warning; the next open tries again."""
        try:
            today = self.clock.now().date()
            backup_daily(self.path, self.backup_dir, today, changed_only=self.backup_when_changed)
        except OSError as error:
            self.backup_failed = error.with_traceback(None)  # (no frames kept alive)

    def _damaged(self, error: StoreCorrupt) -> OpenProblem:
        if self.move_damaged:
            return self._quarantine(error)
        backups = self.good_backups()
        backup = backups[0] if backups else None
        return self._problem("damaged", backup=backup, error=error)

    def _quarantine(self, error: StoreCorrupt) -> OpenProblem:
        earlier = read_undecided(self.path)
        target = self.set_aside()
        backups = self.good_backups()
        if not backups:  # nothing to choose: the fresh store is there from now on
            with suppress(StoreError):  # told when something is saved; nothing to offer
                self._write_fresh()
        else:
            # Asked until answered. (If this cannot be written, the missing file beside
            # the copy set aside still asks, until something is written.)
            offered = backups[0].path.name
            if earlier is not None and any(b.path.name == earlier.backup for b in backups):
                offered = earlier.backup  # set aside again before anyone chose
            with suppress(OSError):
                ask_until_answered(self.path, Undecided(target.name, offered))
        return self._problem(
            "quarantined",
            moved_to=target,
            backup=backups[0] if backups else None,
            error=error,
        )

    def set_aside(self) -> Path:
        """Set the file aside beside itself; a link stays where it is (the fresh file is
        written where it points, on the drive the person chose)."""
        real = real_target(self.path)
        target = aside_name(real, self.clock.now())
        with self.storage.transaction():
            real.rename(target)
        return target

    def _write_fresh(self) -> None:
        if not self.path.exists():
            with self.transaction():
                pass  # the schema stamp is the first write

    def start_fresh(self, problem: OpenProblem | None = None) -> None:
        """The person chose a fresh, empty store over the backup. A damaged file still
        in place is set aside first (kept, never deleted). Writing the fresh file
        settles the question: the backup is not offered again (``problem``: unused)."""
        if self.problem is not None and self.problem.kind == "damaged" and self.path.exists():
            self.set_aside()
            self.storage.set_codec(default_codec())  # no key was ever proven for it
        self.problem = None
        self._write_fresh()
        answered(self.path)

    # -- backups -----------------------------------------------------------------
    def good_backups(self) -> list[Backup]:
        """Backups that decode with this store's codec, newest first."""
        good = []
        for backup in list_backups(self.path, self.backup_dir):
            with suppress(ValueError, OSError):  # (a pipe named as one: refused, not waited on)
                self.storage.codec.decode(read_plain(backup.path))
                good.append(backup)
        return good

    def restore(self, backup: Backup, problem: OpenProblem | None = None) -> None:
        """Put a backup back in place of the file set aside (atomically), keeping every
        record written to the fresh file since; then the question is answered."""
        try:
            tables = self.storage.codec.decode(read_plain(backup.path))
        except CodecError as error:
            raise StoreCorrupt(backup.path, str(error)) from error
        with self.storage.transaction():
            tables = self._migrated(tables) or tables
            try:
                since = self.storage.read() or {}
            except StoreCorrupt:  # damaged too: set aside like the first, never overwritten
                self.set_aside()
                since = {}
            self.storage.write(with_records_since(tables, since, META_TABLE))
        self.problem = None
        answered(self.path)

    # -- use ---------------------------------------------------------------------
    def table(self, name: str) -> "Table":
        self._usable()
        return self._db.table(name, cache_size=0)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.storage.transaction():  # (reentrant: an open on first use takes it too)
            self._usable()  # checked under the lock: locking waits for writes
            self._stamp_schema()
            yield

    def _usable(self) -> None:
        if self.open_when_used:
            self.open()
        if not self.available:
            kind = self.problem.kind if self.problem else ""
            raise StoreUnavailable(self.path, kind, problem=self.problem)

    @property
    def _db(self) -> "StoreDb":
        if self._tinydb is None:
            from companion.store.tinydb_tables import StoreDb

            self._tinydb = StoreDb(storage=lambda: self.storage)
        return self._tinydb

    def _stamp_schema(self) -> None:
        meta = self._db.table(META_TABLE, cache_size=0)
        if meta.get(doc_id=META_ID) is None:
            from companion.store.tinydb_tables import Document

            meta.insert(Document({"schema_version": self.schema.version}, doc_id=META_ID))

    def schema_version(self) -> int | None:
        doc = self._db.table(META_TABLE, cache_size=0).get(doc_id=META_ID)
        return doc.get("schema_version") if doc else None

    def close(self) -> None:
        # (not `self._tinydb or ...`: a TinyDB's truth is its length, read from the file)
        (self.storage if self._tinydb is None else self._tinydb).close()
