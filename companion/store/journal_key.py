"""Which key opens the journal, for a passphrase: found by the files' headers, proven by
opening one of them. All of the journal's files share one salt and scrypt parameters, so
one scrypt opens them all; a month copied in from another journal carries its own.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from companion.store.codec import CodecError
from companion.store.envelope import EnvelopeTooNew, KdfParams, read_header
from companion.store.journal import JournalStore
from companion.system.plain_file import read_plain

if TYPE_CHECKING:
    from companion.store.crypto import EncryptedCodec, Keyring

PROOF_TRIES = 3  # the smallest files a key is tried on before it is called wrong
MOST_KEYS = 3  # tied salts tried (a scrypt each) before a passphrase is called wrong


def journal_codecs(
    journal: JournalStore, keyring: Keyring, sealed: list[Path]
) -> list[EncryptedCodec]:
    """The codecs the journal's files may be sealed with, for this passphrase: the salt
    and parameters most of ``sealed`` (the journal's encrypted parts) carry by their
    headers (each tied one, at most MOST_KEYS, a scrypt each); with none readable, that
    of a backup the passphrase opens. Months copied in from another journal carry their
    own: taken from the smallest file's header, as before, a stranger's passphrase
    opened the journal and the journal's own did not. A key only a few months carry is
    not tried: opened with it, the journal's own months would pass for damaged and the
    app would set them aside."""
    from companion.store.crypto import EncryptedCodec

    shared: Counter[tuple[bytes, KdfParams]] = Counter()
    for path in sealed:
        try:
            header = read_header(path)
        except EnvelopeTooNew:
            raise
        except (CodecError, OSError):
            continue
        shared[(header.salt, header.params)] += 1
    most = max(shared.values(), default=0)
    tied = [key for key, count in shared.most_common() if count == most][:MOST_KEYS]
    found = [EncryptedCodec(keyring, params, salt) for salt, params in tied]
    return found or _backup_codec(journal, keyring)


def _backup_codec(journal: JournalStore, keyring: Keyring) -> list[EncryptedCodec]:
    """The codec of the first backup this passphrase opens (a scrypt per salt)."""
    from companion.store.crypto import EncryptedCodec

    for path in journal.backup_files():
        try:
            raw = read_plain(path)
            codec = EncryptedCodec.for_file(keyring, raw)
            codec.decode(raw)
        except (CodecError, OSError):
            continue
        return [codec]
    return []


def opening(
    journal: JournalStore, codecs: list[EncryptedCodec], sealed: list[Path]
) -> EncryptedCodec | None:
    """The first of ``codecs`` proven to open the journal; else, when some months'
    headers were readable but no key of theirs opened one (the journal's own damaged,
    months from another journal whole), a backup's key, proven by opening it."""
    found = next((codec for codec in codecs if proven(journal, codec, sealed)), None)
    if found is None and codecs:
        keyring = codecs[0].keyring
        found = next(
            (c for c in _backup_codec(journal, keyring) if proven(journal, c, sealed)), None
        )
    return found


def proven(journal: JournalStore, codec: EncryptedCodec, sealed: list[Path]) -> bool:
    """Does ``codec`` open one of the journal's files, ``sealed`` (or, if every one is
    damaged, a backup sealed with their salt)? Only then is it the journal's key."""
    tried = 0
    for path in sealed:
        try:
            raw = read_plain(path)
        except OSError:
            continue
        if not codec.same_key(raw):
            continue
        try:
            codec.decode(raw)
            return True
        except CodecError:
            tried += 1
            if tried >= PROOF_TRIES:
                break
    for path in journal.backup_files():
        try:
            raw = read_plain(path)
            if codec.same_key(raw):
                codec.decode(raw)
                return True
        except (CodecError, OSError):
            continue
    return False
