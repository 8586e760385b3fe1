"""Insights for the app and the ``stats`` command: the records read from the stores,
the figures computed by ``companion.core.insights``, and the weekly summary's memory.

Reading is fast at years of data: the stored documents are read as they are (no full
record decoding), and what was read is kept until the file changes (here or in another
process). Still, after a file changed it reads every record again: the app computes in
a worker thread and asks ``cached()`` (a few stats) on its UI thread. A locked journal
gives the activity figures alone. No Textual here.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Generic, TypeVar

from companion.core import insights as core
from companion.core.contact_figures import Marked
from companion.core.insights import Insights, JournalRecords, Rated, Records, Reframed, Written
from companion.core.weeks import BreakPlan, Span, first_day_of_week, span_days, summary_due
from companion.services.config import Settings
from companion.store.errors import StoreError
from companion.store.repos import read_together
from companion.store.schema import emotion_names, mood_score
from companion.store.segments import PRACTICE, may_hold
from companion.store.storage import file_identity
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
    """Safe to call from worker threads (the app computes in one while its UI thread
    writes): one computation at a time, each reading its documents with the identity
    of the file they came from in one step (``read_together``), and a lock of the
    journal (``forget_journal``) never undone by a computation that began before it.
    Documents changed in place by a write while they are read here (TinyDB updates a
    record in place) can give one computation a mix of two versions; its figures are
    kept under the identity read, which that write changed, so they are never reused."""

    def __init__(self, stores: Stores, clock: Clock, settings: Callable[[], Settings]) -> None:
        self.stores = stores
        self.clock = clock
        self.settings = settings
        self._computing = threading.RLock()  # one computation (or reading) at a time
        self._keeping = threading.Lock()  # held only to set what is kept, never to compute
        self._forgotten = 0  # how often the journal was forgotten (locked)
        self._activity: tuple[object, _Activity] | None = None
        self._journal: tuple[object, _Journal] | None = None
        self._last: tuple[tuple[object, ...], Insights] | None = None

    # -- reading -------------------------------------------------------------------------
    def _read_activity(self) -> tuple[object, _Activity]:
        stores = self.stores
        repos = (
            stores.break_events,
            stores.breathing,
            stores.sos,
            stores.break_ratings,
            stores.contacts,
        )
        docs, identity = read_together(repos)
        kept = self._activity
        if kept is not None and identity is not None and kept[0] == identity:
            return kept
        read = _Activity(
            _ByTime(_events(docs[0].values()), lambda e: e.created_at),
            _ByTime(_sessions(docs[1].values()), _at),
            _ByTime(_sessions(docs[2].values()), _at),
            _ByTime(_sessions(docs[3].values()), _at),
            _ByTime(_contacts(docs[4].values()), lambda c: c.at),
        )
        return identity, read

    def _read_journal(
        self, start: datetime, end: datetime
    ) -> tuple[tuple[object, _Journal] | None, str, object]:
        """What was read (with its identity), the journal's state, and what tells that
        nothing changed since (see ``_key``). Only the segments that can hold [start,
        end) are read, with the reframes."""
        journal = self.stores.journal
        if journal.locked:
            return None, core.LOCKED, None  # nothing of a locked journal is read
        on_disk = self._journal_files(start, end)
        try:
            names = [name for name, _identity in on_disk[0]]
            (reframes,), practice = read_together([self.stores.reframes])
            identity = (on_disk[0], practice)
            kept = self._journal
            if kept is not None and kept[0] == identity:
                return kept, core.OPEN, identity
            docs = [d for n in names for d in self.stores.entries.segment_docs(n).values()]
        except StoreError:
            return None, core.UNAVAILABLE, on_disk
        read = _Journal(_ByTime(_entries(docs), _at), _ByTime(_reframes(reframes.values()), _at))
        return (identity, read), core.OPEN, identity

    def _journal_files(self, start: datetime, end: datetime) -> tuple[object, ...]:
        """The segments that can hold [start, end) with their identities, and the
        practice file's: a listing and a few stats."""
        journal = self.stores.journal
        names = [n for n in journal.segment_names() if may_hold(n, start.date(), end.date())]
        segments = tuple((n, file_identity(journal.part_path(n))) for n in names)
        return (segments, file_identity(journal.part_path(PRACTICE)))

    def forget_journal(self) -> None:
        """Drop everything read from the journal (it was locked). A computation running
        now keeps nothing of what it read (its answer is for whoever asked)."""
        with self._keeping:
            self._forgotten += 1
            self._journal = None
            self._last = None

    def records(self, start: datetime, end: datetime) -> Records:
        """What insights need from [start, end) (give or take MARGIN). A storage problem
        with activity.db is raised (the caller says so); the journal being locked or
        unreadable is part of the answer."""
        with self._computing:
            return self._records(start, end)[0]

    def _records(self, start: datetime, end: datetime) -> tuple[Records, tuple[object, ...]]:
        """The records, and what tells that nothing changed since they were read."""
        start, end = start - MARGIN, end + MARGIN
        forgotten = self._forgotten
        activity = self._read_activity()
        journal, state, journal_identity = self._read_journal(start, end)
        with self._keeping:
            self._activity = activity
            if forgotten == self._forgotten:  # not locked since: keep what was read
                self._journal = journal
        read_activity = activity[1]
        read_journal = journal[1] if journal is not None else None
        records = Records(
            read_activity.events.between(start, end),
            read_activity.breathing.between(start, end),
            read_activity.sos.between(start, end),
            None
            if read_journal is None
            else JournalRecords(
                read_journal.entries.between(start, end),
                read_journal.reframes.between(start, end),
            ),
            state,
            read_activity.breaks.between(start, end),
            read_activity.contacts.between(start, end),
        )
        return records, (activity[0], self.stores.journal.problem, journal_identity)

    # -- figures -------------------------------------------------------------------------
    def plan(self) -> BreakPlan:
        rules = self.settings().break_rules()
        return BreakPlan(rules.every, rules.length, rules.shift)

    def first_weekday(self) -> int:
        return first_day_of_week(self.settings().shift_days)

    def _moment(self, span: Span) -> tuple[datetime, BreakPlan, int, tuple[object, ...]]:
        now = self.clock.now()
        plan, first = self.plan(), self.first_weekday()
        return now, plan, first, (span, now.date(), now.utcoffset(), plan, first)

    def compute(self, span: Span = Span.WEEK) -> Insights:
        """The figures for ``span`` now. Asked again with nothing changed (no file
        written, same day, same settings) it answers from memory. Slow at years of data
        the first time and after a file changed: the app calls it in a worker thread."""
        with self._computing:
            forgotten = self._forgotten
            now, plan, first, moment = self._moment(span)
            start, end = self._window(span, now, first)
            records, files = self._records(start, end)
            key = _key(moment, files)
            last = self._last
            if last is not None and last[0] == key:
                return last[1]
            found = core.compute(records, plan, now, span, first)
            with self._keeping:
                if forgotten == self._forgotten:
                    self._last = (key, found)
            return found

    def cached(self, span: Span = Span.WEEK) -> Insights | None:
        """The figures ``compute(span)`` would give, if nothing changed since they were
        computed; otherwise None. Costs the clock, the settings and a stat of each
        file, never a read: the app asks on its UI thread before starting a worker."""
        last = self._last
        if last is None:
            return None
        journal = self.stores.journal
        moment = self._moment(span)
        start, end = self._window(span, moment[0], moment[2])
        start, end = start - MARGIN, end + MARGIN
        files = (
            file_identity(self.stores.activity.path),
            journal.problem,
            None if journal.locked else self._cached_identity(start, end),
        )
        key = _key(moment[3], files)
        return last[1] if last[0] == key else None

    def _cached_identity(self, start: datetime, end: datetime) -> object:
        """The journal's identity as ``_read_journal`` gives it, from stats alone."""
        segments, practice = self._journal_files(start, end)
        return (segments, practice)

    @staticmethod
    def _window(span: Span, now: datetime, first: int) -> tuple[datetime, datetime]:
        dates = span_days(span, now.date(), first)
        start = datetime.combine(dates[0], time(0), tzinfo=now.tzinfo)
        end = datetime.combine(dates[-1], time(0), tzinfo=now.tzinfo) + timedelta(days=1)
        return start, end

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


def _key(moment: tuple[object, ...], files: tuple[object, ...]) -> tuple[object, ...]:
    """What figures depend on: the span, the day, the offset and the settings
    (``moment``), and the files as read: activity.db's identity, the journal's problem
    (locked, damaged…) and its identity. A file that is not there (yet) is never taken
    as unchanged."""
    if files[0] is None:
        return (object(),)
    return (*moment, *files)


def insights_for(services: Any) -> InsightsService:
    """The insights of a running companion (the app or a command)."""
    return InsightsService(services.stores, services.clock, lambda: services.config.settings)
