"""Encrypting from the command line, unlocking for commands, and wiping."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion.commands.unlocking import CannotUnlock, unlock_journal
from companion.store import encryption
from companion.store.encryption import MAX_PASSPHRASE
from companion.store.envelope import MAGIC
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.i18n import Strings
from companion.system.paths import resolve_paths
from tests.layout import holding, journal_dir, segment


def companion(home: Path, *args: str, stdin: str = "", **env: str):
    return subprocess.run(
        [str(Path(sys.executable).parent / "companion"), "--data-dir", str(home), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
        start_new_session=True,  # no controlling terminal: nothing may prompt on ours
    )


def journal_with_entry(home: Path, clock: FakeClock) -> Path:
    stores = open_stores(resolve_paths(home), clock)
    stores.entries.add(kind="free", text="private words")
    return segment(home)


def test_set_then_remove_the_passphrase(home: Path, clock: FakeClock) -> None:
    journal = journal_with_entry(home, clock)
    done = companion(home, "passphrase", "set", COMPANION_NEW_PASSPHRASE="long enough 123")
    assert done.returncode == 0, done.stderr
    assert "no way to recover it" in done.stdout
    assert journal.read_bytes().startswith(MAGIC)
    wrong = companion(home, "passphrase", "remove", COMPANION_PASSPHRASE="not it")
    assert wrong.returncode == 1 and "does not open the journal" in wrong.stderr
    assert journal.read_bytes().startswith(MAGIC)
    removed = companion(home, "passphrase", "remove", COMPANION_PASSPHRASE="long enough 123")
    assert removed.returncode == 0, removed.stderr
    assert b"private words" in journal.read_bytes()


def test_a_short_new_passphrase_changes_nothing(home: Path, clock: FakeClock) -> None:
    journal = journal_with_entry(home, clock)
    before = journal.read_bytes()
    result = companion(home, "passphrase", "set", COMPANION_NEW_PASSPHRASE="short")
    assert result.returncode == 1
    assert "COMPANION_NEW_PASSPHRASE is shorter than 8 characters" in result.stderr
    assert journal.read_bytes() == before
    # Without a terminal and without the variable: the variable it needs is named.
    result = companion(home, "passphrase", "set")
    assert result.returncode == 1
    assert "set COMPANION_NEW_PASSPHRASE" in result.stderr
    assert "The journal is encrypted" not in result.stderr  # (it isn't)
    assert journal.read_bytes() == before


def test_a_passphrase_of_bytes_that_are_not_text_is_refused_in_words(
    home: Path, clock: FakeClock
) -> None:
    """Undecodable bytes in the environment reach Python as lone surrogates; encoding
    them for scrypt raised UnicodeEncodeError, a traceback."""
    not_text = b"abc\xff\xfedefgh".decode("utf-8", "surrogateescape")
    journal = journal_with_entry(home, clock)
    before = journal.read_bytes()
    refused = companion(home, "passphrase", "set", COMPANION_NEW_PASSPHRASE=not_text)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "not text (UTF-8)" in refused.stderr
    assert journal.read_bytes() == before
    done = companion(home, "passphrase", "set", COMPANION_NEW_PASSPHRASE="long enough 123")
    assert done.returncode == 0, done.stderr
    encrypted = journal.read_bytes()
    for given in (not_text, "\udcff"):
        found = companion(home, "find", "private", COMPANION_PASSPHRASE=given)
        assert found.returncode == 1 and "Traceback" not in found.stderr
        assert "does not open the journal" in found.stderr
    assert journal.read_bytes() == encrypted


def test_a_new_passphrase_longer_than_the_apps_field_takes_is_refused(
    home: Path, clock: FakeClock
) -> None:
    journal = journal_with_entry(home, clock)
    before = journal.read_bytes()
    longest = "x" * MAX_PASSPHRASE
    refused = companion(home, "passphrase", "set", COMPANION_NEW_PASSPHRASE=longest + "x")
    assert refused.returncode == 1 and "longer than 1024 characters" in refused.stderr
    assert journal.read_bytes() == before
    done = companion(home, "passphrase", "set", COMPANION_NEW_PASSPHRASE=longest)
    assert done.returncode == 0, done.stderr


def test_locked_without_a_terminal_says_how_to_unlock(home: Path, clock: FakeClock) -> None:
    journal = journal_with_entry(home, clock)
    stores = open_stores(resolve_paths(home), clock)
    encryption.encrypt(stores.journal, "long enough 123")
    result = companion(home, "passphrase", "remove")
    assert result.returncode == 1 and "COMPANION_PASSPHRASE" in result.stderr
    assert journal.read_bytes().startswith(MAGIC)


def test_three_wrong_tries_then_give_up(home: Path, clock: FakeClock, capsys) -> None:
    journal_with_entry(home, clock)
    stores = open_stores(resolve_paths(home), clock)
    encryption.encrypt(stores.journal, "long enough 123")
    stores = open_stores(resolve_paths(home), clock)
    asked = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return "wrong"

    with pytest.raises(CannotUnlock):
        unlock_journal(stores.journal, {}, Strings("en"), ask=ask, interactive=True)
    assert len(asked) == 3
    assert capsys.readouterr().err.count("doesn't open the journal") == 2
    answers = iter(["wrong", "long enough 123"])
    unlock_journal(stores.journal, {}, Strings("zh"), ask=lambda p: next(answers), interactive=True)
    assert stores.entries.all()[0].text == "private words"


def test_wipe_needs_the_typed_word(home: Path, clock: FakeClock) -> None:
    journal_with_entry(home, clock)
    (home / "notes-of-mine.txt").write_text("not companion's")
    kept = companion(home, "wipe", stdin="yes\n")
    assert kept.returncode == 1 and "Nothing was deleted" in kept.stdout
    assert segment(home).exists()
    gone = companion(home, "wipe", stdin="delete\n")
    assert gone.returncode == 0, gone.stderr
    assert not (home / "data").exists() and not (home / "backups").exists()
    assert (home / "notes-of-mine.txt").exists()  # only companion's own files go


def test_wipe_in_chinese(home: Path, clock: FakeClock) -> None:
    journal_with_entry(home, clock)
    result = companion(home, "wipe", stdin="删除\n", LANG="zh_CN.UTF-8")
    assert result.returncode == 0 and "已全部删除" in result.stdout
    assert not (home / "data").exists()


def test_journal_commands_unlock_with_the_environment(home: Path, clock: FakeClock) -> None:
    journal_with_entry(home, clock)
    stores = open_stores(resolve_paths(home), clock)
    encryption.encrypt(stores.journal, "long enough 123")
    locked = companion(home, "find", "private")
    assert locked.returncode == 1 and "COMPANION_PASSPHRASE" in locked.stderr
    wrong = companion(home, "note", "more words", COMPANION_PASSPHRASE="nope")
    assert wrong.returncode == 1 and "does not open the journal" in wrong.stderr
    note = companion(home, "note", "more words", COMPANION_PASSPHRASE="long enough 123")
    assert note.returncode == 0, note.stderr
    found = companion(home, "find", "words", COMPANION_PASSPHRASE="long enough 123")
    assert "private words" in found.stdout and "more words" in found.stdout
    assert holding(home, "more words") == [] and holding(home, "private words") == []
    assert all(p.read_bytes().startswith(MAGIC) for p in journal_dir(home).glob("*.db"))


def test_the_passphrase_is_not_changed_under_the_open_app(home: Path, clock: FakeClock) -> None:
    from companion.system.instance import hold

    journal = journal_with_entry(home, clock)
    before = journal.read_bytes()
    app = hold(resolve_paths(home).instance_lock)  # as the running app does
    try:
        refused = companion(home, "passphrase", "set", COMPANION_NEW_PASSPHRASE="long enough 123")
        assert refused.returncode == 1
        assert f"companion is open (process {os.getpid()})" in refused.stderr
        assert "Settings → Journal passphrase" in refused.stderr
        assert journal.read_bytes() == before
        zh = companion(home, "passphrase", "remove", LANG="zh_CN.UTF-8")
        assert zh.returncode == 1 and "请在那边修改密码" in zh.stderr
    finally:
        app.release()
    done = companion(home, "passphrase", "set", COMPANION_NEW_PASSPHRASE="long enough 123")
    assert done.returncode == 0, done.stderr
    assert journal.read_bytes().startswith(MAGIC)


def test_a_journal_encrypted_while_a_command_ran_is_told_the_commands_way(
    home: Path, clock: FakeClock, capsys
) -> None:
    """A note racing `passphrase set` said "Unlock it with your passphrase", the app's
    sentence, without how a command does."""
    import argparse

    from companion.commands.common import STORE_PROBLEM, run_guarded
    from companion.store.database import OpenProblem
    from companion.store.errors import StoreUnavailable

    journal_with_entry(home, clock)

    def encrypted_meanwhile(services, t):  # type: ignore[no-untyped-def]
        problem = OpenProblem("locked", "journal", segment(home))
        raise StoreUnavailable(segment(home), "locked", problem=problem)

    args = argparse.Namespace(data_dir=str(home))
    assert run_guarded(args, encrypted_meanwhile) == STORE_PROBLEM
    said = capsys.readouterr().err
    assert "Run this in a terminal to type the passphrase, or set COMPANION_PASSPHRASE" in said
