"""Searching one block of entries kept as bytes: what a search file holds for a segment.

A block is every entry's searchable text (casefolded, UTF-8, one after another with a
NUL between them) and beside it a small JSON row per entry (id, when, kind, star,
tags, and its line in a list), both in the order of the entries, newest first, with
where each one starts. A list of hits, in the app or from ``companion find``, is drawn
from the rows alone: no entry is decoded until one is opened.
A search scans the text with ``bytes.find`` (C speed, no entry decoded), jumps to the
next entry after a hit, and reads the JSON row of a hit only when a filter needs it or
the hit is shown. Counting the matches of a common word costs one step per matching
entry, never one per entry.

Pure: no files, no clock. Same matching as ``journal_search``: every word a substring
of the entry's text, answers or tags, casefolded; tags, kind, star and days as filters.
"""

# Not `from __future__ import annotations`: fields of a NamedTuple given as text are
# compiled when the module loads (the first compile ~2 ms), on every command's path.

import json
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from datetime import date, datetime, tzinfo
from typing import Any, NamedTuple, Protocol

from companion.core.journal import summary
from companion.core.journal_search import Query, hay_of

LINE_WIDTH = 400  # characters of an entry's list line kept in its row (wider than a list)
SEPARATOR = b"\x00"  # between two entries' text; a word holding it never matches
_NUL = "\x00"


class Row(NamedTuple):
    """What a search knows of a hit without decoding its entry."""

    id: str
    created_at: str  # as stored (ISO 8601 with offset)
    kind: str
    starred: bool
    tags: tuple[str, ...]  # casefolded
    line: str = ""  # the list's line (core.journal.summary), at most LINE_WIDTH
    written_tags: tuple[str, ...] = ()  # the tags as written

    def moment(self, tz: tzinfo) -> datetime | None:
        """When it was written; None if it has no date. A date without its offset (a
        hand edit: companion always writes one) is taken in ``tz``, the reader's zone,
        as the entry is (entry_repo.readable): a naive one cannot be compared."""
        try:
            moment = datetime.fromisoformat(self.created_at)
        except (TypeError, ValueError):
            return None
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)


def hay_bytes(doc: dict[str, Any]) -> bytes:
    """A stored entry's searchable text as the block keeps it."""
    text = doc.get("text", "")
    fields = doc.get("fields") or {}
    hay = hay_of(str(text), fields if isinstance(fields, dict) else {}, _tags(doc))
    return hay.replace(_NUL, " ").encode("utf-8", "replace")


def _tags(doc: dict[str, Any]) -> list[str]:
    tags = doc.get("tags")
    return [str(t) for t in tags] if isinstance(tags, list | tuple) else []  # else foreign


def row_bytes(doc_id: str, doc: dict[str, Any]) -> bytes:
    written = _tags(doc)
    kind = str(doc.get("kind", ""))
    text, fields = doc.get("text"), doc.get("fields")
    line = summary(
        text if isinstance(text, str) else "",
        fields if isinstance(fields, dict) else {},
        LINE_WIDTH,
    )
    folded = [t.casefold() for t in written]
    row = [doc_id, str(doc.get("created_at", "")), kind, bool(doc.get("starred")), folded]
    row += [line, written]
    return json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _sort_key(doc: dict[str, Any]) -> tuple[int, float]:
    try:
        return (1, datetime.fromisoformat(doc["created_at"]).timestamp())
    except (KeyError, TypeError, ValueError):
        return (0, 0.0)  # an entry without a readable date comes last


class DamagedRow(ValueError):
    """A row of a block that is not what was written (its search file is damaged)."""


class Scannable(Protocol):
    """What a block's bytes can be: ``bytes``, or a file mapped into memory (``mmap``)."""

    def find(self, sub: bytes, start: int = ..., end: int = ..., /) -> int: ...

    def __getitem__(self, at: slice, /) -> bytes: ...


