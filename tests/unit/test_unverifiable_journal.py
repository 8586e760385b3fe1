"""An encrypted journal whose only file's header is cut short, with no encrypted backup
to check a passphrase against: no passphrase is taken (a typo would lock new writing
away), the file is reported damaged and left in place, and only the person sets it
aside."""

from __future__ import annotations

from pathlib import Path

from companion.store import encryption
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.layout import part_backups, segment
from tests.unit.test_encryption_damage import PASS, tree

CUT = 20  # past the magic, short of a whole header


def cut_short_without_backup(home: Path, clock: FakeClock) -> tuple[Path, bytes]:
    stores = open_stores(resolve_paths(home), clock)
    stores.entries.add(kind="free", text="private words")
    encryption.encrypt(stores.journal, PASS)
    journal = segment(home)
    assert part_backups(home) == []  # made today: no backup yet
    raw = journal.read_bytes()[:CUT]
    journal.write_bytes(raw)
    return journal, raw


def test_no_passphrase_is_taken_and_nothing_moves(home: Path, clock: FakeClock) -> None:
    journal, raw = cut_short_without_backup(home, clock)
    before = tree(home)
    assert before[journal] == raw
    stores = open_stores(resolve_paths(home), clock)
    problem = stores.journal.problem
    assert problem is not None and problem.kind == "damaged" and problem.backup is None
    assert not stores.journal.locked and not stores.journal.available
    assert encryption.unlock(stores.journal, "a typo") is False
    assert tree(home) == before


def test_starting_fresh_sets_it_aside_and_begins_plain(home: Path, clock: FakeClock) -> None:
    journal, raw = cut_short_without_backup(home, clock)
    stores = open_stores(resolve_paths(home), clock)
    stores.journal.start_fresh(stores.journal.problem)
    (moved,) = journal.parent.glob("entries-2026-11.db.corrupt-*")
    assert moved.read_bytes() == raw
    stores.entries.add(kind="free", text="new words")
    assert journal.read_bytes().startswith(b"{")  # plain: no key was ever checked
    again = open_stores(resolve_paths(home), clock)
    assert again.journal.problem is None
    assert [e.text for e in again.entries.all()] == ["new words"]
