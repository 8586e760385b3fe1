"""Unlocking a journal some of whose files are plain: a month copied back in from before
the passphrase was set, or from another copy of the journal.

Each plain file that reads as plain JSON is sealed with the key that opened the others,
all in one commit (commit.py: a kill leaves all of them plain or all of them sealed),
before any is opened under that key. Before, opening one under the key took it for
damaged and set it aside; for one encrypted month copied into a plain journal, that was
every other month. Only when every sealed file whose header can be read carries the
key's salt: with a month from another journal (its own salt) among them, which key is
the journal's is not known, and nothing is sealed (as before: the plain months pass for
damaged, set aside, never lost). A plain file that does not read as JSON is
left to the usual rules (damaged: set aside, its backup offered).

Every plain search file is dropped with them, and the index (a plain search file holds
the text, casefolded); they are made again, sealed. Their plain backups are sealed by
``secure_backups``, as after any unlock. If they cannot be written (a full disk), the
StoreError goes up and the journal stays locked with every file as it was: opened under
the key anyway, they would pass for damaged.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from companion.store import search_file, segments
from companion.store.codec import CodecError, default_codec
from companion.store.envelope import read_header
from companion.store.file_marks import starts_encrypted
from companion.store.search_cache import INDEX
from companion.system.plain_file import read_plain

if TYPE_CHECKING:
    from companion.store.crypto import EncryptedCodec
    from companion.store.journal import JournalStore


def seal_plain_parts(journal: JournalStore, codec: EncryptedCodec, sealed: list[Path]) -> list[str]:
    """Seal with ``codec`` (a key proven on ``sealed``) every other part that reads as
    plain JSON; the names of those sealed. The caller has not opened any part under the
    key yet."""
    if not _plain_found(journal, set(sealed)):
        return []  # (the usual unlock: a look at each file's first bytes, no lock taken)
    if any(_other_key(codec, path) for path in sealed):
        return []  # months under another key too: which is the journal's is not known
    plain, files, drop = default_codec(), {}, []
    with journal.transaction():
        for name in segments.part_names(journal.folder):
            path = journal.part_path(name)
            found = search_file.search_path(path)
            if found.exists() and not starts_encrypted(found):  # the text, casefolded
                drop.append(found.name)
            if starts_encrypted(path):
                continue
            try:
                tables = plain.decode(read_plain(path))
            except (OSError, CodecError):  # sealed since, or not ours: the usual rules
                continue
            files[path.name] = codec.encode(tables)
        if files or drop:
            journal.commit(files, drop=[*drop, INDEX])
    return [name[: -len(segments.SUFFIX)] for name in files]


def _plain_found(journal: JournalStore, sealed: set[Path]) -> bool:
    for name in segments.part_names(journal.folder):
        path = journal.part_path(name)
        found = search_file.search_path(path)
        if path not in sealed or (found.exists() and not starts_encrypted(found)):
            return True
    return False


def _other_key(codec: EncryptedCodec, path: Path) -> bool:
    """Is ``path`` sealed under another salt or parameters than ``codec``'s (by a header
    that can be read)? All of the journal's files share them; a month copied in from
    another journal does not."""
    try:
        header = read_header(path)
    except (OSError, CodecError):
        return False  # (unreadable or damaged: the usual rules tell)
    return (header.salt, header.params) != (codec.salt, codec.params)
