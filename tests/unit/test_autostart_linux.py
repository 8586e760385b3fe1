"""Linux: the .desktop entry in $XDG_CONFIG_HOME/autostart opens a terminal that runs
companion; status tells the truth about it; disable removes only companion's file."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from companion.system.autostart import Autostart, AutostartError, State, for_companion
from companion.system.autostart.desktop_entry import parse, split_exec
from companion.system.autostart.linux import FILE_NAME, DesktopAutostart, autostart_folder
from companion.system.autostart.terminals import KNOWN, find_terminal, parse_setting
from companion.system.paths import resolve_paths
from tests.e2e.tmux import require_tool


def make_programs(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        program = folder / name
        program.write_text('#!/bin/sh\nexec "$@"\n')
        program.chmod(0o755)
    return folder


@pytest.fixture
def bin_dir(tmp_path: Path) -> Path:
    return make_programs(tmp_path / "bin", "xterm")


@pytest.fixture
def companion_script(tmp_path: Path) -> Path:
    """Where "this" companion is installed: a folder with a space, as people have."""
    return make_programs(tmp_path / "my venv" / "bin", "companion") / "companion"


def linux(tmp_path: Path, bin_dir: Path, terminal: str = "auto", **env: str) -> DesktopAutostart:
    environment = {"PATH": str(bin_dir), **env}
    comments = {"": "Opened at login", "zh_CN": "登录时打开"}
    return DesktopAutostart(tmp_path / "autostart", terminal, environment, comments)


def enabled(tmp_path: Path, bin_dir: Path, program: Path) -> tuple[DesktopAutostart, Autostart]:
    """companion's entry, installed, opening ``program``."""
    backend = linux(tmp_path, bin_dir)
    autostart = Autostart(backend, (str(program),))
    autostart.enable()
    return backend, autostart


def written(backend: DesktopAutostart) -> dict[str, str]:
    return parse(backend.path.read_text("utf-8"))


