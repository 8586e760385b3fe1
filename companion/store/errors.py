"""What can go wrong with a data file, as data: the UI and CLI turn these into words."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base for every storage problem; carries the file it concerns."""

    def __init__(self, path: Path, detail: str = "") -> None:
        super().__init__(f"{path}: {detail}" if detail else str(path))
        self.path = Path(path)
        self.detail = detail


class StoreCorrupt(StoreError):
    """The file exists but cannot be parsed (or authenticated) as a companion store."""


class StoreTooNew(StoreError):
    """The file was written by a newer companion; we refuse to touch it."""

    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(path, f"schema {found} is newer than {known}")
        self.found = found
        self.known = known


class StoreUnreadable(StoreError):
    """The operating system would not let us read the file (permissions, I/O)."""


class StoreNotAFile(StoreError):
    """Where the data file should be stands a folder, something else that is not a file,
    or a link to a place that is not there (a drive not connected). Nothing is read,
    written or moved until that changes."""

    def __init__(self, path: Path, what: str, target: Path | None = None) -> None:
        super().__init__(path, what)
        self.what = what  # "folder" | "missing_link" | "other"
        self.target = target


class StoreWrongPassphrase(StoreError):
    """The passphrase does not open the file. Its bytes are left exactly as they are."""


class StoreWriteError(StoreError):
    """A write failed (disk full, I/O error). The previous file is intact."""

    def __init__(self, path: Path, error: OSError) -> None:
        super().__init__(path, error.strerror or str(error))
        self.errno = error.errno


class StoreNotStorable(StoreError):
    """What was to be written cannot be kept (text that is not valid Unicode, a number
    past 64 bits). Nothing was written; the file and what is read from it are as before."""


class StoreBusy(StoreError):
    """Another process held the lock for too long."""


class StoreUnavailable(StoreError):
    """The store could not be opened this session (see the problem reported at open).
    ``problem`` is what was found (an OpenProblem), when there is one to tell."""

    def __init__(self, path: Path, detail: str = "", problem: object = None) -> None:
        super().__init__(path, detail)
        self.problem = problem


class ConcurrentWrite(StoreError):
    """A write outside a transaction would overwrite another process's newer file."""
