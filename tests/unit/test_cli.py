"""The companion command from a shell: version, help in the user's language, doctor."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion import __version__


def run(
    *args: str, env: dict[str, str] | None = None, module: bool = False
) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "companion"
    argv = [sys.executable, "-m", "companion", *args] if module else [str(script), *args]
    return subprocess.run(
        argv, capture_output=True, text=True, timeout=60, env={**os.environ, **(env or {})}
    )


def test_version_from_the_script_and_the_module() -> None:
    assert run("--version").stdout.strip() == f"companion {__version__}"
    assert run("--version", module=True).stdout.strip() == f"companion {__version__}"


def test_help_speaks_the_users_language() -> None:
    english = run("--help")
    assert english.returncode == 0 and "doctor" in english.stdout
    assert "An offline wellbeing companion" in english.stdout
    chinese = run("--help", env={"LANG": "zh_CN.UTF-8"})
    assert "不带命令运行即可打开应用" in chinese.stdout and "选项" in chinese.stdout


def test_doctor_exit_status_tells_whether_action_is_needed(tmp_path: Path) -> None:
    home = tmp_path / "h"
    assert run("--data-dir", str(home), "doctor").returncode == 0
    home.mkdir(mode=0o700)
    (home / "config.toml").write_text("language = [\n")
    (home / "config.toml").chmod(0o600)
    result = run("--data-dir", str(home), "doctor")
    assert result.returncode == 1
    assert "config.toml could not be read" in result.stdout


def test_data_dir_flag_and_companion_home_agree(tmp_path: Path) -> None:
    flag = run("--data-dir", str(tmp_path / "a"), "doctor").stdout
    env = run("doctor", env={"COMPANION_HOME": str(tmp_path / "a")}).stdout
    assert flag == env and str(tmp_path / "a" / "config.toml") in flag


def test_an_unknown_command_is_a_clear_error() -> None:
    result = run("frobnicate")
    assert result.returncode == 2 and "invalid choice" in result.stderr
    assert "'note'" in result.stderr and "'stats'" in result.stderr  # every name is told


def test_help_lists_every_command_even_before_a_command(capsys) -> None:
    """Only the sub-command asked for is loaded (a lean start), but a help asked for
    before one still lists them all."""
    from companion.cli import main
    from companion.commands import COMMANDS

    for argv in (["--help"], ["-h", "note"]):
        with pytest.raises(SystemExit):
            main(argv)
        out = capsys.readouterr().out
        assert all(name in out for name in COMMANDS), argv


def test_a_data_dir_with_a_nul_character_is_refused_with_a_message(capsys) -> None:
    from companion.cli import main

    assert main(["--data-dir", "\x00", "doctor"]) == 2
    assert "NUL" in capsys.readouterr().err


def test_a_data_dir_without_a_folder_is_told_once(capsys) -> None:
    from companion.cli import main

    with pytest.raises(SystemExit):
        main(["--data-dir"])
    err = capsys.readouterr().err
    assert err.count("usage:") == 1 and err.startswith("usage: companion ")
    assert "--data-dir: expected one argument" in err


def test_help_speaks_chinese_through_and_through() -> None:
    """argparse's own words (usage:, options:, COMMAND) in the person's language too."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "LANG": "zh_CN.UTF-8"}  # (the test's own home, not the real one)
    for args in (["--help"], ["note", "--help"]):
        shown = subprocess.run(
            [sys.executable, "-m", "companion", *args], capture_output=True, text=True, env=env
        ).stdout
        assert shown.startswith("用法：companion")
        for english in ("usage:", "COMMAND", "options:", "positional arguments:"):
            assert english not in shown, (args, english)
    wrong = subprocess.run(
        [sys.executable, "-m", "companion", "nope"], capture_output=True, text=True, env=env
    )
    assert wrong.returncode == 2 and "用法：" in wrong.stderr and "出错了：" in wrong.stderr


