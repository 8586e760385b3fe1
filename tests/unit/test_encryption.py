"""The encrypted journal: an authenticated envelope, atomic conversions, and a wrong
passphrase that leaves every byte alone."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from companion.core.journal_search import Query
from companion.store import encryption
from companion.store.codec import CodecError, JsonCodec, WrongPassphrase
from companion.store.crypto import EncryptedCodec, Keyring
from companion.store.envelope import MAGIC, NONCE_BYTES, parse_header
from companion.store.errors import StoreUnavailable
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.layout import holding, journal_files, part_backups, segment

SECRET = "the customer from order 8812 made me cry 客户骂我"
TABLES = {"entries": {"1": {"text": SECRET}}}


@pytest.fixture
def keyring() -> Keyring:
    # (one per test: a keyring makes at most crypto.MAX_KEYS keys, a salt each)
    return Keyring("correct horse 电池")


def test_round_trip_and_envelope(keyring: Keyring) -> None:
    codec = EncryptedCodec(keyring)
    raw = codec.encode(TABLES)
    assert raw.startswith(MAGIC) and raw[8] == 1
    assert SECRET.encode() not in raw and "客户".encode() not in raw
    header, _ = parse_header(raw)
    assert (header.params.log2_n, header.params.r, header.params.p) == (15, 8, 1)
    assert header.salt == codec.salt and len(header.nonce) == NONCE_BYTES
    assert codec.decode(raw) == TABLES


def test_a_header_asking_scrypt_for_too_much_is_refused_before_any_key_is_made(
    keyring: Keyring,
) -> None:
    """A month crafted to ask scrypt for N = 2**22, r = 32, p = 16 (16 GiB, minutes)
    made any unlock take seconds or exhaust memory; the most a header may ask is 32
    times what companion writes."""
    from companion.store.codec import CodecError
    from companion.store.envelope import Header, KdfParams

    body = b"\0" * 64
    costly = Header(KdfParams(22, 32, 16), b"s" * 16, b"n" * NONCE_BYTES).pack() + body
    allowed = Header(KdfParams(20, 8, 1), b"s" * 16, b"n" * NONCE_BYTES).pack() + body
    assert parse_header(allowed)[0].params == KdfParams(20, 8, 1)
    with pytest.raises(CodecError):
        parse_header(costly)
    made: list[object] = []
    spy = Keyring("correct horse 电池")
    spy.key = lambda *args: made.append(args)  # type: ignore[method-assign]
    with pytest.raises(CodecError):
        EncryptedCodec(spy).decode(costly)
    assert made == []  # refused by its header: no key was made


def test_every_write_has_a_fresh_nonce(keyring: Keyring) -> None:
    codec = EncryptedCodec(keyring)
    nonces = {parse_header(codec.encode(TABLES))[0].nonce for _ in range(20)}
    assert len(nonces) == 20


def test_wrong_passphrase_is_told_apart_from_garbage(keyring: Keyring) -> None:
    raw = EncryptedCodec(keyring).encode(TABLES)
    with pytest.raises(WrongPassphrase):
        EncryptedCodec(Keyring("nope")).decode(raw)
    with pytest.raises(CodecError):
        EncryptedCodec(keyring).decode(b"{}")


@pytest.mark.parametrize("where", [0, 9, 12, 20, -30, -1])
def test_any_altered_byte_is_refused(keyring: Keyring, where: int) -> None:
    raw = bytearray(EncryptedCodec(keyring).encode(TABLES))
    raw[where] ^= 0x01
    with pytest.raises(CodecError):
        EncryptedCodec(keyring).decode(bytes(raw))


def test_a_cut_short_file_is_refused(keyring: Keyring) -> None:
    raw = EncryptedCodec(keyring).encode(TABLES)
    for size in (4, 20, 45, len(raw) - 1):
        with pytest.raises(CodecError):
            EncryptedCodec(keyring).decode(raw[:size])


def test_the_key_is_derived_once_per_unlock(keyring: Keyring, monkeypatch) -> None:
    import companion.store.crypto as crypto

    calls = []
    real = crypto.Scrypt

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(crypto, "Scrypt", counting)
    codec = EncryptedCodec(Keyring("x"))
    for _ in range(5):
        codec.decode(codec.encode(TABLES))
    assert len(calls) == 1


def seeded(home: Path, clock: FakeClock, days: int = 2):
    """A journal with an entry and a backup for each of ``days`` days."""
    stores = open_stores(resolve_paths(home), clock)
    stores.entries.add(kind="free", text=SECRET)
    for _ in range(days):
        clock.advance(days=1)
        stores = open_stores(resolve_paths(home), clock)
    return stores


def test_encrypting_converts_the_journal_and_its_backups(home: Path, clock: FakeClock) -> None:
    stores = seeded(home, clock)
    stores.drafts.add(origin="x", fields={"text": SECRET})
    stores.reframes.add(facts=SECRET)
    backups = part_backups(home)
    assert backups  # the segment, copied the day after it changed
    assert holding(home, "order 8812")  # plain until now
    result = encryption.encrypt(stores.journal, "pass phrase")
    assert result.backups_converted == len(backups)
    for path in journal_files(home):
        raw = path.read_bytes()
        if path.suffix != ".lock" and path.name != "commit.json":
            assert raw.startswith(MAGIC), path
        assert path.stat().st_mode & 0o777 == 0o600
    assert holding(home, "order 8812") == [] and holding(home, "客户骂我") == []
    assert stores.entries.all()[0].text == SECRET  # still usable in this session
    stores.state.set("break_due", True)
    activity = stores.activity.path.read_bytes()
    assert not activity.startswith(MAGIC)  # reminders never need the passphrase


def test_every_file_of_a_larger_journal_is_sealed_search_files_too(
    home: Path, clock: FakeClock
) -> None:
    stores = open_stores(resolve_paths(home), clock)
    for month in range(1, 13):  # a year of segments, each with its search file
        moment = datetime(2026, month, 5, 9, tzinfo=clock.now().tzinfo)
        stores.entries.add(kind="free", text=f"flamingo in month {month}", created_at=moment)
    searches = list((home / "data" / "journal").glob("*.search"))
    assert len(searches) == 12 and all(b"flamingo" in p.read_bytes() for p in searches)
    encryption.encrypt(stores.journal, "pass phrase")
    assert holding(home, "flamingo") == []
    again = open_stores(resolve_paths(home), clock, passphrase="pass phrase")
    from companion.services.journal.service import Journal

    found = Journal(again, clock).find(Query(words=("flamingo",)))
    assert len(found) == 12  # the sealed search files are read back with the key
    assert holding(home, "flamingo") == []


def test_without_the_passphrase_the_journal_stays_locked_and_untouched(
    home: Path, clock: FakeClock
) -> None:
    encryption.encrypt(seeded(home, clock).journal, "pass phrase")
    before = {p: p.read_bytes() for p in journal_files(home)}
    stores = open_stores(resolve_paths(home), clock)
    assert stores.journal.locked and not stores.journal.available
    assert stores.state.get("anything") is None  # activity works while locked
    with pytest.raises(StoreUnavailable):
        stores.entries.add(kind="free", text="never written in plain")
    assert {p: p.read_bytes() for p in journal_files(home)} == before
    assert not list((home / "data").rglob("*.corrupt-*"))


def test_a_wrong_passphrase_three_times_changes_nothing(home: Path, clock: FakeClock) -> None:
    encryption.encrypt(seeded(home, clock).journal, "pass phrase")
    tree = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    stores = open_stores(resolve_paths(home), clock)
    for attempt in ("pass", "Pass phrase", "pass phrase "):
        assert encryption.unlock(stores.journal, attempt) is False
        assert stores.journal.problem is not None
        assert stores.journal.problem.kind == "wrong_passphrase"
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == tree
    assert encryption.unlock(stores.journal, "pass phrase") is True
    assert stores.entries.all()[0].text == SECRET


def test_one_scrypt_opens_every_file(home: Path, clock: FakeClock, monkeypatch) -> None:
    import companion.store.crypto as crypto

    stores = seeded(home, clock)
    stores.entries.add(kind="free", text="last month", created_at=clock.now() - timedelta(days=40))
    stores.drafts.add(origin="x", fields={})
    encryption.encrypt(stores.journal, "pass phrase")
    calls = []
    real = crypto.Scrypt

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(crypto, "Scrypt", counting)
    again = open_stores(resolve_paths(home), clock, passphrase="pass phrase")
    assert len(again.entries.all()) == 2 and len(again.drafts.all()) == 1
    assert len(calls) == 1


def test_backups_are_checked_by_their_header_not_decrypted(
    home: Path, clock: FakeClock, monkeypatch
) -> None:
    import companion.store.crypto as crypto

    stores = seeded(home, clock, days=3)
    encryption.encrypt(stores.journal, "pass phrase")
    opened = []
    real = crypto.EncryptedCodec.unseal

    def counting(self, raw):  # type: ignore[no-untyped-def]
        opened.append(raw)
        return real(self, raw)

    monkeypatch.setattr(crypto.EncryptedCodec, "unseal", counting)
    open_stores(resolve_paths(home), clock, passphrase="pass phrase")
    backups = {p.read_bytes() for p in part_backups(home)}
    assert backups and not backups & set(opened)  # the key was proven on the journal itself


def test_passphrase_at_open_unlocks(home: Path, clock: FakeClock) -> None:
    encryption.encrypt(seeded(home, clock).journal, "pass phrase")
    stores = open_stores(resolve_paths(home), clock, passphrase="pass phrase")
    assert not stores.journal.locked and stores.problems == []
    stores.entries.add(kind="free", text="second")
    assert holding(home, "second") == [] and holding(home, "order 8812") == []
    again = open_stores(resolve_paths(home), clock, passphrase="pass phrase")
    assert {e.text for e in again.entries.all()} == {SECRET, "second"}


def test_locking_forgets_what_was_read(home: Path, clock: FakeClock) -> None:
    stores = seeded(home, clock)
    encryption.encrypt(stores.journal, "pass phrase")
    stores.journal.lock()
    assert stores.journal.locked

    with pytest.raises(StoreUnavailable):
        stores.entries.all()
    with pytest.raises(StoreUnavailable):
        stores.drafts.add(origin="x", fields={"text": "never in plain"})


def test_changing_the_passphrase(home: Path, clock: FakeClock) -> None:
    stores = seeded(home, clock)
    encryption.encrypt(stores.journal, "old one")
    encryption.encrypt(stores.journal, "new one")  # a new salt and key, backups too
    stores = open_stores(resolve_paths(home), clock)
    assert encryption.unlock(stores.journal, "old one") is False
    assert encryption.unlock(stores.journal, "new one") is True
    for backup in part_backups(home):
        EncryptedCodec(Keyring("new one")).decode(backup.read_bytes())


def test_turning_encryption_off(home: Path, clock: FakeClock) -> None:
    stores = seeded(home, clock)
    encryption.encrypt(stores.journal, "pass phrase")
    encryption.decrypt(stores.journal)
    data = json.loads(segment(home).read_text("utf-8"))
    assert any(doc["text"] == SECRET for doc in data["entries"].values())
    for backup in part_backups(home):
        JsonCodec().decode(backup.read_bytes())
    assert not any(p.read_bytes().startswith(MAGIC) for p in journal_files(home))


def killed_after_the_live_file(monkeypatch, journal, passphrase: str | None) -> None:  # type: ignore[no-untyped-def]
    """Encrypt (None: decrypt), the process killed once the journal's files are
    committed, before its backups' new forms, written beside them, are put in place."""
    from companion.store.backup_change import Pending

    def killed(self) -> None:  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(Pending, "put_in_place", killed)
        with pytest.raises(KeyboardInterrupt):
            if passphrase is None:
                encryption.decrypt(journal)
            else:
                encryption.encrypt(journal, passphrase)


