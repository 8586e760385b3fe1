"""Idle time and the lock state from the desktop's services on the D-Bus session bus,
through jeepney (pure Python, no C library, imported only when first needed).

- GNOME (X11 and Wayland): ``org.gnome.Mutter.IdleMonitor.GetIdletime`` (uint64 ms),
  and ``org.gnome.ScreenSaver.GetActive`` for the lock.
- KDE and others: ``org.freedesktop.ScreenSaver``: ``GetSessionIdleTime`` (uint32; KDE,
  the main implementation, counts milliseconds, and answers NotSupported on Wayland)
  and ``GetActive``, at /org/freedesktop/ScreenSaver or, in older KDE, /ScreenSaver.
- Xfce, MATE and Cinnamon lockers: their own ``*.ScreenSaver.GetActive``.

Every call is sent with NO_AUTO_START, so asking never starts a program, and with a
timeout: a service that hangs costs one timeout, and its late reply is dropped (replies
are matched by serial). The connection is opened at the first call, kept between
readings, and opened again after it broke. One caveat of jeepney: connecting has a
time limit, but the bus's own Hello right after it does not; it hangs only if the bus
daemon itself does, when the whole desktop is stuck.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .base import Reason, Unavailable

# The D-Bus errors a reader can meet, and what they mean here.
_ERRORS = {
    "org.freedesktop.DBus.Error.ServiceUnknown": Reason.NO_SERVICE,
    "org.freedesktop.DBus.Error.NameHasNoOwner": Reason.NO_SERVICE,
    "org.freedesktop.DBus.Error.UnknownMethod": Reason.UNSUPPORTED,
    "org.freedesktop.DBus.Error.UnknownObject": Reason.UNSUPPORTED,
    "org.freedesktop.DBus.Error.UnknownInterface": Reason.UNSUPPORTED,
    "org.freedesktop.DBus.Error.NotSupported": Reason.UNSUPPORTED,
    "org.freedesktop.DBus.Error.AccessDenied": Reason.DENIED,
    "org.freedesktop.DBus.Error.NoReply": Reason.TIMEOUT,
    "org.freedesktop.DBus.Error.Timeout": Reason.TIMEOUT,
}


@dataclass(frozen=True)
class Method:
    service: str  # the bus name
    paths: tuple[str, ...]  # object paths to try, in order
    interface: str
    member: str
    signature: str  # what the reply must carry


def _get_active(service: str, *paths: str) -> Method:
    return Method(service, paths, service, "GetActive", "b")


FREEDESKTOP_PATHS = ("/org/freedesktop/ScreenSaver", "/ScreenSaver")
# reader name -> (method, seconds per unit of its answer)
IDLE_METHODS: dict[str, tuple[Method, float]] = {
    "mutter": (
        Method(
            "org.gnome.Mutter.IdleMonitor",
            ("/org/gnome/Mutter/IdleMonitor/Core",),
            "org.gnome.Mutter.IdleMonitor",
            "GetIdletime",
            "t",
        ),
        0.001,
    ),
    "freedesktop": (
        Method(
            "org.freedesktop.ScreenSaver",
            FREEDESKTOP_PATHS,
            "org.freedesktop.ScreenSaver",
            "GetSessionIdleTime",
            "u",
        ),
        0.001,
    ),
}
LOCK_METHODS: dict[str, Method] = {
    "gnome": _get_active("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
    "freedesktop": _get_active("org.freedesktop.ScreenSaver", *FREEDESKTOP_PATHS),
    "xfce": _get_active("org.xfce.ScreenSaver", "/org/xfce/ScreenSaver"),
    "mate": _get_active("org.mate.ScreenSaver", "/org/mate/ScreenSaver"),
    "cinnamon": _get_active("org.cinnamon.ScreenSaver", "/org/cinnamon/ScreenSaver"),
}

_SAFE = frozenset("-_/.*0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def session_bus_address(env: Any) -> str:
    """The session bus's address: DBUS_SESSION_BUS_ADDRESS, or, as libdbus and GDBus
    also do, the systemd user bus in XDG_RUNTIME_DIR. "" when there is neither."""
    address = env.get("DBUS_SESSION_BUS_ADDRESS", "")
    if address:
        return address
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if not runtime:
        return ""
    path = f"{runtime.rstrip('/')}/bus"
    escaped = "".join(c if c in _SAFE else "".join(f"%{b:02x}" for b in c.encode()) for c in path)
    return f"unix:path={escaped}"


def _jeepney() -> Any:
    try:
        import jeepney
        import jeepney.io.blocking
    except ImportError as error:
        raise Unavailable(Reason.NO_LIBRARY, f"jeepney: {error}", permanent=True) from error
    return jeepney


class SessionBus:
    """One connection to the session bus, shared by the readers of one source."""

    def __init__(self, address: str) -> None:
        self.address = address
        self._connection: Any = None

    def call(self, method: Method, path: str, timeout: float) -> tuple[Any, ...]:
        """The reply's body; raises Unavailable."""
        jeepney = _jeepney()
        connection = self._connect(jeepney, timeout)
        message = jeepney.new_method_call(
            jeepney.DBusAddress(path, bus_name=method.service, interface=method.interface),
            method.member,
        )
        message.header.flags |= jeepney.MessageFlag.no_auto_start
        try:
            reply = connection.send_and_get_reply(message, timeout=timeout)
        except TimeoutError as error:
            what = f"{method.service} did not answer {method.member} in {timeout:.2g} s"
            raise Unavailable(Reason.TIMEOUT, what) from error
        except Exception as error:  # a broken socket, or bytes jeepney cannot parse
            self.close()
            raise Unavailable(Reason.LOST, f"{type(error).__name__}: {error}") from error
        fields = reply.header.fields
        if reply.header.message_type is jeepney.MessageType.error:
            name = str(fields.get(jeepney.HeaderFields.error_name, ""))
            raise Unavailable(_ERRORS.get(name, Reason.FAILED), name)
        signature = fields.get(jeepney.HeaderFields.signature, "")
        if signature != method.signature:
            raise Unavailable(
                Reason.UNSUPPORTED,
                f"{method.member} answered {signature!r}, not {method.signature!r}",
                permanent=True,
            )
        return tuple(reply.body)

    def _connect(self, jeepney: Any, timeout: float) -> Any:
        if self._connection is not None:
            return self._connection
        if not self.address:
            raise Unavailable(Reason.NO_BUS, "no DBUS_SESSION_BUS_ADDRESS", permanent=True)
        try:
            self._connection = jeepney.io.blocking.open_dbus_connection(
                bus=self.address, auth_timeout=timeout
            )
        except TimeoutError as error:
            raise Unavailable(Reason.TIMEOUT, f"the session bus: {error}") from error
        except (RuntimeError, ValueError, KeyError) as error:
            # not a unix: address, a malformed one, or the bus refused who we are
            raise Unavailable(Reason.NO_BUS, f"{self.address}: {error}", permanent=True) from error
        except Exception as error:  # no socket there, or nobody listening on it
            raise Unavailable(Reason.NO_BUS, f"{type(error).__name__}: {error}") from error
        return self._connection

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()


