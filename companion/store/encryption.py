"""Unlocking the journal, and turning its encryption on, off, or to a new passphrase.

Every file of the journal is sealed with the same salt and key, so one scrypt opens
them all. A key is proven right when it opens one of the journal's own files (the
smallest first); one that opens none is a wrong passphrase and changes nothing. A
conversion writes every file of the journal in one atomic commit (commit.py): a kill
midway leaves the old form of all of them or the new form of all of them. Its backups
go with it (backup_change.py): their new forms are written beside them first, and put
in place after the commit, or at the next open. A plain backup an older companion left
beside an encrypted journal is found by its header (never by decrypting it) and
converted at the next unlock, so no plain copy of an encrypted journal lingers.

The single ``journal.db`` of earlier versions is unlocked by the rules it always had
(``unlock_file``), then split (see migrate.py).
A backup too damaged to read is moved aside (``.corrupt-``, never overwritten) and
named, with the copies still plain, in ``Recoded.plain_left`` for the person to decide.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from companion.store import journal_files, search_file, segments
from companion.store.backup import clean_backup_temps, set_aside
from companion.store.backup_change import Pending
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
from companion.store.file_marks import starts_encrypted
from companion.store.journal import JournalStore
from companion.store.journal_key import journal_codecs, opening
from companion.store.plain_parts import seal_plain_parts
from companion.system.atomic import write_atomic
from companion.system.plain_file import read_plain

if TYPE_CHECKING:
    from companion.store.crypto import Keyring

MIN_PASSPHRASE = 8  # characters; shorter ones are refused before anything changes
# characters: the app's fields take no more (a terminal field redraws all it holds at
# every key, so 30,000 characters typed without bracketed paste froze it for minutes)
MAX_PASSPHRASE = 1024


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


# -- converting ----------------------------------------------------------------------------
def recode(journal: JournalStore, new: Codec) -> Recoded:
    """Re-write every file of the journal, then its backups, with another codec."""
    from companion.core.search_block import Block
    from companion.store.search_cache import INDEX, Summary, note_summary

    if not journal.available:
        problem = journal.problem
        raise StoreUnavailable(journal.folder, problem.kind if problem else "")
    old = journal.codec
    blocks: dict[str, Block] = {}
    with journal.transaction():
        journal_files.clean_temp_files(journal.folder)  # a killed write's: maybe plain
        # At least one file carries the key, even for an empty journal: without one, the
        # next start could not tell the journal is encrypted, nor check a passphrase.
        names = segments.part_names(journal.folder) or [segments.PRACTICE]

        def files():  # type: ignore[no-untyped-def]
            for name in names:
                tables = journal.read_part(name, strict=True)
                if segments.is_segment(name):
                    blocks[name] = Block.of(tables.get(segments.ENTRIES_TABLE, {}).items())
                yield f"{name}{segments.SUFFIX}", new.encode(tables)

        caches = [p.name for p in journal.folder.glob(f"*{search_file.SUFFIX}")] + [INDEX]
        for name in names:  # each part opened (checked, and copied once a day) first:
            journal.read_part(name, strict=True)  # its copy of today is converted too
        backups = journal.backup_files()
        pending = Pending(journal.folder, backups)  # their new forms, with the journal's
        try:
            recoded = _recode_backups(journal, backups, old, new, pending)
            journal.commit(files(), drop=caches)
        except BaseException:
            pending.drop()  # nothing changed: no backup in a form the journal has not
            raise
        journal.set_codec(new)
        pending.put_in_place()
        for name, block in blocks.items():
            path = journal.part_path(name)
            if search_file.write(path, new, block):
                identity = search_file.segment_identity(path)
                if identity is not None:
                    note_summary(journal, name, Summary.of(identity, block))
    return recoded


def _recode_backups(
    journal: JournalStore,
    backups: list[Path],
    old: Codec,
    new: Codec,
    pending: Pending | None = None,
) -> Recoded:
    """Each backup in ``new``'s form: written beside it (``pending``, for a conversion
    of the whole journal: a failure to write raises StoreWriteError) or over it (the
    plain backups ``secure_backups`` finds: a failure is named and tried again)."""
    converted = unreadable = 0
    plain: list[PlainLeft] = []
    _clean_backup_temps(journal)  # a killed backup write's: it may hold a plain copy
    for path in backups:
        try:
            raw = read_plain(path)
        except OSError as error:
            if isinstance(error, FileNotFoundError) and not os.path.lexists(path):
                continue  # gone since it was listed (pruned): no copy left to seal
            unreadable += 1  # (a link to a drive not connected may lead to a plain copy)
            plain.append(PlainLeft(path, "unreadable", error.strerror or str(error)))
            continue
        if new.same_key(raw):
            continue  # already in the new form (by its header)
        try:
            tables = old.decode(raw)
        except CodecError:
            unreadable += 1
            if not is_encrypted(raw):  # plain, and damaged: it may still hold writing
                plain.append(_set_aside(path, journal))
            continue
        if pending is not None:
            try:
                pending.write(path, new.encode(tables))
            except OSError as error:
                raise StoreWriteError(path.parent, error) from error
            converted += 1
            continue
        try:
            write_atomic(path, new.encode(tables))
        except OSError as error:
            unreadable += 1  # left as it was; secure_backups tries again at the next unlock
            plain.append(PlainLeft(path, "not_written", error.strerror or str(error)))
            continue
        converted += 1
    _clean_backup_temps(journal)
    return Recoded(converted, unreadable, tuple(plain) if new.encrypted else ())


def _clean_backup_temps(journal: JournalStore) -> None:
    journal_files.clean_temp_files(journal.backup_dir)
    clean_backup_temps(journal.legacy_path, journal.legacy_backup_dir)


def _set_aside(backup: Path, journal: JournalStore) -> PlainLeft:
    try:
        return PlainLeft(set_aside(backup, journal.clock.now()), "set_aside")
    except OSError as error:
        return PlainLeft(backup, "not_written", error.strerror or str(error))


def secure_backups(journal: JournalStore, plain: list[Path] | None = None) -> Recoded:
    """After an unlock: encrypt any plain backup a killed conversion left behind. Each
    backup's first bytes say whether it is plain: none is decrypted to find out.
    ``plain``: those found so a moment ago (``_PlainBackups``)."""
    if not journal.codec.encrypted:
        return Recoded(0, 0)
    plain = plain_backups(journal) if plain is None else plain
    return _recode_backups(journal, plain, default_codec(), journal.codec)


def plain_backups(journal: JournalStore) -> list[Path]:
    return [p for p in journal.backup_files() if not starts_encrypted(p)]


class _PlainBackups:
    """The plain backups, looked for in a thread while the key is made: scrypt lets
    other threads run, and a week of backups is hundreds of files to open (~8 ms of
    each encrypted command); then ``meanwhile``, the caller's. A backup made plain
    meanwhile is found at the next unlock, as one made just after it would be."""

    def __init__(self, journal: JournalStore, meanwhile: Callable[[], None] | None) -> None:
        self.journal, self.meanwhile = journal, meanwhile
        self.found: list[Path] | None = None
        self.thread = threading.Thread(target=self._look, name="plain-backups", daemon=True)
        self.thread.start()

    def _look(self) -> None:
        try:
            self.found = plain_backups(self.journal)
            if self.meanwhile is not None:
                self.meanwhile()
        except Exception:  # done again in the caller's thread, which says why
            return

    def result(self) -> list[Path] | None:
        self.thread.join()
        return self.found


def encrypt(journal: JournalStore, passphrase: str) -> Recoded:
    """Turn encryption on (or change the passphrase: a new salt, a new key)."""
    from companion.store.crypto import EncryptedCodec, Keyring

    return recode(journal, EncryptedCodec(Keyring(passphrase)))


def decrypt(journal: JournalStore) -> Recoded:
    """Turn encryption off: the journal becomes plain JSON again."""
    return recode(journal, default_codec())


# -- unlocking ------------------------------------------------------------------------------
def prepare() -> None:
    """Load the ciphers (the ``cryptography`` package) ahead of a passphrase: the
    unlock dialog does it in a worker while the person types, so Enter costs only the
    key's derivation."""
    from companion.store import crypto  # noqa: F401


