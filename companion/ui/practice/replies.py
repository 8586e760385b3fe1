"""The reply helper: feelings first, then the matter; soothe -> explain -> solve ->
follow up, with worked examples (the person's own after the built-in ones); listening
in writing; phrases to avoid and what to say instead. For reading, between chats."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from companion.packs.practice import ReplyExample
from companion.ui.practice.base import PracticeTool, beside
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph


class RepliesScreen(PracticeTool):
    TOOL = "replies"

    def compose(self) -> ComposeResult:
        t = self.t
        guide = self.companion.services.library.reply_guide(t.lang)
        with Vertical(id="reply-helper", classes="page"):
            yield self.title_widget()
            with VerticalScroll(id="reply-helper-body", classes="wizard-body"):
                yield Paragraph(guide.principle_title, classes="section-title", markup=False)
                yield Paragraph(guide.principle, classes="body")
                yield Paragraph(guide.shape_title, classes="section-title", markup=False)
                shape = beside(
                    (Text(t(f"practice.replies.{part}"), style="bold"), Text(what))
                    for part, what in guide.shape
                )
                yield Static(shape, classes="body")
                yield Paragraph(guide.listening_title, classes="section-title", markup=False)
                yield Paragraph(guide.listening_body, classes="body")
                moves = beside(("•", Text(move)) for move in guide.listening)
                yield Static(moves, classes="body")
                yield Paragraph(
                    t("practice.replies.examples"), classes="section-title", markup=False
                )
                for example in guide.examples:
                    yield Static(self._example(example), classes="body")
                yield Paragraph(t("practice.replies.avoid"), classes="section-title", markup=False)
                for avoid in guide.avoid:
                    said = Text.assemble((avoid.phrase, "bold"), "  ", (avoid.why, "dim"))
                    instead = Text.assemble(
                        (f"{t('practice.replies.instead')}: ", "dim"), avoid.instead
                    )
                    yield Static(beside([("✗", said), ("✓", instead)], gap=1), classes="body")
        yield KeysFooter()

    def _example(self, example: ReplyExample) -> Group:
        t = self.t
        rows = [
            (
                Text(t("practice.replies.customer"), style="dim"),
                Text(example.customer, style="italic"),
            )
        ]
        for part in ("buffer", "explain", "solution", "follow_up"):
            rows.append(
                (Text(t(f"practice.replies.{part}"), style="dim"), Text(getattr(example, part)))
            )
        return Group(Text(example.title, style="bold"), beside(rows))

    def on_mount(self) -> None:
        self.query_one("#reply-helper-body").focus()
