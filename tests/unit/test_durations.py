from datetime import timedelta

import pytest

from companion.core.durations import format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("2h", 7200),
        ("10m", 600),
        ("1h30m", 5400),
        ("20s", 20),
        ("1h 5m 3s", 3903),
        ("1.5h", 5400),
        ("90", 90),
        (" 10M ", 600),
        ("10 minutes", 600),
        ("1 h 30 min", 5400),
        ("2小时", 7200),
        ("10分钟", 600),
        ("30秒", 30),
        ("1小时30分", 5400),
        ("1 小时 30 分钟", 5400),
        ("２小时", 7200),  # full-width digits, as a Chinese keyboard may type them
        ("2个小时", 7200),
        ("5分30秒", 330),
    ],
)
def test_parses_human_durations(text: str, seconds: int) -> None:
    assert parse_duration(text) == timedelta(seconds=seconds)


@pytest.mark.parametrize(
    "text", ["", "abc", "10x", "m10", "1h1h", "0", "0m", "-5m", "5m-", "小时", "2小时2时", "半小时"]
)
def test_rejects_what_is_not_a_duration(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_rejects_non_text() -> None:
    with pytest.raises(ValueError):
        parse_duration(10)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["2h", "10m", "1h30m", "20s", "1h0m5s"])
def test_format_round_trips(text: str) -> None:
    assert parse_duration(format_duration(parse_duration(text))) == parse_duration(text)


def test_format_is_compact() -> None:
    assert format_duration(timedelta(hours=1, minutes=30)) == "1h30m"
    assert format_duration(timedelta(seconds=3605)) == "1h5s"


@pytest.mark.parametrize(
    ("seconds", "en", "zh"),
    [
        (30, "30 s", "30 秒"),
        (90, "1 min 30 s", "1 分钟 30 秒"),
        (600, "10 min", "10 分钟"),
        (7200, "2 h", "2 小时"),
        (5400, "1 h 30 min", "1 小时 30 分钟"),
        (3599 + 3600, "2 h", "2 小时"),
    ],
)
def test_a_length_is_said_exactly_and_read_back(seconds: int, en: str, zh: str) -> None:
    from companion.system.i18n import Strings, format_length

    value = timedelta(seconds=seconds)
    assert format_length(value, Strings("en")) == en
    assert format_length(value, Strings("zh")) == zh
    if seconds % 60 == 0 or seconds < 3600:
        assert parse_duration(en) == value and parse_duration(zh) == value
