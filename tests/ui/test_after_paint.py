"""AfterPaint: work that shares the interpreter with the UI thread waits until the
screen's new page is laid out and painted, or a moment if nothing on it changes."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from companion.ui.shell.after_paint import AfterPaint
from tests.ui.helpers import wait_for


class _Page(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("first", id="page")


async def test_it_runs_after_the_layout_that_shows_the_change() -> None:
    app = _Page()
    async with app.run_test(size=(40, 10)) as pilot:
        seen: list[str] = []
        screen = app.screen
        screen.screen_layout_refresh_signal.subscribe(
            screen, lambda _s: seen.append("laid out"), immediate=True
        )
        after = AfterPaint(screen, late=5)
        after.run(lambda: seen.append("ran"))
        screen.query_one("#page", Static).update("second, a longer line")
        await wait_for(pilot, lambda: "ran" in seen, timeout=2)  # long before `late`
        assert seen.index("laid out") < seen.index("ran") and seen.count("ran") == 1


async def test_with_nothing_to_draw_it_runs_a_moment_later_and_only_the_newest() -> None:
    app = _Page()
    async with app.run_test(size=(40, 10)) as pilot:
        ran: list[str] = []
        after = AfterPaint(app.screen, late=0.05)
        after.run(lambda: ran.append("older"))
        after.run(lambda: ran.append("newer"))  # a newer key replaces it
        await wait_for(pilot, lambda: bool(ran), timeout=2)
        await pilot.pause(0.1)
        assert ran == ["newer"]
        after.run(lambda: ran.append("dropped"))
        after.cancel()
        await pilot.pause(0.1)
        assert ran == ["newer"]
