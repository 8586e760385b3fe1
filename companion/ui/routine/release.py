"""Let the day go: at the end of a shift, one thing that went well and one thing to
leave behind. What is written goes to the journal (private writing)."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Footer, Input

from companion.services import drafts
from companion.ui.shell.base import CompanionScreen
from companion.ui.widgets.choices import ChoiceButton, ChoiceRow
from companion.ui.widgets.prose import Paragraph


class ReleaseScreen(CompanionScreen):
    private = True  # it shows or keeps journal writing
    draft_origin = drafts.RELEASE
    BINDINGS = [
        Binding("escape", "done", "routine.keys.done", id="release_done"),
        Binding("ctrl+s", "done", "routine.keys.save", show=False, id="release_save"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shift_over: bool | None = None  # known once it is shown

    def compose(self) -> ComposeResult:
        t = self.t
        if self.shift_over is None:
            self.shift_over = self.companion.routine.take_shift_over()
        # "Your shift is over" only when the shift's end offered it; opened by hand (w),
        # the shift may well be going on.
        intro = "routine.release.intro" if self.shift_over else "routine.release.intro_by_hand"
        with VerticalScroll(id="release", classes="page"):
            yield Paragraph(t("routine.release.title"), classes="page-title", markup=False)
            yield Paragraph(t(intro), classes="body", markup=False)
            yield Paragraph(t("routine.release.went_well"), classes="field-label", markup=False)
            yield Input(placeholder=t("routine.release.went_well_placeholder"), id="went-well")
            yield Paragraph(t("routine.release.let_go"), classes="field-label", markup=False)
            yield Input(placeholder=t("routine.release.let_go_placeholder"), id="let-go")
            with ChoiceRow(classes="buttons"):
                yield ChoiceButton(t("routine.keys.save"), id="save", variant="primary")
                yield ChoiceButton(t("routine.keys.not_today"), id="not-today")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#went-well", Input).focus()

    @on(Input.Submitted, "#went-well")
    def next_field(self) -> None:
        self.query_one("#let-go", Input).focus()

    @on(Input.Submitted, "#let-go")
    @on(Button.Pressed, "#save")
    def action_done(self) -> None:
        """Keep what was written (if anything) and close."""
        went_well = self.query_one("#went-well", Input).value
        let_go = self.query_one("#let-go", Input).value
        if self.companion.routine.save_release(went_well, let_go):
            self.dismiss()

    @on(Button.Pressed, "#not-today")
    def not_today(self) -> None:
        self.dismiss()

    def unsaved_input(self) -> dict[str, Any] | None:
        fields = {
            "went_well": self.query_one("#went-well", Input).value,
            "let_go": self.query_one("#let-go", Input).value,
        }
        return fields if any(v.strip() for v in fields.values()) else None

    async def retranslate(self) -> None:
        kept = {i.id: i.value for i in self.query(Input)}
        await self.recompose()
        for field, value in kept.items():
            self.query_one(f"#{field}", Input).value = value
