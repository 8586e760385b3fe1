"""The journal through the installed command: a note written from the shell is found in
the running app, and a kill while typing loses at most the autosave interval."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from companion.ui.journal.entry_editor import AUTOSAVE_SECONDS
from tests.e2e.test_app_in_tmux import env_for
from tests.e2e.tmux import Tmux, installed_companion
from tests.layout import journal_dir

pytestmark = pytest.mark.e2e


def mark_welcome_done(home: Path) -> None:
    from companion.store.stores import open_stores
    from companion.system.clock import SystemClock
    from companion.system.paths import resolve_paths

    stores = open_stores(resolve_paths(home), SystemClock())
    stores.state.set("welcome_done", True)
    stores.close()


def shell_note(home: Path, *args: str) -> None:
    subprocess.run(
        [str(installed_companion()), "--data-dir", str(home), "note", *args],
        check=True,
        capture_output=True,
        timeout=60,
    )


def children_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (read from /proc: no procps needed)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_a_note_from_the_shell_is_found_in_the_app(term: Tmux, home: Path) -> None:
    mark_welcome_done(home)
    shell_note(home, "Refund storm with a rude customer #refund", "--kind", "thought")
    term.start([str(installed_companion())], env_for(home, "en_US.UTF-8"))
    term.wait_for("Where to go")
    term.send("j")
    term.wait_for("Refund storm with a rude customer")
    # Written while the app is open: the list picks it up by itself.
    shell_note(home, "顾客说要给差评 #差评")
    term.wait_for("顾客说要给差评", timeout=20)
    term.send("/", *"差评")
    term.wait_for("1 of 2")
    # (The count and the rows can reach the terminal in two frames: wait for the rows.)
    screen = term.wait_gone("Refund storm", timeout=10)
    assert "1 of 2" in screen and "顾客说要给差评" in screen
    term.send("Enter", "Enter")
    term.wait_for("Free writing")
    term.send("C-q")
    assert term.exit_status() == 0


def test_a_kill_while_typing_keeps_the_draft(term: Tmux, home: Path) -> None:
    mark_welcome_done(home)
    term.start([str(installed_companion())], env_for(home, "en_US.UTF-8"))
    term.wait_for("Where to go")
    term.send("j")
    term.wait_for("Nothing here yet")
    term.send("C-n")
    term.wait_for("What would you like to write?")
    term.send("4")
    term.wait_for("Write whatever you like")
    term.send(*"words typed before the crash")
    journal = journal_dir(home) / "drafts.db"  # the journal's file of unsaved writing
    deadline = time.monotonic() + AUTOSAVE_SECONDS * 4
    while not journal.exists() or b"before the crash" not in journal.read_bytes():
        assert time.monotonic() < deadline, "no draft was autosaved"
        time.sleep(0.1)
    for child in children_of(term.pane_pid()):
        os.kill(child, signal.SIGKILL)  # the app dies without a chance to save
    term.wait_for("__EXIT__=")
    term.close()
    again = Tmux(home.parent)
    try:
        again.start([str(installed_companion())], env_for(home, "en_US.UTF-8"))
        # The next start offers the draft back on Home, before anything else.
        again.wait_for("You have an unsaved Free writing")
        again.send("Enter")
        again.wait_for("words typed before the crash")
        again.send("C-s")
        again.wait_for("Journal entries  1")
        again.send("C-q")
        assert again.exit_status() == 0
    finally:
        again.close()


def test_keys_typed_with_j_reach_the_journal(term: Tmux, home: Path) -> None:
    """``j``, the passphrase and Enter in one burst (a password manager's auto-type),
    then ``j`` and a search in one burst: every key reaches the dialog or the search
    box the ``j`` opened, in order (they were lost: "Nothing was typed")."""
    from companion.store import encryption
    from companion.store.stores import open_stores
    from companion.system.clock import SystemClock
    from companion.system.paths import resolve_paths

    mark_welcome_done(home)
    shell_note(home, "late refund again #refund")
    shell_note(home, "calm morning shift")
    stores = open_stores(resolve_paths(home), SystemClock())
    encryption.encrypt(stores.journal, "quiet harbour lantern")
    stores.close()
    term.start([str(installed_companion())], env_for(home, "en_US.UTF-8"))
    term.wait_for("Where to go")
    term.burst("jquiet harbour lantern\r")
    term.wait_for_all("late refund again", "calm morning shift", timeout=30.0)
    term.send("Escape")
    term.wait_for("Where to go")
    term.burst("jlate")
    term.wait_for("late refund again")  # the journal's list
    screen = term.wait_gone("calm morning shift")  # the search, "late", took it
    assert "late refund again" in screen
    term.send("C-q")
    assert term.exit_status() == 0


def test_words_typed_in_the_list_search_and_never_quit_or_switch_theme(
    term: Tmux, home: Path
) -> None:
    """Issue 15, item 1, as a terminal sends the keys: a burst of letters typed in the
    journal's list (t, q, e, d among them) goes to the search; companion neither quits,
    nor switches the theme, nor opens an entry or the delete question."""
    mark_welcome_done(home)
    shell_note(home, "late refund again #refund")
    shell_note(home, "calm morning shift")
    config = home / "config.toml"
    before = config.read_bytes() if config.exists() else None
    term.start([str(installed_companion())], env_for(home, "en_US.UTF-8"))
    term.wait_for("Where to go")
    term.send("j")
    term.wait_for("calm morning shift")
    term.burst("late")
    screen = term.wait_gone("calm morning shift")
    assert "late refund again" in screen
    # 300 keys at once, every one an app letter on Home; the last word says the whole
    # burst was taken ("Nothing matches" shows after its second key, and a loaded
    # machine once read the screen before the rest had come through)
    term.burst(" tqed" * 60 + " zz9")
    screen = term.wait_for_all("tqed zz9", "Nothing matches", timeout=30.0)
    assert "__EXIT__" not in screen and "Delete" not in screen
    assert "tqed tqed" in screen  # in the search box
    assert (config.read_bytes() if config.exists() else None) == before  # theme unchanged
    term.send("C-q")
    assert term.exit_status() == 0
