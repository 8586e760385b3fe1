"""Turning a store's encryption on, off, or to a new passphrase.

The live file is converted with one atomic replace, so a kill midway leaves either
the old file or the new one, never neither. Backups are converted after it, each
atomically; one that was missed (a kill in between) is converted at the next unlock,
so no plain copy of an encrypted journal lingers.
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.store.atomic import write_atomic
from companion.store.backup import list_backups
from companion.store.codec import Codec, CodecError, WrongPassphrase, default_codec
from companion.store.database import Database
from companion.store.errors import StoreUnavailable, StoreWriteError

MIN_PASSPHRASE = 8  # characters; shorter ones are refused before anything changes


@dataclass(frozen=True)
class Recoded:
    backups_converted: int
    backups_unreadable: int  # left as they were: never overwrite what we could not read


def recode(db: Database, new: Codec) -> Recoded:
    """Re-write the live file and its backups with another codec."""
    if not db.available:
        raise StoreUnavailable(db.path, db.problem.kind if db.problem else "")
    old = db.storage.codec
    with db.storage.transaction():
        tables = db.storage.read() or {}
        try:
            write_atomic(db.path, new.encode(tables))
        except OSError as error:
            raise StoreWriteError(db.path, error) from error
        db.storage.set_codec(new)
    return _recode_backups(db, old, new)


def _recode_backups(db: Database, old: Codec, new: Codec) -> Recoded:
    converted = unreadable = 0
    for backup in list_backups(db.path, db.backup_dir):
        raw = backup.path.read_bytes()
        try:
            new.decode(raw)
            continue  # already in the new form
        except CodecError:
            pass
        try:
            tables = old.decode(raw)
        except CodecError:
            unreadable += 1
            continue
        try:
            write_atomic(backup.path, new.encode(tables))
        except OSError:
            unreadable += 1  # left as it was; secure_backups tries again at the next unlock
            continue
        converted += 1
    return Recoded(converted, unreadable)


def secure_backups(db: Database) -> Recoded:
    """After an unlock: encrypt any plain backup a killed conversion left behind."""
    if not db.storage.codec.encrypted:
        return Recoded(0, 0)
    return _recode_backups(db, default_codec(), db.storage.codec)


def _codec_for(db: Database, passphrase: str) -> Codec:
    from companion.store.crypto import EncryptedCodec, Keyring

    keyring = Keyring(passphrase)
    with db.path.open("rb") as handle:
        head = handle.read(256)
    return EncryptedCodec.for_file(keyring, head)


def unlock(db: Database, passphrase: str) -> bool:
    """Open the encrypted store; False (and the file untouched) on a wrong passphrase."""
    problem = db.unlock(_codec_for(db, passphrase))
    if problem is not None and problem.kind == "wrong_passphrase":
        return False
    secure_backups(db)
    return True


def encrypt(db: Database, passphrase: str) -> Recoded:
    """Turn encryption on (or change the passphrase: a new salt, a new key)."""
    from companion.store.crypto import EncryptedCodec, Keyring

    return recode(db, EncryptedCodec(Keyring(passphrase)))


def decrypt(db: Database) -> Recoded:
    """Turn encryption off: the journal becomes plain JSON again."""
    return recode(db, default_codec())


def check_passphrase(db: Database, passphrase: str) -> bool:
    """Does this passphrase open the file? (Before changing or removing it.)"""
    try:
        _codec_for(db, passphrase).decode(db.path.read_bytes())
    except WrongPassphrase:
        return False
    return True
