"""A network guard for the no-network proof: a process that arms it cannot create a
socket other than a Unix one, nor resolve a name; each attempt is refused and recorded.

It is a Python audit hook, so it also catches sockets made below the ``socket`` module.
The test process arms it with ``arm(record)``. Child processes (the notification child
that runs plyer, any companion process) get it through PYTHONPATH: Python imports
``sitecustomize`` at start-up, and this one arms itself when COMPANION_NETGUARD_LOG
names a file. Each child appends its refused attempts there, and one line as it ends,
so a test can tell which children really ran under the guard.
"""

from __future__ import annotations

import atexit
import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path

LOG_VAR = "COMPANION_NETGUARD_LOG"
FOLDER = Path(__file__).resolve().parent  # what goes on PYTHONPATH
# -1: a socket adopting a descriptor it was handed (socket(fileno=...)).
ALLOWED_FAMILIES = {getattr(socket, "AF_UNIX", -1), -1}
LOOKUPS = {
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyname_ex",
    "socket.gethostbyaddr",
    "socket.getnameinfo",
}


class Refused(OSError):
    pass


_record: Callable[[str], None] | None = None
_hooked = False


def _audit(event: str, args: tuple) -> None:  # type: ignore[type-arg]
    record = _record
    if record is None:
        return
    if event == "socket.__new__" and args[1] not in ALLOWED_FAMILIES:
        what = f"socket family {args[1]}"
    elif event in LOOKUPS:
        what = f"{event} {args[0]!r}"
    else:
        return
    record(what)
    raise Refused(f"network use is not allowed here: {what}")


def arm(record: Callable[[str], None]) -> None:
    """Refuse and record from now on (an audit hook cannot be removed: disarm it)."""
    global _record, _hooked
    _record = record
    if not _hooked:
        sys.addaudithook(_audit)
        _hooked = True


def disarm() -> None:
    global _record
    _record = None


def _arm_child(log: str) -> None:
    def write(line: str) -> None:
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {line}\n")

    arm(lambda what: write(f"refused {what}"))
    atexit.register(lambda: write(f"ran {' '.join(sys.argv)!r} plyer={'plyer' in sys.modules}"))


if __name__ == "sitecustomize" and os.environ.get(LOG_VAR):
    _arm_child(os.environ[LOG_VAR])
