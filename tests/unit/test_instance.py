"""One app per data folder, checked with real processes: a second start is turned away
kindly, a lock left by a kill -9 is taken over, and CLI commands work beside the app."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.system import instance
from companion.system.instance import AlreadyRunning, hold, read_pid

HOLDER = """
import sys, time
from pathlib import Path
from companion.system.instance import hold
hold(Path(sys.argv[1]))
print("held", flush=True)
time.sleep(60)
"""


@pytest.fixture
def lock_file(tmp_path: Path) -> Path:
    return tmp_path / "instance.lock"


@pytest.fixture
def holder(lock_file: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the lock, as a running app does."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock_file)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline() == "held\n"
    yield process
    process.kill()
    process.wait()


def test_a_second_holder_is_told_the_first_ones_pid(
    lock_file: Path, holder: subprocess.Popen[str]
) -> None:
    with pytest.raises(AlreadyRunning) as caught:
        hold(lock_file)
    assert caught.value.pid == holder.pid
    assert read_pid(lock_file) == holder.pid  # asking did not wipe the record


def test_a_lock_left_by_kill_9_is_taken_over(
    lock_file: Path, holder: subprocess.Popen[str]
) -> None:
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert read_pid(lock_file) == holder.pid  # the dead process's pid is still written
    lock = hold(lock_file)
    assert read_pid(lock_file) == os.getpid()
    lock.release()
    assert read_pid(lock_file) is None  # a clean exit leaves no one recorded
    hold(lock_file).release()  # and the next start is fine


def test_where_files_cannot_be_locked_a_live_pid_decides(
    lock_file: Path, monkeypatch: pytest.MonkeyPatch, holder: subprocess.Popen[str]
) -> None:
    def no_locks(fd: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(instance, "_lock", no_locks)
    with pytest.raises(AlreadyRunning) as caught:
        hold(lock_file)
    assert caught.value.pid == holder.pid
    holder.kill()
    holder.wait()
    lock = hold(lock_file)  # the recorded process is gone: take over
    assert lock.fd is None and read_pid(lock_file) == os.getpid()
    lock.release()
    assert read_pid(lock_file) is None


def companion(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "companion"
    return subprocess.run(
        [str(script), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
    )


def test_a_second_app_says_so_kindly_and_commands_keep_working(home: Path) -> None:
    (home / "data").mkdir(parents=True)
    lock_file = home / "data" / "instance.lock"
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock_file)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline() == "held\n"
        env = {"COMPANION_HOME": str(home)}
        second = companion(env=env)
        assert second.returncode == 1
        assert f"companion is already open (process {process.pid})." in second.stderr
        assert "Switch to that window" in second.stderr
        chinese = companion(env={**env, "LANG": "zh_CN.UTF-8"})
        assert f"companion 已经开着了（进程 {process.pid}）。" in chinese.stderr
        # Commands never take the app's lock.
        assert companion("doctor", env=env).returncode == 0
        assert companion("autostart", "status", env=env).returncode == 0
    finally:
        process.kill()
        process.wait()
