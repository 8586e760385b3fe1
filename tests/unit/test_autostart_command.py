"""``companion autostart enable|disable|status`` and how it finds this companion."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from companion.cli import main
from companion.services.config import load_config
from companion.system.autostart import current_command
from companion.system.autostart.desktop_entry import parse, split_exec
from companion.system.paths import resolve_paths


@pytest.fixture
def terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A terminal on PATH (and nothing else), so the machine's own don't matter."""
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "konsole").write_text('#!/bin/sh\nshift\nexec "$@"\n')
    (folder / "konsole").chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    return folder / "konsole"


def entry_file(isolated_environment: Path) -> Path:
    return isolated_environment / ".config" / "autostart" / "companion.desktop"


def test_enable_status_disable(
    terminal: Path, home: Path, isolated_environment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["autostart"]) == 0
    assert "Open at login: Off." in capsys.readouterr().out

    assert main(["autostart", "enable"]) == 0
    out = capsys.readouterr().out
    assert "companion will open by itself when you log in, in konsole." in out
    path = entry_file(isolated_environment)
    assert "~/.config/autostart/companion.desktop" in out
    argv = split_exec(parse(path.read_text())["Exec"])
    assert argv[:2] == [str(terminal), "-e"]
    assert argv[-2:] == ["--data-dir", str(home)]  # COMPANION_HOME is not set at login
    assert load_config(home / "config.toml").settings.autostart is True

    assert main(["autostart", "status"]) == 0
    assert "On. When you log in, companion opens in konsole." in capsys.readouterr().out

    assert main(["autostart", "disable"]) == 0
    assert "no longer open" in capsys.readouterr().out
    assert not path.exists()
    assert load_config(home / "config.toml").settings.autostart is False


def test_it_speaks_chinese(terminal: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["autostart", "enable"]) == 0
    assert "以后每次登录，companion 都会在 konsole 里自动打开。" in capsys.readouterr().out


def test_no_terminal_fails_with_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home: Path, capsys
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert main(["autostart", "enable"]) == 1
    err = capsys.readouterr().err
    assert "No terminal program was found" in err
    assert 'terminal = "kitty"' in err and "~/companion-home/config.toml" in err
    assert load_config(home / "config.toml").settings.autostart is False


def test_the_configured_terminal_is_used(
    terminal: Path, home: Path, isolated_environment: Path, capsys
) -> None:
    home.mkdir()
    (home / "config.toml").write_text(f'terminal = "{terminal} --separate -e"\n')
    assert main(["autostart", "enable"]) == 0
    argv = split_exec(parse(entry_file(isolated_environment).read_text())["Exec"])
    assert argv[:3] == [str(terminal), "--separate", "-e"]
    settings = load_config(home / "config.toml").settings
    assert settings.autostart is True and settings.terminal.startswith(str(terminal))


def test_a_moved_companion_makes_status_fail_with_the_fix(
    terminal: Path, isolated_environment: Path, capsys
) -> None:
    path = entry_file(isolated_environment)
    path.parent.mkdir(parents=True)
    path.write_text(
        "[Desktop Entry]\nType=Application\nName=companion\n"
        f"Exec={terminal} -e /old/venv/bin/companion\nX-Companion-Autostart=true\n"
    )
    assert main(["autostart", "status"]) == 1
    out = capsys.readouterr().out
    assert "/old/venv/bin/companion, which is no longer there" in out
    assert "fix: companion autostart enable" in out


def test_current_command_finds_the_installed_script(tmp_path: Path, home: Path) -> None:
    venv = tmp_path / "venv" / "bin"
    venv.mkdir(parents=True)
    python = venv / "python"
    python.touch()
    default = resolve_paths(None, {})
    # Started as the console script: that script.
    script = tmp_path / "elsewhere" / "companion"
    script.parent.mkdir()
    script.touch()
    assert current_command(default, str(script), str(python)) == (str(script),)
    # Started as python -m companion: the script beside the interpreter, if there is one.
    assert current_command(default, "-m", str(python)) == (str(python), "-m", "companion")
    (venv / "companion").touch()
    assert current_command(default, "-m", str(python)) == (str(venv / "companion"),)
    # A data folder other than the usual one is passed on.
    assert current_command(resolve_paths(home), "-m", str(python))[-2:] == (
        "--data-dir",
        str(home),
    )
    assert os.path.isabs(current_command(default, "companion", str(python))[0])


def test_the_command_starts_fast_without_the_ui_toolkit(tmp_path: Path) -> None:
    from tests.unit.test_import_hygiene import loaded_modules

    for argv in (["autostart", "status"], ["autostart", "--help"]):
        code = (
            f"from companion.cli import main\n"
            f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass"
        )
        modules = loaded_modules(
            code,
            env={"COMPANION_HOME": str(tmp_path / "h"), "XDG_CONFIG_HOME": str(tmp_path / "x")},
        )
        assert "companion.commands.autostart" in modules
        assert "textual" not in modules, argv


def test_help_lists_the_command_in_each_language(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "open companion by itself when you log in" in capsys.readouterr().out
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    with pytest.raises(SystemExit):
        main(["autostart", "--help"])
    out = capsys.readouterr().out
    assert "登录时在终端窗口里打开 companion" in out and "显示这段帮助后退出" in out


def test_a_configured_terminal_that_is_missing_is_named_with_the_fix(
    terminal: Path, home: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    home.mkdir()
    (home / "config.toml").write_text('terminal = "nonexist"\n')
    assert main(["autostart", "enable"]) == 1  # konsole is there, but not what was asked for
    err = capsys.readouterr().err
    assert "“nonexist” from ~/companion-home/config.toml was not found" in err
    assert "change terminal = in ~/companion-home/config.toml" in err
    assert "No terminal program was found" not in err
    assert load_config(home / "config.toml").settings.autostart is False
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["autostart", "enable"]) == 1
    assert "没有找到 ~/companion-home/config.toml 里写的“nonexist”" in capsys.readouterr().err
