"""Turning a store's encryption on, off, or to a new passphrase.

The live file is converted with one atomic replace, so a kill midway leaves either
the old file or the new one, never neither. Backups are converted after it, each
atomically; one that was missed (a kill in between) is converted at the next unlock,
so no plain copy of an encrypted journal lingers. A backup too damaged to read is moved
aside (``.corrupt-``, never overwritten) and named, with the copies still plain, in
``Recoded.plain_left`` for the person to decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from companion.store.backup import clean_backup_temps, list_backups, set_aside
from companion.store.codec import Codec, CodecError, WrongPassphrase, default_codec
from companion.store.database import Database
from companion.store.envelope import EnvelopeTooNew, is_encrypted, read_header
from companion.store.errors import (
    StoreCorrupt,
    StoreTooNew,
    StoreUnavailable,
    StoreUnreadable,
    StoreWriteError,
)
from companion.system.atomic import write_atomic

if TYPE_CHECKING:
    from companion.store.crypto import Keyring

MIN_PASSPHRASE = 8  # characters; shorter ones are refused before anything changes


@dataclass(frozen=True)
class PlainLeft:
    """A copy of the journal still in plain text after it was encrypted, and why."""

    path: Path
    # "set_aside": a backup that could not be read, moved aside (never overwritten);
    # "not_written": converting it failed (a full disk…), tried again at each unlock;
    # "unreadable": the system would not let companion read it
    why: str
    reason: str = ""


@dataclass(frozen=True)
class Recoded:
    backups_converted: int
    backups_unreadable: int  # left as they were: never overwrite what we could not read
    plain_left: tuple[PlainLeft, ...] = ()  # with encryption on: what is still plain


def recode(db: Database, new: Codec) -> Recoded:
    """Re-write the live file and its backups with another codec. What a killed write
    left (a temp file may hold a whole plain copy) is removed before and after."""
    if not db.available:
        raise StoreUnavailable(db.path, db.problem.kind if db.problem else "")
    old = db.storage.codec
    with db.storage.transaction():
        db.storage.clean_stale_temp_files()
        tables = db.storage.read() or {}
        try:
            write_atomic(db.path, new.encode(tables))
        except OSError as error:
            raise StoreWriteError(db.path, error) from error
        db.storage.set_codec(new)
    return _recode_backups(db, old, new)


def _recode_backups(db: Database, old: Codec, new: Codec) -> Recoded:
    converted = unreadable = 0
    plain: list[PlainLeft] = []
    clean_backup_temps(db.path, db.backup_dir)
    for backup in list_backups(db.path, db.backup_dir):
        try:
            raw = backup.path.read_bytes()
        except OSError as error:
            unreadable += 1
            plain.append(PlainLeft(backup.path, "unreadable", error.strerror or str(error)))
            continue
        try:
            new.decode(raw)
            continue  # already in the new form
        except CodecError:
            pass
        try:
            tables = old.decode(raw)
        except CodecError:
            unreadable += 1
            if not is_encrypted(raw):  # plain, and damaged: it may still hold writing
                plain.append(_set_aside(backup.path, db))
            continue
        try:
            write_atomic(backup.path, new.encode(tables))
        except OSError as error:
            unreadable += 1  # left as it was; secure_backups tries again at the next unlock
            plain.append(PlainLeft(backup.path, "not_written", error.strerror or str(error)))
            continue
        converted += 1
    clean_backup_temps(db.path, db.backup_dir)
    return Recoded(converted, unreadable, tuple(plain) if new.encrypted else ())


def _set_aside(backup: Path, db: Database) -> PlainLeft:
    try:
        return PlainLeft(set_aside(backup, db.clock.now()), "set_aside")
    except OSError as error:
        return PlainLeft(backup, "not_written", error.strerror or str(error))


def secure_backups(db: Database) -> Recoded:
    """After an unlock: encrypt any plain backup a killed conversion left behind."""
    if not db.storage.codec.encrypted:
        return Recoded(0, 0)
    return _recode_backups(db, default_codec(), db.storage.codec)


def _codec_for(db: Database, passphrase: str) -> Codec | None:
    """The codec that opens the live file with this passphrase, or None if the
    passphrase is surely wrong. Raises EnvelopeTooNew for a newer companion's file."""
    from companion.store.crypto import EncryptedCodec, Keyring

    if not passphrase:
        return None
    keyring = Keyring(passphrase)
    try:
        header = read_header(db.path)
    except EnvelopeTooNew:
        raise
    except (CodecError, OSError):
        return _codec_from_backups(db, keyring)
    return EncryptedCodec(keyring, header.params, header.salt)


def _codec_from_backups(db: Database, keyring: Keyring) -> Codec | None:
    """The live file's header is cut short or garbled, so no passphrase can open it.
    Take the salt and parameters of a backup this passphrase opens: the damaged file is
    then moved aside and that backup offered, like any damage. If the passphrase opens
    none of the encrypted backups, it is most likely mistyped: change nothing. With
    no encrypted backup nothing can check it, so it is never taken (opening reports
    such a file as damaged, for the person to set aside and start afresh)."""
    from companion.store.crypto import EncryptedCodec

    for backup in list_backups(db.path, db.backup_dir):
        try:
            raw = backup.path.read_bytes()
            codec = EncryptedCodec.for_file(keyring, raw)
            codec.decode(raw)
        except (CodecError, OSError):
            continue  # plain, unreadable, damaged itself, or not this passphrase
        return codec
    return None


def unlock(db: Database, passphrase: str) -> bool:
    """Open the encrypted store. False on a wrong passphrase (an empty one too), with
    every file untouched. True otherwise: then ``db.problem`` says whether the journal
    is open (None), was damaged (moved aside, a backup offered) or is too new."""
    try:
        codec = _codec_for(db, passphrase)
    except EnvelopeTooNew:
        db.open()  # still locked: reports the file as too new, touches nothing
        return True
    if codec is None:
        db.refuse_key()
        return False
    problem = db.unlock(codec)
    if problem is not None and problem.kind == "wrong_passphrase":
        return False
    if db.available:
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
    """Does this passphrase open the file? (Before changing or removing it.) A file no
    passphrase could open raises StoreCorrupt (or StoreTooNew)."""
    try:
        codec = _codec_for(db, passphrase)
        if codec is None:
            return False
        codec.decode(db.path.read_bytes())
    except WrongPassphrase:
        return False
    except EnvelopeTooNew as error:
        raise StoreTooNew(db.path, error.found, error.known) from error
    except CodecError as error:
        raise StoreCorrupt(db.path, str(error)) from error
    except OSError as error:
        raise StoreUnreadable(db.path, error.strerror or str(error)) from error
    return True
