"""Reframing and the practice room in the app.

``reframe_entry(entry_id)`` is what the journal's "reframe this" asks for (the
ReframeWanted message); the other entry points are in the action registry (keys,
palette, help). At the first open of a day the app asks, once, how yesterday's reframe
turned out (``ask_follow_up``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.store.errors import StoreError
from companion.system.content import ContentError
from companion.ui.privacy.guard import needs_journal

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp


class PracticeFlow:
    def __init__(self, app: CompanionApp) -> None:
        self.app = app

    def _packs_ready(self) -> bool:
        from companion.packs import practice as packs  # (not needed to start the app)

        try:
            packs.load_all(self.app.strings.lang)
        except ContentError as error:
            self.app.notify(
                self.app.strings("practice.room.problem", problem=str(error)),
                severity="error",
                timeout=15,
                markup=False,
            )
            return False
        return True

    # -- reframe ---------------------------------------------------------------------
    def reframe(self) -> None:
        self.open_reframe()

    def reframe_entry(self, entry_id: str) -> None:
        """Start a reframe from a thought-log entry (the journal's "reframe this")."""
        self.open_reframe(entry_id)

    @needs_journal
    def open_reframe(self, entry_id: str | None = None) -> None:
        from companion.ui.practice.reframe import ReframeScreen

        if not self._packs_ready():
            return
        wizard = None
        if entry_id is not None:
            practice = self.app.services.practice
            wizard = self.app.attempt(lambda: practice.reframe_from_entry(entry_id), None)
            if wizard is None:
                self.app.notify(self.app.strings("reframe.screen.not_found"), markup=False)
        if entry_id is None and isinstance(self.app.screen, ReframeScreen):
            return
        self.app.push_screen(ReframeScreen(wizard))
        self.ask_follow_up()

    # -- practice room ------------------------------------------------------------------
    @needs_journal
    def open_room(self) -> None:
        from companion.ui.practice.room import PracticeRoomScreen

        if self._packs_ready() and not isinstance(self.app.screen, PracticeRoomScreen):
            self.app.push_screen(PracticeRoomScreen())
            self.ask_follow_up()

    @needs_journal
    def open_tool(self, tool: str) -> None:
        from companion.ui.practice import (
            drills,
            emotions,
            pairs,
            poker,
            replies,
            review,
            roleplay,
        )

        screens = {
            "poker": poker.PokerScreen,
            "emotions": emotions.EmotionCardsScreen,
            "drills": drills.DrillsScreen,
            "pairs": pairs.ThoughtPairsScreen,
            "replies": replies.RepliesScreen,
            "roleplay": roleplay.RoleplayScreen,
            "review": review.ReviewScreen,
        }
        screen = screens[tool]
        if self._packs_ready() and not isinstance(self.app.screen, screen):
            self.app.push_screen(screen())

    def poker(self) -> None:
        self.open_tool("poker")

    def emotion_cards(self) -> None:
        self.open_tool("emotions")

    def drills(self) -> None:
        self.open_tool("drills")

    def thought_pairs(self) -> None:
        self.open_tool("pairs")

    def replies(self) -> None:
        self.open_tool("replies")

    def roleplay(self) -> None:
        self.open_tool("roleplay")

    def review(self) -> None:
        self.open_tool("review")

    # -- the next-day question -------------------------------------------------------------
    def ask_follow_up(self) -> None:
        """At the first open of a later day, ask once how a reframe turned out."""
        from companion.ui.practice.follow_up import FollowUpScreen

        services = self.app.services
        if services.stores.problems:
            return
        try:
            due = services.practice.follow_up_due()
        except StoreError:
            return
        if due is None:
            return

        def answered(result: tuple[str, str] | None) -> None:
            outcome, note = result or ("", "")
            kept = self.app.guard(lambda: services.practice.answer_follow_up(due.id, outcome, note))
            if kept and (outcome or note.strip()):
                self.app.notify(self.app.strings("reframe.follow_up.thanks"), markup=False)

        self.app.push_screen(FollowUpScreen(due), callback=answered)
