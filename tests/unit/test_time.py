"""The fake clock, and day boundaries in the user's time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion.core.daytime import day_window, part_of_day
from companion.system.clock import FakeClock, SystemClock

BERLIN = ZoneInfo("Europe/Berlin")


def elapsed(start: datetime, end: datetime) -> timedelta:
    # Same-zone subtraction ignores offsets in Python; compare real instants.
    return end.astimezone(UTC) - start.astimezone(UTC)


def test_fake_clock_moves_only_when_told() -> None:
    clock = FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN))
    start_wall, start_mono = clock.now(), clock.monotonic()
    assert clock.now() == start_wall
    clock.advance(minutes=90)
    assert clock.now() - start_wall == timedelta(minutes=90)
    assert clock.monotonic() - start_mono == 5400
    clock.suspend(hours=1)  # machine asleep: wall time jumps, monotonic does not
    assert clock.now() - start_wall == timedelta(minutes=150)
    assert clock.monotonic() - start_mono == 5400
    with pytest.raises(ValueError):
        clock.advance(-1)


def test_fake_clock_keeps_its_zone_across_dst() -> None:
    clock = FakeClock(datetime(2026, 3, 29, 1, 30, tzinfo=BERLIN))
    clock.advance(hours=1)
    assert clock.now().hour == 3 and clock.now().utcoffset() == timedelta(hours=2)


def test_system_clock_is_aware() -> None:
    assert SystemClock().now().tzinfo is not None


@pytest.mark.parametrize(
    ("hour", "part"),
    [
        (5, "morning"),
        (11, "morning"),
        (12, "afternoon"),
        (17, "afternoon"),
        (18, "evening"),
        (21, "evening"),
        (22, "night"),
        (0, "night"),
        (4, "night"),
    ],
)
def test_part_of_day(hour: int, part: str) -> None:
    assert part_of_day(datetime(2026, 11, 23, hour, 0, tzinfo=BERLIN)) == part


def test_day_window_on_a_23_hour_day() -> None:
    start, end = day_window(datetime(2026, 3, 29, 15, 0, tzinfo=BERLIN))
    assert start == datetime(2026, 3, 29, 0, 0, tzinfo=BERLIN)
    assert end == datetime(2026, 3, 30, 0, 0, tzinfo=BERLIN)
    assert elapsed(start, end) == timedelta(hours=23)


def test_day_window_on_a_25_hour_day() -> None:
    start, end = day_window(datetime(2026, 10, 25, 23, 59, tzinfo=BERLIN))
    assert elapsed(start, end) == timedelta(hours=25)
    assert end.date().day == 26 and end.hour == 0
