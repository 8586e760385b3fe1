"""Searching the journal: each segment's search block (its search file, read once and
kept while the segment does not change), scanned newest first.

A page of results needs the newest segments only: the scan stops once the page is
full. A page is of search rows (``Listed``: what a list shows); an entry is decoded
only when it is asked for (``entry``), e.g. opened. Counting every match scans them all, so
the app does it in a worker thread. Threads: a worker brings the blocks up to date
(``load_all``) while the UI thread searches the ones it has; one lock is held around
each load, and a search on the UI thread never waits for it (it says the results may
be incomplete instead). No Textual here.
"""

# Not `from __future__ import annotations`: fields of a NamedTuple given as text are
# compiled when the module loads (the first compile ~2 ms), on every command's path.

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from companion.core.journal_search import Query
from companion.core.search_block import Block, DamagedRow, Row
from companion.store import segments
from companion.store.journal import JournalStore
from companion.store.search_cache import refresh_segment, segment_block
from companion.store.search_file import segment_identity

if TYPE_CHECKING:
    from companion.store.entry_repo import EntryRepo
    from companion.store.schema import Entry

Identity = tuple[int, int, int] | None
KEEP_ENTRIES = 2000  # decoded entries kept between pages (one is shown many times)
_T = TypeVar("_T")
UI_READS = 2  # segments a page may read on the UI thread; a worker reads the others


class Listed(NamedTuple):
    """One match as a list shows it, from its search row (no entry decoded)."""

    segment: str
    row: Row  # (a row's index would not do: a worker may replace the block)
    moment: datetime | None

    @property
    def id(self) -> str:
        return self.row.id


class Page(NamedTuple):
    listed: list[Listed]  # newest first
    more: bool  # more matches than shown
    complete: bool  # False: some segments were not read yet (a worker is reading them)


