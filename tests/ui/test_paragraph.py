"""Paragraph.show draws its text again only when it changed: an update costs the whole
screen a new layout, and the journal shows its count and status on every key."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult

from companion.ui.widgets.prose import Paragraph
from tests.ui.helpers import text_of


class One(App[None]):
    def compose(self) -> ComposeResult:
        yield Paragraph("first", id="line")


async def test_show_draws_only_what_changed() -> None:
    app = One()
    async with app.run_test(size=(40, 5)) as pilot:
        line = app.query_one("#line", Paragraph)
        updates: list[object] = []
        real = line.update
        line.update = lambda content="", **kw: updates.append(content) or real(content, **kw)  # type: ignore[method-assign]
        line.show("second")
        line.show("second")
        await pilot.pause()
        assert updates == ["second"] and text_of(line) == "second"
        line.update(Table("a table"))  # something else drawn in between
        line.show("second")
        await pilot.pause()
        assert updates[-1] == "second" and len(updates) == 3
        assert text_of(line) == "second"


async def test_a_text_changed_in_place_is_drawn_again() -> None:
    app = One()
    async with app.run_test(size=(40, 5)) as pilot:
        line = app.query_one("#line", Paragraph)
        text = Text("Counting")
        line.show(text)
        text.append("…")  # the same object, changed after it was shown
        line.show(text)
        await pilot.pause()
        assert text_of(line) == "Counting…"
