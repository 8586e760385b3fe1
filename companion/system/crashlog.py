"""An unexpected error, written down for troubleshooting without anything private.

The log keeps the error's type and where it happened (file, line, function). It never
keeps the error's message or any local variables: either could hold journal text.
Only OS errors add their error number and reason, which are about the machine.
"""

from __future__ import annotations

import os
import traceback
from datetime import datetime
from pathlib import Path

from companion.system.paths import FILE_MODE, ensure_dir

MAX_BYTES = 512 * 1024


def describe(error: BaseException) -> list[str]:
    lines = []
    current: BaseException | None = error
    while current is not None:
        kind = f"{type(current).__module__}.{type(current).__qualname__}"
        if isinstance(current, OSError) and current.errno is not None:
            kind += f" [errno {current.errno}: {current.strerror}]"
        lines.append(kind)
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f"  at {_short(frame.filename)}:{frame.lineno} in {frame.name}")
        current = current.__cause__ or current.__context__
        if current is not None:
            lines.append("caused by:")
    return lines


def _short(filename: str) -> str:
    parts = Path(filename).parts
    for anchor in ("companion", "textual", "tinydb", "rich"):
        if anchor in parts:
            return "/".join(parts[len(parts) - parts[::-1].index(anchor) - 1 :])
    return Path(filename).name


def write_crash(log_file: Path, error: BaseException, when: datetime, version: str) -> Path:
    ensure_dir(log_file.parent)
    if log_file.exists() and log_file.stat().st_size > MAX_BYTES:
        log_file.replace(log_file.with_suffix(".log.1"))
    entry = (
        "\n".join(
            [f"--- {when.isoformat(timespec='seconds')} companion {version}", *describe(error)]
        )
        + "\n"
    )
    fd = os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
    try:
        os.write(fd, entry.encode("utf-8"))
    finally:
        os.close(fd)
    return log_file