class _Damaged(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


@contextmanager
def _telling(name: str) -> Iterator[None]:
    """A damaged row of segment ``name``'s block, told with the segment's name."""
    try:
        yield
    except DamagedRow:
        raise _Damaged(name) from None


class JournalSearch:
    def __init__(
        self, journal: JournalStore, repo: "Callable[[], EntryRepo]", tz: Callable[[], tzinfo]
    ) -> None:
        # The entries' repository, made when an entry is first decoded: a search that
        # lists its hits (``companion find``) never loads the record types (~10 ms).
        self.journal = journal
        self.repo = repo
        self.tz = tz
        self._blocks: dict[str, tuple[Identity, Block]] = {}  # replaced whole, never changed
        self._loading = threading.RLock()  # one load (or one write of ours) at a time
        self._decoded: dict[tuple[str, Any], Entry] = {}
        self._decoding = threading.Lock()

    # -- what is on disk --------------------------------------------------------------------
    def identities(self) -> dict[str, Identity]:
        """Each segment on disk and its identity now (a listing and a stat each)."""
        journal = self.journal
        return {n: segment_identity(journal.part_path(n)) for n in journal.segment_names()}

    def stale(self) -> bool:
        """Did any segment change (here or in another process) since its block was read?"""
        blocks = self._blocks
        return {n: b[0] for n, b in blocks.items()} != self.identities()

    def forget(self) -> None:
        with self._loading:
            self._blocks = {}
        with self._decoding:
            self._decoded = {}

    # -- loading ------------------------------------------------------------------------------
    def load_all(self, stop: Callable[[], bool] = lambda: False) -> None:
        """Bring every block up to date, newest first (a worker thread; slow after
        another process wrote a large journal, or on first use)."""
        with self._loading:
            current = self.identities()
            blocks = {n: b for n, b in self._blocks.items() if n in current}
            for name, identity in current.items():
                if stop():
                    break
                known = blocks.get(name)
                if known is None or known[0] != identity:
                    blocks[name] = (identity, segment_block(self.journal, name))
                    self._blocks = dict(blocks)
            self._blocks = blocks

    def _block(
        self, name: str, identity: Identity, wait: bool, mapped: bool = False
    ) -> Block | None:
        """A segment's block as it is now: the one held, or read here if no load is
        under way in another thread (or ``wait``)."""
        known = self._blocks.get(name)
        if known is not None and known[0] == identity:
            return known[1]
        if not self._loading.acquire(blocking=wait):
            return None
        try:
            block = segment_block(self.journal, name, mapped, identity)
            self._blocks = {**self._blocks, name: (identity, block)}
            return block
        finally:
            self._loading.release()

    def _mending(self, search: Callable[[], _T]) -> _T:
        """``search()``, and again after making anew a block with a damaged row."""
        remade: set[str] = set()
        while True:
            try:
                return search()
            except _Damaged as damaged:
                if damaged.name in remade:  # (a block made from its segment is whole)
                    raise
                remade.add(damaged.name)
                self._remake(damaged.name)

    def _remake(self, name: str) -> None:
        """A segment whose search file held a damaged row: its block made again from
        the segment (and its search file written anew)."""
        with self._loading:
            identity = segment_identity(self.journal.part_path(name))
            block = refresh_segment(self.journal, name)
            self._blocks = {**self._blocks, name: (identity, block)}

    # -- searching ----------------------------------------------------------------------------
    def page(
        self, query: Query, limit: int | None, wait: bool = True, mapped: bool = False
    ) -> Page:
        """The newest ``limit`` matches (every one: None). ``wait=False`` (the UI
        thread): never wait for a load under way, and read at most UI_READS segments (a
        rare word would read them all); what it did not read makes the page incomplete,
        for a worker (``load_all``) to read before the page is asked for again.
        ``mapped``: a one-off command's search (see search_file)."""
        return self._mending(lambda: self._page(query, limit, wait, mapped))

    def _page(self, query: Query, limit: int | None, wait: bool, mapped: bool) -> Page:
        tz = self.tz()
        hits: list[Listed] = []
        complete, full = True, False
        reads = None if wait else UI_READS
        for name, identity in self.identities().items():
            if not segments.may_hold(name, query.start, query.end):
                continue
            known = self._blocks.get(name)
            if known is not None and known[0] == identity:
                block: Block | None = known[1]
            elif reads is None or reads > 0:
                block = self._block(name, identity, wait, mapped)
                reads = None if reads is None else reads - 1
            else:
                block = None
            if block is None:  # being read again in a worker: the one held meanwhile
                complete = False
                known = self._blocks.get(name)
                if known is None:
                    continue
                block = known[1]
            oldest = hits[-1].moment if full else None
            with _telling(name):
                for index in block.matches(query, tz):
                    row = block.row(index)
                    moment = row.moment(tz)
                    if full and (moment is None or oldest is None or moment <= oldest):
                        break  # (an entry kept with another offset can cross a month's end)
                    hits.append(Listed(name, row, moment))
                    if limit is not None and len(hits) > limit and not full:
                        break
            if full:
                break
            full = limit is not None and len(hits) > limit
        hits.sort(key=lambda h: (h.moment is not None, h.moment or datetime.min), reverse=True)
        shown = hits if limit is None else hits[:limit]
        return Page(shown, limit is not None and len(hits) > limit, complete)

    def count(self, query: Query, stop: Callable[[], bool] = lambda: False) -> int | None:
        """How many entries match, reading every block (a worker thread); None if
        ``stop()`` said a newer question came meanwhile."""
        return self._mending(lambda: self._count(query, stop))

    def _count(self, query: Query, stop: Callable[[], bool]) -> int | None:
        tz = self.tz()
        found = 0
        for name, identity in self.identities().items():
            if stop():
                return None
            if not segments.may_hold(name, query.start, query.end):
                continue
            block = self._block(name, identity, wait=True)
            if block is not None:
                with _telling(name):
                    found += block.count(query, tz)
        return found

    def total(self, wait: bool = True) -> int | None:
        """Every entry; None if some block could not be read now (``wait=False``)."""
        found = 0
        for name, identity in self.identities().items():
            block = self._block(name, identity, wait)
            if block is None:
                return None
            found += len(block)
        return found

    def known_total(self) -> int | None:
        """Every entry, from the index of segments alone (no block read): None when it
        is out of date for some segment."""
        from companion.store.search_cache import summaries

        found = summaries(self.journal)
        if any(s is None for s in found.values()):
            return None
        return sum(s.count for s in found.values() if s is not None)

    def kinds(self) -> set[str]:
        """The kinds in the blocks held (the UI thread reads none: a worker does)."""
        found: set[str] = set()
        for _identity, block in self._blocks.values():
            found |= block.kinds
        return found

    # -- decoding the hits ----------------------------------------------------------------------
    def entries(self, listed: list[Listed]) -> "list[Entry]":
        """The entries of these matches, decoded (those deleted meanwhile left out)."""
        out = []
        for hit in listed:
            entry = self.entry(hit)
            if entry is not None:
                out.append(entry)
        return out

    def entry(self, hit: Listed) -> "Entry | None":
        """One match's entry as it is now; None if it was deleted meanwhile. Reads its
        segment (kept decoded while it does not change)."""
        entry_id = hit.id
        doc = self.repo().segment_docs(hit.segment).get(entry_id)
        if doc is None:
            return None
        key = (entry_id, doc.get("updated_at"))
        with self._decoding:
            entry = self._decoded.get(key)
        if entry is None:
            from companion.store.entry_repo import readable

            entry = readable(doc, self.tz())  # (None: not in a form companion writes)
            if entry is None:
                return None
            with self._decoding:
                if len(self._decoded) >= KEEP_ENTRIES:
                    self._decoded = {}
                self._decoded[key] = entry
        return entry

    def forget_entry(self, entry_id: str) -> None:
        with self._decoding:
            self._decoded = {k: v for k, v in self._decoded.items() if k[0] != entry_id}
