"""The reply helper: feelings first, then the matter; buffer -> explain -> solution with
worked examples; phrases to avoid and what to say instead. For reading, between chats."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Static

from companion import practice_packs
from companion.practice_packs import ReplyExample
from companion.ui.screens.practice.base import PracticeTool, beside


class RepliesScreen(PracticeTool):
    TOOL = "replies"

    def compose(self) -> ComposeResult:
        t = self.t
        guide = practice_packs.reply_guide(t.lang)
        with Vertical(id="replies", classes="page"):
            yield self.title_widget()
            with VerticalScroll(id="replies-body", classes="wizard-body"):
                yield Static(guide.principle_title, classes="section-title", markup=False)
                yield Static(guide.principle, classes="body", markup=False)
                yield Static(guide.shape_title, classes="section-title", markup=False)
                shape = Table.grid(padding=(0, 2))
                shape.add_column(no_wrap=True, style="bold")
                shape.add_column(ratio=1, overflow="fold")
                for part, what in guide.shape:
                    shape.add_row(t(f"practice.replies.{part}"), what)
                yield Static(shape, classes="body")
                yield Static(t("practice.replies.examples"), classes="section-title", markup=False)
                for example in guide.examples:
                    yield Static(self._example(example), classes="body")
                yield Static(t("practice.replies.avoid"), classes="section-title", markup=False)
                for avoid in guide.avoid:
                    said = Text.assemble((avoid.phrase, "bold"), "  ", (avoid.why, "dim"))
                    instead = Text.assemble(
                        (f"{t('practice.replies.instead')}: ", "dim"), avoid.instead
                    )
                    yield Static(beside([("✗", said), ("✓", instead)], gap=1), classes="body")
        yield Footer()

    def _example(self, example: ReplyExample) -> Table:
        t = self.t
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="dim")
        table.add_column(ratio=1, overflow="fold")
        table.add_row(Text.assemble((example.title, "bold")), "")
        table.add_row(t("practice.replies.customer"), Text.assemble((example.customer, "italic")))
        for part in ("buffer", "explain", "solution"):
            table.add_row(t(f"practice.replies.{part}"), Text(getattr(example, part)))
        return table

    def on_mount(self) -> None:
        self.query_one("#replies-body").focus()