def test_enable_writes_an_entry_that_opens_a_terminal_running_companion(
    tmp_path: Path, bin_dir: Path, companion_script: Path
) -> None:
    backend = linux(tmp_path, bin_dir)
    command = (str(companion_script), "--data-dir", "/data/李 雷's $HOME")
    status = Autostart(backend, command).enable()
    assert status.state is State.ON and status.opener_name == "xterm"
    entry = written(backend)
    assert split_exec(entry["Exec"]) == [str(bin_dir / "xterm"), "-e", *command]
    assert entry["Terminal"] == "false"  # the terminal is opened explicitly
    assert entry["X-Companion-Autostart"] == "true"  # companion's mark
    assert entry["Comment[zh_CN]"] == "登录时打开"
    assert (tmp_path / "autostart").stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize(
    "data_dir",
    ["/home/agent/companion", "/home/li lei/my data", '/tmp/a "quoted" $dir `x` 100%\\ok'],
)
def test_the_entry_passes_desktop_file_validate(
    tmp_path: Path, bin_dir: Path, companion_script: Path, data_dir: str
) -> None:
    tool = require_tool("desktop-file-validate")
    backend = linux(tmp_path, bin_dir)
    Autostart(backend, (str(companion_script), "--data-dir", data_dir)).enable()
    result = subprocess.run([tool, str(backend.path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", result.stdout  # not even a hint
    assert split_exec(written(backend)["Exec"])[-1] == data_dir


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_each_known_terminal_gets_the_command_its_own_way(
    tmp_path: Path, name: str, companion_script: Path
) -> None:
    bin_dir = make_programs(tmp_path / "bin", name)
    backend = linux(tmp_path, bin_dir)
    Autostart(backend, (str(companion_script),)).enable()
    argv = split_exec(written(backend)["Exec"])
    expected = {
        "gnome-terminal": ["--"],
        "xfce4-terminal": ["-x"],
        "wezterm": ["start", "--"],
        "kitty": [],
        "foot": [],
    }.get(name, ["-e"])
    assert argv == [str(bin_dir / name), *expected, str(companion_script)]


def test_which_terminal_is_chosen(tmp_path: Path) -> None:
    bin_dir = make_programs(
        tmp_path / "bin", "xterm", "konsole", "kitty", "x-terminal-emulator", "foot"
    )
    env = {"PATH": str(bin_dir)}
    assert find_terminal("auto", env).name == "x-terminal-emulator"  # the system's choice
    assert find_terminal("auto", {**env, "KITTY_WINDOW_ID": "1"}).name == "kitty"  # in use now
    (bin_dir / "x-terminal-emulator").unlink()
    assert find_terminal("auto", {**env, "XDG_CURRENT_DESKTOP": "KDE"}).name == "konsole"
    assert find_terminal("auto", env).name == "konsole"  # then the list's order
    assert find_terminal("foot", env).prefix == ()  # named in the settings
    custom = find_terminal("foot --app-id companion", env)
    assert custom.prefix == ("--app-id", "companion")
    assert find_terminal("tilix -e", env) is None  # not installed
    assert find_terminal("auto", {"PATH": str(tmp_path / "empty")}) is None


def test_the_terminal_setting_is_validated() -> None:
    assert parse_setting("auto") == ()
    assert parse_setting("'/opt/My Term/term' -e") == ("/opt/My Term/term", "-e")
    for bad in ("", "  ", "kitty 'unclosed", "two\nlines"):
        with pytest.raises(ValueError):
            parse_setting(bad)


def test_no_terminal_means_a_clear_error_and_no_file(
    tmp_path: Path, companion_script: Path
) -> None:
    backend = linux(tmp_path, tmp_path / "nothing-here")
    with pytest.raises(AutostartError) as caught:
        Autostart(backend, (str(companion_script),)).enable()
    assert caught.value.code == "no_terminal"
    assert not backend.path.exists()


def test_status_notices_a_moved_companion_and_a_missing_terminal(
    tmp_path: Path, bin_dir: Path, companion_script: Path
) -> None:
    backend, autostart = enabled(tmp_path, bin_dir, companion_script)
    moved = tmp_path / "moved venv"
    companion_script.parent.parent.rename(moved)  # the venv was moved
    status = autostart.status()
    assert status.state is State.MOVED and status.needs_action
    assert status.missing == str(companion_script)
    here = Autostart(backend, (str(moved / "bin" / "companion"),))
    assert here.enable().state is State.ON  # enabling again points it at this one
    (bin_dir / "xterm").unlink()
    status = here.status()
    assert status.state is State.NO_OPENER and status.missing == str(bin_dir / "xterm")


def test_status_says_when_it_opens_another_companion(
    tmp_path: Path, bin_dir: Path, companion_script: Path
) -> None:
    backend = linux(tmp_path, bin_dir)
    Autostart(backend, (str(companion_script), "--data-dir", "/a")).enable()
    status = Autostart(backend, (str(companion_script),)).status()
    assert status.state is State.OTHER and status.active and not status.needs_action
    assert status.command == (str(companion_script), "--data-dir", "/a")


@pytest.mark.parametrize("switch_off", ["Hidden=true", "X-GNOME-Autostart-enabled=false"])
def test_switched_off_in_the_desktop_settings(
    tmp_path: Path, bin_dir: Path, companion_script: Path, switch_off: str
) -> None:
    backend, autostart = enabled(tmp_path, bin_dir, companion_script)
    text = backend.path.read_text().replace("X-GNOME-Autostart-enabled=true\n", "")
    backend.path.write_text(text + switch_off + "\n")
    assert autostart.status().state is State.HIDDEN
    assert autostart.enable().state is State.ON  # asked explicitly: it is switched on again


def test_a_file_companion_did_not_write_is_never_touched(
    tmp_path: Path, bin_dir: Path, companion_script: Path
) -> None:
    backend = linux(tmp_path, bin_dir)
    backend.path.parent.mkdir()
    theirs = "[Desktop Entry]\nType=Application\nName=Mine\nExec=/usr/bin/companion\n"
    backend.path.write_text(theirs)
    autostart = Autostart(backend, (str(companion_script),))
    assert autostart.status().state is State.FOREIGN
    for change in (autostart.enable, autostart.disable):
        with pytest.raises(AutostartError) as caught:
            change()
        assert caught.value.code == "foreign"
    assert backend.path.read_text() == theirs


def test_an_unreadable_file_is_reported_and_left_alone(
    tmp_path: Path, bin_dir: Path, companion_script: Path
) -> None:
    backend = linux(tmp_path, bin_dir)
    backend.path.parent.mkdir()
    backend.path.write_bytes(b"\xff\xfe not text")
    autostart = Autostart(backend, (str(companion_script),))
    status = autostart.status()
    assert status.state is State.UNREADABLE and status.needs_action
    with pytest.raises(AutostartError):
        autostart.enable()
    assert backend.path.read_bytes() == b"\xff\xfe not text"


def test_companions_own_broken_entry_is_repaired_by_enable(
    tmp_path: Path, bin_dir: Path, companion_script: Path
) -> None:
    backend = linux(tmp_path, bin_dir)
    backend.path.parent.mkdir()
    backend.path.write_text("[Desktop Entry]\nExec=xterm -e 'oops\nX-Companion-Autostart=true\n")
    autostart = Autostart(backend, (str(companion_script),))
    assert autostart.status().state is State.BROKEN
    assert autostart.enable().state is State.ON


def test_disable_removes_only_companions_file(
    tmp_path: Path, bin_dir: Path, companion_script: Path
) -> None:
    backend, autostart = enabled(tmp_path, bin_dir, companion_script)
    neighbour = backend.path.parent / "other.desktop"
    neighbour.write_text("[Desktop Entry]\nName=other\n")
    assert autostart.disable().state is State.OFF
    assert not backend.path.exists() and neighbour.exists()
    assert autostart.disable().state is State.OFF  # already off: nothing to do, no error


def test_the_folder_follows_xdg_config_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert autostart_folder({"XDG_CONFIG_HOME": "/x/cfg"}, home) == Path("/x/cfg/autostart")
    assert autostart_folder({}, home) == home / ".config" / "autostart"
    relative = {"XDG_CONFIG_HOME": "cfg"}  # the spec says to ignore a relative path
    assert autostart_folder(relative, home) == home / ".config" / "autostart"


def test_for_companion_puts_it_together(tmp_path: Path, bin_dir: Path, home: Path) -> None:
    paths = resolve_paths(home)
    env = {"PATH": str(bin_dir), "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "HOME": "/nowhere"}
    autostart = for_companion(
        paths, "auto", env, platform="linux", argv0="-c", executable="/py/bin/python3"
    )
    assert autostart.command == ("/py/bin/python3", "-m", "companion", "--data-dir", str(home))
    assert autostart.backend.location() == str(tmp_path / "cfg" / "autostart" / FILE_NAME)
    comments = autostart.backend.comments  # type: ignore[attr-defined]
    assert set(comments) == {"", "zh_CN"} and "登录" in comments["zh_CN"]


def test_glib_reads_the_exec_line_as_companion_wrote_it(tmp_path: Path) -> None:
    """An independent reader of the spec: GLib's launcher (gio launch) runs the entry,
    and the fake terminal records the arguments it was given."""
    gio = shutil.which("gio")
    if gio is None:
        pytest.skip("gio (GLib) is not installed")
    out = tmp_path / "args"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    xterm = bin_dir / "xterm"
    xterm.write_text(
        f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done > "{out}.tmp"\n'
        f'mv "{out}.tmp" "{out}"\n'
    )
    xterm.chmod(0o755)
    program = make_programs(tmp_path / "my venv" / "bin", "companion") / "companion"
    command = (str(program), "--data-dir", '/tmp/a "q" $d `x` 100%\\ok 张')
    backend = linux(tmp_path, bin_dir)
    Autostart(backend, command).enable()
    subprocess.run([gio, "launch", str(backend.path)], check=True, timeout=30)
    deadline = time.monotonic() + 10
    while not out.exists():
        assert time.monotonic() < deadline, "the entry did not run"
        time.sleep(0.05)
    assert out.read_text().splitlines() == ["-e", *command]
