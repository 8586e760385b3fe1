"""config.toml: typed settings, clear problems, and the user's file respected."""

from __future__ import annotations

import stat
from datetime import timedelta
from pathlib import Path

import pytest

from companion.services.config import (
    ConfigNotWritable,
    Settings,
    load_config,
    save_settings,
)
from companion.services.config.parse import FieldSpec, duration_field


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


def test_reduce_motion_bell_and_rating_are_read(tmp_path: Path) -> None:
    text = "reduce_motion = true\n[breathing]\nbell = true\ntension_rating = false\n"
    settings = load_config(write(tmp_path / "config.toml", text)).settings
    assert (settings.reduce_motion, settings.breathing_bell, settings.tension_rating) == (
        True,
        True,
        False,
    )
    assert Settings().tension_rating and not Settings().reduce_motion


CUSTOM = """
[[breathing.pattern]]
name = "slow 4-6"
inhale = 4
exhale = 6

[[breathing.pattern]]
name = "long hold"
inhale = 4
hold_in = 7.5
exhale = 8
hold_out = 2
rounds = 3
"""


def test_custom_breathing_patterns_are_read(tmp_path: Path) -> None:
    loaded = load_config(write(tmp_path / "config.toml", CUSTOM))
    assert loaded.problems == ()
    slow, hold = loaded.settings.breathing_patterns
    assert (slow.name, slow.timing(), slow.rounds, slow.custom) == ("slow 4-6", "4-6", 6, True)
    assert [p.kind for p in hold.phases] == ["inhale", "hold_in", "exhale", "hold_out"]
    assert (hold.timing(), hold.rounds) == ("4-7.5-8-2", 3)


BAD_PATTERNS = [
    ('name = "a"\ninhale = "four"\nexhale = 6', "[1].inhale", '"four"', "pattern_seconds"),
    ('name = "a"\ninhale = 4\nexhale = 600', "[1].exhale", "600", "pattern_seconds"),
    ('name = "a"\ninhale = 4\nexhale = 6\nhold_in = -1', "[1].hold_in", "-1", "pattern_seconds"),
    ('name = "a"\ninhale = 4\nexhale = nan', "[1].exhale", "nan", "pattern_seconds"),
    ('name = "a"\ninhale = 4\nexhale = true', "[1].exhale", "True", "pattern_seconds"),
    ('name = "a"\ninhale = 4', "[1].exhale", "", "pattern_missing"),
    ("inhale = 4\nexhale = 6", "[1].name", "", "pattern_missing"),
    ('name = ""\ninhale = 4\nexhale = 6', "[1].name", '""', "pattern_name"),
    ('name = "Box"\ninhale = 4\nexhale = 6', "[1].name", '"Box"', "pattern_name_taken"),
    ('name = "a"\ninhale = 4\nhold = 7\nexhale = 8', "[1].hold", "", "pattern_unknown_key"),
    ('name = "a"\ninhale = 4\nexhale = 6\nrounds = 0', "[1].rounds", "0", "pattern_rounds"),
    ('name = "a"\ninhale = 4\nexhale = 6\nrounds = 2.5', "[1].rounds", "2.5", "pattern_rounds"),
]


@pytest.mark.parametrize(("body", "where", "value", "code"), BAD_PATTERNS)
def test_a_bad_custom_pattern_is_reported_and_skipped(
    tmp_path: Path, body: str, where: str, value: str, code: str
) -> None:
    good = '[[breathing.pattern]]\nname = "fine"\ninhale = 3\nexhale = 5\n'
    path = write(tmp_path / "config.toml", f"[[breathing.pattern]]\n{body}\n\n{good}")
    loaded = load_config(path)
    (problem,) = loaded.problems
    assert (problem.file, problem.key, problem.value, problem.code) == (
        path,
        f"breathing.pattern{where}",
        value,
        code,
    )
    assert [p.name for p in loaded.settings.breathing_patterns] == ["fine"]


def test_custom_pattern_problems_read_as_sentences(tmp_path: Path) -> None:
    from companion.services.messages import config_problem
    from companion.system.i18n import Strings

    path = write(
        tmp_path / "config.toml",
        '[[breathing.pattern]]\nname = "mine"\ninhale = "four"\nexhale = 6\n'
        '[[breathing.pattern]]\nname = "mine"\ninhale = 4\nexhale = 6\n'
        '[[breathing.pattern]]\nname = "Mine"\ninhale = 4\nexhale = 6\n',
    )
    loaded = load_config(path)
    assert [p.name for p in loaded.settings.breathing_patterns] == ["mine"]
    en = [config_problem(p, Strings("en")) for p in loaded.problems]
    assert en[0].endswith(
        'breathing.pattern[1].inhale = "four" should be a number of seconds from 0.5 to 60;'
        " this pattern is skipped."
    )
    assert 'breathing.pattern[3].name = "Mine" is already the name of another pattern' in en[1]
    zh = config_problem(loaded.problems[0], Strings("zh"))
    assert "应是 0.5 到 60 之间的秒数" in zh


def test_breathing_pattern_that_is_not_a_list(tmp_path: Path) -> None:
    loaded = load_config(write(tmp_path / "config.toml", '[breathing]\npattern = "box"\n'))
    assert loaded.settings.breathing_patterns == ()
    assert [(p.code, p.key) for p in loaded.problems] == [("pattern_not_list", "breathing.pattern")]


def test_saving_a_setting_keeps_custom_patterns(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", CUSTOM)
    saved = save_settings(load_config(path), breathing_bell=True)
    assert "[[breathing.pattern]]" in path.read_text("utf-8")
    reread = load_config(path)
    assert reread.settings == saved.settings
    assert reread.settings.breathing_bell and len(reread.settings.breathing_patterns) == 2
