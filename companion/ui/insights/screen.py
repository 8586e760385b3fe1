"""Insights: what you did, what helps, how the days went, what comes up.

It draws ``companion.core.insights.Insights`` (computed by the app's InsightsService)
with the sentences of ``companion.services.insights.words``; nothing is decided here. Figures
come as numbers and words beside the bars, so they read without colour. The journal
may be locked: the activity figures are still shown, with a line saying what is left
out and the key that unlocks it.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from companion.core.insights import LOCKED, Insights
from companion.core.weeks import Span
from companion.services.insights import words
from companion.services.messages import store_error
from companion.store.errors import StoreError
from companion.ui.shell.base import CompanionScreen
from companion.ui.shell.messages import JournalLocked, RhythmTick
from companion.ui.widgets.prose import Paragraph, Prose

SECTIONS = ("counts", "helps", "trend", "patterns")


def grid(rows: Iterable[tuple[RenderableType, ...]], *, wrap_last: bool = True) -> Table:
    """Columns that line up in cells (Chinese is two a character); the last one wraps
    under itself, as Chinese prose (never as markup)."""
    rows = list(rows)
    table = Table.grid(padding=(0, 2))
    width = max((len(r) for r in rows), default=1)
    for index in range(width):
        last = index == width - 1
        table.add_column(no_wrap=not (last and wrap_last), ratio=1 if last else None)
    for row in rows:
        cells = [
            Prose(c) if isinstance(c, str) and i == width - 1 else c for i, c in enumerate(row)
        ]
        table.add_row(*cells)
    return table


class InsightsScreen(CompanionScreen):
    BINDINGS = [
        Binding("v", "switch_span", "insights.keys.span", id="insights_span"),
        Binding("u", "unlock", "insights.keys.unlock", id="insights_unlock"),
        Binding("escape", "back", "insights.keys.back", id="insights_back"),
    ]

    def __init__(self, span: Span = Span.WEEK) -> None:
        super().__init__()
        self.span = span
        self.insights: Insights | None = None  # what is drawn (tests compare it to the CLI)

    def compose(self) -> ComposeResult:
        t = self.t
        with VerticalScroll(id="insights", classes="page"):
            yield Paragraph(id="insights-title", classes="page-title", markup=False)
            yield Paragraph(id="insights-journal", classes="muted hidden", markup=False)
            yield Paragraph(id="insights-empty", classes="hidden", markup=False)
            for section in SECTIONS:
                yield Paragraph(
                    t(f"insights.section.{section}"),
                    id=f"insights-{section}-title",
                    classes="section-title",
                    markup=False,
                )
                yield Paragraph(id=f"insights-{section}", markup=False)
            yield Static(
                t("insights.trend.tension_note"), id="insights-trend-note", classes="muted"
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#insights", VerticalScroll).focus()
        self.refresh_view()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.refresh_view()  # a break, a breathing session or an unlock may have changed it

    def on_rhythm_tick(self, _message: RhythmTick) -> None:
        self.refresh_view()  # cheap: figures are recomputed only when a file changed

    def on_journal_locked(self, _message: JournalLocked) -> None:
        """The journal just locked: take its figures (words the person wrote) away."""
        self.refresh_view()

    async def retranslate(self) -> None:
        await self.recompose()
        self.insights = None  # the new widgets are empty: draw them whatever changed
        self.refresh_view()

    # -- drawing ---------------------------------------------------------------------------
    def refresh_view(self) -> None:
        if not self.is_mounted:
            return
        t = self.t
        try:
            found = self.companion.services.insights.compute(self.span)
        except StoreError as error:
            self.insights = None
            self._show_only(store_error(error, t))
            return
        if found is self.insights:
            return  # nothing changed since it was drawn
        self.insights = found
        self.query_one("#insights-title", Static).update(words.title(found, t))
        note = words.journal_note(found, t, self.key_of("insights_unlock"))
        journal = self.query_one("#insights-journal", Static)
        journal.update(Prose(note or ""))
        journal.set_class(note is None, "hidden")
        empty = found.empty
        self.query_one("#insights-empty", Static).update(Prose(words.period_empty(found, t)))
        self.query_one("#insights-empty", Static).set_class(not empty, "hidden")
        for section in SECTIONS:
            shown = not empty and (section != "patterns" or found.patterns is not None)
            self.query_one(f"#insights-{section}-title", Static).set_class(not shown, "hidden")
            self.query_one(f"#insights-{section}", Static).set_class(not shown, "hidden")
        self.query_one("#insights-trend-note", Static).set_class(empty, "hidden")
        if not empty:
            self._draw(found)
        self.refresh_bindings()

    def _draw(self, found: Insights) -> None:
        t = self.t
        header = (
            Text(""),
            Text(t("insights.column.today"), style="dim"),
            Text(words.span_heading(found, t), style="dim"),
        )
        counts = [
            (Text(a, style="bold"), Text(b), Text(c)) for a, b, c in words.count_rows(found, t)
        ]
        self.query_one("#insights-counts", Static).update(grid([header, *counts], wrap_last=False))
        helps = [("•", line) for line in words.helps(found, t)]
        self.query_one("#insights-helps", Static).update(grid(helps))
        trend = [
            (Text(label, style="bold"), Text(chart), Text(summary, style="dim"))
            for label, chart, summary in words.trend_rows(found, t)
        ]
        self.query_one("#insights-trend", Static).update(grid(trend))
        patterns = [(Text(a, style="bold"), b) for a, b in words.pattern_lines(found, t)]
        self.query_one("#insights-patterns", Static).update(grid(patterns))

    def _show_only(self, message: str) -> None:
        self.query_one("#insights-empty", Static).update(Prose(message))
        self.query_one("#insights-empty", Static).remove_class("hidden")
        for widget in self.query("#insights Static"):
            if widget.id not in ("insights-empty", "insights-title"):
                widget.add_class("hidden")

    # -- intents ---------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "unlock":
            return self.insights is not None and self.insights.journal_state == LOCKED
        return True

    def action_switch_span(self) -> None:
        self.span = Span.MONTH if self.span == Span.WEEK else Span.WEEK
        self.refresh_view()
        self.query_one("#insights", VerticalScroll).scroll_home(animate=False)

    def action_unlock(self) -> None:
        self.companion.privacy.when_unlocked(self.refresh_view)

    def action_back(self) -> None:
        self.dismiss(None)
