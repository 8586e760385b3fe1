"""Passphrase encryption for a store (the envelope is described in envelope.py).

The key comes from the passphrase with scrypt and the parameters stored in the file,
so they can be raised later without breaking old files. Every write uses a fresh
random nonce and AES-256-GCM; the salt stays with the file until the passphrase
changes. There is no recovery: without the passphrase the bytes are noise.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from companion.store.codec import Codec, CodecError, Tables, WrongPassphrase, default_codec
from companion.store.envelope import NONCE_BYTES, SALT_BYTES, Header, KdfParams, parse_header

MAX_KEYS = 8  # keys made from one passphrase, a salt each, before more are refused


class Keyring:
    """The passphrase while the journal is unlocked, and the keys made from it.

    Keys are cached per (salt, parameters): deriving one is deliberately slow. The
    journal's files share one salt; an older backup or a month copied in from another
    journal may carry another. A folder of months each under a salt of its own (300 of
    them took half a minute to open, a scrypt each) gets MAX_KEYS keys made, and the
    rest are refused like a wrong passphrase's files, without a key.
    """

    def __init__(self, passphrase: str) -> None:
        if not passphrase:
            raise ValueError("a passphrase cannot be empty")
        self._secret = passphrase.encode("utf-8")
        self._keys: dict[tuple[bytes, KdfParams], bytes] = {}

    def key(self, salt: bytes, params: KdfParams) -> bytes:
        cached = self._keys.get((salt, params))
        if cached is None:
            if len(self._keys) >= MAX_KEYS:
                raise WrongPassphrase("one salt too many: no key is made for this file")
            kdf = Scrypt(salt=salt, length=32, n=2**params.log2_n, r=params.r, p=params.p)
            cached = self._keys[(salt, params)] = kdf.derive(self._secret)
        return cached


class EncryptedCodec:
    """Wraps the JSON codec in the envelope above. Decoding has no side effects: files
    with another salt (an older backup) open too, and writes keep this codec's salt."""

    encrypted = True

    def __init__(
        self,
        keyring: Keyring,
        params: KdfParams | None = None,
        salt: bytes | None = None,
        inner: Codec | None = None,
    ) -> None:
        self.keyring = keyring
        self.params = params or KdfParams()
        self.salt = salt or os.urandom(SALT_BYTES)
        self.inner = inner or default_codec()

    def encode(self, tables: Tables) -> bytes:
        return self.seal(self.inner.encode(tables))

    def decode(self, raw: bytes) -> Tables:
        return self.inner.decode(self.unseal(raw))

    def seal(self, payload: bytes) -> bytes:
        """Any bytes (a store, a search file) in the envelope, with a fresh nonce."""
        header = Header(self.params, self.salt, os.urandom(NONCE_BYTES)).pack()
        key = self.keyring.key(self.salt, self.params)
        return header + AESGCM(key).encrypt(header[-NONCE_BYTES:], payload, header)

    def unseal(self, raw: bytes) -> bytes:
        header, start = parse_header(raw)
        key = self.keyring.key(header.salt, header.params)
        try:
            return AESGCM(key).decrypt(header.nonce, raw[start:], raw[:start])
        except InvalidTag as error:
            raise WrongPassphrase("the passphrase does not open this file") from error

    def same_key(self, raw: bytes) -> bool:
        """Was ``raw`` sealed with this codec's salt and parameters (by its header)?"""
        try:
            header, _start = parse_header(raw)
        except CodecError:
            return False
        return (header.salt, header.params) == (self.salt, self.params)

    @classmethod
    def for_file(cls, keyring: Keyring, raw: bytes) -> EncryptedCodec:
        """A codec that keeps writing with an existing file's salt and parameters."""
        header, _start = parse_header(raw)
        return cls(keyring, header.params, header.salt)
