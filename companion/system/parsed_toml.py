"""TOML read once: a file's parse is kept as JSON, with the text it was made from.

Every command reads config.toml and a few content packs. tomllib takes about 5 ms to
import (its regular expressions, ``string``) and parses in Python, ~0.5 ms a pack;
JSON is decoded in C. So the first reading of a text keeps what it gave in companion's
cache folder (``Paths.cache_dir``: never the data folder, which holds only the
person's own words), and a later reading of the very same text takes it from there:
the copy holds the whole text and is used only when that text is equal, character for
character, to the one being read (no timestamps to go wrong).

A copy is zlib-compressed (its check catches damage; and a search of companion's
folders for a word of the app's own texts finds the packs, not a copy of them). One
that cannot be used is passed over and written anew: damaged, foreign, too big, a
link, not a plain file, or made from other text. Nothing is kept for a parse JSON
cannot hold exactly (dates, times): that file is read from TOML each time. Errors are
tomllib's own (a ``ValueError``), as before; a copy that cannot be written (a full
disk, a read-only folder) is not an error.
"""

from __future__ import annotations

import json
import os
import stat
import zlib
from pathlib import Path
from typing import Any

from companion.system.atomic import remove_stale_temps, write_atomic
from companion.system.paths import ensure_dir

MAGIC = b"companion parsed toml 1\n"
MAX_BYTES = 4 << 20  # a copy bigger than this is not ours (a pack's is ~10 kB)
MAX_JSON = 16 << 20  # nor one that holds more
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def parse_toml(text: str, kept: Path | None = None) -> dict[str, Any]:
    """``tomllib.loads(text)``, from the copy at ``kept`` when it was made from ``text``
    (and kept there when it was not). ``kept=None``: parsed, nothing kept."""
    if kept is not None:
        found = _read(kept, text)
        if found is not None:
            return found
    import tomllib

    data = tomllib.loads(text)
    if kept is not None:
        _keep(kept, text, data)
    return data


def _read(kept: Path, text: str) -> dict[str, Any] | None:
    if not _real_folder(kept.parent):
        return None
    try:
        fd = os.open(kept, _FLAGS | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        raw = os.read(fd, info.st_size + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    if not raw.startswith(MAGIC):
        return None
    unpack = zlib.decompressobj()
    try:
        body = unpack.decompress(raw[len(MAGIC) :], MAX_JSON)
        if unpack.unconsumed_tail or unpack.unused_data or not unpack.eof:
            return None  # more than MAX_JSON, something after it, or cut short
        found = json.loads(body)
    except (zlib.error, ValueError, RecursionError):
        return None
    if isinstance(found, list) and len(found) == 2 and found[0] == text:
        data = found[1]
        if isinstance(data, dict):
            return data
    return None


def _keep(kept: Path, text: str, data: dict[str, Any]) -> None:
    """Write the copy, if JSON holds ``data`` exactly."""
    try:
        body = json.dumps([text, data], ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (TypeError, ValueError, RecursionError):  # a date, a time; inf or nan
        return
    if len(body) > MAX_JSON or json.loads(body)[1] != data:
        return
    payload = MAGIC + zlib.compress(body, 1)
    folder = kept.parent
    try:
        if not _real_folder(folder):
            if os.path.lexists(folder) or not folder.parent.is_dir():
                return  # a link or a file by that name; the folder above gone (wiped)
            ensure_dir(folder)
        remove_stale_temps(folder, lambda name: name == kept.name)  # a killed writer's
        write_atomic(kept, payload, durable=False, follow_link=False)
    except OSError:  # a full disk, a read-only folder (FolderProblem is an OSError)
        return


def _real_folder(folder: Path) -> bool:
    """A folder, not a link to one (whoever put a link there chose where we would
    write; a cache does without)."""
    try:
        return stat.S_ISDIR(os.lstat(folder).st_mode)
    except OSError:
        return False
