"""What a reading is, why a reader could not give one, and the source that asks its
readers in turn within a time budget.

A *reader* knows one way to learn one thing: the idle time (seconds since the last
keyboard or pointer input on the desktop) or whether the screen is locked. A *source*
holds the readers that fit the desktop companion runs on, in the order worth trying,
and turns them into one ``IdleReading``. Readers raise ``Unavailable`` with a reason
code; the source never lets anything escape to its caller.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar

# How long one reading may take at most, all readers together, and one call at most.
READ_BUDGET = 1.0
CALL_TIMEOUT = 0.5


Signatures = Mapping[str, tuple[list[Any], Any]]  # C function -> (argtypes, restype)


def declare(library: Any, functions: Signatures) -> None:
    """Give a ctypes library's functions their C signatures."""
    for name, (argtypes, restype) in functions.items():
        function = getattr(library, name)
        function.argtypes = argtypes
        function.restype = restype


def load_declared(
    load: Callable[[str], Any], libraries: Mapping[str, Signatures]
) -> dict[str, Any]:
    """Each library loaded with ``load(name)``, its functions declared."""
    loaded = {name: load(name) for name in libraries}
    for name, functions in libraries.items():
        declare(loaded[name], functions)
    return loaded


class Reason(StrEnum):
    """Why a reader gave nothing, or why there is no source at all. These are codes:
    doctor's words for them live in the content files (idle.reason_<code>)."""

    NO_LIBRARY = "no_library"  # a system library or Python package is missing
    OLD_LIBRARY = "old_library"  # present, but too old to be used safely
    NO_DISPLAY = "no_display"  # the X display could not be opened
    NO_EXTENSION = "no_extension"  # the X server has no MIT-SCREEN-SAVER extension
    NO_BUS = "no_bus"  # no D-Bus session bus to talk to
    NO_SERVICE = "no_service"  # nobody owns the D-Bus name (that desktop is not running)
    NO_SESSION = "no_session"  # not in the graphical session (macOS: no window server)
    UNSUPPORTED = "unsupported"  # the service is there but does not answer this question
    DENIED = "denied"
    TIMEOUT = "timeout"
    LOST = "lost"  # the connection broke; the next reading reconnects
    FAILED = "failed"
    SKIPPED = "skipped"  # the reading's time budget ran out before this reader's turn
    # Why no source is chosen at all: companion keeps its own idle rule.
    REMOTE = "remote"  # an SSH session: the desk in front of the user is elsewhere
    NO_DESKTOP = "no_desktop"  # a text console, or no display this process can see
    UNSUPPORTED_PLATFORM = "unsupported_platform"


class Unavailable(Exception):
    """A reader cannot answer now. ``permanent``: asking again is pointless while this
    source lives (a missing library, a service that does not know the method)."""

    def __init__(self, reason: Reason, detail: str = "", *, permanent: bool = False) -> None:
        super().__init__(f"{reason}: {detail}" if detail else str(reason))
        self.reason = reason
        self.detail = detail
        self.permanent = permanent


L = TypeVar("L")


class Once(Generic[L]):
    """A process-wide object built on first use (a loaded library), or the permanent
    Unavailable its building raised, remembered so the load is not tried again."""

    def __init__(self, build: Callable[[], L]) -> None:
        self._build = build
        self._value: L | None = None
        self._error: Unavailable | None = None
        self._mutex = threading.Lock()

    def __call__(self) -> L:
        with self._mutex:
            if self._value is None and self._error is None:
                try:
                    self._value = self._build()
                except Unavailable as error:
                    self._error = error
                except (OSError, AttributeError) as error:  # a library or symbol missing
                    self._error = Unavailable(Reason.NO_LIBRARY, str(error), permanent=True)
            if self._value is None:
                assert self._error is not None
                raise self._error
            return self._value


T_co = TypeVar("T_co", covariant=True)
V = TypeVar("V")


class Reader(Protocol[T_co]):
    """One way to learn one thing. ``read`` may block for at most ``timeout`` seconds
    (local calls that cannot block for long may ignore it) and raises Unavailable."""

    name: str

    def read(self, timeout: float) -> T_co: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class IdleReading:
    """What the desktop says now. ``None`` fields: this desktop cannot tell."""

    idle_seconds: float | None  # since the last keyboard or pointer input
    locked: bool | None  # the screen is locked (or the session is not on the screen)
    source: str = ""  # the reader that gave idle_seconds ("x11", "mutter", ...)
    lock_source: str = ""  # the reader that gave locked ("gnome", "freedesktop", ...)

    def away(self, after_seconds: float) -> bool:
        """The person is away: the screen is locked, or nothing was touched for
        ``after_seconds``. False when the desktop cannot tell."""
        if self.locked:
            return True
        return self.idle_seconds is not None and self.idle_seconds >= after_seconds