def unlock(
    journal: JournalStore | Database,
    passphrase: str,
    meanwhile: Callable[[], None] | None = None,
) -> bool:
    """Open the encrypted journal. False on a wrong passphrase (an empty one too), with
    every file untouched. True otherwise: then ``journal.problem`` says whether it is
    open (None), too new, or (the old single file) damaged and set aside. StoreError
    (still locked, nothing changed) if plain files among the sealed ones could not be
    sealed (a full disk). ``meanwhile``: run in another thread while the key is made
    (its errors are dropped)."""
    if isinstance(journal, Database):
        return unlock_file(journal, passphrase)
    if journal.legacy is not None and journal.locked:
        opened = unlock_file(journal.legacy, passphrase)
        if opened:
            journal.set_codec(journal.legacy.storage.codec)
            journal.problem = None
            journal.open()
            if journal.available:  # as after any unlock: no plain copy stays
                secure_backups(journal)
        else:
            journal.problem = journal.legacy.problem
        return opened
    if not passphrase:
        journal.refuse_key()
        return False
    from companion.store.crypto import Keyring

    sealed = journal.sealed_parts()  # (read once: both steps look at the same files)
    try:
        codecs = journal_codecs(journal, Keyring(passphrase), sealed)
    except EnvelopeTooNew:
        journal.open()  # still locked: reports the journal as too new, touches nothing
        return True
    looking = _PlainBackups(journal, meanwhile)
    try:
        codec = opening(journal, codecs, sealed)
    finally:
        plain = looking.result()
    if codec is None:
        journal.refuse_key()
        return False
    # A plain month copied in is sealed, kept. If that cannot be written (a full disk),
    # the StoreError goes up and the journal stays locked, every file as it was: opened
    # under the key, the plain ones would pass for damaged ("start a fresh journal").
    seal_plain_parts(journal, codec, sealed)
    journal.unlock(codec)
    if journal.available:
        secure_backups(journal, plain)
    return True


