"""Finding entries: a query (words, tag, kind, star, dates) and an index that answers it
fast enough to search as you type through years of entries.

Matching is a case-insensitive substring test (``str.casefold``, so "STRASSE" finds
"Straße"), which works the same for Chinese, where there are no spaces to split words
on. Every word must occur somewhere in the entry: its text, any answer, or a tag. Dates
are the user's calendar days in their own time zone.
"""

# Not `from __future__ import annotations`: fields of a NamedTuple given as text are
# compiled when the module loads (the first compile ~2 ms), on every command's path.

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta, tzinfo
from itertools import accumulate
from typing import Any, NamedTuple, Protocol

from companion.core.journal import EntryError, clean_tag, field_text

_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
TODAY_WORDS = {"today", "今天"}
YESTERDAY_WORDS = {"yesterday", "昨天"}


class Searchable(Protocol):
    id: str
    kind: str
    text: str
    fields: dict[str, Any]
    tags: tuple[str, ...]
    starred: bool
    created_at: datetime
    updated_at: datetime


class Query(NamedTuple):
    words: tuple[str, ...] = ()  # casefolded
    tags: tuple[str, ...] = ()  # casefolded, without '#'
    kind: str | None = None
    starred: bool = False
    start: date | None = None  # first day included
    end: date | None = None  # last day included

    @property
    def empty(self) -> bool:
        return self == Query()


