"""Windows reader: GetLastInputInfo and the input desktop, through their ctypes
signatures, against a C stand-in for user32/kernel32 built here (Windows is not)."""

from __future__ import annotations

import ctypes
from types import SimpleNamespace

import pytest

from companion.system import idle
from companion.system.idle import windows
from companion.system.idle.base import Reason
from tests.e2e.idle_desktop import HERE, compile_library, opened

pytestmark = pytest.mark.desktop


@pytest.fixture(scope="module")
def fake(tmp_path_factory: pytest.TempPathFactory) -> ctypes.CDLL:
    path = compile_library(HERE / "native" / "fake_win32.c", tmp_path_factory.mktemp("win32"))
    return ctypes.CDLL(str(path))


@pytest.fixture
def libraries(fake: ctypes.CDLL) -> windows.User32:
    fake.fake_set.argtypes = [ctypes.c_uint32, ctypes.c_uint32, ctypes.c_int]
    fake.fake_seen.restype = ctypes.c_uint32
    return windows.User32(load=lambda name: fake)  # both DLLs are the one stand-in


def test_idle_time_is_the_tick_difference(fake: ctypes.CDLL, libraries: windows.User32) -> None:
    fake.fake_set(90_000, 87_500, 0)
    assert windows.LastInput(lambda: libraries).read(0.5) == 2.5


def test_idle_time_stays_right_across_the_49_day_wrap(
    fake: ctypes.CDLL, libraries: windows.User32
) -> None:
    fake.fake_set(1_000, 2**32 - 500, 0)  # input just before the counter wrapped
    assert windows.LastInput(lambda: libraries).read(0.5) == 1.5
    assert windows.idle_milliseconds(5, 2**32 - 5) == 10
    assert windows.idle_milliseconds(2**32 - 1, 0) == 2**32 - 1


def test_the_struct_carries_its_own_size(fake: ctypes.CDLL, libraries: windows.User32) -> None:
    """GetLastInputInfo fails unless cbSize is 8 (UINT + DWORD): the stand-in checks."""
    before = fake.fake_bad_calls()
    fake.fake_set(10_000, 9_000, 0)
    assert windows.LastInput(lambda: libraries).read(0.5) == 1.0
    assert fake.fake_bad_calls() == before
    assert ctypes.sizeof(windows.LASTINPUTINFO) == 8


def test_a_failing_call_is_unavailable_not_an_error() -> None:
    refusing = SimpleNamespace(user32=SimpleNamespace(GetLastInputInfo=lambda info: 0))
    with pytest.raises(idle.Unavailable) as raised:
        windows.LastInput(lambda: refusing).read(0.5)  # type: ignore[arg-type, return-value]
    assert raised.value.reason is Reason.FAILED


def test_locked_when_the_input_desktop_cannot_be_opened(
    fake: ctypes.CDLL, libraries: windows.User32
) -> None:
    reader = windows.InputDesktop(lambda: libraries)
    fake.fake_set(0, 0, 1)
    assert reader.read(0.5) is True
    fake.fake_set(0, 0, 0)
    before = fake.fake_bad_calls()
    assert reader.read(0.5) is False
    # The 64-bit handle came back whole and was closed: nothing left open.
    assert fake.fake_open_desktops() == 0
    assert fake.fake_bad_calls() == before
    assert [fake.fake_seen(i) for i in range(3)] == [0, 0, windows.DESKTOP_SWITCHDESKTOP]


def test_the_windows_source_reads_both(
    fake: ctypes.CDLL, libraries: windows.User32, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(windows, "libraries", lambda: libraries)
    fake.fake_set(400_000, 100_000, 0)
    with opened({}, "win32") as source:
        assert source.read() == idle.IdleReading(300.0, False, "win32", "input_desktop")
        fake.fake_set(400_000, 399_000, 1)
        reading = source.read()
        assert reading is not None and reading.away(after_seconds=600)


def test_without_the_dlls_the_source_reads_nothing_and_says_why() -> None:
    """On this Linux machine ctypes has no WinDLL: the real loader fails, quietly."""
    status = idle.check({}, "win32")
    assert status.desktop == "windows"
    assert status.reading is None
    assert {attempt.reason for attempt in status.attempts} == {Reason.NO_LIBRARY}
