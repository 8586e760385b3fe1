"""The "Open at login" switch in Settings: it runs the same code as the command, says
what happened, goes back when it could not be done, and shows what is really there."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Switch

from companion.services.config import load_config
from companion.system.autostart import State, for_companion
from companion.system.autostart.desktop_entry import parse, split_exec
from tests.ui.helpers import Notes


@pytest.fixture
def env(tmp_path: Path, isolated_environment: Path) -> dict[str, str]:
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "xterm").write_text('#!/bin/sh\nshift\nexec "$@"\n')
    (folder / "xterm").chmod(0o755)
    return {
        "PATH": str(folder),
        "HOME": str(isolated_environment),
        "XDG_CONFIG_HOME": str(isolated_environment / ".config"),
    }


def entry_path(env: dict[str, str]) -> Path:
    return Path(env["XDG_CONFIG_HOME"]) / "autostart" / "companion.desktop"


async def flip(pilot) -> Switch:  # type: ignore[no-untyped-def]
    await pilot.press("s")
    switch = pilot.app.screen.query_one("#autostart", Switch)
    switch.focus()
    await pilot.press("enter")
    await pilot.pause()
    return switch


async def test_switching_on_and_off_installs_and_removes_the_entry(
    app_factory, env: dict[str, str], home: Path
) -> None:
    app = app_factory("en", env=env)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        switch = await flip(pilot)
        assert switch.value is True
        assert "companion will open by itself when you log in, in xterm." in notes.text()
        assert "Saved." not in notes.text()  # one message, the one that matters
        argv = split_exec(parse(entry_path(env).read_text())["Exec"])
        assert argv[:2] == [str(Path(env["PATH"]) / "xterm"), "-e"]
        assert argv[-2:] == ["--data-dir", str(home)]
        assert load_config(home / "config.toml").settings.autostart is True
        await pilot.press("enter")
        await pilot.pause()
        assert switch.value is False
        assert "companion will no longer open when you log in." in notes.text()
    assert not entry_path(env).exists()
    assert load_config(home / "config.toml").settings.autostart is False


async def test_without_a_terminal_it_says_why_and_the_switch_goes_back(
    app_factory, env: dict[str, str], home: Path, tmp_path: Path
) -> None:
    app = app_factory("zh", env={**env, "PATH": str(tmp_path / "empty")})
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        switch = await flip(pilot)
        assert switch.value is False
        assert any(
            "没有找到可以用来打开 companion 的终端程序" in message and severity == "error"
            for message, severity in notes.messages
        )
        await pilot.press("escape", "s")  # opened again, it still tells the truth
        assert app.screen.query_one("#autostart", Switch).value is False
    assert not entry_path(env).exists()
    assert load_config(home / "config.toml").settings.autostart is False


async def test_the_switch_shows_what_is_installed(app_factory, env: dict[str, str]) -> None:
    app = app_factory("en", env=env)
    services = app.services
    for_companion(services.paths, "auto", env).enable()  # e.g. by `companion autostart enable`
    assert services.config.settings.autostart is False
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the app looks at what is installed a frame after Home appears
        await pilot.press("s")
        assert app.screen.query_one("#autostart", Switch).value is True


async def test_an_entry_left_by_a_moved_install_is_pointed_here_again(
    app_factory, env: dict[str, str], home: Path
) -> None:
    home.mkdir()
    (home / "config.toml").write_text("autostart = true\n")
    path = entry_path(env)
    path.parent.mkdir(parents=True)
    path.write_text(
        "[Desktop Entry]\nType=Application\nName=companion\n"
        f"Exec={env['PATH']}/xterm -e /old/venv/bin/companion\nX-Companion-Autostart=true\n"
    )
    app = app_factory("en", env=env)
    notes = Notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "it now opens this one" in notes.text()
        status = for_companion(app.services.paths, "auto", env).status()
        assert status.state is State.ON
        await pilot.press("s")
        assert app.screen.query_one("#autostart", Switch).value is True
    assert "/old/venv" not in path.read_text()
