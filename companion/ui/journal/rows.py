"""One line of the journal's list: when, the kind, the start of the text, its tags."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import tzinfo

from rich.cells import cell_len
from rich.text import Text

from companion.core.journal import Kind, summary, tags_to_show
from companion.store.schema import Entry


def entry_row(
    entry: Entry, kinds: Mapping[str, Kind], width: int, room: int, tz: tzinfo, this_year: int
) -> Text:
    """``width``: the kind column's (in cells); ``room``: the whole line's."""
    local = entry.created_at.astimezone(tz)
    stamp = local.strftime("%m-%d %H:%M") if local.year == this_year else local.strftime("%Y-%m-%d")
    spec = kinds.get(entry.kind)
    kind = spec.short if spec is not None else entry.kind
    row = Text(no_wrap=True, overflow="ellipsis")
    row.append("★ " if entry.starred else "  ", style="bold")
    row.append(f"{stamp:<11}  ", style="dim")
    row.append(kind + " " * max(0, width - cell_len(kind)) + "  ", style="bold")
    line = summary(entry.text, entry.fields, width=room)
    row.append(line)
    for tag in tags_to_show(line, entry.tags):
        row.append(f" #{tag}", style="dim")
    # One line per entry: cut to the list's width (wide characters counted as two).
    row.truncate(max(10, room), overflow="ellipsis")
    return row
