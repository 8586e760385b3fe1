"""Windows: a value under ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``.

The value starts companion in Windows Terminal when ``wt.exe`` is there, else companion
alone, for which Windows opens a console window. Registry values are UTF-16, so a
Chinese user name in the path is no problem (a .cmd file in the Startup folder would be
read in the console's code page). The exact text written is kept under
``HKCU\\Software\\companion``: that is companion's mark, so it only removes its own.
The registry is reached through a ``winreg``-like object, so tests can pass a fake.
"""

from __future__ import annotations

import subprocess
from pathlib import PureWindowsPath
from typing import Any

from companion.system.autostart.base import AutostartError, Entry
from companion.system.autostart.words import Words

HKCU_NAME = "HKEY_CURRENT_USER"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
# Where Task Manager records "Disabled" for a Run value (first byte odd = disabled).
APPROVED_KEY = r"Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"
MARK_KEY = r"Software\companion"
VALUE = "companion"
MARK_VALUE = "AutostartCommand"
WT_NAMES = ("wt.exe", "wt")


def split_cmdline(line: str) -> list[str]:
    """Split a command line the way CommandLineToArgvW does (the inverse of
    ``subprocess.list2cmdline``): 2n backslashes + quote -> n backslashes and a quote
    toggle; 2n+1 backslashes + quote -> n backslashes and a literal quote."""
    words = Words()
    in_quotes = False
    i = 0
    while i < len(line):
        char = line[i]
        if char == "\\":
            run = len(line[i:]) - len(line[i:].lstrip("\\"))
            quote_follows = line[i + run : i + run + 1] == '"'
            words.add("\\" * (run // 2 if quote_follows else run))
            if quote_follows and run % 2:
                words.add('"')
                run += 1
            i += run  # an even run before a quote leaves the quote to toggle below
            continue
        if char == '"':
            in_quotes = not in_quotes
            words.add("")
        elif char in " \t" and not in_quotes:
            words.end()
        else:
            words.add(char)
        i += 1
    return words.done()


class RunKey:
    def __init__(self, winreg: Any, wt: str | None) -> None:
        self.reg = winreg
        self.wt = wt  # Windows Terminal's path, if installed

    def location(self) -> str:
        return f"{HKCU_NAME}\\{RUN_KEY}\\{VALUE}"

    # -- registry access ----------------------------------------------------------
    def _get(self, key: str, name: str) -> Any:
        reg = self.reg
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, key, 0, reg.KEY_READ) as handle:
                value, _kind = reg.QueryValueEx(handle, name)
        except FileNotFoundError:
            return None
        return value

    def _set(self, key: str, name: str, value: str) -> None:
        reg = self.reg
        with reg.CreateKeyEx(reg.HKEY_CURRENT_USER, key, 0, reg.KEY_SET_VALUE) as handle:
            reg.SetValueEx(handle, name, 0, reg.REG_SZ, value)

    def _delete(self, key: str, name: str) -> None:
        reg = self.reg
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, key, 0, reg.KEY_SET_VALUE) as handle:
                reg.DeleteValue(handle, name)
        except FileNotFoundError:
            pass

    # -- the backend ----------------------------------------------------------------
    def read(self) -> Entry | None:
        data = self._get(RUN_KEY, VALUE)
        if data is None:
            return None
        if not isinstance(data, str):
            return Entry(ours=False)
        argv = split_cmdline(data)
        opener: tuple[str, ...] = ()
        if argv and PureWindowsPath(argv[0]).name.lower() in WT_NAMES and "--" in argv:
            cut = argv.index("--") + 1
            opener = tuple(argv[:cut])
            argv = [arg.replace("\\;", ";") for arg in argv[cut:]]
        approved = self._get(APPROVED_KEY, VALUE)
        disabled = isinstance(approved, bytes) and bool(approved) and approved[0] % 2 == 1
        return Entry(
            ours=self._get(MARK_KEY, MARK_VALUE) == data,
            command=tuple(argv),
            opener=opener[:1],
            opener_name="Windows Terminal" if opener else "",
            enabled=not disabled,
        )

    def command_line(self, command: tuple[str, ...]) -> str:
        if self.wt:
            # wt.exe splits its arguments at ";" unless it is escaped.
            escaped = [arg.replace(";", "\\;") for arg in command]
            return subprocess.list2cmdline(
                [self.wt, "new-tab", "--title", "companion", "--", *escaped]
            )
        return subprocess.list2cmdline(command)

    def write(self, command: tuple[str, ...]) -> None:
        line = self.command_line(command)
        try:
            self._set(MARK_KEY, MARK_VALUE, line)
            self._set(RUN_KEY, VALUE, line)
            # An explicit "enable" overrides an earlier "Disabled" in Task Manager.
            self._delete(APPROVED_KEY, VALUE)
        except OSError as error:
            raise AutostartError(
                "write_failed", location=self.location(), reason=error.strerror or str(error)
            ) from error

    def remove(self) -> None:
        self._delete(RUN_KEY, VALUE)
        self._delete(MARK_KEY, MARK_VALUE)
        self._delete(APPROVED_KEY, VALUE)

    def opener_name(self) -> str | None:
        return "Windows Terminal" if self.wt else ""
