"""The journal as the app and the CLI use it: checked writes, search (search.py), the
editor's drafts, and today's figures for Home.

A write reads and rewrites the one segment the entry belongs to; a search scans the
segments' search files and decodes only the entries it shows; Home reads the segment
of today. Nothing here grows with the size of the journal except a full count, which
the app runs in a worker thread. No Textual here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, time, tzinfo
from typing import TYPE_CHECKING, Any

from companion.core.daytime import day_window
from companion.core.journal import (
    Answers,
    EntryError,
    Kind,
    build_entry,
    catalogue_from_pack,
    split_tags,
)
from companion.core.journal_search import Query
from companion.services.drafts import ENTRY_EDITOR, Drafts
from companion.services.journal.search import JournalSearch, Listed, Page
from companion.store.segments import is_segment, may_hold
from companion.store.storage import file_identity
from companion.store.stores import Stores
from companion.system.clock import Clock
from companion.system.content import DEFAULT_LANGUAGE, load_pack
from companion.system.i18n import Strings, format_time

if TYPE_CHECKING:  # (loaded with the first entry decoded: a `find` lists without them)
    from companion.store.entry_repo import EntryRepo
    from companion.store.schema import Draft, Entry

FREE = "free"  # the kind anything unknown is edited as


KEEP_DAYS = 4  # spans of days kept read (today for Home, the week for care)


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


class Journal:
    def __init__(self, stores: Stores, clock: Clock) -> None:
        self.stores = stores
        self.clock = clock
        self.finder = JournalSearch(stores.journal, lambda: stores.entries, self.index_tz)
        self.drafts = Drafts(stores, clock)
        self._days: dict[tuple[date, date], tuple[object, list[Entry]]] = {}  # see days

    @property
    def repo(self) -> EntryRepo:
        return self.stores.entries

    def forget(self) -> None:
        """The journal was locked: drop every block and decoded entry read from it, so no
        journal text stays in memory behind the lock."""
        self.finder.forget()
        self._days = {}

    # -- reading ---------------------------------------------------------------------
    def stale(self) -> bool:
        """Did anything (here or in another process) change the journal since its blocks
        were read? Costs a listing and a stat of each segment."""
        return self.finder.stale()

    def index(self, stop: Callable[[], bool] = lambda: False) -> None:
        """Read every segment's search block that changed (a worker thread)."""
        self.finder.load_all(stop)

    def search(self, query: Query, limit: int | None = None) -> list[Entry]:
        """Matching entries, newest first, decoded (the app's export too: the search
        files are read, not mapped)."""
        return self.finder.entries(self.finder.page(query, limit).listed)

    def page(self, query: Query, limit: int, wait: bool = True) -> Page:
        """The newest ``limit`` matches as a list shows them (see JournalSearch.page)."""
        return self.finder.page(query, limit, wait)

    def find(self, query: Query, limit: int | None = None) -> list[Listed]:
        """A one-off search (``companion find`` only: the search files are mapped, see
        search_file), newest first, stopping at ``limit``; nothing is decoded
        (``entries_of`` does that)."""
        return self.finder.page(query, limit, mapped=True).listed

    def entry_of(self, listed: Listed) -> Entry | None:
        """A listed match's entry as it is now (None: deleted meanwhile)."""
        return self.finder.entry(listed)

    def entries_of(self, listed: list[Listed]) -> list[Entry]:
        return self.finder.entries(listed)

    def index_tz(self) -> tzinfo:
        return self.clock.now().tzinfo  # type: ignore[return-value]

    def entries(self) -> list[Entry]:
        """Every entry, newest first, read from the segments themselves (an export is
        the copy to keep: it never depends on the search files being right). One in a
        form no companion writes is passed over (``passed_over`` says how many)."""
        return self.repo.all()

    def passed_over(self) -> int:
        """How many stored documents the last ``entries`` could not read as entries."""
        return self.repo.passed_over

    def files_set_aside(self) -> int:
        """Files of entries found unreadable and set aside (or left as they were) since
        the journal opened, a month's or the old single file's: what they held is in no
        list meanwhile. (Not drafts' or practice's: no entry was in them.)"""
        return sum(
            1
            for problem in self.stores.journal.problems()
            if is_segment(problem.part or "")
            or (not problem.part and problem.kind == "quarantined")
        )

    def kinds_present(self) -> set[str]:
        return self.finder.kinds()

    def count(self, query: Query, stop: Callable[[], bool] = lambda: False) -> int | None:
        return self.finder.count(query, stop)

    def total(self, wait: bool = True) -> int | None:
        return self.finder.total(wait)

    def known_total(self) -> int | None:
        """The number of entries if the index of segments knows it now (no reading)."""
        return self.finder.known_total()

    def get(self, entry_id: str) -> Entry | None:
        return self.repo.get(entry_id)

    def today(self) -> list[Entry]:
        """Today's entries (see ``days``); Home draws them on every tick."""
        today = self.clock.now().date()
        return self.days(today, today)

    def days(self, first: date, last: date) -> list[Entry]:
        """Entries written from ``first`` to ``last`` (the person's days), newest first:
        read from the segment(s) that can hold them only, and kept until one of them
        changes. Years of writing cost nothing here (Home's glance, care's week)."""
        key = self.days_identity(first, last)
        kept = self._days.get((first, last))
        if kept is not None and kept[0] == key:
            return kept[1]
        tz = self.index_tz()
        start = day_window(datetime.combine(first, time(12), tz))[0]
        end = day_window(datetime.combine(last, time(12), tz))[1]
        found = self.repo.created_between(start, end)
        if len(self._days) >= KEEP_DAYS:
            self._days = {}
        self._days[(first, last)] = (key, found)
        return found

    def days_identity(self, first: date, last: date) -> object:
        """What ``days`` would read, as it is on disk now (a listing, a stat each)."""
        journal = self.stores.journal
        names = [n for n in journal.segment_names() if may_hold(n, first, last)]
        return (first, last, tuple((n, file_identity(journal.part_path(n))) for n in names))

    # -- writing -----------------------------------------------------------------------
    def _forget(self, entry_id: str) -> None:
        """An entry is changed here: never show the one decoded before, even if the
        change falls within the same millisecond as the last one."""
        self.finder.forget_entry(entry_id)

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
        return self.repo.update(entry.id, entry.created_at, **changes)

    def set_star(self, entry: Entry, starred: bool) -> Entry:
        self._forget(entry.id)
        return self.repo.update(entry.id, entry.created_at, starred=starred)

    def delete(self, entry_id: str, at: datetime | None = None) -> Entry | None:
        self._forget(entry_id)
        return self.repo.delete(entry_id, at)

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

    def keep_draft(
        self, fields: Mapping[str, Any], draft: Draft | None, since: int | None = None
    ) -> Draft | None:
        """Save (or replace) the editor's draft; ``since``: see Drafts.keep."""
        return self.drafts.keep(ENTRY_EDITOR, fields, draft, since)

    def draft_generation(self) -> int:
        return self.drafts.generation(ENTRY_EDITOR)

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
