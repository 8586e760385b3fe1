"""The app's Insights: the screen (``i``), and the weekly summary offered after the
week's last end-of-day reflection. A mixin of CompanionApp, like practice_actions."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from companion.store.errors import StoreError

if TYPE_CHECKING:
    from companion.services.insights.service import InsightsService
    from companion.ui.app import CompanionApp


class InsightsActions:
    """Mixed into CompanionApp."""

    @functools.cached_property
    def insights(self: CompanionApp) -> InsightsService:  # type: ignore[misc]
        # Imported on first use: insights are not needed to start the app.
        from companion.services.insights.service import insights_for

        return insights_for(self.services)

    def journal_locked(self: CompanionApp) -> None:
        """The journal locked: forget the feelings and tags read from it."""
        if "insights" in self.__dict__:  # only if insights were ever computed
            self.insights.forget_journal()

    def action_insights(self: CompanionApp) -> None:
        """Open Insights. No unlock is asked for: the activity figures need none, and the
        screen offers to unlock the journal for the rest."""
        from companion.ui.insights.screen import InsightsScreen

        if not isinstance(self.screen, InsightsScreen):
            self.push_screen(InsightsScreen())

    def offer_week_summary(self: CompanionApp) -> None:
        """An end-of-day reflection was just saved: if it is the week's last, show the
        week in a few lines (once a week; a storage problem just skips it)."""
        from companion.ui.insights.week_summary import WeekSummaryScreen

        try:
            week = self.insights.summary_week()
            if week is None:
                return
            from companion.core.weeks import Span

            found = self.insights.compute(Span.WEEK)
            self.insights.summary_offered(week)
        except StoreError:
            return
        self.push_screen(WeekSummaryScreen(found))
