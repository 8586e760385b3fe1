"""A real desktop notification: companion doctor --notify-test, through plyer, reaches a
notification daemon (dunst) on a D-Bus session bus that this test starts."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.desktop import Desktop, desktop_session
from tests.e2e.tmux import installed_companion

pytestmark = pytest.mark.e2e


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[Desktop]:
    with desktop_session(tmp_path) as session:
        yield session


def doctor(home: Path, desktop: Desktop, lang: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ["HOME"],
        "COMPANION_HOME": str(home),
        "LANG": lang,
        **desktop.env,
    }
    return subprocess.run(
        [str(installed_companion()), "doctor", "--notify-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_doctor_sends_a_real_notification(desktop: Desktop, home: Path) -> None:
    result = doctor(home, desktop, "en_US.UTF-8")
    assert "Test notification sent through plyer: notify-send" in result.stdout, result.stdout
    assert result.returncode == 0, result.stdout
    call = desktop.wait_for_notification("companion: test notification")
    assert "If you can read this" in call


def test_the_test_notification_speaks_chinese(desktop: Desktop, home: Path) -> None:
    result = doctor(home, desktop, "zh_CN.UTF-8")
    assert "测试通知已通过 plyer: notify-send 发出" in result.stdout, result.stdout
    desktop.wait_for_notification("companion：测试通知")


def test_without_a_daemon_doctor_says_so(desktop: Desktop, home: Path) -> None:
    desktop.env["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent/bus"
    result = doctor(home, desktop, "en_US.UTF-8")
    assert result.returncode == 1
    assert "No test notification could be sent through plyer: notify-send" in result.stdout
    assert "reminders will still show inside companion" in result.stdout.lower()
