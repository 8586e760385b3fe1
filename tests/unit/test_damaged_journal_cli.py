"""The real ``companion`` command with a damaged, cut-short or newer journal, plain or
encrypted: it says what is wrong and which backup the app offers, exits non-zero, and
neither moves the file nor writes into a fresh, empty journal."""

from __future__ import annotations

import os
import pty
import select
import sys
import time
from pathlib import Path

import pytest

from companion.store import encryption
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.layout import segment
from tests.unit.test_passphrase_cli import companion

PASS = "long enough 123"
WITH = {"COMPANION_PASSPHRASE": PASS}


def three_entries(home: Path, clock: FakeClock, passphrase: str | None) -> Path:
    """Three entries, and a backup of them from yesterday: their segment's path."""
    stores = open_stores(resolve_paths(home), clock)
    for text in ("first words", "second words", "third words"):
        stores.entries.add(kind="free", text=text)
    if passphrase:
        encryption.encrypt(stores.journal, passphrase)
    clock.advance(days=1)
    open_stores(resolve_paths(home), clock, passphrase=passphrase)  # the day's backup
    return segment(home)


def files(home: Path) -> dict[Path, bytes]:
    """Every file kept for the person: not the locks, nor the cache of parsed TOML
    (config.toml's and the packs', made by any command: system/parsed_toml.py)."""
    cache = resolve_paths(home).cache_dir
    return {
        p: p.read_bytes()
        for p in home.rglob("*")
        if p.is_file() and p.suffix != ".lock" and cache not in p.parents
    }


@pytest.mark.parametrize("passphrase", [PASS, None], ids=["encrypted", "plain"])
def test_a_damaged_journal_is_reported_and_nothing_is_written(
    home: Path, clock: FakeClock, passphrase: str | None
) -> None:
    journal = three_entries(home, clock, passphrase)
    raw = bytearray(journal.read_bytes())
    raw[-5] ^= 0xFF  # one byte flipped
    journal.write_bytes(bytes(raw))
    before = files(home)
    for _ in range(2):  # and again: no fresh journal appears in between
        note = companion(home, "note", "x", **WITH)
        assert note.returncode == 1, note.stdout
        assert "Saved" not in note.stdout and "Traceback" not in note.stderr
        assert "entries-2026-11.db) is damaged" in note.stderr
        assert "restore the backup of 2026-11-2" in note.stderr
        assert files(home) == before
    found = companion(home, "find", "", LANG="zh_CN.UTF-8", **WITH)
    assert found.returncode == 1 and "已损坏" in found.stderr


@pytest.mark.parametrize("size", [4, 20])
def test_a_cut_short_encrypted_journal_is_damage_not_a_crash(
    home: Path, clock: FakeClock, size: int
) -> None:
    journal = three_entries(home, clock, PASS)
    journal.write_bytes(journal.read_bytes()[:size])
    before = files(home)
    note = companion(home, "note", "x", **WITH)
    assert note.returncode == 1 and "Traceback" not in note.stderr
    assert "is damaged" in note.stderr and "restore the backup" in note.stderr
    assert files(home) == before
    doctor = companion(home, "doctor")
    assert "journal: cannot be read" in doctor.stdout and "unlock the journal" in doctor.stdout


def test_a_newer_encryption_format_is_refused_untouched(home: Path, clock: FakeClock) -> None:
    journal = three_entries(home, clock, PASS)
    raw = bytearray(journal.read_bytes())
    raw[8] = 7  # the envelope's version
    journal.write_bytes(bytes(raw))
    before = files(home)
    note = companion(home, "note", "x", **WITH)
    assert note.returncode == 1 and "Traceback" not in note.stderr
    assert "written by a newer companion" in note.stderr
    assert files(home) == before
    doctor = companion(home, "doctor")
    assert "journal: written by a newer companion (format 7)" in doctor.stdout


def on_a_terminal(home: Path, answers: list[str], *args: str) -> tuple[int, str]:
    """Run the command on a pseudo-terminal, answering each passphrase prompt."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real command, its terminal is the pty
        command = str(Path(sys.executable).parent / "companion")
        env = {k: v for k, v in os.environ.items() if k != "COMPANION_PASSPHRASE"}
        os.execve(command, [command, "--data-dir", str(home), *args], env)
    seen, asked, deadline = b"", 0, time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break  # the command ended
        if not chunk:
            break
        seen += chunk
        if seen.count(b"Passphrase for your journal") > asked and answers:
            os.write(fd, answers.pop(0).encode() + b"\r")
            asked += 1
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), seen.decode("utf-8", "replace")


def test_an_empty_passphrase_is_a_kind_try(home: Path, clock: FakeClock) -> None:
    three_entries(home, clock, PASS)
    code, output = on_a_terminal(home, ["", "", PASS], "note", "typed later")
    assert "Traceback" not in output
    assert output.count("Nothing was typed. Please type your passphrase.") == 2
    assert code == 0 and "Saved" in output
