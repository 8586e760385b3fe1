"""A damaged activity log in the installed app: the restore question is asked, and
however it is closed without an answer (ctrl+q, Esc) it comes back at the next start,
with no welcome tour in its place, and doctor counts it, until "Restore the backup"."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_app_in_tmux import env_for
from tests.e2e.tmux import Tmux, installed_companion

pytestmark = pytest.mark.e2e

QUESTION = "could not be read, so it was moved aside"


def activity_with_a_backup(home: Path) -> Path:
    from companion.store.stores import open_stores
    from companion.system.clock import SystemClock
    from companion.system.paths import resolve_paths

    paths = resolve_paths(home)
    stores = open_stores(paths, SystemClock())
    stores.state.set("welcome_done", True)
    stores.breathing.add(pattern="478", rounds=4, rounds_done=4, seconds=76.0, completed=True)
    open_stores(paths, SystemClock())  # today's backup of it
    return paths.activity_db


def doctor(home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(installed_companion()), "--data-dir", str(home), "doctor"],
        capture_output=True,
        text=True,
        timeout=60,
    )


def start(tmp: Path, home: Path) -> Tmux:
    term = Tmux(tmp)
    term.start([str(installed_companion())], env_for(home, "en_US.UTF-8"))
    return term


def test_the_question_comes_back_until_it_is_answered(tmp_path: Path, home: Path) -> None:
    activity = activity_with_a_backup(home)
    raw = activity.read_bytes()
    activity.write_bytes(raw[: len(raw) // 2])  # cut in half
    for leave in ("C-q", "Escape"):
        term = start(tmp_path, home)
        try:
            term.wait_for(QUESTION)
            screen = term.wait_for("Restore the backup")
            assert "Which language" not in screen  # not a first start: no welcome tour
            term.send(leave)
            if leave == "Escape":
                term.wait_gone(QUESTION)
                term.wait_for("Where to go")
                term.send("k")  # something is written meanwhile: a break starts
                term.send("C-q")
            assert term.exit_status() == 0
        finally:
            term.close()
        report = doctor(home)
        assert report.returncode == 1, report.stdout
        assert "activity log: damaged and set aside" in report.stdout
        assert "you have not chosen yet" in report.stdout
    term = start(tmp_path, home)
    try:
        term.wait_for("Restore the backup")
        term.send("Enter")  # "Restore the backup" has the focus
        term.wait_for("restored")
        term.send("C-q")
        assert term.exit_status() == 0
    finally:
        term.close()
    term = start(tmp_path, home)
    try:
        term.wait_for("Where to go")
        assert QUESTION not in term.screen()
        term.send("C-q")
        assert term.exit_status() == 0
    finally:
        term.close()
    assert "activity log: readable" in doctor(home).stdout