@dataclass(frozen=True)
class Attempt:
    """One reader asked during a reading, and what came of it (for doctor)."""

    role: str  # "idle" | "lock"
    reader: str
    reason: str = ""  # "" when it answered, else a Reason
    detail: str = ""  # technical detail: an error name or a library's message

    @property
    def answered(self) -> bool:
        return not self.reason


@dataclass(frozen=True)
class IdleStatus:
    """Everything doctor shows: the desktop found, what was read now and from whom,
    and why each reader that did not answer did not."""

    desktop: str  # "x11", "wayland", "macos", "windows", or "" when none
    reading: IdleReading | None
    attempts: tuple[Attempt, ...] = ()
    reason: str = ""  # a Reason when there is no source at all
    detail: str = ""  # the X display; or, with no source, what in the environment said so


class IdleSource(Protocol):
    """Where idle time and the lock state come from on this desktop."""

    @property
    def desktop(self) -> str: ...

    def read(self) -> IdleReading | None: ...

    def describe(self) -> IdleStatus: ...

    def close(self) -> None: ...


class DesktopIdle:
    """An IdleSource made of readers: the first idle reader that answers gives the idle
    time, the first lock reader that answers gives the lock state.

    A reading never takes much longer than ``budget`` seconds: each call gets at most
    ``call_timeout`` and what is left of the budget; readers whose turn comes after the
    budget ran out are skipped. A reader that is permanently unavailable is not asked
    again. Thread-safe: readings, ``describe`` and ``close`` are serialised, so a worker
    thread can read while the app closes the source at exit.
    """

    def __init__(
        self,
        desktop: str,
        idle_readers: Sequence[Reader[float]],
        lock_readers: Sequence[Reader[bool]] = (),
        *,
        budget: float = READ_BUDGET,
        call_timeout: float = CALL_TIMEOUT,
        monotonic: Callable[[], float] = time.monotonic,
        where: str = "",
        resources: Sequence[Callable[[], None]] = (),
    ) -> None:
        self._desktop = desktop
        self._where = where
        self._idle = tuple(idle_readers)
        self._lock_readers = tuple(lock_readers)
        self._budget = budget
        self._call_timeout = call_timeout
        self._monotonic = monotonic
        self._resources = tuple(resources)  # closed after the readers (a shared bus)
        self._gone: dict[int, Attempt] = {}  # id(reader) -> why it will not be asked again
        self._closed = False
        self._mutex = threading.Lock()

    @property
    def desktop(self) -> str:
        return self._desktop

    @property
    def readers(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The names of the idle readers and of the lock readers, in the order asked."""
        return tuple(r.name for r in self._idle), tuple(r.name for r in self._lock_readers)

    def read(self) -> IdleReading | None:
        """The desktop's idle time and lock state now, or None when no reader answered."""
        with self._mutex:
            reading, _ = self._read()
        return reading

    def describe(self) -> IdleStatus:
        """Read now, and say who answered and why the others did not."""
        with self._mutex:
            reading, attempts = self._read()
        return IdleStatus(self._desktop, reading, attempts, detail=self._where)

    def close(self) -> None:
        """Release displays and connections. Final: later readings give None, so a
        worker that reads while the app exits cannot open them again."""
        with self._mutex:
            self._closed = True
            closers = [r.close for r in (*self._idle, *self._lock_readers)]
            for closer in [*closers, *self._resources]:
                with contextlib.suppress(Exception):  # closing must not fail the caller
                    closer()

    def __enter__(self) -> DesktopIdle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read(self) -> tuple[IdleReading | None, tuple[Attempt, ...]]:
        if self._closed:
            return None, ()
        deadline = self._monotonic() + self._budget
        attempts: list[Attempt] = []
        source, idle = self._first("idle", self._idle, deadline, attempts)
        lock_source, locked = self._first("lock", self._lock_readers, deadline, attempts)
        if idle is None and locked is None:
            return None, tuple(attempts)
        return IdleReading(idle, locked, source, lock_source), tuple(attempts)

    def _first(
        self,
        role: str,
        readers: Sequence[Reader[V]],
        deadline: float,
        attempts: list[Attempt],
    ) -> tuple[str, V | None]:
        for reader in readers:
            gone = self._gone.get(id(reader))
            if gone is not None:
                attempts.append(gone)
                continue
            left = deadline - self._monotonic()
            if left <= 0:
                attempts.append(Attempt(role, reader.name, Reason.SKIPPED))
                continue
            try:
                value = reader.read(min(self._call_timeout, left))
            except Unavailable as error:
                attempt = Attempt(role, reader.name, error.reason, error.detail)
                if error.permanent:
                    self._gone[id(reader)] = attempt
                attempts.append(attempt)
                continue
            except Exception as error:  # a library surprise must not reach the app
                attempts.append(
                    Attempt(role, reader.name, Reason.FAILED, f"{type(error).__name__}: {error}")
                )
                continue
            attempts.append(Attempt(role, reader.name))
            return reader.name, value
        return "", None
