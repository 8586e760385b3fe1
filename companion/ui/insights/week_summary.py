"""The weekly summary, offered once a week after the week's last end-of-day reflection:
a few lines about the week, then back to the evening (or on to Insights)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from companion.core.insights import Insights
from companion.services.insights import words
from companion.ui.insights.screen import grid
from companion.ui.shell.base import CompanionModal
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph


class WeekSummaryScreen(CompanionModal):
    private = True  # mood and traps come from the journal: it closes when the journal locks
    BINDINGS = [
        Binding("i", "open_insights", "insights.keys.open", id="summary_open"),
        Binding("escape", "close", "insights.keys.close", id="summary_close"),
        Binding("enter", "close", "insights.keys.close", show=False, id="summary_done"),
    ]

    def __init__(self, insights: Insights) -> None:
        super().__init__()
        self.insights = insights

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="week-summary", classes="dialog"):
            yield Paragraph(t("insights.summary.title"), classes="dialog-title", markup=False)
            yield Paragraph(t("insights.summary.intro"), classes="dialog-line")
            lines = [("•", line) for line in words.summary_lines(self.insights, t)]
            yield Paragraph(grid(lines), markup=False)
            yield Paragraph(t("insights.summary.closing"), classes="summary-closing")
            yield Paragraph(id="week-summary-keys", classes="muted", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self._show_keys()

    def _show_keys(self) -> None:
        t = self.t
        shown = []
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.show:
                key = self.app.get_key_display(binding)
                shown.append(f"{key} {t(binding.description)}")
        self.query_one("#week-summary-keys", Static).update("   ".join(shown))

    def action_open_insights(self) -> None:
        self.dismiss(None)
        self.companion.insights.open()

    def action_close(self) -> None:
        self.dismiss(None)
