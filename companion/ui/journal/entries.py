"""The journal: every entry newest first, live search as you type, filters, and the way
to reading, writing, editing, starring and deleting (with undo).

Rules live in companion.core.journal_search and companion.services.journal; this screen draws
what they return and forwards what the person asks for. A search draws the first page
of results at once (the newest segments only) and asks a worker thread for the count.
The list re-reads the journal when it comes back to the front and, while shown, on a
slow timer, so a note written from the shell (``companion note``) appears without a
restart. The timer only looks whether a file changed (a stat each); reading them again
runs in a worker thread, and the list is drawn again when its JournalRead comes.
"""

from __future__ import annotations

from functools import partial

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static

from companion.core.journal import EntryError
from companion.core.journal_search import Query, parse_query
from companion.services.journal.search import Listed
from companion.services.journal.service import catalogue, entry_problem, kind_names
from companion.services.messages import journal_unavailable
from companion.store.errors import StoreError
from companion.store.schema import Entry
from companion.ui.journal.dialogs import ConfirmDeleteScreen, KindPickerScreen
from companion.ui.journal.entry_editor import EntryEditorScreen
from companion.ui.journal.entry_view import EntryViewScreen
from companion.ui.journal.rows import EntryList, count_line, filter_stops, filters_line, status_line
from companion.ui.shell.after_paint import AfterPaint
from companion.ui.shell.base import FOOTER_EVERYWHERE, CompanionScreen, types_text
from companion.ui.shell.messages import JournalCounted, JournalRead
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph

REFRESH_SECONDS = 5  # another process's note shows within this; a stat() when idle
KIND_WORDS_TYPED = ("kind", "类型")
# Rows drawn at first; reaching the last draws fifty more. Each row costs the UI thread
# ~0.5 ms on every keystroke of a search, and a screen shows 15 to 60 of them.
SHOWN = 50


