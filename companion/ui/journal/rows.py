"""The journal's list: the widget (← → step the filter), one line of it (when, the
kind, the start of the text, its tags), and the lines about it (filters, count, status)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, tzinfo
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from companion.core.journal import Kind, cut, shown, tags_to_show
from companion.services.journal.search import Listed
from companion.system.i18n import Strings

FILTER = Binding.Group("journal.keys.filter")


class EntryList(OptionList):
    """The list of entries. Its rows never scroll sideways, so ← and → choose the filter
    (all, starred, each kind), back and forth."""

    BINDINGS = [
        Binding(
            "left",
            "screen.filter(-1)",
            "journal.keys.filter_back",
            id="journal_filter_back",
            group=FILTER,
        ),
        Binding(
            "right", "screen.filter(1)", "journal.keys.filter", id="journal_filter", group=FILTER
        ),
    ]

    room = 0  # the width the rows were cut to

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The rows drawn last time and the time before, by match and by what they were
        # drawn for: a row kept from one key to the next is not made (nor measured by
        # the list) again. Most rows stay when a word grows or a letter is taken back.
        self._made: dict[Listed, Option] = {}
        self._before: dict[Listed, Option] = {}
        self._made_for: object = None

    def draw(self, entries: list[Listed], kinds: Mapping[str, Kind], now: datetime) -> None:
        """The rows of ``entries``, cut to the width there is now; the highlight stays
        on the same entry where it can."""
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        width = max((cell_len(k.short) for k in kinds.values()), default=4)
        self.room = room = self.row_width(len(entries))
        tz, year = now.tzinfo, now.year
        made_for = (kinds, width, room, tz, year)
        if made_for != self._made_for:
            self._made, self._before, self._made_for = {}, {}, made_for
        known = {**self._before, **self._made}
        made, options = {}, []
        for hit in entries:
            option = known.get(hit)
            if option is None:
                option = Option(entry_row(hit, kinds, width, room, tz, year), id=hit.id)  # type: ignore[arg-type]
            made[hit] = option
            options.append(option)
        self._made, self._before = made, self._made
        self.set_options(options)
        ids = [e.id for e in entries]
        if highlighted in ids:
            self.highlighted = ids.index(highlighted)
        elif entries:
            self.highlighted = 0

    def row_width(self, rows: int) -> int:
        """The width a row may take: the list's, less the scrollbar if ``rows`` outnumber
        its lines (or its size is not known yet). A row too wide would wrap, and the
        scrollbar comes with the rows, after they are drawn, with no resize to say so."""
        width = self.size.width or self.app.size.width - 4  # (before the first layout)
        if rows > self.size.height:
            width -= self.styles.scrollbar_size_vertical
        return width - 2


def entry_row(
    hit: Listed, kinds: Mapping[str, Kind], width: int, room: int, tz: tzinfo, this_year: int
) -> Text:
    """``width``: the kind column's (in cells); ``room``: the whole line's. Drawn from
    the match's search row: no entry is decoded for the list."""
    row = hit.row
    if hit.moment is None:  # a date an import could not read: as it is kept
        stamp = shown(row.created_at)[:11]
    else:
        local = hit.moment.astimezone(tz)
        stamp = local.strftime("%m-%d %H:%M" if local.year == this_year else "%Y-%m-%d")
    spec = kinds.get(row.kind)
    kind = spec.short if spec is not None else row.kind
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append("★ " if row.starred else "  ", style="bold")
    text.append(f"{stamp:<11}  ", style="dim")
    text.append(kind + " " * max(0, width - cell_len(kind)) + "  ", style="bold")
    line = cut(row.line, room)
    text.append(line)
    for tag in tags_to_show(line, row.written_tags):
        text.append(f" #{tag}", style="dim")
    # One line per entry: cut to the list's width (wide characters counted as two).
    text.truncate(max(10, room), overflow="ellipsis")
    return text


def filter_stops(
    kinds: Mapping[str, Kind], present: Iterable[str]
) -> list[tuple[str | None, bool]]:
    """The filter's stops, in order: every entry, starred ones, then each kind one
    writes here and any other kind the journal holds (a vent, a review…)."""
    present = set(present)
    shown = [k for k, spec in kinds.items() if spec.offered or k in present]
    shown += sorted(k for k in present if k not in kinds)
    return [(None, False), (None, True), *((kind, False) for kind in shown)]


def filters_line(
    kinds: Mapping[str, Kind], kind_filter: str | None, starred_only: bool, t: Strings
) -> str:
    """What the list shows: "Thought log · Starred", or all kinds."""
    parts = []
    if kind_filter is not None:
        spec = kinds.get(kind_filter)
        parts.append(spec.name if spec else kind_filter)
    if starred_only:
        parts.append(t("journal.screen.starred_only"))
    return " · ".join(parts) if parts else t("journal.screen.all_kinds")


def count_line(
    matches: int | None, total: int | None, narrowed: bool, t: Strings, failed: bool = False
) -> str:
    """ "12 of 3,400", "3,400 entries", that they are being counted, or (``failed``)
    that a file the count needed could not be read."""
    if failed:
        return t("journal.screen.uncounted")
    if matches is None or total is None:
        return t("journal.screen.counting")
    if narrowed:
        return t("journal.screen.count", shown=str(matches), total=str(total))
    return t("journal.screen.count_all", total=str(total))


def status_line(
    listed: int,
    matches: int | None,
    total: int | None,
    *,
    complete: bool,
    more: bool,
    keys: Mapping[str, str],
    t: Strings,
    aside: bool = False,
) -> str:
    """The line under the list: still reading, empty, nothing matches, more to scroll
    to, or nothing. ``keys``: the keys to press for "new" and "back"; ``aside``: a file
    of the journal could not be read and is set aside (empty is not "yet")."""
    if not complete and not listed:
        return t("journal.screen.reading")
    if total == 0:
        empty = "journal.screen.empty_set_aside" if aside else "journal.screen.empty"
        return t(empty, key=keys["new"])
    if not listed and matches is not None:
        return t("journal.screen.no_match", key=keys["back"])
    if more:
        return t("journal.screen.more", shown=str(listed))
    return ""
