"""macOS: a LaunchAgent in ``~/Library/LaunchAgents`` that opens Terminal at login.

launchd runs ``open -a Terminal <script>.command`` once at login (RunAtLoad); Terminal
opens a window and runs the small script, which starts companion. The script lives in
companion's own folder and is marked, so ``disable`` removes exactly these two files.
Nothing is loaded now: the agent takes effect at the next login.
"""

from __future__ import annotations

import plistlib
import shlex
from pathlib import Path

from companion.system.atomic import write_atomic
from companion.system.autostart.base import AutostartError, Entry
from companion.system.paths import ensure_dir

LABEL = "local.companion.autostart"
SCRIPT_NAME = "companion-at-login.command"
OPEN = ("/usr/bin/open", "-a", "Terminal")
SCRIPT_MARK = "# Written by companion (companion autostart enable); disable removes it."


def script_text(command: tuple[str, ...]) -> str:
    return f"#!/bin/sh\n{SCRIPT_MARK}\nexec {shlex.join(command)}\n"


def script_command(text: str) -> tuple[str, ...]:
    if SCRIPT_MARK not in text:
        return ()
    for line in text.splitlines():
        if line.startswith("exec "):
            try:
                return tuple(shlex.split(line)[1:])
            except ValueError:
                return ()
    return ()


class LaunchAgent:
    def __init__(self, agents_dir: Path, script: Path) -> None:
        self.plist = agents_dir / f"{LABEL}.plist"
        self.script = script

    def location(self) -> str:
        return str(self.plist)

    def read(self) -> Entry | None:
        try:
            raw = self.plist.read_bytes()
        except FileNotFoundError:
            return None
        try:
            data = plistlib.loads(raw)
        except Exception as error:  # plistlib raises several kinds for a damaged file
            raise ValueError(str(error)) from error
        args = data.get("ProgramArguments") if isinstance(data, dict) else None
        ours = (
            isinstance(args, list)
            and data.get("Label") == LABEL
            and tuple(args[: len(OPEN)]) == OPEN
            and len(args) == len(OPEN) + 1
        )
        if not ours:
            return Entry(ours=False)
        try:
            command = script_command(Path(args[-1]).read_text("utf-8"))
        except (OSError, UnicodeDecodeError):
            command = ()
        return Entry(
            ours=True,
            command=command,
            opener_name="Terminal",
            enabled=not data.get("Disabled", False),
        )

    def write(self, command: tuple[str, ...]) -> None:
        agent = {
            "Label": LABEL,
            "ProgramArguments": [*OPEN, str(self.script)],
            "RunAtLoad": True,
            "LimitLoadToSessionType": "Aqua",  # a desktop login, not an ssh session
            "ProcessType": "Interactive",
        }
        try:
            ensure_dir(self.script.parent, own=False)  # beside config.toml
            write_atomic(self.script, script_text(command).encode("utf-8"))
            self.script.chmod(0o700)  # Terminal runs a .command file only if executable
            self.plist.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomic(self.plist, plistlib.dumps(agent))
        except OSError as error:
            raise AutostartError(
                "write_failed", location=str(self.plist), reason=error.strerror or str(error)
            ) from error

    def remove(self) -> None:
        try:
            args = plistlib.loads(self.plist.read_bytes()).get("ProgramArguments", [])
            script = Path(args[-1]) if args else self.script
        except Exception:
            script = self.script
        try:
            if SCRIPT_MARK in script.read_text("utf-8"):
                script.unlink()
        except (OSError, UnicodeDecodeError):
            pass
        self.plist.unlink(missing_ok=True)

    def opener_name(self) -> str | None:
        return "Terminal"
