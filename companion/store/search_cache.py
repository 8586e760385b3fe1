"""What the journal keeps beside its segments so that nothing needs them all: each
segment's search file (search_file.py) and the index of segments (``index.cache``:
how many entries each holds, its newest and oldest).

Both are caches made from the segments. Each entry of the index, like each search
file, records the identity of the segment it was made from and is used only while the
segment is still that file; otherwise it is made again, under the journal's lock (so
no other writer changes the segment between reading it and labelling what was made
from it). Both are sealed with the journal's codec, and both are written without
fsync: one lost in a power cut is made again.
"""

# Not `from __future__ import annotations`: fields of a NamedTuple given as text are
# compiled when the module loads (the first compile ~2 ms), on every command's path.

import contextlib
import json
import os
from typing import TYPE_CHECKING, NamedTuple

from companion.core.search_block import Block, DamagedRow
from companion.store import search_file, segments
from companion.store.codec import CodecError
from companion.store.search_file import Identity, segment_identity
from companion.system.atomic import write_atomic
from companion.system.plain_file import read_plain

if TYPE_CHECKING:
    from companion.store.codec import Tables
    from companion.store.journal import JournalStore

INDEX = "index.cache"


class Summary(NamedTuple):
    """One segment in the index: its identity then, its entries, newest and oldest."""

    identity: tuple[int, int, int]
    count: int
    newest: str
    oldest: str

    @classmethod
    def of(cls, identity: tuple[int, int, int], block: Block) -> "Summary":
        if not len(block):
            return cls(identity, 0, "", "")
        return cls(
            identity, len(block), block.row(0).created_at, block.row(len(block) - 1).created_at
        )


def segment_block(
    journal: "JournalStore", name: str, mapped: bool = False, seen: Identity | None = None
) -> Block:
    """A segment's search block: its search file when it matches the segment (or was
    made from the same bytes, in a copied folder), else made from the segment (and
    kept). Raises StoreError if the segment cannot be read. ``mapped``: see
    search_file (a one-off command's; its rows may raise DamagedRow); ``seen``: the
    segment's identity as the caller just saw it."""
    path = journal.part_path(name)
    block = search_file.read(path, journal.codec, mapped, seen)
    if block is not None:
        return block
    with journal.transaction():
        block = search_file.read(path, journal.codec)  # made meanwhile?
        if block is not None:
            return block
        adopted = search_file.adopt(path, journal.codec)
        if adopted is None:
            return refresh_segment(journal, name)
        identity, block = adopted
        try:
            note_summary(journal, name, Summary.of(identity, block))
        except DamagedRow:  # rows that add up and are not ours: made again
            return refresh_segment(journal, name)
        return block


def refresh_segment(journal: "JournalStore", name: str, tables: "Tables | None" = None) -> Block:
    """Make the search file and index entry of a segment from its tables as they are on
    disk now (the caller holds the journal's lock, or takes it here)."""
    with journal.transaction():
        path = journal.part_path(name)
        if tables is None:  # (a link to nowhere is read too: the reading says what is wrong)
            tables = journal.read_part(name) if os.path.lexists(path) else {}
        block = Block.of(tables.get(segments.ENTRIES_TABLE, {}).items())
        if path.exists():
            search_file.write(path, journal.codec, block)
            identity = segment_identity(path)
            if identity is not None:
                note_summary(journal, name, Summary.of(identity, block))
        else:
            search_file.search_path(path).unlink(missing_ok=True)
            note_summary(journal, name, None)
    return block


# -- the index of segments -------------------------------------------------------------
def read_index(journal: "JournalStore") -> dict[str, Summary]:
    """The index as written (entries may be out of date: see ``summaries``)."""
    try:
        raw = read_plain(journal.folder / INDEX)
        found = json.loads(journal.codec.unseal(raw))
        return {
            str(name): Summary(tuple(entry[0]), int(entry[1]), str(entry[2]), str(entry[3]))  # type: ignore[arg-type]
            for name, entry in found["segments"].items()
        }
    except (
        OSError,
        CodecError,
        ValueError,
        KeyError,
        TypeError,
        IndexError,
        AttributeError,
        OverflowError,  # a count of Infinity
        RecursionError,  # JSON nested too deep
    ):
        return {}


def note_summary(journal: "JournalStore", name: str, summary: Summary | None) -> None:
    """Record one segment's summary (the caller holds the lock); best effort."""
    index = read_index(journal)
    if summary is None:
        index.pop(name, None)
    else:
        index[name] = summary
    data = {
        "v": 1,
        "segments": {
            n: [list(s.identity), s.count, s.newest, s.oldest] for n, s in sorted(index.items())
        },
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with contextlib.suppress(OSError):  # made again when next needed
        write_atomic(
            journal.folder / INDEX, journal.codec.seal(payload), durable=False, follow_link=False
        )


def summaries(journal: "JournalStore", names: list[str] | None = None) -> dict[str, Summary | None]:
    """Each segment's summary if the index has it for the segment as it is now; None for
    one that must be read (see ``summary``)."""
    index = read_index(journal)
    out: dict[str, Summary | None] = {}
    for name in journal.segment_names() if names is None else names:
        known = index.get(name)
        identity = segment_identity(journal.part_path(name))
        out[name] = known if known is not None and known.identity == identity else None
    return out


def summary(journal: "JournalStore", name: str) -> Summary:
    """One segment's summary, reading its search block if the index is out of date."""
    known = summaries(journal, [name])[name]
    if known is not None:
        return known
    block = segment_block(journal, name)
    identity = segment_identity(journal.part_path(name)) or (0, 0, 0)
    return Summary.of(identity, block)
