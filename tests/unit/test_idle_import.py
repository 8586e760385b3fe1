"""Importing the module loads nothing heavy; finding a source loads no library, opens
no connection and makes no socket. The first reading does that (see test_x11)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import os, sys
sys.path.insert(0, sys.argv[1])
HEAVY = {"ctypes", "jeepney", "socket", "subprocess"}

def heavy():
    return sorted(name for name in sys.modules if name in HEAVY)

def libraries():
    with open("/proc/self/maps") as maps:
        text = maps.read()
    return [name for name in ("libX11", "libXss") if name in text]

before = len(os.listdir("/proc/self/fd"))
from companion.system import idle
print("import", heavy())
env = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "w", "DBUS_SESSION_BUS_ADDRESS": "unix:path=/x"}
sources = [idle.find_source(env, "linux"), idle.find_source({"DISPLAY": ":0"}, "linux"),
           idle.find_source({}, "darwin"), idle.find_source({}, "win32")]
assert all(sources)
print("find", [name for name in heavy() if name != "ctypes"], libraries(),
      len(os.listdir("/proc/self/fd")) - before)
"""


def test_importing_and_finding_a_source_loads_nothing() -> None:
    result = subprocess.run(
        [sys.executable, "-I", "-c", CHILD, str(ROOT)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.splitlines() == ["import []", "find [] [] 0"]
