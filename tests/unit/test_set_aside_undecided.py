"""A segment of the journal set aside while its backup was offered, and the person has
not chosen yet (they quit): it stays "damaged, backup available" until they do. No
command writes a fresh file in its place, and never a plain journal where the journal
was encrypted."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.store import encryption
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.unit.test_damaged_journal_cli import PASS, files, three_entries
from tests.unit.test_passphrase_cli import companion

STAMP = "entries-2026-11.db.corrupt-20261123T100000"


def set_aside_undecided(home: Path, clock: FakeClock, passphrase: str | None) -> Path:
    """What the app leaves when the person quits the restore question: no journal.db."""
    journal = three_entries(home, clock, passphrase)
    journal.rename(journal.with_name(STAMP))
    return journal


@pytest.mark.parametrize("passphrase", [PASS, None], ids=["encrypted", "plain"])
def test_the_backup_is_offered_again_until_the_person_chooses(
    home: Path, clock: FakeClock, passphrase: str | None
) -> None:
    journal = set_aside_undecided(home, clock, passphrase)
    for _ in range(2):  # each start asks again
        stores = open_stores(resolve_paths(home), clock)
        if passphrase:
            assert stores.journal.locked  # only the key may start an encrypted journal
            assert encryption.unlock(stores.journal, PASS)
        (problem,) = stores.journal.problems()
        assert problem is not None and problem.kind == "quarantined"
        assert problem.backup is not None and problem.moved_to == journal.with_name(STAMP)
        assert not journal.exists()
    stores.journal.restore(problem.backup, problem)
    assert [e.text for e in stores.entries.all()] != []
    again = open_stores(resolve_paths(home), clock, passphrase=passphrase)
    assert again.journal.problems() == []


def test_starting_fresh_settles_it(home: Path, clock: FakeClock) -> None:
    journal = set_aside_undecided(home, clock, PASS)
    stores = open_stores(resolve_paths(home), clock, passphrase=PASS)
    (problem,) = stores.journal.problems()
    stores.journal.start_fresh(problem)
    assert journal.read_bytes().startswith(b"CMPNENC")  # still under the proven key
    assert stores.entries.all() == []
    again = open_stores(resolve_paths(home), clock, passphrase=PASS)
    assert again.journal.problems() == [] and again.entries.all() == []


@pytest.mark.parametrize("passphrase", [PASS, None], ids=["encrypted", "plain"])
def test_a_command_refuses_and_writes_nothing(
    home: Path, clock: FakeClock, passphrase: str | None
) -> None:
    set_aside_undecided(home, clock, passphrase)
    before = files(home)
    env = {"COMPANION_PASSPHRASE": passphrase} if passphrase else {}
    note = companion(home, "note", "hi", **env)
    assert note.returncode == 1 and "Traceback" not in note.stderr, note.stderr
    assert f"{STAMP}) is damaged" in note.stderr
    assert "restore the backup of 2026-11-24" in note.stderr
    assert files(home) == before
    zh = companion(home, "note", "hi", LANG="zh_CN.UTF-8", **env)
    assert zh.returncode == 1 and "已损坏" in zh.stderr
    doctor = companion(home, "doctor")
    assert doctor.returncode == 1, doctor.stdout
    assert "! journal: damaged and set aside" in doctor.stdout
    assert "restore the backup of 2026-11-24 or start fresh" in doctor.stdout
    assert files(home) == before


def test_no_plain_journal_where_the_backups_are_encrypted(home: Path, clock: FakeClock) -> None:
    journal = three_entries(home, clock, PASS)
    for path in journal.parent.iterdir():
        path.unlink()  # every file gone, and nothing set aside
    before = files(home)
    note = companion(home, "note", "hi")  # no passphrase: nothing may be written
    assert note.returncode == 1 and files(home) == before
    note = companion(home, "note", "hi", COMPANION_PASSPHRASE=PASS)
    assert note.returncode == 0, note.stderr
    written = list(journal.parent.glob("*.db"))  # this month's segment (the real clock's)
    assert written and all(p.read_bytes().startswith(b"CMPNENC") for p in written)


def test_a_healthy_segment_opens_without_listing_its_folder(
    home: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Copies set aside are looked for only when a question is open or the file is gone:
    `companion find` opens dozens of segments, and each listing reads the whole folder."""
    from companion.store import database

    three_entries(home, clock, None)

    def listed(path: Path) -> list[Path]:
        assert not path.exists(), f"listed the folder of {path}"  # only a missing file asks
        return []

    monkeypatch.setattr(database, "set_aside_copies", listed)
    stores = open_stores(resolve_paths(home), clock)
    assert stores.journal.problems() == [] and len(stores.entries.all()) == 3
