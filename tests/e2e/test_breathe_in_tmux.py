"""Breathing and SOS in a real terminal with the real clock: the phases come at the
right seconds, the command exits when the session ends, and the SOS keys arrive."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_app_in_tmux import env_for
from tests.e2e.tmux import Tmux, installed_companion

pytestmark = pytest.mark.e2e

TOLERANCE = 0.6  # seconds: polling every 0.1 s plus drawing, well under a phase


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Tmux]:
    tmux = Tmux(tmp_path)
    yield tmux
    tmux.close()


def seen_at(term: Tmux, text: str, timeout: float) -> float:
    term.wait_for(text, timeout)
    return time.monotonic()


def test_breathe_command_paces_one_round_of_4_7_8_and_exits(term: Tmux, home: Path) -> None:
    command = [str(installed_companion()), "breathe", "--pattern", "4-7-8", "--rounds", "1"]
    term.start(command, env_for(home, "en_US.UTF-8"))
    inhale = seen_at(term, "Breathe in", timeout=20)
    screen = term.screen()
    assert "Round 1 of 1" in screen and "4-7-8 breathing" in screen
    hold = seen_at(term, "Hold", timeout=8)
    assert "7 s" in term.screen()
    exhale = seen_at(term, "Breathe out", timeout=10)
    assert abs((hold - inhale) - 4) <= TOLERANCE
    assert abs((exhale - hold) - 7) <= TOLERANCE
    assert term.exit_status(timeout=12) == 0
    assert abs((time.monotonic() - exhale) - 8) <= 2  # the pane is read every 0.1 s
    sessions = json.loads((home / "data" / "activity.db").read_text("utf-8"))["breathing"]
    (session,) = sessions.values()
    assert (session["pattern"], session["completed"], session["rounds_done"]) == ("4-7-8", True, 1)


def test_f2_and_ctrl_o_open_sos_in_a_real_terminal(term: Tmux, home: Path) -> None:
    term.start([str(installed_companion())], env_for(home, "en_US.UTF-8"))
    term.wait_for("Which language would you like?")
    term.send("Escape")
    term.wait_for("Today at a glance")
    term.send("F2")
    term.wait_for("That was a hard one.")
    term.send("Escape")
    term.wait_for("Today at a glance")
    term.send("C-o")
    term.wait_for("That was a hard one.")
    term.send("Enter")
    term.wait_for("Sigh 1 of 3")
    term.send("C-q")
    assert term.exit_status() == 0


def test_breathe_command_works_beside_the_app_that_is_open(tmp_path: Path, home: Path) -> None:
    """The app opened at login holds the data folder; `companion breathe` from a shell
    still opens a session (and leaves the open app as it was)."""
    (tmp_path / "app").mkdir()
    (tmp_path / "shell").mkdir()
    app, shell = Tmux(tmp_path / "app"), Tmux(tmp_path / "shell")
    try:
        app.start([str(installed_companion())], env_for(home, "en_US.UTF-8"))
        app.wait_for("Which language would you like?")
        app.send("Escape")
        app.wait_for("Today at a glance")
        command = [str(installed_companion()), "breathe", "--pattern", "box", "--rounds", "1"]
        shell.start(command, env_for(home, "en_US.UTF-8"))
        screen = shell.wait_for("Breathe in", timeout=20)
        assert "Round 1 of 1" in screen
        shell.send("Escape")  # stopped early (a whole round is timed in the test above)
        assert shell.exit_status(timeout=10) == 0
        assert "Today at a glance" in app.screen()
        app.send("C-q")
        assert app.exit_status() == 0
    finally:
        app.close()
        shell.close()
