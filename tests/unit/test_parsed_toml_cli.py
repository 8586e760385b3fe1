"""The kept parse of config.toml and the packs, through the installed command: an edit
to config.toml is seen at once (the same size, the same second), a broken one is
said as before, nothing is kept before companion is used in a folder, and ``wipe``
takes the cache with the rest."""

from __future__ import annotations

import os
import subprocess
import sys
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


def test_a_cache_folder_shared_with_another_program_keeps_its_files(tmp_path: Path) -> None:
    """COMPANION_HOME may be a folder the person also uses: its ``cache`` may hold other
    programs' files, by names like ours too. None is written over, and wipe takes only
    companion's copies."""
    home = tmp_path / "h"
    cache = home / "cache"
    cache.mkdir(parents=True)
    (cache / "config.json").write_text('{"another": "program"}', "utf-8")
    (cache / "mine.txt").write_text("not companion's", "utf-8")
    (home / "config.toml").write_text('language = "en"\n', "utf-8")
    for _ in range(2):
        assert companion(home, "note", "a hard chat").returncode == 0
    assert (cache / "config.json").read_text("utf-8") == '{"another": "program"}'
    assert list(cache.glob("content.*.json"))  # the packs' copies were kept beside
    result = companion(home, "wipe", stdin="delete\n")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in cache.iterdir()) == ["config.json", "mine.txt"]


def test_wipe_in_the_platforms_folders_takes_everything_in_one_go(
    isolated_environment: Path,
) -> None:
    """Without COMPANION_HOME the backups folder is inside the data folder: wipe went on
    to delete it once more, stopped there, and left the logs and the cache behind."""
    env = {k: v for k, v in os.environ.items() if k != "COMPANION_HOME"}
    (isolated_environment / ".cache").mkdir()  # (as a desktop session has it)
    command = [str(Path(sys.executable).parent / "companion")]
    for words in ("a hard chat", "another"):
        done = subprocess.run([*command, "note", words], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    cache = isolated_environment / ".cache" / "companion"
    assert list(cache.glob("content.*.json"))
    wiped = subprocess.run(
        [*command, "wipe"], env=env, input="delete\n", capture_output=True, text=True
    )
    assert wiped.returncode == 0, wiped.stdout + wiped.stderr
    assert "Everything is deleted" in wiped.stdout
    left = [p for p in isolated_environment.rglob("*") if "companion" in p.name]
    assert left == []
