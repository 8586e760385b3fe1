"""A file where one of companion's folders should be: the installed app says so in
words when it starts, in a real terminal, and exits without a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.tmux import Tmux, installed_companion

pytestmark = pytest.mark.e2e


def test_the_app_says_so_at_start(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    (home / "backups").write_text("not a folder")
    term = Tmux(tmp_path)
    try:
        term.start([str(installed_companion()), "--data-dir", str(home)], {"LANG": "C.UTF-8"})
        screen = term.wait_for("__EXIT__=")
        assert "should be a folder, but something else is there" in screen
        assert "Traceback" not in screen and term.exit_status() == 1
    finally:
        term.close()
