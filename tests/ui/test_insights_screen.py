"""Insights in the running app: the week's figures in words, 30 days, the empty state,
a locked journal (activity figures stay; unlock on a key), locking while it is open,
and the weekly summary after the week's last end-of-day reflection."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from companion.ui.insights.screen import InsightsScreen
from companion.ui.insights.week_summary import WeekSummaryScreen
from companion.ui.journal.entry_editor import EntryEditorScreen
from companion.ui.privacy.unlock import UnlockScreen
from companion.ui.shell.home import HomeScreen
from tests.insights_seed import seed_fortnight
from tests.ui.helpers import screen_text, settled, type_in, wait_for
from tests.ui.test_privacy import PASS, encrypted_journal, type_passphrase


def friday_evening(clock: FakeClock) -> None:
    """From the fixture's Monday 10:30 to Friday 27 November 20:00 (Shanghai)."""
    clock.advance(days=4, hours=9, minutes=30)


def seeded(home: Path, clock: FakeClock) -> None:
    friday_evening(clock)
    stores = open_stores(resolve_paths(home), clock)
    seed_fortnight(stores, clock.now())
    stores.close()


async def open_insights(pilot) -> InsightsScreen:  # type: ignore[no-untyped-def]
    await pilot.press("i")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, InsightsScreen))
    await settled(pilot)
    return pilot.app.screen


async def test_the_week_in_figures_and_words(app_factory, home: Path, clock: FakeClock) -> None:
    seeded(home, clock)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_insights(pilot)
        text = screen_text(app)
        assert "Insights · this week, 23 November – 29 November" in text
        assert screen.insights is not None and screen.insights.totals.taken == 8
        assert (
            "On 5 sessions this week, breathing lowered your tension by 2.4 points on "
            "average (6.8 → 4.4, on a 0–10 scale)." in " ".join(text.split())
        )
        assert "SOS: not enough data yet (2 of 3 resets rated before and after)." in text
        assert "Mind reading (2), Taking it personally (2)" in text
        assert "angry (5), 委屈 (5), worried (2)" in text
        assert "#refund: low on 2 of the 2 days it came up" in text
        assert "Mon Tue Wed Thu Fri Sat Sun" in text
        assert "No streak" not in text and "fail" not in text.lower()
        await pilot.press("v")
        await settled(pilot)
        assert "Insights · the last 30 days" in screen_text(app)
        assert screen.insights is not None and screen.insights.totals.taken == 17
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_planned_breaks_come_from_shift_hours(
    app_factory, home: Path, clock: FakeClock
) -> None:
    seeded(home, clock)
    app = app_factory("zh")
    await_settings = {"shift_hours": True}
    async with app.run_test(size=(80, 24)) as pilot:
        app.preferences.save(**await_settings)
        await open_insights(pilot)
        text = screen_text(app)
        assert "休息 / 计划" in text and "1 / 4" in text and "8 / 20" in text
        assert "本周有 5 次呼吸练习前后都打了分：紧绷度平均降低了 2.4 分" in text.replace("\n", "")


async def test_nothing_yet_is_said_kindly(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_insights(pilot)
        assert screen.insights is not None and screen.insights.empty
        text = screen_text(app)
        assert "Nothing here this week yet." in text
        assert not screen.query_one("#insights-counts").display


async def test_a_locked_journal_keeps_the_activity_figures_and_offers_to_unlock(
    app_factory, home: Path, clock: FakeClock
) -> None:
    seeded(home, clock)
    encrypted_journal(home, clock)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_insights(pilot)  # no passphrase asked to open it
        text = screen_text(app)
        assert "Breathing sessions" in text and "On 5 sessions this week" in " ".join(text.split())
        assert "which is locked. Press u to unlock it" in " ".join(text.split())
        assert "angry" not in text and "Mind reading" not in text
        assert screen.insights is not None and screen.insights.patterns is None
        await pilot.press("u")
        assert isinstance(app.screen, UnlockScreen)
        await type_passphrase(pilot, PASS)
        await wait_for(pilot, lambda: isinstance(app.screen, InsightsScreen))
        await wait_for(pilot, lambda: "Mind reading (2)" in screen_text(app))
        assert "locked" not in screen_text(app)
        # Locking while it is open takes the journal's words away at once.
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, InsightsScreen)
        assert "Mind reading" not in screen_text(app) and "angry" not in screen_text(app)
        await pilot.press("escape", "i", "u")  # unlock again, then lock from Home
        await type_passphrase(pilot, PASS)
        await wait_for(pilot, lambda: "Mind reading (2)" in screen_text(app))
        await pilot.press("escape", "ctrl+l")
        await pilot.pause()
        # nothing read from the journal is kept in memory once it is locked
        assert app.services.insights._journal is None and app.services.insights._last is None


async def write_reflection(pilot) -> None:  # type: ignore[no-untyped-def]
    pilot.app.go_home()
    await pilot.pause()
    await pilot.press("j", "ctrl+n", "3")  # the journal, a new entry, an end-of-day reflection
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, EntryEditorScreen))
    pilot.app.screen.query_one("#answer-text", TextArea).text = "One calm reply"
    await pilot.press("ctrl+s")
    await pilot.pause()


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_weeks_last_reflection_offers_the_summary_once(
    app_factory, home: Path, clock: FakeClock, lang: str
) -> None:
    clock.advance(days=3, hours=9)  # Thursday evening: not the week's last working day
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await write_reflection(pilot)
        assert type(app.screen).__name__ == "JournalScreen"  # no summary on a Thursday
        clock.advance(days=1)  # Friday evening
        await write_reflection(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, WeekSummaryScreen))
        text = screen_text(app)
        assert ("Breaks taken: 0." if lang == "en" else "休息了 0 次。") in text
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, InsightsScreen))
        await pilot.press("escape")
        await write_reflection(pilot)  # once a week is enough
        assert type(app.screen).__name__ == "JournalScreen"


async def test_letting_friday_go_also_brings_the_summary(app_factory, clock: FakeClock) -> None:
    friday_evening(clock)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")  # let the day go
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReleaseScreen")
        await type_in(pilot, "one calm reply")
        await pilot.press("enter", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, WeekSummaryScreen))
        assert "Your week in a few lines" in screen_text(app)
        await pilot.press("escape")  # then the evening's idea, and home
        assert "For this evening" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_written_words_show_as_written_in_either_language(
    app_factory, clock: FakeClock
) -> None:
    friday_evening(clock)
    app = app_factory(None)  # the language follows the settings, as for a person
    feeling = "[bold]angry[/bold]\x1b[31m 顾客"
    async with app.run_test(size=(80, 24)) as pilot:
        app.services.stores.entries.add(
            kind="thought", text="x", fields={"emotions": [{"name": feeling}]}, tags=("退款",)
        )
        await open_insights(pilot)
        assert "[bold]angry[/bold]␛[31m 顾客 (1)" in screen_text(app)
        await app.preferences.set_language("zh")  # the open screen redraws in the new language
        await pilot.pause()
        text = screen_text(app)
        assert "回顾 · 本周" in text and "[bold]angry[/bold]␛[31m 顾客（1）" in text
