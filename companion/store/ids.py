"""Ids of new records: random UUIDs (version 4), as ``str(uuid.uuid4())`` writes them.

Made here from ``os.urandom`` because the ``uuid`` module imports ``platform`` (a few
milliseconds), and ``companion note`` pays every import of its path."""

from __future__ import annotations

import os


def new_id() -> str:
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # the RFC 4122 variant
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
