"""Insights for the app and the ``stats`` command: the records read from the stores,
the figures computed by ``companion.core.insights``, and the weekly summary's memory.

Reading is fast at years of data: the stored documents are read as they are (no full
record decoding), and what was read is kept until the file changes (here or in another
process). A locked journal gives the activity figures alone. No Textual here.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Generic, TypeVar

from companion.core import insights as core
from companion.core.contact_figures import Marked
from companion.core.insights import Insights, JournalRecords, Rated, Records, Reframed, Written
from companion.core.weeks import BreakPlan, Span, first_day_of_week, span_days, summary_due
from companion.services.config import Settings
from companion.store.database import Database
from companion.store.errors import StoreError
from companion.store.schema import emotion_names, mood_score
from companion.store.stores import Stores
from companion.system.clock import Clock

SUMMARY_OFFERED = "insights.summary_offered"  # first day of the week last offered
MARGIN = timedelta(days=2)  # around a span's ends, more than any UTC offset: the core
# then keeps exactly the records of the span's local days
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Event:
    kind: str
    created_at: datetime
    fields: dict[str, Any]


def _when(doc: Mapping[str, Any]) -> datetime | None:
    try:
        moment = datetime.fromisoformat(doc["created_at"])
    except (KeyError, TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else None


def _rating(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _events(docs: Iterable[Mapping[str, Any]]) -> list[_Event]:
    out = []
    for doc in docs:
        at = _when(doc)
        fields = doc.get("fields")
        if at is not None:
            out.append(
                _Event(str(doc.get("kind", "")), at, fields if isinstance(fields, dict) else {})
            )
    return out


def _sessions(docs: Iterable[Mapping[str, Any]]) -> list[Rated]:
    out = []
    for doc in docs:
        at = _when(doc)
        if at is not None:
            out.append(
                Rated(at, _rating(doc.get("tension_before")), _rating(doc.get("tension_after")))
            )
    return out


def _contacts(docs: Iterable[Mapping[str, Any]]) -> list[Marked]:
    out = []
    for doc in docs:
        at = _when(doc)
        if at is not None:
            out.append(Marked(at, doc.get("rough") is True))
    return out


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _entries(docs: Iterable[Mapping[str, Any]]) -> list[Written]:
    out = []
    for doc in docs:
        at = _when(doc)
        if at is None:
            continue
        fields = doc.get("fields")
        fields = fields if isinstance(fields, Mapping) else {}
        kind = str(doc.get("kind", ""))
        score = mood_score(fields) if kind == "mood" else None
        out.append(Written(at, kind, _texts(doc.get("tags")), score, emotion_names(fields)))
    return out


def _reframes(docs: Iterable[Mapping[str, Any]]) -> list[Reframed]:
    out = []
    for doc in docs:
        at = _when(doc)
        if at is None:
            continue
        feeling = doc.get("feeling") if doc.get("entry_id") is None else ""
        after = _rating(doc.get("after")) if doc.get("finished") else None
        out.append(
            Reframed(
                at,
                _texts(doc.get("traps")),
                feeling if isinstance(feeling, str) else "",
                _rating(doc.get("before")),
                after,
            )
        )
    return out


class _ByTime(Generic[T]):
    """Records sorted by when they happened, to take a span's out in O(log n)."""

    def __init__(self, items: Iterable[T], when: Callable[[T], datetime]) -> None:
        pairs = sorted(((when(item).timestamp(), item) for item in items), key=lambda p: p[0])
        self.stamps = [stamp for stamp, _ in pairs]
        self.items = [item for _, item in pairs]

    def between(self, start: datetime, end: datetime) -> Sequence[T]:
        lo = bisect.bisect_left(self.stamps, start.timestamp())
        hi = bisect.bisect_left(self.stamps, end.timestamp())
        return self.items[lo:hi]


@dataclass(frozen=True)
class _Activity:
    events: _ByTime[_Event]
    breathing: _ByTime[Rated]
    sos: _ByTime[Rated]
    breaks: _ByTime[Rated]
    contacts: _ByTime[Marked]


@dataclass(frozen=True)
class _Journal:
    entries: _ByTime[Written]
    reframes: _ByTime[Reframed]


def _at(record: Rated | Written | Reframed) -> datetime:
    return record.at


