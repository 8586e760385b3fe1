"""While an unlock makes its key (scrypt, ~0.1 s, lets other threads run), another
thread looks for plain backups and loads what the command needs next: the plain
backups are still sealed, a backup gone meanwhile is no problem, and whatever the other
thread meets, the unlock goes on as before."""

from __future__ import annotations

import threading
from pathlib import Path

from companion.store import encryption
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.layout import holding, part_backups
from tests.unit.test_encryption import SECRET, seeded

PASS = "pass phrase"


def locked(home: Path, clock: FakeClock):  # type: ignore[no-untyped-def]
    encryption.encrypt(seeded(home, clock, days=3).journal, PASS)
    return open_stores(resolve_paths(home), clock).journal


def test_meanwhile_runs_in_another_thread_while_the_key_is_made(
    home: Path, clock: FakeClock
) -> None:
    journal = locked(home, clock)
    ran: list[threading.Thread] = []
    assert encryption.unlock(
        journal, PASS, meanwhile=lambda: ran.append(threading.current_thread())
    )
    assert len(ran) == 1 and ran[0] is not threading.main_thread()
    assert not journal.locked


def test_what_meanwhile_meets_does_not_stop_the_unlock(
    home: Path, clock: FakeClock, capsys
) -> None:  # type: ignore[no-untyped-def]
    journal = locked(home, clock)

    def broken() -> None:
        raise ImportError("no module named 'gone'")

    assert encryption.unlock(journal, PASS, meanwhile=broken)
    assert not journal.locked
    assert capsys.readouterr().err == ""  # no thread's traceback on the terminal
    again = open_stores(resolve_paths(home), clock).journal
    assert not encryption.unlock(again, "wrong", meanwhile=broken) and again.locked


def test_a_plain_backup_left_by_a_killed_conversion_is_still_sealed(
    home: Path, clock: FakeClock
) -> None:
    stores = seeded(home, clock, days=3)
    plain = {p: p.read_bytes() for p in part_backups(home)}
    encryption.encrypt(stores.journal, PASS)
    left, raw = next(iter(plain.items()))
    left.write_bytes(raw)  # as a conversion killed half way leaves it
    assert holding(home, SECRET)
    assert encryption.unlock(open_stores(resolve_paths(home), clock).journal, PASS)
    assert holding(home, SECRET) == []


def test_a_plain_backup_gone_since_it_was_listed_is_passed_over(
    home: Path, clock: FakeClock
) -> None:
    journal = locked(home, clock)
    assert encryption.unlock(journal, PASS)
    gone = home / "backups" / "journal" / "entries-2026-11-2026-11-20.db"
    done = encryption.secure_backups(journal, [gone])
    assert (done.backups_converted, done.backups_unreadable, done.plain_left) == (0, 0, ())


def test_a_backup_linked_to_a_drive_not_connected_is_still_named_as_maybe_plain(
    home: Path, clock: FakeClock
) -> None:
    """Only a backup no longer there at all is passed over: a link to nowhere (a drive
    not connected) may lead to a plain copy, and is named as before."""
    stores = seeded(home, clock)
    link = home / "backups" / "journal-2026-11-20.db"
    link.symlink_to(home / "not-connected" / "journal-2026-11-20.db")
    done = encryption.encrypt(stores.journal, PASS)
    assert [(left.path, left.why) for left in done.plain_left] == [(link, "unreadable")]
