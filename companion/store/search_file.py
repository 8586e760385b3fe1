"""The search file beside each journal segment: its entries' casefolded text, so a search
scans bytes and decodes only the hits (the block format is in core/search_block.py).

``entries-2026-11.search`` belongs to ``entries-2026-11.db``. It records the identity
(inode, size, modification time) of the segment it was made from; one that does not
match its segment, does not add up, fails its checksum or does not open with the key
is not used: it is made again from the segment. It holds journal text, so it is sealed
with the journal's codec (encrypted exactly when the segment is). It is a cache: it is
written without fsync, and a write that fails (a full disk) changes nothing else.

Layout (sealed whole by the codec)::

    "CMPNSRCH" | header length (u32 LE) | header JSON {v, identity, count, hay, rows, crc}
    | entry starts (count + 1 u32 LE) | row starts (count + 1 u32 LE) | text | rows
"""

from __future__ import annotations

import json
import struct
import sys
import zlib
from array import array
from pathlib import Path

from companion.core.search_block import Block
from companion.store.codec import Codec, CodecError
from companion.system.atomic import write_atomic

MAGIC = b"CMPNSRCH"
VERSION = 2  # 2: rows carry the list's line and the tags as written
SUFFIX = ".search"
_LENGTH = struct.Struct("<I")

Identity = tuple[int, int, int]


def search_path(segment: Path) -> Path:
    return segment.with_suffix(SUFFIX)


def segment_identity(segment: Path) -> Identity | None:
    """What says a search file was made from the segment as it is now."""
    try:
        st = segment.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


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


def pack(block: Block, identity: Identity | None) -> bytes:
    body = _le(block.starts) + _le(block.row_starts) + block.hay + block.rows
    header = {
        "v": VERSION,
        "identity": list(identity) if identity else None,
        "count": len(block),
        "hay": len(block.hay),
        "rows": len(block.rows),
        "kinds": sorted(block.kinds),
        "crc": zlib.crc32(body),
    }
    head = json.dumps(header, separators=(",", ":")).encode("ascii")
    return MAGIC + _LENGTH.pack(len(head)) + head + body


def unpack(payload: bytes) -> tuple[Identity | None, Block]:
    """The identity it was made from and the block; CodecError if anything is off."""
    if not payload.startswith(MAGIC) or len(payload) < len(MAGIC) + _LENGTH.size:
        raise CodecError("not a search file")
    (size,) = _LENGTH.unpack_from(payload, len(MAGIC))
    start = len(MAGIC) + _LENGTH.size
    try:
        header = json.loads(payload[start : start + size])
        count, hay, rows = int(header["count"]), int(header["hay"]), int(header["rows"])
        identity = tuple(header["identity"]) if header["identity"] else None
        version, crc = header["v"], header["crc"]
        kinds = frozenset(str(k) for k in header["kinds"])
    except (ValueError, KeyError, TypeError) as error:
        raise CodecError("the search file's header is unreadable") from error
    if version != VERSION:
        raise CodecError(f"search file version {version}")
    body = memoryview(payload)[start + size :]
    offsets = 4 * (count + 1)
    if count < 0 or len(body) != 2 * offsets + hay + rows or zlib.crc32(body) != crc:
        raise CodecError("the search file does not add up")
    starts = _from_le(bytes(body[:offsets]))
    row_starts = _from_le(bytes(body[offsets : 2 * offsets]))
    if starts[-1] != hay or row_starts[-1] != rows or starts[0] != 0 or row_starts[0] != 0:
        raise CodecError("the search file does not add up")
    text = bytes(body[2 * offsets : 2 * offsets + hay])
    rest = bytes(body[2 * offsets + hay :])
    return identity, Block(text, starts, rest, row_starts, kinds)  # type: ignore[return-value]


def read(segment: Path, codec: Codec) -> Block | None:
    """The search file of ``segment`` if it is whole and made from it as it is now."""
    try:
        raw = search_path(segment).read_bytes()
        identity, block = unpack(codec.unseal(raw))
    except (OSError, CodecError):
        return None
    if identity is None or identity != segment_identity(segment):
        return None
    return block


def write(segment: Path, codec: Codec, block: Block) -> bool:
    """Keep ``block`` as the search file of ``segment`` as it is now. False if it could
    not be written (it is made again when needed)."""
    identity = segment_identity(segment)
    if identity is None:
        return False
    try:
        write_atomic(search_path(segment), codec.seal(pack(block, identity)), durable=False)
    except OSError:
        return False
    return True
