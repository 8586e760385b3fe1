"""A config.toml a command could not use is said on the command line too, not only in
the app and by doctor: the file that is not TOML (or not a file), and a language
companion does not speak, which every command reads. The command still does its work,
with the defaults, and the file is left as it was. A problem with a setting only the
app uses (a break's length) stays the app's and doctor's to tell: every `companion
note` would repeat it."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.cli import main
from companion.services.config.language import LanguageSetting, language_setting

BROKEN = 'language = "zh"\n[breaks\nevery = "2h"\n'


def run(home: Path, monkeypatch, capsys, *argv: str, lang: str = "en_US.UTF-8"):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COMPANION_HOME", str(home))
    monkeypatch.setenv("LANG", lang)
    code = main(list(argv))
    return code, capsys.readouterr()


def with_config(home: Path, text: str) -> bytes:
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    (home / "config.toml").write_text(text, "utf-8")
    return (home / "config.toml").read_bytes()


@pytest.mark.parametrize(
    "argv", [["note", "still kept"], ["find", "kept"], ["contact"], ["stats"]], ids=lambda a: a[0]
)
def test_a_file_that_is_not_toml_is_said_and_the_command_still_works(
    home: Path, monkeypatch, capsys, argv: list[str]
) -> None:
    before = with_config(home, BROKEN)
    code, out = run(home, monkeypatch, capsys, *argv)
    assert code == 0, out.err
    assert out.out  # it did its work
    assert "config.toml could not be read" in out.err
    assert "line 2" in out.err and "Default settings are in use" in out.err
    assert out.err.count("could not be read") == 1  # said once
    assert (home / "config.toml").read_bytes() == before


def test_it_is_said_in_the_language_of_the_terminal(home: Path, monkeypatch, capsys) -> None:
    """The language setting is in the broken file, so the locale chooses."""
    with_config(home, BROKEN)
    code, out = run(home, monkeypatch, capsys, "note", "顾客要仅退款", lang="zh_CN.UTF-8")
    assert code == 0
    assert "无法读取" in out.err and "目前使用默认设置" in out.err
    assert "could not be read" not in out.err


def test_a_language_it_does_not_speak_is_named(home: Path, monkeypatch, capsys) -> None:
    with_config(home, 'language = "klingon"\n[breaks]\nevery = "soon"\n')
    code, out = run(home, monkeypatch, capsys, "note", "still kept")
    assert code == 0 and "Saved" in out.out
    assert 'language = "klingon" is not one of auto, en, zh' in out.err
    assert "breaks.every" not in out.err  # (the app's setting: the app and doctor say it)


def test_a_folder_in_its_place_is_named(home: Path, monkeypatch, capsys) -> None:
    home.mkdir(mode=0o700, parents=True)
    (home / "config.toml").mkdir()
    code, out = run(home, monkeypatch, capsys, "note", "still kept")
    assert code == 0 and "Saved" in out.out
    assert "is a folder, not a settings file" in out.err
    assert (home / "config.toml").is_dir()


@pytest.mark.parametrize(
    "text",
    [
        'language = "zh"\ntheme = "light"\n',
        '[breaks]\nevery = "soon"\n',  # only the app's setting is wrong
        "",
    ],
)
def test_a_usable_file_says_nothing(home: Path, monkeypatch, capsys, text: str) -> None:
    with_config(home, text)
    code, out = run(home, monkeypatch, capsys, "note", "kept")
    assert code == 0 and out.err == ""


def test_no_file_at_all_says_nothing(home: Path, monkeypatch, capsys) -> None:
    code, out = run(home, monkeypatch, capsys, "note", "kept")
    assert code == 0 and out.err == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, LanguageSetting("auto")),
        ('language = "zh"\n', LanguageSetting("zh")),
        ("theme = 'dark'\n", LanguageSetting("auto")),
        ('language = "auto"\n', LanguageSetting("auto")),
        ('language = "fr"\n', LanguageSetting("auto", doubtful=True)),
        ("language = 5\n", LanguageSetting("auto", doubtful=True)),
        ("language = \n", LanguageSetting("auto", doubtful=True)),
        (b"language = '\xff'\n", LanguageSetting("auto", doubtful=True)),
        ("theme = " + "[" * 5000 + "]" * 5000 + "\n", LanguageSetting("auto", doubtful=True)),
    ],
)
def test_the_language_reader_knows_when_the_file_let_it_down(
    tmp_path: Path, text: str | bytes | None, expected: LanguageSetting
) -> None:
    path = tmp_path / "config.toml"
    if isinstance(text, str):
        path.write_text(text, "utf-8")
    elif text is not None:
        path.write_bytes(text)
    assert language_setting(path) == expected
