"""One passphrase makes at most MAX_KEYS keys: a folder of months each sealed under a
salt of its own cost a scrypt each to open (300 of them, half a minute)."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest

import companion.store.crypto as crypto
from companion.store import encryption
from companion.store.codec import WrongPassphrase
from companion.store.crypto import MAX_KEYS, EncryptedCodec, Keyring
from companion.store.envelope import KdfParams
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.layout import journal_dir

PASSPHRASE = "quiet harbour lantern"
CHEAP = KdfParams(4, 1, 1)  # (a test's keys: made in microseconds)


@pytest.fixture
def made(monkeypatch) -> list[bytes]:  # type: ignore[no-untyped-def]
    """The salt of every key scrypt is asked to make from now on."""
    salts: list[bytes] = []
    real = crypto.Scrypt

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        salts.append(kwargs["salt"])
        return real(*args, **kwargs)

    monkeypatch.setattr(crypto, "Scrypt", counting)
    return salts


def test_keys_past_the_budget_are_refused_without_being_made(made: list[bytes]) -> None:
    keyring = Keyring(PASSPHRASE)
    salts = [bytes([n]) * 16 for n in range(MAX_KEYS + 1)]
    keys = [keyring.key(salt, CHEAP) for salt in salts[:MAX_KEYS]]
    with pytest.raises(WrongPassphrase):
        keyring.key(salts[-1], CHEAP)
    assert made == salts[:MAX_KEYS]  # the last was refused before any scrypt
    assert [keyring.key(salt, CHEAP) for salt in salts[:MAX_KEYS]] == keys  # still kept
    assert len(made) == MAX_KEYS


def test_months_each_under_a_salt_of_their_own_cost_at_most_the_budget(
    home: Path, clock: FakeClock, made: list[bytes]
) -> None:
    """Twenty months of the journal under its key, twelve more each resealed under a
    salt of its own (same passphrase): every one of the journal's entries is listed,
    at most MAX_KEYS keys are made, and no month's bytes are lost (one that gets no
    key is set aside as found, like a month from another journal)."""
    stores = open_stores(resolve_paths(home), clock)
    for month in range(32):
        when = clock.now() - timedelta(days=31 * month)
        stores.entries.add(kind="free", text=f"month {month}", created_at=when)
    encryption.encrypt(stores.journal, PASSPHRASE)
    folder = journal_dir(home)
    months = sorted(folder.glob("entries-*.db"))
    own_codec = EncryptedCodec.for_file(Keyring(PASSPHRASE), months[0].read_bytes())
    resealed = {}
    for path in months[:12]:  # the oldest twelve, each under a new salt
        tables = own_codec.decode(path.read_bytes())
        path.write_bytes(EncryptedCodec(Keyring(PASSPHRASE), CHEAP).encode(tables))
        resealed[path.name] = path.read_bytes()
    made.clear()  # (the journal's own key was made above, to seal it)
    began = time.perf_counter()
    again = open_stores(resolve_paths(home), clock, passphrase=PASSPHRASE)
    texts = {e.text for e in again.entries.all()}
    assert time.perf_counter() - began < 10  # (not a timing test: it must not hang)
    assert len(made) <= MAX_KEYS < len(resealed) + 1  # fewer keys than salts
    assert {f"month {n}" for n in range(20)} <= texts  # the journal's own months
    for name, raw in resealed.items():
        kept = [p for p in folder.iterdir() if p.name.startswith(name)]
        assert any(p.read_bytes() == raw for p in kept), name
