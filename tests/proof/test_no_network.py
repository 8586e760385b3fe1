"""Nothing ever leaves the machine: no network code in the sources, and the main flows
run with every non-local socket refused (D-Bus for notifications uses a Unix socket):
the app, every command, and the desktop notification's child process and its bus."""

from __future__ import annotations

import ast
import io
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest

import companion
from companion.cli import main
from companion.core.breaks import Phase
from companion.system.notify import Delivery, send_desktop
from tests.e2e.desktop import desktop_session
from tests.proof.netguard import sitecustomize as netguard
from tests.ui.helpers import awake, wait_for

PACKAGE = Path(companion.__file__).parent
NETWORK_MODULES = {
    "socket",
    "ssl",
    "http",
    "urllib",
    "requests",
    "httpx",
    "aiohttp",
    "websockets",
    "ftplib",
    "smtplib",
    "xmlrpc",
    "telnetlib",
}


def test_no_network_module_is_imported_anywhere() -> None:
    found = []
    for source in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            found += [f"{source.name}: {n}" for n in names if n.split(".")[0] in NETWORK_MODULES]
    assert found == []


@dataclass
class Guard:
    """What the guard refused, in this process and in the child processes it reached."""

    refused_here: list[str]
    log: Path

    def lines(self) -> list[str]:
        return self.log.read_text("utf-8").splitlines() if self.log.exists() else []

    def attempts(self) -> list[str]:
        return self.refused_here + [line for line in self.lines() if " refused " in line]

    def children(self) -> list[str]:
        return [line for line in self.lines() if " ran " in line]


@pytest.fixture
def offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Guard]:
    """Every attempt to open a non-Unix socket or resolve a name fails and is recorded,
    here and in every Python child process started meanwhile (through PYTHONPATH)."""
    guard = Guard([], tmp_path / "netguard.log")
    paths = [str(netguard.FOLDER), *filter(None, [os.environ.get("PYTHONPATH")])]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(paths))
    monkeypatch.setenv(netguard.LOG_VAR, str(guard.log))
    netguard.arm(guard.refused_here.append)
    try:
        yield guard
    finally:
        netguard.disarm()


async def test_the_app_runs_offline(offline: Guard, app_factory, clock) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark", "escape", "s", "escape", "t")
        for key in ("h", "j", "r", "p", "k", "m"):  # breathe, journal, reframe, practice,
            await pilot.press(key)  # a break, a mood check-in
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("f2")  # SOS
        await pilot.pause()
        awake(app, clock, hours=2)  # a break falls due: the reminder and its notification
        await pilot.pause(0.5)
        assert app.rhythm.view().phase == Phase.DUE  # (it waits for SOS to be over)
    assert offline.attempts() == []


def run_command(home: Path, argv: list[str], stdin: str = "") -> int:
    with mock.patch("sys.stdin", io.StringIO(stdin)):
        try:
            return main(["--data-dir", str(home), *argv])
        except SystemExit as leaving:
            return int(leaving.code or 0)


def test_commands_run_offline(offline: Guard, home: Path, capsys, monkeypatch) -> None:
    exported = home.parent / "journal.json"
    for argv in (
        ["--version"],
        ["--help"],
        ["doctor"],
        ["note", "offline words"],
        ["find", "offline"],
        ["stats"],
        ["stats", "--month", "--json"],
        ["stats", "--csv"],
        ["export", "--format", "md"],
        ["export", "--format", "json", "--out", str(exported)],
        ["import", str(exported)],
        ["autostart", "status"],
    ):
        assert run_command(home, argv) == 0, argv
    monkeypatch.setenv("COMPANION_NEW_PASSPHRASE", "offline passphrase")
    assert run_command(home, ["passphrase", "set"]) == 0
    monkeypatch.setenv("COMPANION_PASSPHRASE", "offline passphrase")
    assert run_command(home, ["note", "locked words"]) == 0
    assert run_command(home, ["find", "locked"]) == 0
    assert run_command(home, ["passphrase", "remove"]) == 0
    assert run_command(home, ["wipe"], stdin="delete\n") == 0
    assert "Everything is deleted" in capsys.readouterr().out
    assert offline.attempts() == []


@pytest.mark.e2e
async def test_desktop_notifications_use_only_the_local_bus(
    offline: Guard, app_factory, clock, home: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    """The notification path for real: plyer in its child process, notify-send, a D-Bus
    session bus and a notification daemon. Under the guard in every Python process."""
    with desktop_session(tmp_path) as desktop:
        for name, value in desktop.env.items():
            monkeypatch.setenv(name, value)
        app = app_factory("en", env=dict(os.environ))  # the bus, and the guard for children
        deliveries: list[Delivery] = []

        def send(*args, **kwargs) -> Delivery:  # type: ignore[no-untyped-def]
            deliveries.append(send_desktop(*args, **kwargs))
            return deliveries[-1]

        async with app.run_test(size=(80, 24)) as pilot:
            app.rhythm.send = send
            awake(app, clock, hours=2)  # a break falls due: its desktop notification
            await wait_for(pilot, lambda: deliveries, timeout=30)
        desktop.wait_for_notification("Time for a short break")
        assert run_command(home, ["doctor", "--notify-test"]) == 0
        desktop.wait_for_notification("companion: test notification")
    assert "Test notification sent through plyer" in capsys.readouterr().out
    assert all(d.ok for d in deliveries), deliveries
    assert offline.attempts() == []
    # plyer ran, in its own child process, under the guard: once for the app, once for doctor
    assert len([line for line in offline.children() if "plyer=True" in line]) >= 2


def test_the_guard_really_refuses(offline: Guard, tmp_path: Path) -> None:
    with pytest.raises(netguard.Refused):
        socket.create_connection(("example.com", 80))
    with pytest.raises(netguard.Refused):
        socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    socket.socket(socket.AF_UNIX).close()  # D-Bus's kind of socket is allowed
    child = "import socket\ntry:\n    socket.socket()\nexcept OSError:\n    pass"
    subprocess.run([sys.executable, "-c", child], check=True)
    assert offline.attempts()[:2] == [
        "socket.getaddrinfo 'example.com'",
        f"socket family {int(socket.AF_INET6)}",
    ]
    assert f"refused socket family {int(socket.AF_INET)}" in offline.attempts()[2]
    assert len(offline.children()) == 1
