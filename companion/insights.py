"""Insights for the app and the ``stats`` command: the records read from the stores,
the figures computed by ``companion.core.insights``, and the weekly summary's memory.

Reading is fast at years of data: the stored documents are read as they are (no full
record decoding), and what was read is kept until the file changes (here or in another
process). A locked journal gives the activity figures alone. No Textual here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from companion.break_keeper import rules_from
from companion.clock import Clock
from companion.config import Settings
from companion.core import insights as core
from companion.core.insights import Insights, JournalRecords, Rated, Records, Reframed, Written
from companion.core.weeks import BreakPlan, Span, first_day_of_week, summary_due
from companion.store.database import Database
from companion.store.errors import StoreError
from companion.store.stores import Stores

SUMMARY_OFFERED = "insights.summary_offered"  # first day of the week last offered


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


def _names(value: Any) -> tuple[str, ...]:
    """Feelings as stored in a thought log: [{"name": …, "intensity": …}] or words."""
    if not isinstance(value, list):
        return ()
    names = (v.get("name") if isinstance(v, Mapping) else v for v in value)
    return tuple(n for n in names if isinstance(n, str) and n.strip())


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
        score = _rating(fields.get("score")) if kind == "mood" else None
        out.append(
            Written(at, kind, _texts(doc.get("tags")), score, _names(fields.get("emotions")))
        )
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


class InsightsService:
    def __init__(self, stores: Stores, clock: Clock, settings: Callable[[], Settings]) -> None:
        self.stores = stores
        self.clock = clock
        self.settings = settings
        self._activity: tuple[object, tuple[list[_Event], list[Rated], list[Rated]]] | None = None
        self._journal: tuple[object, JournalRecords] | None = None
        self._last: tuple[tuple[object, ...], Insights] | None = None

    # -- reading -------------------------------------------------------------------------
    def _read_activity(self) -> tuple[list[_Event], list[Rated], list[Rated]]:
        stores = self.stores
        docs = [repo.docs() for repo in (stores.break_events, stores.breathing, stores.sos)]
        identity = _identity(stores.activity)
        if self._activity is not None and identity is not None and self._activity[0] == identity:
            return self._activity[1]
        read = (_events(docs[0].values()), _sessions(docs[1].values()), _sessions(docs[2].values()))
        self._activity = (identity, read)
        return read

    def _read_journal(self) -> tuple[JournalRecords | None, str]:
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
        read = JournalRecords(_entries(entries.values()), _reframes(reframes.values()))
        self._journal = (identity, read)
        return read, core.OPEN

    def records(self) -> Records:
        """Everything insights need. A storage problem with activity.db is raised (the
        caller says so); the journal being locked or unreadable is part of the answer."""
        events, breathing, sos = self._read_activity()
        journal, state = self._read_journal()
        return Records(events, breathing, sos, journal, state)

    # -- figures -------------------------------------------------------------------------
    def plan(self) -> BreakPlan:
        rules = rules_from(self.settings())
        return BreakPlan(rules.every, rules.length, rules.shift)

    def first_weekday(self) -> int:
        return first_day_of_week(self.settings().shift_days)

    def compute(self, span: Span = Span.WEEK) -> Insights:
        return core.compute(
            self.records(), self.plan(), self.clock.now(), span, self.first_weekday()
        )

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
