"""Drive a real terminal: the installed command in a tmux session, read back with
capture-pane, every wait a poll with a deadline."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Mapping
from pathlib import Path

import pytest


def installed_companion() -> Path:
    """The console script pip installed next to the Python running the tests."""
    script = Path(sys.executable).parent / ("companion.exe" if os.name == "nt" else "companion")
    if not script.exists():
        pytest.fail(
            f"companion is not installed beside {sys.executable}; run the README's "
            "test command, which installs it"
        )
    return script


def require_tool(name: str) -> str:
    """A system tool the test drives: missing, it is skipped, or failed in CI."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("COMPANION_E2E_REQUIRED"):
            pytest.fail(f"{name} is required here (COMPANION_E2E_REQUIRED is set)")
        pytest.skip(f"{name} is not installed; .ci/run installs it for CI")
    return found


def require_tmux() -> str:
    return require_tool("tmux")


class Tmux:
    def __init__(self, tmp: Path, width: int = 80, height: int = 24) -> None:
        self.tmux = require_tmux()
        self.socket = str(tmp / "tmux.sock")
        self.session = f"companion-{uuid.uuid4().hex[:8]}"
        self.width, self.height = width, height

    def _run(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            [self.tmux, "-S", self.socket, *args], capture_output=True, text=True, check=check
        )
        return result.stdout

    def start(self, argv: list[str], env: Mapping[str, str]) -> None:
        environment = " ".join(f"{k}={_quote(v)}" for k, v in env.items())
        # A tmux server started without a terminal exports COLUMNS=80 LINES=24 to its
        # panes, which would override the real pane size for the app; drop them.
        inner = f"env -u COLUMNS -u LINES {environment} {' '.join(_quote(a) for a in argv)}"
        # The shell reports the exit status on screen once the app has left, and
        # stays so the pane (and what the app printed on exit) can still be read.
        command = f"sh -c {_quote(inner + '; echo __EXIT__=$?; sleep 600')}"
        size = ("-x", str(self.width), "-y", str(self.height))
        # Right after a close() on the same socket, the old server may still be exiting:
        # the new client then meets it ("server exited unexpectedly"). Tried again until
        # a deadline; nothing was started by the attempt that met it.
        deadline = time.monotonic() + 10.0
        while True:
            new = [self.tmux, "-S", self.socket, "new-session", "-d", "-s", self.session]
            result = subprocess.run([*new, *size, command], capture_output=True, text=True)
            if result.returncode == 0:
                return
            if "exited unexpectedly" not in result.stderr or time.monotonic() > deadline:
                raise AssertionError(f"tmux could not start: {result.stderr}")
            time.sleep(0.1)

    def screen(self) -> str:
        return self._run("capture-pane", "-p", "-t", self.session, check=False)

    def send(self, *keys: str) -> None:
        for key in keys:
            self._run("send-keys", "-t", self.session, key)
            # Keys a person types arrive apart; a lone Escape needs a longer gap, or the
            # terminal reads it and the next key as one Alt+key sequence.
            time.sleep(0.4 if key == "Escape" else 0.05)

    def burst(self, text: str) -> None:
        """Type ``text`` at once, as a text expander does: every character a key of its
        own (no bracketed paste), with nothing in between."""
        self._run("send-keys", "-t", self.session, "-l", text)

    def wait_gone(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text not in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} is still shown:\n{screen}")
            time.sleep(0.1)

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        return self.wait_for_any(text, timeout=timeout)[1]

    def wait_for_any(self, *texts: str, timeout: float = 30.0) -> tuple[str, str]:
        """The first of ``texts`` to appear, and the screen that shows it."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            for text in texts:
                if text in screen:
                    return text, screen
            if time.monotonic() > deadline:
                raise AssertionError(f"none of {texts!r} appeared; the screen shows:\n{screen}")
            time.sleep(0.1)

    def wait_for_all(self, *texts: str, timeout: float = 5.0) -> str:
        """A screen that shows every one of ``texts`` at once. A new screen can reach
        the terminal over two frames (its title, then its buttons and footer), so a
        check of the rest waits for the frame that completes it."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            if time.monotonic() > deadline:
                missing = [text for text in texts if text not in screen]
                raise AssertionError(f"{missing!r} not shown; the screen shows:\n{screen}")
            time.sleep(0.1)

    def exit_status(self, timeout: float = 10.0) -> int:
        screen = self.wait_for("__EXIT__=", timeout)
        return int(screen.split("__EXIT__=")[1].split()[0])

    def pane_pid(self) -> int:
        """The process the pane runs (the shell that started the command)."""
        return int(self._run("display-message", "-p", "-t", self.session, "#{pane_pid}"))

    def close(self, timeout: float = 10.0) -> None:
        """Stop the server and wait (to a deadline) until it no longer answers, so the
        next session on this socket gets a server of its own."""
        self._run("kill-server", check=False)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            alive = subprocess.run(
                [self.tmux, "-S", self.socket, "list-sessions"], capture_output=True, text=True
            )
            if alive.returncode != 0:
                return
            time.sleep(0.05)


def _quote(value: str) -> str:
    import shlex

    return shlex.quote(value)
