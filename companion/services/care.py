"""Care within reach: when to offer the help lines (the rule is ``core/care``), and
remembering, in app state, the day they were last offered so it happens at most once a
day. Heavy days come from the tension ratings in activity.db and, while the journal is
open, the mood check-ins in it. No Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from companion.core import care as rules
from companion.store.schema import mood_score
from companion.store.stores import Stores
from companion.system.clock import Clock

if TYPE_CHECKING:  # handed in by Services: feature services never import each other
    from companion.services.journal.service import Journal

OFFERED = "care.offered_on"  # app state: the last day any offer was made
WEEK_OFFERED = "care.week_offered_on"  # the last day the week's line came
RATINGS = ("tension_before", "tension_after")


class Care:
    def __init__(self, stores: Stores, clock: Clock, journal: Journal) -> None:
        self.stores = stores
        self.clock = clock
        self.journal = journal
        self._heavy: tuple[Any, set[date]] | None = None  # (what it was read from, days)

    def _today(self) -> date:
        return self.clock.now().date()

    def _day(self, key: str) -> date | None:
        value = self.stores.state.get(key)
        try:
            return date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            return None

    # -- the two offers --------------------------------------------------------------
    def offer_after_rating(self, value: int | None) -> bool:
        """A 0-10 rating was just given: True if the help lines should be offered under
        it (and that is remembered, so nothing else is offered today)."""
        today = self._today()
        if not rules.may_offer_after_rating(value, today, self._day(OFFERED)):
            return False
        self.stores.state.set(OFFERED, today.isoformat())
        return True

    def week_line(self) -> bool:
        """True if Home shows the week's line today (remembered the first time)."""
        today = self._today()
        last_week = self._day(WEEK_OFFERED)
        shown = rules.week_line(self.heavy_days(), today, self._day(OFFERED), last_week)
        if shown and last_week != today:
            self.stores.state.set(OFFERED, today.isoformat())
            self.stores.state.set(WEEK_OFFERED, today.isoformat())
        return shown

    # -- heavy days --------------------------------------------------------------------
    def heavy_days(self) -> set[date]:
        """Days of the last week with a tension rating of 9-10 or a mood of 1. Read
        again only when a data file changed or the day did."""
        today = self._today()
        journal = self.stores.journal
        journal_open = journal.available and not journal.locked
        first = today - timedelta(days=rules.WEEK - 1)
        source = (
            today,
            self.stores.activity.storage.identity,
            journal_open and self.journal.days_identity(first, today),
        )
        if self._heavy is not None and self._heavy[0] == source:
            return self._heavy[1]
        days = set(self._tense_days(first))
        if journal_open:  # the week's segments only, never the whole journal
            moods = [e for e in self.journal.days(first, today) if e.kind == "mood"]
            tz = self.clock.now().tzinfo
            days |= {
                e.created_at.astimezone(tz).date()
                for e in moods
                if rules.heavy_mood(mood_score(e.fields))
            }
        self._heavy = (source, rules.heavy_days_this_week(days, today))
        return self._heavy[1]

    def _tense_days(self, first: date) -> Iterable[date]:
        """Days with a heavy rating, read from the stored documents as they are (no
        record is decoded unless it holds a heavy rating)."""
        tz = self.clock.now().tzinfo
        stores = self.stores
        for repo in (stores.breathing, stores.sos, stores.break_ratings):  # 0-10 ratings
            docs: Mapping[str, Mapping[str, Any]] = repo.docs()
            for doc in docs.values():
                if not any(_heavy(doc.get(name)) for name in RATINGS):
                    continue
                try:
                    day = datetime.fromisoformat(doc["created_at"]).astimezone(tz).date()
                except (KeyError, TypeError, ValueError):
                    continue
                if day >= first:
                    yield day


def _heavy(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and rules.heavy_rating(value)
