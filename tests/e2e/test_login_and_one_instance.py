"""Launched at login, once: the installed command writes a login entry whose Exec line,
run in a real terminal, opens a (fake) terminal that starts companion; a second
companion is turned away kindly; after a kill -9 the next one starts as usual."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.system.autostart.desktop_entry import parse
from companion.system.instance import read_pid
from tests.e2e.tmux import Tmux, installed_companion

pytestmark = pytest.mark.e2e


@pytest.fixture
def terminals(tmp_path: Path) -> Iterator[list[Tmux]]:
    opened: list[Tmux] = []
    yield opened
    for term in opened:
        term.close()


def open_terminal(tmp_path: Path, opened: list[Tmux], name: str) -> Tmux:
    folder = tmp_path / name
    folder.mkdir()
    term = Tmux(folder)
    opened.append(term)
    return term


def fake_xterm(folder: Path, record: Path) -> Path:
    """Named like a real terminal; like ``xterm -e`` it runs the rest of its arguments
    (here in the terminal it was started from) and notes that it was used."""
    folder.mkdir(parents=True)
    script = folder / "xterm"
    script.write_text(
        "#!/bin/sh\n"
        f'[ "$1" = "-e" ] || {{ echo "fake xterm: expected -e" >&2; exit 2; }}\n'
        "shift\n"
        f"printf '%s\\n' \"$@\" > '{record}'\n"
        'exec "$@"\n'
    )
    script.chmod(0o755)
    return script


def base_env() -> dict[str, str]:
    return {"HOME": os.environ["HOME"], "TERM": "xterm-256color", "LANG": "en_US.UTF-8"}


def test_the_login_entry_starts_companion_in_a_terminal(
    tmp_path: Path, terminals: list[Tmux]
) -> None:
    record = tmp_path / "xterm-was-asked-to-run"
    bin_dir = tmp_path / "fake bin"
    xterm = fake_xterm(bin_dir, record)
    data = tmp_path / "my companion"  # a space, as real folders have
    config_home = tmp_path / "login config"
    enable = subprocess.run(
        [str(installed_companion()), "autostart", "enable"],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **base_env(),
            "PATH": str(bin_dir),  # only the fake terminal can be found
            "XDG_CONFIG_HOME": str(config_home),
            "COMPANION_HOME": str(data),
        },
    )
    assert enable.returncode == 0, enable.stderr
    assert "in xterm" in enable.stdout
    exec_line = parse((config_home / "autostart" / "companion.desktop").read_text())["Exec"]
    assert exec_line.startswith(f'"{xterm}" -e ')

    # At login there is no COMPANION_HOME: the entry itself must lead to the data.
    term = open_terminal(tmp_path, terminals, "login")
    term.start(["/bin/sh", "-c", exec_line], {**base_env(), "PATH": str(bin_dir)})
    term.wait_for("Which language would you like?")
    term.send("Escape")
    term.wait_for("Today at a glance")
    assert record.read_text().splitlines() == [
        str(installed_companion()),
        "--data-dir",
        str(data),
    ]
    term.send("q")
    assert term.exit_status() == 0
    assert (data / "data" / "activity.db").exists()


def test_one_companion_at_a_time_and_a_crash_leaves_no_lock(
    tmp_path: Path, home: Path, terminals: list[Tmux]
) -> None:
    env = {**base_env(), "PATH": os.environ.get("PATH", ""), "COMPANION_HOME": str(home)}
    first = open_terminal(tmp_path, terminals, "first")
    first.start([str(installed_companion())], env)
    first.wait_for("Which language would you like?")
    first.send("Escape")
    first.wait_for("Today at a glance")
    pid = read_pid(home / "data" / "instance.lock")
    assert pid is not None

    second = open_terminal(tmp_path, terminals, "second")
    second.start([str(installed_companion())], env)
    screen = second.wait_for("__EXIT__=")
    assert f"companion is already open (process {pid})." in screen
    assert "Switch to that window" in screen
    assert second.exit_status() == 1

    # Commands work beside the open app.
    doctor = subprocess.run(
        [str(installed_companion()), "doctor"], capture_output=True, text=True, env=env
    )
    assert doctor.returncode == 0, doctor.stdout

    os.kill(pid, signal.SIGKILL)
    # Killed mid-screen, the pane still shows the app's last frame around the status.
    first.wait_for(f"__EXIT__={128 + signal.SIGKILL}")
    third = open_terminal(tmp_path, terminals, "third")
    third.start([str(installed_companion())], env)
    third.wait_for("Today at a glance")
    assert read_pid(home / "data" / "instance.lock") not in (None, pid)
    third.send("q")
    assert third.exit_status() == 0
