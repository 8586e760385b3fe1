"""From the break screen, one key starts guided breathing as the break."""

from __future__ import annotations

from companion.core.breaks import Phase
from companion.system.clock import FakeClock
from companion.system.notify import Delivery
from companion.ui.breaks.screen import BreakScreen
from companion.ui.calm.breathe import BreatheScreen
from tests.ui.helpers import awake, screen_text, wait_for


async def test_breathing_from_a_due_break_starts_the_break(app_factory, clock: FakeClock) -> None:
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        app.rhythm.send = lambda *args, **kwargs: Delivery("test", True)
        awake(app, clock, hours=2)
        await wait_for(pilot, lambda: isinstance(app.screen, BreakScreen))
        await wait_for(pilot, lambda: "跟着做几分钟呼吸练习" in screen_text(app))
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, BreatheScreen))
        assert app.rhythm.view().phase == Phase.ON_BREAK
        assert app.screen.origin == "break" and app.screen.return_when_done
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, BreakScreen))


async def over_screen(app, pilot, clock) -> None:  # type: ignore[no-untyped-def]
    app.rhythm.send = lambda *args, **kwargs: Delivery("test", True)
    awake(app, clock, hours=2)
    await wait_for(pilot, lambda: isinstance(app.screen, BreakScreen))
    await pilot.press("s")  # start the break
    awake(app, clock, minutes=10, seconds=1)
    await wait_for(pilot, lambda: bool(app.screen.query("#rate-before")))  # welcome back


async def test_how_tense_before_and_after_a_break_is_kept(app_factory, clock: FakeClock) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await over_screen(app, pilot, clock)
        assert "Before the break, how tense were you?" in screen_text(app)
        await pilot.press("1", "0", "3")  # before 10 (two keys), now 3
        await pilot.press("escape")
        await pilot.pause()
    (rating,) = app.services.stores.break_ratings.all()
    assert (rating.tension_before, rating.tension_after) == (10, 3)


async def test_a_break_rating_is_optional(app_factory, clock: FakeClock) -> None:
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await over_screen(app, pilot, clock)
        assert "休息之前，你有多紧绷？" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
    assert app.services.stores.break_ratings.all() == []
