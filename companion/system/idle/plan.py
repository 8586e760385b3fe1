"""Which readers fit the desktop this process runs on, from its environment alone.

Pure: no library is loaded and nothing is opened here. The rules:

- An SSH session (SSH_CONNECTION, SSH_CLIENT or SSH_TTY set) gets no source: the desk
  the user sits at is elsewhere, and the machine's own desktop idles or not regardless.
- macOS: IOKit for idle time, the window server's session for the lock.
- Windows: GetLastInputInfo for idle time, the input desktop for the lock.
- Wayland (WAYLAND_DISPLAY, or XDG_SESSION_TYPE=wayland): the desktop's D-Bus services
  only. XWayland's screensaver extension sees only input to X11 windows, so X11 is
  never asked there, even though DISPLAY is set.
- X11 (a local DISPLAY): the screensaver extension for idle time, then the D-Bus
  services; the lock from the D-Bus services. A DISPLAY on another host, such as SSH's
  forwarded "localhost:10.0", is X11 over the network, and another person's desk.
- Otherwise (a text console): no source.

On D-Bus the desktop named in XDG_CURRENT_DESKTOP is asked first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .base import Reason
from .dbus import session_bus_address

REMOTE_VARIABLES = ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY")
UNIX_PLATFORMS = ("linux", "freebsd", "openbsd", "netbsd", "dragonfly", "sunos")
# ":0", ":1.0", "unix:0", or a socket path such as XQuartz's "/private/tmp/.../org.xquartz:0"
_LOCAL_DISPLAY = re.compile(r"(unix)?:\d+(\.\d+)?|/[^:]*:\d+(\.\d+)?")

# XDG_CURRENT_DESKTOP names -> the family whose services are asked first
FAMILIES = {
    "GNOME": "gnome",
    "GNOME-CLASSIC": "gnome",
    "GNOME-FLASHBACK": "gnome",
    "KDE": "kde",
    "XFCE": "xfce",
    "MATE": "mate",
    "X-CINNAMON": "cinnamon",
    "CINNAMON": "cinnamon",
}
DBUS_IDLE = ("mutter", "freedesktop")
DBUS_LOCK = ("gnome", "freedesktop", "xfce", "mate", "cinnamon")
# Every name a source, an idle reader or a lock reader can have (doctor has words for each).
DESKTOPS = ("x11", "wayland", "macos", "windows")
IDLE_READERS = ("x11", *DBUS_IDLE, "iokit", "win32")
LOCK_READERS = (*DBUS_LOCK, "cgsession", "input_desktop")
_FIRST_IDLE = {"gnome": "mutter", "kde": "freedesktop"}
_FIRST_LOCK = {
    "gnome": "gnome",
    "kde": "freedesktop",
    "xfce": "xfce",
    "mate": "mate",
    "cinnamon": "cinnamon",
}


@dataclass(frozen=True)
class Plan:
    desktop: str  # "x11" | "wayland" | "macos" | "windows", or "" for no source
    idle: tuple[str, ...] = ()  # idle readers, in the order to ask them
    lock: tuple[str, ...] = ()  # lock readers, likewise
    display: str = ""  # the X display, for "x11"
    bus: str = ""  # the session bus address, when there are D-Bus readers
    reason: str = ""  # a Reason, when there is no source
    detail: str = ""  # what in the environment led here


def is_local_display(display: str) -> bool:
    return _LOCAL_DISPLAY.fullmatch(display) is not None


def desktop_family(env: Mapping[str, str]) -> str:
    for name in env.get("XDG_CURRENT_DESKTOP", "").split(":"):
        family = FAMILIES.get(name.strip().upper())
        if family:
            return family
    return ""


def _first(names: tuple[str, ...], first: str | None) -> tuple[str, ...]:
    if first is None:
        return names
    return (first, *(name for name in names if name != first))


def plan(env: Mapping[str, str], platform: str) -> Plan:
    remote = [name for name in REMOTE_VARIABLES if env.get(name)]
    if remote:
        return Plan("", reason=Reason.REMOTE, detail=f"{remote[0]} is set")
    if platform == "darwin":
        return Plan("macos", ("iokit",), ("cgsession",))
    if platform == "win32":
        return Plan("windows", ("win32",), ("input_desktop",))
    if not platform.startswith(UNIX_PLATFORMS):
        return Plan("", reason=Reason.UNSUPPORTED_PLATFORM, detail=platform)
    family = desktop_family(env)
    bus = session_bus_address(env)
    dbus_idle = _first(DBUS_IDLE, _FIRST_IDLE.get(family)) if bus else ()
    dbus_lock = _first(DBUS_LOCK, _FIRST_LOCK.get(family)) if bus else ()
    if env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland":
        if not bus:
            return Plan("", reason=Reason.NO_BUS, detail="Wayland without a D-Bus session bus")
        return Plan("wayland", dbus_idle, dbus_lock, bus=bus)
    display = env.get("DISPLAY", "")
    if not display:
        return Plan("", reason=Reason.NO_DESKTOP, detail="neither DISPLAY nor WAYLAND_DISPLAY")
    if not is_local_display(display):
        return Plan("", reason=Reason.REMOTE, detail=f"DISPLAY={display} is on another host")
    return Plan("x11", ("x11", *dbus_idle), dbus_lock, display=display, bus=bus)
