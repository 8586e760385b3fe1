"""Let the day go: at the end of a shift, one thing that went well and one thing to
leave behind. What is written goes to the journal (private writing). Then one idea for
the evening (sleep, food, moving, people, winding down); ``n`` shows another."""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Static

from companion.core.activities import AfterWork, suggestion_order
from companion.services import drafts
from companion.ui.shell.base import CompanionScreen
from companion.ui.shell.typed_keys import after_typed_keys, still_open
from companion.ui.widgets.choices import ChoiceButton, ChoiceRow
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph


class ReleaseScreen(CompanionScreen):
    private = True  # it shows or keeps journal writing
    draft_origin = drafts.RELEASE
    BINDINGS = [
        Binding("escape", "done", "routine.keys.done", id="release_done"),
        # Works while typing, after the keys typed before it (see after_typed_keys).
        Binding(
            "ctrl+s", "save", "routine.keys.save", show=False, id="release_save", priority=True
        ),
        Binding("n", "another", "routine.after_work.another", id="release_another"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shift_over: bool | None = None  # known once it is shown
        self.evening = False  # what was written is kept: the evening's idea is shown
        self.idea = 0

    def compose(self) -> ComposeResult:
        t = self.t
        if self.shift_over is None:
            self.shift_over = self.companion.routine.take_shift_over()
        # "Your shift is over" only when the shift's end offered it; opened by hand (w),
        # the shift may well be going on.
        intro = "routine.release.intro" if self.shift_over else "routine.release.intro_by_hand"
        with VerticalScroll(id="release", classes="page"):
            yield Paragraph(t("routine.release.title"), classes="page-title", markup=False)
            if self.evening:
                yield Paragraph(t("routine.after_work.title"), classes="section-title")
                yield Paragraph(id="evening-kind", classes="muted", markup=False)
                yield Paragraph(id="evening-idea", classes="body")
                with ChoiceRow(classes="buttons"):
                    yield ChoiceButton(t("routine.keys.done"), id="close", variant="primary")
                    yield ChoiceButton(t("routine.after_work.another"), id="another")
            else:
                yield Paragraph(t(intro), classes="body", markup=False)
                yield Paragraph(t("routine.release.went_well"), classes="field-label")
                yield Input(placeholder=t("routine.release.went_well_placeholder"), id="went-well")
                yield Paragraph(t("routine.release.let_go"), classes="field-label", markup=False)
                yield Input(placeholder=t("routine.release.let_go_placeholder"), id="let-go")
                with ChoiceRow(classes="buttons"):
                    yield ChoiceButton(t("routine.keys.save"), id="save", variant="primary")
                    yield ChoiceButton(t("routine.keys.not_today"), id="not-today")
        yield KeysFooter()

    def on_mount(self) -> None:
        kept = self.take_back_draft()  # what was typed here when the app last closed
        for field, key in (("#went-well", "went_well"), ("#let-go", "let_go")):
            if isinstance(kept.get(key), str):
                self.query_one(field, Input).value = kept[key]
        self.query_one("#went-well", Input).focus()

    # -- the evening ------------------------------------------------------------------------
    def ideas(self) -> list[AfterWork]:
        """Tonight's ideas (the person's own among them), one kind at a time, in an order
        that is the same all evening."""
        ideas = self.companion.services.library.after_work(self.t.lang)
        seed = self.companion.services.clock.now().date().toordinal()
        return suggestion_order(ideas, seed, by=lambda idea: idea.kind)

    def show_idea(self) -> None:
        ideas = self.ideas()
        if not ideas:
            return
        idea = ideas[self.idea % len(ideas)]
        self.query_one("#evening-kind", Static).update(self.t(f"routine.after_work.{idea.kind}"))
        self.query_one("#evening-idea", Paragraph).show(idea.text)

    def action_another(self) -> None:
        self.idea += 1
        self.show_idea()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "another":
            return self.evening
        return True

    # -- writing -------------------------------------------------------------------------
    def before_key(self, event: events.Key) -> bool:
        """Enter in the first field moves to the second now, in the app's turn, so the
        keys typed after it land there (see typed_keys)."""
        focused = self.focused
        if event.key == "enter" and isinstance(focused, Input) and focused.id == "went-well":
            self.set_focus(self.query_one("#let-go", Input))
            return True
        return super().before_key(event)

    def action_save(self) -> None:
        after_typed_keys(self, self.keep)

    def keep(self) -> None:
        """ctrl+s, once the keys typed before it are in: keep what was written, then the
        evening's idea; from there, close. (It runs in the field's turn, so the page is
        redrawn later, on the screen.)"""
        if not still_open(self):
            return  # closed meanwhile (locked): its draft is what was kept
        if self.evening:
            if self.query("#close"):  # the evening's idea is shown already
                self.dismiss()
            return  # a second key queued behind the first: it is kept already
        if self._kept():
            self.call_later(self.show_evening)

    @on(Input.Submitted, "#let-go")
    @on(Button.Pressed, "#save")
    async def action_done(self) -> None:
        """Keep what was written (if anything), then the evening's idea; from there, close."""
        if self.evening:
            self.dismiss()
            return
        if self._kept():
            await self.show_evening()

    def _kept(self) -> bool:
        went_well = self.query_one("#went-well", Input).value
        let_go = self.query_one("#let-go", Input).value
        if not self.companion.routine.save_release(went_well, let_go):
            return False  # not kept (the message says why): what was typed stays here
        self.drop_taken_draft()
        self.evening = True
        return True

    async def show_evening(self) -> None:
        await self.recompose()
        self.show_idea()
        self.query_one("#close", Button).focus()
        self.refresh_bindings()

    @on(Button.Pressed, "#close")
    def close(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#another")
    def another_button(self) -> None:
        self.action_another()

    @on(Button.Pressed, "#not-today")
    def not_today(self) -> None:
        self.dismiss()

    def unsaved_input(self) -> dict[str, Any] | None:
        if self.evening:
            return None
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
        if self.evening:
            self.show_idea()
