"""What a command prints never acts on the terminal: a note holding OSC 52 (sets the
clipboard), CSI 2J (clears the screen) or OSC 8 (a link) is shown as visible symbols
when exported to a terminal, kept exactly in a file (--out, or redirected), and error
messages repeating what was typed (--kind, a path, --data-dir) are made safe too."""

from __future__ import annotations

import json
import os
import pty
import select
import sys
import time
from pathlib import Path

import pytest

from tests.unit.test_passphrase_cli import companion

CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4=\x07"
CLEAR = "\x1b[2J\x1b[H"
LINK = "\x1b]8;;https://example.invalid\x1b\\click\x1b]8;;\x1b\\"
C1 = "\x9b31m"  # the one-byte CSI
NOTE = f"refund{CLIPBOARD} storm{CLEAR} see {LINK} {C1}end"


def on_a_terminal(home: Path, *args: str) -> bytes:
    """The installed command with a pty as its terminal; everything it wrote there."""
    pid, fd = pty.fork()
    if pid == 0:
        command = str(Path(sys.executable).parent / "companion")
        os.execve(command, [command, "--data-dir", str(home), *args], dict(os.environ))
    seen, deadline = b"", time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.waitpid(pid, 0)
    os.close(fd)
    return seen


def acts(output: bytes) -> bool:
    """Does the output hold anything a terminal would act on (ESC, BEL, C1 CSI)?"""
    text = output.decode("utf-8", "replace")
    return any(c in text for c in ("\x1b", "\x07", "\x9b"))


@pytest.fixture
def hostile_note(home: Path) -> Path:
    saved = companion(home, "note", stdin=NOTE)
    assert saved.returncode == 0, saved.stderr
    return home


@pytest.mark.parametrize("fmt", ["md", "txt", "json"])
def test_an_export_to_the_terminal_is_made_safe(hostile_note: Path, fmt: str) -> None:
    shown = on_a_terminal(hostile_note, "export", "--format", fmt)
    assert b"refund" in shown and b"end" in shown
    assert not acts(shown), shown
    assert "␛".encode() in shown or fmt == "json"  # (JSON escapes ESC as \\u001b itself)


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_an_export_to_a_file_keeps_the_text_exactly(
    hostile_note: Path, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"export.{fmt}"
    done = companion(hostile_note, "export", "--format", fmt, "--out", str(target))
    assert done.returncode == 0
    assert NOTE in target.read_text("utf-8")
    piped = companion(hostile_note, "export", "--format", fmt)  # redirected: a copy too
    assert NOTE in piped.stdout


def test_json_to_a_pipe_keeps_every_character(hostile_note: Path) -> None:
    done = companion(hostile_note, "export", "--format", "json")
    assert [e["text"] for e in json.loads(done.stdout)["entries"]] == [NOTE]


def test_find_and_doctor_on_a_terminal(hostile_note: Path) -> None:
    assert not acts(on_a_terminal(hostile_note, "find", "refund"))
    assert not acts(on_a_terminal(hostile_note, "find", "refund", "--json"))


@pytest.mark.parametrize(
    "args",
    [
        ["note", "--kind", CLIPBOARD + "x", "words"],
        ["find", "--kind", CLEAR + "x"],
        ["import", f"/tmp/{LINK}missing.json"],
        ["export", "--out", f"/nonexistent{CLEAR}/x.md"],
        ["export", "--format", CLIPBOARD],
        ["stats", f"--{CLEAR}"],
    ],
    ids=["note-kind", "find-kind", "import-path", "export-out", "bad-choice", "bad-option"],
)
def test_error_messages_repeating_input_are_made_safe(home: Path, args: list[str]) -> None:
    done = companion(home, *args)
    assert done.returncode != 0
    assert done.stderr and not acts(done.stderr.encode()), done.stderr
    assert "Traceback" not in done.stderr


def test_a_data_dir_with_escapes_is_shown_safely(tmp_path: Path) -> None:
    odd = tmp_path / f"home{CLEAR}{CLIPBOARD}"
    out = on_a_terminal(odd, "doctor")
    assert b"companion doctor" in out and not acts(out), out
    note = companion(odd, "note", "hello")
    assert note.returncode == 0 and not acts(note.stderr.encode())


def test_a_name_that_is_not_utf8_is_printed_not_a_traceback(tmp_path: Path) -> None:
    odd = os.fsencode(str(tmp_path)) + b"/home-\xff"
    import subprocess

    done = subprocess.run(
        [str(Path(sys.executable).parent / "companion"), "--data-dir", odd, "doctor"],
        capture_output=True,
        timeout=60,
    )
    assert b"Traceback" not in done.stderr, done.stderr
    assert b"companion doctor" in done.stdout
