"""The search file beside each journal segment: its entries' casefolded text, so a search
scans bytes and decodes only the hits (the block format is in core/search_block.py).

``entries-2026-11.search`` belongs to ``entries-2026-11.db``. It records the identity
(inode, size, modification time) of the segment it was made from and a digest of the
segment's bytes. One whose identity matches is used as it is; one whose identity does
not (the data folder was copied or restored: new inodes) is used if the segment's bytes
still have its digest, and is labelled with the new identity. One that matches neither,
does not add up, fails its checksum or does not open with the key is not used: it is
made again from the segment. It holds journal text, so it is sealed
with the journal's codec (encrypted exactly when the segment is). It is a cache: it is
written without fsync, and a write that fails (a full disk) changes nothing else.

Layout (sealed whole by the codec)::

    "CMPNSRCH" | header length (u32 LE)
    | header JSON {v, identity, digest, count, hay, rows, kinds, crc, rows_crc}
    | entry starts (count + 1 u32 LE) | row starts (count + 1 u32 LE)
    | each row's crc32 (count u32 LE) | text | rows

``crc`` covers everything from the entry starts to the end of the text, ``rows_crc``
the rows. A file read whole checks both. ``companion find`` maps a plain search file
into memory instead (``mapped``) and checks ``crc`` and, of the rows, only those it
reads, each against its own crc: a rare word then touches the text and a few rows, half
the bytes. A row that fails its check raises ``DamagedRow`` (the caller reads the files
whole, which finds the damaged one and makes it again).
"""

# Not `from __future__ import annotations`: fields of a NamedTuple given as text are
# compiled when the module loads (the first compile ~2 ms), on every command's path.

import json
import os
import struct
import sys
import zlib
from array import array
from pathlib import Path
from typing import NamedTuple

from companion.core.search_block import Block, Scannable
from companion.store.codec import Codec, CodecError
from companion.system.atomic import write_atomic
from companion.system.plain_file import map_plain, open_plain, read_plain

MAGIC = b"CMPNSRCH"
VERSION = 3  # 2: rows carry the list's line and the tags as written; 3: a crc per row
SUFFIX = ".search"
_LENGTH = struct.Struct("<I")

Identity = tuple[int, int, int]


class Made(NamedTuple):  # (not a dataclass: this module is on `note`'s import path)
    """What a search file says it was made from, and its block."""

    identity: Identity | None
    digest: str | None  # None in files written before digests were kept
    block: Block


def search_path(segment: Path) -> Path:
    return segment.with_suffix(SUFFIX)


def segment_identity(segment: Path) -> Identity | None:
    """What says a search file was made from the segment as it is now; None if there is
    no file to read there (none, or a link to nowhere or to itself: reading it says so)."""
    try:
        st = segment.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def segment_now(segment: Path) -> tuple[Identity, str] | None:
    """The segment's identity and the digest of its bytes, both from one open file (a
    writer that replaces the segment meanwhile cannot mix the two)."""
    try:
        with os.fdopen(open_plain(segment), "rb") as file:  # (a named pipe is not waited on)
            st = os.fstat(file.fileno())
            raw = file.read()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns), digest_of(raw)


def digest_of(raw: bytes) -> str:
    """Which bytes a search file was made from: two 32-bit checksums of them (64 bits,
    so two months' bytes that differ share one by chance about once in 2**64). A label
    for a cache, not a seal: whoever can change the segment can change its search file,
    and hashlib would load OpenSSL (~5 ms of every ``companion note``). Files labelled
    with sha256 before (32 digits) match none of these: a copied folder's are made
    again once."""
    return f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"


def _le(values: array) -> bytes:
    if sys.byteorder == "big":  # pragma: no cover - big-endian machines only
        values = array("I", values)
        values.byteswap()
    return values.tobytes()


def _from_le(raw: bytes) -> array:
    values = array("I")
    values.frombytes(raw)
    if sys.byteorder == "big":  # pragma: no cover
        values.byteswap()
    return values


def pack(block: Block, identity: Identity | None, digest: str | None = None) -> bytes:
    text, rows = block.text(), block.all_rows()
    sums = array("I", (zlib.crc32(block.row_bytes(i)) for i in range(len(block))))
    body = _le(block.starts) + _le(block.row_starts) + _le(sums) + text
    header = {
        "v": VERSION,
        "identity": list(identity) if identity else None,
        "digest": digest,
        "count": len(block),
        "hay": len(text),
        "rows": len(rows),
        "kinds": sorted(block.kinds),
        "crc": zlib.crc32(body),
        "rows_crc": zlib.crc32(rows),
    }
    head = json.dumps(header, separators=(",", ":")).encode("ascii")
    return MAGIC + _LENGTH.pack(len(head)) + head + body + rows


