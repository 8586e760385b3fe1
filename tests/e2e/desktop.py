"""A throwaway desktop for notification tests: Xvfb, a D-Bus session bus, the dunst
notification daemon, and dbus-monitor recording every Notify call on that bus."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

TOOLS = {
    "Xvfb": "xvfb",
    "dbus-launch": "dbus-x11",
    "dbus-monitor": "dbus",
    "dbus-send": "dbus",
    "dunst": "dunst",
    "notify-send": "libnotify-bin",
}


def require_desktop_tools() -> None:
    missing = sorted({package for tool, package in TOOLS.items() if shutil.which(tool) is None})
    if missing:
        reason = f"needs {' '.join(missing)} (.ci/run installs them)"
        if os.environ.get("COMPANION_E2E_REQUIRED"):
            pytest.fail(f"notification test {reason}; COMPANION_E2E_REQUIRED is set")
        pytest.skip(f"notification test {reason}")


def _poll(check, what: str, timeout: float = 10.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen in {timeout} s")
        time.sleep(0.05)


class Desktop:
    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.env: dict[str, str] = {}
        self.processes: list[subprocess.Popen[bytes]] = []
        self.bus_pid: int | None = None
        self.monitor_log = tmp / "dbus-monitor.log"

    def _spawn(self, argv: list[str], log: str, **kwargs: object) -> subprocess.Popen[bytes]:
        out = (self.tmp / log).open("wb")
        process = subprocess.Popen(
            argv, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **self.env}, **kwargs
        )
        self.processes.append(process)
        return process

    def start(self) -> None:
        read, write = os.pipe()
        self._spawn(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "800x600x24", "-nolisten", "tcp"],
            "xvfb.log",
            pass_fds=(write,),
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            display = pipe.readline().strip()
        assert display, "Xvfb did not report its display"
        self.env["DISPLAY"] = f":{display}"
        launched = subprocess.run(
            ["dbus-launch", "--sh-syntax"],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, **self.env},
        )
        for line in launched.stdout.splitlines():
            name, _, value = line.partition("=")
            value = value.split(";")[0].strip("'")
            if name == "DBUS_SESSION_BUS_ADDRESS":
                self.env[name] = value
            elif name == "DBUS_SESSION_BUS_PID":
                self.bus_pid = int(value)
        assert "DBUS_SESSION_BUS_ADDRESS" in self.env, launched.stdout
        self._spawn(
            [
                "dbus-monitor",
                "--session",
                "type='method_call',interface='org.freedesktop.Notifications',member='Notify'",
            ],
            "dbus-monitor.log",
        )
        _poll(lambda: self.monitor_log.read_bytes(), "dbus-monitor start")
        self._spawn(["dunst"], "dunst.log")
        _poll(self._daemon_ready, "dunst owning org.freedesktop.Notifications")

    def _daemon_ready(self) -> bool:
        reply = subprocess.run(
            [
                "dbus-send",
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
                "string:org.freedesktop.Notifications",
            ],
            capture_output=True,
            text=True,
            env={**os.environ, **self.env},
            check=False,
        )
        return "boolean true" in reply.stdout

    def notify_calls(self) -> str:
        return self.monitor_log.read_text("utf-8", errors="replace")

    def wait_for_notification(self, title: str, timeout: float = 15.0) -> str:
        """The monitor's record of a Notify call whose summary is ``title``."""
        wanted = f'string "{title}"'
        return _poll(lambda: wanted in self.notify_calls() and self.notify_calls(), title, timeout)

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
        if self.bus_pid is not None:
            with suppress(ProcessLookupError):
                os.kill(self.bus_pid, signal.SIGTERM)


@contextmanager
def desktop_session(tmp: Path) -> Iterator[Desktop]:
    require_desktop_tools()
    desktop = Desktop(tmp)
    try:
        desktop.start()
        yield desktop
    finally:
        desktop.stop()
