"""A damaged, cut-short or newer encrypted journal, and passphrases that do not open
it: damage is moved aside with the backup offered, a passphrase that may be wrong
changes nothing, and a newer companion's file is left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.store import encryption
from companion.store.errors import StoreUnavailable
from companion.store.health import journal_health
from companion.store.stores import JOURNAL_SCHEMA, open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.layout import part_backups, segment
from tests.unit.test_encryption import SECRET, killed_after_the_live_file, seeded

PASS = "pass phrase"


def tree(home: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in home.rglob("*") if p.is_file() and p.suffix != ".lock"}


def encrypted(home: Path, clock: FakeClock) -> Path:
    """An encrypted journal (one segment, and the day's backup of it): its segment."""
    stores = seeded(home, clock)
    encryption.encrypt(stores.journal, PASS)
    return segment(home)


def test_the_old_passphrase_after_a_change_cut_short_is_only_wrong(
    home: Path, clock: FakeClock, monkeypatch
) -> None:
    encrypted(home, clock)
    stores = open_stores(resolve_paths(home), clock, passphrase=PASS)
    killed_after_the_live_file(monkeypatch, stores.journal, "the new one")
    stores = open_stores(resolve_paths(home), clock)  # the backups are put in place
    before = tree(home)
    # The old passphrase opens neither the backups nor the live files: wrong, not damage.
    assert encryption.unlock(stores.journal, PASS) is False
    assert stores.journal.problem is not None
    assert stores.journal.problem.kind == "wrong_passphrase"
    assert tree(home) == before
    assert not list(home.rglob("*.corrupt-*"))
    assert encryption.unlock(stores.journal, "the new one") is True
    assert stores.journal.problem is None
    assert stores.entries.all()[0].text == SECRET
    codec = stores.journal.codec  # every backup opens with the new key, none with the old
    assert all(codec.same_key(p.read_bytes()) for p in part_backups(home))


@pytest.mark.parametrize("size", [4, 20, 50])
def test_a_cut_short_journal_is_moved_aside_at_unlock_with_the_backup_offered(
    home: Path, clock: FakeClock, size: int
) -> None:
    journal = encrypted(home, clock)
    raw = journal.read_bytes()[:size]
    journal.write_bytes(raw)
    stores = open_stores(resolve_paths(home), clock)
    assert [p.kind for p in stores.problems] == ["locked"]  # nothing moved without the key
    assert journal.read_bytes() == raw
    assert encryption.unlock(stores.journal, "not it") is False
    assert journal.read_bytes() == raw and not list(home.rglob("*.corrupt-*"))
    assert encryption.unlock(stores.journal, PASS) is True  # proven by the backup
    stores.entries.all()
    (problem,) = stores.journal.problems()
    assert problem is not None and problem.kind == "quarantined"
    assert problem.backup is not None and problem.moved_to is not None
    assert problem.moved_to.read_bytes() == raw
    stores.journal.restore(problem.backup, problem)
    assert stores.entries.all()[0].text == SECRET
    assert journal.read_bytes().startswith(b"CMPNENC")  # restored still encrypted


def test_a_newer_encryption_format_is_refused_and_left_alone(home: Path, clock: FakeClock) -> None:
    journal = encrypted(home, clock)
    raw = bytearray(journal.read_bytes())
    raw[8] = 2  # the envelope's version
    journal.write_bytes(bytes(raw))
    before = tree(home)
    stores = open_stores(resolve_paths(home), clock)
    (problem,) = stores.problems
    assert problem.kind == "too_new" and not stores.journal.locked
    assert encryption.unlock(stores.journal, PASS) is True  # nothing to unlock…
    assert stores.journal.problem is not None and stores.journal.problem.kind == "too_new"
    assert tree(home) == before  # …and nothing touched
    health = journal_health(resolve_paths(home), JOURNAL_SCHEMA.version)
    assert health.state == "too_new" and health.version == 2


def test_the_command_line_leaves_a_damaged_journal_where_it_is(
    home: Path, clock: FakeClock
) -> None:
    journal = encrypted(home, clock)
    raw = bytearray(journal.read_bytes())
    raw[-5] ^= 0xFF
    journal.write_bytes(bytes(raw))
    stores = open_stores(resolve_paths(home), clock, passphrase=PASS, move_damaged=False)
    with pytest.raises(StoreUnavailable):
        stores.entries.all()
    (problem,) = stores.journal.problems()
    assert problem.kind == "damaged" and problem.backup is not None
    assert journal.read_bytes() == bytes(raw)
    assert not list(home.rglob("*.corrupt-*"))


def test_an_empty_passphrase_is_simply_wrong(home: Path, clock: FakeClock) -> None:
    encrypted(home, clock)
    stores = open_stores(resolve_paths(home), clock)
    assert encryption.unlock(stores.journal, "") is False
    assert stores.journal.locked
    assert encryption.check_passphrase(stores.journal, "") is False
