"""macOS: idle time from IOKit (the HID system's ``HIDIdleTime``, in nanoseconds) and the
lock state from the window server's session dictionary (``CGSSessionScreenIsLocked``,
and ``kCGSessionOnConsoleKey``: false while another user has the screen), through
ctypes. Nothing is loaded until the first reading; every Core Foundation object a
reading creates is released before it returns.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from ctypes import c_char_p, c_int, c_int64, c_long, c_ubyte, c_uint32, c_ulong, c_void_p
from typing import Any

from .base import Once, Reason, Signatures, Unavailable, load_declared

FRAMEWORKS = {
    "IOKit": "/System/Library/Frameworks/IOKit.framework/IOKit",
    "CoreFoundation": "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation",
    "CoreGraphics": "/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics",
}
K_CF_STRING_ENCODING_UTF8 = 0x08000100
K_CF_NUMBER_SINT64_TYPE = 4
MAIN_PORT_DEFAULT = 0  # kIOMainPortDefault / kIOMasterPortDefault is MACH_PORT_NULL
IDLE_KEY = "HIDIdleTime"
LOCKED_KEY = "CGSSessionScreenIsLocked"
ON_CONSOLE_KEY = "kCGSessionOnConsoleKey"

# framework -> name -> (argtypes, restype). io_object_t and mach_port_t are 32-bit;
# every Core Foundation reference is a pointer (c_void_p, never ctypes' default int).
FUNCTIONS: dict[str, Signatures] = {
    "IOKit": {
        "IOServiceMatching": ([c_char_p], c_void_p),
        "IOServiceGetMatchingService": ([c_uint32, c_void_p], c_uint32),
        "IORegistryEntryCreateCFProperty": ([c_uint32, c_void_p, c_void_p, c_uint32], c_void_p),
        "IOObjectRelease": ([c_uint32], c_int),
    },
    "CoreFoundation": {
        "CFStringCreateWithCString": ([c_void_p, c_char_p, c_uint32], c_void_p),
        "CFGetTypeID": ([c_void_p], c_ulong),
        "CFNumberGetTypeID": ([], c_ulong),
        "CFBooleanGetTypeID": ([], c_ulong),
        "CFNumberGetValue": ([c_void_p, c_long, c_void_p], c_ubyte),
        "CFBooleanGetValue": ([c_void_p], c_ubyte),
        "CFDictionaryGetValue": ([c_void_p, c_void_p], c_void_p),
        "CFRelease": ([c_void_p], None),
    },
    "CoreGraphics": {
        "CGSessionCopyCurrentDictionary": ([], c_void_p),
    },
}


def _load(name: str) -> Any:
    return ctypes.CDLL(FRAMEWORKS[name])


class Frameworks:
    """IOKit, Core Foundation and Core Graphics, declared, with the keys readings use."""

    def __init__(self, load: Callable[[str], Any] = _load) -> None:
        libraries = load_declared(load, FUNCTIONS)
        self.iokit = libraries["IOKit"]
        self.cf = libraries["CoreFoundation"]
        self.cg = libraries["CoreGraphics"]
        self._number_type = self.cf.CFNumberGetTypeID()
        self._boolean_type = self.cf.CFBooleanGetTypeID()
        # Kept for the life of this object (a few bytes); never released.
        self.keys = {
            key: self.cf.CFStringCreateWithCString(None, key.encode(), K_CF_STRING_ENCODING_UTF8)
            for key in (IDLE_KEY, LOCKED_KEY, ON_CONSOLE_KEY)
        }
        if not all(self.keys.values()):
            raise Unavailable(Reason.FAILED, "CFStringCreateWithCString failed", permanent=True)

    def integer(self, ref: int | None) -> int | None:
        """A CFNumber's value, or None if ``ref`` is not a number."""
        if not ref or self.cf.CFGetTypeID(ref) != self._number_type:
            return None
        value = c_int64()
        if not self.cf.CFNumberGetValue(ref, K_CF_NUMBER_SINT64_TYPE, ctypes.byref(value)):
            return None
        return value.value

    def flag(self, ref: int | None) -> bool | None:
        """A CFBoolean's (or a CFNumber's) truth, or None if there is no such value."""
        if ref and self.cf.CFGetTypeID(ref) == self._boolean_type:
            return bool(self.cf.CFBooleanGetValue(ref))
        number = self.integer(ref)
        return None if number is None else number != 0


# The process's frameworks, loaded at the first reading; raises Unavailable (permanent).
frameworks = Once(Frameworks)


class HIDIdle:
    """Reader: nanoseconds since the last input, from the IOHIDSystem service. The
    service is looked up once and kept until ``close``."""

    name = "iokit"

    def __init__(self, get: Callable[[], Frameworks] | None = None) -> None:
        self._get = get  # None: the process's frameworks
        self._fw: Frameworks | None = None
        self._service = 0

    def read(self, timeout: float) -> float:
        fw = self._fw = self._fw or (self._get or frameworks)()
        if not self._service:
            matching = fw.iokit.IOServiceMatching(b"IOHIDSystem")
            if not matching:
                raise Unavailable(Reason.FAILED, "IOServiceMatching(IOHIDSystem) failed")
            # IOServiceGetMatchingService consumes the matching dictionary.
            self._service = fw.iokit.IOServiceGetMatchingService(MAIN_PORT_DEFAULT, matching)
            if not self._service:
                raise Unavailable(Reason.NO_SERVICE, "no IOHIDSystem service")
        value = fw.iokit.IORegistryEntryCreateCFProperty(self._service, fw.keys[IDLE_KEY], None, 0)
        if not value:
            self.close()
            raise Unavailable(Reason.FAILED, f"IOHIDSystem has no {IDLE_KEY}")
        try:
            nanoseconds = fw.integer(value)
        finally:
            fw.cf.CFRelease(value)
        if nanoseconds is None or nanoseconds < 0:
            raise Unavailable(Reason.UNSUPPORTED, f"{IDLE_KEY} is not a count", permanent=True)
        return nanoseconds / 1e9

    def close(self) -> None:
        service, self._service = self._service, 0
        if service and self._fw is not None:
            self._fw.iokit.IOObjectRelease(service)


class SessionLock:
    """Reader: the screen is locked, or this user's session is not the one on screen."""

    name = "cgsession"

    def __init__(self, get: Callable[[], Frameworks] | None = None) -> None:
        self._get = get  # None: the process's frameworks
        self._fw: Frameworks | None = None

    def read(self, timeout: float) -> bool:
        fw = self._fw = self._fw or (self._get or frameworks)()
        session = fw.cg.CGSessionCopyCurrentDictionary()
        if not session:
            raise Unavailable(Reason.NO_SESSION, "not in a window server session")
        try:
            locked = fw.flag(fw.cf.CFDictionaryGetValue(session, fw.keys[LOCKED_KEY]))
            on_console = fw.flag(fw.cf.CFDictionaryGetValue(session, fw.keys[ON_CONSOLE_KEY]))
        finally:
            fw.cf.CFRelease(session)
        return bool(locked) or on_console is False

    def close(self) -> None:
        """Nothing is held between readings."""
