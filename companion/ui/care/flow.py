"""Care in the app: opening the help lines (``l``, SOS, Help, Settings, the palette), and
the one quiet line that offers them after a heavy moment (a tension rating of 9 or 10)
or a heavy week (Home). Never a dialog, at most once a day: the rule is core/care, the
memory of the day is the care service's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.store.errors import StoreError
from companion.ui.widgets.tension import TensionScale

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp

# The screen is imported where it opens (not needed to start the app).


class CareFlow:
    def __init__(self, app: CompanionApp) -> None:
        self.app = app
        self.region: str | None = None  # the region last looked at, this session

    def open(self) -> None:
        from companion.ui.care.helplines import HelpLinesScreen

        if not isinstance(self.app.screen, HelpLinesScreen):
            self.app.push_screen(HelpLinesScreen(self.region))

    def rated(self, message: TensionScale.Rated) -> None:
        """A 0-10 rating was just given: a heavy one gets the line under it, once a day."""
        care = self.app.services.care
        if self.app.attempt(lambda: care.offer_after_rating(message.value), False):
            key = self.app.key_for("helplines")
            message.scale.note = self.app.strings("care.offer.rating", key=key)

    def home_line(self) -> str:
        """Home's line after a heavy week ("" when there is none today). A store that
        cannot be read means no line: Home is not the place to report it again."""
        try:
            if not self.app.services.care.week_line():
                return ""
        except StoreError:
            return ""
        return self.app.strings("care.offer.week", key=self.app.key_for("helplines"))
