"""A TinyDB Storage that never loses data.

- Writes are atomic and durable (temp file, fsync, rename, fsync folder).
- The parsed tables are kept in memory and re-read only when the file's identity
  (inode, size, mtime) changed, i.e. when another process wrote it.
- ``transaction()`` holds an inter-process lock around a read-modify-write, so the TUI
  and a CLI command can write at once and neither's records are lost.
- A file that cannot be decoded raises StoreCorrupt; it is never written over.
- Threads: the app reads in worker threads while its UI thread writes. What ``read()``
  returns is shared, so it is never changed in place by code of ours (a write puts new
  tables in; see ``repos.add_together``), and ``snapshot()`` gives the tables with the
  identity they were read at in one step, for caches built off the UI thread.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from companion.store.codec import Codec, CodecError, Tables, WrongPassphrase, default_codec
from companion.store.envelope import EnvelopeTooNew
from companion.store.errors import (
    ConcurrentWrite,
    StoreBusy,
    StoreCorrupt,
    StoreNotAFile,
    StoreNotStorable,
    StoreTooNew,
    StoreUnreadable,
    StoreWriteError,
    StoreWrongPassphrase,
)
from companion.store.file_marks import not_a_file
from companion.system.atomic import real_target, remove_stale_temps, temp_files, write_atomic
from companion.system.locking import InterProcessLock, LockTimeout
from companion.system.paths import ensure_dir
from companion.system.plain_file import read_plain

Identity = tuple[int, int, int, int]


def file_identity(path: Path) -> Identity | None:
    """What tells us another process replaced the file.

    Every write is a rename of a new file, so the inode changes on each foreign write:
    while our file exists its inode cannot be handed to the other writer's temp file.
    Size and times catch the rest.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class SafeStorage:
    """TinyDB's storage of one file (read, write, close: TinyDB needs no more, so it
    does not derive from tinydb's Storage, and opening a store imports no TinyDB)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        codec: Codec | None = None,
        lock_timeout: float = 15.0,
        lock: InterProcessLock | None = None,
    ) -> None:
        self.path = Path(path)
        self.codec = codec or default_codec()
        ensure_dir(self.path.parent)
        # Several files of one store (the journal's parts) share one lock: a write that
        # spans them holds it once. Taken before the thread lock below, never after.
        self.lock = lock or InterProcessLock(Path(str(self.path) + ".lock"), lock_timeout)
        self._thread_lock = threading.RLock()
        self._cache: Tables | None = None
        self._identity: Identity | None = None

    # -- locking ---------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the inter-process lock; reads inside see the latest file."""
        try:
            with self.lock.held():
                yield
        except LockTimeout as error:
            raise StoreBusy(self.path, "another process holds the lock") from error

    def clean_stale_temp_files(self) -> list[Path]:
        """Remove temp files a killed writer left (beside the file a link points to, if
        the store is a link). Returns what was removed."""
        real = real_target(self.path)

        def ours(name: str) -> bool:
            return name == real.name

        with self.transaction():
            found = list(temp_files(real.parent, ours))
            left = remove_stale_temps(real.parent, ours)
        return [path for path in found if path not in left and not path.exists()]

    # -- Storage interface -----------------------------------------------------
    def read(self) -> Tables | None:
        with self._thread_lock:
            identity = file_identity(self.path)
            if identity is None:
                self._cache, self._identity = None, None
                return None
            if self._cache is None or identity != self._identity:
                self._cache = self._load()
                self._identity = identity
            return self._cache

    def write(self, data: Tables) -> None:
        outer = not self.lock.owned()
        with self.transaction(), self._thread_lock:
            if outer and file_identity(self.path) != self._identity:
                self._cache, self._identity = None, None
                raise ConcurrentWrite(self.path, "the file changed since it was read")
            try:
                payload = self.codec.encode(data)
                write_atomic(self.path, payload)
            except OSError as error:
                # The caller's dict may be half-updated: forget it, reload from disk.
                self._cache, self._identity = None, None
                raise StoreWriteError(self.path, error) from error
            except (TypeError, ValueError) as error:
                # Not storable (a lone surrogate, an integer past 64 bits): nothing was
                # written, and the half-added records leave memory too.
                self._cache, self._identity = None, None
                raise StoreNotStorable(self.path, str(error)) from error
            self._cache = data
            self._identity = file_identity(self.path)

    def close(self) -> None:
        self._cache = None

    def snapshot(self) -> tuple[Tables, Identity | None]:
        """The tables and the identity of the file they were read from, taken together:
        a write from another thread cannot fall between them (a cache keyed on the
        identity then never holds older tables than its key says)."""
        with self._thread_lock:
            return self.read() or {}, self._identity

    @property
    def identity(self) -> Identity | None:
        """The identity of the file as last read or written here: a cache built on what
        ``read()`` returned is still good while this stays the same."""
        return self._identity

    # -- helpers ---------------------------------------------------------------
    def _load(self) -> Tables:
        try:
            raw = read_plain(self.path)
        except FileNotFoundError:
            return {}
        except OSError as error:
            wrong = not_a_file(self.path)
            if wrong is not None:  # a pipe or a folder put there since it was opened
                raise StoreNotAFile(self.path, *wrong) from error
            raise StoreUnreadable(self.path, error.strerror or str(error)) from error
        try:
            return self.codec.decode(raw)
        except WrongPassphrase as error:
            raise StoreWrongPassphrase(self.path, str(error)) from error
        except EnvelopeTooNew as error:
            raise StoreTooNew(self.path, error.found, error.known) from error
        except CodecError as error:
            raise StoreCorrupt(self.path, str(error)) from error

    def forget(self) -> None:
        """Drop what was read (it is read again when next asked for): memory."""
        with self._thread_lock:
            self._cache, self._identity = None, None

    def set_codec(self, codec: Codec) -> None:
        """Read and write with another codec from now on; forget what was read (locking
        the journal must not leave its text in memory)."""
        with self._thread_lock:
            self.codec = codec
            self._cache, self._identity = None, None

    def replace_bytes(self, raw: bytes) -> None:
        """Install a whole file (a restored backup), after checking it decodes."""
        try:
            self.codec.decode(raw)
        except CodecError as error:
            raise StoreCorrupt(self.path, str(error)) from error
        with self.transaction(), self._thread_lock:
            try:
                write_atomic(self.path, raw)
            except OSError as error:
                raise StoreWriteError(self.path, error) from error
            self._cache, self._identity = None, None
