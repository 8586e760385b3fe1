"""TOML read once: a file's parse is kept as JSON, with the text it was made from.

Every command reads config.toml and a few content packs. tomllib takes about 5 ms to
import (its regular expressions, ``string``) and parses in Python, ~0.5 ms a pack;
JSON is decoded in C. So the first reading of a text keeps what it gave in companion's
cache folder (``Paths.cache_dir``: never the data folder, which holds only the
person's own words), and a later reading of the very same text takes it from there:
the copy holds the whole text and is used only when that text is equal, character for
character, to the one being read (no timestamps to go wrong), by the same Python (whose
tomllib made it).

A copy is zlib-compressed (its check catches damage; and a search of companion's
folders for a word of the app's own texts finds the packs, not a copy of them). One
that cannot be used is passed over and written anew: damaged, too big, a link, or made
from other text. A file in its place that is not a copy (another program's, in a
folder the person chose) is left alone, and ``remove_copies`` (wipe) takes only
copies. Nothing is kept for a parse JSON cannot hold exactly (dates, times), nor on a
disk nearly full: the last free blocks are for the person's writing. Errors are
tomllib's own (a ``ValueError``), as before; a copy that cannot be written is not one.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import zlib
from pathlib import Path
from typing import Any

from companion.system.atomic import remove_dead_temps_in, write_atomic
from companion.system.paths import ensure_dir

# The Python that made it: another one's tomllib may read the same text otherwise.
MAGIC = b"companion parsed toml 1 py%d.%d\n" % sys.version_info[:2]
MARK = b"companion parsed toml "  # what every copy starts with, of any Python
MAX_BYTES = 1 << 20  # a copy bigger than this is not kept (a pack's is ~10 kB)
MAX_JSON = 2 << 20  # nor one that holds more (a pack: ~40 kB)
FREE_FOR_A_COPY = 64 << 20  # below this much free space, nothing is kept
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_FLAGS |= getattr(os, "O_CLOEXEC", 0)


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
        fd = os.open(kept, _FLAGS)
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
    """Write the copy, if JSON holds ``data`` exactly and nothing but a copy is there."""
    try:
        body = json.dumps([text, data], ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (TypeError, ValueError, RecursionError):  # a date, a time; inf or nan
        return
    if len(body) > MAX_JSON or json.loads(body)[1] != data:
        return
    payload = MAGIC + zlib.compress(body, 1)
    folder = kept.parent
    try:
        if len(payload) > MAX_BYTES or not _ours_or_none(kept):
            return
        if not _real_folder(folder):
            if os.path.lexists(folder) or not folder.parent.is_dir():
                return  # a link or a file by that name; the folder above gone (wiped)
            ensure_dir(folder)
        free = os.statvfs(folder)
        if free.f_bavail * free.f_frsize < FREE_FOR_A_COPY:
            return
        remove_dead_temps_in(folder)  # a killed writer's, of any copy
        write_atomic(kept, payload, durable=False, follow_link=False)
    except OSError:  # a full disk, a read-only folder (FolderProblem is an OSError)
        return


def _ours_or_none(path: Path) -> bool:
    """Nothing there, a link (replaced, never followed), or a copy of ours."""
    try:
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:
        return True
    except OSError:  # a link (O_NOFOLLOW), or not ours to read
        return os.path.islink(path)
    try:
        return os.read(fd, len(MARK)) == MARK
    finally:
        os.close(fd)


def remove_copies(folder: Path) -> None:
    """Delete the copies in ``folder`` (and a killed writer's temps), then the folder
    if nothing else is in it: another program's files there stay."""
    if not _real_folder(folder):
        return
    remove_dead_temps_in(folder)
    for entry in os.scandir(folder):
        path = Path(entry.path)
        if entry.is_file(follow_symlinks=False) and _ours_or_none(path):
            path.unlink()
    with contextlib.suppress(OSError):
        folder.rmdir()


def _real_folder(folder: Path) -> bool:
    """A folder, not a link to one (whoever put a link there chose where we would
    write; a cache does without)."""
    try:
        return stat.S_ISDIR(os.lstat(folder).st_mode)
    except OSError:
        return False
