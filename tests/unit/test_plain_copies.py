"""No plain copy of the journal is left behind: what a killed write left (a temp file,
possibly a whole plain backup) is removed at start and around encryption, wherever
companion writes; a temp file whose writer is still at work is never touched; and a
backup that could not be encrypted is named, with what to do, by `passphrase set` and by
doctor, never hidden behind "Done"."""

from __future__ import annotations

import errno
import fcntl
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from companion.services.doctor.report import run_doctor
from companion.store import encryption
from companion.store.stores import open_stores
from companion.system.atomic import remove_stale_temps
from companion.system.clock import FakeClock
from companion.system.leftovers import SETTINGS_FOLDER_FILES, clean_leftovers
from companion.system.paths import resolve_paths
from tests.layout import journal_files, part_backups, segment
from tests.unit.test_passphrase_cli import companion

WORD = "papayawhip-refund"
NEW = {"COMPANION_NEW_PASSPHRASE": "long enough 123"}

# Writes a backup through write_atomic, and is killed before the rename: what a
# process killed in the middle of the daily backup leaves.
KILLED_WRITER = """
import os, sys, time
from pathlib import Path
from companion.system import atomic
real_fsync = os.fsync
def stuck(fd):
    print("writing", flush=True)
    time.sleep(600)
os.fsync = stuck
atomic.write_atomic(Path(sys.argv[1]), sys.argv[2].encode())
"""


def killed_write(target: Path, text: str) -> Path:
    """A write to ``target`` killed with SIGKILL midway; returns the temp file it left."""
    target.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(target), text], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    [left] = [p for p in target.parent.iterdir() if p.name.startswith(f".{target.name}.")]
    return left


def journal_with_backups(home: Path, clock: FakeClock) -> None:
    stores = open_stores(resolve_paths(home), clock)
    stores.entries.add(kind="free", text=f"the customer said {WORD}")
    for _ in range(2):
        clock.advance(days=1)
        open_stores(resolve_paths(home), clock)  # a backup each day


def holding(home: Path) -> list[Path]:
    """Every file under the data folder that holds the word in plain text."""
    return [p for p in home.rglob("*") if p.is_file() and WORD.encode() in p.read_bytes()]


def test_a_killed_backup_write_is_cleaned_and_encryption_leaves_no_plain_copy(
    home: Path, clock: FakeClock
) -> None:
    journal_with_backups(home, clock)
    raw = segment(home).read_text("utf-8")
    temp = killed_write(part_backups(home)[0].with_name("entries-2026-11-2026-11-26.db"), raw)
    assert WORD.encode() in temp.read_bytes()
    done = companion(home, "passphrase", "set", **NEW)
    assert done.returncode == 0, done.stderr
    assert "Done: the journal is encrypted (" in done.stdout
    assert holding(home) == []


