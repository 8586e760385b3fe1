"""Insights in the app: the screen (``i``), and the weekly summary offered after the
week's last end-of-day reflection (the DayClosed message)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.store.errors import StoreError

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp


class InsightsFlow:
    def __init__(self, app: CompanionApp) -> None:
        self.app = app

    def open(self) -> None:
        """Open Insights. No unlock is asked for: the activity figures need none, and the
        screen offers to unlock the journal for the rest."""
        from companion.ui.insights.screen import InsightsScreen

        if not isinstance(self.app.screen, InsightsScreen):
            self.app.push_screen(InsightsScreen())

    def journal_locked(self) -> None:
        """The journal locked: forget the feelings and tags read from it."""
        self.app.services.insights.forget_journal()

    def offer_week_summary(self) -> None:
        """An end-of-day reflection was just kept: if it is the week's last, show the
        week in a few lines (once a week; a storage problem just skips it)."""
        from companion.core.weeks import Span
        from companion.ui.insights.week_summary import WeekSummaryScreen

        insights = self.app.services.insights
        try:
            week = insights.summary_week()
            if week is None:
                return
            found = insights.compute(Span.WEEK)
            insights.summary_offered(week)
        except StoreError:
            return
        self.app.push_screen(WeekSummaryScreen(found))
