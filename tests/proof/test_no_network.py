"""Nothing ever leaves the machine: no network code in the sources, and the main flows
run with every non-local socket refused (D-Bus for notifications uses a Unix socket)."""

from __future__ import annotations

import ast
import contextlib
import socket
from pathlib import Path

import pytest

import companion
from companion.cli import main

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


class Refused(OSError):
    pass


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every attempt to open a non-Unix socket or resolve a name fails and is recorded."""
    attempts: list[str] = []
    real = socket.socket

    class GuardedSocket(real):  # type: ignore[misc, valid-type]
        def __init__(self, family: int = -1, *args, **kwargs) -> None:
            if family not in (-1, socket.AF_UNIX):
                attempts.append(f"socket family {family}")
                raise Refused("network use is not allowed")
            super().__init__(family, *args, **kwargs)

    def refuse(*args, **kwargs):
        attempts.append(f"resolve {args[:1]}")
        raise Refused("network use is not allowed")

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


async def test_the_app_runs_offline(offline: list[str], app_factory, clock) -> None:
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
        clock.advance(hours=2)  # a break falls due: the reminder and its notification
        app.rhythm.tick()
        await pilot.pause(0.5)
    assert offline == []


def test_commands_run_offline(offline: list[str], home: Path, capsys, monkeypatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    for argv in (
        ["--version"],
        ["doctor"],
        ["--help"],
        ["note", "offline words"],
        ["find", "offline"],
        ["export", "--format", "md"],
        ["autostart", "status"],
    ):
        with contextlib.suppress(SystemExit):
            main(["--data-dir", str(home), *argv])
    capsys.readouterr()
    assert offline == []


def test_the_guard_really_refuses(offline: list[str]) -> None:
    with pytest.raises(Refused):
        socket.create_connection(("example.com", 80))
    assert offline
