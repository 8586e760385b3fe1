"""The journal in the app: opening it (``j``) and a mood check-in (``m``), each after
unlocking when the journal has a passphrase and is locked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.ui.privacy.guard import needs_journal

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp

# The screens are imported where they open (not needed to start the app).


class JournalFlow:
    def __init__(self, app: CompanionApp) -> None:
        self.app = app

    @needs_journal
    def open(self) -> None:
        from companion.ui.journal.entries import JournalScreen

        if not isinstance(self.app.screen, JournalScreen):
            self.app.push_screen(JournalScreen())

    @needs_journal
    def mood_checkin(self) -> None:
        from companion.ui.journal.dialogs import MoodScreen

        if not isinstance(self.app.screen, MoodScreen):
            self.app.push_screen(MoodScreen())