def test_every_folder_is_cleaned_at_start_but_a_live_writers_file_is_kept(home: Path) -> None:
    paths = resolve_paths(home)
    left = [
        killed_write(paths.data_dir / "journal.db", WORD),
        killed_write(paths.backup_dir / "journal-2026-11-20.db", WORD),
        killed_write(paths.log_dir / "companion.log", WORD),
        killed_write(paths.export_dir / "journal-2026-11-23.md", WORD),  # the app's Export
        killed_write(paths.config_dir / "config.toml", WORD),
    ]
    stranger = paths.config_dir / ".notes.txt.abcdefgh.tmp"  # not ours, in a shared folder
    stranger.write_text("someone else's")
    live = paths.backup_dir / ".journal-2026-11-21.db.zzzzzzzz.tmp"
    live.write_text(WORD)
    with live.open("rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # its writer is still at work
        assert clean_leftovers(paths) == []
        assert live.exists()
    assert not any(p.exists() for p in left)
    assert stranger.exists()
    assert remove_stale_temps(paths.backup_dir) == [] and not live.exists()


def test_a_writer_whose_new_temp_is_swept_before_it_locks_it_writes_anyway(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process starting (or opening a store) removes dead writers' temp files.
    One that takes a temp file in the moment between its creation and its writer's
    lock must not make that write fail (seen: a `companion note` beside the app, "Could
    not save ...: No such file or directory"): the writer sees it gone and makes
    another, and a temp file held by its writer is never taken."""
    from companion.system import atomic

    target = tmp_path / "entries-2026-12.db"
    target.write_bytes(b"before")
    hold, swept, held = atomic._hold, [], []

    def swept_first(fd: int) -> None:
        if not swept:  # the other process, in between
            swept.append(remove_stale_temps(tmp_path))
            assert not list(atomic.temp_files(tmp_path))  # it took the new temp file
            hold(fd)
            return
        hold(fd)
        held.append(remove_stale_temps(tmp_path))  # once held: left alone
        assert len(list(atomic.temp_files(tmp_path))) == 1

    monkeypatch.setattr(atomic, "_hold", swept_first)
    atomic.write_atomic(target, b"after")
    assert swept == [[]] and held == [[]] and target.read_bytes() == b"after"
    assert not list(atomic.temp_files(tmp_path))


def test_the_settings_folder_names_match_what_companion_writes_there() -> None:
    from companion.system.autostart.macos import SCRIPT_NAME

    assert {"config.toml", SCRIPT_NAME} == SETTINGS_FOLDER_FILES


def test_a_backup_that_cannot_be_read_is_named_not_hidden(home: Path, clock: FakeClock) -> None:
    journal_with_backups(home, clock)
    damaged = part_backups(home)[0].with_name("entries-2026-11-2026-11-24.db")
    damaged.write_bytes(damaged.read_bytes()[:-20])  # cut short: plain, unreadable
    done = companion(home, "passphrase", "set", **NEW)
    assert done.returncode == 1, done.stdout
    assert "Done" not in done.stdout
    assert "these copies of it are still plain text" in done.stdout
    [aside] = damaged.parent.glob(f"{damaged.name}.corrupt-*")
    assert f"{aside.name}: a backup that could not be read" in done.stdout
    assert f"rm {aside}" in done.stdout
    assert holding(home) == [aside]  # the README names these copies as plain
    report = run_doctor(resolve_paths(home), {})
    text = "\n".join(report.lines)
    assert f"! {aside}: your journal as it was when it could not be read" in text
    assert report.problems >= 1


def test_a_backup_that_cannot_be_written_stops_the_change_and_changes_nothing(
    home: Path, clock: FakeClock, monkeypatch
) -> None:
    """Backups go with the journal (a full disk once left them plain beside an encrypted
    journal, or under the old key after a change, for good)."""
    import companion.store.backup_change as backup_change
    from companion.store.errors import StoreWriteError

    journal_with_backups(home, clock)
    stores = open_stores(resolve_paths(home), clock)
    before = {p: p.read_bytes() for p in journal_files(home)}
    real_write = backup_change.write_durably

    def full_for_backups(path, data):  # type: ignore[no-untyped-def]
        if "backups" in str(path):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(path, data)

    monkeypatch.setattr(backup_change, "write_durably", full_for_backups)
    with pytest.raises(StoreWriteError):
        encryption.encrypt(stores.journal, "long enough 123")
    monkeypatch.undo()
    assert {p: p.read_bytes() for p in journal_files(home)} == before
    assert not [p for p in home.rglob("*") if p.name.endswith("pending")]
    assert run_doctor(resolve_paths(home), {}).problems == 0
    # With room again, it goes through, backups and all.
    stores = open_stores(resolve_paths(home), clock)
    assert encryption.encrypt(stores.journal, "long enough 123").plain_left == ()
    assert holding(home) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_app_names_what_stayed_plain(lang: str, home: Path, clock: FakeClock) -> None:
    from companion.services.messages import plain_left
    from companion.store.encryption import PlainLeft
    from companion.system.i18n import Strings

    [line] = plain_left(
        [PlainLeft(home / "backups" / "j.db", "not_written", "No space")], Strings(lang)
    )
    assert "No space" in line and "rm " in line


def test_a_several_file_change_cut_short_by_a_full_disk_leaves_no_part_of_it(
    tmp_path: Path, monkeypatch
) -> None:
    """The file being written when the disk filled up was left behind (a plain piece of
    an encrypted journal being decrypted, until the next start)."""
    folder = tmp_path / "journal"
    folder.mkdir()
    from companion.store import commit

    real_write = os.write
    writes = []

    def fills_up(fd, data):  # type: ignore[no-untyped-def]
        writes.append(fd)
        if len(writes) == 2:  # the second file: a piece of it, then no room
            real_write(fd, bytes(data)[:10])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", fills_up)
    with pytest.raises(OSError):
        commit.commit(folder, {"a.db": b"first file", "b.db": b"second file, plain words"})
    monkeypatch.undo()
    assert sorted(p.name for p in folder.iterdir()) == []
