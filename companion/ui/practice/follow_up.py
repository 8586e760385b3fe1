"""The next-day question about a reframe: how did it turn out? Asked once; skipping is fine.

A line of note first (optional; Enter moves on), then one of three answers or "not now".
Dismisses with (outcome, note): outcome is one of core.reframe.OUTCOMES, or "" when
skipped.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from companion.core.reframe import OUTCOMES
from companion.store.practice_records import Reframe
from companion.system.i18n import format_day
from companion.ui.shell.base import CompanionModal
from companion.ui.widgets.choices import ChoiceList
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph

SKIP = "skip"
ENDINGS = "。.！!？?"  # a sentence's own full stop would sit oddly inside the quotes


class FollowUpScreen(CompanionModal):
    private = True  # it shows or keeps journal writing
    BINDINGS = [Binding("escape", "skip", "reframe.follow_up.skip", id="follow_up_skip")]

    def __init__(self, reframe: Reframe) -> None:
        super().__init__()
        self.reframe = reframe

    def compose(self) -> ComposeResult:
        t = self.t
        day = self.reframe.created_at.astimezone(self.companion.services.clock.now().tzinfo)
        pair = t(
            "reframe.follow_up.pair",
            thought=self.reframe.thought.rstrip(ENDINGS),
            meaning=self.reframe.meaning.rstrip(ENDINGS),
        )
        with Vertical(id="follow-up", classes="dialog"):
            yield Paragraph(t("reframe.follow_up.title"), classes="dialog-title", markup=False)
            intro = t("reframe.follow_up.intro", day=format_day(day.date(), t))
            yield Paragraph(intro)
            yield Paragraph(pair, classes="dialog-line quote")
            yield Input(placeholder=t("reframe.follow_up.note"), id="note")
            options = [Option(t(f"reframe.follow_up.{o}"), id=o) for o in OUTCOMES]
            yield ChoiceList(*options, None, Option(t("reframe.follow_up.skip"), id=SKIP))
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    def before_key(self, event: events.Key) -> bool:
        """Enter in the note moves to the answers now, in the app's turn, so an arrow
        or Enter typed straight after it chooses there (see ui/shell/typed_keys.py)."""
        if event.key == "enter" and isinstance(self.focused, Input):
            answers = self.query_one(OptionList)
            answers.highlighted = answers.highlighted or 0
            self.set_focus(answers)
            return True
        return super().before_key(event)

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        outcome = event.option.id if event.option.id in OUTCOMES else ""
        self.dismiss((outcome, self.query_one("#note", Input).value))

    def action_skip(self) -> None:
        self.dismiss(("", self.query_one("#note", Input).value))
