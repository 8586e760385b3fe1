"""Windows: idle time from ``GetLastInputInfo`` and the lock state from whether the
input desktop can be opened, through ctypes. Nothing is loaded until the first reading.

Both ``LASTINPUTINFO.dwTime`` and ``GetTickCount`` are 32-bit millisecond counters that
wrap after 49.7 days; their difference is taken modulo 2**32, so it stays right across
the wrap (GetTickCount64 would not: dwTime itself wraps).

Windows has no call that says "locked". While the lock screen (or the secure desktop of
Ctrl+Alt+Del or an elevation prompt) has the input, the user's process cannot open the
input desktop: that is read as locked, which is right for "away from the work" either way.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from ctypes import c_int, c_uint32, c_void_p
from typing import Any

from .base import Once, Reason, Signatures, Unavailable, load_declared

DESKTOP_SWITCHDESKTOP = 0x0100
WRAP = 2**32


class LASTINPUTINFO(ctypes.Structure):
    _fields_ = [("cbSize", c_uint32), ("dwTime", c_uint32)]  # UINT, DWORD


# library -> name -> (argtypes, restype). BOOL is int; HDESK is a handle (a pointer).
FUNCTIONS: dict[str, Signatures] = {
    "user32": {
        "GetLastInputInfo": ([ctypes.POINTER(LASTINPUTINFO)], c_int),
        "OpenInputDesktop": ([c_uint32, c_int, c_uint32], c_void_p),
        "CloseDesktop": ([c_void_p], c_int),
    },
    "kernel32": {
        "GetTickCount": ([], c_uint32),
    },
}


def idle_milliseconds(now_ticks: int, last_input_ticks: int) -> int:
    """Milliseconds between two 32-bit tick counts, right across the counter's wrap."""
    return (now_ticks - last_input_ticks) % WRAP


def _load(name: str) -> Any:
    return ctypes.WinDLL(name, use_last_error=True)  # type: ignore[attr-defined]


class User32:
    """user32 and kernel32, declared."""

    def __init__(self, load: Callable[[str], Any] = _load) -> None:
        libraries = load_declared(load, FUNCTIONS)
        self.user32 = libraries["user32"]
        self.kernel32 = libraries["kernel32"]


# The process's user32/kernel32, loaded at the first reading; raises Unavailable.
libraries = Once(User32)


class _User32Reader:
    def __init__(self, get: Callable[[], User32] | None = None) -> None:
        self._get = get  # None: the process's libraries

    def _libraries(self) -> User32:
        return (self._get or libraries)()

    def close(self) -> None:
        """Nothing is held between readings."""


class LastInput(_User32Reader):
    """Reader: milliseconds since the last input in this session."""

    name = "win32"

    def read(self, timeout: float) -> float:
        lib = self._libraries()
        info = LASTINPUTINFO(ctypes.sizeof(LASTINPUTINFO), 0)
        if not lib.user32.GetLastInputInfo(ctypes.byref(info)):
            error = getattr(ctypes, "get_last_error", lambda: 0)()  # Windows only
            raise Unavailable(Reason.FAILED, f"GetLastInputInfo failed: error {error}")
        return idle_milliseconds(lib.kernel32.GetTickCount(), info.dwTime) / 1000.0


class InputDesktop(_User32Reader):
    """Reader: locked when the input desktop is not the user's (see the module's note)."""

    name = "input_desktop"

    def read(self, timeout: float) -> bool:
        lib = self._libraries()
        desktop = lib.user32.OpenInputDesktop(0, False, DESKTOP_SWITCHDESKTOP)
        if not desktop:
            return True
        lib.user32.CloseDesktop(desktop)
        return False