def test_the_cycle_collector_is_off_while_a_command_loads_and_on_while_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """Collecting cycles among the modules, classes and words the start makes is wasted
    work; the command itself runs with the collector on, and the caller gets it back
    as it was (nothing of its own left frozen)."""
    import gc

    import companion.commands.note as note
    import companion.commands.parsing as parsing
    from companion.cli import main

    seen: dict[str, bool] = {}
    build, run_note = parsing.build_parser, note.run

    def building(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen["loading"] = gc.isenabled()
        return build(*args, **kwargs)

    def running(args):  # type: ignore[no-untyped-def]
        seen["running"] = gc.isenabled()
        return run_note(args)

    monkeypatch.setattr(parsing, "build_parser", building)
    monkeypatch.setattr(note, "run", running)
    frozen = gc.get_freeze_count()
    assert main(["--data-dir", str(tmp_path / "h"), "note", "a hard chat"]) == 0
    assert "Saved" in capsys.readouterr().out
    assert seen == {"loading": False, "running": True}
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def _script(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # block-buffered
    env["COMPANION_HOME"] = str(tmp_path / "h")
    probe = "import atexit, sys\natexit.register(lambda: print('torn down', file=sys.stderr))\n"
    return subprocess.run(
        [sys.executable, "-c", probe + code], capture_output=True, text=True, env=env, timeout=60
    )


def test_a_sub_command_leaves_at_once_with_its_output_flushed(tmp_path: Path) -> None:
    """Tearing the interpreter down took a tenth of `companion note`: a sub-command
    leaves without it, what it printed (buffered, into a pipe) is all there, and its
    exit status is kept."""
    from_script = "from companion.cli import run\nsys.argv = ['companion', *{argv!r}]\nrun()"
    saved = _script(from_script.format(argv=["note", "a hard chat"]), tmp_path)
    assert saved.returncode == 0, saved.stderr
    assert saved.stdout.startswith("Saved") and "torn down" not in saved.stderr
    unknown_kind = ["find", "nothing-like-it", "--kind", "nope"]
    found = _script(from_script.format(argv=unknown_kind), tmp_path)
    assert found.returncode == 2 and found.stderr.strip() and "torn down" not in found.stderr
    # --version ends in SystemExit, as argparse does: the usual way out.
    version = _script(from_script.format(argv=["--version"]), tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("companion ")
    assert "torn down" in version.stderr


def test_a_reader_that_went_away_is_not_an_error_message(tmp_path: Path) -> None:
    """`companion find x | head -1`: the rest of the output has nowhere to go; the
    command says nothing about it (Python would print "Exception ignored")."""
    home = tmp_path / "h"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["COMPANION_HOME"] = str(home)
    script = Path(sys.executable).parent / "companion"
    for n in range(3):
        subprocess.run([str(script), "note", f"chat {n}"], env=env, check=True, timeout=60)
    reader_gone = subprocess.run(
        f"'{script}' find chat | true", shell=True, capture_output=True, text=True, env=env
    )
    assert "Exception ignored" not in reader_gone.stderr
    assert "Traceback" not in reader_gone.stderr


def test_an_error_nothing_expected_in_a_command_is_logged_without_its_words(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A traceback on the terminal could quote the journal (a date that is not one, in
    ValueError's message); the log keeps the type and place only, as the app's does."""
    import companion.commands.find as find
    from companion.cli import SOFTWARE_ERROR, main

    def broken(args):  # type: ignore[no-untyped-def]
        raise ValueError("Invalid isoformat string: 'my private words'")

    monkeypatch.setattr(find, "run", broken)
    assert main(["--data-dir", str(home), "find", "x"]) == SOFTWARE_ERROR
    said = capsys.readouterr().err
    assert "unexpected problem" in said and "Traceback" not in said
    assert "my private words" not in said
    log = (home / "logs" / "companion.log").read_text()
    assert "ValueError" in log and "in broken" in log and "my private words" not in log
