"""The journal: many small TinyDB files (see segments.py) that act as one private store.

They share one lock (a write that spans several holds it once), one codec (plain, or
encrypted with one key: one scrypt per unlock) and one state: locked, open, or a
problem that concerns the whole journal (too new, the old single file damaged...).
Each file is a ``Database`` of its own, opened the first time it is needed, so opening
the journal reads nothing but what is asked for: Home reads this month's segment, a
note reads and writes one segment. A file found damaged is set aside on its own, its
newest backup offered (``found``), while every other file stays readable; each file
is backed up on the days it changed.

The single ``journal.db`` of earlier versions is read by the old rules (locked,
damaged, restored as before) and, once it is readable, split into this layout in one
atomic step (migrate.py); it is kept until the new files are proven readable.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from companion.store import commit, segments
from companion.store import journal_files as files
from companion.store.backup import Backup, list_backups
from companion.store.backup_change import settle
from companion.store.codec import Codec, CodecError, Tables, default_codec
from companion.store.database import Database, OpenProblem, Schema
from companion.store.envelope import EnvelopeTooNew, read_header
from companion.store.errors import (
    StoreBusy,
    StoreCorrupt,
    StoreError,
    StoreTooNew,
    StoreUnavailable,
)
from companion.store.file_marks import starts_encrypted
from companion.system.clock import Clock
from companion.system.locking import InterProcessLock, LockTimeout
from companion.system.paths import Paths, ensure_dir

# Problems of the whole journal: nothing in it can be used until they are settled.
WHOLE = ("locked", "wrong_passphrase", "too_new", "unreadable", "not_a_file")
KEEP_DECODED = 3  # segments kept decoded in memory (this month's, and what is shown)


class JournalStore:
    name = "journal"

    def __init__(
        self, paths: Paths, clock: Clock, schema: Schema, move_damaged: bool = True
    ) -> None:
        self.folder = paths.data_dir / segments.FOLDER
        self.path = self.folder
        self.legacy_path = paths.journal_db
        self.backup_dir = paths.backup_dir / segments.FOLDER
        self.legacy_backup_dir = paths.backup_dir
        self.clock = clock
        self.schema = schema
        self.move_damaged = move_damaged
        self.file_lock = InterProcessLock(self.folder / segments.LOCK_FILE)
        self.codec: Codec = default_codec()
        self.legacy: Database | None = None  # the single file, until it is split
        self.problem: OpenProblem | None = None  # the whole journal's, see WHOLE
        self.found: list[OpenProblem] = []  # files set aside (or left damaged) so far
        self.backup_failed: OSError | None = None  # a part's, why today's backup failed
        self.on_problem: Callable[[OpenProblem], None] | None = None  # the app's ear
        self._parts: dict[str, Database] = {}
        self._opened: set[str] = set()
        self._recent: dict[str, None] = {}  # segments decoded in memory, oldest first
        self._guard = threading.RLock()  # around _parts / _opened / found
        self.temps = files.TempSweep(self.folder)

    # -- state ---------------------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return self.problem is not None and self.problem.kind in ("locked", "wrong_passphrase")

    @property
    def available(self) -> bool:
        return self.problem is None or self.problem.kind not in (*WHOLE, "damaged")

    @property
    def encrypted(self) -> bool:
        return self.codec.encrypted

    def problems(self) -> list[OpenProblem]:
        """What the person should hear about: the whole journal's problem, then each file
        set aside whose backup waits for a choice."""
        whole = [self.problem] if self.problem is not None else []
        return whole + [p for p in self.found if p is not self.problem]

    # -- opening ---------------------------------------------------------------------------
    def open(self) -> OpenProblem | None:
        """Finish a change a crash cut short, then look at what is there: the old single
        file (split now if it is readable), or the folder of small files. Reads only
        what must be checked now (see the module's docstring)."""
        with self._guard:
            self.problem, self.found, self.backup_failed = None, [], None
            self._opened.clear()
        wrong = files.link_in_the_way(self.folder, self.legacy_path)
        if wrong is not None:  # nothing is written until the link leads somewhere
            self.problem = OpenProblem("not_a_file", self.name, wrong.path, error=wrong)
            return self.problem
        files.make_folder(self.folder, self.legacy_path)
        with self.transaction():
            commit.recover(self.folder)
            settle(self.folder, [self.backup_dir, self.legacy_backup_dir])
            self.temps.sweep()
        if not files.layout_exists(self.folder, self.backup_dir) and files.legacy_traces(
            self.legacy_path, self.legacy_backup_dir
        ):
            return self._open_legacy()
        self.legacy = None
        return self._open_layout()

    def _open_legacy(self) -> OpenProblem | None:
        """The old single file, opened by its own rules (locked, damaged...); split into
        the folder as soon as it is readable."""
        from companion.store.migrate import split_legacy

        legacy = self.legacy or Database(
            "journal",
            self.legacy_path,
            self.legacy_backup_dir,
            self.clock,
            self.schema,
            codec=self.codec,
            move_damaged=self.move_damaged,
        )
        self.legacy = legacy
        legacy.storage.set_codec(self.codec)
        problem = legacy.open()
        if legacy.available and self.legacy_path.exists():
            try:
                split_legacy(self, legacy)
            except StoreError as error:  # nothing lost: the old file is still there
                self.problem = self._whole("unreadable", error=error)
                return self.problem
            self.legacy = None
            layout = self._open_layout()
            if problem is not None:  # set aside with nothing to offer: told once
                self.found.insert(0, problem)
            return layout or problem
        self.problem = problem
        return problem

    def _open_layout(self) -> OpenProblem | None:
        if not self.codec.encrypted:  # (with a key, as after an unlock: already known)
            sealed = self.sealed_parts()
            if sealed:
                self.problem = self._locked_problem(sealed)
                return self.problem
            if any(starts_encrypted(p) for p in self.part_backup_files()):
                self.problem = self._whole("locked")  # never a plain journal in its place
                return self.problem
        for name in files.undecided_parts(self.folder):
            self.part(name)
        if self.legacy_path.exists():
            from companion.store.migrate import retire_legacy

            retire_legacy(self)
        self._back_up_changed()
        return self.problem or (self.found[0] if self.found else None)

    def _whole(self, kind: str, **details: object) -> OpenProblem:
        return OpenProblem(kind, self.name, self.folder, **details)  # type: ignore[arg-type]

    def _locked_problem(self, sealed: list[Path]) -> OpenProblem:
        """Without the key only headers can be checked: a newer companion's is refused now
        (and left alone). If no file's header can be read and no encrypted backup could
        check a passphrase, nothing could tell a right one from a typo: never set files
        aside under an unchecked key; the journal is damaged, and the person chooses."""
        for path in sealed:
            try:
                read_header(path)
            except EnvelopeTooNew as error:
                return self._whole("too_new", error=StoreTooNew(path, error.found, error.known))
            except (CodecError, OSError):
                continue
            return self._whole("locked")
        if any(starts_encrypted(p) for p in self.backup_files()):
            return self._whole("locked")
        error = StoreCorrupt(sealed[0], "no file of the journal has a readable envelope")
        return OpenProblem("damaged", self.name, sealed[0], error=error)

    # -- the files ----------------------------------------------------------------------------
    def part_path(self, name: str) -> Path:
        return files.part_path(self.folder, name)

    def sealed_parts(self) -> list[Path]:
        """The parts that are encrypted on disk, smallest first."""
        return files.sealed_parts(self.folder)

    def part_backup_files(self) -> list[Path]:
        return files.backup_files(self.backup_dir)

    def part(self, name: str) -> Database:
        """One of the journal's files, opened (read, checked, backed up) on first use. A
        damaged one is set aside (the app) or left in place (a command) and reported."""
        if not self.available:  # (what was found goes with it: the message names it)
            kind = self.problem.kind if self.problem else ""
            raise StoreUnavailable(self.folder, kind, problem=self.problem)
        with self._guard:
            db = self._parts.get(name)
            if db is None:
                db = Database(
                    "journal",
                    self.part_path(name),
                    self.backup_dir,
                    self.clock,
                    self.schema,
                    codec=self.codec,
                    move_damaged=self.move_damaged,
                    lock=self.file_lock,
                    part=name,
                )
                db.key_proof = lambda: self.codec.encrypted  # proven when it was unlocked
                db.sweep_temps = lambda db=db: self._sweep_temps(db)
                self._parts[name] = db
            if name in self._opened:
                return db
            self._opened.add(name)
        problem = db.open()
        if problem is not None:
            self._report(problem)
        return db

    def _sweep_temps(self, db: Database) -> None:
        """Before a part is read: the folder, unless nothing changed since its last sweep
        (see TempSweep); a link's own, beside the file it leads to."""
        if db.path.is_symlink():
            db.storage.clean_stale_temp_files()
        elif self.temps.needed():
            with self.transaction():
                self.temps.sweep()

    def forget_found(self, part: str) -> None:
        """A part's problem was settled (restored, or started afresh)."""
        with self._guard:
            self.found = [p for p in self.found if p.part != part]

    def _report(self, problem: OpenProblem) -> None:
        with self._guard:
            self.found = [p for p in self.found if p.part != problem.part] + [problem]
        if problem.kind in ("quarantined", "damaged") and self.on_problem is not None:
            self.on_problem(problem)

    def segment_names(self) -> list[str]:
        """The segments on disk, newest first."""
        return [n for n in segments.part_names(self.folder) if segments.is_segment(n)]

    def read_part(self, name: str, strict: bool = False) -> Tables:
        """A part's tables as they are now (never change them); {} if it has none yet.
        Raises StoreUnavailable for a damaged one (a command); one set aside and not
        restored yet reads as empty (the app, which offers its backup) unless
        ``strict``."""
        db = self.part(name)
        if strict and db.problem is not None:
            raise StoreUnavailable(db.path, db.problem.kind, problem=db.problem)
        db.table(segments.ENTRIES_TABLE)  # raises StoreUnavailable like every read
        tables = db.storage.read() or {}
        self._keep_few(name)
        return tables

    def _keep_few(self, name: str) -> None:
        """Only the segments read last stay decoded in memory (years of them would
        take hundreds of megabytes); the others are read again when asked for."""
        if not segments.is_segment(name):
            return
        with self._guard:
            self._recent.pop(name, None)
            self._recent[name] = None
            while len(self._recent) > KEEP_DECODED:
                old = next(iter(self._recent))
                del self._recent[old]
                if old in self._parts:
                    self._parts[old].storage.forget()

    # -- writing ----------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the journal's lock: no other process writes any of its files meanwhile."""
        ensure_dir(self.folder)
        try:
            with self.file_lock.held():
                yield
        except LockTimeout as error:
            raise StoreBusy(self.folder, "another process holds the lock") from error

    def commit(
        self, files: Iterable[tuple[str, bytes]] | Mapping[str, bytes], drop: Iterable[str] = ()
    ) -> None:
        """Several files written at once (see commit.py); the caller holds the lock.
        Every part is read again afterwards."""
        from companion.store.errors import StoreNotStorable, StoreWriteError

        try:
            commit.commit(self.folder, files, list(drop))
        except OSError as error:
            raise StoreWriteError(self.folder, error) from error
        except (TypeError, ValueError) as error:  # a lone surrogate…: nothing was changed
            raise StoreNotStorable(self.folder, str(error)) from error
        finally:
            with self._guard:
                for db in self._parts.values():
                    db.storage.set_codec(self.codec)  # forget what was read: read again

    # -- keys ---------------------------------------------------------------------------
    def set_codec(self, codec: Codec) -> None:
        """Read and write every file with ``codec`` from now on, forgetting what was read."""
        self.codec = codec
        with self._guard:
            for db in self._parts.values():
                db.storage.set_codec(codec)
            self._opened.clear()
        if self.legacy is not None:
            self.legacy.storage.set_codec(codec)

    def lock(self) -> None:
        """Forget the key and everything read with it. A write under way (an autosave in
        a worker) finishes first, sealed; none starts after."""
        try:
            with self.transaction():
                self._forget_key()
        except StoreBusy:  # another process writes for long: lock all the same
            self._forget_key()

    def _forget_key(self) -> None:
        self.problem = self._whole("locked")
        self.set_codec(default_codec())
        with self._guard:
            self.found = []
            for db in self._parts.values():
                db.problem = self.problem

    def refuse_key(self, problem: OpenProblem | None = None) -> None:
        self.lock()
        self.problem = problem or self._whole("wrong_passphrase")

    def unlock(self, codec: Codec) -> OpenProblem | None:
        """Open with a key already checked (see encryption.unlock)."""
        self.set_codec(codec)
        self.problem = None
        return self.open()

    # -- choices after damage (journal_repair.py) ----------------------------------------
    def restore(self, backup: Backup, problem: OpenProblem | None = None) -> None:
        """Put a backup back in place of the file it copies (a part, or the old file)."""
        from companion.store.journal_repair import restore

        restore(self, backup, problem)

    def start_fresh(self, problem: OpenProblem | None = None) -> None:
        """The person chose an empty file over the backup offered for ``problem``."""
        from companion.store.journal_repair import start_fresh

        start_fresh(self, problem)

    def good_backups(self) -> list[Backup]:
        """The newest good backups of the file the current problem concerns."""
        if self.legacy is not None:
            return self.legacy.good_backups()
        problem = self.problem or (self.found[0] if self.found else None)
        if problem is None or not problem.part:
            return []
        return self.part(problem.part).good_backups()

    # -- backups ------------------------------------------------------------------------
    def _back_up_changed(self) -> None:
        """Each segment written since its newest backup is read (it must decode) and
        copied, once a day; the others cost two stats each (one listing of the backups
        for all of them)."""
        from companion.store.backup import newest_backups, written_since

        today = self.clock.now().date()
        newest = newest_backups(self.backup_dir, segments.SUFFIX)
        for name in segments.part_names(self.folder):
            backup = newest.get(name)
            if backup is not None and backup.day == today and backup.path.exists():
                continue  # (a link to nowhere by that name is no backup: as before)
            if not written_since(self.part_path(name), backup):
                continue
            try:
                db = self.part(name)  # opening it reads it and takes the backup
            except StoreError:
                continue
            if db.backup_failed:
                self.backup_failed = db.backup_failed

    def backup_files(self) -> list[Path]:
        """Every backup of the journal: each part's, and the old single file's."""
        legacy = [b.path for b in list_backups(self.legacy_path, self.legacy_backup_dir)]
        return self.part_backup_files() + legacy

    def close(self) -> None:
        for db in self._parts.values():
            db.close()
