"""Away from the keyboard and the roster in the real app, moved by the fake clock: the
desktop's reading comes from a worker thread as a message; a long absence is a natural
break ("welcome back"), also over a due break; the source is closed at exit. A lunch
holds the rhythm and Home says so."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from companion.system.idle import DesktopIdle, IdleReading
from companion.ui.breaks import away_watch
from companion.ui.breaks.away_watch import DesktopRead
from companion.ui.shell.home import HomeScreen
from tests.ui.helpers import Notes, wait_for
from tests.ui.test_breaks import break_screen, build, home_status, later
from tests.ui.test_micro_pauses import configure


class Desk:
    """A desktop whose idle time the test sets; read through the real DesktopIdle."""

    def __init__(self) -> None:
        self.idle = 0.0
        self.locked = False
        self.threads: set[str] = set()

    def source(self) -> DesktopIdle:
        desk = self

        class Idle:
            name = "x11"

            def read(self, timeout: float) -> float:
                desk.threads.add(threading.current_thread().name)
                return desk.idle

            def close(self) -> None: ...

        class Lock:
            name = "gnome"

            def read(self, timeout: float) -> bool:
                return desk.locked

            def close(self) -> None: ...

        return DesktopIdle("x11", [Idle()], [Lock()])


@pytest.fixture
def desk(monkeypatch: pytest.MonkeyPatch) -> Desk:
    desk = Desk()
    sources: list[DesktopIdle] = []

    def find_source(env: Any, platform: str) -> DesktopIdle:
        sources.append(desk.source())
        return sources[-1]

    monkeypatch.setattr(away_watch, "find_source", find_source)
    desk.sources = sources  # type: ignore[attr-defined]
    return desk


async def reading(pilot, desk: Desk, idle: float, locked: bool = False) -> None:  # type: ignore[no-untyped-def]
    """The watch's timer fires: a worker reads and the message comes back."""
    desk.idle, desk.locked = idle, locked
    app = pilot.app
    app.rhythm.away.look()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize(
    ("lang", "welcome"),
    [
        ("en", "Welcome back. You were away for 12 min, so that counts as a break."),
        ("zh", "欢迎回来，这就算休息过了。\n你离开了 12 分钟。"),
    ],
)
async def test_a_long_absence_is_a_natural_break(
    app_factory, clock, desk: Desk, lang: str, welcome: str
) -> None:
    app = build(app_factory, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await later(pilot, clock, hours=1)
        clock.advance(4 * 60)
        await reading(pilot, desk, 4 * 60)
        clock.advance(8 * 60)
        await reading(pilot, desk, 12 * 60, locked=True)
        await reading(pilot, desk, 0.0)
        assert welcome in notes.text()
        assert "MainThread" not in desk.threads  # read in a worker, never on the UI thread
        assert home_status(app) in ("Next break in 2 h", "下次休息：2 小时后")
    natural = [e for e in app.services.stores.break_events.all() if e.kind == "natural"]
    assert [e.fields["cause"] for e in natural] == ["locked"]


async def test_coming_back_over_a_due_break_closes_it_kindly(app_factory, clock, desk) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await later(pilot, clock, hours=2)
        assert break_screen(app).mode == "due"  # the agent walks off as it comes
        clock.advance(3 * 60)
        await reading(pilot, desk, 3 * 60)
        await later(pilot, clock, minutes=9)
        assert break_screen(app).mode == "due"  # it waits for them...
        await reading(pilot, desk, 1.0)
        assert isinstance(app.screen, HomeScreen)  # ...and back, it is answered
        assert "Welcome back. You were away for 12 min, so that counts as a break." in (
            notes.text()
        )


async def test_no_break_comes_while_nobody_is_there(app_factory, clock, desk) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await later(pilot, clock, hours=1, minutes=50)
        clock.advance(3 * 60)
        await reading(pilot, desk, 3 * 60)  # gone since 1:50
        await later(pilot, clock, minutes=10)
        assert isinstance(app.screen, HomeScreen)  # 2:03: held, nobody to ask


async def test_a_short_absence_holds_the_break_back(app_factory, clock, desk) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await later(pilot, clock, hours=1, minutes=55)
        clock.advance(4 * 60)
        await reading(pilot, desk, 4 * 60)
        clock.advance(60)
        await reading(pilot, desk, 0.0)  # back after 5 min: the clock stood still
        assert home_status(app) == "Next break in 5 min"
        await later(pilot, clock, minutes=5)
        assert break_screen(app).mode == "due"


async def test_the_source_is_closed_at_exit_and_off_when_asked(app_factory, home, desk) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        source = desk.sources[-1]  # type: ignore[attr-defined]
        assert app.rhythm.away.timer is not None
    assert source.read() is None  # closed: final
    configure(home, "[away]\nenabled = false\n")
    quiet = build(app_factory)
    async with quiet.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert quiet.rhythm.away.source is None and quiet.rhythm.away.timer is None


async def test_no_desktop_no_source(app_factory) -> None:
    """The tests' environment has no DISPLAY: nothing is read, today's rules hold."""
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.rhythm.away.source is None


async def test_a_reading_arrives_as_a_message(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(DesktopRead(IdleReading(600.0, True, "x11", "gnome")))
        await wait_for(pilot, lambda: app.rhythm.view().away)


LUNCH = """\
[breaks]
every = "1h30m"

[[breaks.fixed]]
name = "{name}"
start = "12:00"
end = "13:00"
"""


@pytest.mark.parametrize(
    ("lang", "name", "waits", "start", "during", "after"),
    [
        (
            "en",
            "Lunch",
            "Next break: Lunch at 12:00.",
            "Lunch until 13:00. Enjoy it; no reminders meanwhile.",
            "Lunch until 13:00.",
            "Next break in 1 h 30 min",
        ),
        (
            "zh",
            "午饭",
            "下次休息：12:00 午饭。",
            "午饭，到 13:00。好好歇歇",
            "午饭中，到 13:00。",
            "下次休息：1 小时 30 分钟后",
        ),
    ],
)
async def test_a_lunch_holds_the_rhythm_and_home_says_so(
    app_factory, clock, home, lang: str, name: str, waits: str, start: str, during: str, after: str
) -> None:
    """10:30, a break every 1 h 30 min: due at 12:00, just as lunch starts. No break
    before lunch; lunch itself; then a new work period from 13:00."""
    configure(home, LUNCH.format(name=name))
    app = build(app_factory, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        assert home_status(app) == waits
        await later(pilot, clock, minutes=89)
        assert notes.messages == []  # no heads-up for a break lunch will be
        await later(pilot, clock, minutes=1)
        assert start in notes.text()
        assert home_status(app) == during
        assert isinstance(app.screen, HomeScreen)
        await later(pilot, clock, minutes=60)
        assert home_status(app) == after
    kinds = [e.kind for e in app.services.stores.break_events.all()]
    assert sorted(kinds) == ["fixed_end", "fixed_start"]
