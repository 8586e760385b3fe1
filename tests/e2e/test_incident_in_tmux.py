"""The incident note in a real terminal: hundreds of characters typed at once (a text
expander, no bracketed paste) and the keep key straight after lose nothing, and no
letter of them runs a command."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from tests.e2e.test_app_in_tmux import env_for
from tests.e2e.test_journal_in_tmux import mark_welcome_done
from tests.e2e.tmux import Tmux, installed_companion

pytestmark = pytest.mark.e2e

# Letters that are keys elsewhere (l help lines, j journal, k break, q quit, s settings),
# Chinese, digits and punctuation: 640 characters.
BURST = ("qjkls 你这种客服就该被开除 refund 2026112300017 now!! [bold]x[/] " * 10).strip()


def incidents(home: Path) -> list[dict[str, object]]:
    found = subprocess.run(
        [
            str(installed_companion()),
            "--data-dir",
            str(home),
            "find",
            "--kind",
            "incident",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(found.stdout)  # type: ignore[no-any-return]


def test_a_burst_then_the_keep_key_keeps_every_character(term: Tmux, home: Path) -> None:
    mark_welcome_done(home)
    term.start([str(installed_companion())], env_for(home, "en_US.UTF-8"))
    term.wait_for("Where to go")
    open_sos(term)
    term.send("n")
    term.wait_for("A private note of this contact")
    term.burst(BURST)
    term.send("C-s")
    term.wait_for("That was a hard one")  # back in SOS: kept
    term.send("Escape")
    term.wait_for("Where to go")
    term.send("C-q")
    assert term.exit_status() == 0
    (note,) = incidents(home)
    assert note["text"] == BURST


def test_keys_typed_with_the_note_key_are_all_kept_in_order(term: Tmux, home: Path) -> None:
    """A burst sent the instant the note's key is pressed: every character reaches the
    words, in order (they are held until the words field has the focus), and none runs
    a command (l, j, k, s, q are keys elsewhere)."""
    mark_welcome_done(home)
    term.start([str(installed_companion())], env_for(home, "en_US.UTF-8"))
    term.wait_for("Where to go")
    open_sos(term)
    term.burst("n" + BURST)  # the note's key and the words in one go
    term.send("C-s")
    term.wait_for("Kept in your journal")
    term.wait_for("That was a hard one")  # back in SOS
    term.send("C-q")
    assert term.exit_status() == 0
    assert [str(note["text"]) for note in incidents(home)] == [BURST]
    assert drafts(home) == []


def open_sos(term: Tmux, shows: str = "That was a hard one") -> None:
    """F2, again if a loaded machine's app was still starting (its terminal queries
    answered) when the first one came: these tests are about what comes after it."""
    deadline = time.monotonic() + 60
    while True:
        term.send("F2")
        try:
            term.wait_for(shows, timeout=5)
            return
        except AssertionError:
            if time.monotonic() > deadline:
                raise


def drafts(home: Path) -> list[str]:
    from companion.services.container import build_services

    services = build_services(home=home, env={})
    return [str(d.fields.get("words", "")) for d in services.journal.drafts.of("incident-note")]


def test_help_lines_are_one_key_from_sos_in_chinese(term: Tmux, home: Path) -> None:
    mark_welcome_done(home)
    term.start([str(installed_companion())], env_for(home, "zh_CN.UTF-8"))
    term.wait_for("SOS")
    open_sos(term, "刚才那位，真不容易。")
    term.send("l")
    term.wait_for("12356")
    term.wait_for_all("12356", "求助热线", "120")
    term.send("Escape")
    term.wait_for("刚才那位，真不容易。")  # back in SOS, where l was pressed
    term.send("C-q")
    assert term.exit_status() == 0
