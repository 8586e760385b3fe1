"""macOS: a LaunchAgent plist (written with plistlib) that opens Terminal with a small
marked script; tested against temp folders, so it runs anywhere."""

from __future__ import annotations

import os
import plistlib
import subprocess
from pathlib import Path

import pytest

from companion.system.autostart import Autostart, AutostartError, State, for_companion
from companion.system.autostart.macos import LABEL, SCRIPT_NAME, LaunchAgent
from companion.system.paths import resolve_paths


@pytest.fixture
def program(tmp_path: Path) -> Path:
    folder = tmp_path / "Application Support" / "venv" / "bin"
    folder.mkdir(parents=True)
    script = folder / "companion"
    script.write_text('#!/bin/sh\necho "started with: $*"\n')
    script.chmod(0o755)
    return script


def agent(tmp_path: Path) -> LaunchAgent:
    return LaunchAgent(tmp_path / "Library" / "LaunchAgents", tmp_path / "support" / SCRIPT_NAME)


def test_enable_writes_a_login_agent_that_opens_terminal(tmp_path: Path, program: Path) -> None:
    backend = agent(tmp_path)
    command = (str(program), "--data-dir", "/Users/li lei/it's mine")
    status = Autostart(backend, command).enable()
    assert status.state is State.ON and status.opener_name == "Terminal"
    data = plistlib.loads(backend.plist.read_bytes())
    assert data["Label"] == LABEL and backend.plist.name == f"{LABEL}.plist"
    assert data["RunAtLoad"] is True
    assert data["ProgramArguments"] == ["/usr/bin/open", "-a", "Terminal", str(backend.script)]
    assert os.access(backend.script, os.X_OK)
    # The script starts exactly this companion, whatever the quotes in its paths.
    ran = subprocess.run([str(backend.script)], capture_output=True, text=True, check=True)
    assert ran.stdout == "started with: --data-dir /Users/li lei/it's mine\n"


def test_status_notices_a_moved_companion(tmp_path: Path, program: Path) -> None:
    backend = agent(tmp_path)
    autostart = Autostart(backend, (str(program),))
    autostart.enable()
    program.unlink()
    status = autostart.status()
    assert status.state is State.MOVED and status.missing == str(program)
    backend.script.unlink()
    assert autostart.status().state is State.BROKEN


def test_disabled_key_means_switched_off(tmp_path: Path, program: Path) -> None:
    backend = agent(tmp_path)
    autostart = Autostart(backend, (str(program),))
    autostart.enable()
    data = plistlib.loads(backend.plist.read_bytes())
    backend.plist.write_bytes(plistlib.dumps({**data, "Disabled": True}))
    assert autostart.status().state is State.HIDDEN


def test_disable_removes_the_agent_and_its_script_only(tmp_path: Path, program: Path) -> None:
    backend = agent(tmp_path)
    autostart = Autostart(backend, (str(program),))
    autostart.enable()
    other = backend.plist.parent / "com.example.other.plist"
    other.write_bytes(plistlib.dumps({"Label": "com.example.other"}))
    assert autostart.disable().state is State.OFF
    assert not backend.plist.exists() and not backend.script.exists()
    assert other.exists()


def test_an_agent_companion_did_not_write_is_left_alone(tmp_path: Path, program: Path) -> None:
    backend = agent(tmp_path)
    backend.plist.parent.mkdir(parents=True)
    theirs = plistlib.dumps({"Label": LABEL, "ProgramArguments": ["/bin/echo", "mine"]})
    backend.plist.write_bytes(theirs)
    autostart = Autostart(backend, (str(program),))
    assert autostart.status().state is State.FOREIGN
    with pytest.raises(AutostartError):
        autostart.disable()
    assert backend.plist.read_bytes() == theirs
    backend.plist.write_bytes(b"<plist>broken")
    assert autostart.status().state is State.UNREADABLE


def test_for_companion_on_macos(tmp_path: Path, home: Path) -> None:
    paths = resolve_paths(home)
    env = {"HOME": str(tmp_path / "user")}
    autostart = for_companion(paths, "auto", env, platform="darwin")
    assert autostart.backend.location() == str(
        tmp_path / "user" / "Library" / "LaunchAgents" / f"{LABEL}.plist"
    )
    assert autostart.backend.script == home / SCRIPT_NAME  # type: ignore[attr-defined]