def check_passphrase(journal: JournalStore | Database, passphrase: str) -> bool:
    """Does this passphrase open the journal? (Before changing or removing it.) A
    journal no passphrase could open raises StoreCorrupt (or StoreTooNew)."""
    if isinstance(journal, Database):
        return check_file_passphrase(journal, passphrase)
    if not passphrase:
        return False
    from companion.store.crypto import Keyring

    sealed = journal.sealed_parts()
    try:
        codecs = journal_codecs(journal, Keyring(passphrase), sealed)
    except EnvelopeTooNew as error:
        raise StoreTooNew(journal.folder, error.found, error.known) from error
    if not codecs:
        if sealed:
            return False
        raise StoreCorrupt(journal.folder, "no file of the journal has a readable envelope")
    return opening(journal, codecs, sealed) is not None


# -- the old single file ---------------------------------------------------------------------
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
    from companion.store.backup import list_backups
    from companion.store.crypto import EncryptedCodec

    for backup in list_backups(db.path, db.backup_dir):
        try:
            raw = read_plain(backup.path)
            codec = EncryptedCodec.for_file(keyring, raw)
            codec.decode(raw)
        except (CodecError, OSError):
            continue  # plain, unreadable, damaged itself, or not this passphrase
        return codec
    return None


def unlock_file(db: Database, passphrase: str) -> bool:
    """Open one encrypted file (the old single journal.db), by its own rules."""
    try:
        codec = _codec_for(db, passphrase)
    except EnvelopeTooNew:
        db.open()  # still locked: reports the file as too new, touches nothing
        return True
    if codec is None:
        db.refuse_key()
        return False
    problem = db.unlock(codec)
    return problem is None or problem.kind != "wrong_passphrase"


def check_file_passphrase(db: Database, passphrase: str) -> bool:
    try:
        codec = _codec_for(db, passphrase)
        if codec is None:
            return False
        codec.decode(read_plain(db.path))
    except WrongPassphrase:
        return False
    except EnvelopeTooNew as error:
        raise StoreTooNew(db.path, error.found, error.known) from error
    except CodecError as error:
        raise StoreCorrupt(db.path, str(error)) from error
    except OSError as error:
        raise StoreUnreadable(db.path, error.strerror or str(error)) from error
    return True
