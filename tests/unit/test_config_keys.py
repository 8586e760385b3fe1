"""[keys] in config.toml: a person's own app-wide keys, each bad entry reported with the
file, key and value like any other bad setting, and ignored while the rest apply."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.services.config import load_config, save_settings
from companion.services.doctor.report import run_doctor
from companion.services.messages import config_problem
from companion.system.i18n import Strings
from companion.system.paths import resolve_paths
from tests.unit.test_config import write

EN, ZH = Strings("en"), Strings("zh")


def test_keys_are_read_as_a_keymap(tmp_path: Path) -> None:
    path = write(
        tmp_path / "config.toml",
        'theme = "light"\n[keys]\njournal = "J"\nsos = "f2, Ctrl+O"\ntake_break = "b"\n',
    )
    loaded = load_config(path)
    assert loaded.problems == ()
    assert loaded.settings.theme == "light"
    assert loaded.settings.keymap() == {"journal": "J", "sos": "f2,ctrl+o", "take_break": "b"}


BAD = [
    ('journl = "x"', "keys.journl", '"x"', "key_unknown_near"),
    ('break_start = "b"', "keys.break_start", '"b"', "key_unknown"),
    ("journal = 3", "keys.journal", "3", "key_not_text"),
    ('journal = ""', "keys.journal", '""', "key_not_text"),
    ('journal = "ctrl+jj"', "keys.journal", '"ctrl+jj"', "key_bad_name"),
    ('journal = "k"', "keys.journal", '"k"', "key_taken"),
    ('sos = "o"', "keys.sos", '"o"', "key_while_typing"),
    ('journal = "tab"', "keys.journal", '"tab"', "key_reserved"),
    ('quit_now = "f10"', "keys.quit_now", '"f10"', "key_fixed"),
]


@pytest.mark.parametrize(("line", "key", "value", "code"), BAD)
def test_a_bad_entry_is_reported_and_ignored_while_the_rest_apply(
    tmp_path: Path, line: str, key: str, value: str, code: str
) -> None:
    path = write(tmp_path / "config.toml", f'[keys]\nmood = "M"\n{line}\n')
    loaded = load_config(path)
    (problem,) = loaded.problems
    assert (problem.file, problem.key, problem.value, problem.code) == (path, key, value, code)
    assert loaded.settings.keymap() == {"mood": "M"}
    for t in (EN, ZH):
        sentence = config_problem(problem, t)
        assert str(path.name) in sentence and key in sentence
        assert "{" not in sentence  # every placeholder filled


def test_keys_that_are_not_a_table(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", 'keys = "J"\n')
    loaded = load_config(path)
    assert [(p.code, p.key) for p in loaded.problems] == [("keys_not_table", "keys")]
    assert loaded.settings.keys == ()
    assert "[keys]" in config_problem(loaded.problems[0], EN)


def test_problems_read_as_sentences_in_english_and_chinese(tmp_path: Path) -> None:
    path = write(
        tmp_path / "config.toml",
        '[keys]\nsos = "x"\njournal = "k"\ntake-break = "b"\n',
    )
    sos, journal, take_break = load_config(path).problems
    assert config_problem(sos, EN).endswith(
        'keys.sos = "x": this key works even while you type, so it cannot be “x”, which '
        "typing or a screen needs. An F-key such as f9 works well. This line is ignored."
    )
    assert "打字时也要能用" in config_problem(sos, ZH) and "f9" in config_problem(sos, ZH)
    assert config_problem(journal, EN).endswith(
        'keys.journal = "k": “k” is already the key of take_break; this line is ignored'
        " and both keep the keys they had."
    )
    assert "“k”已经是 take_break 的快捷键了" in config_problem(journal, ZH)
    assert "Did you mean keys.take_break?" in config_problem(take_break, EN)
    assert "是想写 keys.take_break 吗" in config_problem(take_break, ZH)


def test_saving_another_setting_keeps_the_keys(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", '[keys]\njournal = "J"  # mine\n')
    save_settings(load_config(path), theme="light")
    assert 'journal = "J"  # mine' in path.read_text("utf-8")
    assert load_config(path).settings.keymap() == {"journal": "J"}


def test_doctor_lists_a_bad_key(home: Path) -> None:
    paths = resolve_paths(home)
    write(paths.config_file, '[keys]\njournal = "k"\n')
    report = run_doctor(paths, {})
    text = "\n".join(report.lines)
    assert 'config.toml: keys.journal = "k": “k” is already the key of take_break' in text
    assert any(line.startswith("! ") and "keys.journal" in line for line in report.lines)
    assert report.problems >= 1
