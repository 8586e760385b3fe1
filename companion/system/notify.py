"""Desktop notifications: which channel would carry one, and sending one.

plyer picks a backend per platform; on Linux it needs D-Bus (the ``dbus`` module or
``notify-send``) and a session bus. On macOS plyer needs pyobjus, which we do not ship,
so there ``osascript`` (part of every macOS) shows the notification instead, with the
text passed as arguments to the script's run handler: user text never becomes
AppleScript source. When no channel is usable, reminders stay in the app.

``send_desktop`` runs plyer in a child process, called from a worker thread: plyer can
block on D-Bus, warns on stderr, and its notify-send backend lets the child write to
the terminal, any of which would freeze or scribble over the TUI. In a child process
all of its output is captured, a hung call is killed at the timeout, and nothing it
does can raise into the app.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

OSASCRIPT = "macOS: osascript"  # the channel's name, as doctor shows it


class Channel(NamedTuple):
    name: str
    usable: bool
    reason: str = ""  # a code: no_plyer | no_session | no_backend | no_pyobjus | unsupported


def detect_channel(env: Mapping[str, str] | None = None, platform: str | None = None) -> Channel:
    import importlib.util  # (here: only when a reminder is first sent)

    env = os.environ if env is None else env
    platform = platform or sys.platform
    if platform == "darwin" and shutil.which("osascript"):
        return Channel(OSASCRIPT, True)
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


class Delivery(NamedTuple):
    channel: str  # the channel tried, as detect_channel names it
    ok: bool
    reason: str = ""  # a code when not ok: a Channel reason, or timeout | failed
    detail: str = ""  # the last line the notifier printed on failure (for doctor)


# Runs in the child: title, message and app name come on stdin as JSON, never in argv.
_CHILD = """
import json, sys, warnings
warnings.simplefilter("ignore")
data = json.load(sys.stdin)
from plyer import notification
notification.notify(title=data["title"], message=data["message"],
                    app_name=data["app_name"], timeout=data["seconds"])
"""

# Runs in osascript: the text arrives in argv (never in the script's source, so no
# quoting can go wrong), after a fixed first argument so that a title starting with "-"
# is not read as an option (POSIX option parsing stops at the first plain argument).
_APPLESCRIPT = (
    "on run argv",
    "display notification (item 3 of argv) with title (item 2 of argv)",
    "end run",
)


def osascript_command(title: str, message: str) -> list[str]:
    script = [part for line in _APPLESCRIPT for part in ("-e", line)]
    # A NUL cannot travel in argv; nothing else needs escaping, as no shell is involved.
    text = [value.replace("\0", "") for value in (title, message)]
    return ["osascript", *script, "companion", *text]


def send_desktop(
    title: str,
    message: str,
    *,
    timeout: float = 10.0,
    env: Mapping[str, str] | None = None,
    command: Sequence[str] | None = None,
    platform: str | None = None,
    run: Callable[..., subprocess.CompletedProcess[str]] = subprocess.run,
) -> Delivery:
    """Show one desktop notification; blocking for up to ``timeout`` seconds, so call it
    from a worker thread. Never raises and never writes to the terminal.

    ``command`` replaces the notifier's command line and ``run`` the way it is started
    (both for tests)."""
    env = dict(os.environ if env is None else env)
    channel = detect_channel(env, platform)
    if not channel.usable:
        return Delivery(channel.name, False, channel.reason)
    payload = ""
    if channel.name == OSASCRIPT:
        argv = list(command or osascript_command(title, message))
    else:
        argv = list(command or [sys.executable, "-c", _CHILD])
        payload = json.dumps(
            {"title": title, "message": message, "app_name": "companion", "seconds": 10}
        )
    try:
        result = run(
            argv,
            input=payload,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            start_new_session=True,  # no controlling terminal, no ctrl+c from ours
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Delivery(channel.name, False, "timeout")
    except (OSError, ValueError) as error:
        return Delivery(channel.name, False, "failed", str(error))
    # notify-send reports a missing notification daemon on stderr and plyer ignores its
    # exit status, so any output at all (warnings are silenced) means it did not work;
    # osascript prints nothing on success either.
    complaint = (result.stderr or "").strip()
    if result.returncode != 0 or complaint:
        last = complaint.splitlines()[-1] if complaint else f"exit status {result.returncode}"
        return Delivery(channel.name, False, "failed", last[:200])
    return Delivery(channel.name, True)
