"""Insights computes in a worker thread: the UI thread only asks "nothing changed
since?" (a few stats), the newest request is the one drawn, a slow answer shows a calm
line meanwhile, a storage problem met in the worker is said on the screen, and a lock
while it computes keeps nothing of the journal."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from companion.core import insights as core
from companion.core.insights import LOCKED
from companion.core.weeks import Span
from companion.system.atomic import write_atomic
from companion.system.clock import FakeClock
from companion.ui.insights import screen as insights_screen
from companion.ui.insights.screen import InsightsScreen
from tests.ui.helpers import screen_text, settled, wait_for
from tests.ui.test_insights_screen import open_insights, seeded
from tests.ui.test_privacy import PASS, encrypted_journal, type_passphrase


def threads_of(service: Any, name: str) -> list[threading.Thread]:
    """The threads ``service.<name>`` runs in (it still runs)."""
    seen: list[threading.Thread] = []
    method = getattr(service, name)

    def recorded(*args: Any, **kwargs: Any) -> Any:
        seen.append(threading.current_thread())
        return method(*args, **kwargs)

    setattr(service, name, recorded)
    return seen


class Gate:
    """Holds the figures' computation (in its worker thread) until opened."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, hold: Callable[[Span], bool]) -> None:
        self.opened = threading.Event()
        self.waiting = threading.Event()
        compute = core.compute

        def held(records: Any, plan: Any, now: Any, span: Span, first: int) -> Any:
            if hold(span):
                self.waiting.set()
                self.opened.wait(timeout=10)
            return compute(records, plan, now, span, first)

        monkeypatch.setattr(core, "compute", held)

    def open(self) -> None:
        self.opened.set()


async def test_the_figures_are_computed_off_the_ui_thread(
    app_factory, home: Path, clock: FakeClock
) -> None:
    seeded(home, clock)
    app = app_factory("en")
    computed = threads_of(app.services.insights, "compute")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_insights(pilot)
        assert screen.insights is not None and screen.insights.totals.taken == 8
        assert computed and threading.main_thread() not in computed
        app.rhythm.tick()  # (the app settles: it may note something at start)
        await settled(pilot)
        before = len(computed)
        app.rhythm.tick()  # the app's slow timer: nothing changed, so nothing is computed
        await settled(pilot)
        assert len(computed) == before
        before_breathing = screen.insights.totals.breathing
        app.services.stores.breathing.add(
            pattern="4-7-8", rounds=4, rounds_done=4, seconds=76.0, completed=True
        )
        app.rhythm.tick()  # a file changed: computed again, in a worker
        await settled(pilot)
        assert len(computed) == before + 1 and threading.main_thread() not in computed
        assert screen.insights.totals.breathing == before_breathing + 1


async def test_only_the_newest_request_is_drawn_and_a_slow_one_says_so(
    app_factory, home: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded(home, clock)
    monkeypatch.setattr(insights_screen, "WORKING_AFTER", 0.001)  # "slow" at once
    gate = Gate(monkeypatch, lambda span: span == Span.MONTH)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_insights(pilot)
        app.rhythm.tick()  # (the app settles: it may note something at start)
        await settled(pilot)
        working = screen.query_one("#insights-working")
        assert not working.display  # the week came quickly: no line
        await pilot.press("v")  # 30 days: held in its worker
        await wait_for(pilot, gate.waiting.is_set)
        await wait_for(pilot, lambda: working.display)
        assert "Working it out…" in screen_text(app)
        await pilot.press("v")  # back to the week before the 30 days came
        assert screen.insights is not None and screen.insights.span == Span.WEEK
        assert not working.display
        gate.open()
        await settled(pilot)  # the 30 days arrive now: no longer asked for, not drawn
        assert screen.insights.span == Span.WEEK
        assert "Insights · this week" in screen_text(app) and "30 days" not in screen_text(app)


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_storage_problem_met_in_the_worker_is_said_on_the_screen(
    app_factory, home: Path, clock: FakeClock, lang: str
) -> None:
    seeded(home, clock)
    app = app_factory(lang)
    computed = threads_of(app.services.insights, "compute")
    async with app.run_test(size=(80, 24)) as pilot:
        write_atomic(app.services.paths.activity_db, b"{not json")  # another process
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, InsightsScreen))
        await settled(pilot)
        expected = {
            "en": "The activity log can't be used right now.",
            "zh": "活动记录暂时无法使用。",
        }
        assert expected[lang] in screen_text(app)
        assert app.screen.insights is None and not app.screen.query_one("#insights-counts").display
        assert computed and threading.main_thread() not in computed


async def test_locking_while_the_figures_are_computed_keeps_nothing_of_the_journal(
    app_factory, home: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded(home, clock)
    encrypted_journal(home, clock)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_insights(pilot)
        await pilot.press("u")
        await type_passphrase(pilot, PASS)
        await wait_for(pilot, lambda: "Mind reading (2)" in screen_text(app))
        gate = Gate(monkeypatch, lambda span: True)
        app.services.stores.entries.add(kind="free", text="one more")  # a change: computed again
        app.rhythm.tick()
        await wait_for(pilot, gate.waiting.is_set)  # the journal was read; not done yet
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert "Mind reading" not in screen_text(app)  # taken away at once
        gate.open()
        await settled(pilot)
        insights = app.services.insights
        assert screen.insights is not None and screen.insights.journal_state == LOCKED
        assert "Mind reading" not in screen_text(app) and "Breathing sessions" in screen_text(app)
        assert insights._journal is None
        assert insights._last is not None and insights._last[1].journal_state == LOCKED
