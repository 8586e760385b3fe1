"""config.toml: typed settings, clear problems, and the user's file respected."""

from __future__ import annotations

import stat
from datetime import timedelta
from pathlib import Path

import pytest

from companion.config import (
    ConfigNotWritable,
    FieldSpec,
    Settings,
    duration_field,
    load_config,
    save_settings,
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    loaded = load_config(tmp_path / "config.toml")
    assert loaded.settings == Settings()
    assert loaded.problems == () and loaded.readable


def test_values_are_read(tmp_path: Path) -> None:
    loaded = load_config(write(tmp_path / "config.toml", 'language = "zh"\ntheme = "light"\n'))
    assert loaded.settings == Settings(language="zh", theme="light")


def test_a_bad_value_names_file_key_and_value_and_keeps_the_rest(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", 'language = "klingon"\ntheme = "light"\n')
    loaded = load_config(path)
    assert loaded.settings == Settings(language="auto", theme="light")
    (problem,) = loaded.problems
    assert (problem.file, problem.key, problem.value, problem.code) == (
        path,
        "language",
        '"klingon"',
        "not_one_of",
    )
    assert "zh" in problem.detail["allowed"]


def test_wrong_type_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    loaded = load_config(write(tmp_path / "config.toml", "theme = 3\n"))
    assert loaded.settings.theme == "dark"
    assert loaded.problems[0].value == "3"


def test_unknown_keys_are_reported(tmp_path: Path) -> None:
    loaded = load_config(write(tmp_path / "config.toml", 'thme = "light"\n[extra]\nx = 1\n'))
    assert {(p.code, p.key) for p in loaded.problems} == {
        ("unknown_key", "thme"),
        ("unknown_key", "extra.x"),
    }


def test_syntax_error_uses_defaults_and_refuses_to_save(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", 'language = "zh"\ntheme = \n')
    before = path.read_bytes()
    loaded = load_config(path)
    assert not loaded.readable
    assert loaded.settings == Settings()
    assert loaded.problems[0].code == "syntax" and loaded.problems[0].line == 2
    with pytest.raises(ConfigNotWritable):
        save_settings(loaded, theme="light")
    assert path.read_bytes() == before


def test_a_file_broken_after_loading_is_not_overwritten(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", 'theme = "dark"\n')
    loaded = load_config(path)
    path.write_text("theme = [unclosed\n")
    with pytest.raises(ConfigNotWritable):
        save_settings(loaded, theme="light")
    assert path.read_text() == "theme = [unclosed\n"


def test_saving_keeps_comments_and_other_keys(tmp_path: Path) -> None:
    path = write(
        tmp_path / "config.toml",
        ('# my companion settings\nlanguage = "zh"  # 中文\n\n# looks\ntheme = "dark"\n'),
    )
    saved = save_settings(load_config(path), theme="light")
    text = path.read_text("utf-8")
    assert "# my companion settings" in text and "# 中文" in text and "# looks" in text
    assert 'theme = "light"' in text and 'language = "zh"' in text
    assert saved.settings == Settings(language="zh", theme="light")
    assert load_config(path).settings == saved.settings
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_saving_creates_the_file_and_clears_the_fixed_problem(tmp_path: Path) -> None:
    path = tmp_path / "new" / "config.toml"
    saved = save_settings(load_config(path), language="en")
    assert path.read_text() == 'language = "en"\n'
    assert saved.readable
    bad = write(tmp_path / "bad.toml", 'theme = "purple"\n')
    fixed = save_settings(load_config(bad), theme="light")
    assert fixed.problems == ()


def test_save_refuses_a_value_it_could_not_read_back(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    with pytest.raises(ValueError):
        save_settings(load_config(path), theme="purple")
    assert not path.exists()


def test_duration_fields_parse_and_dump() -> None:
    spec: FieldSpec = duration_field("breaks.every", "break_every")
    assert spec.parse("1h30m") == timedelta(minutes=90)
    assert spec.dump(timedelta(minutes=90)) == "1h30m"
    with pytest.raises(ValueError):
        spec.parse("soon")
