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
    ],
)
def test_parses_human_durations(text: str, seconds: int) -> None:
    assert parse_duration(text) == timedelta(seconds=seconds)


@pytest.mark.parametrize(
    "text", ["", "abc", "10x", "m10", "1h1h", "0", "0m", "-5m", "5m-", "10 minutes"]
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
