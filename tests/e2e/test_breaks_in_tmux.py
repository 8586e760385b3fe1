"""The break rhythm with the real clock, in a real terminal: with a 14 s interval the
heads-up and the break screen come on time, and "I'm back" returns to Home. (Short
times: this test waits on the real clock, and a CI runner with it.)"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_app_in_tmux import env_for
from tests.e2e.tmux import Tmux, installed_companion

pytestmark = pytest.mark.e2e

CONFIG = """\
[breaks]
every = "14s"
heads_up = "6s"
length = "6s"
"""


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Tmux]:
    tmux = Tmux(tmp_path)
    yield tmux
    tmux.close()


def test_heads_up_and_break_on_time_then_back_home(term: Tmux, home: Path) -> None:
    home.mkdir(parents=True)
    (home / "config.toml").write_text(CONFIG, "utf-8")
    term.start([str(installed_companion())], env_for(home, "en_US.UTF-8"))
    term.wait_for("Which language would you like?")
    term.send("Escape")
    screen = term.wait_for("Next break in")
    # Times are measured from what Home says, so a slow start-up cannot blur them.
    seen = time.monotonic()
    first = re.search(r"Next break in (\d+) s", screen)
    assert first is not None, screen
    due_in = int(first.group(1))  # rounded up: the break is due in (due_in - 1, due_in] s

    term.wait_for("A short break in", timeout=25)
    heads_up = time.monotonic() - seen
    assert due_in - 7 - 0.5 <= heads_up <= due_in - 6 + 2, (due_in, heads_up)

    screen = term.wait_for("Time for a short break", timeout=20)
    due = time.monotonic() - seen
    assert due_in - 1 - 0.5 <= due <= due_in + 2, (due_in, due)
    term.wait_for_all("Time for a short break", "Postpone 5 min", "An idea · ")

    term.send("s")  # Start the break (nothing is focused, so a stray Enter does nothing)
    term.wait_for_all("On a break", "left of 6 s", timeout=30)
    # It runs its length (a break left at once is no break taken, issue 15 item 12).
    term.wait_for("That was your break", timeout=25)
    term.send("Escape")  # I'm back
    term.wait_for("Today at a glance")
    screen = term.wait_for_all("Breaks today", "1 taken · 0 postponed · 0 skipped", "Next break in")
    left = re.search(r"Next break in (\d+) s", screen)
    assert left is not None and 7 <= int(left.group(1)) <= 14, screen  # counted from "back"
    term.send("q")
    assert term.exit_status() == 0
