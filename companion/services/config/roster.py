"""[[breaks.fixed]]: fixed breaks at set times (a lunch, a team huddle). Each entry that
cannot be used is reported and skipped; the good ones are used."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from companion.core.roster import FixedBreak
from companion.core.shift import (
    WEEKDAYS,
    format_clock_time,
    format_days,
    parse_clock_time,
    parse_days,
)
from companion.services.config.parse import BadValue, Issue, Partial, show

FIXED_KEYS = ("name", "start", "end", "days", "rest")
MAX_NAME = 40


def _fixed_break(entry: Any) -> FixedBreak | None:
    if not isinstance(entry, Mapping) or set(entry) - set(FIXED_KEYS):
        return None
    name, start, end = entry.get("name"), entry.get("start"), entry.get("end")
    if not isinstance(name, str) or not name.strip() or len(name.strip()) > MAX_NAME:
        return None
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in name):
        return None  # no escape codes or invisible marks on the way to the terminal
    rest = entry.get("rest", True)
    if not isinstance(rest, bool):
        return None
    try:
        begins, ends = parse_clock_time(start), parse_clock_time(end)
        days = parse_days(entry["days"]) if "days" in entry else WEEKDAYS
    except ValueError:
        return None
    if begins == ends:
        return None
    return FixedBreak(name.strip(), begins, ends, days, rest)


def fixed_breaks(value: Any) -> Partial:
    """Every good fixed break; each bad one is reported and skipped, never fatal."""
    if not isinstance(value, list):
        raise BadValue("fixed_not_list")
    found: list[FixedBreak] = []
    issues: list[Issue] = []
    for number, entry in enumerate(value, start=1):
        fixed = _fixed_break(entry)
        if fixed is None:
            issues.append(Issue(f"[{number}]", "fixed_bad", show(entry), {"max": str(MAX_NAME)}))
        else:
            found.append(fixed)
    return Partial(tuple(found), tuple(issues))


def dump_fixed(value: tuple[FixedBreak, ...]) -> list[dict[str, Any]]:
    def one(item: FixedBreak) -> dict[str, Any]:
        entry: dict[str, Any] = item._asdict()
        entry["start"], entry["end"] = format_clock_time(item.start), format_clock_time(item.end)
        entry["days"] = format_days(item.days)
        return entry

    return [one(item) for item in value]
