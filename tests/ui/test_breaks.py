"""The break rhythm in the real app, moved by the fake clock: heads-up, the due break
and its choices, the count-down, "I'm back", a banner (never the screen) while typing,
do-not-disturb, and the figures on Home."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Digits, Input, Select, Switch

from companion.system.clock import FakeClock
from companion.system.notify import Delivery
from companion.ui.breaks.dnd import DndScreen
from companion.ui.breaks.rhythm import SLOW
from companion.ui.breaks.screen import BreakScreen
from companion.ui.shell.home import HomeScreen
from companion.ui.shell.settings import SettingsScreen
from companion.ui.widgets.break_banner import BreakBanner
from tests.ui.helpers import Notes, awake, screen_text, text_of, wait_for


class Desktop:
    """Stands in for send_desktop: records what would have reached the desktop."""

    def __init__(self, ok: bool = True) -> None:
        self.sent: list[tuple[str, str]] = []
        self.ok = ok

    def __call__(self, title: str, body: str, **_kwargs: Any) -> Delivery:
        self.sent.append((title, body))
        return Delivery("test", self.ok, "" if self.ok else "no_session")


def build(app_factory, lang: str = "en", **kwargs: Any):  # type: ignore[no-untyped-def]
    app = app_factory(lang, **kwargs)
    app.rhythm.send = Desktop()
    return app


async def later(pilot, clock: FakeClock, **delta: float) -> None:  # type: ignore[no-untyped-def]
    """Time passes; the app's timer fires at least once a minute meanwhile, as it does,
    and at the end."""
    awake(pilot.app, clock, **delta)
    await pilot.pause()
    await pilot.pause()


def bell_of(app) -> list[bool]:  # type: ignore[no-untyped-def]
    """The terminal bell, recorded: one True per ring."""
    rings: list[bool] = []
    app.bell = lambda: rings.append(True)
    return rings


def break_screen(app) -> BreakScreen:  # type: ignore[no-untyped-def]
    assert isinstance(app.screen, BreakScreen), type(app.screen).__name__
    return app.screen


def home_status(app) -> str:  # type: ignore[no-untyped-def]
    return text_of(app.screen.query_one("#break-status"))


async def test_home_shows_the_next_break_in_minutes_then_seconds(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        assert home_status(app) == "Next break in 2 h"
        await later(pilot, clock, minutes=31)
        assert home_status(app) == "Next break in 1 h 29 min"
        await later(pilot, clock, hours=1, minutes=28, seconds=30)
        assert home_status(app) == "Next break in 30 s"
        assert app.screen.redraw_in() == pytest.approx(1.0)  # seconds now: a 1 s timer
        assert app.rhythm.delay() <= 1.1


async def test_heads_up_then_the_break_screen_on_time(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await later(pilot, clock, hours=1, minutes=57)
        assert notes.messages == [] and isinstance(app.screen, HomeScreen)
        await later(pilot, clock, minutes=1)
        assert "A short break in 2 min. A good moment to wrap up this chat." in notes.text()
        assert isinstance(app.screen, HomeScreen)  # a heads-up never takes the screen
        await later(pilot, clock, minutes=2)
        screen = break_screen(app)
        assert screen.mode == "due"
        text = screen_text(app)
        assert "Time for a short break" in text and "2 h since your last break" in text
        assert "An idea · " in text
        for label in ("Start the break", "After this chat", "Postpone 5 min", "Skip"):
            assert label in text
        await pilot.pause(0.1)  # the desktop notification is sent from a worker thread
        assert app.rhythm.send.sent == [
            ("A short break in 2 min", "A good moment to wrap up this chat."),
            (
                "Time for a short break",
                "Step away from the screen for 10 min. companion has an idea for it.",
            ),
        ]


async def test_a_break_counts_down_and_im_back_returns_home(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await later(pilot, clock, hours=2)
        await pilot.press("enter")  # nothing is focused: a stray Enter starts nothing
        assert break_screen(app).mode == "due"
        await pilot.press("s")  # "Start the break"
        await pilot.pause()
        screen = break_screen(app)
        assert screen.mode == "break"
        assert screen.query_one("#countdown", Digits).value == "10:00"
        assert screen.redraw_in() == 1.0
        await later(pilot, clock, minutes=5, seconds=20)
        assert screen.query_one("#countdown", Digits).value == "04:40"
        idea = text_of(screen.query_one("#idea"))
        await pilot.press("n")
        assert text_of(screen.query_one("#idea")) != idea
        await pilot.press("escape")  # I'm back
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert home_status(app) == "Next break in 2 h"
    events = sorted(app.services.stores.break_events.all(), key=lambda e: e.created_at)
    assert [e.kind for e in events] == ["heads_up", "due", "started", "ended"]
    assert events[-1].fields == {"completed": False, "seconds": 320, "counted": True}


async def test_the_end_of_a_break_says_welcome_back(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")  # an early break, from Home
        await pilot.pause()
        assert break_screen(app).mode == "break"
        await later(pilot, clock, minutes=10)
        assert "Welcome back" in screen_text(app)
        assert "The next one comes in 2 h." in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "1 taken · 0 postponed · 0 skipped" in screen_text(app)


async def test_postpone_three_times_then_it_stays_but_never_forces(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await later(pilot, clock, hours=2)
        for _ in range(3):
            await pilot.press("p")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert "I'll remind you again in 5 min" in notes.text()
            assert home_status(app) == "Break postponed; I'll remind you in 5 min."
            await later(pilot, clock, minutes=5)
            break_screen(app)
        assert "postponed this one 3 times" in screen_text(app)
        assert not app.screen.query("#postpone")
        await pilot.press("p")
        await pilot.press("escape")
        await pilot.pause()
        assert break_screen(app).mode == "due"  # still here, waiting for a choice
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Skipped. The next break comes in 2 h." in notes.text()
        assert "0 taken · 3 postponed · 1 skipped" in screen_text(app)


@pytest.mark.parametrize(
    ("lang", "before", "after"),
    [
        ("en", "2 h since your last break", "4 h since your last break"),
        ("zh", "离上次休息已经 2 小时了", "离上次休息已经 4 小时了"),
    ],
)
async def test_after_a_skip_the_break_screen_counts_from_the_last_real_break(
    app_factory, clock, lang: str, before: str, after: str
) -> None:
    app = build(app_factory, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await later(pilot, clock, hours=2)
        assert before in screen_text(app)
        await pilot.press("x")
        await later(pilot, clock, hours=2)
        assert after in screen_text(app)  # the skip was no break


async def test_after_this_chat_waits_for_the_key(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await later(pilot, clock, hours=2)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Press k when you're free; I'll ask again in 15 min" in notes.text()
        assert home_status(app) == "Break after this chat. Press k when you're free."
        await later(pilot, clock, minutes=6)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("k")
        await pilot.pause()
        assert break_screen(app).mode == "break"


async def test_after_this_chat_asks_again_after_15_minutes(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await later(pilot, clock, hours=2)
        await pilot.press("c")
        await later(pilot, clock, minutes=15)
        assert break_screen(app).mode == "due"


async def test_typing_gets_a_banner_instead_of_the_break_screen(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        field = app.screen.query_one("#break_length", Input)
        field.focus()
        await pilot.pause()
        await later(pilot, clock, hours=2)
        assert isinstance(app.screen, SettingsScreen)
        banner = app.screen.query_one(BreakBanner)
        assert "A short break is due" in text_of(banner)
        assert field.has_focus
        await pilot.press("end", *["backspace"] * len(field.value), "1", "2", "m")
        assert field.value == "12m"  # every key went where the user was typing
        assert app.rhythm.delay() <= 5.5  # the banner looks back soon
        app.screen.query_one("#autostart", Switch).focus()  # out of the fields
        await later(pilot, clock, seconds=5)
        assert break_screen(app).mode == "due"
        assert not app.query(BreakBanner)


@pytest.mark.parametrize("key", ["f2", "h"])
async def test_a_break_due_during_sos_or_breathing_waits_for_it_to_end(
    app_factory, clock, key: str
) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(key)
        calm = app.screen
        assert getattr(calm, "calm", None) is not None
        await later(pilot, clock, hours=2)
        assert app.screen is calm and not app.query(BreakBanner)  # nothing covers it
        assert app.rhythm.delay() <= 5.5  # and the reminder looks again soon
        sent = app.rhythm.send.sent
        await wait_for(pilot, lambda: any("short break" in title for title, _ in sent))
        await pilot.press("escape")
        await pilot.pause()
        if not isinstance(app.screen, HomeScreen):  # (breathing may ask for a rating)
            await pilot.press("escape")
        await later(pilot, clock, seconds=5)
        assert break_screen(app).mode == "due"


async def test_the_bell_rings_when_asked_for(app_factory, clock, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[breaks]\nbell = true\n", "utf-8")
    app = build(app_factory)
    rings = bell_of(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await later(pilot, clock, hours=1, minutes=58)
        assert rings == []
        await later(pilot, clock, minutes=2)
        assert rings == [True]


async def test_when_the_desktop_is_out_of_reach_it_says_so_once(app_factory, clock) -> None:
    app = build(app_factory)
    app.rhythm.send = Desktop(ok=False)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await later(pilot, clock, hours=1, minutes=58)
        await pilot.pause(0.1)
        await later(pilot, clock, minutes=2)
        await pilot.pause(0.1)
        said = "Desktop pop-ups aren't available here; reminders will show in this window."
        assert [m for m, _ in notes.messages if "pop-ups" in m] == [said]  # one calm line
    again = build(app_factory)  # and never again at the next start
    again.rhythm.send = Desktop(ok=False)
    async with again.run_test(size=(80, 24)) as pilot:
        notes = Notes(again)
        await later(pilot, clock, hours=2)
        await pilot.pause(0.1)
        assert not [m for m, _ in notes.messages if "pop-ups" in m]


async def test_a_due_break_the_desktop_missed_rings_the_bell_once(app_factory, clock) -> None:
    """The fallback for a notification that could not be delivered: the bell, even with
    the bell setting off, for the due break only (a heads-up is no reason to ring)."""
    app = build(app_factory)
    app.rhythm.send = Desktop(ok=False)
    rings = bell_of(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await later(pilot, clock, hours=1, minutes=58)
        await wait_for(pilot, lambda: len(app.rhythm.send.sent) == 1)
        await pilot.pause(0.1)
        assert rings == []  # the heads-up did not reach the desktop either: no bell
        await later(pilot, clock, minutes=2)
        await wait_for(pilot, lambda: rings == [True])
        await pilot.pause(0.1)
        assert rings == [True]
        break_screen(app)


async def test_the_fallback_bell_does_not_ring_twice(app_factory, clock, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[breaks]\nbell = true\n", "utf-8")
    app = build(app_factory)
    app.rhythm.send = Desktop(ok=False)
    rings = bell_of(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await later(pilot, clock, hours=2)
        await wait_for(pilot, lambda: len(app.rhythm.send.sent) == 2)  # heads-up, due
        await pilot.pause(0.1)
        assert rings == [True]


async def test_a_delivered_notification_needs_no_bell(app_factory, clock) -> None:
    app = build(app_factory)
    rings = bell_of(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await later(pilot, clock, hours=2)
        await wait_for(pilot, lambda: len(app.rhythm.send.sent) == 2)  # heads-up, due
        await pilot.pause(0.1)
        assert rings == []


async def test_desktop_alerts_can_be_turned_off(app_factory, clock, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[breaks]\ndesktop_notifications = false\n", "utf-8")
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await later(pilot, clock, hours=2)
        await pilot.pause(0.1)
        assert app.rhythm.send.sent == []
        break_screen(app)


async def test_do_not_disturb_holds_the_break_back(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await later(pilot, clock, hours=1, minutes=50)
        await pilot.press("d")
        assert isinstance(app.screen, DndScreen)
        await pilot.click("#dnd-30")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Reminders paused until 12:50." in notes.text()
        assert home_status(app) == "Do not disturb until 12:50."
        await later(pilot, clock, minutes=29)
        assert isinstance(app.screen, HomeScreen)
        await later(pilot, clock, minutes=1)
        assert break_screen(app).mode == "due"
        assert "Reminders are back on." in notes.text()


async def test_the_break_screen_speaks_chinese(app_factory, clock) -> None:
    app = build(app_factory, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        assert home_status(app) == "下次休息：2 小时后"
        await later(pilot, clock, hours=2)
        text = screen_text(app)
        assert "该歇一会儿了" in text and "离上次休息已经 2 小时了" in text
        assert {"开始休息", "忙完这位再歇", "推迟 5 分钟", "跳过"} <= {
            s.strip() for s in text.splitlines()
        }
        await pilot.press("s")
        await pilot.pause()
        assert "休息中" in screen_text(app)
        footer = {a.binding.description for a in app.screen.active_bindings.values()}
        assert {"换一个", "我回来了"} <= footer


async def test_quiet_when_idle(app_factory) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # let the app settle (start-up work that waits a frame)
        assert app.rhythm.delay() == SLOW  # nothing changes for a minute or more
        assert app.rhythm.timer is not None


async def test_settings_rows_change_the_rhythm_at_once(app_factory, home: Path) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        text = screen_text(app)
        for label in ("Breaks", "Break every", "Heads-up", "Postpones", "Shift hours", "Days"):
            assert label in text
        field = app.screen.query_one("#break_every", Input)
        assert field.value == "2 h"  # in the person's words; "2h" and "2小时" are read too
        field.focus()
        field.value = "45m"
        await pilot.press("enter")
        await pilot.press("escape")
        await pilot.pause()
        assert home_status(app) == "Next break in 45 min"
    assert 'every = "45m"' in (home / "config.toml").read_text("utf-8")


async def test_the_do_not_disturb_row_in_settings(app_factory) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        button = app.screen.query_one("#dnd", Button)
        button.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DndScreen)
        assert "For the rest of today" in screen_text(app)  # no shift hours set


async def test_a_shift_time_set_by_hand_is_offered_as_it_is(app_factory, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('[shift]\nstart = "08:45"\n', "utf-8")
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert str(app.screen.query_one("#shift_start", Select).value) == "08:45:00"


async def test_a_suspend_is_welcomed_as_a_break(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        awake(app, clock, hours=1)
        clock.suspend(minutes=40)
        app.rhythm.tick()
        await pilot.pause()
        assert "You were away for 40 min, so that counts as a break." in notes.text()
        assert home_status(app) == "Next break in 2 h"
        assert "1 taken" in screen_text(app)


async def test_a_key_typed_while_the_app_starts_keeps_the_saved_rhythm(app_factory, clock) -> None:
    """`k` typed before the first frame acts on the saved state (a do-not-disturb set
    before quitting is still there), not on a blank one saved over it."""
    first = build(app_factory)
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first.rhythm.set_dnd("60")
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")  # before _settle has run
        await pilot.pause()
        assert app.rhythm.view().dnd_until is not None
    assert app.services.stores.state.get("breaks.state")["dnd_until"] is not None


async def test_the_rhythm_timer_firing_while_the_app_closes_does_nothing(
    app_factory, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's screens are gone a moment before it unmounts and stops the rhythm; a
    tick falling in between has nothing to draw on (seen once in a loaded test run)."""
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        state = app.services.stores.state.get("breaks.state")
        monkeypatch.setattr(type(app), "screen_stack", property(lambda self: []))
        clock.advance(hours=3)
        app.rhythm.tick()  # raised ScreenStackError before
        assert app.services.stores.state.get("breaks.state") == state
        monkeypatch.undo()
