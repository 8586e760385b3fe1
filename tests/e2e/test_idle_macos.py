"""macOS reader: IOKit's HIDIdleTime and the window server's session, through their
ctypes signatures, against a C stand-in for the frameworks built here (macOS is not).
The stand-in checks every pointer and argument it gets and counts live objects."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator

import pytest

from companion.system import idle
from companion.system.idle import macos
from companion.system.idle.base import Reason
from tests.e2e.idle_desktop import HERE, compile_library, opened

pytestmark = pytest.mark.desktop

UNLOCKED, LOCKED, OTHER_USER, NO_SESSION = 1, 2, 3, 0


@pytest.fixture(scope="module")
def fake(tmp_path_factory: pytest.TempPathFactory) -> ctypes.CDLL:
    path = compile_library(HERE / "native" / "fake_macos.c", tmp_path_factory.mktemp("macos"))
    library = ctypes.CDLL(str(path))
    library.fake_set.argtypes = [ctypes.c_int64, ctypes.c_int, ctypes.c_int, ctypes.c_int]
    return library


@pytest.fixture
def frameworks(fake: ctypes.CDLL) -> Iterator[macos.Frameworks]:
    fake.fake_set(0, UNLOCKED, 1, 0)
    bad = fake.fake_bad_calls()
    yield macos.Frameworks(load=lambda name: fake)
    assert fake.fake_bad_calls() == bad, "a call broke the frameworks' contract"


def test_idle_time_is_hid_idle_time_in_seconds(
    fake: ctypes.CDLL, frameworks: macos.Frameworks
) -> None:
    fake.fake_set(2_500_000_000, UNLOCKED, 1, 0)
    reader = macos.HIDIdle(lambda: frameworks)
    assert reader.read(0.5) == 2.5
    fake.fake_set(7 * 3600 * 10**9, UNLOCKED, 1, 0)  # past 32 bits of nanoseconds
    assert reader.read(0.5) == 7 * 3600


def test_readings_release_what_they_create_and_close_releases_the_service(
    fake: ctypes.CDLL, frameworks: macos.Frameworks
) -> None:
    services = fake.fake_services_out()  # held by readers of other tests
    idle_reader = macos.HIDIdle(lambda: frameworks)
    lock_reader = macos.SessionLock(lambda: frameworks)
    idle_reader.read(0.5)
    lock_reader.read(0.5)
    live = fake.fake_live()
    assert fake.fake_services_out() == services + 1  # looked up once, kept between readings
    for _ in range(20):
        idle_reader.read(0.5)
        lock_reader.read(0.5)
    assert (fake.fake_live(), fake.fake_services_out()) == (live, services + 1)
    idle_reader.close()
    assert fake.fake_services_out() == services


@pytest.mark.parametrize(
    ("session", "locked"), [(UNLOCKED, False), (LOCKED, True), (OTHER_USER, True)]
)
def test_lock_state_from_the_session(
    fake: ctypes.CDLL, frameworks: macos.Frameworks, session: int, locked: bool
) -> None:
    fake.fake_set(0, session, 1, 0)
    assert macos.SessionLock(lambda: frameworks).read(0.5) is locked


def test_outside_the_window_server_the_lock_is_unknown(
    fake: ctypes.CDLL, frameworks: macos.Frameworks
) -> None:
    fake.fake_set(0, NO_SESSION, 1, 0)
    with pytest.raises(idle.Unavailable) as raised:
        macos.SessionLock(lambda: frameworks).read(0.5)
    assert raised.value.reason is Reason.NO_SESSION


def test_no_hid_service_and_an_odd_value_are_unavailable(
    fake: ctypes.CDLL, frameworks: macos.Frameworks
) -> None:
    fake.fake_set(0, UNLOCKED, 0, 0)
    with pytest.raises(idle.Unavailable) as raised:
        macos.HIDIdle(lambda: frameworks).read(0.5)
    assert raised.value.reason is Reason.NO_SERVICE
    fake.fake_set(0, UNLOCKED, 1, 1)  # HIDIdleTime as a string: not a count
    live = fake.fake_live()
    with pytest.raises(idle.Unavailable) as raised:
        macos.HIDIdle(lambda: frameworks).read(0.5)
    assert (raised.value.reason, raised.value.permanent) == (Reason.UNSUPPORTED, True)
    assert fake.fake_live() == live  # released all the same


def test_the_macos_source_reads_both(
    fake: ctypes.CDLL, frameworks: macos.Frameworks, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(macos, "frameworks", lambda: frameworks)
    fake.fake_set(90 * 10**9, LOCKED, 1, 0)
    with opened({}, "darwin") as source:
        assert source.read() == idle.IdleReading(90.0, True, "iokit", "cgsession")


def test_without_the_frameworks_the_source_reads_nothing_and_says_why() -> None:
    status = idle.check({}, "darwin")
    assert (status.desktop, status.reading) == ("macos", None)
    assert {attempt.reason for attempt in status.attempts} == {Reason.NO_LIBRARY}
