"""The journal as the app and the CLI use it: checked writes, a cached search index, the
editor's drafts, and today's figures for Home.

Entries are decoded once and kept; after a write here or in another process (the file's
identity changed) only new or changed documents are decoded again, so a search stays
fast at tens of thousands of entries. No Textual here.
"""

from __future__ import annotations

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


@dataclass(frozen=True, slots=True)
class Stored:
    """What a search needs, read straight from a stored document: an entry is decoded
    in full only when it is shown, so searching 25,000 entries decodes a handful."""

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


class Journal:
    def __init__(self, stores: Stores, clock: Clock) -> None:
        self.stores = stores
        self.clock = clock
        self._stored: dict[tuple[str, Any], Stored] = {}
        self._decoded: dict[tuple[str, Any], Entry] = {}
        self._identity: object = None
        self._index = SearchIndex(self.index_tz())
        self.drafts = Drafts(stores, clock)

    @property
    def repo(self) -> Repo[Entry]:
        return self.stores.entries

    # -- reading ---------------------------------------------------------------------
    def stale(self) -> bool:
        """Did anything (here or in another process) change the journal since we read it?
        Costs one stat of the file."""
        from companion.store.storage import file_identity

        return file_identity(self.stores.journal.path) != self._identity

    def index(self) -> SearchIndex:
        """The search index, brought up to date if the file changed (only new or edited
        documents are read again)."""
        docs = self.repo.docs()
        identity = self.stores.journal.storage.identity
        if identity == self._identity and identity is not None:
            return self._index
        stored = {}
        for doc_id, doc in docs.items():
            key = (doc_id, doc.get("updated_at"))
            stored[key] = self._stored.get(key) or Stored.of(doc_id, doc)
        self._stored = stored
        self._decoded = {k: v for k, v in self._decoded.items() if k in stored}
        self._index.update(stored.values())
        self._identity = identity
        return self._index

    def _entry(self, row: Stored) -> Entry:
        key = (row.id, row.updated_at)
        entry = self._decoded.get(key)
        if entry is None:
            entry = self._decoded[key] = from_doc(Entry, dict(row.doc))
        return entry

    def search(self, query: Query, limit: int | None = None) -> list[Entry]:
        """Matching entries, newest first."""
        return [self._entry(row) for row in self.index().search(query, limit)]

    def page(self, query: Query, limit: int) -> tuple[list[Entry], int]:
        """The newest ``limit`` matches, decoded, and how many match in all."""
        rows = self.index().matching(query)
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
        return {row.kind for row in self.index().search(Query())}

    def count(self, query: Query) -> int:
        return self.index().count(query)

    def total(self) -> int:
        return len(self.index())

    def get(self, entry_id: str) -> Entry | None:
        return self.repo.get(entry_id)

    def today(self) -> list[Entry]:
        day = self.clock.now().date()
        return self.search(Query(start=day, end=day))

    # -- writing -----------------------------------------------------------------------
    def _forget(self, entry_id: str) -> None:
        self._stored = {k: v for k, v in self._stored.items() if k[0] != entry_id}
        self._decoded = {k: v for k, v in self._decoded.items() if k[0] != entry_id}
        self._index.forget(entry_id)

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
        self._forget(entry.id)
        return self.repo.update(entry.id, **changes)

    def set_star(self, entry: Entry, starred: bool) -> Entry:
        self._forget(entry.id)
        return self.repo.update(entry.id, starred=starred)

    def delete(self, entry_id: str) -> Entry | None:
        self._forget(entry_id)
        return self.repo.delete(entry_id)

    def restore(self, entry: Entry) -> Entry:
        """Put a deleted entry back exactly as it was (undo)."""
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
