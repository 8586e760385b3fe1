"""Insights in the app: the screen (``i``), and the weekly summary offered after the
week's last end-of-day reflection (the DayClosed message), its figures computed in a
worker thread that answers the app with WeekComputed."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.message import Message

from companion.store.errors import StoreError

if TYPE_CHECKING:
    from companion.core.insights import Insights
    from companion.ui.app import CompanionApp


class WeekComputed(Message):
    """A worker computed the figures of the week whose summary is offered."""

    def __init__(self, week: date, found: Insights) -> None:
        super().__init__()
        self.week, self.found = week, found


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
        week in a few lines (once a week; a storage problem just skips it). The figures
        are computed in a worker thread unless nothing changed since they were."""
        from companion.core.weeks import Span

        insights = self.app.services.insights
        try:
            week = insights.summary_week()
        except StoreError:
            return
        if week is None:
            return
        found = insights.cached(Span.WEEK)
        if found is not None:
            self.show_summary(week, found)
            return
        app = self.app

        def compute() -> None:
            try:
                found = insights.compute(Span.WEEK)
            except StoreError:
                return
            app.post_message(WeekComputed(week, found))

        app.run_worker(compute, thread=True, exclusive=True, group="week-summary")

    def show_summary(self, week: date, found: Insights) -> None:
        """Show the summary, unless it was shown meanwhile or the journal locked while
        it was computed (then the next reflection offers it)."""
        from companion.core.insights import OPEN
        from companion.ui.insights.week_summary import WeekSummaryScreen

        insights = self.app.services.insights
        if found.journal_state == OPEN and self.app.services.stores.journal.locked:
            return
        try:
            if insights.summary_week() != week:
                return
            insights.summary_offered(week)
        except StoreError:
            return
        self.app.push_screen(WeekSummaryScreen(found))
