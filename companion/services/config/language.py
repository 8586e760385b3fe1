"""The ``language`` setting alone, read as ``load_config`` reads it: what a short
command (``companion note``) needs before anything else, without building every
setting's parser. Anything ``load_config`` would not use gives "auto", its default."""

# Not `from __future__ import annotations`: fields of a NamedTuple given as text are
# compiled when the module loads (the first compile ~2 ms), on every command's path.

import stat
from pathlib import Path
from typing import NamedTuple

from companion.system.content import available_languages
from companion.system.parsed_toml import parse_toml

AUTO = "auto"  # Settings.language's default: follow COMPANION_LANG and the locale


class LanguageSetting(NamedTuple):
    value: str  # "auto", or a language companion speaks
    # The file is there but could not be read as settings, or its language is not one
    # companion speaks: load_config has a problem to tell.
    doubtful: bool = False


def language_setting(path: Path, kept: Path | None = None) -> LanguageSetting:
    """config.toml's ``language``, "auto" when the file or the value can't be used, and
    whether that was because something in the file could not be used. ``kept``: where
    its parse is kept (system/parsed_toml.py)."""
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):  # a folder, a pipe, a device: load_config uses defaults
            return LanguageSetting(AUTO, doubtful=True)
        data = parse_toml(path.read_bytes().decode("utf-8-sig"), kept)
    except FileNotFoundError:
        return LanguageSetting(AUTO)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return LanguageSetting(AUTO, doubtful=True)  # (TOMLDecodeError is a ValueError)
    if "language" not in data:
        return LanguageSetting(AUTO)
    value = data["language"]
    if isinstance(value, str) and value in (AUTO, *available_languages()):
        return LanguageSetting(value)
    return LanguageSetting(AUTO, doubtful=True)


def configured_language(path: Path, kept: Path | None = None) -> str:
    """config.toml's ``language``, or "auto" when the file or the value can't be used."""
    return language_setting(path, kept).value
