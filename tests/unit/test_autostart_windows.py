"""Windows: a Run value in HKCU, written through winreg. The tests hand the writer a
fake winreg module that behaves like the real one (missing keys and values raise
FileNotFoundError, a handle only allows what it was opened for)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.system.autostart import Autostart, AutostartError, State
from companion.system.autostart.windows import (
    APPROVED_KEY,
    MARK_KEY,
    MARK_VALUE,
    RUN_KEY,
    VALUE,
    RunKey,
    split_cmdline,
)


@dataclass
class Handle:
    values: dict[str, tuple[object, int]]
    access: int

    def __enter__(self) -> Handle:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class FakeWinreg:
    HKEY_CURRENT_USER = 1
    KEY_READ = 0x20019
    KEY_SET_VALUE = 0x0002
    REG_SZ = 1
    REG_BINARY = 3

    def __init__(self) -> None:
        self.keys: dict[tuple[int, str], dict[str, tuple[object, int]]] = {}

    def OpenKey(self, root: int, sub: str, reserved: int = 0, access: int = KEY_READ) -> Handle:
        if (root, sub.lower()) not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return Handle(self.keys[(root, sub.lower())], access)

    def CreateKeyEx(self, root: int, sub: str, reserved: int = 0, access: int = 0) -> Handle:
        return Handle(self.keys.setdefault((root, sub.lower()), {}), access)

    def QueryValueEx(self, handle: Handle, name: str) -> tuple[object, int]:
        if name not in handle.values:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return handle.values[name]

    def SetValueEx(
        self, handle: Handle, name: str, reserved: int, kind: int, value: object
    ) -> None:
        if not handle.access & self.KEY_SET_VALUE:
            raise PermissionError(5, "Access is denied")
        handle.values[name] = (value, kind)

    def DeleteValue(self, handle: Handle, name: str) -> None:
        if not handle.access & self.KEY_SET_VALUE:
            raise PermissionError(5, "Access is denied")
        if name not in handle.values:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        del handle.values[name]

    # test helpers
    def value(self, key: str, name: str) -> object:
        return self.keys.get((self.HKEY_CURRENT_USER, key.lower()), {}).get(name, (None,))[0]

    def put(self, key: str, name: str, value: object, kind: int = REG_SZ) -> None:
        self.keys.setdefault((self.HKEY_CURRENT_USER, key.lower()), {})[name] = (value, kind)


PROGRAM = "C:\\Users\\张伟\\my venv\\Scripts\\companion.exe"


@pytest.fixture
def program(monkeypatch: pytest.MonkeyPatch) -> str:
    """The status check asks whether the program exists; on Linux, pretend it does."""
    monkeypatch.setattr("companion.system.autostart.program_exists", lambda p: p != "C:\\gone.exe")
    return PROGRAM


def test_enable_writes_the_run_value_and_companions_mark(program: str) -> None:
    reg = FakeWinreg()
    command = (program, "--data-dir", "D:\\客服 data\\")
    status = Autostart(RunKey(reg, None), command).enable()
    assert status.state is State.ON and status.opener_name == ""  # a console window
    line = reg.value(RUN_KEY, VALUE)
    assert line == subprocess.list2cmdline(command)
    assert split_cmdline(line) == list(command)
    assert reg.value(MARK_KEY, MARK_VALUE) == line


def test_with_windows_terminal_it_opens_a_tab_there(program: str) -> None:
    reg = FakeWinreg()
    wt = "C:\\Users\\me\\AppData\\Local\\Microsoft\\WindowsApps\\wt.exe"
    command = (program, "--data-dir", "D:\\a;b")
    status = Autostart(RunKey(reg, wt), command).enable()
    assert status.state is State.ON and status.opener_name == "Windows Terminal"
    argv = split_cmdline(reg.value(RUN_KEY, VALUE))
    assert argv[:5] == [wt, "new-tab", "--title", "companion", "--"]
    assert argv[5:] == [program, "--data-dir", "D:\\a\\;b"]  # wt would split at a bare ";"


def test_status_notices_a_moved_companion(program: str) -> None:
    reg = FakeWinreg()
    Autostart(RunKey(reg, None), ("C:\\gone.exe",)).enable()
    status = Autostart(RunKey(reg, None), (program,)).status()
    assert status.state is State.MOVED and status.missing == "C:\\gone.exe"


def test_disabled_in_task_manager_is_reported_and_enable_overrides_it(program: str) -> None:
    reg = FakeWinreg()
    autostart = Autostart(RunKey(reg, None), (program,))
    autostart.enable()
    reg.put(APPROVED_KEY, VALUE, b"\x03" + bytes(11), FakeWinreg.REG_BINARY)
    assert autostart.status().state is State.HIDDEN
    assert autostart.enable().state is State.ON
    assert reg.value(APPROVED_KEY, VALUE) is None


def test_a_value_companion_did_not_write_is_left_alone(program: str) -> None:
    reg = FakeWinreg()
    reg.put(RUN_KEY, VALUE, '"C:\\Tools\\companion.exe" --my-own-flags')
    autostart = Autostart(RunKey(reg, None), (program,))
    assert autostart.status().state is State.FOREIGN
    for change in (autostart.enable, autostart.disable):
        with pytest.raises(AutostartError):
            change()
    assert reg.value(RUN_KEY, VALUE) == '"C:\\Tools\\companion.exe" --my-own-flags'


def test_disable_removes_the_value_and_the_mark_only(program: str) -> None:
    reg = FakeWinreg()
    reg.put(RUN_KEY, "OneDrive", "C:\\OneDrive.exe /background")
    autostart = Autostart(RunKey(reg, None), (program,))
    autostart.enable()
    assert autostart.disable().state is State.OFF
    assert reg.value(RUN_KEY, VALUE) is None and reg.value(MARK_KEY, MARK_VALUE) is None
    assert reg.value(RUN_KEY, "OneDrive") == "C:\\OneDrive.exe /background"


def test_a_registry_that_refuses_writes_is_a_clear_error(
    program: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    reg = FakeWinreg()

    def denied(*args: object) -> None:
        raise PermissionError(5, "Access is denied")

    monkeypatch.setattr(reg, "SetValueEx", denied)
    with pytest.raises(AutostartError) as caught:
        Autostart(RunKey(reg, None), (program,)).enable()
    assert caught.value.code == "write_failed"
    assert caught.value.detail["reason"] == "Access is denied"


windows_arg = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"), max_size=20
)


@given(st.lists(windows_arg, min_size=1, max_size=5))
def test_split_cmdline_reads_what_list2cmdline_writes(argv: list[str]) -> None:
    assert split_cmdline(subprocess.list2cmdline(argv)) == argv