def parse_day(text: str, today: date) -> date:
    """ "2026-11-23", "2026/11/23", "today", "yesterday" (also 今天, 昨天)."""
    cleaned = text.strip().casefold()
    if cleaned in TODAY_WORDS:
        return today
    if cleaned in YESTERDAY_WORDS:
        return today - timedelta(days=1)
    match = _DATE.fullmatch(cleaned)
    if match:
        try:
            return date(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    raise EntryError("bad_date", value=text.strip())


KIND_WORDS = ("kind:", "类型:")  # (a full-width colon, as a Chinese keyboard types it, too)


def parse_query(
    text: str, today: date, kinds: Iterable[str] | Mapping[str, Sequence[str]] = ()
) -> Query:
    """What the search box holds -> a Query.

    ``refund #angry kind:thought from:2026-11-01 to:today is:starred``; a word that looks
    like a filter but isn't valid raises EntryError so the box can say why. ``kinds``:
    the kind ids ``kind:`` may name, or {id: the names shown for it} so that the names a
    person sees (``kind:想法``, ``kind:"Free writing"`` as ``kind:free``) find it too.
    """
    words: list[str] = []
    tags: list[str] = []
    kind = None
    starred = False
    start = end = None
    names: dict[str, tuple[str, ...]] = {k: () for k in kinds}
    if isinstance(kinds, Mapping):
        # a plain tuple or list of names (a Kind is a NamedTuple: not one of them)
        names.update({k: tuple(v) for k, v in kinds.items() if type(v) in (tuple, list)})
    aliases = {alias.casefold(): kid for kid, shown in names.items() for alias in (kid, *shown)}
    for token in text.split():
        lowered = token.casefold().replace("：", ":")
        asked = next((lowered[len(w) :] for w in KIND_WORDS if lowered.startswith(w)), "")
        if token.startswith("#") and len(token) > 1:
            tags.append(clean_tag(token).casefold())
        elif asked:
            kind = aliases.get(asked, token[len(token) - len(asked) :])
            if aliases and asked not in aliases:
                shown = [next(iter(n), k) for k, n in names.items()]
                raise EntryError("unknown_kind", kind=kind, known=", ".join(shown))
        elif lowered.startswith("from:") and len(token) > 5:
            start = parse_day(token[5:], today)
        elif lowered.startswith("to:") and len(token) > 3:
            end = parse_day(token[3:], today)
        elif lowered in ("is:starred", "is:star", "★", "☆"):
            starred = True
        else:
            words.append(lowered)
    return Query(tuple(words), tuple(tags), kind, starred, start, end)


def haystack(entry: Searchable) -> str:
    """Everything in an entry that a search may match, casefolded, in one string."""
    return hay_of(entry.text, entry.fields, entry.tags)


def hay_of(text: str, fields: Mapping[str, Any], tags: Iterable[str]) -> str:
    if not fields:  # most entries: one join, one casefold
        return "\n#".join((text, *tags)).casefold()
    parts = [text]
    parts.extend(field_text(v) for v in fields.values())
    parts.extend(f"#{t}" for t in tags)
    return "\n".join(parts).casefold()


def may_match(query: Query, kind: Any, starred: Any, hay: str) -> bool:
    """The checks that need no dates: a quick first pass over raw documents."""
    if query.kind is not None and kind != query.kind:
        return False
    if query.starred and not starred:
        return False
    return all(word in hay for word in query.words)


class _Row(NamedTuple):
    entry: Any
    hay: str
    day: date
    tags: frozenset[str]


class SearchIndex:
    """Entries kept with what a search needs precomputed, newest first.

    ``rebuilt`` takes the current entries and reuses rows whose (id, updated_at) did not
    change, so refreshing after one new note costs one row, not twenty-five thousand.
    It makes a new index and leaves this one as it is: a reader in another thread can
    go on searching this one meanwhile.
    """

    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz
        self._rows: list[_Row] = []
        self._by_key: dict[tuple[str, datetime], _Row] = {}
        # Every row's haystack in one string (in row order) and where each one starts:
        # a word is found with str.find over all of them, jumping to the next row after
        # a hit, instead of one Python-level test per row.
        self._joined = ""
        self._starts: list[int] = []
        # Each row's day, as minus its ordinal: ascending (rows are newest first), so a
        # range of days is found by bisection.
        self._days: list[int] = []

    def rebuilt(self, entries: Iterable[Searchable], again: Collection[str] = ()) -> "SearchIndex":
        """A new index of ``entries``, reusing this one's rows for entries that did not
        change (same id and updated_at, and not in ``again``: ids changed here, maybe
        within the same millisecond as their last change)."""
        rows = []
        by_key = {}
        for entry in entries:
            key = (entry.id, entry.updated_at)
            row = self._by_key.get(key) if entry.id not in again else None
            if row is None:
                row = _Row(
                    entry,
                    haystack(entry),
                    entry.created_at.astimezone(self.tz).date(),
                    frozenset(t.casefold() for t in entry.tags),
                )
            rows.append(row)
            by_key[key] = row
        rows.sort(key=lambda r: r.entry.created_at, reverse=True)
        new = SearchIndex(self.tz)
        new._rows, new._by_key = rows, by_key
        new._starts = list(accumulate((len(r.hay) + 1 for r in rows), initial=0))[:-1]
        new._joined = _SEPARATOR.join(r.hay for r in rows)
        new._days = [-r.day.toordinal() for r in rows]
        return new

    def update(self, entries: Iterable[Searchable]) -> None:
        """Index ``entries`` in place of what this index held (one thread only)."""
        new = self.rebuilt(entries)
        self._rows, self._by_key = new._rows, new._by_key
        self._starts, self._joined, self._days = new._starts, new._joined, new._days

    def _rows_with(self, word: str) -> set[int]:
        """Indexes of the rows whose haystack contains ``word``."""
        joined, starts, found = self._joined, self._starts, set()
        end = len(starts)
        position = joined.find(word)
        while position != -1:
            row = bisect_right(starts, position) - 1
            found.add(row)
            if row + 1 >= end:
                break
            position = joined.find(word, starts[row + 1])
        return found

    def __len__(self) -> int:
        return len(self._rows)

    def search(self, query: Query, limit: int | None = None) -> list[Any]:
        """Matching entries, newest first; at most ``limit`` of them."""
        found = self.matching(query)
        return found if limit is None else found[:limit]

    def count(self, query: Query) -> int:
        return len(self.matching(query))

    def matching(self, query: Query) -> list[Any]:
        """Every matching entry, newest first (the entries as given to ``update``)."""
        words = query.words
        if any(_SEPARATOR in w for w in words):
            return []
        lo, hi = self._between(query.start, query.end)
        if words:
            sets = sorted((self._rows_with(w) for w in words), key=len)
            hits = sets[0].intersection(*sets[1:])
            rows: Iterable[_Row] = [self._rows[i] for i in sorted(hits) if lo <= i < hi]
        else:
            rows = self._rows[lo:hi]
        plain = query._replace(words=(), start=None, end=None)  # words and days: done above
        if plain.tags or plain.kind or plain.starred:
            return [row.entry for row in rows if _matches(row, plain)]
        return [row.entry for row in rows]

    def _between(self, start: date | None, end: date | None) -> tuple[int, int]:
        """The rows of the days from ``start`` to ``end`` (both included), as a range."""
        lo = 0 if end is None else bisect_left(self._days, -end.toordinal())
        hi = len(self._rows) if start is None else bisect_right(self._days, -start.toordinal())
        return lo, hi


_SEPARATOR = "\x00"  # never typed into a search; keeps one row's end from joining the next


def _matches(row: _Row, query: Query) -> bool:
    entry = row.entry
    if query.kind is not None and entry.kind != query.kind:
        return False
    if query.starred and not entry.starred:
        return False
    if query.start is not None and row.day < query.start:
        return False
    if query.end is not None and row.day > query.end:
        return False
    if query.tags and not all(t in row.tags for t in query.tags):
        return False
    return all(word in row.hay for word in query.words)
