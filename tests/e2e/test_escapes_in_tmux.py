"""Text from config.toml on its way to a real terminal: an escape sequence in a value or
a key name (OSC 2 sets the window title) is shown as symbols in the app's message and
never acts. The pane's title is what the terminal says it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.test_app_in_tmux import env_for
from tests.e2e.test_journal_in_tmux import mark_welcome_done
from tests.e2e.tmux import Tmux, installed_companion

pytestmark = pytest.mark.e2e

CONFIG = """theme = "\\u001b]2;PWNED-VALUE\\u0007dark"
[keys]
"\\u001b]2;PWNED-KEY\\u0007" = "x"
"""


def test_an_escape_in_config_toml_never_reaches_the_terminal(term: Tmux, home: Path) -> None:
    mark_welcome_done(home)
    (home / "config.toml").write_text(CONFIG, "utf-8")
    term.start([str(installed_companion())], env_for(home, "en_US.UTF-8"))
    term.wait_for("␛]2;PWNED-VALUE␇dark")
    term.wait_for("␛]2;PWNED-KEY␇")
    title = term._run("display-message", "-p", "-t", term.session, "#{pane_title}")
    assert "PWNED" not in title
    term.send("C-q")
    assert term.exit_status() == 0
