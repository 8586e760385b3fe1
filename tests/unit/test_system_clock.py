"""The system clock's time zone: a real zone (with its DST rules), found from TZ or the
/etc/localtime link, never the machine's own zone in these tests (paths are given)."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from companion.system.clock import SystemClock, local_zone


def zone_file(key: str) -> bytes:
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / key
        if path.is_file():
            return path.read_bytes()
    pytest.skip("no zoneinfo folder on this machine")


def offsets(zone: object) -> tuple[timedelta | None, timedelta | None]:
    """Winter and summer offsets of a zone: two different ones mean it knows its DST."""
    winter = datetime(2026, 1, 15, 12, tzinfo=zone)  # type: ignore[arg-type]
    summer = datetime(2026, 7, 15, 12, tzinfo=zone)  # type: ignore[arg-type]
    return winter.utcoffset(), summer.utcoffset()


@pytest.mark.parametrize("value", ["Europe/Berlin", ":Europe/Berlin", " Europe/Berlin "])
def test_tz_names_the_zone(value: str, tmp_path: Path) -> None:
    zone = local_zone({"TZ": value}, localtime=tmp_path / "absent")
    assert zone == ZoneInfo("Europe/Berlin")
    assert offsets(zone) == (timedelta(hours=1), timedelta(hours=2))


def test_tz_may_be_a_path_into_a_zoneinfo_folder(tmp_path: Path) -> None:
    zone = local_zone({"TZ": "/usr/share/zoneinfo/America/New_York"}, tmp_path / "absent")
    assert zone == ZoneInfo("America/New_York")


def test_tz_path_outside_a_zoneinfo_folder_is_read_as_a_zone_file(tmp_path: Path) -> None:
    copy = tmp_path / "my-zone"
    copy.write_bytes(zone_file("Europe/Berlin"))
    zone = local_zone({"TZ": str(copy)}, tmp_path / "absent")
    assert offsets(zone) == (timedelta(hours=1), timedelta(hours=2))


def test_a_tz_rule_the_database_does_not_know_falls_back(tmp_path: Path) -> None:
    # The C library understands "CST-8"; zoneinfo does not: use the computed offset.
    assert local_zone({"TZ": "CST-8"}, tmp_path / "absent") is None


def test_localtime_link_into_a_zoneinfo_folder_names_the_zone(tmp_path: Path) -> None:
    target = tmp_path / "usr" / "share" / "zoneinfo" / "posix" / "Australia" / "Sydney"
    target.parent.mkdir(parents=True)
    target.write_bytes(zone_file("Australia/Sydney"))
    link = tmp_path / "localtime"
    link.symlink_to(target)
    zone = local_zone({}, localtime=link)
    assert zone == ZoneInfo("Australia/Sydney")
    assert offsets(zone) == (timedelta(hours=11), timedelta(hours=10))


def test_a_copied_localtime_still_carries_the_rules(tmp_path: Path) -> None:
    copy = tmp_path / "localtime"
    copy.write_bytes(zone_file("America/New_York"))
    assert offsets(local_zone({}, localtime=copy)) == (timedelta(hours=-5), timedelta(hours=-4))


def test_no_zone_anywhere_gives_none(tmp_path: Path) -> None:
    assert local_zone({}, localtime=tmp_path / "absent") is None
    broken = tmp_path / "broken"
    broken.write_bytes(b"not a zone file")
    assert local_zone({}, localtime=broken) is None


def test_system_clock_uses_the_zone_across_dst() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    now = SystemClock(zone=berlin).now()
    assert now.tzinfo is berlin
    # A moment half a year away gets its own offset (a fixed offset would not).
    half_year = (now + timedelta(days=182)).astimezone(berlin)
    assert {now.utcoffset(), half_year.utcoffset()} == {timedelta(hours=1), timedelta(hours=2)}


def test_system_clock_falls_back_to_an_aware_fixed_offset(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("companion.system.clock.local_zone", lambda: None)
    now = SystemClock().now()
    assert now.tzinfo is not None and now.utcoffset() is not None
