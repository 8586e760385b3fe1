"""Human durations for config files and Settings: "2h", "10m", "1h30m", "20s", "90"
(seconds), and the way people write them in Chinese: "2小时", "10分钟", "30秒",
"1小时30分" (spaced or not, with full-width digits too)."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import timedelta

# Each unit's spellings, longest first so "min" is not read as "m" + "in".
_UNITS = {
    "h": ("个小时", "小时", "钟头", "hours", "hour", "hrs", "hr", "时", "h"),
    "m": ("分钟", "minutes", "minute", "mins", "min", "分", "m"),
    "s": ("秒钟", "seconds", "second", "secs", "sec", "秒", "s"),
}
_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}
# Far beyond any schedule; a longer one is a typo (and past ~2.7 million years no
# timedelta can hold it at all).
LONGEST = timedelta(days=365)


class DurationTooLong(ValueError):
    """A duration longer than LONGEST (or than a number can say)."""


_SPELLING = {word: unit for unit, words in _UNITS.items() for word in words}
_PART = re.compile(
    r"(\d+(?:\.\d+)?)(" + "|".join(sorted(map(re.escape, _SPELLING), key=len, reverse=True)) + ")"
)


def parse_duration(text: str) -> timedelta:
    """Parse "1h30m", "10m", "20s", "1.5h", "2小时", "1小时30分", "30 秒" or a bare
    number of seconds.

    Raises ValueError with a short reason on anything else, including zero or
    negative durations, which never make sense for a schedule.
    """
    if not isinstance(text, str):
        raise ValueError('a duration is text such as "10m"')
    cleaned = "".join(unicodedata.normalize("NFKC", text).lower().split())
    if not cleaned:
        raise ValueError("a duration cannot be empty")
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        seconds = float(cleaned)
    else:
        pos = 0
        seconds = 0.0
        seen: set[str] = set()
        for match in _PART.finditer(cleaned):
            unit = _SPELLING[match.group(2)]
            if match.start() != pos or unit in seen:
                raise ValueError(f"cannot read {text!r} as a duration")
            seen.add(unit)
            seconds += float(match.group(1)) * _UNIT_SECONDS[unit]
            pos = match.end()
        if pos != len(cleaned):
            raise ValueError(f"cannot read {text!r} as a duration")
    if seconds <= 0:
        raise ValueError("a duration must be longer than zero")
    if not math.isfinite(seconds) or seconds > LONGEST.total_seconds():
        raise DurationTooLong(f"{text!r} is longer than {LONGEST.days} days")
    return timedelta(seconds=seconds)


def format_duration(value: timedelta) -> str:
    """The inverse of parse_duration for whole seconds: 5400 s -> "1h30m"."""
    total = round(value.total_seconds())
    if total <= 0:
        raise ValueError("a duration must be longer than zero")
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [f"{n}{u}" for n, u in ((hours, "h"), (minutes, "m"), (seconds, "s")) if n]
    return "".join(parts)
