"""Throwaway desktops for the idle-time tests: an Xvfb server, a private D-Bus session
bus with fake desktop services on it, and C stand-ins for macOS's and Windows' libraries.

Each needs a program from Debian (.ci/run installs them: xvfb xdotool libxss1
dbus-daemon gcc libc6-dev). Without it the test is skipped and says which package it
needs, unless COMPANION_E2E_REQUIRED is set (to anything but 0): then it fails, so CI
cannot pass by skipping.
"""

from __future__ import annotations

import ctypes
import json
import os
import selectors
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any, TypeVar

import pytest

from companion.system import idle

HERE = Path(__file__).resolve().parent
PACKAGES = {  # program or library -> the Debian package that has it
    "Xvfb": "xvfb",
    "xdotool": "xdotool",
    "dbus-daemon": "dbus-daemon",
    "gcc": "gcc libc6-dev",
    "libXss.so.1": "libxss1",
}
T = TypeVar("T")


def required() -> bool:
    return os.environ.get("COMPANION_E2E_REQUIRED", "") not in ("", "0")


def _loads(library: str) -> bool:
    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True


def require(*programs: str) -> None:
    """Programs on PATH, or shared libraries (names ending in .so.N) that load."""
    missing = [
        program
        for program in programs
        if not (_loads(program) if ".so" in program else shutil.which(program))
    ]
    if missing:
        packages = " ".join(sorted({PACKAGES[program] for program in missing}))
        reason = f"needs {', '.join(missing)} (Debian: {packages}; .ci/run installs it)"
        if required():
            pytest.fail(f"{reason}; COMPANION_E2E_REQUIRED is set")
        pytest.skip(reason)


def require_module(name: str) -> None:
    try:
        __import__(name)
    except ImportError:
        reason = f"needs the Python package {name}"
        if required():
            pytest.fail(f"{reason}; COMPANION_E2E_REQUIRED is set")
        pytest.skip(reason)


def opened(env: dict[str, str], platform: str = "linux") -> idle.DesktopIdle:
    """The source for ``env``, which must have one."""
    source = idle.find_source(env, platform)
    assert source is not None, f"no idle source for {env} on {platform}"
    return source


def open_descriptors() -> int:
    """How many files and sockets this process has open."""
    return len(os.listdir("/proc/self/fd"))


def poll(check: Callable[[], T], what: str, timeout: float = 10.0, step: float = 0.02) -> T:
    """check()'s first truthy value; fails if none comes before the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s (last: {value!r})")
        time.sleep(step)


def read_line(stream: IO[str], what: str, timeout: float = 10.0) -> str:
    """One line from a child's pipe, or a failure after ``timeout`` seconds."""
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        if not selector.select(timeout):
            raise AssertionError(f"{what}: nothing within {timeout} s")
    return stream.readline().strip()


