"""The contact hook through the real command: the installed companion in tmux, a break
waiting for "after this chat", and `companion contact` run beside it (as a hotkey
would) brings the break back within seconds; `companion dnd` shows at once."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from tests.e2e.test_app_in_tmux import env_for
from tests.e2e.tmux import Tmux, installed_companion

pytestmark = pytest.mark.e2e

CONFIG = """\
[breaks]
every = "7s"
heads_up = "3s"
after_chat = "10m"
"""


def beside(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """The command a hotkey or a helpdesk macro runs, beside the open app."""
    return subprocess.run(
        [str(installed_companion()), *argv],
        env={**env_for(home, "en_US.UTF-8")},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_companion_contact_ends_after_this_chat(term: Tmux, home: Path) -> None:
    home.mkdir(parents=True)
    (home / "config.toml").write_text(CONFIG, "utf-8")
    term.start([str(installed_companion())], env_for(home, "en_US.UTF-8"))
    term.wait_for("Which language would you like?")
    term.send("Escape")
    term.wait_for("Time for a short break", timeout=30)
    term.send("c")  # after this chat: it would ask again in 10 minutes
    term.wait_for("Break after this chat")
    done = beside(home, "contact")
    assert (done.returncode, done.stdout) == (0, "Chat marked as done.\n"), done.stderr
    marked = time.monotonic()
    term.wait_for("Time for a short break", timeout=10)
    assert time.monotonic() - marked < 6  # within a few seconds, not ten minutes
    term.send("x")  # skip it
    term.wait_for("Chats today")
    term.wait_for_all("Chats today", "1 done · 0 rough")
    term.send("q")
    assert term.exit_status() == 0


def test_companion_dnd_shows_in_the_open_app(term: Tmux, home: Path) -> None:
    term.start([str(installed_companion())], env_for(home, "en_US.UTF-8"))
    term.wait_for("Which language would you like?")
    term.send("Escape")
    term.wait_for("Next break in")
    on = beside(home, "dnd", "--for", "45m")
    assert on.returncode == 0, on.stderr
    term.wait_for("Do not disturb until", timeout=10)
    assert beside(home, "dnd", "--off").returncode == 0
    term.wait_for("Next break in", timeout=10)
    term.send("q")
    assert term.exit_status() == 0
