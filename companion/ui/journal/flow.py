"""The app's journal and privacy actions, kept out of app.py as a mixin: opening the
journal and a mood check-in (after unlocking, if the journal is locked), locking it,
blanking the screen, and the passphrase dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.ui.privacy.guard import needs_journal

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp


class JournalActions:
    """Mixed into CompanionApp."""

    @needs_journal
    def action_open_journal(self: CompanionApp) -> None:
        from companion.ui.journal.entries import JournalScreen

        if not isinstance(self.screen, JournalScreen):
            self.push_screen(JournalScreen())

    @needs_journal
    def action_mood_checkin(self: CompanionApp) -> None:
        from companion.ui.journal.dialogs import MoodScreen

        if not isinstance(self.screen, MoodScreen):
            self.push_screen(MoodScreen())

    def action_lock_journal(self: CompanionApp) -> None:
        self.guard_journal.lock()

    def action_privacy_blank(self: CompanionApp) -> None:
        from companion.ui.privacy.blank import BlankScreen

        if isinstance(self.screen, BlankScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(BlankScreen())

    def action_journal_passphrase(self: CompanionApp) -> None:
        from companion.ui.privacy.passphrase import PassphraseScreen

        self.guard_journal.when_unlocked(lambda: self.push_screen(PassphraseScreen()))
