"""The break screen's keys and words do what they say (issue 15, items 4, 5, 6, 12): no
app-wide letter opens another room over a break, a key that no longer applies says so,
the hint names a key that works where the person is, a postpone shorter than a minute
reads in seconds, and a break counts only when it was really taken."""

from __future__ import annotations

from datetime import timedelta

import pytest

from companion.ui.breaks.screen import BreakScreen
from companion.ui.calm.breathe import BreatheScreen
from companion.ui.journal.entries import JournalScreen
from companion.ui.shell.home import HomeScreen
from tests.ui.helpers import Notes, screen_text
from tests.ui.test_breaks import break_screen, build, home_status, later


def config(home, text: str) -> None:  # type: ignore[no-untyped-def]
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text, "utf-8")


async def test_p_with_no_postpones_left_says_so_and_opens_nothing(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await later(pilot, clock, hours=2)
        for _ in range(3):  # the three postponements
            await pilot.press("p")
            await later(pilot, clock, minutes=5)
        screen = break_screen(app)
        assert not screen.view().can_postpone
        for key in ("p", "i", "j", "r", "t", "q"):  # (h is the screen's own: breathe)
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen and app.is_running, key
        assert "No more postpones for this break" in notes.text()
        assert screen.mode == "due"


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_postpone_under_a_minute_is_said_in_seconds(app_factory, clock, home, lang) -> None:
    config(home, '[breaks]\npostpone = "30s"\n')
    app = build(app_factory, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await later(pilot, clock, hours=2)
        text = screen_text(app)
        label = {"en": "Postpone 30 s", "zh": "推迟 30 秒"}[lang]
        assert label in text and "0 min" not in text and "0 分钟" not in text
        await pilot.press("p")
        await pilot.pause()
        said = {"en": "remind you again in 30 s", "zh": "30 秒后再提醒你"}[lang]
        assert said in notes.text()


HINTS = {
    "en": ("press k on Home", "Press k when you're free", "Press k when you're free"),
    "zh": ("空下来回到首页按 k 开始休息", "空下来按 k 开始休息", "空下来按 k。"),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_after_this_chat_hint_names_a_key_that_works_there(
    app_factory, clock, lang
) -> None:
    in_journal, on_home, home_line = HINTS[lang]
    app = build(app_factory, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await pilot.press("j")
        assert isinstance(app.screen, JournalScreen)
        await later(pilot, clock, hours=2)
        assert isinstance(app.screen, BreakScreen)
        await pilot.press("c")  # after this chat: back to the journal, where k types
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert in_journal in notes.text()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert home_line in home_status(app)  # on Home, k it is
        await pilot.press("k")
        assert break_screen(app).mode == "break"
        await pilot.press("escape")  # back at once; the break is asked for again later
        await later(pilot, clock, minutes=20)
        assert isinstance(app.screen, BreakScreen)
        await pilot.press("c")  # from a break over Home, Home's own key is named
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        said = notes.messages[-1][0]
        assert on_home in said and in_journal not in said


async def test_s_then_escape_after_three_seconds_is_no_break_taken(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await later(pilot, clock, hours=2)
        await pilot.press("s")
        await later(pilot, clock, seconds=3)
        await pilot.press("escape")  # I'm back
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Your break is over" not in notes.text()
        assert "too short to count as a break" in notes.text()
        assert "I'll remind you in 5 min" in home_status(app)
        assert "taken" not in screen_text(app) or "0 taken" in screen_text(app)
        assert app.rhythm.keeper.today().taken == 0 and app.rhythm.keeper.today().short == 1
        await later(pilot, clock, minutes=5)
        assert break_screen(app).mode == "due"  # the break is still owed, asked for again
    ended = [e for e in app.services.stores.break_events.all() if e.kind == "ended"]
    assert [e.fields for e in ended] == [{"completed": False, "seconds": 3, "counted": False}]


async def test_breathing_from_a_due_break_and_leaving_at_once_is_no_break(
    app_factory, clock
) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await later(pilot, clock, hours=2)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, BreatheScreen)
        await pilot.press("escape")
        await pilot.pause()
        screen = break_screen(app)
        await pilot.press("escape")  # I'm back, seconds later
        await pilot.pause()
        assert not isinstance(app.screen, BreakScreen) and screen.mode != "due"
        assert app.rhythm.keeper.today().taken == 0


async def test_half_a_break_counts_as_taken(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await later(pilot, clock, hours=2)
        await pilot.press("s")
        await later(pilot, clock, minutes=5)
        await pilot.press("escape")
        await pilot.pause()
        assert "Your break is over. Welcome back." in notes.text()
        assert home_status(app) == "Next break in 2 h"
        assert "1 taken" in screen_text(app)
    assert app.rhythm.keeper.rules().length == timedelta(minutes=10)