def killed_before_the_live_file(monkeypatch, journal, passphrase: str | None) -> None:  # type: ignore[no-untyped-def]
    """The same, killed after the backups' new forms are written, before the commit
    (a kill -9 runs no cleanup: none is run here either)."""
    from companion.store.backup_change import Pending
    from companion.store.journal import JournalStore

    def killed(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(JournalStore, "commit", killed)
        patched.setattr(Pending, "drop", lambda self: None)
        with pytest.raises(KeyboardInterrupt):
            if passphrase is None:
                encryption.decrypt(journal)
            else:
                encryption.encrypt(journal, passphrase)


def pending_left(home: Path) -> list[Path]:
    return [p for p in home.rglob("*") if p.name.endswith(".pending")]


def test_a_conversion_cut_short_is_finished_at_the_next_unlock(
    home: Path, clock: FakeClock, monkeypatch
) -> None:
    stores = seeded(home, clock)
    killed_after_the_live_file(monkeypatch, stores.journal, "pass phrase")
    plain = [b for b in part_backups(home) if not b.read_bytes().startswith(MAGIC)]
    assert plain and pending_left(home)  # a plain copy is still there…
    stores = open_stores(resolve_paths(home), clock)  # (no passphrase needed)
    for backup in part_backups(home):
        assert backup.read_bytes().startswith(MAGIC)  # …until the next open
    assert holding(home, "order 8812") == [] and pending_left(home) == []
    stores = open_stores(resolve_paths(home), clock, passphrase="pass phrase")
    assert stores.journal.problem is None and stores.entries.all()


@pytest.mark.parametrize("passphrase", ["pass phrase", None], ids=["set", "remove"])
def test_a_conversion_killed_before_the_journals_commit_changes_nothing(
    home: Path, clock: FakeClock, monkeypatch, passphrase: str | None
) -> None:
    """Not even a backup: each stays in the form the journal has."""
    stores = seeded(home, clock)
    if passphrase is None:
        encryption.encrypt(stores.journal, "pass phrase")
    before = {p: p.read_bytes() for p in journal_files(home)}
    killed_before_the_live_file(monkeypatch, stores.journal, passphrase)
    assert pending_left(home)
    stores = open_stores(resolve_paths(home), clock)
    assert {p: p.read_bytes() for p in journal_files(home)} == before
    assert pending_left(home) == []
    if passphrase is None:  # still encrypted, and opened as it was
        assert stores.journal.locked
        assert encryption.unlock(stores.journal, "pass phrase")
    assert stores.entries.all()[0].text == SECRET


def test_a_removal_killed_after_the_journals_commit_leaves_a_plain_journal_that_opens(
    home: Path, clock: FakeClock, monkeypatch
) -> None:
    """Its backups were left encrypted: the plain journal then looked locked, and the
    old passphrase set every plain file aside as damaged."""
    stores = seeded(home, clock)
    encryption.encrypt(stores.journal, "pass phrase")
    killed_after_the_live_file(monkeypatch, stores.journal, None)
    stores = open_stores(resolve_paths(home), clock)
    assert stores.journal.problem is None and not stores.journal.locked
    assert not any(p.read_bytes().startswith(MAGIC) for p in journal_files(home))
    assert stores.entries.all()[0].text == SECRET
    assert not list(home.rglob("*.corrupt-*")) and pending_left(home) == []


def test_a_damaged_encrypted_segment_is_set_aside_when_the_key_is_proven(
    home: Path, clock: FakeClock
) -> None:
    stores = seeded(home, clock)
    stores.drafts.add(origin="x", fields={})  # another file the key is proven on
    encryption.encrypt(stores.journal, "pass phrase")
    raw = bytearray(segment(home).read_bytes())
    raw[-5] ^= 0xFF
    segment(home).write_bytes(bytes(raw))
    stores = open_stores(resolve_paths(home), clock, passphrase="pass phrase")
    assert not stores.journal.locked
    stores.entries.all()  # reading it finds the damage (if opening did not already)
    (problem,) = stores.journal.problems()
    assert problem.kind == "quarantined" and problem.backup is not None
    assert problem.part == "entries-2026-11"
    assert problem.moved_to is not None and problem.moved_to.read_bytes() == bytes(raw)
    assert stores.drafts.all() != []  # the rest of the journal is still there
    stores.journal.restore(problem.backup, problem)
    assert [e.text for e in stores.entries.all()] == [SECRET]


def test_an_empty_journal_encrypted_stays_encrypted(home: Path, clock: FakeClock) -> None:
    """Nothing written yet: a file still carries the key, so the next start asks for the
    passphrase (never a plain journal) and the passphrase is checked against it."""
    stores = open_stores(resolve_paths(home), clock)
    encryption.encrypt(stores.journal, "pass phrase")
    again = open_stores(resolve_paths(home), clock)
    assert again.journal.locked
    assert encryption.unlock(again.journal, "not it") is False
    assert encryption.unlock(again.journal, "pass phrase") is True
    again.entries.add(kind="free", text="the first words, sealed")
    assert holding(home, "first words") == []
