"""Growth review (复盘) of a hard contact: what happened, what I did well, what I'd try
next time. Kept in the journal as an entry of kind "review"."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import TextArea

from companion.services import drafts
from companion.ui.practice.base import BACK, PracticeTool
from companion.ui.shell.typed_keys import after_typed_keys, still_open
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph

FIELDS = ("happened", "did_well", "next_time")


class ReviewScreen(PracticeTool):
    TOOL = "review"
    draft_origin = drafts.GROWTH_REVIEW
    BINDINGS = [
        BACK,
        # Works while typing, after the keys typed before it (see after_typed_keys).
        Binding("ctrl+s", "save", "practice.keys.save", id="review_save", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.answers = dict.fromkeys(FIELDS, "")

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="review", classes="page"):
            yield self.title_widget()
            with VerticalScroll(classes="wizard-body"):
                yield Paragraph(t("practice.review.intro"), classes="muted")
                for field in FIELDS:
                    yield Paragraph(
                        t(f"practice.review.{field}"), classes="field-label", markup=False
                    )
                    yield TextArea(self.answers[field], id=field, classes="short-text")
                hint = t("practice.review.save_hint", key=self.key_of("review_save"))
                yield Paragraph(hint, classes="muted")
        yield KeysFooter()

    def on_mount(self) -> None:
        if not any(self.practice.review_draft.values()):  # kept when the app last closed?
            kept = self.take_back_draft()
            self.practice.review_draft = {
                f: kept[f] for f in FIELDS if isinstance(kept.get(f), str)
            }
        draft = self.practice.review_draft
        for field in FIELDS:
            if draft.get(field):
                self.query_one(f"#{field}", TextArea).text = draft[field]
        self.query_one(f"#{FIELDS[0]}", TextArea).focus()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id in self.answers:
            self.answers[event.text_area.id] = event.text_area.text
            self.practice.review_draft = dict(self.answers)

    def action_save(self) -> None:
        after_typed_keys(self, self.save)

    def take_fields(self) -> None:
        """What the fields hold now: their Changed messages may still be on the way."""
        for area in self.query(TextArea).results(TextArea):
            if area.id in self.answers:
                self.answers[area.id] = area.text

    def save(self) -> None:
        if not still_open(self):
            return
        self.take_fields()
        if not self.answers["happened"].strip():
            self.notify(self.t("practice.review.empty"), severity="warning", markup=False)
            self.query_one("#happened", TextArea).focus()
            return
        answers = dict(self.answers)
        if self.keep_writing(lambda: self.practice.save_review(**answers)):
            self.answers = dict.fromkeys(FIELDS, "")
            self.practice.review_draft = {}
            self.drop_taken_draft()
            self.notify(self.t("practice.review.saved"), timeout=4, markup=False)
            self.dismiss()

    async def retranslate(self) -> None:
        await self.recompose()
        self.query_one(f"#{FIELDS[0]}", TextArea).focus()

    def unsaved_input(self) -> dict[str, Any] | None:
        self.take_fields()
        return dict(self.answers) if any(v.strip() for v in self.answers.values()) else None
