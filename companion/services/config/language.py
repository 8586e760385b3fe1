"""The ``language`` setting alone, read as ``load_config`` reads it: what a short
command (``companion note``) needs before anything else, without building every
setting's parser. Anything ``load_config`` would not use gives "auto", its default."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

from companion.system.content import available_languages

AUTO = "auto"  # Settings.language's default: follow COMPANION_LANG and the locale


def configured_language(path: Path) -> str:
    """config.toml's ``language``, or "auto" when the file or the value can't be used."""
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):  # a folder, a pipe, a device: load_config uses defaults
            return AUTO
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return AUTO  # (tomllib.TOMLDecodeError is a ValueError)
    value = data.get("language")
    if isinstance(value, str) and value in (AUTO, *available_languages()):
        return value
    return AUTO
