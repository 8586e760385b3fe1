"""The app's reframing and practice actions, kept out of app.py as a mixin.

``action_reframe_entry(entry_id)`` is what the journal's "reframe this" calls; the
other actions are in ACTIONS (keys, palette, help). At the first open of a day the app
asks, once, how yesterday's reframe turned out (``ask_follow_up``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from companion.services.container import Services
from companion.store.errors import StoreError
from companion.system.content import ContentError
from companion.system.i18n import Strings
from companion.ui.privacy.guard import needs_journal

if TYPE_CHECKING:
    from companion.services.practice import Practice
    from companion.ui.app import CompanionApp

T = TypeVar("T")


def practice_glance(services: Services, t: Strings) -> Iterable[tuple[str, str]]:
    """Home's "today at a glance": reframes and practice rounds finished today."""
    reframes, rounds = services.practice.done_today()
    if reframes:
        yield t("reframe.glance.label"), t("reframe.glance.value", count=str(reframes))
    if rounds:
        yield t("practice.glance.label"), t("practice.glance.value", count=str(rounds))


class PracticeActions:
    """Mixed into CompanionApp."""

    def setup_practice(self: CompanionApp) -> None:
        self.glance_providers.append(practice_glance)

    @functools.cached_property
    def practice(self: CompanionApp) -> Practice:  # type: ignore[misc]
        """Made on first use: nothing of the practice room is needed to start the app."""
        return self.services.practice

    def practice_call(self: CompanionApp, call: Callable[..., T], *args: Any) -> T | None:
        """Run a Practice query; a storage problem is told once and gives None."""
        result: list[T] = []
        self.guard(lambda: result.append(call(*args)))
        return result[0] if result else None

    def _packs_ready(self: CompanionApp) -> bool:
        try:
            from companion.packs import practice as practice_packs

            practice_packs.load_all(self.strings.lang)
        except ContentError as error:
            self.notify(
                self.strings("practice.room.problem", problem=str(error)),
                severity="error",
                timeout=15,
                markup=False,
            )
            return False
        return True

    # -- reframe ---------------------------------------------------------------------
    def action_reframe(self: CompanionApp) -> None:
        self.open_reframe()

    def action_reframe_entry(self: CompanionApp, entry_id: str) -> None:
        """Start a reframe from a thought-log entry (the journal's "reframe this")."""
        self.open_reframe(entry_id)

    @needs_journal
    def open_reframe(self: CompanionApp, entry_id: str | None = None) -> None:
        from companion.ui.practice.reframe import ReframeScreen

        if not self._packs_ready():
            return
        wizard = None
        if entry_id is not None:
            wizard = self.practice_call(self.practice.reframe_from_entry, entry_id)
            if wizard is None:
                self.notify(self.strings("reframe.screen.not_found"), markup=False)
        if entry_id is None and isinstance(self.screen, ReframeScreen):
            return
        self.push_screen(ReframeScreen(wizard))
        self.ask_follow_up()

    # -- practice room ------------------------------------------------------------------
    @needs_journal
    def action_practice(self: CompanionApp) -> None:
        from companion.ui.practice.room import PracticeRoomScreen

        if self._packs_ready() and not isinstance(self.screen, PracticeRoomScreen):
            self.push_screen(PracticeRoomScreen())
            self.ask_follow_up()

    @needs_journal
    def open_practice_tool(self: CompanionApp, tool: str) -> None:
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
        if self._packs_ready() and not isinstance(self.screen, screen):
            self.push_screen(screen())

    def action_poker(self: CompanionApp) -> None:
        self.open_practice_tool("poker")

    def action_emotion_cards(self: CompanionApp) -> None:
        self.open_practice_tool("emotions")

    def action_drills(self: CompanionApp) -> None:
        self.open_practice_tool("drills")

    def action_thought_pairs(self: CompanionApp) -> None:
        self.open_practice_tool("pairs")

    def action_replies(self: CompanionApp) -> None:
        self.open_practice_tool("replies")

    def action_roleplay(self: CompanionApp) -> None:
        self.open_practice_tool("roleplay")

    def action_review(self: CompanionApp) -> None:
        self.open_practice_tool("review")

    # -- the next-day question -------------------------------------------------------------
    def ask_follow_up(self: CompanionApp) -> None:
        """At the first open of a later day, ask once how a reframe turned out."""
        from companion.ui.practice.follow_up import FollowUpScreen

        if self.services.stores.problems:
            return
        try:
            due = self.practice.follow_up_due()
        except StoreError:
            return
        if due is None:
            return

        def answered(result: tuple[str, str] | None) -> None:
            outcome, note = result or ("", "")
            kept = self.guard(lambda: self.practice.answer_follow_up(due.id, outcome, note))
            if kept and (outcome or note.strip()):
                self.notify(self.strings("reframe.follow_up.thanks"), markup=False)

        self.push_screen(FollowUpScreen(due), callback=answered)
