"""The X11 reader on a real X server (Xvfb with MIT-SCREEN-SAVER), the pointer moved
with xdotool."""

from __future__ import annotations

import ctypes.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from companion.system import idle
from companion.system.idle import Reason, x11
from companion.system.idle.base import Once
from tests.e2e.idle_desktop import open_descriptors, opened, poll, read_line, require, xvfb

pytestmark = pytest.mark.desktop

ROOT = Path(__file__).resolve().parents[2]
SAVER = ("+extension", "MIT-SCREEN-SAVER")


def test_idle_time_grows_and_starts_again_when_the_pointer_moves() -> None:
    with xvfb(*SAVER) as server, opened({"DISPLAY": server.display}) as source:
        assert source.desktop == "x11"
        first = source.read()
        assert first is not None and first.idle_seconds is not None
        assert (first.source, first.locked, first.lock_source) == ("x11", None, "")
        start = first.idle_seconds

        def idle_seconds() -> float:
            reading = source.read()
            assert reading is not None and reading.idle_seconds is not None
            return reading.idle_seconds

        before = poll(lambda: (seconds := idle_seconds()) >= start + 0.3 and seconds, "growing")
        server.move_pointer(123, 45)
        after = idle_seconds()
        assert after < before and after < 0.3


def test_the_display_stays_open_between_readings_and_close_releases_it() -> None:
    with xvfb(*SAVER) as server:
        start = open_descriptors()
        source = opened({"DISPLAY": server.display})
        assert open_descriptors() == start  # nothing opened before the first reading
        assert source.read() is not None
        connected = open_descriptors()
        assert connected == start + 1  # one connection to the X server
        for _ in range(25):
            assert source.read() is not None
        assert open_descriptors() == connected
        source.close()
        assert open_descriptors() == start
        assert source.read() is None


def test_a_server_without_the_extension_is_named_and_not_asked_again() -> None:
    with xvfb("-extension", "MIT-SCREEN-SAVER") as server:
        start = open_descriptors()
        with opened({"DISPLAY": server.display}) as source:
            first = source.describe()
            assert first.reading is None
            (attempt,) = first.attempts
            assert (attempt.reader, attempt.reason) == ("x11", Reason.NO_EXTENSION)
            assert open_descriptors() == start  # the display was closed again
            assert source.describe().attempts == (attempt,)


def test_a_missing_or_old_library_is_refused_not_risked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(x11._LIBRARIES, "Xss", ("libXss-not-here.so.1",))
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    old = SimpleNamespace()  # a libX11 without XSetIOErrorExitHandler (before 1.7)
    readers = [
        x11.X11Idle(":0", library=Once(x11.load_xlib)),
        x11.X11Idle(":0", library=Once(lambda: x11.Xlib(old, old))),
    ]
    with idle.DesktopIdle("x11", readers) as source:
        first = source.describe()
        assert first.reading is None
        assert [a.reason for a in first.attempts] == [Reason.NO_LIBRARY, Reason.OLD_LIBRARY]
        assert "libXss-not-here.so.1" in first.attempts[0].detail
        assert source.describe().attempts == first.attempts  # not tried again


def test_a_display_that_is_not_there() -> None:
    require("libXss.so.1")
    status = idle.check({"DISPLAY": ":4711"}, "linux")
    assert (status.desktop, status.reading, status.detail) == ("x11", None, ":4711")
    assert [a.reason for a in status.attempts] == [Reason.NO_DISPLAY]


# Runs in its own process: if Xlib's default handlers were still in place, the loss of
# the server would end the process (and print on stderr); the test must see both.
CHILD = """
import json, sys
from companion.system import idle

source = idle.find_source({"DISPLAY": sys.argv[1]}, "linux")
for step in ("before", "gone", "back"):
    if step != "before":
        sys.stdin.readline()
    status = source.describe()
    reading = status.reading
    print(json.dumps([step, reading and reading.idle_seconds,
                      [a.reason for a in status.attempts]]), flush=True)
source.close()
print(json.dumps(["closed"]), flush=True)
"""


def test_the_server_going_away_neither_ends_the_process_nor_writes_on_the_screen() -> None:
    with xvfb(*SAVER) as server:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, server.display],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdin is not None and child.stdout is not None
        step, idle_seconds, reasons = json.loads(read_line(child.stdout, "the first reading"))
        assert (step, reasons) == ("before", [""]) and idle_seconds >= 0
        server.process.terminate()
        server.process.wait(10)
        display = server.display
    child.stdin.write("gone\n")
    child.stdin.flush()
    assert json.loads(read_line(child.stdout, "a reading without the server")) == [
        "gone",
        None,
        [Reason.LOST],
    ]
    with xvfb(*SAVER, display=display):  # the same display comes back
        child.stdin.write("back\n")
        child.stdin.flush()
        step, idle_seconds, reasons = json.loads(read_line(child.stdout, "reading it again"))
        assert (step, reasons) == ("back", [""]) and idle_seconds >= 0
        assert json.loads(read_line(child.stdout, "closing")) == ["closed"]
    child.stdin.close()
    assert child.wait(10) == 0
    assert child.stderr is not None and child.stderr.read() == ""


IMPORT_CHILD = """
import sys
from companion.system import idle

def loaded():
    with open("/proc/self/maps") as maps:
        text = maps.read()
    return sorted(name for name in ("libX11.so", "libXss.so") if name in text)

source = idle.find_source({"DISPLAY": sys.argv[1], "DBUS_SESSION_BUS_ADDRESS": "unix:path=/x"},
                          "linux")
before = (loaded(), "jeepney" in sys.modules)
source.read()
print(before, (loaded(), "jeepney" in sys.modules))
source.close()
"""


def test_nothing_is_loaded_until_the_first_reading() -> None:
    with xvfb(*SAVER) as server:
        result = subprocess.run(
            [sys.executable, "-c", IMPORT_CHILD, server.display],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
    assert result.stdout.split("\n")[0] == "([], False) (['libX11.so', 'libXss.so'], True)"
    assert result.stderr == ""
