"""Which language to speak, and looking up its strings.

Order: the config file's ``language`` > ``COMPANION_LANG`` > LC_ALL / LC_MESSAGES /
LANG (any ``zh*`` means Chinese) > English.
"""

# Not `from __future__ import annotations`: fields of a NamedTuple given as text are
# compiled when the module loads (the first compile ~2 ms), on every command's path.

import math
import os
from collections.abc import Mapping
from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple

from companion.system.content import (
    DEFAULT_LANGUAGE,
    available_languages,
    check_language,
    section_of,
    strings_in,
)


class LanguageChoice(NamedTuple):
    lang: str
    source: str  # config | COMPANION_LANG | LC_ALL | LC_MESSAGES | LANG | default


def _from_locale(value: str, available: tuple[str, ...]) -> str | None:
    code = value.split(".")[0].split("@")[0].replace("-", "_").lower()
    if not code or code in ("c", "posix"):
        return None
    base = code.split("_")[0]
    return base if base in available else None


def choose_language(
    configured: str | None,
    env: Mapping[str, str] | None = None,
    available: tuple[str, ...] | None = None,
) -> LanguageChoice:
    env = os.environ if env is None else env
    available = available or available_languages()
    if configured and configured != "auto" and configured in available:
        return LanguageChoice(configured, "config")
    forced = env.get("COMPANION_LANG", "").strip()
    if forced:
        picked = _from_locale(forced, available)
        if picked:
            return LanguageChoice(picked, "COMPANION_LANG")
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "").strip()
        if value:
            # The first locale variable that is set decides, as the C library does.
            picked = _from_locale(value, available)
            return LanguageChoice(picked or DEFAULT_LANGUAGE, var if picked else "default")
    return LanguageChoice(DEFAULT_LANGUAGE, "default")


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Strings:
    """UI strings of one language, falling back to English for a missing key.

    Each lookup reads only the file its key's first part lives in (``strings_in``):
    ``companion note`` says its sentences without parsing every pack.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        check_language(lang)

    def __call__(self, key: str, /, **values: object) -> str:
        return self.t(key, **values)

    def _get(self, key: str) -> str | None:
        section = section_of(key)
        text = strings_in(self.lang, section).get(key)
        if not text and self.lang != DEFAULT_LANGUAGE:
            text = strings_in(DEFAULT_LANGUAGE, section).get(key)
        return text

    def t(self, key: str, /, **values: object) -> str:
        text = self._get(key)
        if text is None:
            return key
        return text.format_map(_Keep(values)) if values else text

    def has(self, key: str) -> bool:
        return self._get(key) is not None

    def under(self, prefix: str) -> dict[str, str]:
        """The strings under ``prefix`` ("routine.feelings" -> {"calm": "Calm"...}), in
        the file's order: words for stored ids."""
        start = prefix + "."
        section = section_of(prefix)
        table = strings_in(self.lang, section)
        if self.lang != DEFAULT_LANGUAGE:
            table = strings_in(DEFAULT_LANGUAGE, section) | table
        return {k[len(start) :]: v for k, v in table.items() if k.startswith(start)}


def placeholders(text: str) -> set[str]:
    import string  # (its Template compiles a pattern on import: only when asked)

    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def format_day(day: date, t: Strings, *, with_year: bool = False) -> str:
    """ "Monday 23 November" / "11月23日 星期一"; with the year when asked
    ("Tuesday 17 January 2023" / "2023年1月17日 星期二")."""
    return t(
        "calendar.date_with_year" if with_year else "calendar.date",
        weekday=t(f"calendar.weekday_{day.weekday()}"),
        day=str(day.day),
        month_name=t(f"calendar.month_{day.month}"),
        year=str(day.year),
    )


def format_moment(moment: datetime, now: datetime, t: Strings) -> str:
    """A moment in the user's time zone, with its day; the year only when it isn't this
    one ("Tuesday 17 January 2023 07:00")."""
    local = moment.astimezone(now.tzinfo)
    day = format_day(local.date(), t, with_year=local.year != now.year)
    return f"{day} {format_time(local, t)}"


def format_stamp(moment: datetime, tz: tzinfo, t: Strings) -> str:
    """When a record was written, in lists and exports: "2026-11-23 10:30"."""
    local = moment.astimezone(tz)
    return f"{local.date().isoformat()} {format_time(local, t)}"


def format_time(moment: datetime, t: Strings) -> str:
    return t("calendar.time", hour=f"{moment.hour:02d}", minute=f"{moment.minute:02d}")


def format_span(seconds: float, t: Strings) -> str:
    """A span of time in words, in the unit that fits: minutes round up (a break 61 s
    away is "in 2 min"); seconds appear only under a minute."""
    seconds = max(0.0, seconds)
    if seconds < 60:
        return t("breaks.time.seconds", seconds=str(math.ceil(seconds)))
    minutes = math.ceil(seconds / 60 - 1e-9)
    if minutes < 60:
        return t("breaks.time.minutes", minutes=str(minutes))
    hours, minutes = divmod(minutes, 60)
    if minutes == 0:
        return t("breaks.time.hours", hours=str(hours))
    return t("breaks.time.hours_minutes", hours=str(hours), minutes=str(minutes))


def format_length(value: timedelta, t: Strings) -> str:
    """A set length of time, exactly, in the unit that fits: "30 s", "1 min 30 s",
    "2 h", "1 h 30 min" (in Chinese "30 秒", "1 小时 30 分钟"). Settings show durations
    this way, and read them back (companion.core.durations)."""
    total = max(0, round(value.total_seconds()))
    if total < 60:
        return t("breaks.time.seconds", seconds=str(total))
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        if seconds:  # an hour and some seconds: said to the nearest minute
            hours, minutes = divmod(hours * 60 + round(rest / 60), 60)
        if minutes == 0:
            return t("breaks.time.hours", hours=str(hours))
        return t("breaks.time.hours_minutes", hours=str(hours), minutes=str(minutes))
    if seconds:
        return t("breaks.time.minutes_seconds", minutes=str(minutes), seconds=str(seconds))
    return t("breaks.time.minutes", minutes=str(minutes))
