"""What an import adds to a journal: exact duplicates skipped, taken ids renewed, and
each reframe's link pointed at its entry as this journal knows it. Pure: no files.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar

from companion.services.journal.importing import Incoming
from companion.store.ids import new_id
from companion.store.practice_records import Reframe
from companion.store.records import Record, to_doc
from companion.store.schema import Entry

R = TypeVar("R", bound=Record)


def fingerprint(entry: Entry) -> tuple[Any, ...]:
    """What makes two entries the same writing, whatever their ids."""
    return (
        entry.kind,
        entry.text,
        json.dumps(entry.fields, sort_keys=True, ensure_ascii=False),
        tuple(sorted(entry.tags)),
        entry.created_at.timestamp(),
    )


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def record_fingerprint(record: Record) -> str:
    """Everything but the id and the time of the last change; the time written as an
    instant (the same moment with another UTC offset is the same record)."""
    blank = dataclasses.replace(record, id="", created_at=_EPOCH, updated_at=_EPOCH)
    moment = record.created_at.timestamp()
    return json.dumps([moment, to_doc(blank)], sort_keys=True, ensure_ascii=False)


def reframe_fingerprint(reframe: Reframe) -> str:
    # A reframe's link is compared after it is pointed at this journal's entry, so it is
    # left out; so is the next-day question's state, which moves on without any writing.
    return record_fingerprint(dataclasses.replace(reframe, entry_id=None, follow_up="pending"))


poker_fingerprint = record_fingerprint


def new_records(
    incoming: Iterable[R], existing: Iterable[R], key: Callable[[R], Any]
) -> tuple[list[R], int, dict[str, str]]:
    """(records to add, how many were exact duplicates, file id -> id in the journal).

    An id already taken by a different record gets a fresh one, so nothing is
    overwritten; a duplicate's id maps to the record already there."""
    existing = list(existing)
    where = {key(r): r.id for r in existing}
    taken = {r.id for r in existing}
    fresh, duplicates, ids = [], 0, {}
    for record in incoming:
        found = key(record)
        if found in where:
            duplicates += 1
            ids.setdefault(record.id, where[found])
            continue
        given = record.id if record.id not in taken else new_id()
        ids.setdefault(record.id, given)
        where[found] = given
        taken.add(given)
        fresh.append(dataclasses.replace(record, id=given))
    return fresh, duplicates, ids


@dataclasses.dataclass(frozen=True)
class Plan:
    """What an import adds, what it skips as already there (per table), and how many
    reframes lost their link because their entry is nowhere to be found."""

    added: Incoming
    skipped: dict[str, int]
    unlinked: int = 0


def plan_import(incoming: Incoming, existing: Incoming) -> Plan:
    """What to add to a journal holding ``existing``.

    A reframe's link follows its entry: to the id the entry has in this journal (its
    own, a renewed one, or that of the same writing already there). A link to an entry
    in neither the file nor the journal is dropped: the reframe keeps its words, and
    a link that leads nowhere would only promise an entry nobody can open.
    """
    entries, skipped_entries, entry_ids = new_records(
        incoming.entries, existing.entries, fingerprint
    )
    # Duplicates first (a reframe's fingerprint leaves its link out), then the links of
    # the reframes that are added.
    fresh, skipped_reframes, _ = new_records(
        incoming.reframes, existing.reframes, reframe_fingerprint
    )
    known = {e.id for e in existing.entries}
    reframes, unlinked = [], 0
    for reframe in fresh:
        target = reframe.entry_id
        if target in entry_ids:
            target = entry_ids[target]
        elif target is not None and target not in known:
            target, unlinked = None, unlinked + 1
        reframes.append(dataclasses.replace(reframe, entry_id=target))
    rounds, skipped_rounds, _ = new_records(
        incoming.poker_rounds, existing.poker_rounds, poker_fingerprint
    )
    return Plan(
        added=Incoming(entries, reframes, rounds),
        skipped={
            "entries": skipped_entries,
            "reframes": skipped_reframes,
            "poker_rounds": skipped_rounds,
        },
        unlinked=unlinked,
    )