class _Ask:
    """Asks one method, trying its paths in turn; remembers the path that answered."""

    def __init__(self, name: str, bus: SessionBus, method: Method) -> None:
        self.name = name
        self.method = method
        self._bus = bus
        self._paths = method.paths

    def ask(self, timeout: float) -> Any:
        last: Unavailable | None = None
        for path in self._paths:
            try:
                body = self._bus.call(self.method, path, timeout)
            except Unavailable as error:
                if error.reason is not Reason.UNSUPPORTED:
                    raise
                last = error
                continue
            self._paths = (path,)  # the one that answers
            return body[0]
        assert last is not None
        raise Unavailable(last.reason, last.detail, permanent=True)

    def close(self) -> None:
        """The bus is shared: its source closes it."""


class DBusIdle(_Ask):
    """Reader: idle time from a desktop service."""

    def __init__(self, name: str, bus: SessionBus) -> None:
        method, self._seconds_per_unit = IDLE_METHODS[name]
        super().__init__(name, bus, method)

    def read(self, timeout: float) -> float:
        return int(self.ask(timeout)) * self._seconds_per_unit


class DBusLock(_Ask):
    """Reader: whether a desktop's screensaver / locker is active."""

    def __init__(self, name: str, bus: SessionBus) -> None:
        super().__init__(name, bus, LOCK_METHODS[name])

    def read(self, timeout: float) -> bool:
        return bool(self.ask(timeout))
