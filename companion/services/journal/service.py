"""The journal as the app and the CLI use it: checked writes, a cached search index, the
editor's drafts, and today's figures for Home.

Entries are decoded once and kept; after a write here or in another process (the file's
identity changed) only new or changed documents are decoded again, so a search stays
fast at tens of thousands of entries. No Textual here.

Threads: the app brings the index up to date in a worker thread (``index()``) after
another process wrote the file, while its UI thread searches. One lock is held around
each build and around the journal's own writes; a build makes a new index and puts it
in place whole, and a search on the UI thread never waits for a build under way in
another thread: it searches the index last built meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from companion.core.journal import (
    Answers,
    EntryError,
    Kind,
    build_entry,
    catalogue_from_pack,
    split_tags,
)
from companion.core.journal_search import Query, SearchIndex, hay_of, may_match
from companion.services.drafts import ENTRY_EDITOR, Drafts
from companion.store.records import from_doc
from companion.store.repos import Repo
from companion.store.schema import Draft, Entry
from companion.store.stores import Stores
from companion.system.clock import Clock
from companion.system.content import DEFAULT_LANGUAGE, load_pack
from companion.system.i18n import Strings, format_time

FREE = "free"  # the kind anything unknown is edited as


def catalogue(lang: str) -> dict[str, Kind]:
    """The kinds and their prompts in a language (content/<lang>/prompts.toml), to show."""
    return catalogue_from_pack(load_pack(lang, "prompts"))


def kind_rules() -> Mapping[str, Kind]:
    """The kinds as the journal checks them: their ids, prompts and how each answer is
    read. Only names differ between languages (a content test holds every language to
    the same ids), so a check never depends on the language shown."""
    return catalogue(DEFAULT_LANGUAGE)


def kind_name(kind: str, kinds: Mapping[str, Kind]) -> str:
    """A kind's name; a kind written by another feature shows as its own id."""
    spec = kinds.get(kind)
    return spec.name if spec is not None else kind


def kind_names(lang: str, present: Iterable[str] = ()) -> dict[str, tuple[str, ...]]:
    """Each kind's id -> the names a search may give it (``kind:想法``): the short name and
    the name shown in ``lang`` first, then the English ones; kinds the journal holds that
    no catalogue names (``present``) by their id."""
    shown, english = catalogue(lang), catalogue(DEFAULT_LANGUAGE)
    names = {
        kid: tuple(
            dict.fromkeys(
                n
                for n in (spec.short, spec.name, english[kid].short, english[kid].name)
                if " " not in n  # (a search word has no spaces)
            )
        )
        for kid, spec in shown.items()
        if kid in english
    }
    names.update({kid: () for kid in present if kid not in names})
    return names


def entry_problem(error: EntryError, t: Strings) -> str:
    """An EntryError as a sentence in the user's language."""
    return t(f"journal.errors.{error.code}", **error.detail)


@dataclass(frozen=True, slots=True, eq=False)
class Stored:
    """What a search needs, read straight from a stored document: an entry is decoded
    in full only when it is shown, so searching 25,000 entries decodes a handful. Each
    one is its own (compared and hashed as itself): the entry decoded from it is kept
    under it, so a row read before a change is never taken for one read after."""

    id: str
    kind: str
    text: str
    fields: dict[str, Any]
    tags: tuple[str, ...]
    starred: bool
    created_at: datetime
    updated_at: Any  # the stored stamp; with the id it says whether the entry changed
    doc: Mapping[str, Any]

    @classmethod
    def of(cls, doc_id: str, doc: Mapping[str, Any]) -> Stored:
        return cls(
            id=doc_id,
            kind=str(doc.get("kind", "")),
            text=str(doc.get("text", "")),
            fields=dict(doc.get("fields") or {}),
            tags=tuple(doc.get("tags") or ()),
            starred=bool(doc.get("starred", False)),
            created_at=datetime.fromisoformat(doc["created_at"]),
            updated_at=doc.get("updated_at"),
            doc=doc,
        )


@dataclass(frozen=True)
class _Read:
    """The journal as last read: the file's identity, the rows read from it and the index
    built on them. Replaced whole, never changed."""

    identity: object
    stored: Mapping[tuple[str, Any], Stored]
    index: SearchIndex


