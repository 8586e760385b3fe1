"""The folder a person names is theirs: companion creates what it needs inside it but
never changes its mode (``--data-dir ~`` must not lock the home folder), and says when
others can look in it. A file where data/, backups/ or logs/ should be is said in
words, in the command line and when the app starts, and nothing is written."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from companion.system.paths import FolderProblem, ensure_dirs, resolve_paths
from tests.unit.test_passphrase_cli import companion


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    mine = tmp_path / "my-home"
    mine.mkdir()
    mine.chmod(0o755)
    note = companion(mine, "note", "hello")
    assert note.returncode == 0, note.stderr
    assert mode(mine) == 0o755  # never chmod-ed
    assert all(mode(mine / sub) == 0o700 for sub in ("data", "backups", "logs"))
    assert "other users of this computer can see which files are in" in note.stderr
    doctor = companion(mine, "doctor")
    assert f"  Your folder    {mine}  the folder you chose" in doctor.stdout
    assert f"chmod 700 {mine}\n" not in doctor.stdout and mode(mine) == 0o755


def test_a_private_folder_is_not_warned_about(tmp_path: Path) -> None:
    mine = tmp_path / "private"
    mine.mkdir(mode=0o700)
    note = companion(mine, "note", "hello")
    assert note.returncode == 0 and note.stderr == ""


def test_folders_companion_creates_are_private_parents_too(tmp_path: Path) -> None:
    paths = ensure_dirs(resolve_paths(tmp_path / "new" / "deeper" / "home"))
    assert mode(tmp_path / "new") == mode(tmp_path / "new" / "deeper") == 0o700
    assert all(mode(folder) == 0o700 for folder in paths.all_dirs())


@pytest.mark.parametrize("where", ["data", "backups", "logs"])
def test_a_file_where_a_folder_should_be(tmp_path: Path, where: str) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    (home / where).write_text("not a folder")
    for args in (["note", "hello"], ["find", "x"], ["doctor"]):
        done = companion(home, *args)
        assert "Traceback" not in done.stderr, done.stderr
        assert done.returncode == 1
    note = companion(home, "note", "hello")
    assert f"{home / where} should be a folder, but something else is there" in note.stderr
    assert (home / where).read_text() == "not a folder"
    assert not (home / "data" / "journal.db").exists()
    with pytest.raises(FolderProblem) as caught:
        ensure_dirs(resolve_paths(home))
    assert caught.value.path == home / where


def test_a_file_in_the_path_of_the_data_dir(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = companion(blocker / "home", "note", "hello")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{blocker} should be a folder" in done.stderr


@pytest.mark.parametrize("empty", ["", "  "])
def test_an_empty_data_dir_is_refused_not_the_current_folder(tmp_path: Path, empty: str) -> None:
    """`--data-dir "$DIR"` with DIR unset must not fill whatever folder the shell is in."""
    import os
    import subprocess
    import sys

    done = subprocess.run(
        [str(Path(sys.executable).parent / "companion"), "--data-dir", empty, "note", "hello"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=dict(os.environ),
        timeout=60,
    )
    assert done.returncode == 2 and "was given no folder name" in done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["user-home"]  # the fixture's home only


@pytest.mark.parametrize(
    ("how", "lang", "said"),
    [
        ("flag", "en_US.UTF-8", "a user this computer does not have"),
        ("env", "en_US.UTF-8", "a user this computer does not have"),
        ("flag", "zh_CN.UTF-8", "这台电脑上没有的用户"),
    ],
)
def test_the_home_of_a_user_who_does_not_exist_is_refused(
    tmp_path: Path, how: str, lang: str, said: str
) -> None:
    """`--data-dir ~nobody-here/x` (or COMPANION_HOME) names no folder: a message and
    status 2, never a traceback, and nothing is made anywhere."""
    import os
    import subprocess
    import sys

    named = "~no-such-user-here/companion"
    env = {**os.environ, "LANG": lang, "LC_ALL": lang, "COMPANION_LANG": ""}
    argv = [str(Path(sys.executable).parent / "companion"), "note", "hello"]
    if how == "flag":
        argv[1:1] = ["--data-dir", named]
    else:
        env["COMPANION_HOME"] = named
    done = subprocess.run(argv, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert said in done.stderr and named in done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["user-home"]
