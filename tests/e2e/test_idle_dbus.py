"""The D-Bus readers against fake desktop services on a private session bus: GNOME's
IdleMonitor, org.freedesktop.ScreenSaver, the lockers' GetActive; services missing,
hanging, answering late or oddly; the bus going away. No socket but a Unix one is
ever made (checked for every test here)."""

from __future__ import annotations

import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.system import idle
from companion.system.idle import IdleReading, Reason
from tests.e2e.idle_desktop import SessionBus, open_descriptors, opened, poll, session_bus, xvfb

pytestmark = pytest.mark.desktop

MUTTER = "/org/gnome/Mutter/IdleMonitor/Core org.gnome.Mutter.IdleMonitor.GetIdletime"
GNOME_ACTIVE = "/org/gnome/ScreenSaver org.gnome.ScreenSaver.GetActive"
FDO = "/org/freedesktop/ScreenSaver org.freedesktop.ScreenSaver."
OLD_FDO = "/ScreenSaver org.freedesktop.ScreenSaver."  # where older KDE answers
XFCE_ACTIVE = "/org/xfce/ScreenSaver org.xfce.ScreenSaver.GetActive"
GNOME_NAMES = ["org.gnome.Mutter.IdleMonitor", "org.gnome.ScreenSaver"]
FDO_NAME = "org.freedesktop.ScreenSaver"
NOT_SUPPORTED = {"error": "org.freedesktop.DBus.Error.NotSupported"}
NO_AUTO_START = 2

_families: list[int] = []
_recording = False


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _recording and event == "socket.__new__":
        _families.append(int(args[1]))  # type: ignore[call-overload]


sys.addaudithook(_audit)


@pytest.fixture(autouse=True)
def only_unix_sockets() -> Iterator[None]:
    global _recording
    _families.clear()
    _recording = True
    yield
    _recording = False
    assert set(_families) <= {socket.AF_UNIX}, f"a non-Unix socket was made: {_families}"


@pytest.fixture
def bus() -> Iterator[SessionBus]:
    with session_bus() as private:
        yield private


def env(bus: SessionBus, desktop: str) -> dict[str, str]:
    return {
        "WAYLAND_DISPLAY": "wayland-0",
        "XDG_CURRENT_DESKTOP": desktop,
        "DBUS_SESSION_BUS_ADDRESS": bus.address,
    }


def test_gnome_idle_time_and_lock(bus: SessionBus) -> None:
    service = bus.start_service(GNOME_NAMES, {MUTTER: ["t", 42_500], GNOME_ACTIVE: ["b", False]})
    start = open_descriptors()
    with opened(env(bus, "ubuntu:GNOME")) as source:
        assert source.read() == IdleReading(42.5, False, "mutter", "gnome")
        connected = open_descriptors()
        assert connected == start + 2  # one connection to the bus (socket, selector), kept
        service.answer({MUTTER: ["t", 900_000], GNOME_ACTIVE: ["b", True]})
        reading = source.read()
        assert reading == IdleReading(900.0, True, "mutter", "gnome")
        assert reading.away(after_seconds=300)
        assert open_descriptors() == connected
    assert open_descriptors() == start
    calls = service.calls()
    assert len(calls) == 4
    assert all(int(call.rsplit("=", 1)[1]) & NO_AUTO_START for call in calls)


def test_kde_on_wayland_gives_the_lock_without_idle_time(bus: SessionBus) -> None:
    service = bus.start_service(
        [FDO_NAME], {FDO + "GetSessionIdleTime": NOT_SUPPORTED, FDO + "GetActive": ["b", True]}
    )
    with opened(env(bus, "KDE")) as source:
        for _ in range(3):
            assert source.read() == IdleReading(None, True, "", "freedesktop")
        attempts = source.describe().attempts
    assert attempts[0] == idle.Attempt(
        "idle", "freedesktop", Reason.UNSUPPORTED, "org.freedesktop.DBus.Error.UnknownMethod"
    )
    asked = [call for call in service.calls() if "GetSessionIdleTime" in call]
    assert len(asked) == 2  # each path once; never again after it said it cannot


def test_older_kde_answers_at_slash_screensaver_in_milliseconds(bus: SessionBus) -> None:
    service = bus.start_service(
        [FDO_NAME], {OLD_FDO + "GetSessionIdleTime": ["u", 65_000], OLD_FDO + "GetActive": ["b", 0]}
    )
    with opened(env(bus, "KDE")) as source:
        for _ in range(3):
            assert source.read() == IdleReading(65.0, False, "freedesktop", "freedesktop")
    at_new_path = [call for call in service.calls() if call.startswith("/org/freedesktop/")]
    assert len(at_new_path) == 2  # tried once for each method, then the path that answers


def test_another_desktops_locker(bus: SessionBus) -> None:
    bus.start_service(["org.xfce.ScreenSaver"], {XFCE_ACTIVE: ["b", True]})
    with opened(env(bus, "XFCE")) as source:
        reading = source.read()
    assert reading == IdleReading(None, True, "", "xfce")


def test_no_desktop_service_on_the_bus(bus: SessionBus) -> None:
    status = idle.check(env(bus, "GNOME"), "linux")
    assert (status.desktop, status.reading) == ("wayland", None)
    assert {a.reason for a in status.attempts} == {Reason.NO_SERVICE}
    # With NO_AUTO_START the bus answers NameHasNoOwner (without: ServiceUnknown).
    assert {a.detail for a in status.attempts} == {"org.freedesktop.DBus.Error.NameHasNoOwner"}
    assert [a.reader for a in status.attempts] == [
        "mutter",
        "freedesktop",
        "gnome",
        "freedesktop",
        "xfce",
        "mate",
        "cinnamon",
    ]