class Journal:
    def __init__(self, stores: Stores, clock: Clock) -> None:
        self.stores = stores
        self.clock = clock
        self._building = threading.RLock()  # one build, or one write of ours, at a time
        self._read = _Read(None, {}, SearchIndex(self.index_tz()))
        self._again: set[str] = set()  # changed here since the last build: read again
        self._decoding = threading.Lock()  # around _decoded (filled as entries are shown)
        self._decoded: dict[Stored, Entry] = {}
        self.drafts = Drafts(stores, clock)

    @property
    def repo(self) -> Repo[Entry]:
        return self.stores.entries

    def forget(self) -> None:
        """The journal was locked: drop every row, decoded entry and search index read
        from it, so no journal text stays in memory behind the lock."""
        with self._building:
            self._read, self._again = _Read(None, {}, SearchIndex(self.index_tz())), set()
        with self._decoding:
            self._decoded = {}

    # -- reading ---------------------------------------------------------------------
    def stale(self) -> bool:
        """Did anything (here or in another process) change the journal since the index
        was built? Costs one stat of the file."""
        from companion.store.storage import file_identity

        return file_identity(self.stores.journal.path) != self._read.identity

    def index(self) -> SearchIndex:
        """The search index, brought up to date if the file changed (only new or edited
        documents are read again). Slow after another process wrote a large journal:
        the app calls it in a worker thread. A second caller waits for a build under
        way and gets its index."""
        with self._building:
            return self._build()

    def _current(self) -> SearchIndex:
        """The index a search uses: brought up to date here, unless another thread is
        doing that right now; then the one last built, whole (that thread's caller
        tells when the new one is in place)."""
        if not self._building.acquire(blocking=False):
            return self._read.index
        try:
            return self._build()
        finally:
            self._building.release()

    def _build(self) -> SearchIndex:
        docs, identity = self.repo.snapshot()
        read = self._read
        if identity == read.identity and identity is not None:
            return read.index
        again = self._again
        stored = {}
        for doc_id, doc in docs.items():
            key = (doc_id, doc.get("updated_at"))
            known = read.stored.get(key) if doc_id not in again else None
            stored[key] = known or Stored.of(doc_id, doc)
        index = read.index.rebuilt(stored.values(), again)
        self._read, self._again = _Read(identity, stored, index), set()
        with self._decoding:  # keep what was decoded from rows this build kept
            self._decoded = {
                row: entry
                for row, entry in self._decoded.items()
                if stored.get((row.id, row.updated_at)) is row
            }
        return index

    def _entry(self, row: Stored) -> Entry:
        with self._decoding:
            entry = self._decoded.get(row)
        if entry is None:
            entry = from_doc(Entry, dict(row.doc))
            with self._decoding:
                self._decoded[row] = entry
        return entry

    def search(self, query: Query, limit: int | None = None) -> list[Entry]:
        """Matching entries, newest first."""
        return [self._entry(row) for row in self._current().search(query, limit)]

    def page(self, query: Query, limit: int) -> tuple[list[Entry], int]:
        """The newest ``limit`` matches, decoded, and how many match in all."""
        rows = self._current().matching(query)
        return [self._entry(row) for row in rows[:limit]], len(rows)

    def find(self, query: Query, limit: int | None = None) -> list[Entry]:
        """A one-off search (the CLI): scans the documents without building the index,
        reading dates and decoding entries only for those whose words match."""
        index = SearchIndex(self.index_tz())
        index.update(
            Stored.of(doc_id, doc)
            for doc_id, doc in self.repo.docs().items()
            if may_match(
                query,
                doc.get("kind"),
                doc.get("starred"),
                hay_of(doc.get("text", ""), doc.get("fields") or {}, doc.get("tags") or ()),
            )
        )
        return [from_doc(Entry, dict(row.doc)) for row in index.search(query, limit)]

    def index_tz(self) -> tzinfo:
        return self.clock.now().tzinfo  # type: ignore[return-value]

    def entries(self) -> list[Entry]:
        """Every entry, newest first."""
        return self.search(Query())

    def kinds_present(self) -> set[str]:
        return {row.kind for row in self._current().search(Query())}

    def count(self, query: Query) -> int:
        return self._current().count(query)

    def total(self) -> int:
        return len(self._current())

    def get(self, entry_id: str) -> Entry | None:
        return self.repo.get(entry_id)

    def today(self) -> list[Entry]:
        day = self.clock.now().date()
        return self.search(Query(start=day, end=day))

    # -- writing -----------------------------------------------------------------------
    def _forget(self, entry_id: str) -> None:
        """An entry is changed here: the next build reads it again, even if its change
        falls within the same millisecond as the last one. (The caller holds the lock
        for the write too, so no build reads the document while it changes.)"""
        self._again.add(entry_id)
        with self._decoding:
            self._decoded = {k: v for k, v in self._decoded.items() if k.id != entry_id}

    def check(
        self,
        kind: str,
        answers: Mapping[str, str],
        tags: str | Iterable[str] = (),
        *,
        editing: bool = False,
    ) -> Answers:
        """The one check of an entry: the answers as the journal would keep them, or
        EntryError saying what to fix. ``add`` and ``edit`` refuse with it; the editor
        shows its problem. ``tags`` as typed ("#refund, 退款") or as a list. A kind the
        journal does not know is edited as free writing (only its text and tags)."""
        rules = kind_rules()
        if editing and kind not in rules:
            kind = FREE
        extra = split_tags(tags) if isinstance(tags, str) else tags
        return build_entry(kind, answers, rules, extra, new=not editing)

    def add(
        self,
        kind: str,
        answers: Mapping[str, str],
        tags: str | Iterable[str] = (),
        starred: bool = False,
        kept: Mapping[str, Any] | None = None,
    ) -> Entry:
        """Check the answers and store a new entry (durable when this returns).

        ``kept``: a feature's own fields, stored beside the answers as they are (the
        kind lists them as hidden; the editor keeps them when the entry is edited)."""
        checked = self.check(kind, answers, tags)
        return self.repo.add(
            kind=checked.kind,
            text=checked.text,
            fields={**(kept or {}), **checked.fields},
            tags=checked.tags,
            starred=starred,
        )

    def edit(
        self, entry: Entry, answers: Mapping[str, str], tags: str | Iterable[str] = ()
    ) -> Entry:
        checked = self.check(entry.kind, answers, tags, editing=True)
        spec = kind_rules().get(entry.kind)
        if spec is None:
            # Another feature's kind: its text and tags are editable, its fields are kept.
            changes: dict[str, Any] = {"text": checked.text, "tags": checked.tags}
        else:
            # Fields the editor does not show (another feature's own) are kept as they were.
            kept = {k: v for k, v in entry.fields.items() if spec.prompt(k) is None}
            fields = {**kept, **checked.fields}
            changes = {"text": checked.text, "fields": fields, "tags": checked.tags}
        with self._building:
            self._forget(entry.id)
            return self.repo.update(entry.id, **changes)

    def set_star(self, entry: Entry, starred: bool) -> Entry:
        with self._building:
            self._forget(entry.id)
            return self.repo.update(entry.id, starred=starred)

    def delete(self, entry_id: str) -> Entry | None:
        with self._building:
            self._forget(entry_id)
            return self.repo.delete(entry_id)

    def restore(self, entry: Entry) -> Entry:
        """Put a deleted entry back exactly as it was (undo)."""
        with self._building:
            self._forget(entry.id)
            return self.repo.put(entry)

    def add_many(self, entries: Sequence[Entry]) -> int:
        return self.repo.add_many(entries) if entries else 0

    # -- the editor's draft --------------------------------------------------------------
    def draft(self) -> Draft | None:
        """The newest unsaved editor draft, if any."""
        drafts = self.drafts.of(ENTRY_EDITOR)
        return drafts[0] if drafts else None

    def keep_draft(self, fields: Mapping[str, Any], draft: Draft | None) -> Draft:
        """Save (or replace) the editor's draft."""
        return self.drafts.keep(ENTRY_EDITOR, fields, draft)

    def drop_drafts(self) -> None:
        """Forget every editor draft (saved, or discarded by the person)."""
        self.drafts.drop(ENTRY_EDITOR)


def journal_glance(services: Any, t: Strings) -> list[tuple[str, str]]:
    """Home's "today at a glance": entries written today and the latest mood."""
    journal = services.journal
    today = journal.today()
    if not today:
        return []
    rows = []
    written = [e for e in today if e.kind != "mood"]
    moods = [e for e in today if e.mood_score is not None]
    if written:
        rows.append((t("journal.glance.entries"), str(len(written))))
    if moods:
        latest = moods[0]
        at = format_time(latest.created_at.astimezone(journal.index_tz()), t)
        score = str(latest.mood_score)
        value = t("journal.glance.mood_value", score=score, time=at)
        rows.append((t("journal.glance.mood"), value))
    return rows
