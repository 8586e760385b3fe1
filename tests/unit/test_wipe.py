"""``companion wipe`` through the installed command: refused while the app is open
(the app's own instance lock, held here by another process), allowed after a crash,
and the login entry goes with the data."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.cli import main
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.unit.test_autostart_command import entry_file, terminal  # noqa: F401 (fixture)
from tests.unit.test_instance import HOLDER
from tests.unit.test_passphrase_cli import companion


@pytest.fixture
def data(home: Path, clock: FakeClock) -> Path:
    stores = open_stores(resolve_paths(home), clock)
    stores.entries.add(kind="free", text="private words")
    stores.close()
    return home / "data"


@pytest.fixture
def open_app(data: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the instance lock, exactly as the running app does."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data / "instance.lock")],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline() == "held\n"
    yield process
    process.kill()
    process.wait()


@pytest.mark.parametrize(
    ("lang", "word", "said"),
    [
        ("en_US.UTF-8", "delete", "Quit companion in that window first"),
        ("zh_CN.UTF-8", "删除", "请先在那个窗口里退出 companion"),
    ],
)
def test_refused_while_the_app_is_open(
    home: Path, data: Path, open_app: subprocess.Popen[str], lang: str, word: str, said: str
) -> None:
    result = companion(home, "wipe", stdin=f"{word}\n", LANG=lang)
    assert result.returncode == 1
    assert said in result.stderr and str(open_app.pid) in result.stderr
    assert "\n" not in result.stdout.strip()  # not even the list: nothing to confirm
    assert list((data / "journal").glob("entries-*.db"))


def test_a_lock_left_by_a_crash_does_not_block_it(
    home: Path, data: Path, open_app: subprocess.Popen[str]
) -> None:
    open_app.send_signal(signal.SIGKILL)
    open_app.wait()
    result = companion(home, "wipe", stdin="delete\n")
    assert result.returncode == 0, result.stderr
    assert "Everything is deleted" in result.stdout
    assert not data.exists() and not home.exists()


@pytest.mark.usefixtures("terminal")
def test_the_login_entry_goes_too(home: Path, data: Path, isolated_environment: Path) -> None:
    assert main(["autostart", "enable"]) == 0
    entry = entry_file(isolated_environment)
    assert entry.exists()
    result = companion(home, "wipe", stdin="delete\n")
    assert result.returncode == 0, result.stderr
    assert "~/.config/autostart/companion.desktop  (opens companion at login)" in result.stdout
    assert "no longer open by itself when you log in" in result.stdout
    assert not entry.exists() and not data.exists()


@pytest.mark.usefixtures("terminal")
def test_only_the_login_entry_left_is_still_removed(home: Path, isolated_environment: Path) -> None:
    assert main(["autostart", "enable"]) == 0
    (home / "config.toml").unlink()
    result = companion(home, "wipe", stdin="删除\n", LANG="zh_CN.UTF-8")
    assert result.returncode == 0, result.stderr
    assert "不会再自动打开" in result.stdout
    assert not entry_file(isolated_environment).exists()


@pytest.mark.usefixtures("terminal")
def test_another_folders_login_entry_stays(
    home: Path, data: Path, isolated_environment: Path, tmp_path: Path
) -> None:
    assert main(["--data-dir", str(tmp_path / "other"), "autostart", "enable"]) == 0
    result = companion(home, "wipe", stdin="delete\n")
    assert result.returncode == 0, result.stderr
    assert "login" not in result.stdout
    assert entry_file(isolated_environment).exists() and not data.exists()


def test_a_file_that_cannot_be_deleted_is_said_with_what_is_left(
    home: Path, data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    import companion.services.wipe

    def refuse(target: Path) -> None:
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(companion.services.wipe.shutil, "rmtree", refuse)
    monkeypatch.setattr("sys.stdin", io.StringIO("delete\n"))
    assert main(["--data-dir", str(home), "wipe"]) == 1
    said = capsys.readouterr().err
    assert "Could not finish deleting: Permission denied" in said
    assert "backups" in said.split("Permission denied", 1)[1]  # what is still there
    assert (home / "backups").exists()


def test_a_journal_kept_elsewhere_through_a_link_is_wiped_there(
    home: Path, tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """data/journal a link to a folder on another volume, and the old single file's link
    kept in backups/: wipe deletes the journal where it is, not only the links to it,
    and leaves what else is in that folder."""
    import io

    volume = tmp_path / "volume"
    (volume / "journal").mkdir(parents=True)
    (volume / "my-own-notes.txt").write_text("not companion's")
    (volume / "journal" / "shopping.txt").write_text("not companion's either")
    (volume / "journal.db").write_text('{"private words": 1}')  # the old single file
    (home / "data").mkdir(parents=True)
    (home / "data" / "journal").symlink_to(volume / "journal")
    (home / "backups").mkdir()
    (home / "backups" / "journal.db").symlink_to(volume / "journal.db")
    stores = open_stores(resolve_paths(home), clock)
    stores.entries.add(kind="free", text="private words")
    stores.close()
    assert any(p.name.startswith("entries-") for p in (volume / "journal").iterdir())

    monkeypatch.setattr("sys.stdin", io.StringIO("delete\n"))
    assert main(["--data-dir", str(home), "wipe"]) == 0
    listed = capsys.readouterr().out
    assert "volume/journal" in listed and "volume/journal.db" in listed  # said first
    left = sorted(p.relative_to(volume).as_posix() for p in volume.rglob("*"))
    assert left == ["journal", "journal/shopping.txt", "my-own-notes.txt"]
    assert not (home / "data").exists() and not (home / "backups").exists()
