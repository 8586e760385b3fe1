"""A journal whose files are not all in one form: a month copied back in from before the
passphrase was set, or an encrypted month copied into a plain journal. Unlocking set
the plain ones aside as damaged (for the second: every month but one). Now it seals
them with the key that opened the rest: every entry is there, and no word of the journal
is left readable in its folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.store import encryption, search_file, segments
from companion.store.file_marks import QUARANTINE_MARK, starts_encrypted
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.layout import journal_dir, segment
from tests.unit.test_passphrase_cli import companion

PASSPHRASE = "long enough 123"
WORDS = ("flamingo", "refund")


def three_months(home: Path, clock: FakeClock) -> Path:
    """A flamingo refund in November, December and January; November's file."""
    stores = open_stores(resolve_paths(home), clock)
    for _ in range(3):
        stores.entries.add(kind="free", text="a flamingo asked for a refund")
        clock.advance(days=31)
    return segment(home)


def mixed(home: Path, clock: FakeClock, odd: str) -> None:
    """``odd`` = "plain": November plain in an encrypted journal; "encrypted": November
    encrypted in a plain one."""
    november = three_months(home, clock)
    plain_copy = november.read_bytes()
    journal = open_stores(resolve_paths(home), clock).journal
    encryption.encrypt(journal, PASSPHRASE)
    if odd == "plain":
        november.write_bytes(plain_copy)
        search_file.search_path(november).write_bytes(b"flamingo refund, plain")
        return
    sealed_copy = november.read_bytes()
    unlocked = open_stores(resolve_paths(home), clock, passphrase=PASSPHRASE).journal
    encryption.decrypt(unlocked)
    november.write_bytes(sealed_copy)


def readable_words(folder: Path) -> list[Path]:
    return [
        path
        for path in folder.rglob("*")
        if path.is_file() and any(word.encode() in path.read_bytes() for word in WORDS)
    ]


@pytest.mark.parametrize("odd", ["plain", "encrypted"])
def test_unlocking_seals_the_plain_files_and_keeps_every_entry(
    home: Path, clock: FakeClock, odd: str
) -> None:
    mixed(home, clock, odd)
    stores = open_stores(resolve_paths(home), clock)
    assert stores.journal.locked
    assert encryption.unlock(stores.journal, PASSPHRASE)
    assert stores.journal.problem is None
    assert len(stores.entries.all()) == 3
    folder = journal_dir(home)
    parts = [folder / f"{name}{segments.SUFFIX}" for name in segments.part_names(folder)]
    assert len(parts) >= 3 and all(starts_encrypted(p) for p in parts)
    assert not [p for p in folder.iterdir() if QUARANTINE_MARK in p.name]  # none set aside
    stores.journal.lock()
    assert readable_words(home / "data") == []  # its old search file went with it
    assert readable_words(home / "backups") == []  # its plain backups are sealed too


def test_a_command_unlocking_a_mixed_journal_finds_every_entry(
    home: Path, clock: FakeClock
) -> None:
    mixed(home, clock, "plain")
    done = companion(home, "find", "flamingo", COMPANION_PASSPHRASE=PASSPHRASE)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("a flamingo asked for a refund") == 3, done.stdout
    assert readable_words(home / "data") == []


