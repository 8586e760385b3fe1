"""The encrypted journal: an authenticated envelope, atomic conversions, and a wrong
passphrase that leaves every byte alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.store import encryption
from companion.store.backup import list_backups
from companion.store.codec import CodecError, JsonCodec, WrongPassphrase
from companion.store.crypto import EncryptedCodec, Keyring
from companion.store.envelope import MAGIC, NONCE_BYTES, parse_header
from companion.store.errors import StoreUnavailable
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths

SECRET = "the customer from order 8812 made me cry 客户骂我"
TABLES = {"entries": {"1": {"text": SECRET}}}


@pytest.fixture(scope="module")
def keyring() -> Keyring:
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
    backups = list_backups(stores.journal.path, stores.journal.backup_dir)
    journal_backups = [b for b in backups if b.path.name.startswith("journal")]
    assert len(journal_backups) == 2
    result = encryption.encrypt(stores.journal, "pass phrase")
    assert result.backups_converted == 2
    for path in [stores.journal.path, *(b.path for b in journal_backups)]:
        raw = path.read_bytes()
        assert raw.startswith(MAGIC) and SECRET.encode() not in raw, path
        assert path.stat().st_mode & 0o777 == 0o600
    assert stores.entries.all()[0].text == SECRET  # still usable in this session
    stores.state.set("break_due", True)
    activity = stores.activity.path.read_bytes()
    assert not activity.startswith(MAGIC)  # reminders never need the passphrase


def test_without_the_passphrase_the_journal_stays_locked_and_untouched(
    home: Path, clock: FakeClock
) -> None:
    encryption.encrypt(seeded(home, clock).journal, "pass phrase")
    before = (home / "data" / "journal.db").read_bytes()
    stores = open_stores(resolve_paths(home), clock)
    assert stores.journal.locked and not stores.journal.available
    assert stores.state.get("anything") is None  # activity works while locked
    assert (home / "data" / "journal.db").read_bytes() == before
    assert not list((home / "data").glob("*.corrupt-*"))


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


def test_passphrase_at_open_unlocks(home: Path, clock: FakeClock) -> None:
    encryption.encrypt(seeded(home, clock).journal, "pass phrase")
    stores = open_stores(resolve_paths(home), clock, passphrase="pass phrase")
    assert not stores.journal.locked and stores.problems == []
    stores.entries.add(kind="free", text="second")
    assert SECRET.encode() not in stores.journal.path.read_bytes()
    again = open_stores(resolve_paths(home), clock, passphrase="pass phrase")
    assert {e.text for e in again.entries.all()} == {SECRET, "second"}


def test_locking_forgets_what_was_read(home: Path, clock: FakeClock) -> None:
    stores = seeded(home, clock)
    encryption.encrypt(stores.journal, "pass phrase")
    stores.journal.lock()
    assert stores.journal.locked

    with pytest.raises(StoreUnavailable):
        stores.entries.all()


def test_changing_the_passphrase(home: Path, clock: FakeClock) -> None:
    stores = seeded(home, clock)
    encryption.encrypt(stores.journal, "old one")
    encryption.encrypt(stores.journal, "new one")  # a new salt and key, backups too
    stores = open_stores(resolve_paths(home), clock)
    assert encryption.unlock(stores.journal, "old one") is False
    assert encryption.unlock(stores.journal, "new one") is True
    for backup in stores.journal.good_backups():
        EncryptedCodec(Keyring("new one")).decode(backup.path.read_bytes())


def test_turning_encryption_off(home: Path, clock: FakeClock) -> None:
    stores = seeded(home, clock)
    encryption.encrypt(stores.journal, "pass phrase")
    encryption.decrypt(stores.journal)
    data = json.loads(stores.journal.path.read_text("utf-8"))
    assert any(doc["text"] == SECRET for doc in data["entries"].values())
    for backup in list_backups(stores.journal.path, stores.journal.backup_dir):
        JsonCodec().decode(backup.path.read_bytes())


def killed_after_the_live_file(monkeypatch, journal, passphrase: str) -> None:  # type: ignore[no-untyped-def]
    """Encrypt, the process killed between the live file and its backups."""
    import companion.store.encryption as module

    real = module.write_atomic
    writes = []

    def dies_after_the_live_file(path, data):  # type: ignore[no-untyped-def]
        if writes:
            raise KeyboardInterrupt
        writes.append(path)
        real(path, data)

    monkeypatch.setattr(module, "write_atomic", dies_after_the_live_file)
    with pytest.raises(KeyboardInterrupt):
        encryption.encrypt(journal, passphrase)
    monkeypatch.setattr(module, "write_atomic", real)


def test_a_conversion_cut_short_is_finished_at_the_next_unlock(
    home: Path, clock: FakeClock, monkeypatch
) -> None:
    stores = seeded(home, clock)
    killed_after_the_live_file(monkeypatch, stores.journal, "pass phrase")
    plain = [
        b
        for b in list_backups(stores.journal.path, stores.journal.backup_dir)
        if not b.path.read_bytes().startswith(MAGIC)
    ]
    assert plain  # a plain copy is still there…
    stores = open_stores(resolve_paths(home), clock, passphrase="pass phrase")
    for backup in list_backups(stores.journal.path, stores.journal.backup_dir):
        assert backup.path.read_bytes().startswith(MAGIC)  # …until the next unlock


def test_a_damaged_encrypted_file_is_quarantined_when_a_backup_proves_the_key(
    home: Path, clock: FakeClock
) -> None:
    stores = seeded(home, clock)
    encryption.encrypt(stores.journal, "pass phrase")
    raw = bytearray(stores.journal.path.read_bytes())
    raw[-5] ^= 0xFF
    stores.journal.path.write_bytes(bytes(raw))
    stores = open_stores(resolve_paths(home), clock, passphrase="pass phrase")
    (problem,) = stores.problems
    assert problem.kind == "quarantined" and problem.backup is not None
    assert problem.moved_to is not None and problem.moved_to.read_bytes() == bytes(raw)
