"""Desktop notifications: which channel would carry one.

plyer picks a backend per platform; on Linux it needs D-Bus (the ``dbus`` module or
``notify-send``) and a session bus. When none is usable, reminders stay in the app.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Channel:
    name: str
    usable: bool
    reason: str = ""  # a code: no_plyer | no_session | no_backend | no_pyobjus | unsupported


def detect_channel(env: Mapping[str, str] | None = None, platform: str | None = None) -> Channel:
    env = os.environ if env is None else env
    platform = platform or sys.platform
    if importlib.util.find_spec("plyer") is None:
        return Channel("in-app", False, "no_plyer")
    if platform.startswith("linux"):
        if not env.get("DBUS_SESSION_BUS_ADDRESS"):
            return Channel("in-app", False, "no_session")
        if importlib.util.find_spec("dbus") is not None:
            return Channel("plyer: D-Bus", True)
        if shutil.which("notify-send"):
            return Channel("plyer: notify-send", True)
        return Channel("in-app", False, "no_backend")
    if platform == "darwin":
        if importlib.util.find_spec("pyobjus") is not None:
            return Channel("plyer: macOS Notification Center", True)
        return Channel("in-app", False, "no_pyobjus")
    if platform.startswith("win"):
        return Channel("plyer: Windows balloon", True)
    return Channel("in-app", False, "unsupported")
