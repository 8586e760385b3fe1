"""Language choice and string lookup."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from companion.system.i18n import Strings, choose_language, format_day, format_moment, format_time

AVAILABLE = ("en", "zh")


@pytest.mark.parametrize(
    ("configured", "env", "expected"),
    [
        ("zh", {"COMPANION_LANG": "en", "LANG": "en_US.UTF-8"}, ("zh", "config")),
        ("auto", {"COMPANION_LANG": "zh", "LANG": "en_US.UTF-8"}, ("zh", "COMPANION_LANG")),
        (None, {"LANG": "zh_CN.UTF-8"}, ("zh", "LANG")),
        (None, {"LANG": "zh_TW.UTF-8"}, ("zh", "LANG")),
        (None, {"LANG": "zh_HK"}, ("zh", "LANG")),
        (None, {"LC_ALL": "zh_CN.GB18030", "LANG": "en_GB.UTF-8"}, ("zh", "LC_ALL")),
        (None, {"LC_MESSAGES": "zh_SG.UTF-8", "LANG": "en_GB.UTF-8"}, ("zh", "LC_MESSAGES")),
        (None, {"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, ("en", "default")),
        (None, {"LANG": "fr_FR.UTF-8"}, ("en", "default")),
        (None, {"LANG": ""}, ("en", "default")),
        (None, {}, ("en", "default")),
        ("auto", {"COMPANION_LANG": "klingon", "LANG": "zh_CN"}, ("zh", "LANG")),
        ("fr", {"LANG": "zh_CN.UTF-8"}, ("zh", "LANG")),
    ],
)
def test_language_order(configured, env, expected) -> None:
    choice = choose_language(configured, env, AVAILABLE)
    assert (choice.lang, choice.source) == expected


def test_lookup_formats_and_falls_back() -> None:
    zh = Strings("zh")
    assert zh("keys.help") == "帮助"
    assert (
        zh("too_small.detail", width="60", height="16", current_width="40", current_height="10")
        == "companion 至少需要 60 × 16，现在是 40 × 10。"
    )
    assert zh("no.such.key") == "no.such.key"
    assert Strings("en")("keys.quit_hint", key="q") == "To quit companion, press q."


def test_missing_placeholder_is_left_visible_not_a_crash() -> None:
    assert "{key}" in Strings("en")("keys.quit_hint")


def test_dates_read_naturally_in_both_languages() -> None:
    day = date(2026, 11, 23)
    assert format_day(day, Strings("en")) == "Monday 23 November"
    assert format_day(day, Strings("zh")) == "11月23日 星期一"
    assert format_time(datetime(2026, 1, 1, 9, 5), Strings("zh")) == "09:05"


def test_a_moment_from_another_year_says_which_year() -> None:
    shanghai = ZoneInfo("Asia/Shanghai")
    now = datetime(2026, 11, 23, 10, 30, tzinfo=shanghai)
    this_year = datetime(2026, 1, 17, 7, 0, tzinfo=shanghai)
    last_year = datetime(2023, 1, 16, 23, 0, tzinfo=ZoneInfo("UTC"))  # 07:00 in Shanghai
    assert format_moment(this_year, now, Strings("en")) == "Saturday 17 January 07:00"
    assert format_moment(last_year, now, Strings("en")) == "Tuesday 17 January 2023 07:00"
    assert format_moment(last_year, now, Strings("zh")) == "2023年1月17日 星期二 07:00"
