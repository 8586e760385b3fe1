"""A daily backup that cannot be written (disk full, folder not writable) never stops
companion: the store opens, commands run, and the person is told once why."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from companion.services.doctor.report import run_doctor
from companion.store import backup
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import display_path, ensure_dirs, resolve_paths

FULL = os.strerror(errno.ENOSPC)


@pytest.fixture
def disk_full(monkeypatch):  # type: ignore[no-untyped-def]
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, FULL)

    monkeypatch.setattr(backup, "write_atomic", full)


def with_entry(home: Path, clock: FakeClock) -> None:
    stores = open_stores(resolve_paths(home), clock)
    stores.entries.add(kind="free", text="kept")
    stores.state.set("seen", True)  # the activity log exists too
    clock.advance(days=1)  # a new day: a backup is due


def test_the_stores_open_without_a_backup(home: Path, clock: FakeClock, disk_full) -> None:
    with_entry(home, clock)
    stores = open_stores(resolve_paths(home), clock)
    assert stores.problems == []
    assert stores.journal.backup_failed is not None
    assert stores.journal.backup_failed.strerror == FULL
    assert [e.text for e in stores.entries.all()] == ["kept"]
    assert not list((home / "backups").glob("journal-*"))


def test_a_command_runs_and_says_so_once(
    home: Path, clock: FakeClock, disk_full, monkeypatch, capsys
) -> None:
    from companion.cli import main

    with_entry(home, clock)
    monkeypatch.setenv("COMPANION_HOME", str(home))
    assert main(["note", "still saved"]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    # (A note never opens the activity log, so only the journal's backup was tried.)
    assert f"Today's backup of your journal could not be written ({FULL})" in err
    assert err.rstrip().endswith("Freeing some disk space usually sorts it out.")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["note", "还在"]) == 0
    assert "今天没能给日记做备份" in capsys.readouterr().err


def test_doctor_says_no_backup_could_be_written(home: Path, monkeypatch) -> None:
    from companion.store import health

    paths = ensure_dirs(resolve_paths(home))
    monkeypatch.setattr(health.shutil, "disk_usage", lambda _: SimpleNamespace(free=0))
    report = run_doctor(paths, {})
    text = "\n".join(report.lines)
    assert "! Backups: no backup could be written: the disk is full" in text
    assert report.problems >= 1
    zh = "\n".join(run_doctor(paths, {"LANG": "zh_CN.UTF-8"}).lines)
    assert "没能写入备份：磁盘已满" in zh


def test_doctor_on_a_full_disk_knows_todays_backups_are_there(
    home: Path, clock: FakeClock, monkeypatch
) -> None:
    from companion.store import health

    with_entry(home, clock)
    open_stores(resolve_paths(home), clock)  # today's backups of both are written
    monkeypatch.setattr(health.shutil, "disk_usage", lambda _: SimpleNamespace(free=0))
    report = run_doctor(resolve_paths(home), {}, clock=clock)
    text = "\n".join(report.lines)
    assert "no backup could be written" not in text and report.problems == 0
    clock.advance(days=1)  # tomorrow's are due, and the disk is still full
    text = "\n".join(run_doctor(resolve_paths(home), {}, clock=clock).lines)
    assert "! Backups: no backup could be written: the disk is full" in text


def test_a_file_where_the_journals_backups_go_is_named_not_the_disk(
    home: Path, clock: FakeClock, monkeypatch, capsys
) -> None:
    """A file in the place of backups/journal: the note is saved, the file is left as
    it is, and the warning says what is in the way (no errno without words, no advice
    to free disk space)."""
    import shutil

    from companion.cli import main

    with_entry(home, clock)
    folder = home / "backups" / "journal"
    shutil.rmtree(folder, ignore_errors=True)
    folder.write_text("someone's file", "utf-8")
    monkeypatch.setenv("COMPANION_HOME", str(home))
    assert main(["note", "still saved"]) == 0
    err, shown = capsys.readouterr().err, display_path(folder)
    assert f"({shown} is a file, where companion keeps a folder of backups)" in err
    assert "Moving that file away or renaming it sorts it out" in err
    assert "disk space" not in err and "[Errno" not in err
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["note", "还在"]) == 0
    err = capsys.readouterr().err
    assert f"（{shown} 是一个文件，而 companion 要在这个位置放备份文件夹）" in err
    assert "下次打开 companion 时会再试一次。把这个文件挪走" in err  # (no space between)
    assert "磁盘空间" not in err
    assert folder.read_text("utf-8") == "someone's file"
    stores = open_stores(resolve_paths(home), clock)
    assert sorted(e.text for e in stores.entries.all()) == ["kept", "still saved", "还在"]
    report = run_doctor(resolve_paths(home), {}, clock=clock)
    text = "\n".join(report.lines)
    assert f"! Backups: none can be written: {folder} is a file" in text
    assert "free some disk space" not in text and report.problems >= 1


def test_a_folder_not_writable_names_the_folder(
    home: Path, clock: FakeClock, monkeypatch, capsys
) -> None:
    from companion.cli import main

    def refused(path: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    with_entry(home, clock)
    monkeypatch.setattr(backup, "write_atomic", refused)
    monkeypatch.setenv("COMPANION_HOME", str(home))
    assert main(["note", "still saved"]) == 0
    err = capsys.readouterr().err
    assert f"({os.strerror(errno.EACCES)})" in err
    shown = display_path(home / "backups" / "journal")
    assert f"Making {shown} writable for you sorts it out." in err


@pytest.mark.parametrize(
    ("code", "advice"),
    [
        (errno.ENOSPC, "Freeing some disk space usually sorts it out."),
        (errno.EACCES, "Making {parent} writable for you sorts it out."),
    ],
)
def test_a_backups_folder_that_cannot_be_made_is_told_by_its_cause(
    home: Path, clock: FakeClock, monkeypatch, capsys, code: int, advice: str
) -> None:
    """ensure_dir raises FolderProblem("cannot_create") from the system's error: the
    advice follows that error (a full disk, a refusal), not the wrapper's errno."""
    import shutil

    from companion.cli import main
    from companion.system.paths import FolderProblem

    def cannot(path: Path, *args: object, **kwargs: object) -> Path:
        try:
            raise OSError(code, os.strerror(code), str(path))
        except OSError as error:
            raise FolderProblem(path, "cannot_create", os.strerror(code)) from error

    with_entry(home, clock)
    shutil.rmtree(home / "backups" / "journal", ignore_errors=True)
    monkeypatch.setattr(backup, "ensure_dir", cannot)
    monkeypatch.setenv("COMPANION_HOME", str(home))
    assert main(["note", "still saved"]) == 0
    err = capsys.readouterr().err
    assert f"could not be written ({os.strerror(code)})." in err
    assert advice.format(parent=display_path(home / "backups")) in err
