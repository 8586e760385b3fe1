"""Which readers fit which desktop, from the environment alone (nothing is opened)."""

from __future__ import annotations

import pytest

from companion.system import idle
from companion.system.idle import plan
from companion.system.idle.plan import (
    DBUS_LOCK,
    DESKTOPS,
    IDLE_READERS,
    LOCK_READERS,
    is_local_display,
)

BUS = "unix:path=/run/user/1000/bus"
GNOME_LOCKS = ("gnome", "freedesktop", "xfce", "mate", "cinnamon")
KDE_LOCKS = ("freedesktop", "gnome", "xfce", "mate", "cinnamon")


@pytest.mark.parametrize(
    ("env", "desktop", "idle_readers", "lock_readers"),
    [
        pytest.param(
            {
                "WAYLAND_DISPLAY": "wayland-0",
                "DISPLAY": ":0",
                "XDG_CURRENT_DESKTOP": "ubuntu:GNOME",
                "DBUS_SESSION_BUS_ADDRESS": BUS,
            },
            "wayland",
            ("mutter", "freedesktop"),
            GNOME_LOCKS,
            id="gnome-wayland-never-xwayland",
        ),
        pytest.param(
            {
                "XDG_SESSION_TYPE": "wayland",
                "XDG_CURRENT_DESKTOP": "KDE",
                "DBUS_SESSION_BUS_ADDRESS": BUS,
            },
            "wayland",
            ("freedesktop", "mutter"),
            KDE_LOCKS,
            id="kde-wayland",
        ),
        pytest.param(
            {"DISPLAY": ":0", "XDG_CURRENT_DESKTOP": "KDE", "DBUS_SESSION_BUS_ADDRESS": BUS},
            "x11",
            ("x11", "freedesktop", "mutter"),
            KDE_LOCKS,
            id="kde-x11",
        ),
        pytest.param(
            {"DISPLAY": ":1.0", "XDG_CURRENT_DESKTOP": "XFCE", "DBUS_SESSION_BUS_ADDRESS": BUS},
            "x11",
            ("x11", "mutter", "freedesktop"),
            ("xfce", "gnome", "freedesktop", "mate", "cinnamon"),
            id="xfce-x11",
        ),
        pytest.param(
            {"DISPLAY": ":0", "XDG_CURRENT_DESKTOP": "X-Cinnamon", "DBUS_SESSION_BUS_ADDRESS": BUS},
            "x11",
            ("x11", "mutter", "freedesktop"),
            ("cinnamon", "gnome", "freedesktop", "xfce", "mate"),
            id="cinnamon-x11",
        ),
        pytest.param({"DISPLAY": ":0"}, "x11", ("x11",), (), id="bare-x11-without-a-bus"),
        pytest.param({}, "macos", ("iokit",), ("cgsession",), id="macos"),
        pytest.param({}, "windows", ("win32",), ("input_desktop",), id="windows"),
    ],
)
def test_readers_for_each_desktop(
    env: dict[str, str], desktop: str, idle_readers: tuple[str, ...], lock_readers: tuple[str, ...]
) -> None:
    platform = {"macos": "darwin", "windows": "win32"}.get(desktop, "linux")
    chosen = plan(env, platform)
    assert (chosen.desktop, chosen.idle, chosen.lock) == (desktop, idle_readers, lock_readers)


@pytest.mark.parametrize(
    ("env", "platform", "reason"),
    [
        ({"SSH_CONNECTION": "10.0.0.2 5022 10.0.0.1 22", "DISPLAY": ":0"}, "linux", "remote"),
        ({"SSH_TTY": "/dev/pts/3"}, "darwin", "remote"),
        ({"SSH_CLIENT": "10.0.0.2 5022 22"}, "win32", "remote"),
        ({"DISPLAY": "localhost:10.0"}, "linux", "remote"),  # ssh -X: X11 over the network
        ({"DISPLAY": "desk.example:0"}, "linux", "remote"),
        ({"DBUS_SESSION_BUS_ADDRESS": BUS, "TERM": "linux"}, "linux", "no_desktop"),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", "no_bus"),
        ({}, "emscripten", "unsupported_platform"),
    ],
)
def test_no_source_where_no_desktop_answers(
    env: dict[str, str], platform: str, reason: str
) -> None:
    chosen = plan(env, platform)
    assert (chosen.desktop, chosen.reason) == ("", reason)
    assert chosen.detail
    assert idle.find_source(env, platform) is None
    status = idle.check(env, platform)
    assert (status.reading, status.reason, status.detail) == (None, reason, chosen.detail)


def test_bus_address_falls_back_to_the_user_bus() -> None:
    chosen = plan({"WAYLAND_DISPLAY": "w", "XDG_RUNTIME_DIR": "/run/user/1000"}, "linux")
    assert chosen.bus == "unix:path=/run/user/1000/bus"
    odd = plan({"WAYLAND_DISPLAY": "w", "XDG_RUNTIME_DIR": "/tmp/a b,c"}, "linux")
    assert odd.bus == "unix:path=/tmp/a%20b%2cc/bus"


@pytest.mark.parametrize(
    ("display", "local"),
    [
        (":0", True),
        (":10.1", True),
        ("unix:0", True),
        ("/private/tmp/com.apple.launchd.x/org.xquartz:0", True),
        ("localhost:10.0", False),
        ("127.0.0.1:0", False),
        ("[::1]:0", False),
        ("", False),
        (":", False),
        (":0 ", False),
    ],
)
def test_local_displays(display: str, local: bool) -> None:
    assert is_local_display(display) is local


def test_every_name_a_plan_uses_is_known() -> None:
    """Doctor has words for each (test_content checks the words)."""
    seen = set()
    for env, platform in [
        ({"DISPLAY": ":0", "DBUS_SESSION_BUS_ADDRESS": BUS}, "linux"),
        ({"WAYLAND_DISPLAY": "w", "DBUS_SESSION_BUS_ADDRESS": BUS}, "linux"),
        ({}, "darwin"),
        ({}, "win32"),
    ]:
        chosen = plan(env, platform)
        assert chosen.desktop in DESKTOPS
        assert set(chosen.idle) <= set(IDLE_READERS)
        assert set(chosen.lock) <= set(LOCK_READERS)
        with idle.build(chosen) as source:
            idle_names, lock_names = source.readers
        assert (idle_names, lock_names) == (chosen.idle, chosen.lock)
        seen |= {*idle_names, *lock_names}
    assert seen == set(IDLE_READERS) | set(LOCK_READERS)
    assert set(DBUS_LOCK) <= set(LOCK_READERS)