class InsightsService:
    def __init__(self, stores: Stores, clock: Clock, settings: Callable[[], Settings]) -> None:
        self.stores = stores
        self.clock = clock
        self.settings = settings
        self._activity: tuple[object, _Activity] | None = None
        self._journal: tuple[object, _Journal] | None = None
        self._last: tuple[tuple[object, ...], Insights] | None = None

    # -- reading -------------------------------------------------------------------------
    def _read_activity(self) -> _Activity:
        stores = self.stores
        repos = (
            stores.break_events,
            stores.breathing,
            stores.sos,
            stores.break_ratings,
            stores.contacts,
        )
        docs = [repo.docs() for repo in repos]
        identity = _identity(stores.activity)
        if self._activity is not None and identity is not None and self._activity[0] == identity:
            return self._activity[1]
        read = _Activity(
            _ByTime(_events(docs[0].values()), lambda e: e.created_at),
            _ByTime(_sessions(docs[1].values()), _at),
            _ByTime(_sessions(docs[2].values()), _at),
            _ByTime(_sessions(docs[3].values()), _at),
            _ByTime(_contacts(docs[4].values()), lambda c: c.at),
        )
        self._activity = (identity, read)
        return read

    def _read_journal(self) -> tuple[_Journal | None, str]:
        journal = self.stores.journal
        if journal.locked:
            self._journal = None  # nothing of a locked journal stays in memory
            return None, core.LOCKED
        try:
            entries = self.stores.entries.docs()
            reframes = self.stores.reframes.docs()
        except StoreError:
            return None, core.UNAVAILABLE
        identity = _identity(journal)
        if self._journal is not None and identity is not None and self._journal[0] == identity:
            return self._journal[1], core.OPEN
        read = _Journal(
            _ByTime(_entries(entries.values()), _at), _ByTime(_reframes(reframes.values()), _at)
        )
        self._journal = (identity, read)
        return read, core.OPEN

    def forget_journal(self) -> None:
        """Drop everything read from the journal (it was locked)."""
        self._journal = None
        self._last = None

    def records(self, start: datetime, end: datetime) -> Records:
        """What insights need from [start, end) (give or take MARGIN). A storage problem
        with activity.db is raised (the caller says so); the journal being locked or
        unreadable is part of the answer."""
        start, end = start - MARGIN, end + MARGIN
        activity = self._read_activity()
        journal, state = self._read_journal()
        return Records(
            activity.events.between(start, end),
            activity.breathing.between(start, end),
            activity.sos.between(start, end),
            None
            if journal is None
            else JournalRecords(
                journal.entries.between(start, end), journal.reframes.between(start, end)
            ),
            state,
            activity.breaks.between(start, end),
            activity.contacts.between(start, end),
        )

    # -- figures -------------------------------------------------------------------------
    def plan(self) -> BreakPlan:
        rules = self.settings().break_rules()
        return BreakPlan(rules.every, rules.length, rules.shift)

    def first_weekday(self) -> int:
        return first_day_of_week(self.settings().shift_days)

    def compute(self, span: Span = Span.WEEK) -> Insights:
        """The figures for ``span`` now. Asked again with nothing changed (no file
        written, same day, same settings) it answers from memory, so redrawing on every
        tick of the app's timer costs a few stats of a file."""
        now = self.clock.now()
        plan, first = self.plan(), self.first_weekday()
        dates = span_days(span, now.date(), first)
        start = datetime.combine(dates[0], time(0), tzinfo=now.tzinfo)
        end = datetime.combine(dates[-1], time(0), tzinfo=now.tzinfo) + timedelta(days=1)
        records = self.records(start, end)
        key = (span, now.date(), now.utcoffset(), plan, first, *self._identities(records))
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        found = core.compute(records, plan, now, span, first)
        self._last = (key, found)
        return found

    def _identities(self, records: Records) -> tuple[object, ...]:
        activity = self._activity[0] if self._activity is not None else None
        journal = self._journal[0] if self._journal is not None else None
        if activity is None or (records.journal is not None and journal is None):
            return (object(),)  # a file that is not there (yet): never reuse
        return (activity, records.journal_state, journal)

    # -- the weekly summary ----------------------------------------------------------------
    def summary_week(self) -> date | None:
        """The week whose summary an end-of-day reflection written now should offer, if
        it is the week's last and the summary was not offered yet (see core.weeks)."""
        offered = self.stores.state.get(SUMMARY_OFFERED)
        try:
            last = date.fromisoformat(offered) if isinstance(offered, str) else None
        except ValueError:
            last = None
        return summary_due(self.clock.now().date(), self.settings().shift_days, last)

    def summary_offered(self, week: date) -> None:
        self.stores.state.set(SUMMARY_OFFERED, week.isoformat())


def _identity(db: Database) -> object:
    return db.storage.identity


def insights_for(services: Any) -> InsightsService:
    """The insights of a running companion (the app or a command)."""
    return InsightsService(services.stores, services.clock, lambda: services.config.settings)
