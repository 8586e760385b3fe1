"""Folders: one home with COMPANION_HOME, platform folders otherwise, always private."""

from __future__ import annotations

import stat
from pathlib import Path

from companion.system.paths import ensure_dirs, resolve_paths


def test_companion_home_puts_everything_under_one_folder(tmp_path: Path) -> None:
    paths = resolve_paths(env={"COMPANION_HOME": str(tmp_path / "h")})
    root = tmp_path / "h"
    assert paths.config_file == root / "config.toml"
    assert paths.journal_db == root / "data" / "journal.db"
    assert paths.activity_db == root / "data" / "activity.db"
    assert paths.backup_dir == root / "backups"
    assert paths.log_file == root / "logs" / "companion.log"


def test_explicit_home_wins_over_the_environment(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "flag", env={"COMPANION_HOME": str(tmp_path / "env")})
    assert paths.data_dir == tmp_path / "flag" / "data"


def test_without_companion_home_platform_folders_under_home(isolated_environment: Path) -> None:
    paths = resolve_paths(env={})
    for folder in paths.all_dirs():
        assert isolated_environment in folder.parents  # the test's fake HOME / XDG dirs
        assert "companion" in folder.parts


def test_nothing_is_created_until_asked(tmp_path: Path) -> None:
    resolve_paths(tmp_path / "h")
    assert not (tmp_path / "h").exists()


def test_folders_are_private(tmp_path: Path) -> None:
    paths = ensure_dirs(resolve_paths(tmp_path / "h"))
    for folder in paths.all_dirs():
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    (tmp_path / "h" / "data").chmod(0o755)
    ensure_dirs(paths)
    assert stat.S_IMODE((tmp_path / "h" / "data").stat().st_mode) == 0o700