def stop(process: subprocess.Popen[Any]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


class Xvfb:
    """A virtual X server: ``display`` is its name, ``pid`` its process."""

    def __init__(self, process: subprocess.Popen[str], display: str) -> None:
        self.process = process
        self.display = display

    def move_pointer(self, x: int, y: int) -> None:
        env = {**os.environ, "DISPLAY": self.display}
        subprocess.run(["xdotool", "mousemove", str(x), str(y)], env=env, check=True, timeout=10)


@contextmanager
def xvfb(*extra: str, display: str = "") -> Iterator[Xvfb]:
    """Xvfb on ``display`` or a free one, with whatever extensions ``extra`` turns on or
    off. -noreset: the server keeps its state (and idle counter) when the last client
    leaves. Returns once the server accepts connections."""
    require("Xvfb", "xdotool", "libXss.so.1")
    read, write = os.pipe()
    argv = ["Xvfb", *([display] if display else []), "-displayfd", str(write)]
    process = subprocess.Popen(
        [*argv, "-screen", "0", "640x480x24", "-nolisten", "tcp", "-noreset", *extra],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = read_line(pipe, "Xvfb reporting its display")
        assert number, "Xvfb ended without a display"
        yield Xvfb(process, f":{number}")
    finally:
        stop(process)


BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <servicedir>{services}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def write_answers(state_file: Path, answers: dict[str, Any]) -> None:
    """Replaced whole, so the service never reads half a file."""
    partial = state_file.with_suffix(".partial")
    partial.write_text(json.dumps(answers), "utf-8")
    partial.replace(state_file)


class FakeService:
    """tests/e2e/fake_idle_service.py running on the bus: set what it answers with ``answer``."""

    def __init__(self, folder: Path, process: subprocess.Popen[str]) -> None:
        self.folder = folder
        self.process = process

    def answer(self, answers: dict[str, Any]) -> None:
        write_answers(self.folder / "state.json", answers)

    def calls(self) -> list[str]:
        log = self.folder / "calls.log"
        return log.read_text("utf-8").splitlines() if log.exists() else []


class SessionBus:
    """A private dbus-daemon; ``address`` is its DBUS_SESSION_BUS_ADDRESS."""

    def __init__(self, folder: Path, process: subprocess.Popen[str], address: str) -> None:
        self.folder = folder
        self.process = process
        self.address = address
        self.services = folder / "services"
        self._children: list[subprocess.Popen[str]] = []

    def start_service(self, names: list[str], answers: dict[str, Any]) -> FakeService:
        folder = Path(tempfile.mkdtemp(prefix="service", dir=self.folder))
        write_answers(folder / "state.json", answers)
        script = str(HERE / "fake_idle_service.py")
        process = subprocess.Popen(
            [sys.executable, script, str(folder / "state.json"), str(folder / "calls.log"), *names],
            env={**os.environ, "DBUS_SESSION_BUS_ADDRESS": self.address},
            stdout=subprocess.PIPE,
            text=True,
        )
        self._children.append(process)
        service = FakeService(folder, process)
        assert process.stdout is not None
        line = read_line(process.stdout, f"the fake service owning {names}")
        assert line == "ready", f"the fake service did not start: {line!r}"
        return service

    def stop(self) -> None:
        for child in self._children:
            stop(child)
        stop(self.process)


@contextmanager
def session_bus(activatable: dict[str, list[str]] | None = None) -> Iterator[SessionBus]:
    """A dbus-daemon of its own, in a short folder (a socket path has ~100 bytes).
    ``activatable``: bus names the daemon would start a program for, if asked to."""
    require("dbus-daemon")
    require_module("jeepney")
    folder = Path(tempfile.mkdtemp(prefix="idlebus", dir="/tmp"))
    (folder / "services").mkdir()
    for name, argv in (activatable or {}).items():
        service = f"[D-BUS Service]\nName={name}\nExec={' '.join(argv)}\n"
        (folder / "services" / f"{name}.service").write_text(service, "utf-8")
    config = folder / "bus.conf"
    config.write_text(BUS_CONFIG.format(folder=folder, services=folder / "services"), "utf-8")
    with (folder / "bus.log").open("wb") as log:  # its complaints stay out of the output
        process = subprocess.Popen(
            ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
    bus = None
    try:
        assert process.stdout is not None
        address = read_line(process.stdout, "dbus-daemon printing its address")
        assert address.startswith("unix:"), address
        bus = SessionBus(folder, process, address)
        yield bus
    finally:
        if bus is not None:
            bus.stop()
        stop(process)
        with suppress(OSError):
            shutil.rmtree(folder)


def compile_library(source: Path, folder: Path) -> Path:
    """A C file built as a shared library with the system's compiler."""
    require("gcc")
    target = folder / f"{source.stem}.so"
    subprocess.run(
        ["gcc", "-shared", "-fPIC", "-O1", "-Wall", "-Werror", "-o", str(target), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return target
