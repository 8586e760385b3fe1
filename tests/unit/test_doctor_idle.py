"""Doctor's lines for idle time, rendered with the real words in both languages."""

from __future__ import annotations

import pytest

from companion.services.doctor.idle import idle_lines, idle_section
from companion.system import idle
from companion.system.i18n import Strings
from companion.system.idle import Attempt, IdleReading, IdleStatus, Reason
from tests.unit.test_idle_content import LANGUAGES


def strings(lang: str) -> Strings:
    return Strings(lang)


X11_GNOME = IdleStatus(
    "x11",
    IdleReading(12.4, False, "x11", "gnome"),
    (Attempt("idle", "x11"), Attempt("lock", "gnome")),
    detail=":0",
)
I3 = IdleStatus(
    "x11",
    IdleReading(3.0, None, "x11", ""),
    (
        Attempt("idle", "x11"),
        *(
            Attempt("lock", name, Reason.NO_SERVICE, "org.freedesktop.DBus.Error.NameHasNoOwner")
            for name in ("gnome", "freedesktop", "xfce", "mate", "cinnamon")
        ),
    ),
    detail=":1",
)
NO_XSS = IdleStatus(
    "x11",
    None,
    (Attempt("idle", "x11", Reason.NO_LIBRARY, "libXss.so.1: cannot open shared object file"),),
    detail=":0",
)


def test_a_working_desktop_in_english() -> None:
    assert idle_lines(X11_GNOME, strings("en")) == [
        "Away from the computer: idle time and screen lock",
        "X11 (:0): no keyboard or mouse input for 12 s (from the X11 screen saver extension)",
        "Screen lock: not locked (from GNOME's screen shield)",
    ]


def test_a_working_desktop_in_chinese() -> None:
    assert idle_lines(X11_GNOME, strings("zh")) == [
        "离开电脑：多久没操作、有没有锁屏",
        "X11（:0）：已经 12 秒没碰键盘和鼠标（来源：X11 屏保扩展）",
        "锁屏：没锁屏（来源：GNOME 锁屏）",
    ]


def test_what_did_not_answer_is_listed_with_why() -> None:
    lines = idle_lines(I3, strings("en"))
    assert lines[2] == "Screen lock: the desktop does not say"
    assert lines[3:] == [
        "  GNOME's screen shield: not running",
        "  the freedesktop screensaver service (KDE): not running",
        "  the Xfce screensaver: not running",
        "  the MATE screensaver: not running",
        "  the Cinnamon screensaver: not running",
    ]
    assert idle_lines(NO_XSS, strings("en"))[1:] == [
        "Nothing on X11 (:0) told the idle time. companion notices time away only when the"
        " computer sleeps or companion is closed.",
        "Screen lock: the desktop does not say",
        "  the X11 screen saver extension: a library it needs is not installed"
        " (libXss.so.1: cannot open shared object file)",
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_status_the_module_can_give_renders(lang: str) -> None:
    t = strings(lang)
    for reason in Reason:
        status = IdleStatus(
            "wayland",
            IdleReading(None, True, "", "freedesktop"),
            (Attempt("idle", "mutter", reason, "detail"),),
        )
        assert all(idle_lines(status, t))
        assert len(idle_lines(IdleStatus("", None, reason=reason, detail="x"), t)) == 2
    assert idle_lines(idle.check({"SSH_TTY": "/dev/pts/1"}, "linux"), t)[1]


def test_doctor_shows_the_section_for_the_environment_it_is_given() -> None:
    """Doctor's report reads the environment it runs in: over SSH, nothing is read."""
    lines = idle_section({"SSH_TTY": "/dev/pts/1", "DISPLAY": ":0"}, Strings("en"), "linux")
    assert lines == [
        "Away from the computer: idle time and screen lock",
        "  Not read from the desktop: this is an SSH session, and your desk is on the other"
        " computer. companion notices time away only when the computer sleeps or companion"
        " is closed.",
    ]
