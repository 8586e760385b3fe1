"""Away from the keyboard on a real X server: the installed companion in tmux under an
Xvfb display with its screen-saver extension, second-scale durations. Nobody touches
the display, then the pointer moves (a real input event through XTEST): the time away
is a natural break, welcomed back and counted."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from tests.e2e.idle_desktop import poll, xvfb
from tests.e2e.test_app_in_tmux import env_for
from tests.e2e.tmux import Tmux, installed_companion

pytestmark = [pytest.mark.e2e, pytest.mark.desktop]

CONFIG = """\
[breaks]
length = "6s"

[away]
after = "2s"
check_every = "1s"
"""
NO_OTHER_DESKTOP = {  # only this X server answers: no session bus, no SSH, no Wayland
    "DBUS_SESSION_BUS_ADDRESS": "",
    "XDG_RUNTIME_DIR": "",
    "WAYLAND_DISPLAY": "",
    "XDG_SESSION_TYPE": "",
    "SSH_CONNECTION": "",
    "SSH_CLIENT": "",
    "SSH_TTY": "",
}


def saved_state(home: Path) -> dict[str, object]:
    """The rhythm's state as the app last saved it (it saves each change at once)."""
    path = home / "data" / "activity.db"
    try:
        return json.loads(path.read_text("utf-8"))["state"]["breaks.state"]["value"]
    except (FileNotFoundError, KeyError, ValueError):
        return {}


def test_time_away_on_the_desktop_is_a_natural_break(term: Tmux, home: Path) -> None:
    home.mkdir(parents=True)
    (home / "config.toml").write_text(CONFIG, "utf-8")
    with xvfb("+extension", "MIT-SCREEN-SAVER") as server:
        env = {**env_for(home, "en_US.UTF-8"), **NO_OTHER_DESKTOP, "DISPLAY": server.display}
        term.start([str(installed_companion())], env)
        term.wait_for("Which language would you like?")
        term.send("Escape")
        term.wait_for("Today at a glance")
        left = time.monotonic()
        away_since = poll(lambda: saved_state(home).get("away_since"), "the app sees nobody")
        assert saved_state(home)["away_cause"] == "idle"
        # Nobody at the desk: real idle time has to pass on the X server's own clock.
        time.sleep(max(0.0, 7.5 - (time.monotonic() - left)))
        server.move_pointer(200, 150)  # back
        term.wait_for("so that counts as a break", timeout=15)
        term.wait_for_all("so that counts as a break", "Welcome back. You were away for")
        assert saved_state(home)["last_break"] == away_since  # recorded from when they left
        term.wait_for("Breaks today")
        term.wait_for_all("Breaks today", "1 taken · 0 postponed · 0 skipped")
        term.send("q")
        assert term.exit_status() == 0
    stats = subprocess.run(
        [str(installed_companion()), "stats", "--json"],
        env=env_for(home, "en_US.UTF-8"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(stats.stdout)["today"]["breaks_taken"] == 1