class JournalScreen(CompanionScreen):
    private = True

    # Letters, digits and Chinese typed in the list go to the search box (see before_key),
    # so the list keeps only keys that type nothing, and three signs.
    BINDINGS = [
        Binding("escape", "back", "keys.back", id="journal_back"),
        Binding("ctrl+n", "new", "journal.keys.new", id="journal_new"),
        Binding("slash,ctrl+f", "search", "journal.keys.search", id="journal_search"),
        Binding("enter", "open", "journal.keys.open", show=False, id="journal_open"),
        Binding("ctrl+e", "edit", "journal.keys.edit", show=False, id="journal_edit"),
        Binding("delete", "delete", "journal.keys.delete", id="journal_delete"),
        Binding("ctrl+z", "undo", "journal.keys.undo", show=False, id="journal_undo"),
        Binding("asterisk", "star", "journal.keys.star", show=False, id="journal_star"),
        Binding("down", "to_list", "journal.keys.list", show=False, id="journal_to_list"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.kind_filter: str | None = None
        self.starred_only = False
        self.search_text = ""
        self.deleted: Entry | None = None
        self.shown: list[Listed] = []  # the matches drawn (search rows, not entries)
        self.limit = SHOWN
        self.more = False  # more matches than shown
        self.complete = True  # False: some of the journal was not read yet
        self.matches: int | None = None  # how many match (counted by a worker)
        self.total: int | None = None
        self._asked: object = None  # the search and filters the limit was grown for
        self._counting: object = None  # the count under way (replaced: it stops)
        self._after_paint = AfterPaint(self)  # counts start once a key's page is painted
        # and the rest of the journal is read once the first page is (a worker shares
        # the interpreter: started sooner, it slowed the page's own layout and paint)
        self._read_after_paint = AfterPaint(self)
        self._timer: Timer | None = None
        self.reading = False  # a worker is reading the journal again: drawn again after
        # Just drawn by on_mount; the width drawn for; the draft left unsaved was offered.
        self._fresh, self._offered = False, False

    # -- drawing ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="journal", classes="page"):
            with Horizontal(id="journal-head"):
                yield Paragraph(t("journal.screen.title"), classes="page-title", markup=False)
                yield Paragraph(id="journal-count", classes="muted", markup=False)
            yield Input(
                value=self.search_text,
                placeholder=t("journal.screen.search"),
                id="journal-query",
                select_on_focus=False,  # typing in the list carries on what is there
            )
            yield Paragraph(id="journal-filters", classes="muted", markup=False)
            yield EntryList(id="journal-list")
            yield Paragraph(id="journal-status", classes="muted", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.kinds = catalogue(self.t.lang)
        self.query_one("#journal-list", OptionList).focus()
        # The search runs as the box's value changes, inside the key that changed it, so
        # the typed letter and its results are painted in the same frame (Input.Changed
        # comes a few messages later, after the letter alone has been painted, and the
        # results then wait up to a frame, 17 ms, for the next).
        search = self.query_one("#journal-query", Input)
        self.watch(search, "value", self.search_changed, init=False)
        self._timer = self.set_interval(REFRESH_SECONDS, self.refresh_if_changed)
        if not self.companion.services.stores.journal.locked:  # (else drawn on resume,
            self.show_journal()  # when the passphrase dialog over it gives way)
            self._fresh = True
            self.offer_draft()

    def offer_draft(self) -> None:
        """Writing that was never saved (autosaved, or kept when the app closed) is offered
        back once, when the journal opens; saved, the cursor goes to it."""
        self._offered = True
        self.companion.journal.offer_draft(then=self._written)

    def on_screen_suspend(self) -> None:
        if self._timer is not None:
            self._timer.pause()

    def on_screen_resume(self) -> None:
        # (Textual also runs the base class's handler: it checks the size, and closes
        # this screen if the journal was locked meanwhile.)
        if self.companion.services.stores.journal.locked:
            return
        if not self._fresh:  # (the first showing's resume: on_mount has just drawn it)
            self.show_journal()
        self._fresh = False
        if not self._offered:  # opened locked: now unlocked
            self.offer_draft()
        if self._timer is not None:
            self._timer.resume()

    async def retranslate(self) -> None:
        self.search_text = self.query_one("#journal-query", Input).value
        await self.recompose()
        self.kinds = catalogue(self.t.lang)
        self.refresh_list()
        self.query_one("#journal-list", OptionList).focus()

    def current_query(self) -> Query:
        """The search box plus the filter keys; raises EntryError for a bad filter."""
        today = self.companion.services.clock.now().date()
        kinds: dict[str, tuple[str, ...]] = {}
        if any(word in self.search_text.casefold() for word in KIND_WORDS_TYPED):
            # (kinds other features wrote count too; looked up only when asked for)
            present = self.companion.services.journal.kinds_present()
            kinds = kind_names(self.t.lang, present)
        query = parse_query(self.search_text, today, kinds)
        if self.kind_filter is not None:
            query = query._replace(kind=self.kind_filter)
        if self.starred_only:
            query = query._replace(starred=True)
        return query

    def refresh_if_changed(self) -> None:
        """The slow timer: one stat; the journal is read again only if it changed."""
        if self.journal_behind():
            self.read_again()

    def show_journal(self) -> None:
        """Draw the list (the first page reads the newest segments only), and read the
        rest of the journal in a worker if it changed (drawn again when that is done)."""
        self.refresh_list()
        if self.journal_behind():
            self._read_after_paint.run(self.read_again)

    def read_again(self) -> None:
        if self.reading:
            return
        self.reading = True
        self.read_journal()

    @on(JournalRead)
    def journal_read(self, message: JournalRead) -> None:
        self.reading = False
        if message.error is not None:  # which file, and what to do: not "see the start"
            status = self.query_one("#journal-status", Static)
            status.update(journal_unavailable(message.error, self.t))
            return
        self.refresh_list()

    def refresh_list(self) -> None:
        """Search again and redraw the first page, keeping the highlighted entry where it
        can; a worker counts the matches once the page is on the screen (``counted``)."""
        t = self.t
        status = self.query_one("#journal-status", Static)
        journal = self.companion.services.journal
        try:
            query = self.current_query()
        except EntryError as error:
            status.update(entry_problem(error, t))
            return
        # A count reads the whole journal in a worker (25-40 ms of Python at 25,000
        # entries) and shares the interpreter with this thread: one under way stops now,
        # and the next starts once this page is painted (shell/after_paint.py).
        self._counting = None
        asked = (self.search_text, self.kind_filter, self.starred_only)
        if asked != self._asked:
            self._asked, self.limit = asked, SHOWN  # a new search starts at the newest again
        try:
            page = journal.page(query, self.limit, wait=False)
            total = journal.known_total()
        except StoreError as error:
            status.update(journal_unavailable(error, t))
            return
        drawn = self.query_one("#journal-list", OptionList).option_count == len(self.shown)
        room = self.query_one("#journal-list", EntryList).room
        same = drawn and page.listed == self.shown and self._row_width() == room
        self.shown, self.more, self.complete = page.listed, page.more, page.complete
        if not page.complete:
            # a worker reads the rest (once this page is painted); drawn again after
            self._read_after_paint.run(self.read_again)
        if not same:
            self._draw(self.shown)
        filters = filters_line(self.kinds, self.kind_filter, self.starred_only, self.t)
        self.query_one("#journal-filters", Paragraph).show(filters)
        self.total = total
        if page.complete and not page.more:  # every match is on the page
            self.matches = len(page.listed)
        elif query.empty and page.complete:
            self.matches = total
        else:
            self.matches = None
        if self.matches is None or total is None:
            self._after_paint.run(partial(self.count_matches, query, asked))
        self._show_count()

    def count_matches(self, query: Query, asked: object) -> None:
        """Count the matches and the entries in a worker thread: a count reads every
        segment. A newer search stops it (its answer is dropped)."""
        if asked != self._asked:  # typed on meanwhile: that search's count comes instead
            return
        journal = self.companion.services.journal
        self._counting = mine = object()  # (a second count of the same search stops this)

        def count() -> None:
            try:
                matches = journal.count(query, stop=lambda: self._counting is not mine)
                said = JournalCounted(asked, matches, journal.total())
            except StoreError as error:  # said under the list, not "Counting…" for good
                said = JournalCounted(asked, None, None, error)
            self.post_message(said)

        self.run_worker(count, thread=True, exclusive=True, group="journal-count")

    @on(JournalCounted)
    def counted(self, message: JournalCounted) -> None:
        if message.asked != self._asked:
            return
        if message.error is not None:  # a month the count could not read: which, and why
            self._show_count(journal_unavailable(message.error, self.t))
        elif message.matches is not None:
            self.matches, self.total = message.matches, message.total
            self._show_count()

    def _show_count(self, problem: str = "") -> None:
        """The count and the line under the list (or ``problem``), each drawn if changed."""
        t, matches, total, more, done = self.t, self.matches, self.total, self.more, self.complete
        narrowed = bool(self.search_text) or self.kind_filter is not None or self.starred_only
        count = count_line(matches, total, narrowed, t, failed=bool(problem))
        self.query_one("#journal-count", Paragraph).show(count)
        keys = {"new": self.key_of("journal_new"), "back": self.key_of("journal_back")}
        aside = total == 0 and self.companion.services.journal.files_set_aside() > 0
        status = problem or status_line(
            len(self.shown), matches, total, complete=done, more=more, keys=keys, t=t, aside=aside
        )
        self.query_one("#journal-status", Paragraph).show(status)

    def _draw(self, entries: list[Listed]) -> None:
        now = self.companion.services.clock.now()
        self.query_one("#journal-list", EntryList).draw(entries, self.kinds, now)

    def _row_width(self) -> int:
        return self.query_one("#journal-list", EntryList).row_width(len(self.shown))

    def on_resize(self) -> None:
        # Rows are cut to the width they are drawn for.
        if self._row_width() != self.query_one("#journal-list", EntryList).room:
            self._draw(self.shown)

    # -- what the person asks for ----------------------------------------------------------
    def selected(self) -> Entry | None:
        """The highlighted entry, read now (its segment); None if none, or gone (said)."""
        index = self.query_one("#journal-list", OptionList).highlighted
        if index is None or not 0 <= index < len(self.shown):
            return None
        hit, journal = self.shown[index], self.companion.services.journal
        entry = self.companion.attempt(lambda: journal.entry_of(hit), False)  # False: told
        if entry is None:  # deleted meanwhile, or not in a form companion writes
            self.notify(self.t("journal.screen.gone"), timeout=8, markup=False)
            self.refresh_list()
        return entry or None

    def search_changed(self, value: str) -> None:
        self.search_text = value
        self.refresh_list()

    @on(OptionList.OptionHighlighted, "#journal-list")
    def highlight_moved(self, event: OptionList.OptionHighlighted) -> None:
        """Reaching the last row drawn brings in older entries, so years of writing can
        be scrolled through without a search."""
        if event.option_index >= len(self.shown) - 1 and self.more:
            self.limit += SHOWN
            self.refresh_list()

    @on(OptionList.OptionSelected, "#journal-list")
    def option_selected(self) -> None:
        self.action_open()

    def before_key(self, event: events.Key) -> bool:
        """A character typed while the list has the focus is the start of a search: the
        search box takes the focus before the key is handed on, so it and every key
        after it (a burst from a text expander too) land there, in order. The list's own
        signs (/ * ?) keep their meaning. Enter or Down in the search box moves to the
        list now, in the app's turn, so an Enter typed straight after opens the entry."""
        listing = self.query_one("#journal-list", OptionList)
        search = self.query_one("#journal-query", Input)
        if self.focused is search and event.key in ("enter", "down"):
            self.set_focus(listing)
            return True
        if self.focused is not listing or not types_text(event.key, event.character):
            return False
        active = self.active_bindings.get(event.key)
        if active is not None and (active.node is self or active.binding.id in FOOTER_EVERYWHERE):
            return False
        search.cursor_position = len(search.value)
        self.set_focus(search)
        return False  # the search box types it

    def action_to_list(self) -> None:  # Down from the search box (the list has its own)
        self.query_one("#journal-list", OptionList).focus()

    def action_back(self) -> None:
        search = self.query_one("#journal-query", Input)
        if search.value:
            search.value = ""  # first Escape clears the search, the second leaves
            self.query_one("#journal-list", OptionList).focus()
            return
        self.app.pop_screen()

    def action_search(self) -> None:
        self.query_one("#journal-query", Input).focus()

    def action_new(self) -> None:
        offered = {kind_id: k for kind_id, k in self.kinds.items() if k.offered}
        self.app.push_screen(KindPickerScreen(offered), callback=self._kind_picked)

    def _kind_picked(self, kind: str | None) -> None:
        if kind:
            self.app.push_screen(EntryEditorScreen(kind), callback=self._written)

    def _written(self, entry: Entry | None) -> None:
        """Back from the editor with what was saved: the cursor goes to it."""
        if entry is None:
            return
        self.refresh_list()
        ids = [e.id for e in self.shown]
        if entry.id in ids:
            self.query_one("#journal-list", OptionList).highlighted = ids.index(entry.id)

    def action_open(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.app.push_screen(EntryViewScreen(entry), callback=self._deleted)

    def action_edit(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.app.push_screen(EntryEditorScreen(entry.kind, entry), callback=self._written)

    def action_star(self) -> None:
        entry = self.selected()
        if entry is not None:
            journal = self.companion.services.journal
            self.companion.guard(lambda: journal.set_star(entry, not entry.starred))
            self.refresh_list()

    def action_delete(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.app.push_screen(ConfirmDeleteScreen(entry), callback=self._deleted)

    def _deleted(self, entry: Entry | None) -> None:
        """A dialog or the entry's page deleted ``entry``: offer the undo."""
        if entry is None:
            return
        self.deleted = entry
        self.refresh_list()
        self.notify(
            self.t("journal.delete.done", key=self.key_of("journal_undo")), timeout=8, markup=False
        )

    def action_undo(self) -> None:
        entry = self.deleted
        if entry is None:
            return
        journal = self.companion.services.journal
        if self.companion.guard(lambda: journal.restore(entry)):
            self.deleted = None
            self.notify(self.t("journal.delete.undone"), timeout=3, markup=False)
            self.refresh_list()

    def action_filter(self, step: int) -> None:
        """→ the next filter, ← the one before (round and round)."""
        stops = filter_stops(self.kinds, self.companion.services.journal.kinds_present())
        here = (self.kind_filter, self.starred_only)
        index = stops.index(here) if here in stops else 0
        self.kind_filter, self.starred_only = stops[(index + step) % len(stops)]
        self.refresh_list()
