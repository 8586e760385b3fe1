"""A config.toml nobody meant to write: durations no clock can hold, numbers thousands of
digits long, nesting thousands deep, a byte-order mark, a table written as a number, a
folder or a link in its place. Every command (even --help) and the app still start,
with a message that names the key and what is wrong; the file is never written over."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from companion.services.config import Settings, load_config, save_settings
from companion.services.messages import config_problem
from companion.system.i18n import Strings
from tests.unit.test_config import write
from tests.unit.test_passphrase_cli import companion

DEEP_ARRAY = "theme = " + "[" * 5000 + "]" * 5000 + "\n"
HOSTILE = {
    "every_overflows": '[breaks]\nevery = "99999999999h"\n',
    "length_400_digits": '[breaks]\nlength = "' + "1" * 400 + '"\n',
    "every_in_range_of_timedelta": '[breaks]\nevery = "200000000h"\n',
    "deep_array": DEEP_ARRAY,
    "deep_tables": "a." * 3000 + "b = 1\n",
    "number_5000_digits": "[breaks]\nmax_postpones = " + "9" * 5000 + "\n",
    "breathing_is_a_number": "breathing = 5\n",
    "lock_after_zero_ish": 'lock_after = "0.0001s"\n',
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=list(HOSTILE))
def test_every_command_survives_it(home: Path, text: str) -> None:
    write(home / "config.toml", text)
    before = (home / "config.toml").read_bytes()
    for args in (["--help"], ["doctor"], ["note", "still works"], ["stats"]):
        done = companion(home, *args)
        assert "Traceback" not in done.stderr, (args, done.stderr)
        assert done.returncode in (0, 1), (args, done.stderr)
    assert (home / "config.toml").read_bytes() == before


@pytest.mark.parametrize(
    ("text", "key", "limit"),
    [
        ('[breaks]\nevery = "99999999999h"\n', "breaks.every", "24h"),
        ('[breaks]\nlength = "' + "1" * 400 + '"\n', "breaks.length", "24h"),
        ('[breaks]\nevery = "200000000h"\n', "breaks.every", "24h"),
        ('lock_after = "25h"\n', "lock_after", "24h"),
    ],
    ids=["overflow", "400_digits", "200000000h", "25h"],
)
def test_a_duration_beyond_its_limit_names_key_and_limit(
    tmp_path: Path, text: str, key: str, limit: str
) -> None:
    loaded = load_config(write(tmp_path / "config.toml", text))
    assert loaded.settings == Settings()
    (problem,) = loaded.problems
    assert (problem.key, problem.code, problem.detail["limit"]) == (key, "duration_too_long", limit)
    message = config_problem(problem, Strings("en"))
    assert key in message and "longer than 24h" in message
    assert "最长只能是 24h" in config_problem(problem, Strings("zh"))


def test_a_duration_too_short_names_its_limit(tmp_path: Path) -> None:
    loaded = load_config(write(tmp_path / "config.toml", 'lock_after = "0.0001s"\n'))
    (problem,) = loaded.problems
    assert (problem.code, problem.detail["limit"]) == ("duration_too_short", "1s")


def test_the_longest_duration_is_kept_and_saved(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", '[breaks]\nevery = "24h"\n')
    loaded = load_config(path)
    assert loaded.settings.break_every == timedelta(hours=24) and loaded.problems == ()
    save_settings(loaded, break_length=timedelta(minutes=15))
    assert load_config(path).settings.break_every == timedelta(hours=24)


@pytest.mark.parametrize("text", [DEEP_ARRAY, HOSTILE["number_5000_digits"]], ids=["deep", "long"])
def test_too_deep_or_too_long_to_read_is_said_and_never_written(tmp_path: Path, text) -> None:
    loaded = load_config(write(tmp_path / "config.toml", text))
    (problem,) = loaded.problems
    assert problem.code == "too_complex" and not loaded.readable
    assert "thousands deep" in config_problem(problem, Strings("en"))


def test_keys_nested_thousands_deep_are_reported_shortly(tmp_path: Path) -> None:
    loaded = load_config(write(tmp_path / "config.toml", HOSTILE["deep_tables"]))
    (problem,) = loaded.problems
    assert problem.code == "unknown_key" and len(problem.key) <= 60


def test_a_byte_order_mark_is_accepted_and_kept_out_when_saving(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes('\ufefftheme = "light" # mine\n'.encode())
    loaded = load_config(path)
    assert loaded.problems == () and loaded.settings.theme == "light"
    save_settings(loaded, language="zh")
    saved = path.read_text("utf-8")
    assert "# mine" in saved and 'language = "zh"' in saved
    assert load_config(path).settings == Settings(theme="light", language="zh")


@pytest.mark.parametrize("table", ["breathing", "breaks", "shift"])
def test_a_known_table_of_the_wrong_type_is_called_that(tmp_path: Path, table: str) -> None:
    loaded = load_config(write(tmp_path / "config.toml", f"{table} = 5\n"))
    (problem,) = loaded.problems
    assert (problem.code, problem.key, problem.value) == ("not_table", table, "5")
    message = config_problem(problem, Strings("en"))
    assert "should be a table" in message and "not a setting companion knows" not in message


def test_a_folder_in_its_place_is_called_a_folder(tmp_path: Path) -> None:
    (tmp_path / "config.toml").mkdir()
    loaded = load_config(tmp_path / "config.toml")
    (problem,) = loaded.problems
    assert problem.code == "not_a_file" and not loaded.readable
    assert "is a folder, not a settings file" in config_problem(problem, Strings("en"))


def test_a_linked_config_is_written_where_it_points(tmp_path: Path) -> None:
    real = write(tmp_path / "dotfiles" / "companion.toml", 'theme = "light"\n')
    link = tmp_path / "home" / "config.toml"
    link.parent.mkdir()
    link.symlink_to(real)
    save_settings(load_config(link), language="zh")
    assert link.is_symlink() and link.resolve() == real
    assert load_config(real).settings == Settings(theme="light", language="zh")
    assert [p.name for p in real.parent.iterdir()] == ["companion.toml"]


def test_a_pipe_in_its_place_is_never_read(home: Path, tmp_path: Path) -> None:
    """Reading a pipe never ends: every command would hang, even doctor."""
    import os

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    home.mkdir(mode=0o700)
    (home / "config.toml").symlink_to(pipe)
    loaded = load_config(home / "config.toml")
    (problem,) = loaded.problems
    assert problem.code == "not_ordinary" and not loaded.readable
    assert "is not an ordinary file" in config_problem(problem, Strings("en"))
    note = companion(home, "note", "hello")  # a hang would fail on the helper's timeout
    assert note.returncode == 0, note.stderr
    doctor = companion(home, "doctor")
    assert "Traceback" not in doctor.stderr and "is not an ordinary file" in doctor.stdout
    assert (home / "config.toml").is_symlink()
