"""Time, injected: every rule that depends on "now" takes a Clock.

``now()`` is wall time (aware, local zone) for things a person reads: dates, shift hours,
greetings. ``monotonic()`` is for measuring intervals, which must not jump when the
wall clock is changed. A test moves a FakeClock forward instead of sleeping.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

LOCALTIME = Path("/etc/localtime")


class Clock(Protocol):
    def now(self) -> datetime:
        """The current wall time, timezone-aware."""

    def monotonic(self) -> float:
        """Seconds from an arbitrary point; never goes backwards."""


def _zone_named(key: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _key_in_path(target: str) -> str | None:
    """ ".../zoneinfo/posix/Asia/Shanghai" -> "Asia/Shanghai" (a zoneinfo folder's key)."""
    marker = "zoneinfo/"
    at = target.rfind(marker)
    if at < 0:
        return None
    key = target[at + len(marker) :]
    for prefix in ("posix/", "right/"):
        key = key.removeprefix(prefix)
    return key or None


def local_zone(env: Mapping[str, str] | None = None, localtime: Path = LOCALTIME) -> tzinfo | None:
    """The machine's time zone with its rules (DST included), or None if none is found.

    ``TZ`` decides when it is set, as it does for the C library: a zone name
    ("Europe/Berlin", or ":Europe/Berlin"), or a path into a zoneinfo folder. A TZ the
    zone database does not know (a POSIX rule such as "CST-8") gives None, so the
    caller falls back to the offset the C library computed. Without TZ,
    ``/etc/localtime`` is read: its link into a zoneinfo folder names the zone; a plain
    copy of a zone file still carries the rules.
    """
    env = os.environ if env is None else env
    tz = env.get("TZ", "").strip().removeprefix(":")
    if tz:
        if not tz.startswith("/"):
            return _zone_named(tz)
        key = _key_in_path(tz)
        return (_zone_named(key) if key else None) or _zone_file(Path(tz))
    try:
        if localtime.is_symlink():
            key = _key_in_path(os.path.realpath(localtime))
            zone = _zone_named(key) if key else None
            if zone is not None:
                return zone
    except OSError:
        return None
    return _zone_file(localtime)


def _zone_file(path: Path) -> ZoneInfo | None:
    try:
        with path.open("rb") as file:
            return ZoneInfo.from_file(file, key=str(path))
    except (OSError, ValueError):
        return None


class SystemClock:
    """The real clock, in the machine's local time zone.

    The zone is a real one (a ZoneInfo, found once by ``local_zone``), so a moment
    a week ago or a day across a DST change gets its own offset. Only when no zone can
    be found does it fall back to the fixed offset of this moment.
    """

    def __init__(self, zone: tzinfo | None = None) -> None:
        self._zone = zone
        self._looked = zone is not None

    @property
    def zone(self) -> tzinfo | None:
        if not self._looked:
            self._zone = local_zone()
            self._looked = True
        return self._zone

    def now(self) -> datetime:
        zone = self.zone
        return datetime.now(zone) if zone is not None else datetime.now().astimezone()

    def monotonic(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock that only moves when told to.

    ``advance`` moves wall and monotonic time together (time passing while awake);
    ``suspend`` moves only the wall clock (the machine slept: monotonic time on Linux
    does not count suspended time), which is how a natural break is detected.
    """

    def __init__(self, start: datetime | None = None, tz: tzinfo | None = None) -> None:
        if start is None:
            start = datetime(2026, 11, 23, 9, 0, tzinfo=tz or UTC)
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._utc = start.astimezone(UTC)
        self._tz = start.tzinfo
        self._mono = 1000.0

    def now(self) -> datetime:
        return self._utc.astimezone(self._tz)

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float = 0.0, **delta: float) -> None:
        step = seconds + timedelta(**delta).total_seconds()
        if step < 0:
            raise ValueError("time does not run backwards")
        self._utc += timedelta(seconds=step)
        self._mono += step

    def suspend(self, seconds: float = 0.0, **delta: float) -> None:
        step = seconds + timedelta(**delta).total_seconds()
        self._utc += timedelta(seconds=step)

    def set_wall(self, when: datetime) -> None:
        """Jump the wall clock (a user changing the time); monotonic stays."""
        if when.tzinfo is None:
            raise ValueError("set_wall needs an aware datetime")
        self._utc = when.astimezone(UTC)
