"""Desktop notifications never block, raise into, or write over the terminal."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from companion.doctor import run_doctor
from companion.notify import send_desktop
from companion.paths import resolve_paths

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
    monkeypatch.setattr("companion.doctor.send_desktop", lambda *a, **k: pytest.fail("sent"))
    assert run_doctor(resolve_paths(home), {}).problems == 0
