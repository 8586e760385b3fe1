"""Idle time from an X server's MIT-SCREEN-SAVER extension (libXss), through ctypes.

Xlib's defaults are dangerous in a long-running TUI: when the connection to the X server
breaks, the display's "IO error exit handler" calls exit(), and every error is printed
on stderr, over the screen. So before the first display is opened this module installs
quiet process-wide error handlers, and gives each display it opens an exit handler
(XSetIOErrorExitHandler, libX11 1.7 or newer) that only notes the loss; an older libX11
is refused rather than risked. Nothing is loaded until the first reading.

The display stays open between readings (one round trip per reading). After the
server went away it is closed, and the next reading opens it again.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from ctypes import c_char_p, c_int, c_ulong, c_void_p
from typing import Any

from .base import Once, Reason, Signatures, Unavailable, declare

NAME = "x11"

# Sonames first: ctypes.util.find_library runs ldconfig or a compiler to search.
_LIBRARIES = {"X11": ("libX11.so.6",), "Xss": ("libXss.so.1",)}


class ScreenSaverInfo(ctypes.Structure):
    """XScreenSaverInfo from <X11/extensions/scrnsaver.h>."""

    _fields_ = [
        ("window", c_ulong),  # Window (an XID: unsigned long)
        ("state", c_int),
        ("kind", c_int),
        ("til_or_since", c_ulong),
        ("idle", c_ulong),  # milliseconds since the last input
        ("event_mask", c_ulong),
    ]


IOErrorHandler = ctypes.CFUNCTYPE(c_int, c_void_p)  # int (*)(Display *)
ErrorHandler = ctypes.CFUNCTYPE(c_int, c_void_p, c_void_p)  # int (*)(Display *, XErrorEvent *)
IOErrorExitHandler = ctypes.CFUNCTYPE(None, c_void_p, c_void_p)  # void (*)(Display *, void *)

# name: (argtypes, restype); a pointer's restype is c_void_p, never ctypes' default int.
X11_FUNCTIONS: Signatures = {
    "XOpenDisplay": ([c_char_p], c_void_p),
    "XCloseDisplay": ([c_void_p], c_int),
    "XDefaultRootWindow": ([c_void_p], c_ulong),
    "XSetErrorHandler": ([ErrorHandler], c_void_p),
    "XSetIOErrorHandler": ([IOErrorHandler], c_void_p),
    "XSetIOErrorExitHandler": ([c_void_p, IOErrorExitHandler, c_void_p], None),
}
XSS_FUNCTIONS: Signatures = {
    "XScreenSaverQueryExtension": ([c_void_p, ctypes.POINTER(c_int), ctypes.POINTER(c_int)], c_int),
    "XScreenSaverQueryInfo": ([c_void_p, c_ulong, ctypes.POINTER(ScreenSaverInfo)], c_int),
}


def _open_library(name: str) -> ctypes.CDLL:
    errors = []
    for soname in _LIBRARIES[name]:
        try:
            return ctypes.CDLL(soname)
        except OSError as error:
            errors.append(str(error))
    from ctypes.util import find_library  # it runs ldconfig or a compiler: only if needed

    found = find_library(name)
    if found:
        try:
            return ctypes.CDLL(found)
        except OSError as error:
            errors.append(str(error))
    raise Unavailable(Reason.NO_LIBRARY, "; ".join(errors), permanent=True)


class Xlib:
    """libX11 and libXss, declared, with the process's quiet error handlers installed.
    One per process (the handlers are process-wide): get it from ``xlib()``."""

    def __init__(self, x11: Any, xss: Any) -> None:
        if not hasattr(x11, "XSetIOErrorExitHandler"):
            raise Unavailable(
                Reason.OLD_LIBRARY,
                "libX11 older than 1.7 would end the process if the X server went away",
                permanent=True,
            )
        declare(x11, X11_FUNCTIONS)
        declare(xss, XSS_FUNCTIONS)
        self.x11 = x11
        self.xss = xss
        self.lost: set[int] = set()  # displays whose connection broke
        # The callbacks must outlive every display: this object is kept for the process.
        self._quiet_io_error = IOErrorHandler(lambda display: 0)
        self._quiet_error = ErrorHandler(lambda display, event: 0)
        self.on_connection_lost = IOErrorExitHandler(self._note_lost)
        x11.XSetIOErrorHandler(self._quiet_io_error)
        x11.XSetErrorHandler(self._quiet_error)

    def _note_lost(self, display: int | None, data: int | None) -> None:
        if display:
            self.lost.add(display)


def load_xlib() -> Xlib:
    return Xlib(_open_library("X11"), _open_library("Xss"))


# The process's Xlib, loaded at the first reading; raises Unavailable (permanent).
xlib = Once(load_xlib)


class X11Idle:
    """Reader: milliseconds since the last input, from XScreenSaverQueryInfo."""

    name = NAME

    def __init__(self, display: str, library: Callable[[], Xlib] | None = None) -> None:
        self._name = display
        self._library = library  # None: the process's Xlib
        self._lib: Xlib | None = None
        self._display: int | None = None
        self._root = 0

    def read(self, timeout: float) -> float:
        """Seconds since the last input. A local X server answers at once, so timeout
        is not used (X11 over the network is never chosen)."""
        lib = self._lib = self._lib or (self._library or xlib)()
        if self._display is None:
            self._open(lib)
        info = ScreenSaverInfo()
        ok = lib.xss.XScreenSaverQueryInfo(self._display, self._root, ctypes.byref(info))
        lost = self._display in lib.lost
        if lost or not ok:
            self.close()
            what = "the X server went away" if lost else "XScreenSaverQueryInfo failed"
            raise Unavailable(Reason.LOST if lost else Reason.FAILED, f"{what} ({self._name})")
        return info.idle / 1000.0

    def _open(self, lib: Xlib) -> None:
        try:
            name = self._name.encode()
        except UnicodeError as error:
            raise Unavailable(Reason.NO_DISPLAY, str(error), permanent=True) from error
        display = lib.x11.XOpenDisplay(name)
        if not display:
            raise Unavailable(Reason.NO_DISPLAY, f"cannot open display {self._name}")
        lib.x11.XSetIOErrorExitHandler(display, lib.on_connection_lost, None)
        event_base, error_base = c_int(), c_int()
        if not lib.xss.XScreenSaverQueryExtension(
            display, ctypes.byref(event_base), ctypes.byref(error_base)
        ):
            lib.x11.XCloseDisplay(display)
            raise Unavailable(
                Reason.NO_EXTENSION,
                f"{self._name} has no MIT-SCREEN-SAVER extension",
                permanent=True,
            )
        self._root = lib.x11.XDefaultRootWindow(display)
        self._display = display

    def close(self) -> None:
        display, self._display = self._display, None
        if display and self._lib is not None:
            self._lib.lost.discard(display)  # before the address can be reused
            self._lib.x11.XCloseDisplay(display)
