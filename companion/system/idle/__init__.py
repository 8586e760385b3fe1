"""The desktop's idle time and lock state, where the desktop can tell.

    source = find_source()            # None: no desktop answers here (SSH, a console)
    reading = source.read()           # in a worker thread; about once every 10-60 s
    if reading is not None and reading.away(after_seconds=300): ...
    source.close()                    # at exit

Readers: X11 (MIT-SCREEN-SAVER via libXss), GNOME (Mutter's IdleMonitor on D-Bus), KDE
and others (org.freedesktop.ScreenSaver), macOS (IOKit's HIDIdleTime), Windows
(GetLastInputInfo). ``plan`` picks them from the environment; nothing is loaded or
opened until the first reading. A reading never raises and never blocks much longer
than a second. ``check()`` is doctor's look: which source, what it reads now, and why
the readers that did not answer did not.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from .base import (
    Attempt,
    DesktopIdle,
    IdleReading,
    IdleSource,
    IdleStatus,
    Reason,
    Unavailable,
)
from .plan import Plan, plan

__all__ = [
    "Attempt",
    "DesktopIdle",
    "IdleReading",
    "IdleSource",
    "IdleStatus",
    "Plan",
    "Reason",
    "Unavailable",
    "build",
    "check",
    "find_source",
    "plan",
]


def build(chosen: Plan) -> DesktopIdle:
    """The source a plan describes (``chosen.desktop`` must not be empty)."""
    if chosen.desktop == "macos":
        from . import macos

        return DesktopIdle("macos", [macos.HIDIdle()], [macos.SessionLock()])
    if chosen.desktop == "windows":
        from . import windows

        return DesktopIdle("windows", [windows.LastInput()], [windows.InputDesktop()])
    from . import dbus, x11

    bus = dbus.SessionBus(chosen.bus)
    idle = [
        x11.X11Idle(chosen.display) if name == x11.NAME else dbus.DBusIdle(name, bus)
        for name in chosen.idle
    ]
    lock = [dbus.DBusLock(name, bus) for name in chosen.lock]
    return DesktopIdle(chosen.desktop, idle, lock, where=chosen.display, resources=[bus.close])


def find_source(
    env: Mapping[str, str] | None = None, platform: str | None = None
) -> DesktopIdle | None:
    """The idle source for this desktop, or None where there is none to ask (an SSH
    session, a text console): then companion keeps its own idle rule."""
    chosen = plan(os.environ if env is None else env, platform or sys.platform)
    return build(chosen) if chosen.desktop else None


def check(env: Mapping[str, str] | None = None, platform: str | None = None) -> IdleStatus:
    """For doctor: find the source, read it once, close it, and say what happened."""
    chosen = plan(os.environ if env is None else env, platform or sys.platform)
    if not chosen.desktop:
        return IdleStatus("", None, reason=chosen.reason, detail=chosen.detail)
    with build(chosen) as source:
        return source.describe()
