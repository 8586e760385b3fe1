"""The journal in the app: opening it (``j``) and a mood check-in (``m``), each after
unlocking when the journal has a passphrase and is locked."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from companion.ui.privacy.guard import needs_journal

if TYPE_CHECKING:
    from companion.store.schema import Entry
    from companion.ui.app import CompanionApp

# The screens are imported where they open (not needed to start the app).


class JournalFlow:
    def __init__(self, app: CompanionApp) -> None:
        self.app = app

    def open(self) -> None:
        """The journal. Locked, it opens empty behind the passphrase dialog, so its
        widgets are built while the person types and Enter costs only the key and the
        first page; giving up closes it again (a private screen that comes to the front
        over a locked journal closes itself)."""
        from companion.ui.journal.entries import JournalScreen

        if isinstance(self.app.screen, JournalScreen):
            return
        self.app.push_screen(JournalScreen())
        self.app.privacy.when_unlocked(lambda: None)  # drawn when it comes to the front

    def offer_draft(self, then: Callable[[Entry | None], None] | None = None) -> None:
        """Writing left unsaved (companion closed with ctrl+q, or crashed) is offered back:
        at start on Home, and when the journal opens (``then`` gets what the editor
        saved). A locked journal waits: the journal offers it once unlocked."""
        from companion.ui.journal.entries import JournalScreen
        from companion.ui.shell.home import HomeScreen

        journal = self.app.services.journal
        if self.app.services.stores.journal.locked:
            return
        if not isinstance(self.app.screen, (HomeScreen, JournalScreen)):
            return  # something else opened first (the energy station): the journal asks
        draft = self.app.attempt(journal.draft, None)
        if draft is None:
            return
        from companion.services.journal.service import catalogue
        from companion.ui.journal.dialogs import DraftOfferScreen

        def chosen(resume: bool | None) -> None:
            from companion.ui.journal.entry_editor import EntryEditorScreen

            draft = self.app.attempt(journal.draft, None)
            if draft is None or resume is None:
                return  # later: offered again when the journal opens
            if resume:
                self.app.push_screen(EntryEditorScreen.from_draft(draft, journal), callback=then)
            else:
                self.app.guard(journal.drop_drafts)

        offer = DraftOfferScreen(draft, catalogue(self.app.strings.lang))
        self.app.push_screen(offer, callback=chosen)

    @needs_journal
    def export(self) -> None:
        from companion.ui.journal.export import ExportScreen

        if not isinstance(self.app.screen, ExportScreen):
            self.app.push_screen(ExportScreen())

    @needs_journal
    def mood_checkin(self) -> None:
        from companion.ui.journal.dialogs import MoodScreen

        if not isinstance(self.app.screen, MoodScreen):
            self.app.push_screen(MoodScreen())
