"""The encrypted file's envelope: header layout and parsing (no cryptography here, so
anything can ask "is this file encrypted?" cheaply).

One authenticated envelope per file.

Layout (all in the header is authenticated as associated data):

    magic "CMPNENC\\0" (8) | version (1) | kdf id (1) | log2 N, r, p (3)
    | salt length (1) | salt | nonce (12) | AES-256-GCM ciphertext + tag

The key comes from the passphrase with scrypt and the parameters stored in the file,
so they can be raised later without breaking old files. Every write uses a fresh
random nonce; the salt stays with the file until the passphrase changes. There is no
recovery: without the passphrase the bytes are noise.
"""

# Not `from __future__ import annotations`: fields of a NamedTuple given as text are
# compiled when the module loads (the first compile ~2 ms), on every command's path.

import os
import struct
from pathlib import Path
from typing import NamedTuple

from companion.store.codec import ENCRYPTED_MAGIC as MAGIC
from companion.store.codec import CodecError
from companion.system.plain_file import open_plain

VERSION = 1
KDF_SCRYPT = 1
NONCE_BYTES = 12
SALT_BYTES = 16
_FIXED = struct.Struct("<8sBBBBBB")  # magic, version, kdf, log2_n, r, p, salt length


HEAD_BYTES = 256  # enough for any header this version writes (the salt is 16 bytes)


class EnvelopeTooNew(CodecError):
    """A newer companion wrote this file: leave it exactly as it is."""

    def __init__(self, found: int) -> None:
        super().__init__(f"encryption format {found} is newer than {VERSION}")
        self.found = found
        self.known = VERSION


# N × r × p a header may ask of scrypt: 32 times what companion writes (2**15 × 8 × 1),
# at most 1 GiB of memory (128 × N × r bytes) and a few seconds. A file in the folder
# asking for more (up to 16 GiB in the fields' ranges) is taken for damaged, never run.
MAX_SCRYPT_WORK = 1 << 23


class KdfParams(NamedTuple):
    log2_n: int = 15  # scrypt N = 32768: about 0.1 s and 32 MB, once per unlock
    r: int = 8
    p: int = 1


class Header(NamedTuple):
    params: KdfParams
    salt: bytes
    nonce: bytes

    def pack(self) -> bytes:
        fixed = _FIXED.pack(
            MAGIC,
            VERSION,
            KDF_SCRYPT,
            self.params.log2_n,
            self.params.r,
            self.params.p,
            len(self.salt),
        )
        return fixed + self.salt + self.nonce


def is_encrypted(raw: bytes) -> bool:
    return raw.startswith(MAGIC)


def parse_header(raw: bytes) -> tuple[Header, int]:
    """The header and where the ciphertext starts; CodecError if it is not ours."""
    if not is_encrypted(raw):
        raise CodecError("not an encrypted companion store")
    if len(raw) < _FIXED.size:
        raise CodecError("the encrypted file is cut short")
    _magic, version, kdf, log2_n, r, p, salt_len = _FIXED.unpack_from(raw)
    if version > VERSION:
        raise EnvelopeTooNew(version)
    if version != VERSION or kdf != KDF_SCRYPT:
        raise CodecError(f"unknown encryption format {version}/{kdf}")
    if not (10 <= log2_n <= 22 and 1 <= r <= 32 and 1 <= p <= 16 and salt_len >= 8):
        raise CodecError("implausible key parameters")
    if (1 << log2_n) * r * p > MAX_SCRYPT_WORK:  # a crafted file: memory, minutes
        raise CodecError("its key would cost more than companion allows")
    start = _FIXED.size + salt_len + NONCE_BYTES
    if len(raw) < start + 16:  # the GCM tag alone is 16 bytes
        raise CodecError("the encrypted file is cut short")
    salt = raw[_FIXED.size : _FIXED.size + salt_len]
    nonce = raw[_FIXED.size + salt_len : start]
    return Header(KdfParams(log2_n, r, p), salt, nonce), start


def read_header(path: Path) -> Header:
    """The header of an encrypted file on disk; CodecError if it is not ours or is
    damaged (EnvelopeTooNew if a newer companion wrote it), OSError if unreadable."""
    with os.fdopen(open_plain(path), "rb") as handle:  # (a named pipe: refused, not waited on)
        return parse_header(handle.read(HEAD_BYTES))[0]
