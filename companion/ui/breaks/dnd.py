"""Do not disturb: hold break reminders back for a while. Returns the choice."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button

from companion.system.i18n import format_time
from companion.ui.shell.base import CompanionModal
from companion.ui.widgets.choices import ChoiceButton, Choices
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph


class DndScreen(CompanionModal):
    """Dismissed with "30" | "60" | "end" | "off", or None when closed."""

    BINDINGS = [Binding("escape", "dismiss", "keys.close", id="close_dnd")]

    def __init__(self, active_until: datetime | None, shift_end: datetime | None) -> None:
        super().__init__()
        self.active_until = active_until
        self.shift_end = shift_end

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="dnd", classes="dialog"):
            yield Paragraph(t("breaks.dnd.title"), classes="dialog-title", markup=False)
            yield Paragraph(t("breaks.dnd.body"), classes="dialog-line", markup=False)
            if self.active_until is not None:
                until = format_time(self.active_until, t)
                yield Paragraph(t("breaks.dnd.active", time=until), classes="muted", markup=False)
            if self.shift_end is not None:
                end = t("breaks.dnd.shift_end", time=format_time(self.shift_end, t))
            else:
                end = t("breaks.dnd.today")
            with Choices(id="dnd-choices"):
                yield ChoiceButton(t("breaks.dnd.half_hour"), id="dnd-30", compact=True)
                yield ChoiceButton(t("breaks.dnd.hour"), id="dnd-60", compact=True)
                yield ChoiceButton(end, id="dnd-end", compact=True)
                if self.active_until is not None:
                    yield ChoiceButton(t("breaks.dnd.off"), id="dnd-off", compact=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#dnd-30", Button).focus()

    @on(Button.Pressed)
    def chosen(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("dnd-"))
