"""Someone walks up behind you: one key and the screen shows nothing private."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult

from companion.ui.shell.base import CompanionModal
from companion.ui.widgets.prose import Paragraph


class BlankScreen(CompanionModal):
    """A neutral, empty view. Any key or click brings the app back."""

    def compose(self) -> ComposeResult:
        yield Paragraph(self.t("lock.blank_hint"), id="blank-hint", markup=False)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        if self.is_current:  # (two keys at once: the second found it gone)
            self.dismiss(None)

    def on_click(self, event: events.Click) -> None:
        self.dismiss(None)
