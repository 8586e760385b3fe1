"""From the break screen, one key starts guided breathing as the break."""

from __future__ import annotations

from companion.clock import FakeClock
from companion.core.breaks import Phase
from companion.notify import Delivery
from companion.ui.screens.break_screen import BreakScreen
from companion.ui.screens.breathe import BreatheScreen
from tests.ui.helpers import screen_text, wait_for


async def test_breathing_from_a_due_break_starts_the_break(app_factory, clock: FakeClock) -> None:
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        app.rhythm.send = lambda *args, **kwargs: Delivery("test", True)
        clock.advance(hours=2)
        app.rhythm.tick()
        await wait_for(pilot, lambda: isinstance(app.screen, BreakScreen))
        await wait_for(pilot, lambda: "跟着做几分钟呼吸练习" in screen_text(app))
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, BreatheScreen))
        assert app.rhythm.view().phase == Phase.ON_BREAK
        assert app.screen.origin == "break" and app.screen.return_when_done
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, BreakScreen))
