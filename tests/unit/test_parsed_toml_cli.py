"""The kept parse of config.toml and the packs, through the installed command: an edit
to config.toml is seen at once (the same size, the same second), a broken one is
said as before, nothing is kept before companion is used in a folder, and ``wipe``
takes the cache with the rest."""

from __future__ import annotations

import os
from pathlib import Path

from companion.system.paths import resolve_paths
from tests.unit.test_passphrase_cli import companion


def used(home: Path, config: str) -> Path:
    """A folder companion has been used in, config.toml as given, the parse kept."""
    home.mkdir()
    (home / "config.toml").write_text(config, "utf-8")
    for _ in range(2):
        assert companion(home, "note", "a hard chat").returncode == 0
    cache = resolve_paths(home).cache_dir
    assert (cache / "config.json").is_file() and list(cache.glob("content.*.json"))
    return cache


def test_a_config_changed_to_the_same_size_in_the_same_second_is_read_as_it_is(
    tmp_path: Path,
) -> None:
    home = tmp_path / "h"
    used(home, 'language = "en"\n')
    config = home / "config.toml"
    before = config.stat()
    config.write_text('language = "zh"\n', "utf-8")
    os.utime(config, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert config.stat().st_size == before.st_size
    assert "已保存" in companion(home, "note", "又一位").stdout
    config.write_text('language = "en"\n', "utf-8")
    assert "Saved" in companion(home, "note", "and another").stdout


def test_a_config_broken_after_its_parse_was_kept_is_said_as_ever(tmp_path: Path) -> None:
    home, fresh = tmp_path / "h", tmp_path / "fresh"
    used(home, 'language = "zh"\n')
    fresh.mkdir()
    for folder in (home, fresh):
        (folder / "config.toml").write_text('language = "zh\n', "utf-8")
    said = [
        [line.replace(str(f), "~") for line in companion(f, "note", "hi").stderr.splitlines()]
        for f in (home, fresh)
    ]
    assert any("config.toml could not be read" in line for line in said[0])
    assert said[0] == said[1]


def test_nothing_is_kept_before_companion_is_used_in_a_folder(tmp_path: Path) -> None:
    home = tmp_path / "h"
    for argv in (["--help"], ["--version"], ["note", "--help"]):
        companion(home, *argv)
    assert not home.exists()


def test_wipe_takes_the_cache_and_leaves_nothing_behind(tmp_path: Path) -> None:
    home = tmp_path / "h"
    cache = used(home, 'language = "en"\n')
    result = companion(home, "wipe", stdin="delete\n")
    assert result.returncode == 0, result.stderr
    assert not cache.exists() and not home.exists()


def test_wipe_removes_a_link_in_place_of_the_cache_not_what_it_points_to(tmp_path: Path) -> None:
    home, elsewhere = tmp_path / "h", tmp_path / "elsewhere"
    cache = used(home, 'language = "en"\n')
    for path in cache.iterdir():
        path.unlink()
    cache.rmdir()
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not companion's", "utf-8")
    cache.symlink_to(elsewhere)
    assert companion(home, "note", "written with the link there").returncode == 0
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]  # nothing written
    result = companion(home, "wipe", stdin="delete\n")
    assert result.returncode == 0, result.stderr
    assert not os.path.lexists(cache) and (elsewhere / "keep.txt").is_file()
