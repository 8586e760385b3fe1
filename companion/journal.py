"""The journal as the app and the CLI use it: checked writes, a cached search index, the
editor's drafts, and today's figures for Home.

Entries are decoded once and kept; after a write here or in another process (the file's
identity changed) only new or changed documents are decoded again, so a search stays
fast at tens of thousands of entries. No Textual here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from companion.clock import Clock
from companion.content import load_pack
from companion.core.daytime import day_window
from companion.core.journal import EntryError, Kind, build_entry, catalogue_from_pack
from companion.core.journal_search import Query, SearchIndex
from companion.i18n import Strings
from companion.store.records import from_doc
from companion.store.repos import Repo
from companion.store.schema import Draft, Entry
from companion.store.stores import Stores

EDITOR_ORIGIN = "EntryEditorScreen"  # drafts of the editor; the app keeps them by screen name


def catalogue(lang: str) -> dict[str, Kind]:
    """The kinds and their prompts in a language (content/<lang>/prompts.toml)."""
    return catalogue_from_pack(load_pack(lang, "prompts"))


def kind_name(kind: str, kinds: Mapping[str, Kind]) -> str:
    """A kind's name; a kind written by another feature shows as its own id."""
    spec = kinds.get(kind)
    return spec.name if spec is not None else kind


def entry_problem(error: EntryError, t: Strings) -> str:
    """An EntryError as a sentence in the user's language."""
    return t(f"journal.errors.{error.code}", **error.detail)


class Journal:
    def __init__(self, stores: Stores, clock: Clock) -> None:
        self.stores = stores
        self.clock = clock
        self._decoded: dict[tuple[str, Any], Entry] = {}
        self._identity: object = None
        self._entries: list[Entry] = []
        self._index: SearchIndex | None = None
        self._index_of: object = None

    @property
    def repo(self) -> Repo[Entry]:
        return self.stores.entries

    # -- reading ---------------------------------------------------------------------
    def stale(self) -> bool:
        """Did anything (here or in another process) change the journal since we read it?
        Costs one stat of the file."""
        from companion.store.storage import file_identity

        return file_identity(self.stores.journal.path) != self._identity

    def entries(self) -> list[Entry]:
        """Every entry, newest first."""
        docs = self.repo.docs()
        identity = self.stores.journal.storage.identity
        if identity == self._identity and self._identity is not None:
            return self._entries
        decoded = {}
        for doc_id, doc in docs.items():
            key = (doc_id, doc.get("updated_at"))
            entry = self._decoded.get(key)
            if entry is None:
                entry = from_doc(Entry, dict(doc))
            decoded[key] = entry
        self._decoded = decoded
        self._entries = sorted(decoded.values(), key=lambda e: e.created_at, reverse=True)
        self._identity = identity
        return self._entries

    def index(self) -> SearchIndex:
        entries = self.entries()
        if self._index is None or self._index_of is not entries:
            if self._index is None:
                self._index = SearchIndex(self.clock.now().tzinfo)  # type: ignore[arg-type]
            self._index.update(entries)
            self._index_of = entries
        return self._index

    def search(self, query: Query, limit: int | None = None) -> list[Entry]:
        return self.index().search(query, limit)

    def count(self, query: Query) -> int:
        return self.index().count(query)

    def get(self, entry_id: str) -> Entry | None:
        return self.repo.get(entry_id)

    def today(self) -> list[Entry]:
        start, end = day_window(self.clock.now())
        return [e for e in self.entries() if start <= e.created_at < end]

    # -- writing -----------------------------------------------------------------------
    def add(
        self,
        kind: str,
        answers: Mapping[str, str],
        kinds: Mapping[str, Kind],
        tags: Iterable[str] = (),
        starred: bool = False,
    ) -> Entry:
        """Check the answers and store a new entry (durable when this returns)."""
        checked = build_entry(kind, answers, kinds, tags)
        return self.repo.add(
            kind=checked.kind,
            text=checked.text,
            fields=checked.fields,
            tags=checked.tags,
            starred=starred,
        )

    def edit(
        self,
        entry: Entry,
        answers: Mapping[str, str],
        kinds: Mapping[str, Kind],
        tags: Iterable[str] = (),
    ) -> Entry:
        checked = build_entry(entry.kind, answers, kinds, tags)
        return self.repo.update(
            entry.id, text=checked.text, fields=checked.fields, tags=checked.tags
        )

    def set_star(self, entry: Entry, starred: bool) -> Entry:
        return self.repo.update(entry.id, starred=starred)

    def delete(self, entry_id: str) -> Entry | None:
        return self.repo.delete(entry_id)

    def restore(self, entry: Entry) -> Entry:
        """Put a deleted entry back exactly as it was (undo)."""
        return self.repo.put(entry)

    def add_many(self, entries: Sequence[Entry]) -> int:
        return self.repo.add_many(entries) if entries else 0

    # -- the editor's draft --------------------------------------------------------------
    def draft(self) -> Draft | None:
        """The newest unsaved editor draft, if any."""
        drafts = [d for d in self.stores.drafts.all() if d.origin == EDITOR_ORIGIN]
        return drafts[0] if drafts else None

    def keep_draft(self, fields: Mapping[str, Any], draft: Draft | None) -> Draft:
        """Save (or replace) the editor's draft."""
        if draft is None:
            return self.stores.drafts.add(origin=EDITOR_ORIGIN, fields=dict(fields))
        return self.stores.drafts.put(
            dataclasses.replace(draft, fields=dict(fields), updated_at=self.clock.now())
        )

    def drop_draft(self, draft: Draft | None) -> None:
        if draft is not None:
            self.stores.drafts.delete(draft.id)


def journal_glance(services: Any, t: Strings) -> list[tuple[str, str]]:
    """Home's "today at a glance": entries written today and the latest mood."""
    journal = services.journal
    today = journal.today()
    if not today:
        return []
    rows = []
    written = [e for e in today if e.kind != "mood"]
    moods = [e for e in today if e.kind == "mood" and "score" in e.fields]
    if written:
        rows.append((t("journal.glance.entries"), str(len(written))))
    if moods:
        latest = moods[0].fields["score"]
        rows.append(
            (
                t("journal.glance.mood"),
                t("journal.glance.mood_value", score=str(latest), count=str(len(moods))),
            )
        )
    return rows
