"""Linux and other XDG desktops: ``$XDG_CONFIG_HOME/autostart/companion.desktop``.

The entry runs a terminal which runs companion (see terminals.py for why). It carries
``X-Companion-Autostart=true`` so companion only ever removes or rewrites its own file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from companion.system.atomic import write_atomic
from companion.system.autostart.base import AutostartError, Entry
from companion.system.autostart.desktop_entry import exec_line, parse, render, split_exec
from companion.system.autostart.terminals import Which, find_terminal

FILE_NAME = "companion.desktop"
MARK = "X-Companion-Autostart"


def autostart_folder(env: Mapping[str, str], home: Path) -> Path:
    """The spec ignores a relative XDG_CONFIG_HOME; so do we."""
    configured = env.get("XDG_CONFIG_HOME", "")
    base = Path(configured) if configured and Path(configured).is_absolute() else home / ".config"
    return base / "autostart"


def is_companion(argv: list[str], i: int) -> bool:
    name = Path(argv[i]).name.lower()
    return name in ("companion", "companion.exe") or argv[i + 1 : i + 3] == ["-m", "companion"]


def split_command(argv: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the terminal part, companion's command) of an Exec line."""
    for i in range(len(argv)):
        if is_companion(argv, i):
            return tuple(argv[:i]), tuple(argv[i:])
    return tuple(argv), ()


class DesktopAutostart:
    def __init__(
        self,
        folder: Path,
        terminal: str,
        env: Mapping[str, str],
        comments: Mapping[str, str],
        which: Which | None = None,
    ) -> None:
        self.path = folder / FILE_NAME
        self.terminal = terminal  # the "terminal" setting: "auto" or a command line
        self.env = env
        self.comments = comments  # locale ("" for the default) -> Comment text
        self.which = which

    def location(self) -> str:
        return str(self.path)

    def read(self) -> Entry | None:
        try:
            values = parse(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return None
        except UnicodeDecodeError as error:
            raise ValueError(str(error)) from error
        try:
            opener, command = split_command(split_exec(values.get("Exec", "")))
        except ValueError:
            opener, command = (), ()
        enabled = (
            values.get("Hidden", "false").lower() != "true"
            and values.get("X-GNOME-Autostart-enabled", "true").lower() != "false"
        )
        return Entry(
            ours=values.get(MARK, "").lower() == "true",
            command=command,
            opener=opener,
            opener_name=Path(opener[0]).name if opener else "",
            enabled=enabled,
        )

    def write(self, command: tuple[str, ...]) -> None:
        terminal = find_terminal(self.terminal, self.env, self.which)
        if terminal is None and self.terminal.strip() != "auto":
            raise AutostartError("terminal_missing", terminal=self.terminal)
        if terminal is None:
            raise AutostartError("no_terminal")
        pairs = [
            ("Type", "Application"),
            ("Version", "1.0"),
            ("Name", "companion"),
            *(
                (f"Comment[{locale}]" if locale else "Comment", text)
                for locale, text in sorted(self.comments.items())
            ),
            ("Exec", exec_line(terminal.command(command))),
            ("Icon", "utilities-terminal"),
            ("Terminal", "false"),
            ("X-GNOME-Autostart-enabled", "true"),
            (MARK, "true"),
        ]
        try:
            # Only a folder we create gets our private mode; an existing one is left as is.
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomic(self.path, render(pairs).encode("utf-8"))
        except OSError as error:
            raise AutostartError(
                "write_failed", location=str(self.path), reason=error.strerror or str(error)
            ) from error

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)

    def opener_name(self) -> str | None:
        try:
            terminal = find_terminal(self.terminal, self.env, self.which)
        except ValueError:
            return None
        return f"{terminal.name} ({terminal.path})" if terminal else None
