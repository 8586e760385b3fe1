"""Insights: what you did, what helps, how the days went, what comes up.

It draws ``companion.core.insights.Insights`` (computed by the app's InsightsService)
with the sentences of ``companion.services.insights.words``; nothing is decided here. Figures
come as numbers and words beside the bars, so they read without colour. The journal
may be locked: the activity figures are still shown, with a line saying what is left
out and the key that unlocks it.

The figures are computed in a worker thread (at years of data, after a file changed,
reading every record takes a while); only "nothing changed since" is asked on the UI
thread, and it costs a few stats. A line says it is being worked out if that is slow.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import get_current_worker

from companion.core.insights import LOCKED, Insights
from companion.core.weeks import Span
from companion.services.insights import words
from companion.services.messages import store_error
from companion.store.errors import StoreError
from companion.ui.shell.base import CompanionScreen
from companion.ui.shell.messages import JournalLocked, RhythmTick
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph, Prose

SECTIONS = ("counts", "helps", "trend", "patterns")
WORKING_AFTER = 0.4  # seconds: figures that come sooner come without a "working" line


@dataclass(frozen=True)
class Asked:
    """One request for figures: the span and language it was for, and its number (only
    the newest is drawn)."""

    span: Span
    lang: str
    number: int


@dataclass
class Computed(Message):
    """A worker computed the figures for ``asked`` (or met a storage problem)."""

    asked: Asked
    found: Insights | None
    error: StoreError | None = None


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
        self.asked: Asked | None = None  # the request whose answer is awaited, if any
        self._requests = 0
        self._working: Timer | None = None

    def compose(self) -> ComposeResult:
        t = self.t
        with VerticalScroll(id="insights", classes="page"):
            yield Paragraph(id="insights-title", classes="page-title", markup=False)
            yield Paragraph(
                t("insights.working"), id="insights-working", classes="muted hidden", markup=False
            )
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
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#insights", VerticalScroll).focus()
        self.refresh_view()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.refresh_view()  # a break, a breathing session or an unlock may have changed it

    def on_rhythm_tick(self, _message: RhythmTick) -> None:
        self.refresh_view()  # a few stats; only a changed file starts a worker

    def on_journal_locked(self, _message: JournalLocked) -> None:
        """The journal just locked: take its figures (words the person wrote) away at
        once; the activity figures come back when they are computed without it."""
        self.insights = None
        self._hide_figures()
        self.refresh_view()

    async def retranslate(self) -> None:
        await self.recompose()
        self.insights = None  # the new widgets are empty: draw them whatever changed
        self.refresh_view()

    # -- computing ---------------------------------------------------------------------
    def refresh_view(self) -> None:
        """Draw the figures if nothing changed since they were computed (a few stats);
        otherwise compute them in a worker, which answers with Computed."""
        if not self.is_mounted:
            return
        self._requests += 1
        asked = Asked(self.span, self.t.lang, self._requests)
        found = self.companion.services.insights.cached(self.span)
        if found is not None:
            self.asked = None  # an answer still on its way is not wanted any more
            self._done_working()
            self._show(found)
            return
        self.asked = asked
        if self._working is None:
            self._working = self.set_timer(WORKING_AFTER, self._show_working)
        self.compute(asked)

    @work(thread=True, exclusive=True, group="insights")
    def compute(self, asked: Asked) -> None:
        """(A worker thread.) The figures for ``asked.span``, posted back."""
        try:
            found = self.companion.services.insights.compute(asked.span)
        except StoreError as error:
            self.post_message(Computed(asked, None, error))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(Computed(asked, found))

    @on(Computed)
    def computed(self, message: Computed) -> None:
        if message.asked != self.asked:
            return  # asked again since (another span, language, or a change): not shown
        self.asked = None
        self._done_working()
        if message.error is not None:
            self.insights = None
            self._show_only(store_error(message.error, self.t))
            return
        if message.found is not None:
            self._show(message.found)

    def _show_working(self) -> None:
        self._working = None
        if self.asked is not None:
            self.query_one("#insights-working", Static).remove_class("hidden")

    def _done_working(self) -> None:
        if self._working is not None:
            self._working.stop()
            self._working = None
        self.query_one("#insights-working", Static).add_class("hidden")

    # -- drawing ---------------------------------------------------------------------------
    def _show(self, found: Insights) -> None:
        t = self.t
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
        self._hide_figures()
        self.query_one("#insights-empty", Static).update(Prose(message))
        self.query_one("#insights-empty", Static).remove_class("hidden")

    def _hide_figures(self) -> None:
        """Hide everything but the title, and empty what was drawn from figures (so no
        word read from a journal that just locked stays on the screen, even hidden)."""
        for widget in self.query("#insights Static"):
            if widget.id != "insights-title":
                widget.add_class("hidden")
        for name in ("journal", "empty", *SECTIONS):
            self.query_one(f"#insights-{name}", Static).update("")

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