def test_a_wrong_passphrase_seals_nothing(home: Path, clock: FakeClock) -> None:
    mixed(home, clock, "plain")
    folder = journal_dir(home)
    before = {p: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    stores = open_stores(resolve_paths(home), clock)
    assert not encryption.unlock(stores.journal, "not the passphrase")
    assert {p: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_a_plain_journal_beside_encrypted_backups_opens_whole(home: Path, clock: FakeClock) -> None:
    """What an older companion's killed `passphrase remove` left: the journal plain, its
    backups still encrypted. It looks locked (a plain journal never takes the place of
    an encrypted one unasked); the passphrase opened it by setting every month aside."""
    november = three_months(home, clock)
    folder = journal_dir(home)
    plain = {p: p.read_bytes() for p in folder.glob(f"*{segments.SUFFIX}")}
    encryption.encrypt(open_stores(resolve_paths(home), clock).journal, PASSPHRASE)
    for path, raw in plain.items():
        path.write_bytes(raw)
    for path in folder.glob(f"*{search_file.SUFFIX}"):
        path.unlink()
    stores = open_stores(resolve_paths(home), clock)
    assert stores.journal.locked
    assert encryption.unlock(stores.journal, PASSPHRASE)
    assert stores.journal.problem is None
    assert len(stores.entries.all()) == 3
    assert starts_encrypted(november)
    assert not [p for p in folder.iterdir() if QUARANTINE_MARK in p.name]


def test_a_full_disk_while_sealing_keeps_it_locked_and_changes_nothing(
    home: Path, clock: FakeClock, monkeypatch
) -> None:
    """Opened under the key anyway, the plain month passed for damaged: a command said
    "start a fresh journal". Now the write error is said and nothing changes."""
    import errno

    from companion.store import commit
    from companion.store.errors import StoreWriteError

    mixed(home, clock, "plain")
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(commit, "commit", full)
    stores = open_stores(resolve_paths(home), clock)
    with pytest.raises(StoreWriteError):
        encryption.unlock(stores.journal, PASSPHRASE)
    assert stores.journal.locked
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == before


def test_a_month_from_another_journal_neither_locks_out_nor_takes_the_key(
    home: Path, clock: FakeClock, tmp_path: Path
) -> None:
    """A small month copied in from another journal, under its own passphrase: the key
    was taken from the smallest file's header, so the journal's own passphrase was
    "wrong", and the other one opened it and sealed the plain months with a stranger's
    key. Now the key most files carry is the journal's; and with two keys in the folder
    no plain month is sealed (which key is the journal's is not known for sure)."""
    from datetime import datetime

    other_clock = FakeClock(datetime(2026, 10, 1, 9, 0, tzinfo=clock.now().tzinfo))
    other = open_stores(resolve_paths(tmp_path / "other"), other_clock)
    other.entries.add(kind="free", text="somebody else's words")
    encryption.encrypt(other.journal, "another pass 456")
    mixed(home, clock, "plain")  # November plain among December and January, sealed
    stranger = journal_dir(tmp_path / "other") / "entries-2026-10.db"
    copied = journal_dir(home) / "entries-2026-10.db"
    copied.write_bytes(stranger.read_bytes())
    folder = journal_dir(home)
    before = {p: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    stores = open_stores(resolve_paths(home), clock)
    assert not encryption.unlock(stores.journal, "another pass 456")
    assert {p: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    plain_november = segment(home).read_bytes()
    assert encryption.unlock(stores.journal, PASSPHRASE)
    assert segment(home).read_bytes() == plain_november  # sealed under no key
    december = journal_dir(home) / "entries-2026-12.db"
    assert stores.journal.read_part("entries-2026-12")  # the journal's own months open
    assert starts_encrypted(december)


def test_the_journals_backup_proves_its_passphrase_beside_a_strangers_month(
    home: Path, clock: FakeClock, tmp_path: Path
) -> None:
    """The journal's own month with its header damaged, a month from another journal
    whole: only the stranger's key was found by the headers, so the journal's
    passphrase was "wrong", though its backup opens with it (it was tried only when no
    header at all could be read)."""
    from datetime import datetime

    stores = open_stores(resolve_paths(home), clock)
    stores.entries.add(kind="free", text="a flamingo asked for a refund")
    encryption.encrypt(stores.journal, PASSPHRASE)
    clock.advance(days=1)
    open_stores(resolve_paths(home), clock, passphrase=PASSPHRASE)  # the day's backup
    other_clock = FakeClock(datetime(2026, 10, 1, 9, 0, tzinfo=clock.now().tzinfo))
    other = open_stores(resolve_paths(tmp_path / "other"), other_clock)
    other.entries.add(kind="free", text="somebody else's words")
    encryption.encrypt(other.journal, "another pass 456")
    stranger = journal_dir(tmp_path / "other") / "entries-2026-10.db"
    (journal_dir(home) / stranger.name).write_bytes(stranger.read_bytes())
    november = segment(home)
    november.write_bytes(november.read_bytes()[:12])  # cut short inside its header
    stores = open_stores(resolve_paths(home), clock)
    assert encryption.unlock(stores.journal, PASSPHRASE)
    assert not encryption.check_passphrase(stores.journal, "another pass 456")
