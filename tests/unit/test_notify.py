"""Desktop notifications never block, raise into, or write over the terminal."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.services.doctor.report import run_doctor
from companion.system.notify import OSASCRIPT, Channel, detect_channel, send_desktop
from companion.system.paths import resolve_paths

# A session bus address that leads nowhere: the notifier is tried, and fails.
NOWHERE = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus"}
needs_notifier = pytest.mark.skipif(
    shutil.which("notify-send") is None, reason="notify-send is not installed"
)


def child(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_without_a_session_bus_it_says_why_at_once() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    delivery = send_desktop("t", "m", env=env, command=child("raise SystemExit(9)"))
    assert (delivery.ok, delivery.channel, delivery.reason) == (False, "in-app", "no_session")


@needs_notifier
def test_a_hung_notifier_is_given_up_on(capfd: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    delivery = send_desktop(
        "t", "m", env=NOWHERE, timeout=0.5, command=child("import time; time.sleep(30)")
    )
    assert delivery.reason == "timeout" and not delivery.ok
    assert time.monotonic() - started < 5


@needs_notifier
def test_a_notifier_that_complains_has_failed_and_says_nothing_on_the_terminal(
    capfd: pytest.CaptureFixture[str],
) -> None:
    code = "import sys; print('chatter'); print('no daemon here', file=sys.stderr)"
    delivery = send_desktop("t", "m", env=NOWHERE, command=child(code))
    assert (delivery.ok, delivery.reason, delivery.detail) == (False, "failed", "no daemon here")
    assert capfd.readouterr() == ("", "")


@needs_notifier
def test_the_message_reaches_the_child_intact() -> None:
    code = (
        "import json, sys; d = json.load(sys.stdin)\n"
        "ok = d['title'] == '休息一下 [b]' and d['message'] == 'line\\n2'\n"
        "raise SystemExit(0 if ok else 3)"
    )
    delivery = send_desktop("休息一下 [b]", "line\n2", env=NOWHERE, command=child(code))
    assert delivery.ok and delivery.channel.startswith("plyer")


@needs_notifier
def test_plyer_itself_without_a_daemon_fails_quietly(capfd: pytest.CaptureFixture[str]) -> None:
    """The real child: plyer warns (no dbus module) and notify-send cannot reach a bus."""
    delivery = send_desktop("companion", "test", env=NOWHERE, timeout=20)
    assert not delivery.ok and delivery.reason == "failed"
    assert capfd.readouterr() == ("", "")


def test_doctor_notify_test_says_which_channel_did_not_work(home: Path) -> None:
    report = run_doctor(resolve_paths(home), {}, notify_test=True)
    text = "\n".join(report.lines)
    assert "No test notification could be sent through in-app" in text
    assert "no D-Bus session" in text
    assert report.problems == 1


def test_doctor_without_the_test_sends_nothing(home: Path, monkeypatch) -> None:
    monkeypatch.setattr(
        "companion.services.doctor.report.send_desktop", lambda *a, **k: pytest.fail("sent")
    )
    assert run_doctor(resolve_paths(home), {}).problems == 0


class Runner:
    """Stands in for subprocess.run: records the command line, answers as told."""

    def __init__(self, returncode: int = 0, stderr: str = "") -> None:
        self.calls: list[tuple[list[str], dict[str, object]]] = []
        self.returncode, self.stderr = returncode, stderr

    def __call__(self, argv: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        self.calls.append((argv, kwargs))
        return subprocess.CompletedProcess(argv, self.returncode, "", self.stderr)


@pytest.fixture
def on_a_mac(monkeypatch: pytest.MonkeyPatch) -> None:
    real_which = shutil.which
    monkeypatch.setattr(
        "companion.system.notify.shutil.which",
        lambda name: "/usr/bin/osascript" if name == "osascript" else real_which(name),
    )


@pytest.mark.usefixtures("on_a_mac")
def test_on_macos_osascript_carries_the_notification_without_plyer_or_pyobjus() -> None:
    assert detect_channel({}, "darwin") == Channel(OSASCRIPT, True)
    runner = Runner()
    title, body = 'Pause "now" & -e do shell script "rm"', "休息一下\\ end run"
    delivery = send_desktop(title, body, env={}, platform="darwin", run=runner)
    assert (delivery.ok, delivery.channel) == (True, OSASCRIPT)
    [(argv, kwargs)] = runner.calls
    # The text is data after the script, never part of it: no shell, no quoting.
    assert argv[0] == "osascript" and argv[-3:] == ["companion", title, body]
    script = argv[1:-3]
    assert script[0::2] == ["-e"] * 3
    assert script[1::2] == [
        "on run argv",
        "display notification (item 3 of argv) with title (item 2 of argv)",
        "end run",
    ]
    assert kwargs["capture_output"] is True and kwargs.get("shell") in (None, False)
    assert kwargs["start_new_session"] is True and kwargs["timeout"] == 10.0


@pytest.mark.usefixtures("on_a_mac")
def test_osascript_complaining_is_a_failed_delivery() -> None:
    runner = Runner(returncode=1, stderr="execution error: Not authorised (-1743)")
    delivery = send_desktop("t", "m", env={}, platform="darwin", run=runner)
    assert (delivery.ok, delivery.reason) == (False, "failed")
    assert delivery.detail == "execution error: Not authorised (-1743)"


def test_a_mac_without_osascript_falls_back_to_plyer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("companion.system.notify.shutil.which", lambda name: None)
    assert detect_channel({}, "darwin").name != OSASCRIPT


@pytest.mark.usefixtures("on_a_mac")
def test_doctor_names_the_macos_channel(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("companion.system.notify.sys.platform", "darwin")
    text = "\n".join(run_doctor(resolve_paths(home), {}).lines)
    assert OSASCRIPT in text