def test_asking_never_starts_a_service(tmp_path: Path) -> None:
    marker = tmp_path / "started"
    names = ["org.gnome.Mutter.IdleMonitor", "org.gnome.ScreenSaver", FDO_NAME]
    with session_bus({name: ["/usr/bin/touch", str(marker)] for name in names}) as private:
        status = idle.check(env(private, "GNOME"), "linux")
        assert {a.reason for a in status.attempts} == {Reason.NO_SERVICE}
        time.sleep(0.3)  # an activation, if one had been asked for, would have run by now
        assert not marker.exists()
        # Control: the same call without NO_AUTO_START does start the program.
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection

        with open_dbus_connection(bus=private.address) as connection:
            address = DBusAddress(MUTTER.split()[0], names[0], "org.gnome.Mutter.IdleMonitor")
            connection.send(new_method_call(address, "GetIdletime"))
            poll(marker.exists, "the activation the control asked for")


def test_a_service_that_hangs_costs_one_timeout(bus: SessionBus) -> None:
    bus.start_service(GNOME_NAMES, {MUTTER: "hang", GNOME_ACTIVE: ["b", False]})
    with opened(env(bus, "GNOME")) as source:
        started = time.monotonic()
        status = source.describe()
        elapsed = time.monotonic() - started
    assert 0.45 <= elapsed < 1.2
    assert status.reading == IdleReading(None, False, "", "gnome")
    assert status.attempts[0].reason == Reason.TIMEOUT
    assert status.attempts[1].reason == Reason.NO_SERVICE  # freedesktop: asked in the time left


def test_a_reading_never_takes_much_more_than_its_budget(bus: SessionBus) -> None:
    names = [*GNOME_NAMES, FDO_NAME]
    hangs = {MUTTER: "hang", GNOME_ACTIVE: "hang", FDO + "GetSessionIdleTime": "hang"}
    bus.start_service(names, {**hangs, FDO + "GetActive": "hang"})
    with opened(env(bus, "GNOME")) as source:
        started = time.monotonic()
        status = source.describe()
        elapsed = time.monotonic() - started
    assert elapsed < 1.3
    assert status.reading is None
    reasons = [a.reason for a in status.attempts]
    assert reasons[:2] == [Reason.TIMEOUT, Reason.TIMEOUT]
    assert set(reasons[2:]) == {Reason.SKIPPED}


def test_late_answers_are_not_taken_for_later_questions(bus: SessionBus) -> None:
    service = bus.start_service(
        GNOME_NAMES,
        {MUTTER: {"after": 0.7, "answer": ["t", 111_000]}, GNOME_ACTIVE: ["b", True]},
    )
    with opened(env(bus, "GNOME")) as source:
        first = source.describe()
        assert first.attempts[0].reason == Reason.TIMEOUT
        service.answer({MUTTER: ["t", 222_000], GNOME_ACTIVE: ["b", False]})
        time.sleep(0.8)  # the late answers to the first reading are waiting on the socket
        assert source.read() == IdleReading(222.0, False, "mutter", "gnome")


def test_a_reply_of_the_wrong_type_is_given_up_on(bus: SessionBus) -> None:
    service = bus.start_service(GNOME_NAMES, {MUTTER: ["u", 5], GNOME_ACTIVE: ["b", False]})
    with opened(env(bus, "GNOME")) as source:
        status = source.describe()
        source.read()
    assert status.attempts[0].reason == Reason.UNSUPPORTED
    assert "'u'" in status.attempts[0].detail
    assert len([call for call in service.calls() if "GetIdletime" in call]) == 1


def test_the_bus_going_away_and_a_missing_bus(bus: SessionBus) -> None:
    bus.start_service(GNOME_NAMES, {MUTTER: ["t", 1_000], GNOME_ACTIVE: ["b", False]})
    with opened(env(bus, "GNOME")) as source:
        assert source.read() == IdleReading(1.0, False, "mutter", "gnome")
        bus.stop()
        gone = source.describe()
        assert gone.reading is None
        assert gone.attempts[0].reason == Reason.LOST
        assert {a.reason for a in gone.attempts[1:]} == {Reason.NO_BUS}
        again = source.describe()  # tries to connect again, quietly
        assert {a.reason for a in again.attempts} == {Reason.NO_BUS}


def test_a_bus_address_that_is_not_a_unix_socket_is_never_dialled() -> None:
    tcp = {"WAYLAND_DISPLAY": "w", "DBUS_SESSION_BUS_ADDRESS": "tcp:host=127.0.0.1,port=9"}
    with opened(tcp) as source:
        status = source.describe()
        assert status.reading is None
        assert {a.reason for a in status.attempts} == {Reason.NO_BUS}
        assert source.describe().attempts == status.attempts  # given up on: not tried again


def test_x11_idle_time_with_the_lock_from_d_bus(bus: SessionBus) -> None:
    bus.start_service(GNOME_NAMES, {MUTTER: ["t", 1], GNOME_ACTIVE: ["b", True]})
    with xvfb("+extension", "MIT-SCREEN-SAVER") as server:
        desktop = {"DISPLAY": server.display, "XDG_CURRENT_DESKTOP": "GNOME"}
        source = opened({**desktop, "DBUS_SESSION_BUS_ADDRESS": bus.address})
        with source:
            reading = source.read()
    assert reading is not None
    assert (reading.source, reading.locked, reading.lock_source) == ("x11", True, "gnome")
    assert reading.idle_seconds is not None and reading.idle_seconds < 60