def unpack(payload: Scannable, whole: bool = True) -> Made:
    """What it was made from and the block, which keeps ``payload`` (nothing is copied
    out of it); CodecError if anything is off. Not ``whole``: the rows are checked one
    by one as they are read (see the module's docstring)."""
    if payload[: len(MAGIC)] != MAGIC or len(payload) < len(MAGIC) + _LENGTH.size:  # type: ignore[arg-type]
        raise CodecError("not a search file")
    (size,) = _LENGTH.unpack_from(payload, len(MAGIC))  # type: ignore[call-overload]
    start = len(MAGIC) + _LENGTH.size
    try:
        header = json.loads(payload[start : start + size])
        count, hay, rows = int(header["count"]), int(header["hay"]), int(header["rows"])
        identity = tuple(header["identity"]) if header["identity"] else None
        digest = header.get("digest")
        version, crc, rows_crc = header["v"], header["crc"], header["rows_crc"]
        kinds = frozenset(str(k) for k in header["kinds"])
    except (ValueError, KeyError, TypeError, OverflowError, RecursionError) as error:
        # (OverflowError: a count of Infinity; RecursionError: nested 100,000 deep)
        raise CodecError("the search file's header is unreadable") from error
    if version != VERSION:
        raise CodecError(f"search file version {version}")
    if digest is not None and not isinstance(digest, str):
        raise CodecError("the search file's header is unreadable")
    at = start + size
    offsets = 4 * (count + 1)
    text_at = at + 3 * offsets - 4
    rows_at = text_at + hay
    view = memoryview(payload)  # type: ignore[arg-type]
    if count < 0 or hay < 0 or rows < 0 or len(view) != rows_at + rows:
        raise CodecError("the search file does not add up")
    if zlib.crc32(view[at:rows_at]) != crc or (whole and zlib.crc32(view[rows_at:]) != rows_crc):
        raise CodecError("the search file does not add up")
    starts = _from_le(bytes(view[at : at + offsets]))
    row_starts = _from_le(bytes(view[at + offsets : at + 2 * offsets]))
    sums = None if whole else _from_le(bytes(view[at + 2 * offsets : text_at]))
    view.release()
    if starts[-1] != hay or row_starts[-1] != rows or starts[0] != 0 or row_starts[0] != 0:
        raise CodecError("the search file does not add up")
    block = Block(payload, starts, payload, row_starts, kinds, text_at, rows_at, sums)
    return Made(identity, digest, block)  # type: ignore[arg-type]


def _made(segment: Path, codec: Codec, mapped: bool = False) -> Made | None:
    path = search_path(segment)
    try:
        if mapped and not codec.encrypted:
            return unpack(map_plain(path), whole=False)
        return unpack(codec.unseal(read_plain(path)))
    except (OSError, ValueError, CodecError):
        return None


def read(
    segment: Path, codec: Codec, mapped: bool = False, seen: Identity | None = None
) -> Block | None:
    """The search file of ``segment`` if it is whole and made from it as it is now (or
    as the caller ``seen`` it a moment ago: one stat less a segment, for a search that
    looked at them all). ``mapped``: see the module's docstring (its rows may raise
    DamagedRow)."""
    made = _made(segment, codec, mapped)
    if made is None or made.identity is None:
        return None
    return made.block if made.identity == (seen or segment_identity(segment)) else None


def adopt(segment: Path, codec: Codec) -> tuple[Identity, Block] | None:
    """The segment's identity now and its search file's block, if the file is whole and
    made from the same bytes, even when the segment is another file now (copied,
    restored); the file is labelled with that identity, so the next read takes it at a
    glance. The caller holds the journal's lock (no writer changes the segment
    meanwhile)."""
    made = _made(segment, codec)
    if made is None or made.digest is None:
        return None
    try:
        now = segment_now(segment)
    except OSError:
        return None
    if now is None or now[1] != made.digest:
        return None
    if now[0] != made.identity:
        _keep(segment, codec, made.block, *now)
    return now[0], made.block


def write(segment: Path, codec: Codec, block: Block) -> bool:
    """Keep ``block`` as the search file of ``segment`` as it is now. False if it could
    not be written (it is made again when needed)."""
    try:
        now = segment_now(segment)
    except OSError:
        return False
    return now is not None and _keep(segment, codec, block, *now)


def _keep(segment: Path, codec: Codec, block: Block, identity: Identity, digest: str) -> bool:
    try:
        payload = codec.seal(pack(block, identity, digest))
        write_atomic(search_path(segment), payload, durable=False, follow_link=False)
    except OSError:
        return False
    return True
