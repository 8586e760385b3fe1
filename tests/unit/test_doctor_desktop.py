"""Doctor on opening at login and on the terminal: the truth, a fix per problem, and an
exit status that says whether the user must act."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.core.terminal import colour_support
from companion.services.config import Settings, load_config
from companion.services.doctor.desktop import autostart_section, console_section, terminal_size
from companion.services.doctor.report import run_doctor
from companion.services.messages import config_problem
from companion.system.autostart import Autostart
from companion.system.autostart.linux import DesktopAutostart
from companion.system.i18n import Strings
from companion.system.paths import resolve_paths

EN = Strings("en")
ZH = Strings("zh")


def bin_with(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_text("#!/bin/sh\n")
        (folder / name).chmod(0o755)
    return folder


def login(tmp_path: Path, bin_dir: Path, command: tuple[str, ...], terminal: str = "auto"):
    backend = DesktopAutostart(tmp_path / "autostart", terminal, {"PATH": str(bin_dir)}, {})
    return Autostart(backend, command)


@pytest.fixture
def program(tmp_path: Path) -> str:
    return str(bin_with(tmp_path, "companion") / "companion")


def text(section) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(section.lines)


def test_off_is_fine_and_names_the_terminal(tmp_path: Path, home: Path, program: str) -> None:
    bin_dir = bin_with(tmp_path, "xterm")
    section = autostart_section(resolve_paths(home), Settings(), EN, login(tmp_path, bin_dir, ()))
    assert section.problems == 0
    assert section.lines[0] == "Open at login"
    assert "  Off. To turn it on: companion autostart enable" in text(section)
    assert f"  Terminal for login: xterm ({bin_dir / 'xterm'})" in text(section)


def test_on_shows_where_and_in_which_terminal(tmp_path: Path, home: Path, program: str) -> None:
    autostart = login(tmp_path, bin_with(tmp_path, "kitty"), (program,))
    autostart.enable()
    section = autostart_section(resolve_paths(home), Settings(autostart=True), EN, autostart)
    assert section.problems == 0
    assert "On. When you log in, companion opens in kitty." in text(section)
    assert str(tmp_path / "autostart" / "companion.desktop") in text(section)


def test_a_moved_companion_needs_action(tmp_path: Path, home: Path, program: str) -> None:
    autostart = login(tmp_path, bin_with(tmp_path, "xterm"), (program,))
    autostart.enable()
    Path(program).unlink()
    section = autostart_section(resolve_paths(home), Settings(autostart=True), ZH, autostart)
    assert section.problems == 1
    line = next(line for line in section.lines if line.startswith("!"))
    assert "已经不在了" in line and "修复：companion autostart enable" in line


def test_no_terminal_matters_only_when_opening_at_login_is_wanted(
    tmp_path: Path, home: Path
) -> None:
    paths = resolve_paths(home)
    nothing = login(tmp_path, tmp_path / "empty", ())
    calm = autostart_section(paths, Settings(), EN, nothing)
    assert calm.problems == 0 and "none found (only needed" in text(calm)
    wanted = autostart_section(paths, Settings(autostart=True), EN, nothing)
    assert wanted.problems == 1
    assert "none found; fix: install one" in text(wanted)
    assert "nothing is installed" in text(wanted)  # settings say on, but no entry


def test_a_configured_terminal_that_is_missing_is_named(tmp_path: Path, home: Path) -> None:
    autostart = login(tmp_path, tmp_path / "empty", (), terminal="tilix -e")
    settings = Settings(autostart=True, terminal="tilix -e")
    section = autostart_section(resolve_paths(home), settings, EN, autostart)
    assert "“tilix -e” from ~/companion-home/config.toml was not found" in text(section)
    assert section.problems == 1


def test_terminal_size_and_colours() -> None:
    good = console_section((80, 24), {"TERM": "xterm-256color"}, EN, "linux")
    assert good.problems == 0
    assert good.lines == ["This terminal", "  Size: 80 × 24", "  Colours: 256"]
    small = console_section((50, 12), {"COLORTERM": "truecolor"}, EN, "linux")
    assert small.problems == 1
    assert "! Size: 50 × 12, smaller than companion needs (60 × 16); fix:" in text(small)
    dumb = console_section((80, 24), {"TERM": "dumb"}, ZH, "linux")
    assert dumb.problems == 1 and "TERM=dumb" in text(dumb) and "修复" in text(dumb)
    assert console_section(None, {}, EN, "linux").lines == []  # not run in a terminal


def test_colour_support() -> None:
    assert colour_support({"TERM": "xterm-256color", "NO_COLOR": "1"}, "linux") == "off"
    assert colour_support({"TERM": "xterm", "COLORTERM": "24bit"}, "linux") == "truecolor"
    assert colour_support({"TERM": "screen-256color"}, "linux") == "256"
    assert colour_support({"TERM": "xterm"}, "linux") == "16"
    assert colour_support({"TERM": "dumb"}, "linux") == "dumb"
    assert colour_support({"WT_SESSION": "x"}, "win32") == "truecolor"


def test_terminal_size_of_a_pipe_is_none(tmp_path: Path) -> None:
    with open(tmp_path / "out", "w") as stream:
        assert terminal_size(stream) is None


def test_doctor_counts_a_broken_login_entry_and_changes_nothing(
    tmp_path: Path, home: Path, isolated_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = isolated_environment / ".config" / "autostart"
    folder.mkdir(parents=True)
    entry = folder / "companion.desktop"
    entry.write_text(
        "[Desktop Entry]\nType=Application\nName=companion\n"
        "Exec=/usr/bin/env /gone/venv/bin/companion\nX-Companion-Autostart=true\n"
    )
    before = entry.read_bytes()
    env = {"PATH": str(tmp_path / "empty"), "XDG_CONFIG_HOME": str(folder.parent)}
    report = run_doctor(resolve_paths(home), env)
    joined = "\n".join(report.lines)
    assert report.problems == 2  # the moved program, and no terminal to repair it with
    assert "! Not working: it starts /gone/venv/bin/companion" in joined
    assert joined.endswith("2 thing(s) need your attention; each line above says how to fix it.")
    assert entry.read_bytes() == before and not home.exists()


def test_bad_login_settings_are_reported_with_the_default_kept(home: Path) -> None:
    home.mkdir()
    (home / "config.toml").write_text('autostart = "yes"\nterminal = "kitty \'oops"\n')
    (home / "config.toml").chmod(0o600)
    loaded = load_config(home / "config.toml")
    assert loaded.settings == Settings()
    said = [config_problem(p, EN) for p in loaded.problems]
    assert any('autostart = "yes" should be true or false' in line for line in said)
    assert any("is not a command companion can run" in line for line in said)
    report = run_doctor(resolve_paths(home), {})
    assert report.problems == 2
