"""Shift hours and the break settings in config.toml."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from companion.core.shift import (
    Shift,
    format_clock_time,
    format_days,
    parse_clock_time,
    parse_days,
)
from companion.services.config import load_config, save_settings
from tests.conftest import SHANGHAI


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("mon-fri", (0, 1, 2, 3, 4)),
        ("Mon - Sat", (0, 1, 2, 3, 4, 5)),
        ("sun-thu", (0, 1, 2, 3, 6)),
        ("mon,wed,fri", (0, 2, 4)),
        ("every day", (0, 1, 2, 3, 4, 5, 6)),
        ("sat", (5,)),
    ],
)
def test_days_read_and_written_back(text: str, days: tuple[int, ...]) -> None:
    assert parse_days(text) == days
    assert parse_days(format_days(days)) == days


@pytest.mark.parametrize("text", ["", "weekdays", "mon-", "mon,,xyz", 5])
def test_bad_days_are_refused(text: object) -> None:
    with pytest.raises(ValueError):
        parse_days(text)  # type: ignore[arg-type]


def test_clock_times() -> None:
    assert parse_clock_time("9:30") == time(9, 30)
    assert format_clock_time(time(9, 5)) == "09:05"
    for bad in ("25:00", "9", "9:5", "noon", "09:60"):
        with pytest.raises(ValueError):
            parse_clock_time(bad)


def test_shift_windows() -> None:
    office = Shift(time(9, 0), time(18, 0))
    monday = datetime(2026, 11, 23, 12, 0, tzinfo=SHANGHAI)
    assert office.contains(monday)
    assert not office.contains(monday.replace(hour=18))
    assert not office.contains(monday + timedelta(days=5))  # Saturday
    assert office.next_change(monday) == datetime(2026, 11, 23, 18, 0, tzinfo=SHANGHAI)
    friday_night = datetime(2026, 11, 27, 20, 0, tzinfo=SHANGHAI)
    assert office.next_change(friday_night) is None  # nothing until Monday: look later


def test_break_and_shift_settings_in_the_config_file(home: Path) -> None:
    home.mkdir(parents=True)
    path = home / "config.toml"
    path.write_text(
        '# my rhythm\n[breaks]\nevery = "90m"\nlength = "15m"\nmax_postpones = 2\n'
        'bell = true\n[shift]\nenabled = true\nstart = "08:30"\nend = "17:00"\n'
        'days = "sun-thu"\n',
        "utf-8",
    )
    loaded = load_config(path)
    settings = loaded.settings
    assert loaded.problems == ()
    assert settings.break_every == timedelta(minutes=90)
    assert settings.break_length == timedelta(minutes=15)
    assert settings.break_heads_up == timedelta(minutes=2)  # the default
    assert settings.break_max_postpones == 2 and settings.break_bell is True
    assert settings.shift_hours and settings.shift_start == time(8, 30)
    assert settings.shift_days == (0, 1, 2, 3, 6)
    saved = save_settings(loaded, shift_end=time(16, 30), break_every=timedelta(hours=2))
    text = path.read_text("utf-8")
    assert "# my rhythm" in text and 'end = "16:30"' in text and 'every = "2h"' in text
    assert load_config(path).settings == saved.settings


def test_bad_break_settings_are_reported_one_by_one(home: Path) -> None:
    home.mkdir(parents=True)
    path = home / "config.toml"
    path.write_text(
        '[breaks]\nevery = "soon"\nmax_postpones = -1\n[shift]\nstart = "9am"\ndays = "x"\n',
        "utf-8",
    )
    loaded = load_config(path)
    codes = {p.key: p.code for p in loaded.problems}
    assert codes == {
        "breaks.every": "bad_duration",
        "breaks.max_postpones": "not_whole_number",
        "shift.start": "bad_time",
        "shift.days": "bad_days",
    }
    assert loaded.settings.break_every == timedelta(hours=2)