class Block:
    """One segment's entries as searchable bytes (see the module's docstring).

    The text and the rows may lie anywhere in one buffer (a search file as read or
    mapped, so nothing is copied out of it): ``hay_at`` and ``rows_at`` are where they
    begin, and ``starts``/``row_starts`` count from there."""

    def __init__(
        self,
        hay: Scannable,
        starts: array,
        rows: Scannable,
        row_starts: array,
        kinds: frozenset[str],
        hay_at: int = 0,
        rows_at: int = 0,
        sums: array | None = None,
    ) -> None:
        self.hay, self.starts = hay, starts  # starts: one per entry, then the text's length
        self.rows, self.row_starts = rows, row_starts  # the same for the JSON rows
        self.hay_at, self.rows_at = hay_at, rows_at
        self.sums = sums  # each row's crc32, when the rows were not checked as a whole
        self.kinds = kinds  # every kind of entry in it
        self._days: dict[int, date | None] = {}  # read as searches need them
        self._tz: tzinfo | None = None

    @classmethod
    def of(cls, docs: Iterable[tuple[str, dict[str, Any]]]) -> "Block":
        """A block of stored documents (id, document), sorted newest first."""
        ordered = sorted(docs, key=lambda item: _sort_key(item[1]), reverse=True)
        parts = [(hay_bytes(doc), row_bytes(doc_id, doc)) for doc_id, doc in ordered]
        kinds = frozenset(str(doc.get("kind", "")) for _, doc in ordered)
        starts, row_starts = array("I", [0]), array("I", [0])
        for hay, row in parts:
            starts.append(starts[-1] + len(hay) + 1)
            row_starts.append(row_starts[-1] + len(row))
        hay = SEPARATOR.join(h for h, _ in parts) + (SEPARATOR if parts else b"")
        return cls(hay, starts, b"".join(r for _, r in parts), row_starts, kinds)

    def __len__(self) -> int:
        return len(self.starts) - 1

    def text(self) -> bytes:
        """Every entry's text, NUL after each (what a search file keeps)."""
        return self.hay[self.hay_at : self.hay_at + self.starts[-1]]

    def all_rows(self) -> bytes:
        return self.rows[self.rows_at : self.rows_at + self.row_starts[-1]]

    def hay_of(self, index: int) -> bytes:
        at = self.hay_at
        return self.hay[at + self.starts[index] : at + self.starts[index + 1] - 1]

    def row_bytes(self, index: int) -> bytes:
        at = self.rows_at
        return self.rows[at + self.row_starts[index] : at + self.row_starts[index + 1]]

    def row_with_id(self, entry_id: str) -> int | None:
        """The index of the entry ``entry_id`` (its row's first field), or None."""
        needle = b"[" + json.dumps(entry_id, ensure_ascii=False).encode("utf-8") + b","
        at, end = self.rows_at, self.rows_at + self.row_starts[-1]
        position = self.rows.find(needle, at, end)
        while position != -1:
            index = bisect_right(self.row_starts, position - at) - 1
            if self.row_starts[index] == position - at:  # the start of a row: its id
                return index
            position = self.rows.find(needle, position + 1, end)
        return None

    def row(self, index: int) -> Row:
        """The row of entry ``index``; DamagedRow if it fails its check or is not a row."""
        raw = self.row_bytes(index)
        if self.sums is not None and zlib.crc32(raw) != self.sums[index]:
            raise DamagedRow(index)
        try:
            found = json.loads(raw)
            return Row(
                str(found[0]),
                str(found[1]),
                str(found[2]),
                bool(found[3]),
                tuple(found[4]),
                str(found[5]),
                tuple(found[6]),
            )
        except (ValueError, TypeError, KeyError, IndexError, RecursionError) as error:
            raise DamagedRow(index) from error

    def ids(self) -> list[str]:
        return [self.row(i).id for i in range(len(self))]

    # -- searching ---------------------------------------------------------------------
    def matches(self, query: Query, tz: tzinfo) -> Iterator[int]:
        """The indexes of the matching entries, newest first, found lazily: a caller that
        needs a page stops early."""
        words = [w.encode("utf-8") for w in query.words]
        if any(SEPARATOR in w for w in words):
            return
        lo, hi = self._between(query.start, query.end, tz)
        if lo >= hi:
            return
        filtered = bool(query.tags or query.kind is not None or query.starred)
        if not words:
            for index in range(lo, hi):
                if not filtered or self._keeps(index, query):
                    yield index
            return
        words.sort(key=len, reverse=True)  # the longest is most likely the rarest
        first, others = words[0], words[1:]
        starts, find, at = self.starts, self.hay.find, self.hay_at
        last = at + starts[hi]  # (no word holds a NUL: a match never spans two entries)
        position = find(first, at + starts[lo], last)
        while position != -1:
            index = bisect_right(starts, position - at) - 1
            end = at + starts[index + 1]
            if all(find(w, at + starts[index], end) != -1 for w in others) and (
                not filtered or self._keeps(index, query)
            ):
                yield index
            position = find(first, end, last)

    def count(self, query: Query, tz: tzinfo) -> int:
        return sum(1 for _ in self.matches(query, tz))

    def _keeps(self, index: int, query: Query) -> bool:
        row = self.row(index)
        if query.kind is not None and row.kind != query.kind:
            return False
        if query.starred and not row.starred:
            return False
        return all(tag in row.tags for tag in query.tags)

    def day(self, index: int, tz: tzinfo) -> date | None:
        if tz is not self._tz:
            self._days, self._tz = {}, tz
        if index not in self._days:
            moment = self.row(index).moment(tz)
            self._days[index] = None if moment is None else moment.astimezone(tz).date()
        return self._days[index]

    def _between(self, start: date | None, end: date | None, tz: tzinfo) -> tuple[int, int]:
        """The entries of the days from ``start`` to ``end`` (newest first: a range)."""
        count = len(self)
        lo = 0 if end is None else self._first(lambda d: d is None or d <= end, tz)
        hi = count if start is None else self._first(lambda d: d is None or d < start, tz)
        return lo, hi

    def _first(self, holds: Any, tz: tzinfo) -> int:
        """The first index whose day ``holds`` (it holds for every index after it)."""
        lo, hi = 0, len(self)
        while lo < hi:
            middle = (lo + hi) // 2
            if holds(self.day(middle, tz)):
                hi = middle
            else:
                lo = middle + 1
        return lo
