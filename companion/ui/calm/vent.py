"""The vent pad: say what you'd like to say to that customer, then let it go.

By default nothing typed here is ever written anywhere: not to the journal, not to
drafts (``unsaved_input`` returns None even if the app must close on an error), not to
logs. Only "Keep in my journal" writes it, as a journal entry of kind "vent".
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Static, TextArea

from companion.ui.shell.base import CompanionModal
from companion.ui.shell.typed_keys import after_typed_keys, still_open
from companion.ui.widgets.choices import ChoiceButton, ChoiceRow
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph


class VentScreen(CompanionModal):
    BINDINGS = [
        Binding("escape", "let_go", "sos.keys.let_go", id="vent_let_go"),
        # Works while typing, after the keys typed before it (see after_typed_keys).
        Binding("ctrl+s", "keep", "sos.keys.keep", id="vent_keep", priority=True),
    ]

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="vent", classes="dialog"):
            yield Paragraph(t("sos.vent.title"), classes="dialog-title", markup=False)
            yield Paragraph(t("sos.vent.body"), classes="dialog-line", markup=False)
            yield TextArea(id="vent-text", soft_wrap=True, show_line_numbers=False)
            with ChoiceRow(classes="buttons"):
                yield ChoiceButton(t("sos.vent.let_go"), id="let-go", variant="primary")
                yield ChoiceButton(t("sos.vent.keep"), id="keep")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#vent-text", TextArea).focus()

    def unsaved_input(self) -> dict[str, Any] | None:
        # Never kept as a draft: what is typed here is meant to disappear.
        return None

    @on(Button.Pressed, "#let-go")
    def action_let_go(self) -> None:
        area = self.query_one("#vent-text", TextArea)
        had_text = bool(area.text.strip())
        area.clear()
        if had_text:
            self.notify(self.t("sos.vent.gone"), timeout=3, markup=False)
        self.dismiss(False)

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        after_typed_keys(self, self.keep)

    def keep(self) -> None:
        if not still_open(self):
            return
        area = self.query_one("#vent-text", TextArea)
        text = area.text
        if not text.strip():
            self.notify(self.t("sos.vent.empty"), timeout=3, markup=False)
            return
        self.companion.privacy.when_unlocked(lambda: self._keep(text))

    def _keep(self, text: str) -> None:
        journal = self.companion.services.journal
        if self.keep_writing(lambda: journal.add("vent", {"text": text})):
            self.query_one("#vent-text", TextArea).clear()
            self.notify(self.t("sos.vent.kept"), timeout=3, markup=False)
            self.dismiss(True)
        # If it could not be kept (the message says why), the text stays on the pad.

    async def retranslate(self) -> None:
        # Keep what is being typed: only the words around it change.
        self.query_one("#vent .dialog-title", Static).update(self.t("sos.vent.title"))
        self.query_one("#vent .dialog-line", Static).update(self.t("sos.vent.body"))
        self.query_one("#let-go", ChoiceButton).relabel(self.t("sos.vent.let_go"))
        self.query_one("#keep", ChoiceButton).relabel(self.t("sos.vent.keep"))
