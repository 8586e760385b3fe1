"""companion doctor checks the mode of every file companion keeps, not only its folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from companion.cli import main
from companion.services.doctor.files import file_lines
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.i18n import Strings
from companion.system.paths import Paths, ensure_dirs, resolve_paths
from tests.layout import part_backups, segment

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def installed(home: Path, clock: FakeClock) -> Paths:
    """Both stores, a day's backup of each, and a log file, all as companion writes them."""
    paths = ensure_dirs(resolve_paths(home))
    stores = open_stores(paths, clock)
    stores.entries.add(kind="free", text="a hard chat")
    stores.state.set("x", 1)
    stores.close()
    open_stores(paths, clock).close()  # the day's backups
    paths.log_file.write_text("")
    paths.log_file.chmod(0o600)
    return paths


def test_a_journal_others_can_read_needs_action(
    home: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    installed(home, clock)
    assert main(["doctor"]) == 0
    assert "only you can read them" in capsys.readouterr().out
    journal = segment(home)  # one file of the journal
    journal.chmod(0o644)
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert f"! {journal}  others can read it (mode 644); fix: chmod 600 {journal}" in out
    assert "1 thing(s) need your attention" in out
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["doctor"]) == 1
    assert f"其他人也能读取（权限 644）；修复：chmod 600 {journal}" in capsys.readouterr().out


def test_every_kind_of_file_is_checked_and_many_share_one_line(
    home: Path, clock: FakeClock
) -> None:
    paths = installed(home, clock)
    for day in (20, 21, 22):
        (paths.backup_dir / f"journal-2026-11-{day}.db").write_text("{}")
    for path in paths.backup_dir.rglob("*"):
        if path.is_file():  # the stores' backups, and those of the journal's files
            path.chmod(0o644)
    paths.log_file.chmod(0o640)
    paths.activity_db.chmod(0o604)
    aside = [paths.data_dir / f"journal.db.corrupt-2026112{n}" for n in (1, 2)]
    for path in aside:
        path.write_text("what the customer said")
        path.chmod(0o644)
    lines, problems = file_lines(paths, Strings("en"))
    text = "\n".join(lines)
    assert problems == 5 and all(line.startswith("! ") for line in lines)
    assert (
        f"4 backups can be read by others (mode 644); fix: chmod 600 {paths.backup_dir}/*.db"
        in text
    )
    (journal_backup,) = part_backups(home)  # the journal's own folder of backups
    assert f"! {journal_backup}  others can read it (mode 644)" in text
    assert f"fix: chmod 600 {aside[0]} {aside[1]}" in text  # two are named, not globbed
    assert f"! {paths.log_file}  others can read it (mode 640)" in text
    assert f"! {paths.activity_db}  others can read it (mode 604)" in text
    zh = "\n".join(file_lines(paths, Strings("zh"))[0])
    fix = f"chmod 600 {paths.backup_dir}/*.db"
    assert f"有 4 个备份文件其他人也能读取（权限 644）；修复：{fix}" in zh
    assert "有 2 个被挪开的文件其他人也能读取" in zh


def test_the_fix_never_touches_a_folder_and_paths_are_quoted(tmp_path: Path) -> None:
    paths = ensure_dirs(resolve_paths(tmp_path / "Application Support"))
    for day in (20, 21, 22):
        (paths.backup_dir / f"journal-2026-11-{day}.db").write_text("{}")
        (paths.backup_dir / f"journal-2026-11-{day}.db").chmod(0o644)
    (paths.backup_dir / "kept.db").mkdir()  # chmod 600 backups/*.db would lock this folder
    lines, _ = file_lines(paths, Strings("en"))
    assert len(lines) == 1
    assert f"fix: chmod 600 '{paths.backup_dir}/journal-2026-11-20.db' '" in lines[0]
    assert "/*" not in lines[0]


def test_modes_are_not_checked_where_there_are_none(home: Path, clock: FakeClock) -> None:
    paths = installed(home, clock)
    segment(home).chmod(0o644)
    assert file_lines(paths, Strings("en"), posix=False) == ([], 0)
